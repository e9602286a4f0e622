package lang

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit/lexicon"
	"github.com/pemistahl/lingua-go"
)

// pairDetectors holds the two-language detectors Between builds, by pair.
var pairDetectors sync.Map // [2]lingua.Language -> lingua.LanguageDetector

// Between tells which of two languages a short text is in; "" when it
// cannot tell or lingua-go knows neither language. The two languages' word
// lists settle it when they agree (byWordLists); otherwise the full models
// of the two decide (reliable on snippets such as a bracket). Between(text,
// "fr", "en") asks the narrow detector Lingua uses for short texts.
func Between(text, a, b string) string {
	la, lb := linguaLanguage(a), linguaLanguage(b)
	if la == lingua.Unknown || lb == lingua.Unknown || la == lb {
		return ""
	}
	if l := byWordLists(text, a, b); l != "" {
		return l
	}
	if la > lb {
		la, lb = lb, la
	}
	if la == lingua.English && lb == lingua.French {
		return narrowLingua(text)
	}
	v, ok := pairDetectors.Load([2]lingua.Language{la, lb})
	if !ok {
		linguaBuilt.Store(true)
		v, _ = pairDetectors.LoadOrStore([2]lingua.Language{la, lb}, lingua.NewLanguageDetectorBuilder().FromLanguages(la, lb).Build())
	}
	d := v.(lingua.LanguageDetector)
	linguaMu.Lock()
	l, found := d.DetectLanguageOf(text)
	linguaMu.Unlock()
	if !found {
		return ""
	}
	return linguaCode(l)
}

// byWordLists settles text between languages a and b by their word lists
// alone: a when some words are a's and not b's, none are b's and not a's,
// and every lower-case word is known to one of them ("security guarantees"
// is English: neither word is French; "part constructeur inclus" French).
// A capitalised word neither list knows is a name and says nothing; a
// lower-case one is a word the lists miss, and then, as when both sides
// have words of their own or neither has, it returns "" for lingua-go to
// decide. The question is asked of snippets of a few words, where the
// full models lingua-go needs cost two billion instructions to load and
// tens of megabytes to hold, and where a word either language lacks is the
// stronger evidence.
func byWordLists(text, a, b string) string {
	la, lb := lexicon.Get(a), lexicon.Get(b)
	if la == nil || lb == nil {
		return ""
	}
	onlyA, onlyB := 0, 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += n
			continue
		}
		start := i
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) && !unicode.IsMark(r) {
				break
			}
			i += n
		}
		w := lexicon.Fold(text[start:i])
		inA, inB := la.HasForm(w), lb.HasForm(w)
		switch {
		case inA && !inB:
			onlyA++
		case inB && !inA:
			onlyB++
		case !inA && !inB && !unicode.IsUpper(r):
			return ""
		}
	}
	switch {
	case onlyA > 0 && onlyB == 0:
		return a
	case onlyB > 0 && onlyA == 0:
		return b
	}
	return ""
}

// Short reports whether text is too short for the trigram-only models:
// Lingua then tells it apart as French or English only, and a caller that
// expects other languages should ask Between.
func Short(text string) bool { return len(text) < shortText }
