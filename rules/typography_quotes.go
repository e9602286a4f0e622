package rules

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

func init() {
	register(&audit.Rule{
		ID:       "typography.quote-mix",
		Category: audit.Typography,
		Severity: audit.Minor,
		Title:    "Quotation marks of two styles in one article",
		Doc: `Flags quotations in the article's minority style: ` + "`\"…\"`" + ` or ` + "`“…”`" + ` among
the language's own marks (French ` + "`« … »`" + `), or the reverse. MT engines keep the source's quotation
marks in some segments and convert them in others.

The styles are the article language's primary marks (from its profile:
` + "`« … »`" + ` in French, ` + "`„…“`" + ` in German), straight quotes, the language's
secondary and alternate pairs, and English ` + "`“…”`" + `. Quotations nested
inside the primary marks are the language's usage (` + "`« il a dit “non” »`" + `)
and are not counted. Straight quotes are paired within a paragraph; an
unpaired one is left alone. The majority style needs at least two
quotations and more than any other style; the primary style wins a tie.
Straight quotes as many as the language's primary marks (one against
one is enough) are flagged too, with less confidence: the primary marks
show the house style.

Two uses do not compete with the quotations: single quotes (*‘…’*, a
level of their own for terms, irony and headlines), and a title in one of
the language's alternate pairs (*“Ted Lasso”* beside *«…»* in Spanish,
Italian or Portuguese: words with capitals, no final punctuation).

The whole minority quotation is flagged, marks included. Fix, when the
article uses the primary marks: convert the marks, with the spacing the
article uses inside them when the language spaces them (a no-break space,
usually, in French).`,
		Examples: []audit.Example{
			{Text: "« Nous sommes prêts », a déclaré le ministre. Il a ajouté : « Rien n'est exclu. »\n\nLes manifestants scandaient \"Arrêtez la guerre!\" devant le palais.", Trigger: true},
			{Text: "« Nous sommes prêts », a déclaré le ministre. Il a ajouté : « Rien n'est exclu. »\n\nIl a cité « le mot “résilience” de son prédécesseur ».", Note: "quotes nested inside guillemets"},
			{Text: "\"Nous sommes prêts\", a déclaré le ministre. \"Rien n'est exclu\", a-t-il ajouté.", Note: "one style throughout"},
			{Lang: "es", Text: "«Estamos preparados», dijo el ministro. Y añadió: «No se descarta nada».\n\nLos manifestantes gritaban “Paren la guerra” frente al palacio.", Trigger: true},
			{Lang: "de", Text: "Neue Buslinie\n\n„Wir haben lange darauf gewartet“, sagte die Ortsvorsteherin. Der Fahrplan gilt ab Montag.\n\nEin Sprecher der Verkehrsbetriebe sprach von einem \"wichtigen Schritt\" für den Stadtteil.\n", Trigger: true, Note: "one quotation in the language's marks, one in straight quotes"},
			{Lang: "it", Text: "Nuova linea di autobus\n\n«Lo aspettavamo da anni», ha detto la presidente del municipio.\n\nUn portavoce ha parlato di un \"passo importante\" per il quartiere.\n", Trigger: true, Note: "one quotation in the language's marks, one in straight quotes"},
			{Lang: "pt", Text: "Nova linha de autocarro\n\n«Esperávamos isto há anos», disse a presidente da junta.\n\nUm porta-voz falou de um \"passo importante\" para o bairro.\n", Trigger: true, Note: "one quotation in the language's marks, one in straight quotes"},
			{Lang: "pt", Text: "Nova linha de autocarro\n\n«Esperávamos isto há anos», disse a presidente da junta. Um porta-voz falou de um «passo importante» e da série “Casa de Papel”.\n", Note: "the language's marks, a title in an alternate pair"},
			{Lang: "de", Text: "Neue Buslinie\n\n\"Wir haben lange darauf gewartet\", sagte die Ortsvorsteherin. Ein Sprecher sprach von einem \"wichtigen Schritt\".\n", Note: "straight quotes throughout: a house style"},
			{Lang: "es", Text: "«Estamos preparados», dijo el ministro, gran aficionado a la serie “Juego de Tronos”. Y añadió: «No se descarta nada».\n\nLa oposición habló de una reforma ‘exprés’.", Note: "a title in an alternate pair, single quotes for a term"},
		},
		Fixable: true,
		Origin:  "rules/typography_quotes.go",
		Run:     runQuoteMix,
	})
}

// typoQuoteStyle is one style of quotation marks an article may use: the
// target language's primary pair comes first (it wins ties), then straight
// quotes, the language's other pairs and the source language's primary pair.
type typoQuoteStyle struct {
	open, close rune
	name        string // "« … »", "\"…\"", "“…”"
}

type typoQuoteStylesKey struct{ source *profile.Profile }

