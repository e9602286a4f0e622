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

Only a repeat in lower case is flagged: a capitalised one starts a real
sentence — a name (*… succède à M. Durand. Durand quitte …*), a pronoun
(*sur vous. Vous êtes …*), an anaphora (*la paix. Paix fragile …*). Not
flagged either: numbers, single letters and initials, abbreviations
(*etc.*), doubles inside a sentence (*nous nous*, *vous vous*).

**What to do**: remove the repeated word and rejoin the sentence.`,
		Examples: []audit.Example{
			{Text: "Le musée rouvre ses salles.\n\nLa directrice a présenté le programme lors d’une visite guidée. guidée une exposition sur la photographie.\n", Trigger: true, Note: "the last word repeated after the stop"},
			{Text: "Les élèves ont passé l’examen.\n\nNous nous attendions à ces résultats. Non. Non, rien n’est joué, a dit le proviseur. Vous vous trompez.\n", Trigger: false, Note: "doubles inside a sentence, a capitalised repeat"},
		},
		Langs:  []string{"fr"},
		Origin: "rules/garbled_repeated_word.go",
		Run:    runRepeatedWord,
	})
}

// interjections stand alone as sentences ("Non.", "Bravo.").
var interjections = wordSet(`non oui si merci bravo vite jamais toujours assez stop allez attention
	voilà bien exactement absolument enfin bref hélas rien personne aucun ok okay encore jamais
	pourquoi comment quoi bon ah oh eh hé`)

func runRepeatedWord(pass *audit.Pass) {
	s := shapeOf(pass.Doc)
	for i := 0; i+2 < len(s.toks); i++ {
		a, stop, b := &s.toks[i], &s.toks[i+1], &s.toks[i+2]
		if a.Kind != tokWord || b.Kind != tokWord || stop.Kind != tokPunct ||
			!(stop.Text == "." || stop.Text == "!" || stop.Text == "?") ||
			a.Line != b.Line || a.End != stop.Start || !s.adjacent(stop, b) || stop.End == b.Start {
			continue
		}
		if a.Lower != b.Lower || utf8.RuneCountInString(a.Text) < 2 || abbreviationsBeforeStop[a.Lower] {
			continue
		}
		if pp := s.prev(i); pp != nil && pp.Text == "." && pp.End == a.Start {
			continue // "p.ex. ex"
		}
		if !isLowerInitial(b.Text) {
			// A capitalised repeat is a name ("… à Paul Durand. Durand
			// quitte …"), a pronoun ("sur vous. Vous êtes …") or a figure
			// of style ("la paix. Paix fragile …"): all legitimate.
			continue
		}
		conf := 0.9
		pass.Report(audit.Diagnostic{
			Start: a.Start, End: b.End,
			Message:    "“" + b.Text + "” repeated across the sentence boundary",
			Suggestion: "remove the second “" + b.Text + "” and rejoin the sentence",
			Confidence: conf,
		})
	}
}
