package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Test articles written for these tests. plainArticle has nothing an
// auditor should flag; doubleStopArticle ends a sentence in "..", which the
// garbled rules flag.
const (
	plainArticle = "Le conseil municipal vote son budget\n\n" +
		"Le conseil municipal de Quimper s’est réuni mardi soir pour voter le budget de l’année prochaine. " +
		"Les élus ont approuvé à l’unanimité la rénovation de deux écoles et l’extension du réseau de pistes cyclables.\n\n" +
		"Le maire a salué « un budget raisonnable » et annoncé une réunion publique au printemps.\n"
	doubleStopArticle = "La ville rénove son marché couvert\n\n" +
		"Les travaux du marché couvert de Vannes commenceront en mars et dureront près de deux ans, a indiqué la mairie ..\n\n" +
		"Les commerçants seront installés sous des halles provisoires sur la place voisine pendant toute la durée du chantier.\n"
)

// report is the JSON contract as the tests read it.
type report struct {
	Tool     struct{ Name, Version string }
	Articles []struct {
		Path     string
		Verdict  string
		Penalty  float64
		Findings []struct {
			Rule, Category, Severity, Quote string
			Start, End, Line, Column        int
		}
	}
	Errors []struct{ Path, Error string }
}

func parseReport(t *testing.T, s string) report {
	t.Helper()
	var r report
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		t.Fatalf("not the JSON contract: %v\n%s", err, s)
	}
	return r
}

func TestAuditAllPass(t *testing.T) {
	dir := inTempDir(t)
	a := writeFile(t, filepath.Join(dir, "arts", "conseil.txt"), plainArticle)
	b := writeFile(t, filepath.Join(dir, "arts", "sub", "marche.md"), plainArticle)
	o := mtaudit(t, "audit", "--messages", "en", filepath.Join(dir, "arts"))
	o.expect(t, 0)
	if !strings.HasSuffix(o.stdout, "2 articles: 2 pass, 0 fail; 0 findings\n") {
		t.Errorf("summary line:\n%s", o.stdout)
	}
	js := mtaudit(t, "audit", "--format", "json", a, b)
	js.expect(t, 0)
	r := parseReport(t, js.stdout)
	if len(r.Articles) != 2 || r.Articles[0].Path != a || r.Articles[1].Verdict != "pass" || len(r.Errors) != 0 {
		t.Errorf("report: %+v", r)
	}
}

func TestAuditGateFailsOnMinor(t *testing.T) {
	dir := inTempDir(t)
	art := writeFile(t, filepath.Join(dir, "marche.txt"), doubleStopArticle)
	// Every garbled finding is minor here, whatever the rule's default.
	cfg := writeFile(t, filepath.Join(dir, "minor.yaml"), "severity:\n  garbled: minor\n")

	js := mtaudit(t, "audit", "--config", cfg, "--rules", "garbled", "--format", "json", art)
	js.expect(t, 0) // the default gate fails on critical findings only
	r := parseReport(t, js.stdout)
	if len(r.Articles) != 1 || len(r.Articles[0].Findings) == 0 {
		t.Fatalf("the double full stop was not flagged: %s", js.stdout)
	}
	for _, f := range r.Articles[0].Findings {
		if f.Severity != "minor" || f.Category != "garbled" {
			t.Errorf("finding %+v: want minor garbled", f)
		}
		if f.Quote == "" || !strings.Contains(doubleStopArticle[f.Start:f.End], f.Quote) {
			t.Errorf("quote %q is not the text at [%d,%d)", f.Quote, f.Start, f.End)
		}
	}
	o := mtaudit(t, "audit", "--messages", "en", "--config", cfg, "--rules", "garbled", "--fail-on", "minor", art)
	o.expect(t, 1)
	if !strings.Contains(o.stdout, art+": fail:") || !strings.Contains(o.stdout, "1 article: 0 pass, 1 fail") {
		t.Errorf("text output:\n%s", o.stdout)
	}
	// --fail-on never and no penalty limit let it pass.
	mtaudit(t, "audit", "--config", cfg, "--fail-on", "never", "--max-penalty", "-1", art).expect(t, 0)
	// A penalty limit alone fails it.
	mtaudit(t, "audit", "--config", cfg, "--rules", "garbled", "--fail-on", "never", "--max-penalty", "0.1", art).expect(t, 1)
}

