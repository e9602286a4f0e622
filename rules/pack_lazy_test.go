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

// TestFoldStringMatchesView checks foldString (one view, no offset map,
// unchanged strings returned as they are) against the views a document
// gets, on hand-picked and random strings.
func TestFoldStringMatchesView(t *testing.T) {
	cases := []string{"", " ", "a  b", "a\tb", "abc def", "ABC", "L’ÉTÉ", "Straße", "œuvre  Œ", "a\r\nb", "x`y",
		"İstanbul", "ǅ", "\u00a0\u202f", "soft\u00adhyphen", "«  Lire aussi  »", "ﬁ", "K", "e\u0301"}
	rng := uint64(1)
	alphabet := []rune("aZ é’'\"«\u00a0\t\r\n-—İÉŒßǅ\u0301x.")
	for range 2000 {
		var b []rune
		for range int(rng % 12) {
			rng = rng*6364136223846793005 + 1442695040888963407
			b = append(b, alphabet[(rng>>33)%uint64(len(alphabet))])
		}
		rng = rng*6364136223846793005 + 1442695040888963407
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		for _, lower := range []bool{true, false} {
			if got, want := foldString(s, lower), newView(s, lower).text; got != want {
				t.Errorf("foldString(%q, %v) = %q, view %q", s, lower, got, want)
			}
		}
	}
}

// TestPackRuleCheckFor checks the look-up of a rule's language (langKey,
// and the map past maxSlots): each tag finds its own check, a tag without
// one finds none, long and empty tags included.
func TestPackRuleCheckFor(t *testing.T) {
	// More short tags than maxSlots, so that some go to the map.
	langs := []string{"fr", "de", "pt", "f", "frr", "zh-Hant", "zh-Hantx", "es", "it", "nl", "sv", "da", "zh-Hanty", ""}
	r := &packRule{byLang: map[string]*langCheck{}}
	for _, l := range langs[:len(langs)-2] {
		r.byLang[l] = &langCheck{}
	}
	for _, l := range append(langs, "en", "r", "fr ", "zh-Hant ") {
		if got, want := r.checkFor(l), r.byLang[l]; got != want {
			t.Errorf("checkFor(%q) = %p, want %p", l, got, want)
		}
	}
}
