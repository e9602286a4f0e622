package rules

import (
	"strings"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "garbled.fused-sentence",
		Category: audit.Garbled,
		Severity: audit.Minor,
		Title:    "Two sentences fused after a number, a date or a noun phrase",
		Doc: `Flags a number, a year or a date followed directly by a capitalised
article or subject pronoun that opens a new clause, with no stop between:
*… le lundi 12 avril 2021 Le ministère a annoncé …*. Captions and datelines
lose their full stop when a page is scraped or translated sentence by
sentence.

It also flags a capitalised article fused to the noun phrase before it:
*… divise les élus Le gouvernement a promis …*, *… kritisiert die Regierung
Der Minister wies …*. The word before ends a noun phrase (a determiner
stands right before it; it is no function word, reporting verb or title
introducer: *le film La vie est belle* is a title; in German the end of a
compound counts, *die Wochenzeitung Die Zeit*), the article is not
elided (*L’*, which link text leaves as well: grammar.link-capital), and the
word after is the new subject's noun: in lower case (*Le Monde*, *Les
Républicains* are names), or, in a language that capitalises its nouns
(German), capitalised and followed by a lower-case verb, and the pair
written nowhere else in the article (*Die Linke*).

How the fused-text rules share the work, by the word before the capital:

- a number, a year or a date: **garbled.fused-sentence** (this rule);
- the end of a noun phrase before a capitalised article: this rule;
- another lower-case word: **grammar.link-capital**;
- an acronym or a capitalised word: **grammar.fused-article**.

Not flagged: a number that opens a line (a list item), a date that opens
a line (a chronology: *12 mars 2021 Le traité entre en vigueur*), a heading
without final punctuation (*Top 10 Les plus belles plages*), a capitalised
word after the article (*en 2024 Le Mans accueillera* — a name), headlines
in capitals.

A lower-case word before the capital is grammar.link-capital's; a date
before it is garbled because the two sentences, not one word, are broken.

Every language whose profile lists clause openers (articles and subject
pronouns), months and date words; the noun-phrase case reads articles,
determiners, function words and title introducers.

Where it fails: a sentence ending on a verb or a verb particle before the
article (*… rufen zu Protesten auf Die Demonstrationen …*) is missed; a
title whose introducer the profile does not list is flagged.

**What to do**: end the first sentence with a full stop.`,
		Examples: []audit.Example{
			{Text: "Les secours sont intervenus rapidement.\n\nLe navire a été photographié au large de Brest le mardi 9 mars 2021 Les garde-côtes ont ensuite escorté le bateau jusqu’au port.\n", Trigger: true, Note: "a date fused with the next sentence"},
			{Text: "La saison a repris.\n\nLe club a terminé la saison en 2019 Il a ensuite changé d’entraîneur.\n", Trigger: true, Note: "a year fused with a subject pronoun"},
			{Text: "La course d’endurance revient.\n\nEn 2024 Le Mans accueillera de nouveau les pilotes.\n\n1 Le règlement est affiché à l’entrée.\n", Trigger: false, Note: "a name after the article; a list item"},
			{Text: "La réforme en débat\n\nLa réforme divise profondément les élus Le gouvernement a pourtant promis une concertation.\n", Trigger: true, Note: "an article fused to the noun phrase before it"},
			{Lang: "de", Text: "Streit um die Reform\n\nDie Opposition kritisiert seit Wochen die Regierung Der Minister wies die Vorwürfe zurück.\n", Trigger: true},
			{Lang: "de", Text: "Streit um die Reform\n\nNach Angaben der Zeitung Die Welt lehnt die Partei Die Linke die Reform ab.\n", Note: "names after their introducers"},
			{Lang: "es", Text: "Debate sobre la reforma\n\nLa reforma enfrenta a los sindicatos El ministro defendió ayer el texto.\n", Trigger: true},
			{Lang: "es", Text: "Debate sobre la reforma\n\nSegún el diario El País, la reforma enfrenta a los sindicatos.\n"},
			{Lang: "it", Text: "Scontro sulla riforma\n\nLa riforma preoccupa i sindacati Il ministro ha difeso ieri il testo.\n", Trigger: true},
			{Lang: "it", Text: "Scontro sulla riforma\n\nSecondo il quotidiano La Stampa, la riforma preoccupa i sindacati.\n"},
			{Lang: "pt", Text: "Reforma divide o Parlamento\n\nA reforma preocupa os sindicatos O ministro defendeu ontem o texto.\n", Trigger: true},
			{Lang: "pt", Text: "Reforma divide o Parlamento\n\nSegundo o jornal O Globo, a reforma preocupa os sindicatos.\n"},
		},
		Origin: "rules/garbled_fused_sentence.go",
		Run:    runFusedSentence,
	})
}

