package rules

import (
	"bytes"
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
	e, _ := s.scanEvidence(words, false)
	return e
}

// targetMajority reports words with at least two target function words
// and twice the source's, and when they have not, returns their
// evidence. Most sentences of an article are in its language: they are
// first read for the two counts alone, which stop as soon as the words
// left could not add enough source words to change the answer; only the
// others are read again for the whole evidence.
func (s *shape) targetMajority(words []txWord) (txEvidence, bool) {
	target, source := 0, 0
	m := s.sideMemo()
	toks, ids, sides := m.toks, m.ids, m.sides
	for k, w := range words {
		// Each word left adds at most one source word.
		if target >= 2 && target*2 >= source+len(words)-k {
			return txEvidence{}, true
		}
		text := s.doc.Text[w.Start:w.End]
		var side evidenceSide
		// sideOf, remembered (evidenceMemo) for a word that is a whole
		// token of letters: its folded form is the token's, and the
		// token says whether it is ASCII.
		if uint(w.Tok) < uint(len(toks)) && toks[w.Tok].Flags&tLetters != 0 && toks[w.Tok].Start == w.Start && toks[w.Tok].End == w.End {
			ascii := toks[w.Tok].Flags&tASCII != 0
			shift := uint(0)
			if !ascii {
				shift = 2
			}
			p := &sides[ids[w.Tok]]
			if v := *p >> shift & 3; v != 0 {
				side = evidenceSide(v - 1)
			} else {
				side = s.sideOf(w, text, ascii)
				*p |= uint8(side+1) << shift
			}
		} else {
			side = s.sideOf(w, text, txASCII(text))
		}
		switch side {
		case evidenceSource:
			source++
		case evidenceTarget:
			target++
		}
	}
	if target >= 2 && target*2 >= source {
		return txEvidence{}, true
	}
	return s.evidence(words), false
}

// scanEvidence is evidence; with majority, it stops as soon as the target
// majority targetMajority tests is sure (stopped true, e partial).
func (s *shape) scanEvidence(words []txWord, majority bool) (e txEvidence, stopped bool) {
	for k, w := range words {
		// Each word left adds at most one source word.
		if majority && e.Target >= 2 && e.Target*2 >= e.Source+len(words)-k {
			return e, true
		}
		text := s.doc.Text[w.Start:w.End]
		e.Words++
		ascii := txASCII(text)
		switch s.sideOf(w, text, ascii) {
		case evidenceSource:
			e.Source++
		case evidenceTarget:
			e.Target++
		}
		if ascii {
			// A capital first is a capitalised word, an acronym or a
			// single capital, as below.
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
	return e, false
}

// evidenceMemo remembers sideOf by word of the document's word table
// (wordTable): an article repeats its words, function words most, and
// each is looked up once. A word's side is that of its folded form, and
// of whether its text is ASCII (which sideOf reads as well): sides[id]
// holds side+1 for an ASCII text in its low two bits, for another in the
// next two, 0 where not yet known.
type evidenceMemo struct {
	toks  []token
	ids   []int32
	sides []uint8
}

// sideMemo returns the memo of the document's sides, made on first use;
// a shape without tokens has none (sideOf is then always asked).
func (s *shape) sideMemo() evidenceMemo {
	if s.toks == nil {
		return evidenceMemo{}
	}
	wt := s.wordsOf()
	if s.sides == nil {
		var buf []uint8
		if s.buf != nil {
			buf, s.buf.sides = s.buf.sides, nil
		}
		s.sides = resized(buf, len(wt.words))
	}
	return evidenceMemo{s.toks, wt.id, s.sides}
}

// sideOf returns the side word w (its text, and whether that is ASCII)
// is evidence of, evidenceNone for neither.
func (s *shape) sideOf(w txWord, text string, ascii bool) evidenceSide {
	lx := s.lex
	if !ascii {
		return sideOfLow(lx, s.wordLow(w), ascii)
	}
	// A word in ASCII longer than every function word is neither, and
	// carries no distinctive letter but an ASCII one. A short one is
	// lower-cased into buf: its lower-case form is the token's (wordLow),
	// without finding it in the token table.
	switch {
	case len(text) > lx.functionMaxLen:
		return evidenceNone
	case !lx.distinctiveASCII && !lx.evidenceWords.MayHave(text):
		// No evidence word (the table's filter reads ASCII letters in
		// either case) and no distinctive letter.
		return evidenceNone
	case len(text) > 32:
		return sideOfLow(lx, s.wordLow(w), ascii)
	}
	var buf [32]byte
	low := buf[:len(text)]
	for i := 0; i < len(text); i++ {
		c := text[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	if side, _ := lx.evidenceWords.GetBytes(low); side != evidenceNone {
		return side
	}
	if lx.distinctiveASCII && bytes.ContainsAny(low, lx.distinctive) {
		return evidenceTarget
	}
	return evidenceNone
}

// sideOfLow returns the side a word in lower case is evidence of.
func sideOfLow(lx *lexicon, lw string, ascii bool) evidenceSide {
	if side, _ := lx.evidenceWords.Get(lw); side != evidenceNone {
		return side
	}
	if lx.distinctive != "" && (!ascii || lx.distinctiveASCII) && lx.hasDistinctive(lw) {
		return evidenceTarget
	}
	return evidenceNone
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
