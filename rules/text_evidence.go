package rules

import (
	"strings"
	"unicode/utf8"
)

// txASCII reports whether s is all ASCII.
func txASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// txEvidence counts, among words, the function words of the source
// language and of the target language (those of one side only), words
// carrying letters of the target language English does not write, and
// capitals.
type txEvidence struct {
	Words      int // letter runs
	Source     int // source-language (English) function words
	Target     int // target-language function words plus words with its distinctive letters
	Capitals   int // capitalised or all-capital words
	LowerWords int // words in lower case
}

// evidence counts the evidence of words, letter runs of the document.
func (s *shape) evidence(words []txWord) txEvidence {
	lx := s.lex
	var e txEvidence
	for _, w := range words {
		text := s.doc.Text[w.Start:w.End]
		e.Words++
		ascii := txASCII(text)
		// A word in ASCII longer than every function word is neither, and
		// carries no distinctive letter: no need to lower-case it.
		if len(text) <= lx.functionMaxLen || !ascii {
			lw := s.wordLow(w)
			switch lx.evidenceWords[lw] {
			case evidenceSource:
				e.Source++
			case evidenceTarget:
				e.Target++
			default:
				if lx.distinctive != "" && (!ascii || lx.distinctiveASCII) && strings.ContainsAny(lw, lx.distinctive) {
					e.Target++
				}
			}
		}
		if ascii {
			// A run of ASCII letters: a capital first is a capitalised
			// word, an acronym or a single capital, as below.
			if 'A' <= text[0] && text[0] <= 'Z' {
				e.Capitals++
			} else {
				e.LowerWords++
			}
			continue
		}
		r, _ := utf8.DecodeRuneInString(text)
		if txCapitalised(text) || txAllCaps(text) || (utf8.RuneLen(r) == len(text) && r >= 'A' && r <= 'Z') {
			e.Capitals++
		} else {
			e.LowerWords++
		}
	}
	return e
}

// isCredit reports whether s looks like a photo or agency credit, which
// names people and agencies in the source language on purpose and is not
// untranslated text: it holds a credit marker of the target or the source
// language.
func (lx *lexicon) isCredit(s string) bool {
	l := strings.ToLower(s)
	for _, m := range lx.creditMarkers {
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
