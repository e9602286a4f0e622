package rules

import (
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit/profile"
)

// TestInlineLetterFilter checks that the filters of month and day names,
// heads of bodies' names and place names' first words turn away no word
// whose fold is in their set: their keys in every case, and every letter
// run of the test articles and the real ones of ../shared.
func TestInlineLetterFilter(t *testing.T) {
	reg := profile.MustBuiltin()
	type check struct {
		name string
		f    *inlineLetterFilter
		has  func(fold string) bool
		keys []string
	}
	var checks []check
	keysOf := func(sets ...profile.Set) (keys []string) {
		for _, s := range sets {
			for k := range s {
				keys = append(keys, k)
			}
		}
		return keys
	}
	en := reg.Lookup("en")
	months, days := en.Set(&en.Words.Months), en.Set(&en.Words.Days)
	checks = append(checks, check{"en dates", newInlineLetterFilter(months, days),
		func(w string) bool { return months.Has(w) || days.Has(w) }, keysOf(months, days)})
	for _, lang := range []string{"fr", "de", "es", "it", "pt"} {
		p := reg.Lookup(lang)
		if p == nil {
			continue
		}
		heads := p.Set(&p.Words.BodyHeads)
		checks = append(checks, check{lang + " body heads", newInlineLetterFilter(heads), heads.Has, keysOf(heads)})
		if x := placeNamesOf(p); x != nil {
			var firsts []string
			for k := range x.byFirst {
				firsts = append(firsts, k)
			}
			checks = append(checks, check{lang + " place names", x.first, func(w string) bool { return len(x.byFirst[w]) > 0 }, firsts})
		}
	}
	var words []string
	for _, text := range testArticles(t) {
		for _, w := range txAppendWords(nil, text, 0, len(text)) {
			words = append(words, w.in(text))
		}
	}
	for _, c := range checks {
		if len(c.keys) == 0 {
			continue
		}
		for _, k := range c.keys {
			for _, w := range []string{k, strings.ToUpper(k), strings.ToUpper(k[:1]) + k[1:]} {
				if !c.f.mayFold(w) && c.has(profile.Fold(w)) {
					t.Errorf("%s: %q turned away", c.name, w)
				}
			}
		}
		turned := 0
		for _, w := range words {
			if !c.f.mayFold(w) {
				turned++
				if c.has(profile.Fold(w)) {
					t.Errorf("%s: %q turned away", c.name, w)
				}
			}
		}
		t.Logf("%s: %d keys, %d of %d words turned away", c.name, len(c.keys), turned, len(words))
	}
}
