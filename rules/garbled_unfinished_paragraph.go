package rules

import (
	"fmt"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "garbled.unfinished-paragraph",
		Category: audit.Garbled,
		Severity: audit.Minor,
		Title:    "Paragraph of prose that stops mid-sentence, without a full stop",
		Doc: `Flags a paragraph of prose whose last sentence breaks off: the
paragraph ends, with no punctuation, on a word that cannot end a sentence —
an article, a determiner, a preposition, a conjunction or a complementizer
of the profile, less its sentence_final words: *… tratan de frenar el
avance ruso hacia*, *… negli impianti di Bergamo e di*, *… mit den*. Machine translation and the scrapers
before it cut a paragraph where a link, a line break or a page break stood
in the source.

What counts as prose: a paragraph (not the title, not a list item) that
already holds a finished sentence before the last one, or a single
sentence of twelve words or more.

Not flagged: headings, captions and credits (one sentence without such a
word at its end), a last word in capitals or with a capital (a name or a
signature: *… von Anna Berg*), a number, a web address, lines in capitals,
text in the source language, a paragraph that ends on punctuation of any
kind (a colon that opens a list, a closing quote or bracket).

A language whose profile lists no sentence_final words gets no finding.

In a language that puts the infinitive at the end of its clause (German),
a paragraph that ends on a verb particle after a modal or *werden* (the
profile's infinitive_leads) has lost its infinitive: *… will der Vorstand
im November vor* (*vorlegen*). A particle alone proves nothing: human
German news leaves the stop off headings glued to a paragraph (*… lenkt
vom Problem ab*).

In the other languages, a paragraph that ends on an infinitive right after
a modal (an infinitive_leads word that is not a preposition: *… podrán
reclamar*, *… potranno chiedere*) has lost the verb's object.

Where it fails: a paragraph cut after a noun or any other verb form is missed; a
paragraph cut right after a full stop looks finished.

**What to do**: restore the end of the sentence from the source.`,
		Examples: []audit.Example{
			{Text: "Budget adopté\n\nLe conseil a adopté le budget lundi. Il prévoit une hausse des dépenses pour les écoles et la construction de deux gymnases dans\n\nLe vote a eu lieu à main levée.\n", Trigger: true, Note: "the paragraph breaks off after a preposition"},
			{Text: "Budget adopté\n\nLe conseil a adopté le budget lundi. Il prévoit une hausse des dépenses pour les écoles.\n\nPhoto : le conseil municipal en séance\n", Note: "a caption without a full stop"},
			{Lang: "de", Text: "Haushalt beschlossen\n\nDer Rat hat den Haushalt am Montag beschlossen. Die Opposition will einen eigenen Entwurf gemeinsam mit den\n\nDie Sitzung dauerte drei Stunden.\n", Trigger: true, Note: "an article without its noun"},
			{Lang: "de", Text: "Haushalt beschlossen\n\nDer Rat hat den Haushalt am Montag beschlossen. Die Opposition legte einen eigenen Entwurf vor\n\nMitarbeit: Jana Berg\n", Note: "a separable particle may end a clause; a credit line"},
			{Lang: "de", Text: "Haushalt beschlossen\n\nDer Rat hat den Haushalt am Montag beschlossen. Einen eigenen Entwurf will die Opposition im Herbst vor\n\nDie Sitzung dauerte drei Stunden.\n", Trigger: true, Note: "a particle after a modal: the infinitive was cut"},
			{Lang: "es", Text: "Presupuesto aprobado\n\nEl pleno aprobó el presupuesto el lunes. La oposición presentó una enmienda para aumentar el gasto en\n\nLa sesión duró tres horas.\n", Trigger: true},
			{Lang: "it", Text: "Bilancio approvato\n\nIl consiglio ha approvato il bilancio lunedì. L’opposizione ha chiesto più fondi per le scuole di Prato e di\n\nLa seduta è durata tre ore.\n", Trigger: true},
			{Lang: "es", Text: "Presupuesto aprobado\n\nEl pleno aprobó el presupuesto el lunes. Los comercios afectados por las obras podrán reclamar\n\nLa sesión duró tres horas.\n", Trigger: true, Note: "an infinitive after a modal: its object was cut"},
			{Lang: "it", Text: "Bilancio approvato\n\nIl consiglio ha approvato il bilancio lunedì. Le famiglie colpite dall’alluvione potranno chiedere\n\nLa seduta è durata tre ore.\n", Trigger: true, Note: "an infinitive after a modal"},
			{Lang: "es", Text: "Presupuesto aprobado\n\nEl pleno aprobó el presupuesto el lunes. Los comercios afectados por las obras podrán reclamar.\n\nLa sesión duró tres horas.\n", Note: "the same sentence with its stop"},
			{Lang: "pt", Text: "Orçamento aprovado\n\nA assembleia aprovou o orçamento na segunda-feira. A oposição pediu mais verbas para as escolas do\n\nA sessão durou três horas.\n", Trigger: true},
		},
		Origin: "rules/garbled_unfinished_paragraph.go",
		Run:    runUnfinishedParagraph,
	})
}

