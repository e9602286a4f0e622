package eval_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/reports"
	"github.com/mtaudit/mtaudit/rules"
	"github.com/mtaudit/mtaudit/services/eval"
)

// The project's own annotated articles.
const articlesDir = "../../testdata/articles"

// Floors for rule-only scores on testdata/articles. They only rise: raise
// them when rules improve, never lower them to pass.
const (
	floorRecall    = 0.6
	floorPrecision = 0.7
)

func newEngine(t *testing.T) *audit.Engine {
	t.Helper()
	registry, err := rules.All()
	if err != nil {
		t.Fatalf("rule registry: %v", err)
	}
	cfg := audit.DefaultConfig()
	cfg.Lang = "fr"
	eng, err := audit.NewEngine(registry, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// auditDir audits dir as one run, failing on any unreadable input.
func auditDir(t *testing.T, dir string) []*audit.Result {
	t.Helper()
	results, bad, err := eval.Audit(context.Background(), newEngine(t), dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bad {
		t.Errorf("%s: %v", b.Path, b.Err)
	}
	return results
}

// The full registry over testdata/articles: per-category recall and
// precision are logged; the test fails below the floors.
func TestTestdataArticlesScore(t *testing.T) {
	gold, err := eval.LoadDir(articlesDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) < 10 {
		t.Fatalf("only %d annotated articles in %s", len(gold), articlesDir)
	}
	s := eval.Compute(gold, eval.FromResults(auditDir(t, articlesDir)), eval.Options{})
	var buf bytes.Buffer
	if err := s.WriteText(&buf, true); err != nil {
		t.Fatal(err)
	}
	t.Logf("rule-only score on %s:\n%s", articlesDir, buf.String())
	if s.Recall < floorRecall || s.Precision < floorPrecision {
		t.Errorf("recall %.3f precision %.3f; floors are %.2f and %.2f", s.Recall, s.Precision, floorRecall, floorPrecision)
	}
}

// Every gold file of the project parses and quotes its article.
func TestTestdataGoldFilesAreValid(t *testing.T) {
	gold, err := eval.LoadDir(articlesDir)
	if err != nil {
		t.Fatal(err)
	}
	clean := 0
	for _, a := range gold {
		if len(a.Gold.Findings) == 0 {
			clean++
		}
		for _, it := range a.Gold.Findings {
			if !audit.Category(it.Category).Valid() {
				t.Errorf("%s: unknown category %q", a.Name, it.Category)
			}
			if it.Needs != "" && it.Needs != "llm" {
				t.Errorf("%s: needs %q (only \"llm\" is defined)", a.Name, it.Needs)
			}
		}
	}
	if clean < 3 {
		t.Errorf("%d clean articles, want at least 3", clean)
	}
}

// The same JSON report scored by score.py and by this package gives the
// same table, lists and numbers, on the seeds and on testdata/articles.
func TestCorpusAgreesWithScorePy(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	root, _ := filepath.Abs("../..")
	script := filepath.Join(filepath.Dir(root), "shared", "tools", "score.py")
	if _, err := os.Stat(script); err != nil {
		t.Skip("shared/tools/score.py not found")
	}
	dirs := []string{articlesDir}
	if seeds := filepath.Join(filepath.Dir(root), "shared", "corpus", "seeds"); dirExists(seeds) {
		dirs = append(dirs, seeds)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			results := auditDir(t, dir)
			report := filepath.Join(t.TempDir(), "report.json")
			writeReport(t, report, results)
			f, err := os.Open(report)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := eval.ReadReport(f)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			gold, err := eval.LoadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, llm := range []bool{false, true} {
				args := []string{script, report, dir, "-v"}
				if llm {
					args = append(args, "--llm")
				}
				want, err := exec.Command(py, args...).CombinedOutput()
				if err != nil {
					t.Fatalf("score.py: %v\n%s", err, want)
				}
				s := eval.Compute(gold, rep, eval.Options{LLM: llm})
				var got bytes.Buffer
				if err := s.WriteText(&got, true); err != nil {
					t.Fatal(err)
				}
				if got.String() != string(want) {
					t.Errorf("llm=%v: outputs differ\nscore.py:\n%s\neval:\n%s", llm, want, got.String())
				}
				// Scoring the results directly gives the same as scoring their report.
				direct := eval.Compute(gold, eval.FromResults(results), eval.Options{LLM: llm})
				if direct.Recall != s.Recall || direct.Precision != s.Precision || direct.FPClean != s.FPClean {
					t.Errorf("llm=%v: results score %v/%v/%d, report scores %v/%v/%d", llm,
						direct.Recall, direct.Precision, direct.FPClean, s.Recall, s.Precision, s.FPClean)
				}
			}
		})
	}
}

func writeReport(t *testing.T, path string, results []*audit.Result) {
	t.Helper()
	p, err := reports.New("json", reports.Options{Tool: reports.Tool{Name: "mtaudit", Version: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	s := reports.NewSummary(reports.Tool{})
	p.Start(&buf)
	for _, r := range results {
		s.Add(r)
		if err := p.Article(&buf, r); err != nil {
			t.Fatal(err)
		}
	}
	p.End(&buf, s)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
