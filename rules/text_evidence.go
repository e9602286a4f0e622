package rules

import (
	"strings"
	"unicode/utf8"
)

// txEnglishWords are English function words that are not also French words
// ("an", "or", "as", "on", "me", "a" are left out: "un an", "or", "il me
// dit"), and so are words that are often names or Latin ("May", "New", "US",
// "in extremis").
var txEnglishWords = txSetOf(
	"the", "and", "of", "to", "is", "are", "was", "were", "that", "this", "these", "those",
	"with", "for", "from", "by", "be", "been", "being", "have", "has", "had", "it", "its",
	"not", "which", "who", "whom", "whose", "will", "would", "could", "should", "shall", "must",
	"there", "their", "they", "them", "we", "our", "you", "your", "but", "at", "into",
	"about", "than", "then", "what", "when", "where", "why", "how", "all", "more", "can",
	"do", "does", "did", "such", "also", "only", "after", "before", "over", "under", "his",
	"her", "she", "he", "him", "my", "if", "because", "might", "still", "always",
	"please", "so", "yes", "any", "some", "other", "each", "very", "just", "while", "up",
	"out", "off", "said", "says", "against", "between", "through", "during", "without",
)

// txFrenchWords are French function words that are not also English words.
var txFrenchWords = txSetOf(
	"le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "que", "qui", "dans",
	"pour", "pas", "sur", "avec", "aux", "au", "ses", "ces", "sont", "mais", "cette", "nous",
	"vous", "été", "il", "elle", "ils", "elles", "leur", "leurs", "très", "selon", "après",
	"aussi", "par", "ne", "se", "sa", "son", "ce", "en", "où", "plus", "entre", "sans",
	"sous", "dont", "ont", "était", "à", "qu", "lors", "depuis", "chez", "contre", "comme",
	"avait", "sera", "être", "avoir", "fait", "cela", "ainsi", "déjà", "encore", "aussi",
	"l", "d", "n", "j", "c", "s", "lui", "y", "ou", "mes", "tes", "nos", "vos", "notre", "votre",
)

// txFunctionWordMaxLen is the byte length of the longest English or French
// function word.
var txFunctionWordMaxLen = func() int {
	n := 0
	for _, set := range []map[string]bool{txEnglishWords, txFrenchWords} {
		for w := range set {
			n = max(n, len(w))
		}
	}
	return n
}()

// txASCII reports whether s is all ASCII.
func txASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func txSetOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// txEvidence counts, among words, English and French function words, and
// words carrying French-only diacritics (é, è, ê, à, ç, ù, û, ô, î, â).
type txEvidence struct {
	Words      int // letter runs
	English    int
	French     int // function words plus accented words
	Capitals   int // capitalised or all-capital words
	LowerWords int // words in lower case
}

func txEvidenceOf(words []txWord) txEvidence {
	var e txEvidence
	for _, w := range words {
		e.Words++
		// A word in ASCII longer than every function word is neither, and
		// carries no diacritic: no need to lower-case it.
		if len(w.Text) <= txFunctionWordMaxLen || !txASCII(w.Text) {
			lw := strings.ToLower(w.Text)
			switch {
			case txEnglishWords[lw]:
				e.English++
			case txFrenchWords[lw]:
				e.French++
			case strings.ContainsAny(lw, "éèêàçùûôîâœ"):
				e.French++
			}
		}
		r, _ := utf8.DecodeRuneInString(w.Text)
		if txCapitalised(w.Text) || txAllCaps(w.Text) || (utf8.RuneLen(r) == len(w.Text) && r >= 'A' && r <= 'Z') {
			e.Capitals++
		} else {
			e.LowerWords++
		}
	}
	return e
}

// txCreditMarkers mark photo and agency credits, which name people and
// agencies in the source language on purpose and are not untranslated text.
var txCreditMarkers = []string{
	"via ap", "via reuters", "via afp", "via getty", "getty images", "/ap", "/afp", "/reuters",
	"/epa", "/handout", "handout", "photo:", "photo :", "photos:", "crédit", "credit:", "©",
	"shutterstock", "associated press", "(ap)", "(afp)", "(reuters)", "pool photo", "via sputnik",
	"/sputnik", "/tass", "via tass", "courtesy of", "/bloomberg", "via bloomberg", "/anadolu",
	"via anadolu", "/xinhua", "via xinhua", "afp photo", "reuters photo", "ap photo",
}

// txIsCredit reports whether s looks like a photo or agency credit.
func txIsCredit(s string) bool {
	l := strings.ToLower(s)
	for _, m := range txCreditMarkers {
		if strings.Contains(l, m) {
			return true
		}
	}
	return false
}

// txHasWebToken reports whether s holds a URL, an e-mail address, a handle or a hashtag.
func txHasWebToken(s string) bool {
	l := strings.ToLower(s)
	if strings.Contains(l, "http://") || strings.Contains(l, "https://") || strings.Contains(l, "www.") {
		return true
	}
	for _, f := range strings.Fields(l) {
		if strings.HasPrefix(f, "#") || strings.HasPrefix(f, "@") || (strings.Contains(f, "@") && strings.Contains(f, ".")) {
			return true
		}
	}
	return false
}
