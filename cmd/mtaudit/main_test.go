package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// cli is one run of the command with buffers for its streams.
type cli struct {
	stdin string
	env   map[string]string
	tty   bool
}

type outcome struct {
	code           int
	stdout, stderr string
}

func (c cli) run(t *testing.T, args ...string) outcome {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{
		stdin: strings.NewReader(c.stdin), stdout: &out, stderr: &errb,
		getenv:    func(k string) string { return c.env[k] },
		stdoutTTY: c.tty, stderrTTY: c.tty,
	}
	code := run(args, e)
	return outcome{code, out.String(), errb.String()}
}

func mtaudit(t *testing.T, args ...string) outcome {
	t.Helper()
	return cli{}.run(t, args...)
}

func (o outcome) expect(t *testing.T, code int) {
	t.Helper()
	if o.code != code {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", o.code, code, o.stdout, o.stderr)
	}
}

// repoPath returns a path relative to the repository root.
// (Resolved against the package directory, before any test changes the
// working directory.)
func repoPath(t *testing.T, rel string) string {
	t.Helper()
	if repoRootErr != nil {
		t.Fatal(repoRootErr)
	}
	return filepath.Join(repoRoot, rel)
}

var repoRoot, repoRootErr = filepath.Abs(filepath.Join("..", ".."))

// inTempDir runs the test in an empty working directory, so no
// .mtaudit.yaml of the developer's is read.
func inTempDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

func writeFile(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// --- mtaudit rules

func TestRulesListsEveryRule(t *testing.T) {
	o := mtaudit(t, "rules")
	o.expect(t, 0)
	lines := strings.Split(strings.TrimRight(o.stdout, "\n"), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "ID") {
		t.Fatalf("no table:\n%s", o.stdout)
	}
	// Columns are aligned: every row has its category where the header has CATEGORY.
	col := strings.Index(lines[0], "CATEGORY")
	for _, l := range lines[1:] {
		fields := strings.Fields(l)
		if len(fields) < 4 || !audit.Category(fields[1]).Valid() {
			t.Errorf("bad row %q", l)
			continue
		}
		if strings.Index(l, " "+fields[1]+" ")+1 != col || !strings.HasPrefix(fields[0], fields[1]+".") {
			t.Errorf("row %q not aligned under the header", l)
		}
	}

	js := mtaudit(t, "rules", "--format", "json")
	js.expect(t, 0)
	var list []struct {
		ID, Category, Severity, Title string
	}
	if err := json.Unmarshal([]byte(js.stdout), &list); err != nil {
		t.Fatalf("rules --format json: %v", err)
	}
	if len(list) != len(lines)-1 {
		t.Errorf("json lists %d rules, text %d", len(list), len(lines)-1)
	}
	for _, r := range list {
		if r.ID == "" || r.Title == "" || r.Severity == "" {
			t.Errorf("incomplete rule %+v", r)
		}
	}
}

func TestRulesShowsOneRule(t *testing.T) {
	js := mtaudit(t, "rules", "--format", "json")
	js.expect(t, 0)
	var list []struct{ ID string }
	if err := json.Unmarshal([]byte(js.stdout), &list); err != nil || len(list) == 0 {
		t.Fatalf("no rules: %v", err)
	}
	id := list[0].ID
	o := mtaudit(t, "rules", id)
	o.expect(t, 0)
	for _, want := range []string{"# " + id, "Category:", "Default severity:", "## Must trigger", "## Must not trigger"} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("rules %s lacks %q:\n%s", id, want, o.stdout)
		}
	}
	full := mtaudit(t, "rules", id, "--format", "json")
	full.expect(t, 0)
	var r struct {
		Doc      string
		Examples []audit.Example
	}
	if err := json.Unmarshal([]byte(full.stdout), &r); err != nil || r.Doc == "" || len(r.Examples) < 2 {
		t.Errorf("rules %s --format json: %v %+v", id, err, r)
	}
}

func TestRulesByCategory(t *testing.T) {
	o := mtaudit(t, "rules", "garbled")
	o.expect(t, 0)
	for _, l := range strings.Split(strings.TrimSpace(o.stdout), "\n")[1:] {
		if !strings.HasPrefix(l, "garbled.") {
			t.Errorf("rules garbled lists %q", l)
		}
	}
}

func TestRulesUnknownID(t *testing.T) {
	o := mtaudit(t, "rules", "untranslated.no-such-rule")
	o.expect(t, 2)
	if !strings.Contains(o.stderr, `no rule "untranslated.no-such-rule"`) {
		t.Errorf("stderr: %s", o.stderr)
	}
}

// --- configuration

