package lang

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pemistahl/lingua-go"
)

// shortText is where lingua's trigram-only mode stops being reliable.
const shortText = 120

// beyondProfiles are languages lingua-go tells apart whether or not a
// profile exists for them: the languages of the feeds, the source language
// of most of them, and languages an article in the wrong feed is often in.
// Each costs about a megabyte of trigram model; detection can then say
// "Dutch", where it would otherwise have picked the nearest profiled
// language.
var beyondProfiles = []lingua.Language{
	lingua.French, lingua.German, lingua.Spanish, lingua.Italian, lingua.Portuguese,
	lingua.English, lingua.Dutch, lingua.Indonesian, lingua.Catalan, lingua.Romanian,
	lingua.Polish, lingua.Swedish, lingua.Danish, lingua.Turkish, lingua.Russian,
}

// linguaSet is one lingua-go detector over a set of languages, built on
// first use.
type linguaSet struct {
	langs []lingua.Language
	once  sync.Once
	det   lingua.LanguageDetector
}

var (
	linguaSets sync.Map // sorted codes joined by "," → *linguaSet

	// narrow settles short snippets ("[border checks]"), where only the full
	// models are reliable; limited to French and English, the question a
	// bracket in a French article asks, to keep them small.
	narrowOnce sync.Once
	narrow     lingua.LanguageDetector

	// linguaMu serialises detection: lingua-go computes with
	// github.com/shopspring/decimal, whose ExpTaylor grows a package-level
	// cache of factorials without a lock (a data race under -race when
	// articles are audited in parallel). Lingua runs only on doubtful text,
	// so the lock is rarely contended.
	linguaMu sync.Mutex

	// linguaBuilt is set once a lingua-go detector is built: its models
	// (tens of megabytes) load on first use, only when a check asks.
	linguaBuilt atomic.Bool
)

// LinguaLoaded reports whether this process has built a lingua-go
// detector: the cheap function-word test settles most articles, and a run
// that never asks lingua-go never holds its models.
func LinguaLoaded() bool { return linguaBuilt.Load() }

// linguaFor returns the detector over the profiles' languages that
// lingua-go knows and beyondProfiles; detectors are shared between
// registries with the same languages.
func linguaFor(codes []string) *linguaSet {
	set := map[lingua.Language]bool{}
	for _, l := range beyondProfiles {
		set[l] = true
	}
	for _, c := range codes {
		if l := linguaLanguage(c); l != lingua.Unknown {
			set[l] = true
		}
	}
	langs := make([]lingua.Language, 0, len(set))
	keys := make([]string, 0, len(set))
	for l := range set {
		langs = append(langs, l)
	}
	sort.Slice(langs, func(i, j int) bool { return langs[i] < langs[j] })
	for _, l := range langs {
		keys = append(keys, l.String())
	}
	key := strings.Join(keys, ",")
	if s, ok := linguaSets.Load(key); ok {
		return s.(*linguaSet)
	}
	s, _ := linguaSets.LoadOrStore(key, &linguaSet{langs: langs})
	return s.(*linguaSet)
}

// detector builds the set's detector once. Low-accuracy mode (trigram
// models only) is reliable on sentences and documents and costs a fifth
// of the memory of the full models.
func (s *linguaSet) detector() lingua.LanguageDetector {
	s.once.Do(func() {
		linguaBuilt.Store(true)
		s.det = lingua.NewLanguageDetectorBuilder().FromLanguages(s.langs...).WithLowAccuracyMode().Build()
	})
	return s.det
}

// confidences returns lingua-go's confidence in each language for text,
// most likely first.
func (s *linguaSet) confidences(text string) []lingua.ConfidenceValue {
	d := s.detector()
	linguaMu.Lock()
	defer linguaMu.Unlock()
	return d.ComputeLanguageConfidenceValues(text)
}

// pick returns the most likely language of vals and lingua-go's confidence
// in it, in [0, 1]; among, when not nil, limits the answer to those
// languages. "" when lingua-go had nothing to go on.
func pick(vals []lingua.ConfidenceValue, among []string) (string, float64) {
	for _, v := range vals {
		if v.Value() <= 0 {
			break
		}
		code := linguaCode(v.Language())
		if among == nil || slices.Contains(among, code) {
			return code, v.Value()
		}
	}
	return "", 0
}

func narrowLingua(text string) string {
	narrowOnce.Do(func() {
		linguaBuilt.Store(true)
		narrow = lingua.NewLanguageDetectorBuilder().FromLanguages(lingua.French, lingua.English).Build()
	})
	linguaMu.Lock()
	l, ok := narrow.DetectLanguageOf(text)
	linguaMu.Unlock()
	if !ok {
		return ""
	}
	return linguaCode(l)
}

// linguaLanguage maps an ISO 639-1 code to lingua-go's language.
func linguaLanguage(code string) lingua.Language {
	iso := lingua.GetIsoCode639_1FromValue(code)
	if iso == lingua.UnknownIsoCode639_1 {
		return lingua.Unknown
	}
	return lingua.GetLanguageFromIsoCode639_1(iso)
}

// linguaCode is the ISO 639-1 code of a lingua-go language ("nl").
func linguaCode(l lingua.Language) string { return strings.ToLower(l.IsoCode639_1().String()) }

// linguaName is lingua-go's English name of a language ("Dutch"), or "".
func linguaName(code string) string {
	l := linguaLanguage(code)
	if l == lingua.Unknown {
		return ""
	}
	return l.String()
}
