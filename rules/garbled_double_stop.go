package rules

import (
	"sort"
	"strings"
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

Every language: the words that cannot end a sentence are the language
profile's function words, reporting verbs and reporting participles;
without them only double stops are flagged.

**Fix** (safe): collapse to one full stop attached to the word. Then check
whether the sentence lost its last words.`,
		Examples: []audit.Example{
			{Text: "Le trafic ferroviaire a repris.\n\nLa grève a pris fin jeudi soir, a précisé ..\n", Trigger: true, Note: "a double stop where a source name was lost"},
			{Text: "Le festival ouvre ses portes.\n\nLes organisateurs attendent vingt mille visiteurs, selon .\n", Trigger: true, Note: "a space before the final stop, after a word that cannot end a sentence"},
			{Text: "Le suspense reste entier...\n\nLes résultats seront publiés sur le site Elections.gouv.fr dans la soirée. Il faudra attendre…\n", Trigger: false, Note: "ellipses and a domain name"},
		},
		Fixable: true,
		Origin:  "rules/garbled_double_stop.go",
		Run:     runDoubleStop,
	})
}

func runDoubleStop(pass *audit.Pass) {
	doc := pass.Doc
	s := shapeOf(pass)
	t := doc.Text
	for _, ln := range doc.Lines {
		for k := ln.Start; k < ln.End; k++ {
			if t[k] != '.' {
				// On to the next full stop, a vectorised search.
				j := strings.IndexByte(t[k:ln.End], '.')
				if j < 0 {
					break
				}
				k += j
			}
			if k > ln.Start && t[k-1] == '.' {
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
			if run == 1 && !(unicode.IsLetter(r) && lostWordBefore(s, w)) {
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

// lostWordBefore reports whether the word ending at offset end cannot end
// a sentence — a function word, a verb of saying that lost its subject or
// object — so a word has gone missing ("a précisé .").
func lostWordBefore(s *shape, end int) bool {
	k := sort.Search(len(s.toks), func(k int) bool { return int(s.toks[k].End) >= end })
	if k == len(s.toks) || int(s.toks[k].End) != end {
		return false
	}
	w := s.low(&s.toks[k])
	return s.lex.lowerFunction[w] || s.lex.reportingParticiples[w] || s.lex.reportingVerbs[w]
}