// The example configuration loads, sets every key the configuration has,
// and builds an engine with the real registry.
func TestExampleConfig(t *testing.T) {
	path := repoPath(t, "testdata/config/example.mtaudit.yaml")
	cfg, err := audit.LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := newEngine(withoutLLM(cfg), &env{getenv: func(string) string { return "" }}); err != nil {
		t.Fatalf("engine from the example: %v", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range yamlKeys(reflect.TypeOf(audit.Config{}), "") {
		if !strings.Contains(string(data), "\n"+key+":") && !strings.HasPrefix(string(data), key+":") {
			t.Errorf("example.mtaudit.yaml does not set %q", strings.TrimSpace(key))
		}
	}
	if cfg.Gate.FailOn != "major" || cfg.Gate.MaxPenalty != 8 || !cfg.Accepts("Morrow & Lane") || len(cfg.Glossary) == 0 {
		t.Errorf("values not read: %+v", cfg)
	}
	if cfg.Boilerplate["*"] == nil || len(cfg.Boilerplate) < 2 {
		t.Errorf("boilerplate per site not read: %v", cfg.Boilerplate)
	}
}

// withoutLLM keeps the test offline: the example enables the LLM pass.
func withoutLLM(c *audit.Config) *audit.Config {
	c.LLM.Enabled = false
	return c
}

// yamlKeys lists the YAML keys of a struct as they appear in a file,
// indented two spaces per level for nested structs (not maps).
func yamlKeys(t reflect.Type, indent string) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if tag == "" || tag == "-" || !f.IsExported() {
			continue
		}
		out = append(out, indent+tag)
		if f.Type.Kind() == reflect.Struct && f.Type.PkgPath() == t.PkgPath() {
			out = append(out, yamlKeys(f.Type, indent+"  ")...)
		}
	}
	return out
}

func TestBadConfigKey(t *testing.T) {
	dir := inTempDir(t)
	cfg := writeFile(t, filepath.Join(dir, "bad.yaml"), "gate:\n  fail_on: major\n  max_penalti: 3\n")
	art := writeFile(t, filepath.Join(dir, "a.txt"), "Le conseil s’est réuni mardi.\n")
	o := mtaudit(t, "audit", "--config", cfg, art)
	o.expect(t, 2)
	if !strings.Contains(o.stderr, "bad.yaml:3:") || !strings.Contains(o.stderr, "max_penalti") {
		t.Errorf("error does not point at file:line: %s", o.stderr)
	}
	// The default file in the working directory is read the same way.
	writeFile(t, filepath.Join(dir, ".mtaudit.yaml"), "lang: fr\nseverity:\n  nonsense: major\n")
	o = mtaudit(t, "audit", art)
	o.expect(t, 2)
	if !strings.Contains(o.stderr, ".mtaudit.yaml") || !strings.Contains(o.stderr, "nonsense") {
		t.Errorf("stderr: %s", o.stderr)
	}
}

// --- mtaudit eval

func TestEvalOnTestdata(t *testing.T) {
	inTempDir(t)
	dir := repoPath(t, "testdata/articles")
	o := mtaudit(t, "eval", "--gold", dir)
	o.expect(t, 0)
	lines := strings.Split(strings.TrimRight(o.stdout, "\n"), "\n")
	if !strings.HasPrefix(lines[0], "category ") || len(lines) < 11 {
		t.Fatalf("no table:\n%s", o.stdout)
	}
	last := lines[len(lines)-1]
	var r, p float64
	var n int
	if _, err := fmt.Sscanf(last, "recall %f precision %f fp_clean %d", &r, &p, &n); err != nil {
		t.Fatalf("last line %q: %v", last, err)
	}
	// A floor above any possible score fails the run with exit 1.
	o = mtaudit(t, "eval", "--gold", dir, "--min-recall", "1.01")
	o.expect(t, 1)
	if !strings.Contains(o.stderr, "recall") {
		t.Errorf("stderr: %s", o.stderr)
	}
	o = mtaudit(t, "eval", "--gold", dir, "--min-precision", "1.01")
	o.expect(t, 1)

	js := mtaudit(t, "eval", "--gold", dir, "--format", "json")
	js.expect(t, 0)
	var got struct {
		Recall, Precision float64
		FPClean           int `json:"fp_clean"`
	}
	if err := json.Unmarshal([]byte(js.stdout), &got); err != nil {
		t.Fatal(err)
	}
	if math.Abs(got.Recall-r) > 0.0005 || math.Abs(got.Precision-p) > 0.0005 || got.FPClean != n {
		t.Errorf("json %+v, text %v %v %d", got, r, p, n)
	}
}

// eval --report writes the very report it scored: score.py on it prints
// what eval printed.
func TestEvalReportAgreesWithScorePy(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	script := repoPath(t, "../shared/tools/score.py")
	if _, err := os.Stat(script); err != nil {
		t.Skip("score.py not found")
	}
	dir := inTempDir(t)
	gold := repoPath(t, "testdata/articles")
	report := filepath.Join(dir, "report.json")
	o := mtaudit(t, "eval", "--gold", gold, "-v", "--report", report)
	o.expect(t, 0)
	want, err := exec.Command(py, script, report, gold, "-v").CombinedOutput()
	if err != nil {
		t.Fatalf("score.py: %v\n%s", err, want)
	}
	if o.stdout != string(want) {
		t.Errorf("eval and score.py differ\neval:\n%s\nscore.py:\n%s", o.stdout, want)
	}
}

func TestEvalErrors(t *testing.T) {
	dir := inTempDir(t)
	mtaudit(t, "eval").expect(t, 2)
	mtaudit(t, "eval", "--gold", filepath.Join(dir, "absent")).expect(t, 2)
	mtaudit(t, "eval", "--gold", dir).expect(t, 2) // no gold files
	writeFile(t, filepath.Join(dir, "a.txt"), "Un texte.\n")
	writeFile(t, filepath.Join(dir, "a.gold.json"), `{"findings":[{"category":"name","quote":"absent"}]}`)
	o := mtaudit(t, "eval", "--gold", dir)
	o.expect(t, 2)
	if !strings.Contains(o.stderr, "gold quote not in a") {
		t.Errorf("stderr: %s", o.stderr)
	}
	mtaudit(t, "eval", "--gold", repoPath(t, "testdata/articles"), "--only", "nonsense").expect(t, 2)
}
