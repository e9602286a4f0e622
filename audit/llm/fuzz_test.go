package llm

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// FuzzAnchor: any text and quote give either no span or a span inside the
// text on rune boundaries, close to the quote.
func FuzzAnchor(f *testing.F) {
	f.Add("Le porte-parole a déclaré : « Nous n’avons rien exclu. »", "Nous n'avons rien exclu")
	f.Add("été été été", "ete")
	f.Add("abc\u00a0\u202fdef", "abc def")
	f.Add(strings.Repeat("é", 100), strings.Repeat("e", 40))
	f.Add("un été", "\xa9t\xc3")
	f.Fuzz(func(t *testing.T, text, quote string) {
		if !utf8.ValidString(text) {
			return // documents are valid UTF-8 by construction
		}
		s, e, kind := anchor(text, quote)
		if kind == unanchored {
			return
		}
		if s < 0 || e > len(text) || s >= e {
			t.Fatalf("span [%d,%d) out of %d bytes", s, e, len(text))
		}
		if !utf8.RuneStart(text[s]) || (e < len(text) && !utf8.RuneStart(text[e])) {
			t.Fatalf("span [%d,%d) splits a rune", s, e)
		}
		if kind == anchoredExact && text[s:e] != strings.TrimSpace(quote) {
			t.Fatalf("exact anchor %q for %q", text[s:e], quote)
		}
	})
}

// FuzzParseAnswer: no panic; every item kept is valid.
func FuzzParseAnswer(f *testing.F) {
	f.Add(`{"findings":[{"category":"negation","severity":"major","quote":"x","explanation":"y","suggestion":null}]}`)
	f.Add("```json\n{\"findings\": []}\n```")
	f.Add("<think>hm</think>{\"findings\":[{}]}")
	f.Add(`{"findings":[`)
	f.Fuzz(func(t *testing.T, s string) {
		items, invalid, err := ParseAnswer(s)
		if err != nil && (len(items) > 0 || invalid > 0) {
			t.Fatal("items returned with an error")
		}
		for _, it := range items {
			if !it.Category.Valid() || it.Severity < audit.Minor || it.Severity > audit.Critical || strings.TrimSpace(it.Quote) == "" {
				t.Fatalf("invalid item kept: %+v", it)
			}
		}
	})
}

// FuzzChunks: chunks of any article lie within it, in order, on rune
// boundaries, and cover every paragraph.
func FuzzChunks(f *testing.F) {
	f.Add("Un.\n\nDeux trois. Quatre cinq six sept huit neuf dix onze douze treize.\n\nFin.", 8)
	f.Add(strings.Repeat("mot ", 300), 20)
	f.Fuzz(func(t *testing.T, text string, budget int) {
		doc, err := audit.NewDocument("f.txt", []byte(text))
		if err != nil {
			return
		}
		budget = budget%400 + 1
		if budget < 0 {
			budget = -budget
		}
		prev := 0
		for _, c := range chunkDocument(doc, budget, budget/4) {
			if c.Span.Start < prev || c.Span.End > len(text) || c.Span.Start >= c.Span.End {
				t.Fatalf("chunk %+v after %d in %d bytes", c.Span, prev, len(text))
			}
			if !utf8.RuneStart(text[c.Span.Start]) || (c.Span.End < len(text) && !utf8.RuneStart(text[c.Span.End])) {
				t.Fatalf("chunk %+v splits a rune", c.Span)
			}
			if strings.TrimSpace(text[prev:c.Span.Start]) != "" {
				t.Fatalf("text %q between chunks is lost", text[prev:c.Span.Start])
			}
			prev = c.Span.End
		}
		if strings.TrimSpace(text[prev:]) != "" && len(doc.Paragraphs) > 0 && prev < doc.Paragraphs[len(doc.Paragraphs)-1].End {
			t.Fatalf("tail %q not in any chunk", text[prev:])
		}
	})
}
