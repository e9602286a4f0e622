package rules

import (
	"fmt"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

func init() {
	register(&audit.Rule{
		ID:       "typography.quote-locale",
		Category: audit.Typography,
		Severity: audit.Minor,
		Title:    "Quotation marks of another language",
		Doc: `Flags a quotation set in another language's quotation marks, which
the article's language never uses: English *“…”* in German (which quotes
*„…“* or *»…«*), German *„…“* in French, Spanish, Italian or Portuguese.
Machine translation keeps the source's marks, or a pivot language's.

What it looks at: the primary pair of every profile the tool knows (French
*« »*, German *„ “*, English *“ ”* …), less the pairs of the article's own
profile (primary, secondary and alternates: *“ ”* is French nesting and a
Spanish, Italian and Portuguese house style, *« »* a Swiss German one).
Each opening mark is paired with the next closing mark of its pair in the
same paragraph; a mark that closes one of the language's own quotations
opens nothing (the German closing *“* is the English opening one).

Not flagged: straight quotes (a keyboard's, every language's: see
typography.quote-mix for articles that mix them with the language's
marks), single quotes, a quotation whose text is in the source language (an
English title kept as written).

Where it fails: a language whose profile lists no quotation marks gets no
finding; an outlet that deliberately uses another language's marks is
flagged throughout.

**Fix**: use the article language's primary marks.`,
		Examples: []audit.Example{
			{Lang: "de", Text: "Streit im Stadtrat\n\nDer Bürgermeister sprach von einem “schwierigen Kompromiss” und verteidigte den Beschluss.\n", Trigger: true},
			{Lang: "de", Text: "Streit im Stadtrat\n\nDer Bürgermeister sprach von einem „schwierigen Kompromiss“ und zitierte die »Neue Zürcher Zeitung«.\n"},
			{Lang: "fr", Text: "Dispute au conseil\n\nLe maire a parlé d’un „compromis difficile“ et défendu la décision.\n", Trigger: true},
			{Lang: "fr", Text: "Dispute au conseil\n\nLe maire a parlé d’un « compromis difficile » et cité « le mot “équilibre” de son adjoint ».\n"},
			{Lang: "es", Text: "Disputa en el pleno\n\nEl alcalde habló de un „compromiso difícil“ y defendió la decisión.\n", Trigger: true},
			{Lang: "es", Text: "Disputa en el pleno\n\nEl alcalde habló de un «compromiso difícil» y de una decisión “necesaria”.\n"},
			{Lang: "it", Text: "Scontro in consiglio\n\nIl sindaco ha parlato di un „compromesso difficile“ e ha difeso la decisione.\n", Trigger: true},
			{Lang: "it", Text: "Scontro in consiglio\n\nIl sindaco ha parlato di un «compromesso difficile» e di una scelta “necessaria”.\n"},
			{Lang: "pt", Text: "Disputa na assembleia\n\nO presidente da câmara falou de um „compromisso difícil“ e defendeu a decisão.\n", Trigger: true},
			{Lang: "pt", Text: "Disputa na assembleia\n\nO presidente da câmara falou de um «compromisso difícil» e de uma decisão “necessária”.\n"},
		},
		Fixable: true,
		Origin:  "rules/typography_quote_locale.go",
		Run:     runQuoteLocale,
	})
}

// quoteLocaleKey keys the quotation styles of a target profile among a
// registry's profiles.
type quoteLocaleKey struct{ reg *profile.Registry }

// quoteLocaleStyles holds the target's pairs first (own of them), then the
// primary pairs of the other languages that the target does not use.
type quoteLocaleStyles struct {
	styles []typoQuoteStyle
	own    int
	names  map[int]string // foreign style index: the languages whose pair it is
}

func quoteLocaleStylesOf(pass *audit.Pass, lx *lexicon) *quoteLocaleStyles {
	build := func(t *profile.Profile) any {
		out := &quoteLocaleStyles{names: map[int]string{}}
		add := func(pair []string, lang string) {
			if len(pair) != 2 {
				return
			}
			o, on := utf8.DecodeRuneInString(pair[0])
			c, cn := utf8.DecodeRuneInString(pair[1])
			if on != len(pair[0]) || cn != len(pair[1]) || o == c {
				return
			}
			for k, st := range out.styles {
				if st.open == o && st.close == c {
					if lang != "" && k >= out.own && out.names[k] != "" {
						out.names[k] += ", " + lang
					}
					return
				}
			}
			out.styles = append(out.styles, typoQuoteStyle{o, c, pair[0] + "…" + pair[1]})
			if lang != "" {
				out.names[len(out.styles)-1] = lang
			}
		}
		q := t.Quotes
		add(q.Primary, "")
		add(q.Secondary, "")
		for _, a := range q.Alternates {
			add(a, "")
		}
		out.own = len(out.styles)
		// The other languages' marks come from the profiles' summaries,
		// which decode no word list.
		var others []profile.Summary
		if pass.Profiles != nil {
			others = pass.Profiles.Summaries()
		}
		if s := lx.source; s != nil {
			others = append(others, profile.Summary{Lang: s.Lang, Name: s.Name, Quotes: s.Quotes})
		}
		seen := map[string]bool{t.Lang: true}
		for _, p := range others {
			if !seen[p.Lang] {
				seen[p.Lang] = true
				add(p.Quotes.Primary, p.Name)
			}
		}
		return out
	}
	return lx.target.Derived(quoteLocaleKey{pass.Profiles}, build).(*quoteLocaleStyles)
}

func runQuoteLocale(pass *audit.Pass) {
	lx := lexOf(pass)
	q := lx.target.Quotes
	if len(q.Primary) != 2 {
		return
	}
	st := quoteLocaleStylesOf(pass, lx)
	if len(st.styles) <= st.own {
		return
	}
	s := shapeOf(pass)
	t := pass.Doc.Text
	buf := quoteBufs.Get().(*quoteBuf)
	defer quoteBufs.Put(buf)
	buf.qs = typoQuotations(buf.qs[:0], pass.Doc, st.styles)
	for _, qt := range buf.qs {
		if qt.style < st.own {
			continue
		}
		body := audit.Span{Start: qt.open + qt.openLen, End: qt.close}
		if toks, first := s.tokensIn(body); len(toks) > 0 && sourceQuotation(s, first, first+len(toks)) {
			continue
		}
		open, closing := q.Primary[0], q.Primary[1]
		if q.Spaced {
			open, closing = open+"\u00a0", "\u00a0"+closing
		}
		sp := qt.span()
		pass.Report(audit.Diagnostic{
			Start: sp.Start, End: sp.End,
			Message: fmt.Sprintf("Quotation marks %s of another language (%s): %s quotes with %s",
				st.styles[qt.style].name, st.names[qt.style], lx.target.Name, q.Primary[0]+"…"+q.Primary[1]),
			Suggestion: open + t[body.Start:body.End] + closing,
			Confidence: 0.75,
			Fixes: []audit.Fix{{Message: "Use the language's quotation marks", Edits: []audit.Edit{
				{Start: qt.open, End: qt.open + qt.openLen, New: open},
				{Start: qt.close, End: qt.close + qt.closeLen, New: closing},
			}}},
		})
	}
}

// sourceQuotation reports whether a quotation's tokens [from, to) read as
// the source language: a title or a phrase kept as written (“The Office”),
// with a function word of the source and none of the target's.
func sourceQuotation(s *shape, from, to int) bool {
	src, tgt := 0, 0
	for k := from; k < to; k++ {
		t := &s.toks[k]
		if t.Kind != tokWord {
			continue
		}
		switch l := s.low(t); {
		case s.lex.sourceFunction[l]:
			src++
		case s.lex.function[l]:
			tgt++
		}
	}
	return src > 0 && tgt == 0
}
