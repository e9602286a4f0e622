package eval

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The scoring fixture (testdata/scoring, testdata/scoring-report.json)
// exercises every rule of the spec: partial overlaps, two findings on one
// item, an occurrence that excludes a later copy, a wrong category, an
// optional item, a needs=llm item, a category outside the nine, a finding
// without offsets, a clean article, an article missing from the report and
// one report article without gold.

func loadFixture(t *testing.T) ([]Article, Report) {
	t.Helper()
	gold, err := LoadDir("testdata/scoring")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/scoring-report.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := ReadReport(f)
	if err != nil {
		t.Fatal(err)
	}
	return gold, rep
}

func TestComputeByHand(t *testing.T) {
	gold, rep := loadFixture(t)
	s := Compute(gold, rep, Options{})
	want := map[string]CategoryScore{
		"untranslated":   {"untranslated", 1, 2, 2, 3},
		"name":           {"name", 0, 1, 0, 1},
		"grammar":        {"grammar", 1, 1, 1, 2},
		"garbled":        {"garbled", 1, 1, 1, 2},
		"typography":     {"typography", 0, 0, 1, 2},
		"mistranslation": {"mistranslation", 0, 0, 0, 0},
	}
	for _, c := range s.Categories {
		if w, ok := want[c.Category]; ok && c != w {
			t.Errorf("%s: got %+v, want %+v", c.Category, c, w)
		}
	}
	if s.Other["weird"] != 1 {
		t.Errorf("other categories: %v", s.Other)
	}
	// 3 hits of 5 required; 5 correct of 11 findings (the unknown category counts).
	if s.Recall != 0.6 || s.Precision != 5.0/11 || s.FPClean != 2 {
		t.Errorf("recall %v precision %v fp_clean %d", s.Recall, s.Precision, s.FPClean)
	}
	if !reflect.DeepEqual(s.MissingArticles, []string{"c"}) {
		t.Errorf("missing articles %v", s.MissingArticles)
	}
	if len(s.Misses) != 2 || len(s.FalsePositives) != 6 {
		t.Errorf("%d misses, %d false positives", len(s.Misses), len(s.FalsePositives))
	}

	llm := Compute(gold, rep, Options{LLM: true})
	if llm.Recall != 0.5 {
		t.Errorf("with the LLM items recall is %v, want 3/6", llm.Recall)
	}
	only := Compute(gold, rep, Options{Only: "garbled"})
	if only.Recall != 1 || only.Precision != 0.5 {
		t.Errorf("--only garbled: recall %v precision %v", only.Recall, only.Precision)
	}
}

func TestSpansOf(t *testing.T) {
	text := []byte("aaa")
	if got := spansOf(text, "aa", 0); !reflect.DeepEqual(got, []span{{0, 2}, {1, 3}}) {
		t.Errorf("overlapping occurrences: %v", got)
	}
	if got := spansOf(text, "aa", 2); !reflect.DeepEqual(got, []span{{1, 3}}) {
		t.Errorf("second occurrence: %v", got)
	}
	if got := spansOf(text, "aa", 3); got != nil {
		t.Errorf("absent occurrence: %v", got)
	}
}

func TestArticleName(t *testing.T) {
	for in, want := range map[string]string{
		"dir/a.txt":      "a",
		"a.b.txt":        "a.b",
		"noext":          "noext",
		"dir/.hidden":    ".hidden",
		"dir/..x.txt":    "..x",
		"-":              "-",
		"feed.xml#3.txt": "feed.xml#3",
	} {
		if got := ArticleName(in); got != want {
			t.Errorf("ArticleName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoadDirRejectsAbsentQuote(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "x.txt"), []byte("Un texte."), 0o644)
	os.WriteFile(filepath.Join(dir, "x.gold.json"), []byte(`{"findings":[{"category":"name","quote":"absent"}]}`), 0o644)
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), "gold quote not in x") {
		t.Errorf("got %v", err)
	}
	os.WriteFile(filepath.Join(dir, "x.gold.json"), []byte(`{"findings":[{"category":"name","quote":"texte","occurrence":2}]}`), 0o644)
	if _, err := LoadDir(dir); err == nil {
		t.Errorf("a missing occurrence is not reported")
	}
}

// scorePy runs the independent scorer; it skips the test without python3
// or outside the shared tree.
func scorePy(t *testing.T, args ...string) []byte {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	script := sharedPath(t, "tools/score.py")
	out, err := exec.Command(py, append([]string{script}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("score.py %v: %v\n%s", args, err, out)
	}
	return out
}

// sharedPath finds ../shared/REL beside the repository, or skips.
func sharedPath(t *testing.T, rel string) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(filepath.Dir(root), "shared", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not found", p)
	}
	return p
}

// Both scorers print the same bytes for the same report: the table, the
// verbose lists and the last line; and the same numbers in JSON.
func TestAgreesWithScorePy(t *testing.T) {
	gold, rep := loadFixture(t)
	for _, tc := range []struct {
		args []string
		opt  Options
	}{
		{nil, Options{}},
		{[]string{"--llm"}, Options{LLM: true}},
		{[]string{"--only", "garbled"}, Options{Only: "garbled"}},
		{[]string{"--only", "untranslated", "--llm"}, Options{Only: "untranslated", LLM: true}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			s := Compute(gold, rep, tc.opt)
			args := append([]string{"testdata/scoring-report.json", "testdata/scoring"}, tc.args...)
			want := scorePy(t, append(args, "-v")...)
			var got bytes.Buffer
			if err := s.WriteText(&got, true); err != nil {
				t.Fatal(err)
			}
			if got.String() != string(want) {
				t.Errorf("text differs\nscore.py:\n%s\neval:\n%s", want, got.String())
			}
			compareJSON(t, scorePy(t, append(args, "--json")...), s)
		})
	}
}

// compareJSON checks that s's JSON holds score.py's --json object.
func compareJSON(t *testing.T, pyOut []byte, s *Score) {
	t.Helper()
	var want, got map[string]any
	if err := json.Unmarshal(pyOut, &want); err != nil {
		t.Fatalf("score.py --json: %v\n%s", err, pyOut)
	}
	var buf bytes.Buffer
	if err := s.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("eval JSON: %v\n%s", err, buf.String())
	}
	for k, v := range want {
		if !reflect.DeepEqual(got[k], v) {
			t.Errorf("%s: eval %v, score.py %v", k, got[k], v)
		}
	}
}