// typoQuoteStyles returns the quotation styles of a language: its primary
// pair first, then straight quotes, its secondary and alternate pairs, and
// the source language's primary pair; nil when it has no primary pair.
// They are built once per pair of languages; callers do not modify them.
func typoQuoteStyles(lx *lexicon) []typoQuoteStyle {
	return lx.target.Derived(typoQuoteStylesKey{lx.source}, func(*profile.Profile) any {
		return buildTypoQuoteStyles(lx)
	}).([]typoQuoteStyle)
}

func buildTypoQuoteStyles(lx *lexicon) []typoQuoteStyle {
	q := lx.target.Quotes
	if len(q.Primary) != 2 {
		return nil
	}
	var out []typoQuoteStyle
	add := func(pair []string, spaced bool) {
		if len(pair) != 2 {
			return
		}
		o, on := utf8.DecodeRuneInString(pair[0])
		c, cn := utf8.DecodeRuneInString(pair[1])
		if on != len(pair[0]) || cn != len(pair[1]) {
			return // marks of one rune only
		}
		for _, st := range out {
			if st.open == o && st.close == c {
				return
			}
		}
		name := pair[0] + "…" + pair[1]
		if spaced {
			name = pair[0] + " … " + pair[1]
		}
		out = append(out, typoQuoteStyle{o, c, name})
	}
	add(q.Primary, q.Spaced)
	add([]string{"\"", "\""}, false)
	add(q.Secondary, false)
	for _, a := range q.Alternates {
		add(a, false)
	}
	add(lx.source.Quotes.Primary, false)
	return out
}

// quoteBuf holds the quotation slices of one run of the quotation rules.
type quoteBuf struct{ qs, outer, top []typoQuotation }

var quoteBufs = sync.Pool{New: func() any { return new(quoteBuf) }}

// oneQuoteStyle reports whether the quotations qs are all of one style.
func oneQuoteStyle(qs []typoQuotation) bool {
	for _, q := range qs {
		if q.style != qs[0].style {
			return false
		}
	}
	return true
}

// typoQuotation is one quoted span, marks included.
type typoQuotation struct {
	open, close int // offsets of the opening and closing marks
	openLen     int
	closeLen    int
	style       int // index into the styles
}

func (q typoQuotation) span() audit.Span { return audit.Span{Start: q.open, End: q.close + q.closeLen} }

// typoQuotations finds the quotations of each paragraph: each opening mark
// with the next closing mark of its style, straight quotes two by two. A
// mark that closes one style's open quotation does not open another's (the
// German closing “ is the English opening one).
func typoQuotations(out []typoQuotation, doc *audit.Document, styles []typoQuoteStyle) []typoQuotation {
	t := doc.Text
	var openBuf [8]int // the styles' open marks, on the stack
	open := openBuf[:min(len(styles), len(openBuf))]
	if len(styles) > len(openBuf) {
		open = make([]int, len(styles))
	}
	// The text between marks is skipped without decoding (leadSkipper); a
	// mark that is the replacement rune (any invalid byte) makes every
	// byte one.
	var marks []rune
	for _, st := range styles {
		marks = append(marks, st.open, st.close)
	}
	ms := string(marks)
	first := runeStarts(ms)
	sk := newLeadSkipper(t, &first, ms)
	for _, p := range doc.Paragraphs {
		for k := range open {
			open[k] = -1
		}
		for i := p.Start; i < p.End; {
			if !first[t[i]] {
				i = sk.skip(i, p.End)
				continue
			}
			r, n := utf8.DecodeRuneInString(t[i:])
			closed := false
			for k, st := range styles {
				if r == st.close && open[k] >= 0 {
					o := open[k]
					out = append(out, typoQuotation{o, i, utf8.RuneLen(st.open), n, k})
					open[k] = -1
					closed = true
				}
			}
			if !closed {
				for k, st := range styles {
					if r == st.open {
						open[k] = i
					}
				}
			}
			i += n
		}
	}
	return out
}

