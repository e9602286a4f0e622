package rules

import (
	"strings"
	"sync"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

func init() {
	register(&audit.Rule{
		ID:       "grammar.bare-participle",
		Category: audit.Grammar,
		Severity: audit.Minor,
		Title:    "Past participle of a reporting verb with no auxiliary",
		Doc: `Flags the past participle of a reporting or speech verb (*signalé*,
*mentionné*, *déclaré*, *rejeté*, *menacé* …) standing right after its
subject with no auxiliary: *l’AFP indiqué.*, *Durand, déclaré « …*,
*qui dénoncé …*, *jeudi démenti les rumeurs*. Machine translation
drops *a* or *ont* when the English verb sat next to link text.

The subject must look like one: a capitalised name or an agency not governed
by a preposition, *qui*, a subject pronoun, a day or time word, or a name
followed by a comma. Nothing is flagged when an auxiliary (*a*, *ont*,
*avait*, *est*, *a-t-il* …) comes shortly before, or when the participle is
used as an adjective or a passive: followed by *par*, or by *de* and a noun
(*accusé de corruption*), after a comma unless a quotation, *que* or a day
follows, or in a headline (*Un maire accusé de fraude*).

Every language whose profile lists reporting participles and the
auxiliaries that restore them (participle_auxiliaries); subjects, passive
markers (agent prepositions) and what may follow come from the profile too.
A profile with no complementizers (German, whose participle closes the
clause far from its auxiliary; Portuguese, which reports in the simple
past) gets the strict shape only: an agency or speaking body (or a name
right after one, or after a title) directly before the participle, the end
of the sentence, a colon or a quotation right after, no auxiliary anywhere
in the clause, and no form that is also a finite reporting verb (German
*berichtet*).

**Where it fails**: a participle the profile does not list is never
flagged; a bare participle after a lower-case common noun (*le ministère
annoncé*) is left alone, as it reads as an adjective too often; in German and
Portuguese only the strict shape is checked (an agency or speaking body
right before a participle that ends the sentence), so most cases there are
missed; German participles that are also present tenses (*berichtet*) never
count.

**What to do**: restore the auxiliary (*l’AFP a indiqué*, *ont démenti*).`,
		Examples: []audit.Example{
			{Text: "Le port a rouvert après la tempête.\n\nLes dégâts sont importants, l’agence AFP signalé.\n", Trigger: true, Note: "a name then a bare participle at the end of the sentence"},
			{Text: "Les enseignants manifestent.\n\nLe porte-parole du ministère, Paul Martin, jeudi démenti les rumeurs de fermeture.\n", Trigger: true, Note: "a day word then a bare participle"},
			{Text: "Le stade sera rénové.\n\nLa directrice du club, Claire Dubois, annoncé « une saison de transition » pour l’équipe.\n", Trigger: true, Note: "a name, a comma, a bare participle and a quotation"},
			{Text: "Le conseil a voté le budget.\n\nLe maire, accusé de favoritisme par l’opposition, a défendu son bilan.\n", Trigger: false, Note: "an appositive passive participle"},
			{Text: "Le rapport a été publié.\n\nComme annoncé mardi, le texte mentionné plus haut sera débattu, a indiqué Le Parisien.\n", Trigger: false, Note: "adjectival uses and an auxiliary"},
			{Text: "Un maire accusé de fraude\n\nLe parquet a ouvert une enquête sur les marchés publics de la commune.\n", Trigger: false, Note: "a headline in the passive style"},
			{Lang: "it", Text: "Il consiglio comunale ha approvato il bilancio.\n\nHa dichiarato che i lavori partiranno in primavera. Viene annunciato che la scuola riaprirà.\n", Trigger: false, Note: "a sentence that drops its subject opens with the capitalised auxiliary"},
			{Lang: "es", Text: "El ayuntamiento aprobó el presupuesto.\n\nFue anunciado que las obras empezarán en primavera. Ha declarado que la escuela reabrirá.\n", Trigger: false, Note: "a sentence that drops its subject opens with the capitalised auxiliary"},
			{Lang: "es", Text: "El puerto fue reabierto.\n\nLos daños son importantes, la agencia Efe informado.\n", Trigger: true, Note: "Spanish: a name then a bare participle"},
			{Lang: "it", Text: "Il porto è stato riaperto.\n\nI danni sono ingenti, l’agenzia Ansa riferito.\n", Trigger: true, Note: "Italian: a name then a bare participle"},
			{Lang: "de", Text: "Der Hafen wurde wieder geöffnet.\n\nDie Schäden seien groß, sagte ein Sprecher der Agentur AFP gemeldet.\n", Trigger: true, Note: "German: an agency then a bare participle at the end of the sentence"},
			{Lang: "de", Text: "Der Hafen wurde wieder geöffnet.\n\nDas hatte zuvor die Agentur AFP gemeldet. Die Schäden seien groß, wie die dpa berichtet.\n", Trigger: false, Note: "German: the auxiliary opens the clause; berichtet is also the present tense"},
			{Lang: "de", Text: "Der Stadtrat tagte am Abend.\n\nIn Bayern wurden zwanzig neue Fälle gemeldet. Die Zeitung gemeldet hat es zuerst.\n", Trigger: false, Note: "German: a noun before a passive participle; a participle before its auxiliary"},
			{Lang: "pt", Text: "O porto foi reaberto.\n\nOs danos são grandes, a agência Lusa informado.\n", Trigger: true, Note: "Portuguese: an agency then a bare participle"},
			{Lang: "pt", Text: "O porto foi reaberto.\n\nA notícia foi pela Lusa informado. Como tinha a Reuters informado, os danos são grandes.\n", Trigger: false, Note: "Portuguese: a preposition before the agency; an auxiliary in the clause"},
		},
		Origin: "rules/grammar_bare_participle.go",
		Run:    runBareParticiple,
	})
}

type subjectKind uint8

const (
	subjNone subjectKind = iota
	subjQui
	subjPronoun
	subjDay
	subjName
	subjCommaName
)

// clauseStops end the backward search for an auxiliary.
var clauseStops = map[string]bool{",": true, ".": true, "!": true, "?": true, "…": true, ";": true, ":": true, "«": true, "»": true, "\"": true, "“": true, "”": true, "(": true, ")": true, "[": true, "]": true}

// isClauseStop reports punctuation that ends a clause: clauseStops and the
// language's quotation marks.
func (s *shape) isClauseStop(p string) bool {
	return clauseStops[p] || isQuoteMark(p, s.lex.quoteMarks)
}

func runBareParticiple(pass *audit.Pass) {
	s := shapeOf(pass)
	if len(s.lex.participleAuxiliaries) == 0 {
		return
	}
	participles := participleSieve(s.lex)
	set := s.lex.reportingParticiples
	// Each distinct word is looked up once, before any token: most
	// documents hold no reporting participle at all, and then their tokens
	// are never walked.
	wt := s.wordsOf()
	buf := wordMarkBufs.Get().(*[]uint8)
	defer wordMarkBufs.Put(buf)
	*buf = resized(*buf, len(wt.words))
	isPart := *buf
	found := false
	for id, w := range wt.words {
		if participles.mayHave(w) && set[w] {
			isPart[id] = 1
			found = true
		}
	}
	if !found {
		return
	}
	// The tokens by their ids, four bytes each: a token not a word has
	// none (-1).
	for i, id := range wt.id[:len(s.toks)] {
		if id < 0 || isPart[id] == 0 || !s.toks[i].is(tLowerInitial) {
			continue
		}
		judge := bareParticiple
		if strictParticiples(s.lex) {
			judge = strictBareParticiple
		}
		if d, ok := judge(s, i); ok {
			pass.Report(d)
		}
	}
}

// participleSieveKey keys a lexicon's reportingParticiples sieve in its
// target profile.
type participleSieveKey struct{ source *profile.Profile }

// participleSieve returns a sieve of the lexicon's reporting participles:
// a few dozen words in a bitmap of 64k, which turns away nearly every other
// word of a document before the set's look-up.
func participleSieve(lx *lexicon) *wordSieve {
	return lx.target.Derived(participleSieveKey{lx.source}, func(*profile.Profile) any {
		ws := new(wordSieve)
		for w, ok := range lx.reportingParticiples {
			if ok {
				ws.add(w)
			}
		}
		return ws
	}).(*wordSieve)
}

// wordMarkBufs holds per-document slices of marks by word id.
var wordMarkBufs = sync.Pool{New: func() any { return new([]uint8) }}

func bareParticiple(s *shape, i int) (audit.Diagnostic, bool) {
	lx := s.lex
	t := &s.toks[i]
	p := s.prev(i)
	if p == nil || !s.adjacent(p, t) {
		return audit.Diagnostic{}, false
	}
	kind, subj := subjNone, i-1
	pl := s.low(p)
	switch {
	case p.Kind == tokWord && lx.subjectRelatives[pl]:
		kind = subjQui
	case p.Kind == tokWord && lx.subjects[pl]:
		kind = subjPronoun
	case p.Kind == tokWord && (lx.days[pl] || lx.timeWords[pl]):
		kind = subjDay
		// "jeudi soir", "lundi dernier": start at the day.
		if lx.timeWords[pl] {
			if pp := s.prev(i - 1); pp != nil && lx.days[s.low(pp)] {
				subj = i - 2
			} else if !lx.dayWords[pl] {
				return audit.Diagnostic{}, false
			}
		}
	case p.Kind == tokWord && s.isSubjectName(p):
		kind = subjName
	case p.Kind == tokPunct && pl == ",":
		if pp := s.prev(i - 1); pp != nil && pp.Kind == tokWord && s.isSubjectName(pp) {
			kind, subj = subjCommaName, i-2
		}
	}
	if kind == subjNone {
		return audit.Diagnostic{}, false
	}
	first := subj
	if kind == subjName || kind == subjCommaName {
		// Walk back over a first name ("Jean Durand") or an elided article
		// ("l’ONU"). Two names at most: in "le ministre de l’Économie Jean
		// Durand" the person, not the ministry, is the subject.
		if q := s.prev(first); q != nil && q.Kind == tokWord && s.isSubjectName(q) {
			first--
		}
		if q := s.prev(first); q != nil && s.elidedArticle(q) && first == subj {
			first--
		}
		if before := s.prev(first); before != nil && before.Kind == tokWord {
			bl := s.low(before)
			if lx.prepositions[bl] {
				return audit.Diagnostic{}, false // "la ville de Lyon annoncé"
			}
			if lx.determiners[bl] {
				// "la Russie annoncé" is a subject; "de la Russie annoncé" is not.
				if bb := s.prev(first - 1); bb != nil && bb.Kind == tokWord && lx.prepositions[s.low(bb)] {
					return audit.Diagnostic{}, false
				}
			}
			// "le plan Durand annoncé mardi": the name qualifies a noun,
			// unless the noun names a person or a body that speaks
			// ("le ministre Durand", "l’agence Reuters").
			if det := s.prev(first - 1); det != nil && lx.determiners[s.low(det)] && before.is(tLowerInitial) && !lx.personTitles[bl] && !lx.speakingBodies[bl] {
				return audit.Diagnostic{}, false
			}
		}
		if s.isHeadlineLine(t.line()) {
			return audit.Diagnostic{}, false
		}
	} else if kind == subjDay || kind == subjPronoun {
		if before := s.prev(subj); before != nil && before.Kind == tokWord && lx.prepositions[s.low(before)] {
			return audit.Diagnostic{}, false // "depuis mardi", "pour elle"
		}
	}
	if hasAuxiliaryBefore(s, first) {
		return audit.Diagnostic{}, false
	}
	if passiveAfter(s, i) {
		return audit.Diagnostic{}, false
	}
	conf, ok := participleFollow(s, i, kind)
	if !ok {
		return audit.Diagnostic{}, false
	}
	auxs := lx.participleAuxiliaries
	aux := auxs[0]
	if kind == subjPronoun && lx.pluralSubjects[pl] && len(auxs) > 1 {
		aux = auxs[1]
	}
	start := int(s.toks[first].Start)
	head := s.doc.Text[start:t.Start]
	tt := s.text(t)
	return audit.Diagnostic{
		Start: start, End: int(t.End),
		Message:    "Past participle “" + tt + "” with no auxiliary: the verb has lost its " + quotedAlternatives(auxs),
		Suggestion: strings.TrimRight(head, " \u00a0") + " " + aux + " " + tt,
		Confidence: conf,
	}, true
}

// quotedAlternatives lists words as “a” or “ont”.
func quotedAlternatives(ws []string) string {
	var b strings.Builder
	for k, w := range ws {
		switch {
		case k == 0:
		case k == len(ws)-1:
			b.WriteString(" or ")
		default:
			b.WriteString(", ")
		}
		b.WriteString("“" + w + "”")
	}
	return b.String()
}

// elidedArticle reports an elided definite article ("l’").
func (s *shape) elidedArticle(t *token) bool {
	l := s.low(t)
	return strings.HasSuffix(l, "’") && s.lex.definiteArticles[l]
}

// isNameToken reports whether t is a capitalised word or an acronym that is
// not a function word, a day or a month.
func (s *shape) isNameToken(t *token) bool {
	if !t.is(tUpperInitial) {
		return false
	}
	l := s.low(t)
	if s.lex.lowerFunction[l] || s.lex.days[l] || s.lex.months[l] {
		return false
	}
	return !strings.HasSuffix(l, "’")
}

// isSubjectName reports a name token that may be the subject of a
// participle: a capitalised auxiliary is the verb itself, not a name. A
// language that drops its subject opens sentences with it ("Ha dichiarato
// che …", "Fue anunciado …", "Foi anunciado …").
func (s *shape) isSubjectName(t *token) bool {
	return s.isNameToken(t) && !s.lex.auxiliaries[s.low(t)]
}

// hasAuxiliaryBefore looks back a few tokens in the clause before token i
// for an auxiliary ("a jeudi démenti", "a-t-il lundi annoncé").
func hasAuxiliaryBefore(s *shape, i int) bool {
	words := 0
	for j := i - 1; j >= 0 && s.sameLine(j, i) && words < 6; j-- {
		q := &s.toks[j]
		if q.Kind == tokPunct {
			if s.isClauseStop(s.text(q)) {
				return false
			}
			continue
		}
		words++
		l := s.low(q)
		if s.lex.auxiliaries[l] {
			return true
		}
		if k := strings.IndexByte(l, '-'); k > 0 && s.lex.auxiliaries[l[:k]] {
			return true // "a-t-il", "avait-elle"
		}
	}
	return false
}

// passiveAfter reports a passive or adjectival use: the agent's preposition
// ("par") shortly after.
func passiveAfter(s *shape, i int) bool {
	for j := i + 1; j <= i+3 && s.sameLine(i, j); j++ {
		q := &s.toks[j]
		if q.Kind == tokPunct && s.text(q) != "," {
			return false
		}
		if s.lex.agentPrepositions[s.low(q)] {
			return true
		}
	}
	return false
}

// participleFollow judges what follows the participle and returns the
// confidence of a lost auxiliary.
func participleFollow(s *shape, i int, kind subjectKind) (float64, bool) {
	lx := s.lex
	n := s.next(i)
	var nt, nl string
	if n != nil {
		nt, nl = s.text(n), s.low(n)
	}
	strong := n == nil || (n.Kind == tokPunct && (nt == "." || nt == "!" || nt == "?" || nt == "…" ||
		nt == "«" || nt == "\"" || nt == "“" || nt == ":" || isQuoteMark(nt, lx.targetOpenQuotes)))
	passive := lx.passives[s.low(&s.toks[i])]
	switch kind {
	case subjQui:
		return 0.85, true
	case subjPronoun, subjDay:
		if n != nil && n.Kind == tokWord && lx.complementPrepositions[nl] && !infinitiveAfter(s, i+1) {
			return 0, false
		}
		return 0.8, true
	case subjCommaName:
		if strong {
			return 0.8, true
		}
		if passive || n == nil || n.Kind != tokWord {
			return 0, false
		}
		if lx.complementizers[nl] || lx.days[nl] {
			return 0.75, true
		}
		return 0, false
	case subjName:
		if strong {
			return 0.85, true
		}
		if n.Kind != tokWord {
			return 0, false
		}
		switch {
		case lx.complementizers[nl] || lx.days[nl] || lx.dayWords[nl]:
			return 0.75, true
		case lx.complementPrepositions[nl]:
			if infinitiveAfter(s, i+1) {
				return 0.7, true
			}
			return 0, false
		case lx.infinitiveOpeners[nl]:
			return 0.7, true
		case lx.determiners[nl]:
			// "X salué la décision" is active; "X critiqué la veille par Y"
			// is a passive with a time phrase.
			if passive {
				if m := s.next(i + 1); m != nil && lx.timeNouns[s.low(m)] {
					return 0, false
				}
				if parWithin(s, i, 6) {
					return 0, false
				}
			}
			return 0.65, true
		}
	}
	return 0, false
}

// parWithin reports the agent's preposition ("par") within n tokens after
// token i, in the clause.
func parWithin(s *shape, i, n int) bool {
	for j := i + 1; j <= i+n && s.sameLine(i, j); j++ {
		q := &s.toks[j]
		if q.Kind == tokPunct && s.isClauseStop(s.text(q)) {
			return false
		}
		if s.lex.agentPrepositions[s.low(q)] {
			return true
		}
	}
	return false
}

// infinitiveAfter reports whether the word after token j looks like an
// infinitive ("de prendre", "d’agir", "de se retirer").
func infinitiveAfter(s *shape, j int) bool {
	n := s.next(j)
	if n == nil || n.Kind != tokWord {
		return false
	}
	w := s.low(n)
	if s.lex.infinitiveOpeners[w] {
		return true
	}
	return len(w) > 3 && hasSuffixIn(w, s.lex.infinitiveEndings)
}
