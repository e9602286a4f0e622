package rules

import (
	"strings"
)

// Signals that a journalist wrote English words on purpose: they name the
// term ("des intermédiaires appelés market makers", "le terme shutdown") or
// gloss it in the language right after ("le shinny (patinage libre avec
// un bâton)"). MT leaves words it cannot translate; it neither announces
// them nor explains them.

// introduced reports a run of words starting at word i announced by the
// word right before it when that word introduces a name or a term (the
// profile's title_introducers, plurals included: appelés, dits,
// baptisées). Only right before: past a preposition the introducer is a
// noun of the sentence ("un plan de cost-cutting measures").
func (lx *inlineLexicons) introduced(text string, words []inlineWord, i int) bool {
	if i == 0 || !inlineJoined(text[words[i-1].End:words[i].Start]) {
		return false
	}
	return lx.introducer(words[i-1].folded())
}

// introducer reports a title introducer of the target profile, or one of
// its plurals (appelés, dites).
func (lx *inlineLexicons) introducer(fold string) bool {
	if lx.tIntroducers.Has(fold) {
		return true
	}
	stem, ok := strings.CutSuffix(fold, "s")
	return ok && lx.tIntroducers.Has(stem)
}

// glossed reports a run followed by a bracket that explains it in the
// article's language: "le shinny (patinage individuel avec un bâton)".
func (a *inlineArticle) glossed(text string, end int) bool {
	rest := strings.TrimLeft(text[end:], " \u00a0")
	if !strings.HasPrefix(rest, "(") {
		return false
	}
	open := len(text) - len(rest) + 1
	for _, r := range a.regionsOf() {
		if r.Start == open && !r.quote {
			return !a.lx.noTargetWord(text, r.Start, r.End)
		}
		if r.Start > open {
			break
		}
	}
	return false
}
