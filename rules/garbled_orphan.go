package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "garbled.orphan",
		Category: audit.Garbled,
		Severity: audit.Minor,
		Title:    "Orphan fragment: a lone place name or date as a sentence",
		Doc: `Flags a "sentence" of one to three words that is only a place name or
a date — *Lyon.*, *12 mars.*, *Mardi.* — trailing another sentence in the
same paragraph (a place name only at the paragraph's end: in mid-paragraph
it may be a dateline), or standing alone as a paragraph in an article of
prose.
Such fragments are the remains of a dateline, a caption or a clause that
machine translation cut off (*… a déclaré le ministre. 12 mars.*).

A place name must be a name of the article: written with a capital in
mid-sentence somewhere else in it, or capitalised elsewhere and never in
lower case. Not flagged: the title, datelines
(*PARIS (Reuters) -*), list items, a short answer after a question or a
colon (*Où ? Lyon.*), words in capitals, fragments without a full stop
(signatures, credits).

A paragraph of one capitalised word and a full stop between two paragraphs
of prose is flagged even when the word occurs nowhere else (*… à bord.*
/ *Denver.* / *La mission …*), unless the article writes the word in lower
case elsewhere, it is an interjection (*Voilà.*), or it has the ending of a
common noun, as section heads do (*Témoignages.*, *Réactions.*,
*Chronologie.*).

Every language: days, months, time words, interjections and common-noun
endings come from the language profile; without days and months no date
is recognised.

**What to do**: join the fragment to its sentence (*a déclaré le ministre
le 12 mars*) or remove it.`,
		Examples: []audit.Example{
			{Text: "Le ministre de l’Agriculture s’est rendu à Rennes.\n\nLes producteurs de lait ont exposé leurs difficultés au ministre, qui a promis une aide rapide. 12 mars.\n\nUne nouvelle réunion est prévue avant l’été.\n", Trigger: true, Note: "a lone date after a sentence"},
			{Text: "Les éleveurs bretons manifestent à Rennes depuis lundi.\n\nIls réclament une hausse des prix payés par les industriels. Rennes.\n\nLe préfet a reçu une délégation mardi soir.\n", Trigger: true, Note: "a lone place name of the article after a sentence"},
			{Text: "La sonde a quitté son orbite\n\nLes ingénieurs ont confirmé la manœuvre dans la nuit de mardi à mercredi.\n\nPasadena.\n\nLa sonde doit atteindre sa cible dans trois semaines, selon les responsables de la mission.\n", Trigger: true, Note: "a lone name as a paragraph between paragraphs of prose"},
			{Text: "Le procès s’ouvre à Lille\n\nLes parties civiles attendent ce moment depuis quatre ans, selon leurs avocats.\n\nTémoignages.\n\nUne victime raconte avoir perdu son emploi après les faits, en 2019.\n", Note: "a section head with the ending of a common noun"},
			{Text: "Rennes accueille le salon\n\nOù se tiendra la prochaine édition ? Rennes. La ville a été choisie pour son parc des expositions.\n\nLe salon ouvrira le 12 mars. Les inscriptions sont ouvertes.\n", Trigger: false, Note: "an answer to a question; dates inside sentences"},
		},
		Origin: "rules/garbled_orphan.go",
		Run:    runOrphan,
	})
}

func runOrphan(pass *audit.Pass) {
	s := shapeOf(pass)
	doc := pass.Doc
	prose := -1 // paragraphs of prose, counted on first need
	for pi := range doc.Paragraphs {
		sents := doc.ParagraphSentences(pi)
		if len(sents) == 0 || listItem(s, pi) {
			continue
		}
		for si, sent := range sents {
			if pi == 0 && si == 0 {
				continue // the title
			}
			standalone := len(sents) == 1
			if si == 0 && !standalone {
				continue
			}
			kind, ok := orphanKind(s, pi, sent.Span)
			if !ok && standalone && orphanLoneName(s, pi) {
				kind, ok = "name", true
			}
			if !ok {
				continue
			}
			// The text before: a question or a colon calls for a short answer.
			var before string
			if si > 0 {
				before = doc.Snippet(sents[si-1].Span)
			} else if pi > 0 {
				before = doc.Snippet(doc.Paragraphs[pi-1].Span)
			}
			before = strings.TrimRight(before, " \u00a0»\"”)")
			if last, _ := utf8.DecodeLastRuneInString(before); last == '?' || last == ':' || last == '!' {
				continue
			}
			conf := 0.8
			if kind == "name" {
				conf = 0.65 // less 0.15 below: a paragraph of its own
			}
			if kind == "place name" {
				// A place in mid-paragraph may be a dateline that opens the
				// next sentence ("… la veille. Lyon. Le maire a …").
				if si < len(sents)-1 {
					continue
				}
				conf = 0.7
			} else if si < len(sents)-1 {
				conf = 0.65
			}
			if standalone {
				if prose < 0 {
					prose = proseParagraphs(doc)
				}
				if prose < 2 {
					continue
				}
				conf -= 0.15
			}
			pass.Report(audit.Diagnostic{
				Start: sent.Start, End: sent.End,
				Message:    "Orphan fragment: a lone " + kind + " standing as a sentence",
				Suggestion: "join it to the sentence it belongs to, or remove it",
				Confidence: conf,
			})
		}
	}
}

