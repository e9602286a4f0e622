package rules

import (
	"fmt"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

func init() {
	register(&audit.Rule{
		ID:       "negation.nothing-on-the-table",
		Category: audit.Negation,
		Severity: audit.Critical,
		Title:    "Nothing \"on the table\" for nothing \"off the table\"",
		Doc: `Flags *nothing* or *no option* with *on the table* in one sentence —
*rien n’est sur la table*, *keine Option liegt auf dem Tisch*, *ninguna
opción está sobre la mesa*, *nessuna opzione è sul tavolo*, *nada está em
cima da mesa*. English *nothing is off the table* means every option is
being considered; machine translation that drops *off* says the opposite:
nothing is.

What it looks at, from the profile: a pronoun meaning *nothing*
(words.nothing) or a negative determiner (words.negative_quantifiers)
followed within three words by a noun of choice (words.choice_nouns:
*option*, *scénario*, *Möglichkeit*, *posibilidad*), then, later in the same
clause (an aside between commas aside) and at most fifteen words on, a
phrase of words.on_the_table.

The search stops at a conjunction, a complementizer or a negator (*rien
… et n’a jamais été mis sur la table*: the phrase has its own clause and
negation), and at a comma unless it closes an aside.

Not flagged: other nouns on the table (*aucune proposition n’a été posée
sur la table*: nothing was tabled, which the phrase does mean), *toutes les
options sont sur la table*, a negation of the phrase itself (*n’est pas sur
la table*).

Where it fails: a sentence that truly says nothing was proposed with an
option noun (*aucune option n’a été mise sur la table*) is flagged; check
the source.

**What to do**: write what *off the table* means: *rien n’est exclu*,
*nichts ist ausgeschlossen*, *no se descarta nada*, *nulla è escluso*,
*nada está excluído*.`,
		Examples: []audit.Example{
			{Lang: "fr", Text: "Riposte commerciale\n\nRien n’est sur la table, a prévenu la ministre.\n", Trigger: true},
			{Lang: "fr", Text: "Riposte commerciale\n\nRien n’est exclu, a prévenu la ministre ; toutes les options sont sur la table.\n"},
			{Lang: "de", Text: "Handelsstreit\n\nKeine Option liegt mehr auf dem Tisch, sagte die Ministerin.\n", Trigger: true},
			{Lang: "de", Text: "Handelsstreit\n\nNichts ist ausgeschlossen, alle Optionen liegen auf dem Tisch.\n"},
			{Lang: "es", Text: "Disputa comercial\n\nNinguna opción está sobre la mesa, advirtió la ministra.\n", Trigger: true},
			{Lang: "es", Text: "Disputa comercial\n\nNinguna propuesta concreta se puso sobre la mesa, advirtió la ministra.\n", Note: "nothing tabled"},
			{Lang: "it", Text: "Disputa commerciale\n\nNessuna opzione è sul tavolo, ha avvertito la ministra.\n", Trigger: true},
			{Lang: "it", Text: "Disputa commerciale\n\nNulla è escluso: tutte le opzioni sono sul tavolo.\n"},
			{Lang: "pt", Text: "Disputa comercial\n\nNada está em cima da mesa, avisou a ministra.\n", Trigger: true},
			{Lang: "pt", Text: "Disputa comercial\n\nNada está excluído: todas as opções estão em cima da mesa.\n"},
		},
		Origin: "rules/negation_on_the_table.go",
		Run:    runNothingOnTheTable,
	})
}

// maxTableDistance bounds the words between the negative word and the phrase.
const maxTableDistance = 15

func runNothingOnTheTable(pass *audit.Pass) {
	c := conventionsOf(pass)
	if len(c.onTheTable) == 0 {
		return
	}
	s := shapeOf(pass)
	// Most documents hold no phrase's every word: nothing to scan.
	wt := s.wordsOf()
	var phrases [][]string // in order: the first that matches is reported
	for _, p := range c.onTheTable {
		if phraseMayOccur(wt, p) {
			phrases = append(phrases, p)
		}
	}
	if len(phrases) == 0 {
		return
	}
	firsts := onTheTableFirsts(s.lex, c)
	for i := range s.toks {
		if s.toks[i].Kind != tokWord || !firsts.mayHave(s.low(&s.toks[i])) {
			continue // no phrase starts with the word
		}
		end, ok := -1, false
		for _, p := range phrases {
			if e, m := matchPhrase(s, i, p); m {
				end, ok = e, true
				break
			}
		}
		if !ok {
			continue
		}
		from, _ := sentenceBounds(s, i)
		q := -1
		for j, words := i-1, 0; j >= from && j >= i-4*maxTableDistance && words <= maxTableDistance; j-- {
			t := &s.toks[j]
			if t.Kind == tokPunct {
				if j = clauseBefore(s, j, from); j < 0 {
					break
				}
				continue
			}
			if t.Kind != tokWord {
				continue
			}
			words++
			// The phrase's own clause ends at a conjunction or a
			// complementizer; a negator there negates the phrase itself
			// (non aver mai messo sul tavolo).
			if l := s.low(t); c.boundaries[l] || c.negators[l] {
				break
			}
			if nothingWord(s, c, j, i) {
				q = j
				break
			}
		}
		if q < 0 || sourceLanguageStretch(s, from, end+1) {
			continue
		}
		a, b := &s.toks[q], &s.toks[end]
		pass.Report(audit.Diagnostic{
			Start: int(a.Start), End: int(b.End),
			Message:    fmt.Sprintf("“%s … %s” says nothing is being considered; English “nothing is off the table” means the opposite", s.text(a), s.text(b)),
			Confidence: 0.7,
		})
	}
}

// nothingWord reports whether token j, before the phrase at token limit,
// is "nothing" (not after a determiner) or a negative determiner with a
// noun of choice within three words.
func nothingWord(s *shape, c *conventions, j, limit int) bool {
	l := s.low(&s.toks[j])
	if c.nothing[l] {
		p := s.prev(j)
		return p == nil || p.Kind != tokWord || !nounDeterminer(s.lex, s.low(p))
	}
	if !c.quantifiers[l] {
		return false
	}
	for k, words := j+1, 0; k < limit && words < 3; k++ {
		t := &s.toks[k]
		if t.Kind != tokWord {
			continue
		}
		words++
		if c.choiceNouns[s.low(t)] {
			return true
		}
	}
	return false
}

// clauseBefore steps back over punctuation token j while looking for the
// negative word of the phrase: a comma that closes an aside (a comma
// before it in the sentence, from on) is crossed to the aside's opening
// comma; any other comma, a colon, a semicolon or a dash ends the search
// (-1). Other punctuation is crossed.
func clauseBefore(s *shape, j, from int) int {
	switch s.text(&s.toks[j]) {
	case ",":
		for k := j - 1; k >= from; k-- {
			if s.toks[k].Kind == tokPunct && s.text(&s.toks[k]) == "," {
				return k
			}
		}
		return -1
	case ";", ":", "–", "—":
		return -1
	}
	return j
}

type onTheTableKey struct{ source *profile.Profile }

// onTheTableFirsts returns the filter of the first words of the phrases
// of c, the conventions of lx's languages.
func onTheTableFirsts(lx *lexicon, c *conventions) *wordFilter {
	return lx.target.Derived(onTheTableKey{lx.source}, func(*profile.Profile) any {
		f := &wordFilter{}
		for _, p := range c.onTheTable {
			f.add(p[0])
		}
		return f
	}).(*wordFilter)
}
