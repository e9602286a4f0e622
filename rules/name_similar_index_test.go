package rules

import (
	"reflect"
	"slices"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// TestSimilarPairsIndex checks similarPairs' deletion index, used past
// nameAllPairsMax spellings, against comparing every pair, on the
// spellings of the test and real articles taken together (and of a run
// of articles that spell names several ways), as name.batch compares a
// run's.
func TestSimilarPairsIndex(t *testing.T) {
	texts := append(testArticles(t), crossArticleRun(40, 11)...)
	var lx *lexicon
	seen := map[string]bool{}
	var spellings []string
	for _, text := range texts {
		doc, err := audit.NewDocument("a.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		s := shapeOf(audit.NewPass(doc, nil, func(audit.Diagnostic) {}))
		lx = s.lex
		for sp := range nameOccurrences(s) {
			if !seen[sp] {
				seen[sp] = true
				spellings = append(spellings, sp)
			}
		}
	}
	slices.Sort(spellings)
	if len(spellings) <= nameAllPairsMax {
		t.Fatalf("%d spellings: the index is not used", len(spellings))
	}
	forms := make([]nameForm, len(spellings))
	new(nameFormScratch).build(forms, spellings)
	got, want := lx.similarPairs(spellings), lx.similarAllPairs(forms)
	if len(want) == 0 {
		t.Fatal("no similar pair at all")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("index: %d pairs, all pairs: %d", len(got), len(want))
		for _, p := range want {
			if !slices.Contains(got, p) {
				t.Errorf("missing %q %q", spellings[p[0]], spellings[p[1]])
			}
		}
	}
	t.Logf("%d spellings, %d similar pairs", len(spellings), len(want))
}
