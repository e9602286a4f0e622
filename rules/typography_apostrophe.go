package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "typography.apostrophe-mix",
		Category: audit.Typography,
		Severity: audit.Info,
		Title:    "Straight and curly apostrophes mixed in one article",
		Doc: `Flags the sentences written with the article's minority apostrophe, straight
` + "`'`" + ` among curly ` + "`’`" + ` or the reverse. The pattern betrays text of another
origin: a caption or a quote pasted in, scraped furniture, a paragraph
translated apart from the rest.

An apostrophe is a ` + "`'`" + ` or ` + "`’`" + ` between a letter and a letter (or an
opening ` + "`«`" + `): ` + "`l’armée`" + `, ` + "`d'« inacceptables »`" + `. Single quotation marks
and the apostrophes of names (` + "`O'Brien`" + `, ` + "`N'Djamena`" + `) are not counted. The majority form needs at least three uses and more uses
than the other form.

A sentence is flagged when all its apostrophes are of the minority form:
one finding per sentence, from its first to its last minority apostrophe
word. A sentence that mixes both forms itself is a keyboard slip, not text
of another origin, and is left alone.

Every language whose profile names its typographic apostrophe
(quotes.apostrophe); an apostrophe may stand before the language's opening
quotation mark.

Fix: write each apostrophe of the span in the majority form.`,
		Examples: []audit.Example{
			{Text: "L’armée a annoncé qu’elle allait se retirer d’ici à l’été.\n\nLe ministre s'est rendu à l'usine d'armement.", Trigger: true},
			{Text: "L’armée a annoncé qu’elle allait se retirer d’ici à l’été. Le ministre s’est rendu à l’usine.", Note: "one form throughout"},
			{Text: "L’armée a annoncé qu’elle allait se retirer d’ici à l’été, et l'usine d’armement fermera.", Note: "a slip inside one sentence"},
		},
		Fixable: true,
		Origin:  "rules/typography_apostrophe.go",
		Run:     runApostropheMix,
	})
}

// typoStraight is the typewriter apostrophe; the typographic one is the
// language's (profile quotes.apostrophe: ’).
const typoStraight = '\''

// typoApostrophes returns the offsets of the apostrophes in t[start:end]: a
// straight or typographic one between a letter and a letter or an opening
// primary quotation mark of the language (d'« inacceptables »).
// sk skips the bytes the two apostrophes do not start with (runeStarts).
func typoApostrophes(out []int, t string, start, end int, curly rune, openQuotes string, sk *leadSkipper) []int {
	for i := start; i < end; {
		if !sk.first[t[i]] {
			i = sk.skip(i, end)
			continue
		}
		r, n := utf8.DecodeRuneInString(t[i:])
		if (r == typoStraight || r == curly) && i > start && i+n < end {
			before, _ := utf8.DecodeLastRuneInString(t[:i])
			after, _ := utf8.DecodeRuneInString(t[i+n:])
			if unicode.IsLetter(before) && (unicode.IsLetter(after) || strings.ContainsRune(openQuotes, after)) && !typoNameApostrophe(t, start, i, n) {
				out = append(out, i)
			}
		}
		i += n
	}
	return out
}

// typoNameApostrophe reports the apostrophe of a name such as O'Brien,
// N'Djamena or D'Alema: one capital letter, the apostrophe, a capital
// letter. Names keep the apostrophe they were typed with.
func typoNameApostrophe(t string, lo, i, n int) bool {
	before, bn := utf8.DecodeLastRuneInString(t[:i])
	after, _ := utf8.DecodeRuneInString(t[i+n:])
	if !unicode.IsUpper(before) || !unicode.IsUpper(after) {
		return false
	}
	if i-bn <= lo {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(t[:i-bn])
	return !unicode.IsLetter(prev)
}

func runApostropheMix(pass *audit.Pass) {
	doc := pass.Doc
	t := doc.Text
	lx := lexOf(pass)
	typoCurly, n := utf8.DecodeRuneInString(lx.target.Quotes.Apostrophe)
	if n == 0 || n != len(lx.target.Quotes.Apostrophe) || typoCurly == typoStraight {
		return // the language names no typographic apostrophe
	}
	if strings.IndexByte(t, typoStraight) < 0 || !strings.Contains(t, lx.target.Quotes.Apostrophe) {
		return // one kind of apostrophe at most: nothing mixes
	}
	var primaryOpen string
	if q := lx.target.Quotes.Primary; len(q) == 2 {
		primaryOpen = q[0]
	}
	// Count first, with one buffer for every sentence: most articles
	// never mix, and only those that do need the offsets again.
	var offs []int
	straight, curly := 0, 0
	marks := string([]rune{typoStraight, typoCurly})
	first := runeStarts(marks)
	sk := newLeadSkipper(t, &first, marks)
	for _, s := range doc.Sentences {
		offs = typoApostrophes(offs[:0], t, s.Start, s.End, typoCurly, primaryOpen, &sk)
		for _, o := range offs {
			if t[o] == typoStraight {
				straight++
			} else {
				curly++
			}
		}
	}
	major, minor, nMajor, nMinor := typoCurly, typoStraight, curly, straight
	if straight > curly {
		major, minor, nMajor, nMinor = typoStraight, typoCurly, straight, curly
	}
	if nMinor == 0 || nMajor < 3 || nMajor == nMinor {
		return
	}
	name := map[rune]string{typoStraight: "straight apostrophe (')", typoCurly: "curly apostrophe (" + string(typoCurly) + ")"}
	sk = newLeadSkipper(t, &first, marks) // from the start again
	for _, s := range doc.Sentences {
		offs = typoApostrophes(offs[:0], t, s.Start, s.End, typoCurly, primaryOpen, &sk)
		if len(offs) == 0 {
			continue
		}
		mixed := false
		for _, o := range offs {
			if r, _ := utf8.DecodeRuneInString(t[o:]); r == major {
				mixed = true
				break
			}
		}
		if mixed {
			continue
		}
		start := typoWordStart(t, offs[0], s.Start)
		last := offs[len(offs)-1]
		end := typoWordEnd(t, last+utf8.RuneLen(minor), s.End)
		var edits []audit.Edit
		for _, o := range offs {
			edits = append(edits, audit.Edit{Start: o, End: o + utf8.RuneLen(minor), New: string(major)})
		}
		fixed := strings.ReplaceAll(t[start:end], string(minor), string(major))
		pass.Report(audit.Diagnostic{
			Start: start, End: end,
			Message:    fmt.Sprintf("%s in an article that uses the %s %d times (%d against %d)", typoCapitalise(name[minor]), name[major], nMajor, nMinor, nMajor),
			Suggestion: fixed,
			Confidence: typoApostropheConfidence(nMajor, nMinor),
			Fixes:      []audit.Fix{{Message: "Use the article's apostrophe", Edits: edits}},
		})
	}
}

func typoApostropheConfidence(nMajor, nMinor int) float64 {
	share := float64(nMinor) / float64(nMajor+nMinor)
	return 0.9 - share // 0.4 to 0.9: a small minority is a clearer mix
}

func typoCapitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// typoWordStart moves back from i over letters, not before lo.
func typoWordStart(t string, i, lo int) int {
	for i > lo {
		r, n := utf8.DecodeLastRuneInString(t[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= n
	}
	return i
}

// typoWordEnd moves forward from i over letters, not past hi.
func typoWordEnd(t string, i, hi int) int {
	for i < hi {
		r, n := utf8.DecodeRuneInString(t[i:])
		if !unicode.IsLetter(r) {
			break
		}
		i += n
	}
	return i
}
