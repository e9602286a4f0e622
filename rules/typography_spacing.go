package rules

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "typography.spacing",
		Category: audit.Typography,
		Severity: audit.Info,
		Title:    "French spacing missing where the article otherwise uses it",
		Doc: `Flags a ` + "`:`" + `, ` + "`;`" + `, ` + "`!`" + ` or ` + "`?`" + ` with no space before it, and a ` + "`«`" + ` or
` + "`»`" + ` with no space inside, in an article that otherwise spaces that mark the
French way (a no-break space, or a plain space).

Policy: only inconsistency is flagged. Much human French news omits the
space before ` + "`?`" + ` or ` + "`:`" + ` throughout, and that is a house style, not an
MT error; an article that spaces a mark at least three times, and at least
four times as often as it leaves it unspaced, has a convention, and the exceptions
are flagged (text pasted from elsewhere, segments the MT engine handled
differently). Each mark is judged on its own (` + "`:`" + ` may be spaced and
` + "`?`" + ` not). Never flagged: times and ratios (` + "`12:30`" + `, ` + "`2:1`" + `), web
addresses (` + "`https://`" + `), runs of marks (` + "`?!`" + `), marks opening a line,
and emoticons.

Fix: insert the space the article uses most for that mark.`,
		Examples: []audit.Example{
			{Text: "Il a prévenu : « Rien n'est exclu. » Le ministre a ajouté : tout dépendra de Moscou.\n\nLe président a conclu : la paix est possible. Le porte-parole a précisé : rien n'est signé.\n\nPartager: le texte intégral est en ligne.", Trigger: true},
			{Text: "Il a prévenu: rien n'est exclu. Le ministre a ajouté: tout dépendra de Moscou.\n\nPourquoi? Personne ne le sait.", Note: "one style throughout"},
			{Text: "Il a prévenu : rien n'est exclu. Le ministre a ajouté : tout dépendra de Moscou. Le président a conclu : la paix est possible. Le porte-parole a précisé : rien n'est signé.\n\nLa réunion a commencé à 12:30 (voir https://example.org).", Note: "times and addresses"},
		},
		Langs:   []string{"fr"},
		Fixable: true,
		Origin:  "rules/typography_spacing.go",
		Run:     runTypographySpacing,
	})
}

// typoSpacingMark is one occurrence of a mark that French spaces.
type typoSpacingMark struct {
	off  int  // offset of the mark
	mark rune // : ; ! ? « »
	// space is the space before (or, for «, after) the mark: "" when none.
	space string
}

const (
	typoMinSpaced         = 3 // uses that make a convention
	typoSpacedPerUnspaced = 4 // spaced uses per unspaced one, at least
)

func runTypographySpacing(pass *audit.Pass) {
	doc := pass.Doc
	marks := typoSpacingMarks(doc)
	byMark := map[rune][]typoSpacingMark{}
	for _, m := range marks {
		byMark[m.mark] = append(byMark[m.mark], m)
	}
	var gaps []typoGap
	for _, mark := range []rune{':', ';', '!', '?', '«', '»'} {
		ms := byMark[mark]
		spaces := map[string]int{}
		spaced, unspaced := 0, 0
		for _, m := range ms {
			if m.space == "" {
				unspaced++
			} else {
				spaced++
				spaces[m.space]++
			}
		}
		if unspaced == 0 || spaced < typoMinSpaced || spaced < typoSpacedPerUnspaced*unspaced {
			continue
		}
		space, best := "\u00A0", 0
		for _, s := range []string{"\u00A0", "\u202F", " "} {
			if spaces[s] > best {
				space, best = s, spaces[s]
			}
		}
		for _, m := range ms {
			if m.space == "" {
				gaps = append(gaps, typoSpacingGap(doc.Text, m, space, spaced, unspaced))
			}
		}
	}
	typoReportSpacingGaps(pass, gaps)
}

// typoGap is one missing space: the span shown (the mark and the word it
// touches), the insertion, and why.
type typoGap struct {
	span audit.Span
	edit audit.Edit
	why  string
}

func typoSpacingGap(t string, m typoSpacingMark, space string, spaced, unspaced int) typoGap {
	n := utf8.RuneLen(m.mark)
	var g typoGap
	var what string
	switch m.mark {
	case '«':
		// « and the word after it.
		g.span = audit.Span{Start: m.off, End: typoWordEnd(t, m.off+n, len(t))}
		g.edit = audit.Edit{Start: m.off + n, End: m.off + n, New: space}
		what = "no space after «"
	default:
		// The word before the mark, and the mark.
		g.span = audit.Span{Start: typoWordStart(t, m.off, 0), End: m.off + n}
		g.edit = audit.Edit{Start: m.off, End: m.off, New: space}
		what = fmt.Sprintf("no space before %c", m.mark)
	}
	name := map[string]string{"\u00A0": "a no-break space", "\u202F": "a narrow no-break space", " ": "a space"}[space]
	g.why = fmt.Sprintf("%s, where the article puts %s %d times (%d without)", what, name, spaced, unspaced)
	return g
}

