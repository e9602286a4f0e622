package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/tools/txtar"

	"github.com/mtaudit/mtaudit/audit"
)

// shapeRuleIDs are the rules of the shape family (this file's subject).
var shapeRuleIDs = []string{
	"scraped.headline",
	"grammar.link-capital", "grammar.bare-participle", "grammar.qui-que", "grammar.fused-article",
	"garbled.double-stop", "garbled.repeated-word", "garbled.orphan", "garbled.fused-sentence",
	"garbled.lowercase-start",
}

func shapeRules(t testing.TB) []*audit.Rule {
	t.Helper()
	var out []*audit.Rule
	for _, id := range shapeRuleIDs {
		var found *audit.Rule
		for _, r := range goRules {
			if r.ID == id {
				found = r
			}
		}
		if found == nil {
			t.Fatalf("rule %s is not registered", id)
		}
		out = append(out, found)
	}
	return out
}

// shapeFinding is a diagnostic with the rule that made it.
type shapeFinding struct {
	Rule string
	audit.Diagnostic
}

// runShape runs rules over doc and checks every span: in bounds, not
// empty, on rune boundaries, fixes valid.
func runShape(t testing.TB, rules []*audit.Rule, doc *audit.Document) []shapeFinding {
	t.Helper()
	var out []shapeFinding
	for _, r := range rules {
		r.Run(audit.NewPass(doc, nil, func(d audit.Diagnostic) {
			if d.Start < 0 || d.End > len(doc.Text) || d.Start >= d.End ||
				!utf8.RuneStart(doc.Text[d.Start]) || (d.End < len(doc.Text) && !utf8.RuneStart(doc.Text[d.End])) {
				t.Errorf("%s: bad span [%d,%d) in a text of %d bytes", r.ID, d.Start, d.End, len(doc.Text))
				return
			}
			if d.Confidence < 0 || d.Confidence > 1 {
				t.Errorf("%s: confidence %v out of [0,1]", r.ID, d.Confidence)
			}
			for _, f := range d.Fixes {
				if err := f.Validate(len(doc.Text)); err != nil {
					t.Errorf("%s: %v", r.ID, err)
				}
			}
			out = append(out, shapeFinding{r.ID, d})
		}))
	}
	return out
}

// context returns the finding's quote with a little text around it.
func findingContext(text string, d audit.Diagnostic) string {
	from, to := max(0, d.Start-40), min(len(text), d.End+40)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	s := text[from:d.Start] + "⟦" + text[d.Start:d.End] + "⟧" + text[d.End:to]
	return strings.ReplaceAll(s, "\n", "¶")
}

// humanFPBudget is the most findings the shape rules may make on human
// French news, where every finding is a false positive. Measured: 0 (see the
// log with -v); the budget leaves room for one or two, no more.
const humanFPBudget = 2

// TestShapeRulesHumanNews runs the shape rules over human-written French news
// (WMT, sentence-level, rebuilt into documents). Run with -v to see them.
func TestShapeRulesHumanNews(t *testing.T) {
	docs := loadBenchDocs(t, humanNewsTSV, humanNewsKey, "text")
	rules := shapeRules(t)
	perRule := map[string]int{}
	total := 0
	for _, bd := range docs {
		for _, text := range []string{bd.Text, bd.joined(4)} {
			doc, err := audit.NewDocument(bd.Key, []byte(text))
			if err != nil {
				t.Fatalf("%s: %v", bd.Key, err)
			}
			doc.Lang = "fr"
			for _, f := range runShape(t, rules, doc) {
				perRule[f.Rule]++
				total++
				t.Logf("FP %s %s: %s", f.Rule, bd.Key, findingContext(doc.Text, f.Diagnostic))
			}
		}
	}
	t.Logf("%d documents, each laid out twice (a paragraph per sentence; paragraphs of four sentences): %d findings, all false positives: %v", len(docs), total, perRule)
	if total > humanFPBudget {
		t.Errorf("%d findings on human news, budget %d", total, humanFPBudget)
	}
}

// TestShapeRulesMTNews runs the shape rules over real MT output into French
// (WMT de→fr submissions). There is no gold: the test checks spans and
// fixes, and logs what the rules find for a reader to judge (-v).
func TestShapeRulesMTNews(t *testing.T) {
	docs := loadBenchDocs(t, mtNewsTSV, mtNewsKey, "target_text")
	rules := shapeRules(t)
	perRule := map[string]int{}
	for _, bd := range docs {
		doc, err := audit.NewDocument(bd.Key, []byte(bd.Text))
		if err != nil {
			t.Fatalf("%s: %v", bd.Key, err)
		}
		doc.Lang = "fr"
		for _, f := range runShape(t, rules, doc) {
			perRule[f.Rule]++
			t.Logf("MT %s %s: %s", f.Rule, bd.Key, findingContext(doc.Text, f.Diagnostic))
		}
	}
	t.Logf("%d documents: %s", len(docs), fmt.Sprint(perRule))
}

// BenchmarkShapeRules measures the shape rules alone, all ten on each
// document of the human news bench (or the clean test articles when the
// bench is missing); -benchmem gives the allocations.
func BenchmarkShapeRules(b *testing.B) {
	var texts []string
	if _, err := os.Stat(filepath.Join(benchDir(b), humanNewsTSV)); err == nil {
		for _, d := range loadBenchDocs(b, humanNewsTSV, humanNewsKey, "text") {
			texts = append(texts, d.joined(4))
		}
	} else {
		data, err := os.ReadFile(filepath.Join("testdata", "shape-clean.txtar"))
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range txtar.Parse(data).Files {
			texts = append(texts, string(f.Data))
		}
	}
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	rules := shapeRules(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, text := range texts {
			doc, err := audit.NewDocument("bench", []byte(text))
			if err != nil {
				b.Fatal(err)
			}
			// One pass for all: the rules share its token table, as in the engine.
			pass := audit.NewPass(doc, nil, func(audit.Diagnostic) {})
			for _, r := range rules {
				r.Run(pass)
			}
		}
	}
}
