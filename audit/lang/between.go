package lang

import (
	"sync"

	"github.com/pemistahl/lingua-go"
)

// pairDetectors holds the two-language detectors Between builds, by pair.
var pairDetectors sync.Map // [2]lingua.Language -> lingua.LanguageDetector

// Between tells which of two languages a short text is in, with the full
// models of the two only (reliable on snippets such as a bracket); "" when
// it cannot tell or lingua-go knows neither language. Between(text, "fr",
// "en") asks the narrow detector Lingua uses for short texts.
func Between(text, a, b string) string {
	la, lb := linguaLanguage(a), linguaLanguage(b)
	if la == lingua.Unknown || lb == lingua.Unknown || la == lb {
		return ""
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

// Short reports whether text is too short for the trigram-only models:
// Lingua then tells it apart as French or English only, and a caller that
// expects other languages should ask Between.
func Short(text string) bool { return len(text) < shortText }
