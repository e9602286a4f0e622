package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// txWord is a run of letters (with combining marks) at [Start, End) of a
// document's text. Apostrophes and hyphens split words: "l’Ukraine" gives
// "l" and "Ukraine", "Jean-Marie" gives "Jean" and "Marie".
type txWord struct {
	Start, End int
	Text       string
}

// txScanWords returns the letter runs of text[start:end], offsets into text.
func txScanWords(text string, start, end int) []txWord {
	return txAppendWords(nil, text, start, end)
}

// txAppendWords appends the letter runs of text[start:end] to out, as
// txScanWords returns them, so that a caller scanning many lines reuses one
// slice.
func txAppendWords(out []txWord, text string, start, end int) []txWord {
	in := -1
	for i := start; i < end; {
		var letter bool
		n := 1
		if c := text[i]; c < utf8.RuneSelf {
			// ASCII: no combining mark, letters are a-z and A-Z.
			letter = 'a' <= c|0x20 && c|0x20 <= 'z'
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(text[i:])
			letter = unicode.IsLetter(r) || (in >= 0 && unicode.Is(unicode.Mn, r))
		}
		if letter && in < 0 {
			in = i
		} else if !letter && in >= 0 {
			out = append(out, txWord{in, i, text[in:i]})
			in = -1
		}
		i += n
	}
	if in >= 0 {
		out = append(out, txWord{in, end, text[in:end]})
	}
	return out
}

// txCapitalised reports whether w starts with an upper-case letter and has a
// lower-case one after it: "Lisbonne", not "OTAN", not "lisbonne".
func txCapitalised(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, c := range w[n:] {
		if unicode.IsLower(c) {
			return true
		}
	}
	return false
}

// txAllCaps reports whether s has at least two letters and no lower-case one.
func txAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// txFold lower-cases s and strips diacritics: "Choukourov" gives "choukourov".
func txFold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ß':
			b.WriteString("ss")
		case 'æ', 'Æ':
			b.WriteString("ae")
		case 'œ', 'Œ':
			b.WriteString("oe")
		case 'ø', 'Ø':
			b.WriteByte('o')
		case 'ł', 'Ł':
			b.WriteByte('l')
		case 'đ', 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// txIsSpace reports white space, including the no-break spaces French
// typography puts before high punctuation.
func txIsSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00A0' || r == '\u202F' || r == '\u2009'
}
