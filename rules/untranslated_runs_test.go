package rules

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// TestSentenceRunsMatch checks the forward walk of sentenceRuns against
// letterRuns.in, the binary searches it replaces, on every sentence of
// the test articles and the shared seeds (when present), read in order,
// every other one, and out of order.
func TestSentenceRunsMatch(t *testing.T) {
	texts := append([]string{"Un mot.", "Le  texte (court) « cité » l’État-major.\n\nDeux phrases. Trois ?"}, testArticles(t)...)
	for k, text := range texts {
		doc, err := audit.NewDocument("t.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		p := audit.NewPass(doc, nil, func(audit.Diagnostic) {})
		r := audit.ResultOf(p, letterRunsAnalysis)
		orders := [][]int{{}, {}, {}}
		for i := range doc.Sentences {
			orders[0] = append(orders[0], i)
			if i%2 == 1 {
				orders[1] = append(orders[1], i)
			}
			orders[2] = append(orders[2], len(doc.Sentences)-1-i)
		}
		// Spans that are not sentences: lines, and stretches across them.
		var spans []audit.Span
		for _, ln := range doc.Lines {
			spans = append(spans, ln)
		}
		for _, order := range orders {
			c := sentenceRuns{r: r}
			for _, i := range order {
				sp := doc.Sentences[i].Span
				var s1, s2 []txWord
				want := slices.Clone(r.in(sp.Start, sp.End, &s1))
				if got := c.in(sp.Start, sp.End, &s2); !slices.Equal(got, want) {
					t.Fatalf("text %d sentence %d %v: runs %v, want %v", k, i, sp, got, want)
				}
			}
		}
		c := sentenceRuns{r: r}
		for i, sp := range spans {
			var s1, s2 []txWord
			want := slices.Clone(r.in(sp.Start, sp.End, &s1))
			if got := c.in(sp.Start, sp.End, &s2); !slices.Equal(got, want) {
				t.Fatalf("text %d line %d %v: runs %v, want %v", k, i, sp, got, want)
			}
		}
	}
}

// testArticles returns the French test articles of the inline rules and
// the real articles of ../shared when present (BenchmarkEngineReal's).
func testArticles(t *testing.T) []string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join("testdata", "inline", "*", "*.txt"))
	var texts []string
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	real, _ := readRealArticles(t)
	return append(texts, real...)
}
