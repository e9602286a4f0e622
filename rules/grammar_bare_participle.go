package rules

import (
	"strings"

	"github.com/mtaudit/mtaudit/audit"
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

**What to do**: restore the auxiliary (*l’AFP a indiqué*, *ont démenti*).`,
		Examples: []audit.Example{
			{Text: "Le port a rouvert après la tempête.\n\nLes dégâts sont importants, l’agence AFP signalé.\n", Trigger: true, Note: "a name then a bare participle at the end of the sentence"},
			{Text: "Les enseignants manifestent.\n\nLe porte-parole du ministère, Paul Martin, jeudi démenti les rumeurs de fermeture.\n", Trigger: true, Note: "a day word then a bare participle"},
			{Text: "Le stade sera rénové.\n\nLa directrice du club, Claire Dubois, annoncé « une saison de transition » pour l’équipe.\n", Trigger: true, Note: "a name, a comma, a bare participle and a quotation"},
			{Text: "Le conseil a voté le budget.\n\nLe maire, accusé de favoritisme par l’opposition, a défendu son bilan.\n", Trigger: false, Note: "an appositive passive participle"},
			{Text: "Le rapport a été publié.\n\nComme annoncé mardi, le texte mentionné plus haut sera débattu, a indiqué Le Parisien.\n", Trigger: false, Note: "adjectival uses and an auxiliary"},
			{Text: "Un maire accusé de fraude\n\nLe parquet a ouvert une enquête sur les marchés publics de la commune.\n", Trigger: false, Note: "a headline in the passive style"},
		},
		Langs:  []string{"fr"},
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

var subjectPronouns = wordSet(`il elle ils elles on`)

// clauseStops end the backward search for an auxiliary.
var clauseStops = map[string]bool{",": true, ".": true, "!": true, "?": true, "…": true, ";": true, ":": true, "«": true, "»": true, "\"": true, "“": true, "”": true, "(": true, ")": true, "[": true, "]": true}

func runBareParticiple(pass *audit.Pass) {
	s := shapeOf(pass.Doc)
	for i := range s.toks {
		t := &s.toks[i]
		if t.Kind != tokWord || !reportingParticiples[t.Lower] || !isLowerInitial(t.Text) {
			continue
		}
		if d, ok := bareParticiple(s, i); ok {
			pass.Report(d)
		}
	}
}

func bareParticiple(s *shape, i int) (audit.Diagnostic, bool) {
	t := &s.toks[i]
	p := s.prev(i)
	if p == nil || !s.adjacent(p, t) {
		return audit.Diagnostic{}, false
	}
	kind, subj := subjNone, i-1
	switch {
	case p.Kind == tokWord && p.Lower == "qui":
		kind = subjQui
	case p.Kind == tokWord && subjectPronouns[p.Lower]:
		kind = subjPronoun
	case p.Kind == tokWord && (frDays[p.Lower] || frTimeWords[p.Lower]):
		kind = subjDay
		// "jeudi soir", "lundi dernier": start at the day.
		if frTimeWords[p.Lower] {
			if pp := s.prev(i - 1); pp != nil && frDays[pp.Lower] {
				subj = i - 2
			} else if p.Lower != "hier" && p.Lower != "aujourd’hui" {
				return audit.Diagnostic{}, false
			}
		}
	case p.Kind == tokWord && isNameToken(p):
		kind = subjName
	case p.Kind == tokPunct && p.Text == ",":
		if pp := s.prev(i - 1); pp != nil && pp.Kind == tokWord && isNameToken(pp) {
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
		if q := s.prev(first); q != nil && q.Kind == tokWord && isNameToken(q) {
			first--
		}
		if q := s.prev(first); q != nil && q.Lower == "l’" && first == subj {
			first--
		}
		if before := s.prev(first); before != nil && before.Kind == tokWord {
			if frPrepositions[before.Lower] {
				return audit.Diagnostic{}, false // "la ville de Lyon annoncé"
			}
			if frDeterminers[before.Lower] {
				// "la Russie annoncé" is a subject; "de la Russie annoncé" is not.
				if bb := s.prev(first - 1); bb != nil && bb.Kind == tokWord && frPrepositions[bb.Lower] {
					return audit.Diagnostic{}, false
				}
			}
			// "le plan Durand annoncé mardi": the name qualifies a noun,
			// unless the noun names a person or a body that speaks
			// ("le ministre Durand", "l’agence Reuters").
			if det := s.prev(first - 1); det != nil && frDeterminers[det.Lower] && isLowerInitial(before.Text) && !personTitles[before.Lower] && !speakingBodies[before.Lower] {
				return audit.Diagnostic{}, false
			}
		}
		if s.isHeadlineLine(t.line()) {
			return audit.Diagnostic{}, false
		}
	} else if kind == subjDay || kind == subjPronoun {
		if before := s.prev(subj); before != nil && before.Kind == tokWord && frPrepositions[before.Lower] {
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
	aux := "a"
	if kind == subjPronoun && strings.HasSuffix(p.Lower, "s") {
		aux = "ont"
	}
	head := s.doc.Text[s.toks[first].Start:t.Start]
	return audit.Diagnostic{
		Start: s.toks[first].Start, End: t.End,
		Message:    "Past participle “" + t.Text + "” with no auxiliary: the verb has lost its “a” or “ont”",
		Suggestion: strings.TrimRight(head, " \u00a0") + " " + aux + " " + t.Text,
		Confidence: conf,
	}, true
}

// personTitles come before a person's name ("le ministre Durand").
var personTitles = wordSet(`président présidente ministre chancelier chancelière secrétaire porte-parole
	directeur directrice chef cheffe premier première dirigeant dirigeante sénateur sénatrice député
	députée maire général générale juge procureur procureure patron patronne ambassadeur
	ambassadrice commissaire gouverneur gouverneure roi reine pape prince princesse fondateur
	fondatrice entraîneur entraîneuse sélectionneur joueur joueuse attaquant capitaine pilote
	chanteur chanteuse acteur actrice écrivain écrivaine journaliste auteur autrice expert experte
	analyste économiste avocat avocate porte-voix leader candidat candidate opposant opposante
	rapporteur rapporteure vice-président vice-présidente conseiller conseillère professeur
	professeure docteur chercheur chercheuse militant militante responsable représentant représentante
	sous-secrétaire adjoint adjointe dirigeants ministres préfet préfète recteur rectrice
	shérif colonel commandant lieutenant sergent amiral maréchal`)

// speakingBodies come before the name of an organisation that speaks
// ("l’agence Reuters", "le quotidien Libération").
var speakingBodies = wordSet(`agence quotidien journal hebdomadaire magazine chaîne radio site média
	ministère gouvernement parti groupe entreprise société constructeur banque syndicat association
	ong club équipe institut cabinet fédération ligue compagnie firme géant opérateur laboratoire
	armée police gendarmerie mairie préfecture ambassade tribunal parquet cour conseil commission
	organisation fondation université hôpital`)

// isNameToken reports whether w is a capitalised word or an acronym that is
// not a function word, a day or a month.
func isNameToken(t *token) bool {
	if !isUpperInitial(t.Text) || frFunctionWords[t.Lower] || frDays[t.Lower] || frMonths[t.Lower] {
		return false
	}
	return !strings.HasSuffix(t.Lower, "’")
}

// hasAuxiliaryBefore looks back a few tokens in the clause before token i
// for a form of avoir or être ("a jeudi démenti", "a-t-il lundi annoncé").
func hasAuxiliaryBefore(s *shape, i int) bool {
	words := 0
	for j := i - 1; j >= 0 && s.sameLine(j, i) && words < 6; j-- {
		q := &s.toks[j]
		if q.Kind == tokPunct {
			if clauseStops[q.Text] {
				return false
			}
			continue
		}
		words++
		if frAuxiliaries[q.Lower] {
			return true
		}
		if k := strings.IndexByte(q.Lower, '-'); k > 0 && frAuxiliaries[q.Lower[:k]] {
			return true // "a-t-il", "avait-elle"
		}
	}
	return false
}

// passiveAfter reports a passive or adjectival use: "par" shortly after.
func passiveAfter(s *shape, i int) bool {
	for j := i + 1; j <= i+3 && s.sameLine(i, j); j++ {
		q := &s.toks[j]
		if q.Kind == tokPunct && q.Text != "," {
			return false
		}
		if q.Lower == "par" {
			return true
		}
	}
	return false
}

// participleFollow judges what follows the participle and returns the
// confidence of a lost auxiliary.
func participleFollow(s *shape, i int, kind subjectKind) (float64, bool) {
	n := s.next(i)
	strong := n == nil || (n.Kind == tokPunct && (n.Text == "." || n.Text == "!" || n.Text == "?" || n.Text == "…" ||
		n.Text == "«" || n.Text == "\"" || n.Text == "“" || n.Text == ":"))
	passive := passiveParticiples[s.toks[i].Lower]
	switch kind {
	case subjQui:
		return 0.85, true
	case subjPronoun, subjDay:
		if n != nil && n.Kind == tokWord && (n.Lower == "de" || n.Lower == "d’") && !infinitiveAfter(s, i+1) {
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
		if n.Lower == "que" || n.Lower == "qu’" || frDays[n.Lower] {
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
		case n.Lower == "que" || n.Lower == "qu’" || frDays[n.Lower] || n.Lower == "hier":
			return 0.75, true
		case n.Lower == "de" || n.Lower == "d’":
			if infinitiveAfter(s, i+1) {
				return 0.7, true
			}
			return 0, false
		case n.Lower == "avoir" || n.Lower == "être" || n.Lower == "ne" || n.Lower == "n’":
			return 0.7, true
		case frDeterminers[n.Lower]:
			// "X salué la décision" is active; "X critiqué la veille par Y"
			// is a passive with a time phrase.
			if passive {
				if m := s.next(i + 1); m != nil && timeNouns[m.Lower] {
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

// timeNouns head a time phrase after a participle ("la veille", "l’an dernier").
var timeNouns = wordSet(`veille lendemain semaine mois an année jour matin soir week-end nuit fois`)

// parWithin reports "par" within n tokens after token i, in the clause.
func parWithin(s *shape, i, n int) bool {
	for j := i + 1; j <= i+n && s.sameLine(i, j); j++ {
		q := &s.toks[j]
		if q.Kind == tokPunct && clauseStops[q.Text] {
			return false
		}
		if q.Lower == "par" {
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
	if n.Lower == "se" || n.Lower == "s’" || n.Lower == "ne" {
		return true
	}
	w := n.Lower
	for _, suf := range []string{"er", "ir", "re", "oir"} {
		if strings.HasSuffix(w, suf) && len(w) > 3 {
			return true
		}
	}
	return false
}
