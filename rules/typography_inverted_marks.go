package rules

import (
	"fmt"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "typography.inverted-marks",
		Category: audit.Typography,
		Severity: audit.Minor,
		Title:    "Question or exclamation without its opening mark (¿, ¡)",
		Doc: `Flags a question or an exclamation that ends with *?* or *!* and has
no opening *¿* or *¡* in a language that writes them (Spanish: *¿Qué vamos a
hacer?*). Machine translation copies the English punctuation, which has
only the closing mark.

What it looks at: each *?* or *!* that ends a sentence or a quotation, and
the stretch before it back to the previous stop or the line start; an
opening mark anywhere in that stretch satisfies it, so a question that
opens mid-sentence (*Si no llega, ¿qué haremos?*) is correct. Either opening
mark serves either closing one (*¡Qué vergüenza?*), as the Academy allows.
The profile says whether the language writes opening marks
(typography.inverted_marks).

Not flagged: a mark inside a word or an address (*?id=*), a bracketed
*(?)* or *(!)*, a name ending in *!* in mid-sentence (*Yahoo!*), sentences
in the source language (an English quotation).

Where it fails: a question that opens mid-sentence after a comma without
its *¿* is flagged as a whole from the sentence start; the mark belongs
where the question begins.

**What to do**: add the opening mark where the question or exclamation
begins.`,
		Examples: []audit.Example{
			{Lang: "es", Text: "La sequía se agrava\n\nLos agricultores se preguntan qué harán con sus cosechas. Quién pagará las pérdidas?\n", Trigger: true},
			{Lang: "es", Text: "La sequía se agrava\n\nLos agricultores se preguntan: ¿quién pagará las pérdidas? Si no llueve, ¿qué harán? ¡Es una catástrofe!\n"},
			{Lang: "es", Text: "La sequía se agrava\n\nEl ministro recordó el lema de la campaña, \"Are you ready?\", y anunció nuevas ayudas.\n", Note: "an English quotation"},
		},
		Origin: "rules/typography_inverted_marks.go",
		Run:    runInvertedMarks,
	})
}

func runInvertedMarks(pass *audit.Pass) {
	lx := lexOf(pass)
	if !lx.target.Typography.InvertedMarks {
		return
	}
	s := shapeOf(pass)
	for i := range s.toks {
		t := &s.toks[i]
		mark := s.text(t)
		if t.Kind != tokPunct || (mark != "?" && mark != "!") {
			continue
		}
		p := s.prev(i)
		if p == nil {
			continue
		}
		if pt := s.text(p); p.Kind == tokPunct && (pt == "(" || pt == "?" || pt == "!" || pt == "¿" || pt == "¡") {
			continue // "(?)", the second mark of "?!", an empty "¿?"
		}
		// It must close something: the line ends, or a blank or a closing
		// mark follows ("?id=", "Yahoo!News" do not).
		if n := s.next(i); n != nil && n.Start == t.End && n.Kind != tokPunct {
			continue
		}
		from := i
		opened := false
		for from > 0 && s.sameLine(i, from-1) {
			q := &s.toks[from-1]
			if q.Kind == tokPunct {
				qt := s.text(q)
				if isStop(qt) || qt == ":" || qt == ";" {
					break
				}
				if qt == "¿" || qt == "¡" {
					opened = true
					break
				}
				if openingQuote(s, from-1) {
					break // the question is the quotation's
				}
			}
			from--
		}
		if opened || from == i {
			continue
		}
		// "el portal Yahoo! Noticias": a name ending in "!" in mid-sentence.
		if mark == "!" && p.Kind == tokWord && p.is(tUpperInitial) && !s.sentenceStart(i-1) {
			if n := s.next(i); n != nil && n.Kind == tokWord {
				continue
			}
		}
		if sourceLanguageStretch(s, from, i) {
			continue
		}
		// Start after opening quotation marks and brackets.
		for from < i && s.toks[from].Kind == tokPunct {
			from++
		}
		if from == i {
			continue
		}
		opening := "¿"
		if mark == "!" {
			opening = "¡"
		}
		start := int(s.toks[from].Start)
		pass.Report(audit.Diagnostic{
			Start: start, End: int(t.End),
			Message:    fmt.Sprintf("“%s” without its opening “%s”: %s opens questions and exclamations", mark, opening, lx.target.Name),
			Suggestion: opening + s.doc.Text[start:t.End], Confidence: 0.8,
		})
	}
}

// openingQuote reports whether token k opens a quotation: an opening mark
// of the language or of the source, or a straight quote after an even
// number of them on its line.
func openingQuote(s *shape, k int) bool {
	t := &s.toks[k]
	m := s.text(t)
	if m == "\"" {
		line := s.doc.Lines[t.Line]
		return strings.Count(s.doc.Text[line.Start:t.Start], "\"")%2 == 0
	}
	return isQuoteMark(m, s.lex.openQuotes) && !isQuoteMark(m, s.lex.closeQuotes)
}
