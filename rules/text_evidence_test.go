package rules

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// TestTargetMajority checks targetMajority, which counts the two sides
// alone before reading the whole evidence, and evidence against the scan
// they replace (scanEvidenceRef), on every sentence and line of the test
// articles and the real ones of ../shared.
func TestTargetMajority(t *testing.T) {
	texts := append([]string{
		"The minister said that the plan would be approved by the end of the year.",
		"Le gouvernement a présenté son budget mardi. LE TEXTE EST VOTÉ. Élysée (the Élysée Palace) à Paris.",
	}, testArticles(t)...)
	n := 0
	for k, text := range texts {
		doc, err := audit.NewDocument("t.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		p := audit.NewPass(doc, nil, func(audit.Diagnostic) {})
		s := shapeOf(p)
		var spans []audit.Span
		for _, sent := range doc.Sentences {
			spans = append(spans, sent.Span)
		}
		spans = append(spans, doc.Lines...)
		for _, sp := range spans {
			words := s.appendWords(nil, sp.Start, sp.End)
			wantE, stopped := s.scanEvidenceRef(words, true)
			wantMajority := stopped || wantE.Target >= 2 && wantE.Target*2 >= wantE.Source
			e, majority := s.targetMajority(words)
			if majority != wantMajority || !majority && e != wantE {
				t.Fatalf("text %d %q: %v %+v, want %v %+v", k, doc.Text[sp.Start:sp.End], majority, e, wantMajority, wantE)
			}
			if full, _ := s.scanEvidenceRef(words, false); s.evidence(words) != full {
				t.Fatalf("text %d %q: evidence %+v, want %+v", k, doc.Text[sp.Start:sp.End], s.evidence(words), full)
			}
			if majority {
				n++
			}
		}
	}
	t.Logf("%d spans with a target majority", n)
}

// scanEvidenceRef is scanEvidence as it was, every word read in one pass; with majority, it stops as soon as the target
// majority targetMajority tests is sure (stopped true, e partial).
func (s *shape) scanEvidenceRef(words []txWord, majority bool) (e txEvidence, stopped bool) {
	lx := s.lex
	var buf [32]byte
	for k, w := range words {
		// Each word left adds at most one source word.
		if majority && e.Target >= 2 && e.Target*2 >= e.Source+len(words)-k {
			return e, true
		}
		text := s.doc.Text[w.Start:w.End]
		e.Words++
		ascii := txASCII(text)
		if ascii {
			// A word in ASCII longer than every function word is neither,
			// and carries no distinctive letter but an ASCII one. A short
			// one is lower-cased into buf: its lower-case form is the
			// token's (wordLow), without finding it in the token table.
			if len(text) <= lx.functionMaxLen && !lx.distinctiveASCII && !lx.evidenceWords.MayHave(text) {
				// No evidence word (the table's filter reads ASCII
				// letters in either case) and no distinctive letter.
			} else if len(text) <= lx.functionMaxLen && len(text) <= len(buf) {
				low := buf[:len(text)]
				for i := 0; i < len(text); i++ {
					c := text[i]
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					low[i] = c
				}
				switch side, _ := lx.evidenceWords.GetBytes(low); side {
				case evidenceSource:
					e.Source++
				case evidenceTarget:
					e.Target++
				default:
					if lx.distinctiveASCII && bytes.ContainsAny(low, lx.distinctive) {
						e.Target++
					}
				}
			} else if len(text) <= lx.functionMaxLen {
				e.addWordRef(lx, s.wordLow(w), ascii)
			}
			// A capital first is a capitalised word, an acronym or a
			// single capital, as below.
			if 'A' <= text[0] && text[0] <= 'Z' {
				e.Capitals++
			} else {
				e.LowerWords++
			}
			continue
		}
		e.addWordRef(lx, s.wordLow(w), ascii)
		r, _ := utf8.DecodeRuneInString(text)
		if txCapitalised(text) || txAllCaps(text) || (utf8.RuneLen(r) == len(text) && r >= 'A' && r <= 'Z') {
			e.Capitals++
		} else {
			e.LowerWords++
		}
	}
	return e, false
}

// addWordRef counts the evidence of one word in lower case.
func (e *txEvidence) addWordRef(lx *lexicon, lw string, ascii bool) {
	switch side, _ := lx.evidenceWords.Get(lw); side {
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
