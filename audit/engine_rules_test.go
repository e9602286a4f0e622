package audit

import (
	"slices"
	"testing"
)

// TestRulesForMatchesAppliesTo: the per-language rule lists the engine
// keeps are the enabled rules that apply, in registry order, for languages
// some rule names and for any other.
func TestRulesForMatchesAppliesTo(t *testing.T) {
	only := func(r *Rule, langs ...string) *Rule { r.Langs = langs; return r }
	reg := []*Rule{
		testRule("grammar.all", Grammar, Minor, func(*Pass) {}),
		only(testRule("grammar.fr", Grammar, Minor, func(*Pass) {}), "fr"),
		only(testRule("grammar.fr-de", Grammar, Minor, func(*Pass) {}), "fr", "de"),
		testRule("grammar.all-too", Grammar, Minor, func(*Pass) {}),
		only(testRule("grammar.es", Grammar, Minor, func(*Pass) {}), "es"),
	}
	e, err := NewEngine(reg, nil)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(rs []*Rule) (out []string) {
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	for _, l := range []string{"fr", "de", "es", "it", "", "en"} {
		var want []*Rule
		for _, r := range e.rules {
			if r.AppliesTo(l) {
				want = append(want, r)
			}
		}
		if got := e.rulesFor(l); !slices.Equal(ids(got), ids(want)) {
			t.Errorf("%q: rules %v, want %v", l, ids(got), ids(want))
		}
	}
}
