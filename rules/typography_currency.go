package rules

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "typography.currency-position",
		Category: audit.Typography,
		Severity: audit.Minor,
		Title:    "Currency sign before the amount where the language writes it after",
		Doc: `Flags a currency sign written before the amount, the English way —
*$5 million*, *€12*, *£3,5 milliards* — in an article whose language writes
the sign after the amount (*12 €*) or the currency's name (*5 millions de
dollars*). Machine translation keeps the source's order.

What it looks at: any Unicode currency sign followed by a number, with the
capital letters glued before it (*US$*, *R$*, *HK$*); the profile says
whether the sign follows the amount (numbers.currency_after) and which
signs the language writes first anyway (words.currency_prefixes: *R$* and
*US$* in Brazilian Portuguese, *€* in Italian, *US$* in Spanish agency
style).

Not flagged: a sign after the amount, a sign of the prefix list, sentences
in the source language (an English quotation).

Where it fails: a Latin American article writing pesos as *$ 5.000* is
flagged, since the Spanish profile follows Spain's usage.

**What to do**: put the sign after the amount (*12 €*), or write the
currency's name (*5 millions de dollars*).`,
		Examples: []audit.Example{
			{Lang: "fr", Text: "Contrat record\n\nLe groupe a signé un contrat de $5 millions avec la ville.\n", Trigger: true},
			{Lang: "fr", Text: "Contrat record\n\nLe groupe a signé un contrat de 5 millions de dollars, soit 12 € par habitant.\n"},
			{Lang: "de", Text: "Neuer Auftrag\n\nDer Konzern erhielt einen Auftrag über €40 Millionen.\n", Trigger: true},
			{Lang: "de", Text: "Neuer Auftrag\n\nDer Konzern erhielt einen Auftrag über 40 Millionen €, das Ticket kostet 12 Euro.\n"},
			{Lang: "es", Text: "Nuevo contrato\n\nLa empresa firmó un contrato de £8 millones con el club.\n", Trigger: true},
			{Lang: "es", Text: "Nuevo contrato\n\nLa empresa firmó un contrato de 8 millones de libras, y la agencia lo valora en US$10 millones.\n", Note: "US$ is agency style"},
			{Lang: "it", Text: "Nuovo contratto\n\nLa società ha firmato un contratto da $12 milioni.\n", Trigger: true},
			{Lang: "it", Text: "Nuovo contratto\n\nLa società ha firmato un contratto da 12 milioni di dollari; il biglietto costa € 15.\n", Note: "€ before the amount is Italian usage"},
			{Lang: "pt", Text: "Novo contrato\n\nA empresa assinou um contrato de £3 milhões com o clube.\n", Trigger: true},
			{Lang: "pt", Text: "Novo contrato\n\nA empresa assinou um contrato de R$ 30 milhões, cerca de US$ 6 milhões, e o bilhete custa 12 €.\n", Note: "R$ and US$ come first in Brazil"},
		},
		Origin: "rules/typography_currency.go",
		Run:    runCurrencyPosition,
	})
}

func runCurrencyPosition(pass *audit.Pass) {
	c := conventionsOf(pass)
	if !c.currencyAfter {
		return
	}
	s := shapeOf(pass)
	// A sign stands just before its amount (s.next below): the tokens
	// before the numbers are all there is to look at.
	for _, ni := range numTokensOf(pass) {
		i := int(ni) - 1
		if i < 0 {
			continue
		}
		t := &s.toks[i]
		if t.Kind != tokPunct {
			continue
		}
		// The one currency sign of ASCII is $: most punctuation is ASCII,
		// and needs no look-up in the Unicode table.
		if c := s.doc.Text[t.Start]; c < utf8.RuneSelf && c != '$' {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s.text(t)); !unicode.Is(unicode.Sc, r) {
			continue
		}
		n := s.next(i)
		if n == nil || n.Kind != tokNum || int(n.Start)-int(t.End) > 1 {
			continue
		}
		start, sign := int(t.Start), s.text(t)
		// Capital letters glued before the sign belong to it: US$, R$.
		if p := s.prev(i); p != nil && p.End == t.Start {
			if p.Kind != tokWord || !isUpperInitial(s.text(p)) || utf8.RuneCountInString(s.text(p)) > 3 {
				continue // a sign inside a word or a code
			}
			start, sign = int(p.Start), s.text(p)+sign
		}
		if c.currencyPrefixes.Has(sign) {
			continue
		}
		// "5 $ 10": a sign between two numbers belongs to the first.
		if p := s.prev(i); p != nil && p.Kind == tokNum && int(t.Start)-int(p.End) <= 1 {
			continue
		}
		if from, to := sentenceBounds(s, i); sourceLanguageStretch(s, from, to) {
			continue
		}
		amount, _ := splitNumberSuffix(s.text(n))
		sug := ""
		if !quantityAfter(s, c, i+1) {
			sug = amount + "\u00a0" + s.text(t)
		}
		pass.Report(audit.Diagnostic{
			Start: start, End: int(n.End),
			Message:    fmt.Sprintf("Currency sign before the amount in “%s”: %s writes it after the amount or names the currency", s.doc.Text[start:n.End], s.lex.target.Name),
			Suggestion: sug, Confidence: 0.75,
		})
	}
}