// typoReportSpacingGaps reports the gaps, one finding for gaps whose spans
// overlap («tournant» lacks two spaces), with one fix inserting them all.
func typoReportSpacingGaps(pass *audit.Pass, gaps []typoGap) {
	t := pass.Doc.Text
	sort.Slice(gaps, func(i, j int) bool { return gaps[i].span.Start < gaps[j].span.Start })
	for i := 0; i < len(gaps); {
		group := []typoGap{gaps[i]}
		sp := gaps[i].span
		j := i + 1
		for j < len(gaps) && gaps[j].span.Start < sp.End {
			group = append(group, gaps[j])
			sp.End = max(sp.End, gaps[j].span.End)
			j++
		}
		var edits []audit.Edit
		var whys []string
		var sug strings.Builder
		at := sp.Start
		for _, g := range group {
			edits = append(edits, g.edit)
			whys = append(whys, g.why)
			sug.WriteString(t[at:g.edit.Start])
			sug.WriteString(g.edit.New)
			at = g.edit.Start
		}
		sug.WriteString(t[at:sp.End])
		pass.Report(audit.Diagnostic{
			Start: sp.Start, End: sp.End,
			Message:    typoCapitalise(strings.Join(whys, "; ")),
			Suggestion: sug.String(),
			Confidence: 0.6,
			Fixes:      []audit.Fix{{Message: "Insert the article's space", Edits: edits}},
		})
		i = j
	}
}

// typoSpacingMarks lists the marks of the document that French typography
// spaces, with the space beside each, leaving out the ones no convention
// covers (times, ratios, addresses, runs of marks, line starts).
func typoSpacingMarks(doc *audit.Document) []typoSpacingMark {
	t := doc.Text
	var out []typoSpacingMark
	for _, ln := range doc.Lines {
		line := t[ln.Start:ln.End]
		for i := 0; i < len(line); {
			r, n := utf8.DecodeRuneInString(line[i:])
			if !strings.ContainsRune(":;!?«»", r) {
				i += n
				continue
			}
			off := ln.Start + i
			if m, ok := typoSpacingMarkAt(line, i, r, n); ok {
				m.off = off
				out = append(out, m)
			}
			i += n
		}
	}
	return out
}

// typoSpacingMarkAt judges the mark r of width n at line[i].
func typoSpacingMarkAt(line string, i int, r rune, n int) (typoSpacingMark, bool) {
	m := typoSpacingMark{mark: r}
	prev, pn := utf8.DecodeLastRuneInString(line[:i])
	next, _ := utf8.DecodeRuneInString(line[i+n:])
	if r == '«' {
		if i+n >= len(line) {
			return m, false
		}
		if txIsSpace(next) {
			m.space = string(next)
		}
		return m, true
	}
	if i == 0 {
		return m, false
	}
	if r == '»' {
		if txIsSpace(prev) {
			m.space = string(prev)
		}
		return m, true
	}
	if strings.ContainsRune(":;!?….", prev) || strings.ContainsRune(":;!?", next) && !txIsSpace(prev) {
		return m, false // a run of marks: ?!, !!!, …?
	}
	if r == ':' || r == ';' {
		// Times, ratios, addresses, emoticons: 12:30, 2:1, https://, :-), ;)
		if unicode.IsDigit(prev) && unicode.IsDigit(next) || next == '/' || next == '-' || next == ')' || next == '(' || next == 'D' && (i+n+1 >= len(line) || !unicode.IsLetter(rune(line[i+n+1]))) {
			return m, false
		}
		if w := typoLastField(line[:i]); strings.Contains(w, "://") || strings.HasPrefix(strings.ToLower(w), "http") || strings.HasPrefix(strings.ToLower(w), "www.") {
			return m, false
		}
	}
	if i+n < len(line) && (unicode.IsLetter(next) || unicode.IsDigit(next)) {
		return m, false // inside a token ("Mot:mot", "page?id=2"): not prose
	}
	if txIsSpace(prev) {
		m.space = line[i-pn : i]
	}
	return m, true
}

// typoLastField returns the text after the last space of s.
func typoLastField(s string) string {
	if k := strings.LastIndexFunc(s, txIsSpace); k >= 0 {
		_, n := utf8.DecodeRuneInString(s[k:])
		return s[k+n:]
	}
	return s
}
