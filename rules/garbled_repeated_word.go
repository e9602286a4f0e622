package rules

import (
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "garbled.repeated-word",
		Category: audit.Garbled,
		Severity: audit.Minor,
		Title:    "Word repeated across a sentence boundary",
		Doc: `Flags the same word on both sides of a full stop, compared without
case: *lors d’une visite guidée. guidée une exposition*. Machine
translation repeats the last word of a sentence when a line or a link broke
it in the source.

Only a repeat in lower case is flagged, or, in a language that
capitalises its nouns (German), a capitalised noun repeated and followed by
an article (*im Landtag. Landtag die Mehrheit*: no German sentence puts an
article after its first word; a sentence that opens on a bare noun and its
genitive, *… der neue Präsident. Präsident des Landtags bleibt …*, is
flagged too). A capitalised repeat otherwise starts a real sentence — a name (*… succède à M. Durand. Durand quitte …*), a pronoun
(*sur vous. Vous êtes …*), an anaphora (*la paix. Paix fragile …*). Not
flagged either: numbers, single letters and initials, abbreviations
(*etc.*), doubles inside a sentence (*nous nous*, *vous vous*).

In the other languages a capitalised name is flagged when it ends one
sentence after a preposition and opens the next before an article (*…
sorteio em Nyon. Nyon a equipa …*): the source had an adverb there
(*There the team …*).

Every language: only the abbreviations come from the language profile
(lowercase_abbreviations).

**What to do**: remove the repeated word and rejoin the sentence.`,
		Examples: []audit.Example{
			{Text: "Le musée rouvre ses salles.\n\nLa directrice a présenté le programme lors d’une visite guidée. guidée une exposition sur la photographie.\n", Trigger: true, Note: "the last word repeated after the stop"},
			{Text: "Les élèves ont passé l’examen.\n\nNous nous attendions à ces résultats. Non. Non, rien n’est joué, a dit le proviseur. Vous vous trompez.\n", Trigger: false, Note: "doubles inside a sentence, a capitalised repeat"},
			{Lang: "de", Text: "Haushalt beschlossen\n\nNach langer Debatte fiel die Abstimmung im Landtag. Landtag die Mehrheit stimmte für den Entwurf.\n", Trigger: true, Note: "a German noun repeated before an article"},
			{Lang: "pt", Text: "Sorteio marcado\n\nO sorteio da taça está marcado para sexta-feira, em Lisboa. Lisboa os dirigentes vão conhecer os adversários.\n", Trigger: true, Note: "a place name repeated before an article: the source had an adverb"},
			{Lang: "pt", Text: "Sorteio marcado\n\nO sorteio da taça realiza-se em Lisboa. Lisboa recebe o sorteio pela quarta vez.\n", Note: "the name as the subject of the next sentence"},
			{Lang: "es", Text: "Sorteo previsto\n\nEl sorteo de la copa se celebrará el viernes en Sevilla. Sevilla los dirigentes conocerán a sus rivales.\n", Trigger: true, Note: "a place name repeated before an article"},
			{Lang: "es", Text: "Sorteo previsto\n\nEl sorteo de la copa se celebra en Sevilla. Sevilla acoge el acto por cuarta vez.\n", Note: "the name as the subject of the next sentence"},
			{Lang: "it", Text: "Sorteggio fissato\n\nIl sorteggio della coppa si terrà venerdì a Torino. Torino i dirigenti conosceranno gli avversari.\n", Trigger: true, Note: "a place name repeated before an article"},
			{Lang: "it", Text: "Sorteggio fissato\n\nIl sorteggio della coppa si tiene a Torino. Torino ospita la cerimonia per la quarta volta.\n", Note: "the name as the subject of the next sentence"},
			{Lang: "de", Text: "Haushalt beschlossen\n\nDen Entwurf verteidigte Finanzminister Weber. Weber sagte, der Haushalt sei solide. Die Opposition stimmte dagegen. Dagegen war auch die Fraktion der Linken.\n", Note: "a name and an adverb repeated as new sentences"},
		},
		Origin: "rules/garbled_repeated_word.go",
		Run:    runRepeatedWord,
	})
}

func runRepeatedWord(pass *audit.Pass) {
	s := shapeOf(pass)
	// The stop tokens are the punctuation tokens . ! ?
	for _, si := range stopTokensOf(pass) {
		i := int(si) - 1
		if i < 0 || i+2 >= len(s.toks) {
			continue
		}
		a, stop, b := &s.toks[i], &s.toks[i+1], &s.toks[i+2]
		if a.Kind != tokWord || b.Kind != tokWord ||
			a.Line != b.Line || a.End != stop.Start || !s.adjacent(stop, b) || stop.End == b.Start {
			continue
		}
		if s.low(a) != s.low(b) || utf8.RuneCountInString(s.text(a)) < 2 || s.lex.lowerAbbreviations[s.low(a)] {
			continue
		}
		if pp := s.prev(i); pp != nil && s.text(pp) == "." && pp.End == a.Start {
			continue // "p.ex. ex"
		}
		conf := 0.9
		if !b.is(tLowerInitial) {
			// A capitalised repeat is a name ("… à Paul Durand. Durand
			// quitte …"), a pronoun ("sur vous. Vous êtes …") or a figure
			// of style ("la paix. Paix fragile …"): all legitimate. Where
			// every noun takes a capital, a noun repeated and followed by
			// an article ("im Landtag. Landtag die") starts no sentence:
			// the verb would come second.
			switch {
			case capitalisedNounRepeat(s, i+2):
				conf = 0.75
			case placeRepeat(s, i):
				conf = 0.6
			default:
				continue
			}
		}
		bt := s.text(b)
		pass.Report(audit.Diagnostic{
			Start: int(a.Start), End: int(b.End),
			Message:    "“" + bt + "” repeated across the sentence boundary",
			Suggestion: "remove the second “" + bt + "” and rejoin the sentence",
			Confidence: conf,
		})
	}
}

// capitalisedNounRepeat reports whether the capitalised repeat at token i
// is a noun of a language that capitalises nouns, followed by a
// lower-case article.
func capitalisedNounRepeat(s *shape, i int) bool {
	if !s.lex.nounsCapitalised || !s.toks[i].is(tCapitalised) {
		return false
	}
	n := s.next(i)
	return n != nil && n.Kind == tokWord && n.is(tLowerInitial) && s.lex.articles[s.low(n)] && s.adjacent(&s.toks[i], n)
}

// placeRepeat reports a capitalised name that ends a sentence after a
// preposition and opens the next before an article, where no subject
// stands: "… em Nyon. Nyon a equipa" (the source's "There the team"
// became the name again). Only languages that write nouns in lower case:
// in German the article after a noun is capitalisedNounRepeat's.
func placeRepeat(s *shape, i int) bool {
	lx := s.lex
	if lx.nounsCapitalised || !s.toks[i+2].is(tCapitalised) {
		return false
	}
	p := s.prev(i)
	if p == nil || p.Kind != tokWord || !p.is(tLowerInitial) || !lx.prepositions[s.low(p)] || !s.adjacent(p, &s.toks[i]) {
		return false
	}
	n := s.next(i + 2)
	if n == nil || n.Kind != tokWord || !n.is(tLowerInitial) || !lx.articles[s.low(n)] || !s.adjacent(&s.toks[i+2], n) {
		return false
	}
	// The article is followed by its noun, not a verb: a lower-case word
	// and then more of the sentence.
	nn := s.next(i + 3)
	return nn != nil && nn.Kind == tokWord && nn.is(tLowerInitial)
}
