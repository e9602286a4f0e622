package rules

import (
	"strings"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

func init() {
	register(&audit.Rule{
		ID:       "grammar.qui-que",
		Category: audit.Grammar,
		Severity: audit.Minor,
		Title:    "“qui” where “que” is needed, before a new subject",
		Doc: `Flags *qui* directly followed by a subject — a noun phrase opened by a
capitalised determiner (*qui L’ONU*, *qui La commission*), a name, or an
article and a name (*qui la Russie*) — and then a finite verb: *des assurances qui La région ne fermera pas l’école*. The
relative or conjunction should be *que*: machine translation renders English
*that* as *qui* when link text splits the sentence, and keeps the link's
capital.

Not flagged: *qui* after a preposition (*à qui*, *avec qui*), after a verb
that opens an indirect question (*on ignore qui Marie choisira*), or when no
finite verb follows the subject, and *qui* before a pronoun and its verb
(*celui qui la dirige*). A name after *qui* gives a lower confidence than a
capitalised determiner.

French only: the confusion of the subject and object relatives after a
link is a French one (English *that* is both); the words come from the
French profile (subject_relatives, object_relatives,
indirect_question_verbs, finite_markers, finite_endings).

**What to do**: replace *qui* with *que* (or *qu’*) and lower-case the
determiner.`,
		Examples: []audit.Example{
			{Text: "Les pêcheurs attendent une réponse.\n\nIls demandent des assurances qui La commission ne réduira pas les quotas cette année.\n", Trigger: true, Note: "qui before a capitalised determiner and a finite verb"},
			{Text: "Le conseil municipal s’est réuni.\n\nLes habitants espèrent des garanties qui L’ONU enverra des observateurs avant le scrutin.\n", Trigger: true, Note: "L’ and an acronym"},
			{Text: "La réunion a eu lieu lundi.\n\nL’élu avec qui La commission a négocié a quitté ses fonctions. On ignore qui Marie choisira pour le remplacer.\n", Trigger: false, Note: "after a preposition, and an indirect question"},
			{Text: "Le stade est plein.\n\nLe joueur qui a marqué le but a été félicité par l’entraîneur.\n", Trigger: false, Note: "an ordinary subject relative"},
		},
		Langs:  []string{"fr"},
		Origin: "rules/grammar_qui_que.go",
		Run:    runQuiQue,
	})
}

func runQuiQue(pass *audit.Pass) {
	s := shapeOf(pass)
	lx := s.lex
	if len(lx.objectRelatives) == 0 {
		return
	}
	relatives := setFilter(lx, "subjectRelatives", lx.subjectRelatives)
	// A token written as a relative has its folded form as its word in
	// the table: only the tokens of those ids are looked at, and a
	// document without one is done.
	wt := s.wordsOf()
	var buf [64]uint64
	ids := newWordIDSet(wt, buf[:0], subjectRelativeForms(lx))
	if ids.n == 0 {
		return
	}
	for i, id := range wt.id {
		if !ids.has(id) {
			continue
		}
		t := &s.toks[i]
		if t.Kind != tokWord || !t.is(tLowerInitial) || !relatives.has(lx.subjectRelatives, s.text(t)) {
			continue
		}
		if end, conf, ok := quiQue(s, i); ok {
			pass.Report(audit.Diagnostic{
				Start: int(t.Start), End: end,
				Message:    "“" + s.text(t) + "” before a new subject and its verb: “" + lx.objectRelatives[0] + "” is needed here",
				Suggestion: lx.objectRelatives[0] + " " + lowerFirst(s.doc.Text[s.toks[i+1].Start:end]),
				Confidence: conf,
			})
		}
	}
}

// quiQue reports whether the subject relative at token i is followed by a
// subject and a finite verb, and returns the end of the subject and a
// confidence.
func quiQue(s *shape, i int) (int, float64, bool) {
	lx := s.lex
	q := &s.toks[i]
	if p := s.prev(i); p != nil && p.Kind == tokWord && (lx.prepositions[s.low(p)] || lx.indirectQuestionVerbs[s.low(p)]) {
		return 0, 0, false
	}
	n := s.next(i)
	if n == nil || n.Kind != tokWord || !s.adjacent(q, n) {
		return 0, 0, false
	}
	nl := s.low(n)
	j := i + 1 // index of the last token of the subject's head
	conf := 0.85
	switch {
	case !n.is(tUpperInitial):
		// "qui la Russie menace": a definite article in lower case is a
		// subject only before a name; "qui la dirige" is a pronoun and a verb.
		h := s.next(j)
		if !lx.definiteArticles[nl] || h == nil || h.Kind != tokWord || !s.adjacent(n, h) || !s.isNameToken(h) {
			return 0, 0, false
		}
		j++
		conf = 0.6
	case n.is(tCapitalised) && lx.determiners[nl] && !lx.complementPrepositions[nl]:
		h := s.next(j)
		if h == nil || h.Kind != tokWord || !s.adjacent(n, h) {
			return 0, 0, false
		}
		j++
		if h.is(tCapitalised) && !strings.HasSuffix(nl, "’") {
			conf = 0.6 // "qui Le Monde a publié": a name
		}
	case s.isNameToken(n):
		conf = 0.6
		for k := 0; k < 2; k++ {
			w := s.next(j)
			if w == nil || w.Kind != tokWord || !s.isNameToken(w) || !s.adjacent(&s.toks[j], w) {
				break
			}
			j++
		}
	default:
		return 0, 0, false
	}
	// A finite verb within three words: "ne s’étendra", "européenne réduira".
	for k := j + 1; k <= j+3 && s.sameLine(j, k); k++ {
		w := &s.toks[k]
		if w.Kind != tokWord {
			return 0, 0, false
		}
		if lx.looksFinite(s.low(w)) {
			return int(s.toks[j].End), conf, true
		}
		if !w.is(tLowerInitial) {
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// looksFinite reports whether w opens or is a finite verb: a clitic, an
// auxiliary or modal, or a future, conditional or imperfect ending.
func (lx *lexicon) looksFinite(w string) bool {
	if lx.finiteMarkers[w] {
		return true
	}
	if len(w) < 5 || lx.lookalikes[w] {
		return false
	}
	return hasSuffixIn(w, lx.finiteEndings)
}

type subjectRelativeFormsKey struct{ source *profile.Profile }

// subjectRelativeForms returns the subject relatives of lx and their
// folded forms (the forms of their tokens in a word table).
func subjectRelativeForms(lx *lexicon) map[string]bool {
	return lx.target.Derived(subjectRelativeFormsKey{lx.source}, func(*profile.Profile) any {
		forms := map[string]bool{}
		for w, ok := range lx.subjectRelatives {
			if ok {
				forms[w] = true
				forms[string(appendRuneFold(nil, w))] = true
			}
		}
		return forms
	}).(map[string]bool)
}
