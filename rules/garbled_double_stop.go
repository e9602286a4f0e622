package rules

import (
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "garbled.double-stop",
		Category: audit.Garbled,
		Severity: audit.Minor,
		Title:    "Double full stop or a space before the final stop",
		Doc: `Flags two full stops that are not an ellipsis (*a précisé ..*) and a
full stop set apart by a space from a word that cannot end a sentence
(*selon .*, *a indiqué la .*). Both
are left when machine translation drops a word at the end of a sentence —
typically a source name after *a précisé* — so the sentence may also be cut
short.

Not flagged: an ellipsis (*...*, *…*), dots inside a word, number or address
(*Reuters.com*, *1.5*, *../*).

**Fix** (safe): collapse to one full stop attached to the word. Then check
whether the sentence lost its last words.`,
		Examples: []audit.Example{
			{Text: "Le trafic ferroviaire a repris.\n\nLa grève a pris fin jeudi soir, a précisé ..\n", Trigger: true, Note: "a double stop where a source name was lost"},
			{Text: "Le festival ouvre ses portes.\n\nLes organisateurs attendent vingt mille visiteurs, selon .\n", Trigger: true, Note: "a space before the final stop, after a word that cannot end a sentence"},
			{Text: "Le suspense reste entier...\n\nLes résultats seront publiés sur le site Elections.gouv.fr dans la soirée. Il faudra attendre…\n", Trigger: false, Note: "ellipses and a domain name"},
		},
		Langs:   []string{"fr"},
		Fixable: true,
		Origin:  "rules/garbled_double_stop.go",
		Run:     runDoubleStop,
	})
}

func runDoubleStop(pass *audit.Pass) {
	doc := pass.Doc
	t := doc.Text
	for _, ln := range doc.Lines {
		for k := ln.Start; k < ln.End; k++ {
			if t[k] != '.' || (k > ln.Start && t[k-1] == '.') {
				continue
			}
			m := k
			for m < ln.End && t[m] == '.' {
				m++
			}
			run := m - k
			if run != 1 && run != 2 {
				k = m - 1
				continue
			}
			// What follows must end the sentence: a blank, a closer, the line end.
			if m < ln.End {
				r, _ := utf8.DecodeRuneInString(t[m:])
				if !(isBlank(r) || r == '»' || r == '"' || r == '”' || r == ')') {
					k = m - 1
					continue
				}
			}
			// The word before, skipping blanks.
			w := k
			for w > ln.Start {
				r, n := utf8.DecodeLastRuneInString(t[ln.Start:w])
				if !isBlank(r) {
					break
				}
				w -= n
			}
			spaced := w < k
			if w == ln.Start {
				k = m - 1
				continue
			}
			r, _ := utf8.DecodeLastRuneInString(t[ln.Start:w])
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '»' || r == ')' || r == '"' || r == '”') {
				k = m - 1
				continue
			}
			if run == 1 && !spaced {
				continue
			}
			if run == 1 && !(unicode.IsLetter(r) && lostWordBefore(t[ln.Start:w])) {
				k = m - 1
				continue // "( … ) .", "les lois électorales ." — a typing slip, nothing lost
			}
			// Start the span at the word before.
			ws := w
			for ws > ln.Start {
				r, n := utf8.DecodeLastRuneInString(t[ln.Start:ws])
				if isBlank(r) {
					break
				}
				ws -= n
			}
			msg := "Double full stop: the end of the sentence may have been lost"
			conf := 0.9
			if run == 1 {
				msg = "Space before the final full stop: a word may have been lost before it"
				conf = 0.75
			}
			pass.Report(audit.Diagnostic{
				Start: ws, End: m, Message: msg,
				Suggestion: t[ws:w] + ".",
				Confidence: conf,
				Fixes: []audit.Fix{{
					Message: "Collapse to one full stop",
					Edits:   []audit.Edit{{Start: w, End: m, New: "."}},
				}},
			})
			k = m - 1
		}
	}
}

// lostWordBefore reports whether the text before a spaced stop ends in a word
// that cannot end a sentence — a determiner, a preposition, a verb of saying
// that lost its subject — so a word has gone missing ("a précisé .").
func lostWordBefore(before string) bool {
	i := len(before)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(before[:i])
		if !(unicode.IsLetter(r) || isApostrophe(r) || r == '-') {
			break
		}
		i -= n
	}
	w := lowerNorm(before[i:])
	return frFunctionWords[w] || reportingParticiples[w] || reportingVerbs[w]
}

// reportingVerbs are present-tense verbs of saying that introduce a source.
var reportingVerbs = wordSet(`rapporte rapportent déclare déclarent indique indiquent précise précisent
	affirme affirment ajoute ajoutent explique expliquent souligne soulignent selon rapportait
	dit disent écrit écrivent annonce annoncent confirme confirment`)