func TestAuditUnreadableInputs(t *testing.T) {
	dir := inTempDir(t)
	good := writeFile(t, filepath.Join(dir, "good.txt"), plainArticle)
	bin := writeFile(t, filepath.Join(dir, "image.txt"), "GIF89a\x00\x01\x02\x03")
	latin1 := writeFile(t, filepath.Join(dir, "latin1.txt"), "Le d\xe9put\xe9 a parl\xe9.\n")
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.txt")

	o := mtaudit(t, "audit", "--format", "json", missing, good, bin, latin1, empty)
	o.expect(t, 2)
	r := parseReport(t, o.stdout)
	if len(r.Articles) != 1 || r.Articles[0].Path != good {
		t.Errorf("the readable article was not audited: %+v", r.Articles)
	}
	reasons := map[string]string{}
	for _, e := range r.Errors {
		reasons[e.Path] = e.Error
	}
	for path, want := range map[string]string{
		missing: "no such file",
		bin:     "binary",
		latin1:  "not UTF-8",
		empty:   "no articles",
	} {
		if !strings.Contains(reasons[path], want) {
			t.Errorf("error for %s = %q, want it to say %q", filepath.Base(path), reasons[path], want)
		}
	}
	// Text output lists them the same way.
	o = mtaudit(t, "audit", "--messages", "en", missing, good)
	o.expect(t, 2)
	if !strings.Contains(o.stdout, missing+": error: no such file or directory\n") || !strings.Contains(o.stdout, "1 error") {
		t.Errorf("text output:\n%s", o.stdout)
	}
}

func TestAuditStdin(t *testing.T) {
	inTempDir(t)
	o := cli{stdin: plainArticle}.run(t, "audit", "--format", "json", "-")
	o.expect(t, 0)
	r := parseReport(t, o.stdout)
	if len(r.Articles) != 1 || r.Articles[0].Path != "-" {
		t.Errorf("stdin article: %+v", r.Articles)
	}
	// Empty standard input is an error entry, not a crash.
	o = cli{stdin: ""}.run(t, "audit", "--format", "json", "-")
	o.expect(t, 2)
	if r := parseReport(t, o.stdout); len(r.Errors) != 1 || r.Errors[0].Path != "-" {
		t.Errorf("empty stdin: %+v", r)
	}
}

