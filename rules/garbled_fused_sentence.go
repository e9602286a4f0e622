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

**What to do**: end the first sentence with a full stop.`,
		Examples: []audit.Example{
			{Text: "Les secours sont intervenus rapidement.\n\nLe navire a été photographié au large de Brest le mardi 9 mars 2021 Les garde-côtes ont ensuite escorté le bateau jusqu’au port.\n", Trigger: true, Note: "a date fused with the next sentence"},
			{Text: "La saison a repris.\n\nLe club a terminé la saison en 2019 Il a ensuite changé d’entraîneur.\n", Trigger: true, Note: "a year fused with a subject pronoun"},
			{Text: "La course d’endurance revient.\n\nEn 2024 Le Mans accueillera de nouveau les pilotes.\n\n1 Le règlement est affiché à l’entrée.\n", Trigger: false, Note: "a name after the article; a list item"},
		},
		Langs:  []string{"fr"},
		Origin: "rules/garbled_fused_sentence.go",
		Run:    runFusedSentence,
	})
}

// clauseOpeners begin a new sentence's subject.
var clauseOpeners = wordSet(`le la les l' un une des il ils elle elles on ce cette ces son sa ses leur leurs nous`)

func runFusedSentence(pass *audit.Pass) {
	s := shapeOf(pass.Doc)
	for i := range s.toks {
		t := &s.toks[i]
		// Every opener is ASCII-initial: a lower-case first byte rules the
		// token out before the map look-up.
		if t.Kind != tokWord || !('A' <= t.Text[0] && t.Text[0] <= 'Z') || !clauseOpeners[t.Lower] || !isCapitalised(t.Text) {
			continue
		}
		p := s.prev(i)
		if p == nil || p.Kind != tokNum || !s.adjacent(p, t) || p.LineStart {
			continue
		}
		n := s.next(i)
		if n == nil || n.Kind != tokWord || !s.adjacent(t, n) || !isLowerInitial(n.Text) {
			continue
		}
		if capsLine(s, t.line()) || dateLead(s, i-1) || s.isHeadlineLine(t.line()) {
			continue
		}
		start := p.Start
		// Take the month in: "avril 2019 Le ministère".
		if m := s.prev(i - 1); m != nil && frMonths[m.Lower] {
			start = m.Start
		}
		pass.Report(audit.Diagnostic{
			Start: start, End: n.End,
			Message:    "Two sentences run together after “" + p.Text + "”: a full stop is missing",
			Suggestion: s.doc.Text[start:p.End] + ". " + s.doc.Text[t.Start:n.End],
			Confidence: 0.8,
		})
	}
}

// dateLead reports whether everything from the start of the line to token
// i is a date ("12 mars 2021 Le traité …"): an entry of a chronology.
func dateLead(s *shape, i int) bool {
	for j := i; j >= 0 && s.sameLine(i, j); j-- {
		t := &s.toks[j]
		switch {
		case t.Kind == tokNum, frMonths[t.Lower], frDays[t.Lower], t.Lower == "le", t.Lower == "en":
		case t.Kind == tokPunct && (t.Text == "-" || t.Text == "–" || t.Text == "—" || t.Text == "•" || t.Text == "*" || t.Text == "/"):
		default:
			return false
		}
	}
	return true
}
