package rules

import "github.com/mtaudit/mtaudit/audit"

func init() {
	register(&audit.Rule{
		ID:       "garbled.fused-sentence",
		Category: audit.Garbled,
		Severity: audit.Minor,
		Title:    "Two sentences fused after a number or a date",
		Doc: `Flags a number, a year or a date followed directly by a capitalised
article or subject pronoun that opens a new clause, with no stop between:
*… le lundi 12 avril 2021 Le ministère a annoncé …*. Captions and datelines
lose their full stop when a page is scraped or translated sentence by
sentence.

How the fused-text rules share the work, by the word before the capital:

- a number, a year or a date: **garbled.fused-sentence** (this rule);
- a lower-case word: **grammar.link-capital**;
- an acronym or a capitalised word: **grammar.fused-article**.

Not flagged: a number that opens a line (a list item), a date that opens
a line (a chronology: *12 mars 2021 Le traité entre en vigueur*), a heading
without final punctuation (*Top 10 Les plus belles plages*), a capitalised
word after the article (*en 2024 Le Mans accueillera* — a name), headlines
in capitals.

A lower-case word before the capital is grammar.link-capital's; a date
before it is garbled because the two sentences, not one word, are broken.

Every language whose profile lists clause openers (articles and subject
pronouns), months and date words.

**What to do**: end the first sentence with a full stop.`,
		Examples: []audit.Example{
			{Text: "Les secours sont intervenus rapidement.\n\nLe navire a été photographié au large de Brest le mardi 9 mars 2021 Les garde-côtes ont ensuite escorté le bateau jusqu’au port.\n", Trigger: true, Note: "a date fused with the next sentence"},
			{Text: "La saison a repris.\n\nLe club a terminé la saison en 2019 Il a ensuite changé d’entraîneur.\n", Trigger: true, Note: "a year fused with a subject pronoun"},
			{Text: "La course d’endurance revient.\n\nEn 2024 Le Mans accueillera de nouveau les pilotes.\n\n1 Le règlement est affiché à l’entrée.\n", Trigger: false, Note: "a name after the article; a list item"},
		},
		Origin: "rules/garbled_fused_sentence.go",
		Run:    runFusedSentence,
	})
}

func runFusedSentence(pass *audit.Pass) {
	s := shapeOf(pass)
	lx := s.lex
	for i := range s.toks {
		t := &s.toks[i]
		if t.Kind != tokWord || !t.is(tCapitalised) || !lx.clauseOpeners[s.low(t)] {
			continue
		}
		p := s.prev(i)
		if p == nil || p.Kind != tokNum || !s.adjacent(p, t) || p.is(tLineStart) {
			continue
		}
		n := s.next(i)
		if n == nil || n.Kind != tokWord || !s.adjacent(t, n) || !n.is(tLowerInitial) {
			continue
		}
		if capsLine(s, t.line()) || dateLead(s, i-1) || s.isHeadlineLine(t.line()) {
			continue
		}
		start := int(p.Start)
		// Take the month in: "avril 2019 Le ministère".
		if m := s.prev(i - 1); m != nil && lx.months[s.low(m)] {
			start = int(m.Start)
		}
		text := s.doc.Text
		pass.Report(audit.Diagnostic{
			Start: start, End: int(n.End),
			Message:    "Two sentences run together after “" + s.text(p) + "”: a full stop is missing",
			Suggestion: text[start:p.End] + ". " + text[t.Start:n.End],
			Confidence: 0.8,
		})
	}
}

// dateLead reports whether everything from the start of the line to token
// i is a date ("12 mars 2021 Le traité …"): an entry of a chronology.
func dateLead(s *shape, i int) bool {
	lx := s.lex
	for j := i; j >= 0 && s.sameLine(i, j); j-- {
		t := &s.toks[j]
		switch l := s.low(t); {
		case t.Kind == tokNum, lx.months[l], lx.days[l], lx.dateLeads[l]:
		case t.Kind == tokPunct && (l == "-" || l == "–" || l == "—" || l == "•" || l == "*" || l == "/"):
		default:
			return false
		}
	}
	return true
}
