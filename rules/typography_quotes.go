package rules

import (
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "typography.quote-mix",
		Category: audit.Typography,
		Severity: audit.Minor,
		Title:    "Quotation marks of two styles in one article",
		Doc: `Flags quotations in the article's minority style: ` + "`\"…\"`" + ` or ` + "`“…”`" + ` among
French ` + "`« … »`" + `, or the reverse. MT engines keep the source's quotation
marks in some segments and convert them in others.

Quotations nested inside ` + "`« … »`" + ` are French usage (` + "`« il a dit “non” »`" + `)
and are not counted. Straight quotes are paired within a paragraph; an
unpaired one is left alone. The majority style needs at least two
quotations and more than any other style.

The whole minority quotation is flagged, marks included. Fix, when the
article uses ` + "`« … »`" + `: convert the marks to guillemets with the spacing
the article uses inside them (a no-break space, usually).`,
		Examples: []audit.Example{
			{Text: "« Nous sommes prêts », a déclaré le ministre. Il a ajouté : « Rien n'est exclu. »\n\nLes manifestants scandaient \"Arrêtez la guerre!\" devant le palais.", Trigger: true},
			{Text: "« Nous sommes prêts », a déclaré le ministre. Il a ajouté : « Rien n'est exclu. »\n\nIl a cité « le mot “résilience” de son prédécesseur ».", Note: "quotes nested inside guillemets"},
			{Text: "\"Nous sommes prêts\", a déclaré le ministre. \"Rien n'est exclu\", a-t-il ajouté.", Note: "one style throughout"},
		},
		Langs:   []string{"fr"},
		Fixable: true,
		Origin:  "rules/typography_quotes.go",
		Run:     runQuoteMix,
	})
}

type typoQuoteStyle int

const (
	typoGuillemets typoQuoteStyle = iota
	typoStraightQuotes
	typoCurlyQuotes
)

var typoQuoteStyleNames = [...]string{"« … »", "\"…\"", "“…”"}

// typoQuotation is one quoted span, marks included.
type typoQuotation struct {
	open, close int // offsets of the opening and closing marks
	openLen     int
	closeLen    int
	style       typoQuoteStyle
}

func (q typoQuotation) span() audit.Span { return audit.Span{Start: q.open, End: q.close + q.closeLen} }

// typoQuotations finds the quotations of each paragraph: « with the next »,
// “ with the next ”, straight quotes two by two.
func typoQuotations(doc *audit.Document) []typoQuotation {
	t := doc.Text
	var out []typoQuotation
	for _, p := range doc.Paragraphs {
		openG, openC, openS := -1, -1, -1
		for i := p.Start; i < p.End; {
			r, n := utf8.DecodeRuneInString(t[i:])
			switch r {
			case '«':
				openG = i
			case '»':
				if openG >= 0 {
					out = append(out, typoQuotation{openG, i, len("«"), len("»"), typoGuillemets})
					openG = -1
				}
			case '“':
				openC = i
			case '”':
				if openC >= 0 {
					out = append(out, typoQuotation{openC, i, len("“"), len("”"), typoCurlyQuotes})
					openC = -1
				}
			case '"':
				if openS < 0 {
					openS = i
				} else {
					out = append(out, typoQuotation{openS, i, 1, 1, typoStraightQuotes})
					openS = -1
				}
			}
			i += n
		}
	}
	return out
}

func runQuoteMix(pass *audit.Pass) {
	t := pass.Doc.Text
	qs := typoQuotations(pass.Doc)
	if len(qs) < 2 {
		return
	}
	// Quotations nested in guillemets are French usage: drop them.
	// Guillemet pairs never nest (each « pairs with the next »), so sorted
	// by opening mark they can be searched.
	var guillemets []typoQuotation
	for _, q := range qs {
		if q.style == typoGuillemets {
			guillemets = append(guillemets, q)
		}
	}
	sort.Slice(guillemets, func(i, j int) bool { return guillemets[i].open < guillemets[j].open })
	var top []typoQuotation
	for _, q := range qs {
		if q.style != typoGuillemets {
			k := sort.Search(len(guillemets), func(i int) bool { return guillemets[i].open > q.open }) - 1
			if k >= 0 && q.close < guillemets[k].close {
				continue
			}
		}
		top = append(top, q)
	}
	var count [3]int
	for _, q := range top {
		count[q.style]++
	}
	major := typoGuillemets
	for s := range count {
		if count[s] > count[major] {
			major = typoQuoteStyle(s)
		}
	}
	if count[major] < 2 {
		return
	}
	inner := typoGuillemetSpacing(t, qs)
	for _, q := range top {
		if q.style == major || count[q.style] >= count[major] {
			continue
		}
		sp := q.span()
		d := audit.Diagnostic{
			Start: sp.Start, End: sp.End,
			Message:    fmt.Sprintf("Quotation marks %s in an article that quotes with %s (%d against %d)", typoQuoteStyleNames[q.style], typoQuoteStyleNames[major], count[q.style], count[major]),
			Confidence: 0.85,
		}
		if major == typoGuillemets {
			body := t[q.open+q.openLen : q.close]
			open, closing := "«"+inner, inner+"»"
			if body != "" {
				if r, _ := utf8.DecodeRuneInString(body); txIsSpace(r) {
					open = "«"
				}
				if r, _ := utf8.DecodeLastRuneInString(body); txIsSpace(r) {
					closing = "»"
				}
			}
			d.Suggestion = open + body + closing
			d.Fixes = []audit.Fix{{Message: "Use guillemets like the rest of the article", Edits: []audit.Edit{
				{Start: q.open, End: q.open + q.openLen, New: open},
				{Start: q.close, End: q.close + q.closeLen, New: closing},
			}}}
		}
		pass.Report(d)
	}
}

// typoGuillemetSpacing returns the space the article puts inside « »: the most
// frequent of no-break space, narrow no-break space, space and none.
func typoGuillemetSpacing(t string, qs []typoQuotation) string {
	counts := map[string]int{}
	for _, q := range qs {
		if q.style != typoGuillemets {
			continue
		}
		r, _ := utf8.DecodeRuneInString(t[q.open+q.openLen:])
		switch r {
		case '\u00A0', '\u202F', ' ':
			counts[string(r)]++
		default:
			counts[""]++
		}
	}
	best, n := "\u00A0", 0
	for _, s := range []string{"\u00A0", "\u202F", " ", ""} {
		if counts[s] > n {
			best, n = s, counts[s]
		}
	}
	return best
}
