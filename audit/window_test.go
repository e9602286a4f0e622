package audit

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestWindowSpansCoverAndCutAtBoundaries: windows tile the text, stay under
// the size, prefer paragraph starts, and never cut a rune or a CRLF, even
// on one long line without spaces.
func TestWindowSpansCoverAndCutAtBoundaries(t *testing.T) {
	para := strings.Repeat("Le port rouvre demain, selon le maire. ", 30) // ~1.2 KB
	cases := map[string]string{
		"paragraphs":  strings.Repeat(para+"\n\n", 200),
		"crlf":        strings.Repeat(para+"\r\n\r\n", 200),
		"one line":    strings.Repeat(para, 200),
		"no spaces":   strings.Repeat("é€𝄞a", 20000),
		"short lines": strings.Repeat("x\r\n", 20000),
	}
	const size = 16 << 10
	for name, text := range cases {
		d := mustDoc(t, text)
		spans := windowSpans(d, size)
		if len(spans) < 2 {
			t.Fatalf("%s: %d windows", name, len(spans))
		}
		prev := 0
		for i, s := range spans {
			if s.Start != prev || s.End <= s.Start || s.Len() > size {
				t.Fatalf("%s: window %d %+v after %d", name, i, s, prev)
			}
			if s.End < len(text) {
				if !utf8.RuneStart(text[s.End]) || (text[s.End] == '\n' && text[s.End-1] == '\r') {
					t.Fatalf("%s: window %d ends inside a rune or a CRLF at %d", name, i, s.End)
				}
				if name == "paragraphs" && d.ParagraphAt(s.End) >= 0 && d.Paragraphs[d.ParagraphAt(s.End)].Start != s.End {
					t.Fatalf("%s: window %d cuts a paragraph at %d", name, i, s.End)
				}
			}
			prev = s.End
		}
		if prev != len(text) {
			t.Fatalf("%s: windows end at %d of %d", name, prev, len(text))
		}
	}
}

// TestLongDocumentFindingsPointIntoTheWhole: a document longer than a
// window gets every finding of every window, offsets and fixes shifted
// into the whole text.
func TestLongDocumentFindingsPointIntoTheWhole(t *testing.T) {
	flagXX := testRule("garbled.xx", Garbled, Minor, func(p *Pass) {
		for i := 0; ; {
			k := strings.Index(p.Doc.Text[i:], "XX")
			if k < 0 {
				return
			}
			at := i + k
			p.Report(Diagnostic{Start: at, End: at + 2, Message: "xx",
				Fixes: []Fix{{Message: "Remove it", Edits: []Edit{{Start: at, End: at + 2}}}}})
			i = at + 2
		}
	})
	e, err := NewEngine([]*Rule{flagXX}, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var want []int
	for b.Len() < 3*WindowBytes {
		b.WriteString("Une phrase ordinaire du texte, ")
		if b.Len()%7 == 0 {
			want = append(want, b.Len())
			b.WriteString("XX ")
		}
		if b.Len()%5 == 0 {
			b.WriteString("\n\n")
		}
	}
	doc := mustDoc(t, b.String())
	res := e.Audit(context.Background(), doc)
	if len(res.Findings) != len(want) || len(want) == 0 {
		t.Fatalf("%d findings, want %d", len(res.Findings), len(want))
	}
	for i, f := range res.Findings {
		if f.Start != want[i] || doc.Snippet(f.Span) != "XX" || f.Fixes[0].Edits[0].Start != want[i] {
			t.Fatalf("finding %d at %d (%q), fix at %d; want %d", i, f.Start, doc.Snippet(f.Span), f.Fixes[0].Edits[0].Start, want[i])
		}
	}
}
