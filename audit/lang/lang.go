// Package lang tells which language a text is in. A cheap test (function
// words) decides most texts; lingua-go, built once per process and limited
// to the languages news MT deals in, settles the doubtful ones.
package lang

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
)

// Supported lists the languages Guess may return.
var Supported = []string{"fr", "en", "de", "es", "it", "pt", "nl", "id"}

// functionWords are frequent short words that are near-unique to one language
// among Supported; ambiguous ones ("a", "on", "de", "in") are left out.
var functionWords = map[string][]string{
	"fr": {"le", "la", "les", "des", "du", "et", "est", "une", "que", "qui", "dans", "pour", "pas", "sur", "avec", "aux", "ses", "ces", "sont", "mais", "cette", "nous", "vous", "été", "au", "il", "elle", "ont", "leur", "très", "selon", "après", "aussi"},
	"en": {"the", "and", "of", "to", "is", "are", "was", "were", "that", "this", "with", "for", "from", "by", "be", "have", "has", "had", "it", "its", "not", "which", "will", "would", "there", "their", "they", "we", "our", "you", "an", "or", "but", "so", "may", "still", "always", "please", "as", "at"},
	"de": {"der", "die", "das", "und", "ist", "nicht", "mit", "sich", "auf", "für", "dem", "den", "ein", "eine", "zu", "von", "wird", "auch", "nach", "wie", "bei", "aus", "wir", "sie", "hat"},
	"es": {"el", "los", "las", "y", "que", "del", "por", "una", "con", "para", "es", "se", "su", "al", "lo", "como", "más", "pero", "sus", "fue", "este", "está"},
	"it": {"il", "gli", "che", "di", "della", "e", "è", "per", "una", "non", "con", "sono", "del", "alla", "nel", "anche", "più", "questo"},
	"pt": {"o", "os", "da", "do", "das", "dos", "que", "em", "não", "uma", "com", "para", "por", "mais", "foi", "como", "são", "pelo", "pela"},
	"nl": {"het", "een", "van", "en", "niet", "zijn", "met", "voor", "dat", "op", "ook", "maar", "wordt", "bij", "naar", "uit"},
	"id": {"yang", "dan", "di", "ini", "itu", "dengan", "untuk", "tidak", "dari", "dalam", "akan", "pada", "juga", "ke", "karena", "ada", "oleh", "atau", "kami"},
}

var wordLang = func() map[string][]string {
	m := map[string][]string{}
	for l, ws := range functionWords {
		for _, w := range ws {
			m[w] = append(m[w], l)
		}
	}
	return m
}()

// Tokens splits text into lower-case word tokens (letters, inner apostrophes
// split off: "l'armée" gives "l", "armée").
func Tokens(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) })
}

// Scores counts, per language, the tokens of text that are its function words.
// It also returns the number of tokens. It runs on every article and every
// candidate sentence, so it scans in place: a word is lower-cased into a
// reused buffer and looked up without building a string.
func Scores(text string) (map[string]int, int) {
	s := map[string]int{}
	var buf [32]byte
	word := buf[:0]
	n := 0
	flush := func() {
		if len(word) == 0 {
			return
		}
		n++
		for _, l := range wordLang[string(word)] {
			s[l]++
		}
		word = word[:0]
	}
	long := false // a word too long for the buffer is no function word
	for _, r := range text {
		if !unicode.IsLetter(r) {
			flush()
			long = false
			continue
		}
		if long {
			continue
		}
		if len(word)+utf8.UTFMax > cap(buf) {
			// Count it as a token, but no function word is this long.
			word = word[:0]
			n++
			long = true
			continue
		}
		word = utf8.AppendRune(word, unicode.ToLower(r))
	}
	flush()
	return s, n
}

// Cheap guesses from function words alone. ok is false when the text is too
// short or two languages are close: then ask Guess.
func Cheap(text string) (lang string, ok bool) {
	s, n := Scores(text)
	best, second := "", ""
	for _, l := range Supported {
		if best == "" || s[l] > s[best] {
			best, second = l, best
		} else if second == "" || s[l] > s[second] {
			second = l
		}
	}
	b, c := s[best], s[second]
	if n >= 8 && b >= 3 && float64(b) >= 0.2*float64(n) && b >= 2*c+1 {
		return best, true
	}
	return best, false
}

var (
	linguaOf = map[lingua.Language]string{
		lingua.French: "fr", lingua.English: "en", lingua.German: "de", lingua.Spanish: "es",
		lingua.Italian: "it", lingua.Portuguese: "pt", lingua.Dutch: "nl", lingua.Indonesian: "id",
	}

	// wide tells apart every Supported language. Low-accuracy mode (trigram
	// models only) is reliable on sentences and documents and costs a
	// fifth of the memory of the full models (about 100 MB less RSS on a run).
	wideOnce sync.Once
	wide     lingua.LanguageDetector

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
)

