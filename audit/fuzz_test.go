package audit

import (
	"testing"
	"unicode/utf8"
)

// FuzzReadAndSegment: any byte string is either rejected with an error or
// segmented into in-bounds, ordered, rune-aligned spans; never a panic.
func FuzzReadAndSegment(f *testing.F) {
	for _, s := range []string{
		"", "a", "\uFEFF", "M. X. Y", "Fin.. début", "« Oui ! » non ?\r\n\r\nSuite.",
		"a\x00b", "\xff", "ligne\n\n\n\nligne", "12,5. 3.4 etc. J.-C. Il", "…… ?!", "\u00a0\u202f.\u00a0A",
		"\xff\xfeL\x00e\x00 \x00\r\x00\n\x00\xe9\x00", "\xfe\xff\x00a\xd8\x34\xdd\x1e", "\xff\xfe\x00\xd8",
		"Un.\r\n\r\nDeux mots longs sans fin\r\nTrois",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Read as a text file is (UTF-16 decoded), then segmented.
		ins := ReadText("fuzz", data)
		if len(ins) != 1 || (ins[0].Doc == nil) == (ins[0].Err == nil) {
			t.Fatalf("ReadText gave %+v", ins)
		}
		d := ins[0].Doc
		if d == nil {
			return
		}
		if !utf8.ValidString(d.Text) {
			t.Fatalf("document text is not UTF-8: %q", d.Text)
		}
		check := func(kind string, s Span, prevEnd int) {
			if s.Start < d.Body || s.End > len(d.Text) || s.Start >= s.End || s.Start < prevEnd {
				t.Fatalf("%s span %+v bad (prev end %d, len %d)", kind, s, prevEnd, len(d.Text))
			}
			if !utf8.RuneStart(d.Text[s.Start]) || (s.End < len(d.Text) && !utf8.RuneStart(d.Text[s.End])) {
				t.Fatalf("%s span %+v not on rune boundaries", kind, s)
			}
		}
		prev := 0
		for _, l := range d.Lines {
			check("line", l, prev)
			prev = l.End
		}
		prev = 0
		for i, p := range d.Paragraphs {
			check("paragraph", p.Span, prev)
			prev = p.End
			for _, s := range d.ParagraphSentences(i) {
				if !p.Contains(s.Span) || s.Paragraph != i {
					t.Fatalf("sentence %+v outside paragraph %d %+v", s, i, p.Span)
				}
			}
		}
		prev = 0
		for _, s := range d.Sentences {
			check("sentence", s.Span, prev)
			prev = s.End
		}
		// Windows (small ones, to cut this text) tile it on rune and
		// CRLF boundaries.
		at := 0
		for _, w := range windowSpans(d, 16) {
			if w.Start != at || w.End <= w.Start {
				t.Fatalf("window %+v after %d", w, at)
			}
			if w.End < len(d.Text) && (!utf8.RuneStart(d.Text[w.End]) || (d.Text[w.End] == '\n' && d.Text[w.End-1] == '\r')) {
				t.Fatalf("window %+v cuts a rune or a CRLF", w)
			}
			at = w.End
		}
		if at != len(d.Text) {
			t.Fatalf("windows end at %d of %d", at, len(d.Text))
		}
		lt := d.LineTable()
		for _, off := range []int{0, len(d.Text) / 2, len(d.Text)} {
			if l, c := lt.Position(off); l < 1 || c < 1 {
				t.Fatalf("Position(%d) = %d:%d", off, l, c)
			}
		}
	})
}
