package reports

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func TestMakeExcerptShortLine(t *testing.T) {
	text := "Titre\n\nLe prix a baissé [price cut] hier.\nFin."
	s := find(t, text, "[price cut]", 1)
	x := MakeExcerpt(text, s, 40)
	want := Excerpt{Before: "Le prix a baissé ", Span: "[price cut]", After: " hier."}
	if x != want {
		t.Errorf("got %+v, want %+v", x, want)
	}
}

func TestMakeExcerptClipsByRuneAndWord(t *testing.T) {
	left := strings.Repeat("é", 30) + " " + strings.Repeat("àbc ", 20)
	right := strings.Repeat(" ïôü", 20) + strings.Repeat("ç", 30)
	text := left + "CIBLE" + right
	s := find(t, text, "CIBLE", 1)
	x := MakeExcerpt(text, s, 15)
	if !x.ClippedBefore || !x.ClippedAfter || x.SpanClipped {
		t.Errorf("flags: %+v", x)
	}
	if x.Span != "CIBLE" {
		t.Errorf("span %q", x.Span)
	}
	for _, part := range []string{x.Before, x.After} {
		if !utf8.ValidString(part) {
			t.Errorf("excerpt part splits a UTF-8 sequence: %q", part)
		}
		if n := utf8.RuneCountInString(part); n > 15 {
			t.Errorf("part %q has %d runes, want ≤ 15", part, n)
		}
	}
	// Clipped at a space, the parts hold whole words.
	if !strings.HasPrefix(x.Before, " ") || !strings.HasSuffix(x.After, " ") {
		t.Errorf("clipped mid-word: before %q after %q", x.Before, x.After)
	}
}

func TestMakeExcerptSpanOverLineEnd(t *testing.T) {
	text := "Premier paragraphe qui finit ici\r\nSecond paragraphe.\n"
	s := audit.Span{Start: strings.Index(text, "finit"), End: strings.Index(text, "Second") + 6}
	x := MakeExcerpt(text, s, 40)
	if x.Span != "finit ici" || !x.SpanClipped || x.After != "" {
		t.Errorf("got %+v", x)
	}
}

func TestMakeExcerptLongSpan(t *testing.T) {
	text := "« " + strings.Repeat("MAJUSCULES ", 30) + "»"
	x := MakeExcerpt(text, audit.Span{Start: 0, End: len(text)}, 10)
	if n := utf8.RuneCountInString(x.Span); n != maxSpanRunes || !x.SpanClipped {
		t.Errorf("span of %d runes, clipped %v; want %d runes clipped", n, x.SpanClipped, maxSpanRunes)
	}
}

func TestMakeExcerptBadOffsets(t *testing.T) {
	text := "éèà"
	for _, s := range []audit.Span{{Start: -5, End: 1}, {Start: 1, End: 2}, {Start: 2, End: 100}, {Start: 4, End: 2}, {Start: 100, End: 200}} {
		x := MakeExcerpt(text, s, 3)
		for _, part := range []string{x.Before, x.Span, x.After} {
			if !utf8.ValidString(part) {
				t.Errorf("span %v: invalid UTF-8 in %+v", s, x)
			}
		}
	}
}

func TestMakeExcerptControlCharacters(t *testing.T) {
	text := "avant\t\x1b[31mrouge\x1b[0m après"
	x := MakeExcerpt(text, find(t, text, "rouge", 1), 40)
	if strings.ContainsAny(x.Before+x.Span+x.After, "\t\x1b") {
		t.Errorf("control characters kept: %+v", x)
	}
}

func FuzzMakeExcerpt(f *testing.F) {
	f.Add("Le texte [left in English] ici.\nSuite.", 10, 28, 20)
	f.Add("éé\r\n\x00àà", 1, 5, 1)
	f.Add("", 0, 0, 0)
	f.Fuzz(func(t *testing.T, text string, start, end, context int) {
		if !utf8.ValidString(text) {
			return
		}
		if context > 1000 {
			context = 1000
		}
		x := MakeExcerpt(text, audit.Span{Start: start, End: end}, context)
		for _, part := range []string{x.Before, x.Span, x.After} {
			if !utf8.ValidString(part) {
				t.Fatalf("invalid UTF-8 in %+v", x)
			}
			if strings.ContainsAny(part, "\n\r\t") {
				t.Fatalf("line end or tab in %+v", x)
			}
		}
		line := markedExcerpt(x)
		if !utf8.ValidString(line) || strings.Contains(line, "\n") {
			t.Fatalf("bad Markdown excerpt %q", line)
		}
	})
}
