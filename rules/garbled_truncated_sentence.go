package rules

import (
	"fmt"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "garbled.truncated-sentence",
		Category: audit.Garbled,
		Severity: audit.Minor,
		Title:    "Sentence cut short after a word that cannot end one",
		Doc: `Flags a sentence whose last word, right before its full stop, cannot
end a sentence: an article, a determiner, a preposition, a conjunction or a
complementizer — *… a déclaré le.*, *… sagte der.*, *… dijo que.*, *… ha
riferito il.*, *… afirmou o.* Machine translation cuts a sentence when a
name, a link or a line break stood at its end in the source.

What it looks at, from the profile: the articles, determiners,
prepositions, conjunctions and complementizers, less the words of
words.sentence_final, which may end a sentence as pronouns (*il en
reste un*, *todos*), adverbs (*ont voté contre*, *al respecto*), verb
particles (German *kündigte an*, *fand statt*: most German prepositions end
sentences) or nouns (*le son*, *l’incontro*). The sentence has four words
at least; the word is in lower case (*la ligne A.* is left alone), and a
one-letter word followed by another letter and a stop is an abbreviation
(*a. m.*).

In German a sentence that ends on a verb particle after a modal or
*werden* (the profile's infinitive_leads) is flagged too: *Den Plan will
der Vorstand im Mai vor.* lost *vorlegen*.

A language whose profile lists no sentence_final words gets no finding.

Not flagged: a stop set off by a space, or two stops (garbled.double-stop),
an ellipsis, abbreviations, sentences in the source language, lines in
capitals.

Where it fails: a word of the lists that ends a sentence in an idiom the
profile does not list is flagged; a sentence cut after a noun or a verb is
missed.

**What to do**: restore the end of the sentence from the source.`,
		Examples: []audit.Example{
			{Lang: "fr", Text: "Budget adopté\n\nLe conseil a adopté le budget lundi, a déclaré le.\n", Trigger: true},
			{Lang: "fr", Text: "Budget adopté\n\nLe conseil a adopté le budget lundi. L’opposition a voté contre. Il en reste un.\n"},
			{Lang: "de", Text: "Haushalt beschlossen\n\nDer Rat hat den Haushalt am Montag beschlossen, sagte der.\n", Trigger: true},
			{Lang: "de", Text: "Haushalt beschlossen\n\nDer Rat hat den Haushalt am Montag beschlossen. Die Opposition lehnte ihn ab. Die Sitzung fand im Rathaus statt.\n", Note: "verb particles"},
			{Lang: "de", Text: "Haushalt beschlossen\n\nDer Rat hat den Haushalt am Montag beschlossen. Einen eigenen Entwurf will die Opposition im Herbst vor.\n", Trigger: true, Note: "a particle after a modal"},
			{Lang: "es", Text: "Presupuesto aprobado\n\nEl pleno aprobó el presupuesto el lunes y la oposición dijo que.\n", Trigger: true},
			{Lang: "es", Text: "Presupuesto aprobado\n\nEl pleno aprobó el presupuesto el lunes. La oposición votó en contra. No hubo más comentarios al respecto.\n"},
			{Lang: "it", Text: "Bilancio approvato\n\nIl consiglio ha approvato il bilancio lunedì, ha riferito il.\n", Trigger: true},
			{Lang: "it", Text: "Bilancio approvato\n\nIl consiglio ha approvato il bilancio lunedì. L’opposizione ha votato contro. La seduta è durata a lungo.\n"},
			{Lang: "pt", Text: "Orçamento aprovado\n\nA assembleia aprovou o orçamento na segunda-feira, afirmou o.\n", Trigger: true},
			{Lang: "pt", Text: "Orçamento aprovado\n\nA assembleia aprovou o orçamento na segunda-feira. A oposição votou contra. Foi assim.\n"},
		},
		Origin: "rules/garbled_truncated_sentence.go",
		Run:    runTruncatedSentence,
	})
}

// minTruncatedWords is the fewest words of a sentence judged cut.
const minTruncatedWords = 4

func runTruncatedSentence(pass *audit.Pass) {
	c := conventionsOf(pass)
	if len(c.neverFinal) == 0 {
		return
	}
	s := shapeOf(pass)
	lx := s.lex
	for _, si := range stopTokensOf(pass) {
		i := int(si)
		stop := &s.toks[i]
		if i < 1 || s.text(stop) != "." {
			continue
		}
		w := &s.toks[i-1]
		if w.Kind != tokWord || w.Line != stop.Line || w.End != stop.Start || !w.is(tLowerInitial) {
			continue
		}
		l := s.low(w)
		if !c.neverFinal[l] {
			// German: a particle after a modal lost its infinitive. The
			// particle is a preposition (particleAfterModal's first test,
			// made before the sentence is looked for).
			if !lx.nounsCapitalised || !lx.prepositions[l] {
				continue
			}
			if from, _ := sentenceBounds(s, i-1); !particleAfterModal(s, c, from, i-1) {
				continue
			}
		}
		// An abbreviation (nos., col.) goes on with a number or a lower-case word.
		if n := s.next(i); lx.lowerAbbreviations[l] && n != nil && !(n.Kind == tokWord && n.is(tUpperInitial)) {
			continue
		}
		if utf8.RuneCountInString(l) == 1 && initialAfter(s, i) {
			continue // "a. m.", "o. k."
		}
		// A full stop that ends: nothing glued after it, no second stop.
		if n := s.next(i); n != nil && (n.Start == stop.End || s.text(n) == ".") {
			continue
		}
		if p := s.prev(i - 1); p != nil && p.End == w.Start && p.Kind == tokPunct && s.text(p) == "." {
			continue // "z.B.", "a.m."
		}
		from, to := sentenceBounds(s, i-1)
		words := 0
		for k := from; k < i; k++ {
			if s.toks[k].Kind == tokWord {
				words++
			}
		}
		if words < minTruncatedWords || capsLine(s, w.line()) || sourceLanguageStretch(s, from, to) {
			continue
		}
		pass.Report(audit.Diagnostic{
			Start: int(w.Start), End: int(stop.End),
			Message:    fmt.Sprintf("Sentence ends on “%s”, which cannot end one: its end was probably lost", s.text(w)),
			Confidence: 0.75,
		})
	}
}

// initialAfter reports whether the stop at token i is followed by a
// one-letter word and a stop: "a. m.".
func initialAfter(s *shape, i int) bool {
	n, nn := s.next(i), s.next(i+1)
	return n != nil && nn != nil && n.Kind == tokWord && utf8.RuneCountInString(s.text(n)) == 1 && s.text(nn) == "."
}
