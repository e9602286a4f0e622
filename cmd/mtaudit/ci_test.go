package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/suppress"
)

// ciArticle is written for these tests: English left in brackets, which
// untranslated.bracket flags (major: the default gate fails it by penalty).
const ciArticle = "La réforme des retraites divise la majorité\n\n" +
	"Le gouvernement a présenté mercredi un texte sur les [pension funds] qui doit être examiné en commission la semaine prochaine, selon plusieurs députés.\n\n" +
	"Les syndicats appellent à une nouvelle journée de mobilisation jeudi dans plusieurs villes du pays.\n"

// ciEdited adds a paragraph before (every offset moves) and new English after.
const ciEdited = "La réforme des retraites divise la majorité\n\n" +
	"Un paragraphe ajouté au début décale tout le reste du texte de plusieurs dizaines d’octets.\n\n" +
	"Le gouvernement a présenté mercredi un texte sur les [pension funds] qui doit être examiné en commission la semaine prochaine, selon plusieurs députés.\n\n" +
	"Les syndicats appellent à une nouvelle [general strike] jeudi dans plusieurs villes du pays.\n"

func TestOutputFileAndQuiet(t *testing.T) {
	dir := inTempDir(t)
	writeFile(t, "a.txt", ciArticle)
	o := mtaudit(t, "audit", "--lang", "fr", "--format", "junit", "--output", "report.xml", "--quiet", "--messages", "en", "a.txt")
	o.expect(t, 1)
	if lines := strings.Split(strings.TrimSpace(o.stdout), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], "1 article: 0 pass, 1 fail") {
		t.Errorf("--quiet should print the summary line alone, got:\n%s", o.stdout)
	}
	o = mtaudit(t, "audit", "--lang", "fr", "--format", "junit", "--output", "report.xml", "a.txt")
	o.expect(t, 1)
	if o.stdout != "" {
		t.Errorf("with --output, standard output should be empty, got:\n%s", o.stdout)
	}
	data, err := os.ReadFile("report.xml")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Tests int `xml:"tests,attr"`
	}
	if err := xml.Unmarshal(data, &v); err != nil || v.Tests != 1 {
		t.Errorf("report.xml: %v, tests=%d\n%s", err, v.Tests, data)
	}
	// A run that fails with a usage error leaves the old file as it was and no temporary file.
	o = mtaudit(t, "audit", "--lang", "fr", "--format", "junit", "--output", "report.xml", "--baseline", "absent.json", "a.txt")
	o.expect(t, 2)
	if again, _ := os.ReadFile("report.xml"); string(again) != string(data) {
		t.Errorf("a failed run changed the output file")
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestBaselineCommand(t *testing.T) {
	inTempDir(t)
	writeFile(t, "news/a.txt", ciArticle)
	o := mtaudit(t, "audit", "--lang", "fr", "--write-baseline", "baseline.json", "news")
	o.expect(t, 1)
	base, err := suppress.Load("baseline.json")
	if err != nil || len(base.Entries) == 0 || base.Kind != suppress.KindBaseline {
		t.Fatalf("baseline: %v %+v", err, base)
	}
	// Unchanged: every finding is in the baseline, the article passes.
	o = mtaudit(t, "audit", "--lang", "fr", "--baseline", "baseline.json", "--format", "json", "news")
	o.expect(t, 0)
	// Edited elsewhere: the old finding stays out, the new one is reported.
	writeFile(t, "news/a.txt", ciEdited)
	o = mtaudit(t, "audit", "--lang", "fr", "--baseline", "baseline.json", "--messages", "en", "news")
	if strings.Contains(o.stdout, "[pension funds]") || !strings.Contains(o.stdout, "[general strike]") {
		t.Errorf("want only the new finding reported:\n%s", o.stdout)
	}
	if !strings.Contains(o.stdout, "suppressed") {
		t.Errorf("the summary line does not count suppressed findings:\n%s", o.stdout)
	}
	// A damaged baseline is a clear error.
	writeFile(t, "bad.json", `{"version": 1, "entries": [], "extra": true}`)
	o = mtaudit(t, "audit", "--lang", "fr", "--baseline", "bad.json", "news")
	o.expect(t, 2)
	if !strings.Contains(o.stderr, `bad.json: json: unknown field "extra"`) {
		t.Errorf("error does not name the file and field: %s", o.stderr)
	}
}

// A suppressions file given by the configuration (relative to it, found
// from a subdirectory) is honoured.
func TestSuppressionsFromConfig(t *testing.T) {
	dir := inTempDir(t)
	writeFile(t, "a.txt", ciArticle)
	sup := &suppress.File{Version: suppress.Version, Kind: suppress.KindSuppressions}
	sup.Add(suppress.Entry{Key: suppress.Key{Article: "../a.txt", Rule: "untranslated.bracket", Quote: "[pension funds]", Occurrence: 1}, Reason: "quoted title"})
	if err := sup.WriteFile(filepath.Join(dir, "conf", "s.json")); err == nil {
		t.Fatal("WriteFile into a missing directory should fail")
	}
	os.Mkdir("conf", 0o755)
	if err := sup.WriteFile(filepath.Join(dir, "conf", "s.json")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, ".mtaudit.yaml", "lang: fr\nsuppressions: conf/s.json\n")
	os.Mkdir("sub", 0o755)
	t.Chdir(filepath.Join(dir, "sub"))
	o := mtaudit(t, "audit", "--format", "json", "../a.txt")
	o.expect(t, 0)
	o = mtaudit(t, "audit", "--quiet", "--messages", "en", "../a.txt")
	if !strings.Contains(o.stdout, "1 suppressed") {
		t.Errorf("summary: %s", o.stdout)
	}
}

func TestConfigPrint(t *testing.T) {
	dir := inTempDir(t)
	writeFile(t, ".git/HEAD", "ref: main\n")
	writeFile(t, ".mtaudit.yaml", "lang: de\ngate:\n  fail_on: major\n")
	os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755)
	t.Chdir(filepath.Join(dir, "a", "b"))
	o := mtaudit(t, "config", "--print", "--disable", "typography")
	o.expect(t, 0)
	for _, want := range []string{"from " + filepath.Join(dir, ".mtaudit.yaml") + "\nlang: de", "# from --disable\ndisable:\n  - typography", "# default\nglossary"} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("config --print lacks %q:\n%s", want, o.stdout)
		}
	}
	// What it prints is a configuration the strict loader takes.
	cfg, err := audit.ParseConfig("printed", []byte(o.stdout))
	if err != nil || cfg.Lang != "de" || cfg.Gate.FailOn != "major" {
		t.Errorf("printed configuration: %v %+v", err, cfg)
	}
	// Outside the checkout's root nothing above is read.
	writeFile(t, filepath.Join(dir, "a", ".git", "HEAD"), "ref: main\n")
	o = mtaudit(t, "config", "--print")
	o.expect(t, 0)
	if !strings.Contains(o.stdout, "no configuration file") {
		t.Errorf("a nested checkout should stop the search:\n%s", o.stdout)
	}
}