// orphanKind reports whether sp, a span of paragraph pi, is one to three
// words forming a date or a place name of the article, followed by a full
// stop.
func orphanKind(s *shape, pi int, sp audit.Span) (string, bool) {
	lx := s.lex
	toks, few := fewTokensIn(s, pi, sp, 4)
	if !few || len(toks) < 2 || s.text(&toks[len(toks)-1]) != "." {
		return "", false
	}
	body := toks[:len(toks)-1]
	if len(body) > 3 {
		return "", false
	}
	for k := range body {
		if body[k].Kind == tokPunct {
			return "", false
		}
	}
	if len(body) > 1 && lx.dateLeads[s.low(&body[0])] && !body[1].is(tUpperInitial) {
		body = body[1:]
	}
	// A date: day names, months, day numbers and a year.
	date, anchor := true, false
	for k := range body {
		t := &body[k]
		switch l := s.low(t); {
		case lx.days[l] || lx.months[l]:
			anchor = true
		case lx.timeWords[l] && !lx.dayWords[l]:
		case t.Kind == tokNum && utf8.RuneCountInString(s.text(t)) <= 4:
		default:
			date = false
		}
	}
	if date && anchor {
		return "date", true
	}
	// A place name: capitalised words, one of them a name of the article.
	known := false
	for k := range body {
		t := &body[k]
		if t.Kind != tokWord || !t.is(tCapitalised) {
			return "", false
		}
		l := s.low(t)
		if lx.lowerFunction[l] {
			if k == 0 && len(body) > 1 && lx.articles[l] {
				continue // "Le Caire", "La Paz"
			}
			return "", false
		}
		if lx.interjections[l] {
			return "", false
		}
		if s.isNameOfDoc(l) {
			known = true
		}
	}
	if !known {
		return "", false
	}
	return "place name", true
}

// orphanLoneName reports whether paragraph pi, between two paragraphs of
// prose, is one capitalised word and a full stop, a word the article never
// writes in lower case and without the ending of a common noun: a place or
// person cut off from its sentence (*Denver.*, not the section head
// *Témoignages.* or the interjection *Voilà.*).
func orphanLoneName(s *shape, pi int) bool {
	doc := s.doc
	lx := s.lex
	if pi == 0 || pi+1 >= len(doc.Paragraphs) {
		return false
	}
	toks, few := fewTokensIn(s, pi, doc.Paragraphs[pi].Span, 2)
	if !few || len(toks) != 2 || s.text(&toks[1]) != "." {
		return false
	}
	w := &toks[0]
	wt := s.text(w)
	if w.Kind != tokWord || !w.is(tCapitalised) || utf8.RuneCountInString(wt) < 3 || strings.ContainsAny(wt, "’'") {
		return false
	}
	l := s.low(w)
	if lx.lowerFunction[l] || lx.interjections[l] || s.isLowerWord(l) || hasSuffixIn(l, lx.commonNounEndings) {
		return false
	}
	prev := strings.TrimRight(doc.Snippet(doc.Paragraphs[pi-1].Span), " \u00a0»\"”)")
	if !strings.HasSuffix(prev, ".") || audit.Words(prev) < 8 {
		return false
	}
	return audit.Words(doc.Snippet(doc.Paragraphs[pi+1].Span)) >= 8
}

// fewTokensIn returns s.tokensIn(sp) for a span of paragraph pi when they
// are n at most, else false. The search is over the paragraph's tokens
// only, and stops after n+1: most sentences are long, and the table of a
// whole document need not be searched for each.
func fewTokensIn(s *shape, pi int, sp audit.Span, n int) ([]token, bool) {
	p := s.doc.Paragraphs[pi]
	lines := s.doc.Lines
	if len(s.lineTok) != len(lines) || sp.Start < lines[p.FirstLine].Start || sp.End > lines[p.LastLine].End {
		toks, _ := s.tokensIn(sp) // not within the paragraph's lines
		return toks, len(toks) <= n
	}
	// The tokens of other lines lie outside the lines, so outside sp.
	lo, hi := s.lineTokenBounds(p.FirstLine, p.LastLine)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(s.toks[m].Start) < sp.Start {
			lo = m + 1
		} else {
			hi = m
		}
	}
	end := lo
	for end < len(s.toks) && int(s.toks[end].End) <= sp.End {
		if end-lo == n {
			return nil, false
		}
		end++
	}
	return s.toks[lo:end], true
}

// listItem reports whether paragraph pi starts like a list item.
func listItem(s *shape, pi int) bool {
	p := s.doc.Paragraphs[pi]
	r, _ := utf8.DecodeRuneInString(s.doc.Text[p.Start:])
	switch r {
	case '-', '•', '*', '–', '—', '·', '>':
		return true
	}
	if r >= '0' && r <= '9' {
		rest := strings.TrimLeft(s.doc.Text[p.Start:p.End], "0123456789")
		return strings.HasPrefix(rest, ")") || strings.HasPrefix(rest, ". ") || strings.HasPrefix(rest, "/")
	}
	return false
}

// proseParagraphs counts paragraphs of at least eight words.
func proseParagraphs(doc *audit.Document) int {
	n := 0
	for _, p := range doc.Paragraphs {
		if audit.Words(doc.Snippet(p.Span)) >= 8 {
			n++
		}
	}
	return n
}
