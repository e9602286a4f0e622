package rules

import (
	"strings"

	"github.com/mtaudit/mtaudit/audit"
)

// strictParticiples reports a language whose profile gives the participle
// check no clause grammar (no complementizers): German closes its clauses
// with the participle, far from the auxiliary (hat … gemeldet), and
// Portuguese news reports in the simple past. There only the sure shape of
// fused link text counts.
func strictParticiples(lx *lexicon) bool {
	return len(lx.complementizers) == 0
}

// strictBareParticiple judges the participle at token i in a strict
// language: an agency or a speaking body (or a name right after one, or
// after a person's title) directly before, the end of the sentence or a
// quotation right after, and no auxiliary anywhere in the clause. A form
// that is also a finite reporting verb (German berichtet, erklärt) is the
// present tense, not a bare participle.
func strictBareParticiple(s *shape, i int) (audit.Diagnostic, bool) {
	lx := s.lex
	t := &s.toks[i]
	if lx.reportingVerbs[s.low(t)] {
		return audit.Diagnostic{}, false
	}
	p := s.prev(i)
	if p == nil || p.Kind != tokWord || !s.adjacent(p, t) || s.isHeadlineLine(t.line()) {
		return audit.Diagnostic{}, false
	}
	first := i - 1
	pl := s.low(p)
	switch {
	case lx.agencyTags[pl] || lx.speakingBodies[pl]:
	case s.isSubjectName(p):
		q := s.prev(i - 1)
		if q == nil || q.Kind != tokWord {
			return audit.Diagnostic{}, false
		}
		ql := s.low(q)
		if !lx.speakingBodies[ql] && !lx.personTitles[ql] && !lx.agencyTags[ql] {
			return audit.Diagnostic{}, false
		}
		first = i - 2
	default:
		return audit.Diagnostic{}, false
	}
	if before := s.prev(first); before != nil && before.Kind == tokWord && lx.prepositions[s.low(before)] {
		return audit.Diagnostic{}, false // "von Reuters gemeldet", "pela Reuters informado"
	}
	if !endsSentenceOrQuotes(s, i) || auxiliaryInClause(s, first) {
		return audit.Diagnostic{}, false
	}
	auxs := lx.participleAuxiliaries
	start := int(s.toks[first].Start)
	tt := s.text(t)
	return audit.Diagnostic{
		Start: start, End: int(t.End),
		Message:    "Past participle “" + tt + "” with no auxiliary: the verb has lost its " + quotedAlternatives(auxs),
		Suggestion: strings.TrimRight(s.doc.Text[start:t.Start], " \u00a0") + " " + auxs[0] + " " + tt,
		Confidence: 0.8,
	}, true
}

// endsSentenceOrQuotes reports a participle at the end of its sentence or
// line, or before a colon or an opening quotation mark.
func endsSentenceOrQuotes(s *shape, i int) bool {
	n := s.next(i)
	if n == nil || !s.sameLine(i, i+1) {
		return true
	}
	if n.Kind != tokPunct {
		return false
	}
	nt := s.text(n)
	return nt == "." || nt == "!" || nt == "?" || nt == "…" || nt == ":" || isQuoteMark(nt, s.lex.targetOpenQuotes)
}

// auxiliaryInClause looks back from token i to the start of its clause for
// an auxiliary, however far: "Das hatte zuvor die Agentur Reuters gemeldet."
func auxiliaryInClause(s *shape, i int) bool {
	for j := i - 1; j >= 0 && s.sameLine(j, i); j-- {
		q := &s.toks[j]
		if q.Kind == tokPunct {
			if s.isClauseStop(s.text(q)) {
				return false
			}
			continue
		}
		if s.lex.auxiliaries[s.low(q)] {
			return true
		}
	}
	return false
}