func runQuoteMix(pass *audit.Pass) {
	t := pass.Doc.Text
	lx := lexOf(pass)
	styles := typoQuoteStyles(lx)
	if len(styles) < 2 {
		return
	}
	const primary = 0
	alternate := typoAlternateStyles(lx, styles)
	buf := quoteBufs.Get().(*quoteBuf)
	defer quoteBufs.Put(buf)
	qs := typoQuotations(buf.qs[:0], pass.Doc, styles)
	buf.qs = qs
	if len(qs) < 2 || oneQuoteStyle(qs) {
		// Quotations of one style: it is the major one and no other
		// competes with it.
		return
	}
	// Quotations nested in the language's primary marks are its usage:
	// drop them. Primary pairs never nest (each opening mark pairs with the
	// next closing one), so sorted by opening mark they can be searched.
	outer := buf.outer[:0]
	for _, q := range qs {
		if q.style == primary {
			outer = append(outer, q)
		}
	}
	sort.Slice(outer, func(i, j int) bool { return outer[i].open < outer[j].open })
	buf.outer = outer
	top := buf.top[:0]
	for _, q := range qs {
		if q.style != primary {
			k := sort.Search(len(outer), func(i int) bool { return outer[i].open > q.open }) - 1
			if k >= 0 && q.close < outer[k].close {
				continue
			}
			// Single quotes are another level (terms, irony, headlines),
			// and a title in one of the language's alternate pairs is its
			// house style for titles: neither competes with the quotations.
			if singleQuote(styles[q.style]) || (alternate[q.style] && quotedTitle(pass.Doc.Text[q.open+q.openLen:q.close])) {
				continue
			}
		}
		top = append(top, q)
	}
	buf.top = top
	count := make([]int, len(styles))
	for _, q := range top {
		count[q.style]++
	}
	major := primary
	for s := range count {
		if count[s] > count[major] {
			major = s
		}
	}
	// Straight quotes as many as the language's marks, or fewer: the
	// primary marks win the tie, and the straight pair is the keyboard's
	// leftover (one "…" beside one «…» is enough).
	straight := -1
	for k, st := range styles {
		if st.open == '"' {
			straight = k
		}
	}
	straightTie := major == primary && straight >= 0 && count[primary] >= 1 && count[straight] >= 1 && count[straight] <= count[primary]
	if count[major] < 2 && !straightTie {
		return
	}
	inner := ""
	if lx.target.Quotes.Spaced {
		inner = typoQuoteSpacing(t, qs, primary)
	}
	p := styles[primary]
	fixMessage := "Use " + p.name + " like the rest of the article"
	if p.open == '«' || p.open == '»' {
		fixMessage = "Use guillemets like the rest of the article"
	}
	for _, q := range top {
		conf := 0.85
		switch {
		case q.style == major:
			continue
		case straightTie && q.style == straight && count[straight] == count[primary]:
			conf = 0.7
		case straightTie && q.style == straight:
		case count[q.style] >= count[major]:
			continue
		}
		sp := q.span()
		d := audit.Diagnostic{
			Start: sp.Start, End: sp.End,
			Message:    fmt.Sprintf("Quotation marks %s in an article that quotes with %s (%d against %d)", styles[q.style].name, styles[major].name, count[q.style], count[major]),
			Confidence: conf,
		}
		if major == primary {
			body := t[q.open+q.openLen : q.close]
			open, closing := string(p.open)+inner, inner+string(p.close)
			if body != "" {
				if r, _ := utf8.DecodeRuneInString(body); txIsSpace(r) {
					open = string(p.open)
				}
				if r, _ := utf8.DecodeLastRuneInString(body); txIsSpace(r) {
					closing = string(p.close)
				}
			}
			d.Suggestion = open + body + closing
			d.Fixes = []audit.Fix{{Message: fixMessage, Edits: []audit.Edit{
				{Start: q.open, End: q.open + q.openLen, New: open},
				{Start: q.close, End: q.close + q.closeLen, New: closing},
			}}}
		}
		pass.Report(d)
	}
}

// typoQuoteSpacing returns the space the article puts inside its primary
// marks (« »): the most frequent of no-break space, narrow no-break space,
// space and none.
func typoQuoteSpacing(t string, qs []typoQuotation, primary int) string {
	counts := map[string]int{}
	for _, q := range qs {
		if q.style != primary {
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

// typoAlternateStyles marks the styles that are one of the language's
// alternate pairs (quotes.alternates: “…” in Spanish, Italian, Portuguese).
func typoAlternateStyles(lx *lexicon, styles []typoQuoteStyle) []bool {
	out := make([]bool, len(styles))
	for _, a := range lx.target.Quotes.Alternates {
		if len(a) != 2 {
			continue
		}
		o, _ := utf8.DecodeRuneInString(a[0])
		c, _ := utf8.DecodeRuneInString(a[1])
		for k, st := range styles {
			if k > 0 && st.open == o && st.close == c {
				out[k] = true
			}
		}
	}
	return out
}

// singleQuote reports a style of single marks (‘…’, ‚…‘, ‹…›).
func singleQuote(st typoQuoteStyle) bool {
	switch st.open {
	case '‘', '’', '‚', '‹', '›', '\'':
		return true
	}
	return false
}

// quotedTitle reports whether a quotation's text reads as a title: one to
// eight words, each starting with a capital or a digit, short words of the
// title aside (The Painter and the Court), and no final punctuation.
func quotedTitle(body string) bool {
	words := strings.Fields(body)
	if len(words) == 0 || len(words) > 8 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(body)
	if strings.ContainsRune(".!?,;:", last) {
		return false
	}
	capitals := 0
	for _, w := range words {
		// Elisions and brackets before the word: ’Til, (The).
		w = strings.TrimLeftFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r) || unicode.IsDigit(r):
			capitals++
		case utf8.RuneCountInString(w) > 3:
			return false // a long lower-case word: a phrase, not a title
		}
	}
	return capitals*2 > len(words) && isUpperInitial(words[0])
}