func wideDetector() lingua.LanguageDetector {
	wideOnce.Do(func() {
		langs := make([]lingua.Language, 0, len(linguaOf))
		for l := range linguaOf {
			langs = append(langs, l)
		}
		wide = lingua.NewLanguageDetectorBuilder().FromLanguages(langs...).WithLowAccuracyMode().Build()
	})
	return wide
}

func narrowDetector() lingua.LanguageDetector {
	narrowOnce.Do(func() {
		narrow = lingua.NewLanguageDetectorBuilder().FromLanguages(lingua.French, lingua.English).Build()
	})
	return narrow
}

// Guess returns the language of text: the cheap test's answer when it is
// sure, else lingua-go's. It returns "" when neither can tell.
func Guess(text string) string {
	if l, ok := Cheap(text); ok {
		return l
	}
	return Lingua(text)
}

// shortText is where lingua's trigram-only mode stops being reliable.
const shortText = 120

// Lingua asks lingua-go alone; "" when it cannot tell. Texts shorter than
// shortText bytes are only told apart as French or English.
func Lingua(text string) string {
	d := wideDetector()
	if len(text) < shortText {
		d = narrowDetector()
	}
	linguaMu.Lock()
	l, ok := d.DetectLanguageOf(text)
	linguaMu.Unlock()
	if ok {
		return linguaOf[l]
	}
	return ""
}

// Document guesses an article's language, French when unsure.
func Document(text string) string {
	// The opening 2,000 bytes (a few paragraphs) decide as well as the
	// whole article, at a fraction of the cost on long texts.
	if len(text) > 2000 {
		// Cut on a rune boundary: the detectors expect valid UTF-8.
		cut := 2000
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	if l, ok := Cheap(text); ok {
		return l
	}
	// The articles are translations into the target language: leave French
	// only on strong evidence. A short French article full of English
	// leftovers ("des [job guarantees]. Partager: Facebook Twitter") must
	// still be audited as French, or a gate would pass it unchecked; there
	// lingua-go is sure of English, so French function words come first.
	scores, _ := Scores(text)
	if fr := scores["fr"]; fr > 0 && frenchLeads(scores) {
		return "fr"
	}
	if l, conf := linguaBest(text); l != "" && (l == "fr" || conf >= documentConfidence) {
		return l
	}
	return "fr"
}

// frenchLeads reports whether no language has more function words than French.
func frenchLeads(scores map[string]int) bool {
	for l, n := range scores {
		if l != "fr" && n > scores["fr"] {
			return false
		}
	}
	return true
}

// documentConfidence is how sure lingua-go must be to call an article
// something other than French.
const documentConfidence = 0.95

// linguaBest returns lingua-go's most likely language among Supported and
// its confidence in [0, 1], using every language model.
func linguaBest(text string) (string, float64) {
	d := wideDetector()
	linguaMu.Lock()
	vals := d.ComputeLanguageConfidenceValues(text)
	linguaMu.Unlock()
	if len(vals) == 0 {
		return "", 0
	}
	return linguaOf[vals[0].Language()], vals[0].Value()
}

// pairDetectors holds the two-language detectors Between builds, by pair.
var pairDetectors sync.Map // [2]lingua.Language -> lingua.LanguageDetector

// Between tells which of two Supported languages a short text is in, with
// the full models of the two only (reliable on snippets such as a
// bracket); "" when it cannot tell or either language is not Supported.
// Between(text, "fr", "en") asks the narrow detector Lingua uses for
// short texts.
func Between(text, a, b string) string {
	la, oka := linguaLanguage(a)
	lb, okb := linguaLanguage(b)
	if !oka || !okb || la == lb {
		return ""
	}
	if la > lb {
		la, lb = lb, la
	}
	var d lingua.LanguageDetector
	if la == lingua.English && lb == lingua.French {
		d = narrowDetector()
	} else {
		v, ok := pairDetectors.Load([2]lingua.Language{la, lb})
		if !ok {
			v, _ = pairDetectors.LoadOrStore([2]lingua.Language{la, lb}, lingua.NewLanguageDetectorBuilder().FromLanguages(la, lb).Build())
		}
		d = v.(lingua.LanguageDetector)
	}
	linguaMu.Lock()
	l, ok := d.DetectLanguageOf(text)
	linguaMu.Unlock()
	if ok {
		return linguaOf[l]
	}
	return ""
}

// Short reports whether text is too short for the trigram-only models:
// Lingua then tells it apart as French or English only, and a caller that
// expects other languages should ask Between.
func Short(text string) bool { return len(text) < shortText }

// Name returns the English name of a Supported language ("Dutch" for
// "nl"), or the code itself.
func Name(code string) string {
	if l, ok := linguaLanguage(code); ok {
		return l.String()
	}
	return code
}

func linguaLanguage(code string) (lingua.Language, bool) {
	for l, c := range linguaOf {
		if c == code {
			return l, true
		}
	}
	return 0, false
}