func TestInitWritesAStrictStarter(t *testing.T) {
	inTempDir(t)
	o := mtaudit(t, "init")
	o.expect(t, 0)
	if _, err := audit.LoadConfig(".mtaudit.yaml"); err != nil {
		t.Fatalf("the starter does not decode strictly: %v", err)
	}
	data, _ := os.ReadFile(".mtaudit.yaml")
	if !strings.Contains(string(data), "# ") || !strings.Contains(string(data), "suppressions") {
		t.Errorf("starter lacks comments:\n%s", data)
	}
	writeFile(t, ".mtaudit.yaml", "lang: fr\n")
	o = mtaudit(t, "init")
	o.expect(t, 2)
	if !strings.Contains(o.stderr, "--force") {
		t.Errorf("refusal does not mention --force: %s", o.stderr)
	}
	if again, _ := os.ReadFile(".mtaudit.yaml"); string(again) != "lang: fr\n" {
		t.Errorf("init overwrote without --force")
	}
	mtaudit(t, "init", "--force").expect(t, 0)
	if again, _ := os.ReadFile(".mtaudit.yaml"); string(again) != starterConfig {
		t.Errorf("--force did not overwrite")
	}
	// Every commented-out key, uncommented, still decodes.
	var lines []string
	for _, l := range strings.Split(starterConfig, "\n") {
		if strings.HasPrefix(l, "# lang:") || strings.HasPrefix(l, "# severity:") || strings.HasPrefix(l, "#   typography:") || strings.HasPrefix(l, "# suppressions:") {
			l = strings.TrimPrefix(l, "# ")
		}
		lines = append(lines, l)
	}
	if _, err := audit.ParseConfig("uncommented", []byte(strings.Join(lines, "\n"))); err != nil {
		t.Errorf("the starter's commented keys do not decode: %v", err)
	}
}

// With --out, the per-article reports and summary.json leave suppressed
// findings out too, and the summary counts them.
func TestBaselineWithOutDir(t *testing.T) {
	inTempDir(t)
	writeFile(t, "news/a.txt", ciArticle)
	mtaudit(t, "audit", "--lang", "fr", "--write-baseline", "b.json", "news").expect(t, 1)
	writeFile(t, "news/a.txt", ciEdited)
	o := mtaudit(t, "audit", "--lang", "fr", "--baseline", "b.json", "--out", "out", "--format", "json", "news")
	data, err := os.ReadFile(filepath.Join("out", "a.json"))
	if err != nil {
		ents, _ := os.ReadDir("out")
		t.Fatalf("per-article report: %v (out holds %v)\n%s", err, ents, o.stderr)
	}
	if strings.Contains(string(data), "[pension funds]") || !strings.Contains(string(data), "[general strike]") {
		t.Errorf("per-article report keeps a suppressed finding or lost the new one:\n%s", data)
	}
	sum, _ := os.ReadFile(filepath.Join("out", "summary.json"))
	if !strings.Contains(string(sum), `"suppressed": 1`) {
		t.Errorf("summary.json does not count the suppressed finding:\n%s", sum)
	}
}

// --resume with a baseline: a resumed report was filtered when stored and
// is not filtered again (a second occurrence must not take the first's key).
func TestBaselineWithResume(t *testing.T) {
	inTempDir(t)
	twice := strings.Replace(ciArticle, "Les syndicats appellent", "Les [pension funds] inquiètent ; les syndicats appellent", 1)
	writeFile(t, "news/a.txt", ciArticle)
	mtaudit(t, "audit", "--lang", "fr", "--write-baseline", "b.json", "news").expect(t, 1)
	writeFile(t, "news/a.txt", twice)
	first := mtaudit(t, "audit", "--lang", "fr", "--baseline", "b.json", "--out", "out", "--format", "json", "news")
	again := mtaudit(t, "audit", "--lang", "fr", "--baseline", "b.json", "--out", "out", "--resume", "--format", "json", "news")
	count := func(o outcome) int { return strings.Count(o.stdout, `"quote": "[pension funds]"`) }
	if count(first) != 1 || count(again) != 1 {
		t.Errorf("want the second occurrence reported once in each run, got %d and %d\n%s", count(first), count(again), again.stdout)
	}
}
