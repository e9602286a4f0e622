package rules

import (
	"io/fs"
	"testing"
)

// TestPackRegexpsCompile compiles every pattern and literal automaton of the
// built-in packs now, as packs from outside are: the built-in ones compile
// on first use, where an error could no longer be reported.
func TestPackRegexpsCompile(t *testing.T) {
	sub, err := fs.Sub(packFS, builtinPackDir)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := LoadPacks(sub, ".")
	if err != nil {
		t.Fatal(err)
	}
	lazy, err := PackRules()
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != len(lazy) {
		t.Errorf("eager load: %d rules, lazy: %d", len(rs), len(lazy))
	}
}

// TestLiteralIndexScan checks the automaton on overlapping literals, a
// literal inside another and bytes no literal holds.
func TestLiteralIndexScan(t *testing.T) {
	x := newLiteralIndex()
	ids := map[string]int{}
	for _, l := range []string{"he", "she", "his", "hers", "é"} {
		ids[l] = x.add(l)
	}
	h := x.scan("ushers\nxyz\nthis é\nhe")
	want := map[string][]int{"he": {0, 3}, "she": {0}, "his": {2}, "hers": {0}, "é": {2}}
	for l, id := range ids {
		if got := h.lines[id]; !equalInts(got, want[l]) {
			t.Errorf("%q: lines %v, want %v", l, got, want[l])
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