// minUnfinishedWords is the fewest words of a one-sentence paragraph judged
// cut: shorter ones are headings and captions.
const minUnfinishedWords = 12

func runUnfinishedParagraph(pass *audit.Pass) {
	c := conventionsOf(pass)
	if len(c.neverFinal) == 0 {
		return
	}
	s := shapeOf(pass)
	doc := pass.Doc
	for pi := 1; pi < len(doc.Paragraphs); pi++ {
		if listItem(s, pi) {
			continue
		}
		p := doc.Paragraphs[pi]
		toks := s.lineTokens(p.LastLine)
		if len(toks) == 0 {
			continue
		}
		last := len(toks) - 1
		w := &toks[last]
		if w.Kind != tokWord || !w.is(tLowerInitial) || capsLine(s, w.line()) {
			continue
		}
		// A web address or a handle: "example.com", "/seite", "@name".
		if w.Start > 0 {
			if b := doc.Text[w.Start-1]; b == '.' || b == '/' || b == '@' || b == '#' {
				continue
			}
		}
		sents := doc.ParagraphSentences(pi)
		if len(sents) == 0 {
			continue
		}
		lw := s.low(w)
		if s.lex.agencyTags[lw] {
			continue
		}
		wi := int(s.lineTok[p.LastLine]) + last
		_, first := s.tokensIn(sents[len(sents)-1].Span)
		if first > wi {
			continue
		}
		// German verbs and particles end clauses ("… wird nicht erhoben");
		// a particle after a modal has lost its infinitive.
		// Elsewhere an infinitive right after a modal at the paragraph's
		// end lost its object ("… podrán reclamar").
		if !c.neverFinal[lw] && !particleAfterModal(s, c, first, wi) && !infinitiveAfterModal(s, first, wi) {
			continue
		}
		if len(sents) == 1 && audit.Words(doc.Snippet(p.Span)) < minUnfinishedWords {
			continue
		}
		if sourceLanguageStretch(s, first, wi+1) {
			continue
		}
		// Quote the last three words of the broken sentence.
		from := wi
		for k, n := wi-1, 0; k >= first && n < 2; k-- {
			if s.toks[k].Kind == tokPunct {
				break
			}
			from, n = k, n+1
		}
		pass.Report(audit.Diagnostic{
			Start: int(s.toks[from].Start), End: int(w.End),
			Message:    fmt.Sprintf("Paragraph ends on “%s” without a full stop: the rest of the sentence was lost", s.text(w)),
			Confidence: 0.8,
		})
	}
}

// infinitiveAfterModal reports, in a language that does not put its
// infinitives at the end of the clause, a sentence [first, wi] that ends on
// an infinitive (the profile's infinitive_endings) right after a modal (an
// infinitive_leads word that is not a preposition: podrán, dovrà, peut).
// With no stop after it, the paragraph was cut before the verb's object.
func infinitiveAfterModal(s *shape, first, wi int) bool {
	lx := s.lex
	if lx.nounsCapitalised || wi-1 < first {
		return false
	}
	w, lead := &s.toks[wi], &s.toks[wi-1]
	if lead.Kind != tokWord || !lead.is(tLowerInitial) {
		return false
	}
	lw, ll := s.low(w), s.low(lead)
	return len(lw) > 3 && hasSuffixIn(lw, lx.infinitiveEndings) && lx.infinitiveLeads[ll] && !lx.prepositions[ll]
}

// particleAfterModal reports, in a language that puts the infinitive at
// the end of its clause (one that capitalises its nouns: German), a
// sentence [first, wi] that ends on a verb particle (a preposition) after a
// word that governs an infinitive (the profile's infinitive_leads: will,
// soll, muss, wird): "… will die Regierung bis Juni vor" lost "vorlegen".
func particleAfterModal(s *shape, c *conventions, first, wi int) bool {
	lx := s.lex
	if !lx.nounsCapitalised || !lx.prepositions[s.low(&s.toks[wi])] {
		return false
	}
	// The modal stands in the same clause: back to punctuation or a
	// conjunction ("…, kündigte der Polizeichef an.", "… wird und sprach
	// sich … aus." are other clauses).
	for k := wi - 2; k >= first; k-- {
		t := &s.toks[k]
		if t.Kind == tokPunct || (t.Kind == tokWord && c.boundaries[s.low(t)] && !lx.prepositions[s.low(t)]) {
			return false
		}
		if t.Kind == tokWord && t.is(tLowerInitial) && lx.infinitiveLeads[s.low(t)] {
			return true
		}
	}
	return false
}