func TestAuditJSONLines(t *testing.T) {
	dir := inTempDir(t)
	a := writeFile(t, filepath.Join(dir, "a.txt"), plainArticle)
	b := writeFile(t, filepath.Join(dir, "b.txt"), doubleStopArticle)
	o := mtaudit(t, "audit", "--format", "jsonl", a, b, filepath.Join(dir, "missing.txt"))
	o.expect(t, 2)
	lines := strings.Split(strings.TrimRight(o.stdout, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 2 articles and 1 error:\n%s", len(lines), o.stdout)
	}
	for i, l := range lines {
		var obj map[string]any
		if err := json.Unmarshal([]byte(l), &obj); err != nil {
			t.Fatalf("line %d is not one JSON object: %v", i+1, err)
		}
		if i < 2 && obj["path"] != []string{a, b}[i] {
			t.Errorf("line %d: path %v", i+1, obj["path"])
		}
		if i == 2 && obj["error"] == nil {
			t.Errorf("last line is not the error: %s", l)
		}
	}
}

func TestAuditOutDir(t *testing.T) {
	dir := inTempDir(t)
	a := writeFile(t, filepath.Join(dir, "in", "conseil.txt"), plainArticle)
	b := writeFile(t, filepath.Join(dir, "in", "marche.txt"), doubleStopArticle)
	out := filepath.Join(dir, "reports")
	o := mtaudit(t, "audit", "--out", out, a, b)
	o.expect(t, 0)
	for _, name := range []string{"conseil.md", "conseil.json", "marche.md", "marche.json", "summary.md", "summary.json"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	md, _ := os.ReadFile(filepath.Join(out, "marche.md"))
	// The reports of French articles are in French.
	if !strings.HasPrefix(string(md), "# marche.txt\n") || !strings.Contains(string(md), "**Verdict\u00a0: CONFORME**") {
		t.Errorf("marche.md:\n%s", md)
	}
	one := parseReport(t, mustRead(t, filepath.Join(out, "conseil.json")))
	if len(one.Articles) != 1 || one.Articles[0].Path != a {
		t.Errorf("conseil.json: %+v", one)
	}
	summary := mustRead(t, filepath.Join(out, "summary.md"))
	if !strings.Contains(summary, "(conseil.md)") || !strings.Contains(summary, "(marche.md)") {
		t.Errorf("summary.md does not link the reports:\n%s", summary)
	}
	var s struct {
		Articles, Passed int
		Worst            []struct{ Path, Report string }
	}
	if err := json.Unmarshal([]byte(mustRead(t, filepath.Join(out, "summary.json"))), &s); err != nil {
		t.Fatal(err)
	}
	if s.Articles != 2 || s.Passed != 2 || len(s.Worst) != 2 {
		t.Errorf("summary.json: %+v", s)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAuditColour(t *testing.T) {
	dir := inTempDir(t)
	art := writeFile(t, filepath.Join(dir, "marche.txt"), doubleStopArticle)
	for _, tc := range []struct {
		name   string
		tty    bool
		noColo string
		want   bool
	}{
		{"terminal", true, "", true},
		{"terminal with NO_COLOR", true, "1", false},
		{"pipe", false, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := cli{tty: tc.tty, env: map[string]string{"NO_COLOR": tc.noColo}}.run(t, "audit", "--rules", "garbled", art)
			if o.code != 0 && o.code != 1 {
				t.Fatalf("exit %d: %s", o.code, o.stderr)
			}
			if got := strings.Contains(o.stdout, "\x1b["); got != tc.want {
				t.Errorf("colour %v, want %v:\n%q", got, tc.want, o.stdout)
			}
		})
	}
}

func TestAuditUsageErrors(t *testing.T) {
	dir := inTempDir(t)
	art := writeFile(t, filepath.Join(dir, "a.txt"), plainArticle)
	o := mtaudit(t, "audit", "--rules", "untranslated.no-such-rule", art)
	o.expect(t, 2)
	if !strings.Contains(o.stderr, "untranslated.no-such-rule") {
		t.Errorf("stderr: %s", o.stderr)
	}
	mtaudit(t, "audit", "--disable", "nonsense", art).expect(t, 2)
	mtaudit(t, "audit", "--format", "pdf", art).expect(t, 2)
	mtaudit(t, "audit", "--fail-on", "sometimes", art).expect(t, 2)
	mtaudit(t, "audit").expect(t, 2)
	mtaudit(t, "no-such-command").expect(t, 2)
}

// The -update flag rewrites golden files; it is shared by the package's
// golden tests, whichever test file defines it first.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// The reports --out writes for testdata/articles match testdata/golden:
// NAME.md and NAME.json per article, summary.md and summary.json.
// They depend on the rules: after a rule change, check the difference and
// rewrite them with go test ./cmd/mtaudit -run TestGoldenTestdataReports -update.
func TestGoldenTestdataReports(t *testing.T) {
	saved := version
	version = "golden"
	t.Cleanup(func() { version = saved })
	tmp := t.TempDir()
	empty := writeFile(t, filepath.Join(tmp, "empty.yaml"), "# defaults\n")
	out := filepath.Join(tmp, "reports")
	t.Chdir(repoPath(t, "."))

	o := mtaudit(t, "audit", "--config", empty, "--format", "jsonl", "--out", out, "testdata/articles")
	if o.code != 0 && o.code != 1 {
		t.Fatalf("exit %d: %s", o.code, o.stderr)
	}
	golden := repoPath(t, "testdata/golden")
	got, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if updateGolden() {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(golden, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	names := map[string]bool{}
	for _, e := range got {
		if strings.HasPrefix(e.Name(), ".") {
			continue // the run's own bookkeeping, not a report
		}
		names[e.Name()] = true
		data := mustRead(t, filepath.Join(out, e.Name()))
		path := filepath.Join(golden, e.Name())
		if updateGolden() {
			writeFile(t, path, data)
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: no golden file (rewrite them with -update): %v", e.Name(), err)
			continue
		}
		if string(want) != data {
			t.Errorf("%s differs from testdata/golden (check, then rewrite with -update):\n%s", e.Name(), lineDiff(string(want), data))
		}
	}
	want, _ := os.ReadDir(golden)
	for _, e := range want {
		if !names[e.Name()] {
			t.Errorf("golden file %s was not written by the run", e.Name())
		}
	}
	if !names["summary.md"] || !names["summary.json"] || len(names) < 2*12+2 {
		t.Errorf("wrote %d files, want a .md and .json per article plus the summaries", len(names))
	}
}

// lineDiff shows the first differing line of two texts.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, a, b)
		}
	}
	return "(same lines)"
}

// countingWriter counts the writes it takes.
type countingWriter struct {
	strings.Builder
	writes int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.Builder.Write(p)
}

// The report to a file or a pipe is buffered: a run of many articles does
// not write once per article. On a terminal each article goes out as it
// comes (see TestProgressBarClearedBeforeResults); the report is the same.
func TestAuditReportBuffered(t *testing.T) {
	dir := inTempDir(t)
	const n = 40
	for i := range n {
		writeFile(t, filepath.Join(dir, "arts", fmt.Sprintf("a%02d.txt", i)), doubleStopArticle)
	}
	run := func(tty bool) (string, int) {
		var out countingWriter
		var errb strings.Builder
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
			getenv: func(string) string { return "" }, stdoutTTY: tty}
		if code := run([]string{"audit", "--format", "jsonl", "--no-progress", "--fail-on", "minor", filepath.Join(dir, "arts")}, e); code != 1 {
			t.Fatalf("exit %d, want 1\n%s", code, errb.String())
		}
		return out.String(), out.writes
	}
	piped, writes := run(false)
	if lines := strings.Count(piped, "\n"); lines != n {
		t.Fatalf("%d lines, want %d:\n%s", lines, n, piped)
	}
	if writes > 2 {
		t.Errorf("%d writes for %d articles to a pipe, want the report buffered", writes, n)
	}
	onTTY, ttyWrites := run(true)
	if onTTY != piped {
		t.Errorf("report on a terminal differs from the buffered one:\n%s\nwant\n%s", onTTY, piped)
	}
	if ttyWrites < n {
		t.Errorf("%d writes for %d articles on a terminal, want one an article", ttyWrites, n)
	}
}
