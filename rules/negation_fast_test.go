package rules

import (
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// fastPathPasses returns a pass per text of the rules' examples, in their
// languages, plus a few texts of its own.
func fastPathPasses(t *testing.T) []*audit.Pass {
	t.Helper()
	texts := []struct{ lang, text string }{
		{"fr", "Titre\n\nPersonne n’a pas voté. Ce n’est pas rien, et pas à pas il n’a jamais rien dit.\n\nLa Russie, qui la France soutient. Qui Paris aide ? Rien sur la table.\n\nIl est parti. Oui.\n\nDenver.\n\nLe texte continue ici avec assez de mots pour une vraie phrase."},
		{"de", "Titel\n\nNiemand hat nicht gewartet. Nicht nur die Pendler haben keine Geduld mehr."},
		{"es", "Título\n\nNadie no vino. Ningún representante del Gobierno no habló."},
	}
	for _, r := range goRules {
		for _, ex := range r.Examples {
			lang := ex.Lang
			if lang == "" {
				lang = "fr"
			}
			texts = append(texts, struct{ lang, text string }{lang, ex.Text})
		}
	}
	// One long article of every French example: more distinct words than
	// the negation index holds (negationClassesOf's other branch).
	var all strings.Builder
	for _, x := range texts {
		if x.lang == "fr" {
			all.WriteString(x.text + "\n\n")
		}
	}
	texts = append(texts, struct{ lang, text string }{"fr", all.String()})
	var out []*audit.Pass
	for _, x := range texts {
		doc, err := audit.NewDocument("t.txt", []byte(x.text))
		if err != nil {
			continue
		}
		doc.Lang = x.lang
		out = append(out, audit.NewPass(doc, nil, func(audit.Diagnostic) {}))
	}
	return out
}

// TestNegationClasses checks the classes read through the word table
// against a look-up of each token.
func TestNegationClasses(t *testing.T) {
	for _, p := range fastPathPasses(t) {
		c := conventionsOf(p)
		if len(c.negators) == 0 {
			continue
		}
		s := shapeOf(p)
		ix := negationWordsOf(p, c)
		buf, found := negationClassesOf(s, ix)
		var want negClass
		for i := range s.toks {
			if s.toks[i].Kind == tokWord {
				want |= ix.index[s.low(&s.toks[i])]
			}
		}
		if found != want {
			t.Errorf("%q: found %b, want %b", p.Doc.Text, found, want)
		}
		if found&negNegator != 0 && found&negQuantifier != 0 {
			for i := range s.toks {
				var w negClass
				if s.toks[i].Kind == tokWord {
					w = ix.index[s.low(&s.toks[i])]
				}
				if (*buf)[i] != w {
					t.Errorf("%q: token %q class %b, want %b", p.Doc.Text, s.text(&s.toks[i]), (*buf)[i], w)
				}
			}
		}
		negationClassBufs.Put(buf)
	}
}

// TestWordIDSet checks the set against the word list, token by token.
func TestWordIDSet(t *testing.T) {
	for _, p := range fastPathPasses(t) {
		s := shapeOf(p)
		lx := s.lex
		wt := s.wordsOf()
		for _, set := range []map[string]bool{lx.articles, subjectRelativeForms(lx), lx.prepositions} {
			ids := newWordIDSet(wt, nil, set)
			for i := range s.toks {
				want := s.toks[i].Kind == tokWord && set[s.low(&s.toks[i])]
				if got := ids.has(wt.id[i]); got != want {
					t.Errorf("%q: token %q in set: %v, want %v", p.Doc.Text, s.text(&s.toks[i]), got, want)
				}
			}
		}
	}
}

// TestPhraseMayOccur checks that a phrase said absent matches nowhere.
func TestPhraseMayOccur(t *testing.T) {
	for _, p := range fastPathPasses(t) {
		s := shapeOf(p)
		c := conventionsOf(p)
		wt := s.wordsOf()
		var phrases [][]string
		phrases = append(phrases, c.onTheTable...)
		for _, ps := range c.idioms {
			phrases = append(phrases, ps...)
		}
		for _, ph := range phrases {
			if phraseMayOccur(wt, ph) {
				continue
			}
			for i := range s.toks {
				if _, ok := matchPhrase(s, i, ph); ok {
					t.Errorf("%q: %q said absent, matches at token %d", p.Doc.Text, ph, i)
				}
			}
		}
	}
}

// TestFewTokensIn checks fewTokensIn against tokensIn on every sentence
// and paragraph.
func TestFewTokensIn(t *testing.T) {
	for _, p := range fastPathPasses(t) {
		s := shapeOf(p)
		doc := p.Doc
		for pi, para := range doc.Paragraphs {
			spans := []audit.Span{para.Span}
			for _, sent := range doc.ParagraphSentences(pi) {
				spans = append(spans, sent.Span)
			}
			for _, sp := range spans {
				want, _ := s.tokensIn(sp)
				for n := 0; n < 6; n++ {
					got, few := fewTokensIn(s, pi, sp, n)
					if few != (len(want) <= n) || few && (len(got) != len(want) || len(got) > 0 && &got[0] != &want[0]) {
						t.Errorf("%q span %v n %d: %d tokens, %v; want %d", doc.Text, sp, n, len(got), few, len(want))
					}
				}
			}
		}
	}
}
