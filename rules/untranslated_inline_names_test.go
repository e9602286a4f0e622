package rules

import (
	"slices"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// TestMarkNamesShortcuts checks markNames, which skips gathering names in
// an article with no capitalised English or foreign word and genitives in
// an article without an "s" after an apostrophe, against the full walk it
// shortens (markNamesFull), on the test articles and the real ones of
// ../shared, in French and with the German lexicons (nouns capitalised).
func TestMarkNamesShortcuts(t *testing.T) {
	for _, lang := range []string{"fr", "de"} {
		texts := append([]string{
			"Le club a gagné la President’s Cup. Les children’s books de Twitter se vendent. Twitter et Facebook suivent.",
			"Die Firma Blue Origin hat das Department of Homeland Security beauftragt. Reeves sagte, Reeves kommt.",
		}, testArticles(t)...)
		for k, text := range texts {
			doc, err := audit.NewDocument("t.txt", []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			doc.Lang = lang
			p := audit.NewPass(doc, nil, func(audit.Diagnostic) {})
			lx := inlineLexiconsFor(p, lang)
			var all []inlineWord
			var bounds []int
			for _, s := range doc.Sentences {
				bounds = append(bounds, len(all))
				n := len(all)
				all = inlineScanAppend(all, nil, doc.Text, s.Start, s.End)
				lx.classify(doc.Text, all[n:])
			}
			bounds = append(bounds, len(all))
			want := slices.Clone(all)
			lx.markNamesFull(doc.Text, want, bounds, map[string]bool{})
			lx.markNames(doc.Text, all, bounds, map[string]bool{})
			for i := range all {
				if all[i].class != want[i].class || all[i].genitive != want[i].genitive {
					t.Fatalf("%s text %d word %d %q: class %d genitive %v, want %d %v", lang, k, i, all[i].text(),
						all[i].class, all[i].genitive, want[i].class, want[i].genitive)
				}
			}
			lx.releaseFacts()
		}
	}
}

// markNamesFull is markNames without its shortcuts.
func (lx *inlineLexicons) markNamesFull(text string, all []inlineWord, bounds []int, names map[string]bool) {
	for k := 0; k+1 < len(bounds); k++ {
		words := all[bounds[k]:bounds[k+1]]
		if !lx.nounCaps {
			for _, w := range words {
				if w.capital && w.class == inlineName && !w.function {
					names[w.lower()] = true
				}
			}
			continue
		}
		for i := 0; i < len(words); {
			if !lx.nameStart(&words[i]) {
				i++
				continue
			}
			last, n, end := lx.nameSequence(text, words, i)
			if n >= 2 {
				for m := i; m <= last; m++ {
					if lx.nameLike(&words[m]) {
						names[words[m].lower()] = true
					}
				}
			}
			i = max(end, i+1)
		}
	}
	lx.markGenitivesFull(text, all, bounds)
	for i := range all {
		w := &all[i]
		if w.capital && !w.genitive && (w.class == inlineEnglish || w.class == inlineForeign) && names[w.lower()] {
			w.class = inlineName
		}
	}
}

// markGenitivesFull is markGenitives, which markNames calls only when an
// "s" follows an apostrophe.
func (lx *inlineLexicons) markGenitivesFull(text string, all []inlineWord, bounds []int) {
	for k := 0; k+1 < len(bounds); k++ {
		words := all[bounds[k]:bounds[k+1]]
		for i := 1; i+1 < len(words); i++ {
			if words[i].text() != "s" || !inlineApostrophe(text[words[i-1].End:words[i].Start]) ||
				!inlineJoined(text[words[i].End:words[i+1].Start]) {
				continue
			}
			if i > 1 && words[i-2].capital && inlineJoined(text[words[i-2].End:words[i-1].Start]) {
				continue
			}
			if words[i-1].capital && words[i+1].capital && i+2 < len(words) && words[i+2].capital &&
				inlineJoined(text[words[i+1].End:words[i+2].Start]) {
				continue
			}
			owner, owned := words[i-1].folded(), words[i+1].folded()
			if !lx.english.Has(owner) || lx.enFunction.Has(owner) || !lx.english.Has(owned) {
				continue
			}
			for m := i - 1; m <= i+1; m++ {
				words[m].class, words[m].genitive = inlineEnglish, true
			}
		}
	}
}
