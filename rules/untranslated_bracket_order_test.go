package rules

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/lang"
)

// TestSourceBracketOrder checks sourceBracket, which tests a bracket's
// words before the tests that search its text, and nextBracket against
// the code they replace (sourceBracketFull, a test of every byte) on every
// bracket of the test articles and the real ones of ../shared.
func TestSourceBracketOrder(t *testing.T) {
	texts := append([]string{
		"Les [border checks] et (which took place on Monday), le confinement (lockdown), des benchmarks (annualized).",
		"L'OCDE [Organisation for Economic Co-operation and Development] (AFP) (12 miles) (Photo by Jane Doe/Getty Images) [Henrik Falk] (in extremis) (en anglais : fair play) ( ) [] ((x)",
	}, testArticles(t)...)
	n := 0
	for k, text := range texts {
		doc, err := audit.NewDocument("t.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		p := audit.NewPass(doc, nil, func(audit.Diagnostic) {})
		sh := shapeOf(p)
		if len(sh.lex.function) == 0 {
			t.Fatalf("text %d: no lexicon", k)
		}
		tx := doc.Text
		got, want := map[string]string{}, map[string]string{}
		for _, ln := range doc.Lines {
			next := ln.Start
			for i := ln.Start; i < ln.End; i++ {
				if tx[i] != '[' && tx[i] != '(' {
					continue
				}
				if b := nextBracket(tx, next, ln.End); b != i {
					t.Fatalf("text %d: next bracket from %d at %d, want %d", k, next, b, i)
				}
				next = i + 1
				closer := byte(']')
				if tx[i] == '(' {
					closer = ')'
				}
				j := bracketCloser(tx, i, ln.End, tx[i], closer)
				if j < 0 {
					continue
				}
				n++
				c1, ok1, _ := sourceBracket(sh, i, j, got, nil)
				c2, ok2, _ := sourceBracketFull(sh, i, j, want, nil)
				if c1 != c2 || ok1 != ok2 {
					t.Errorf("text %d bracket %q: %v %v, want %v %v", k, tx[i:j+1], c1, ok1, c2, ok2)
				}
			}
			if b := nextBracket(tx, next, ln.End); b != -1 {
				t.Fatalf("text %d: next bracket from %d at %d, want none", k, next, b)
			}
		}
	}
	t.Logf("%d brackets", n)
}

// sourceBracketFull is sourceBracket as it was, every test in its first order.
func sourceBracketFull(sh *shape, i, j int, detected map[string]string, words []txWord) (float64, bool, []txWord) {
	lx := sh.lex
	t := sh.doc.Text
	detect := func(s string) string {
		l, ok := detected[s]
		if !ok {
			if lang.Short(s) {
				l = lang.Between(s, lx.target.Lang, lx.source.Lang)
			} else {
				l = lang.Lingua(s)
			}
			detected[s] = l
		}
		return l
	}
	inner := t[i+1 : j]
	if strings.TrimSpace(inner) == "" || lx.isCredit(inner) || txHasWebToken(inner) {
		return 0, false, words
	}
	// The original wording given on purpose: "(en anglais : …)", "… (en
	// anglais)", or a quoted term after its translation: `rebond ("recovery gap")`.
	before := t[max(0, i-40):i]
	if lx.namesSource(inner) || lx.namesSource(before) || bracketQuoted(inner) || inEnglishTitle(sh, i, j) {
		return 0, false, words
	}
	words = sh.appendWords(words, i+1, j)
	if len(words) == 1 && strings.TrimSpace(inner) == words[0].in(t) {
		conf := singleWordBracket(sh, i, words[0])
		return conf, conf > 0, words
	}
	if len(words) < 2 || lx.foreignLocution(inner) {
		return 0, false, words
	}
	ev := sh.evidence(words)
	if ev.Target > 0 && ev.Target >= ev.Source {
		return 0, false, words
	}
	startsWithNumber := false
	if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(inner)); unicode.IsDigit(r) {
		startsWithNumber = true
	}
	if ev.Source > 0 {
		if startsWithNumber && ev.Source < 2 {
			return 0, false, words // "(5 miles of road)"-like measures
		}
		// Every word capitalised, function words too: a title or a name
		// ("The Guardian", "The New York Times").
		if ev.LowerWords == 0 {
			return 0, false, words
		}
		if ev.Capitals > 0 && txCapitalised(words[0].in(t)) && bracketTitleCase(lx, t, words) {
			// An English proper name with lower-case function words inside.
			// Flagged only in square brackets, as the expansion of the
			// acronym just before it ("l'OCDE [Organisation for Economic
			// and Co-operation in Europe]"): square brackets are an editor's
			// insertion passed through by MT, while news itself expands
			// English acronyms in parentheses ("la NOAA (National Oceanic
			// and Atmospheric Administration)"). Elsewhere it is a
			// campaign, book or film name.
			if ev.Words < 3 || t[i] != '[' || !acronymBefore(t, i) {
				return 0, false, words
			}
			return 0.8, true, words
		}
		if ev.Source >= 2 {
			return 0.95, true, words
		}
		return 0.85, true, words
	}
	// No function words of either language: a title-case expansion of the
	// acronym before it in English ("l'AIEA [International Atomic Energy
	// Agency]") is flagged, other names stay; lower-case words go to the
	// language detector.
	if ev.LowerWords == 0 {
		if ev.Words >= 3 && t[i] == '[' && acronymBefore(t, i) && detect(inner) == lx.source.Lang {
			return 0.7, true, words
		}
		return 0, false, words
	}
	if ev.LowerWords < 2 || startsWithNumber || ev.Target > 0 || sh.allGlossedLoanwords(words) {
		return 0, false, words
	}
	if detect(inner) == lx.source.Lang {
		return 0.7, true, words
	}
	return 0, false, words
}
