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
	want := lx.similarAllPairs(forms)
	if len(want) == 0 {
		t.Fatal("no similar pair at all")
	}
	// The index whole, and taken a share of its hashes at a time.
	defer func(n int) { similarPartEntries = n }(similarPartEntries)
	for _, part := range []int{similarPartEntries, 1000, 97} {
		similarPartEntries = part
		got := lx.similarPairs(spellings)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("index in shares of %d: %d pairs, all pairs: %d", part, len(got), len(want))
			for _, p := range want {
				if !slices.Contains(got, p) {
					t.Errorf("missing %q %q", spellings[p[0]], spellings[p[1]])
				}
			}
		}
	}
	t.Logf("%d spellings, %d similar pairs", len(spellings), len(want))
}

// TestDeletionHasher checks the hashes of a key's deletion variants,
// computed from its prefixes and suffixes, against the hash of each
// variant built.
func TestDeletionHasher(t *testing.T) {
	keys := []string{"", "a", "ab", "chukurov", "hallberg", "zhelezinskaia", "łódź", "ærøskøbing", "aaaaaaaa"}
	var v, plain deletionHasher
	for _, k := range keys {
		r := []rune(k)
		v.reset(r)
		plain.reset(r)
		if v.all() != plain.all() {
			t.Fatalf("%q: all differs after reset", k)
		}
		for x := range r {
			variant := slices.Delete(slices.Clone(r), x, x+1)
			plain.reset(variant)
			if got, want := v.without(x), plain.all(); got != want {
				t.Errorf("%q without %d: %x, want %x", k, x, got, want)
			}
			for y := x + 1; y < len(r); y++ {
				variant := slices.Delete(slices.Delete(slices.Clone(r), y, y+1), x, x+1)
				plain.reset(variant)
				if got, want := v.without2(x, y), plain.all(); got != want {
					t.Errorf("%q without %d, %d: %x, want %x", k, x, y, got, want)
				}
			}
		}
	}
	// Different variants of one key hash apart.
	v.reset([]rune("hallberg"))
	if v.without(0) == v.without(1) || v.without2(0, 1) == v.without2(0, 2) {
		t.Error("different variants share a hash")
	}
}