func runFusedSentence(pass *audit.Pass) {
	s := shapeOf(pass)
	lx := s.lex
	var lines lineMemo
	// Both checks want a word of a short list: most tokens are in neither.
	articles := setFilter(lx, "articles", lx.articles)
	openers := setFilter(lx, "clauseOpeners", lx.clauseOpeners)
	for _, ci := range capitalisedWordsOf(pass) {
		i := int(ci)
		t := &s.toks[i] // a capitalised word
		low := s.low(t)
		if articles.mayHave(low) && fusedCandidate(s, i) && !lines.capsOrHeadline(s, t.line()) {
			p, n := &s.toks[i-1], &s.toks[i+1]
			text := s.doc.Text
			pass.Report(audit.Diagnostic{
				Start: int(p.Start), End: int(n.End),
				Message:    "Two sentences run together before “" + s.text(t) + "”: a full stop is missing after “" + s.text(p) + "”",
				Suggestion: text[p.Start:p.End] + ". " + text[t.Start:n.End],
				Confidence: 0.65,
			})
			continue
		}
		// A number before first: rarer than an opener, and no look-up.
		p := s.prev(i)
		if p == nil || p.Kind != tokNum || !openers.has(lx.clauseOpeners, low) || !s.adjacent(p, t) || p.is(tLineStart) {
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

// fusedAfterWord reports whether the capitalised article at token i opens
// a new sentence fused to the noun phrase before it, with no stop between:
// "les élus Le gouvernement a", "die Regierung Der Minister wies". The word
// before ends a noun phrase (a determiner stands right before it, and it
// is no function word, verb form of saying or title introducer); the word after is the new subject's noun: in lower case,
// or, where every noun takes a capital, capitalised and followed by a
// lower-case word (its verb), the pair written nowhere else in
// mid-sentence (Die Linke, a name).
func fusedAfterWord(s *shape, i int) bool {
	if !fusedCandidate(s, i) {
		return false
	}
	li := s.toks[i].line()
	return !capsLine(s, li) && !s.isHeadlineLine(li)
}

// lineMemo remembers whether the last line asked about is in capitals or a
// headline: a rule walking the tokens in order asks once per line.
type lineMemo struct {
	line  int
	known bool
	value bool
}

func (m *lineMemo) capsOrHeadline(s *shape, li int) bool {
	if !m.known || m.line != li {
		m.line, m.known, m.value = li, true, capsLine(s, li) || s.isHeadlineLine(li)
	}
	return m.value
}

// fusedCandidate is fusedAfterWord less the checks of the whole line.
func fusedCandidate(s *shape, i int) bool {
	lx := s.lex
	t := &s.toks[i]
	// An elided article (L’) may be link text as well: grammar.link-capital's.
	if t.Kind != tokWord || !t.is(tCapitalised) || !lx.articles[s.low(t)] || strings.HasSuffix(s.low(t), "’") || s.sentenceStart(i) {
		return false
	}
	p, n := s.prev(i), s.next(i)
	if p == nil || n == nil || p.Kind != tokWord || n.Kind != tokWord || !s.adjacent(p, t) || !s.adjacent(t, n) {
		return false
	}
	pl := s.low(p)
	if lx.lowerFunction[pl] || lx.prepositions[pl] || lx.auxiliaries[pl] || lx.reportingVerbs[pl] ||
		lx.reportingParticiples[pl] || lx.titleIntroducers[pl] || lx.nameParticles[pl] {
		return false
	}
	if lx.nounsCapitalised {
		if endsWithIntroducer(lx, pl) {
			return false // "die Wochenzeitung Die Zeit": a compound introducer
		}
		nn := s.next(i + 1)
		if !n.is(tCapitalised) || nn == nil || nn.Kind != tokWord || !nn.is(tLowerInitial) || !s.adjacent(n, nn) {
			return false
		}
		if fusedPairElsewhere(s, i) {
			return false
		}
	} else if !p.is(tLowerInitial) || !n.is(tLowerInitial) {
		return false
	}
	// The word before closes a noun phrase: a determiner right before it.
	if q := s.prev(i - 1); q == nil || q.Kind != tokWord || !lx.determiners[s.low(q)] {
		return false
	}
	return true
}

// fusedPairWindow bounds the tokens fusedPairElsewhere reads on either
// side, which keeps the check linear on any input; an article is shorter.
const fusedPairWindow = 3000

// fusedPairElsewhere reports whether the capitalised article at token i and
// the word after it occur together, capitalised, elsewhere in the document
// (Die Linke, Die Welt): a name, not a sentence start.
func fusedPairElsewhere(s *shape, i int) bool {
	a, b := s.low(&s.toks[i]), s.low(&s.toks[i+1])
	for j := max(0, i-fusedPairWindow); j+1 < len(s.toks) && j <= i+fusedPairWindow; j++ {
		if j == i {
			continue
		}
		t, n := &s.toks[j], &s.toks[j+1]
		if t.Kind == tokWord && t.is(tCapitalised) && n.Kind == tokWord && n.is(tCapitalised) &&
			s.low(t) == a && s.low(n) == b && s.sameLine(j, j+1) {
			return true
		}
	}
	return false
}

// endsWithIntroducer reports whether w, in a language that joins nouns into
// compounds, ends with a title introducer of four letters or more
// (Wochenzeitung, Nachrichtenmagazin).
func endsWithIntroducer(lx *lexicon, w string) bool {
	for intro := range lx.titleIntroducers {
		if len(intro) >= 4 && len(w) > len(intro) && strings.HasSuffix(w, intro) {
			return true
		}
	}
	return false
}
