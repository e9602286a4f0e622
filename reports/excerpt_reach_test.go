package reports

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// TestExcerptLooksOnlyAsFarAsItShows: MakeExcerpt searches the line ends
// only within its reach (linear time on a text of one long line) and
// gives exactly what cutting out the whole line gives.
func TestExcerptLooksOnlyAsFarAsItShows(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"mot ", "é", "€", "𝄞", " ", "\r\n", "\n", "abc", "\r", "x"}
	for round := range 300 {
		var b strings.Builder
		for range 20 + rng.IntN(400) {
			p := pieces[rng.IntN(len(pieces))]
			if round%3 == 0 && (p == "\n" || p == "\r\n") {
				p = "y" // long lines
			}
			b.WriteString(p)
		}
		text := b.String()
		for range 20 {
			s := rng.IntN(len(text) + 1)
			e := s + rng.IntN(min(len(text)-s, 700)+1)
			for s > 0 && !utf8.RuneStart(text[s%len(text)]) && s < len(text) {
				s--
			}
			span := audit.Span{Start: s, End: e}
			ctx := 1 + rng.IntN(60)
			if got, want := MakeExcerpt(text, span, ctx), makeExcerptWholeLine(text, span, ctx); got != want {
				t.Fatalf("MakeExcerpt(%q, %v, %d)\n got %+v\nwant %+v", text, span, ctx, got, want)
			}
		}
	}
}

// makeExcerptWholeLine is MakeExcerpt as it was, searching the whole line.
func makeExcerptWholeLine(text string, s audit.Span, context int) Excerpt {
	if context <= 0 {
		context = DefaultContext
	}
	start := clampRuneStart(text, s.Start)
	end := clampRuneStart(text, s.End)
	if end < start {
		end = start
	}
	lineStart := strings.LastIndexByte(text[:start], '\n') + 1
	lineEnd := len(text)
	if i := strings.IndexByte(text[start:], '\n'); i >= 0 {
		lineEnd = start + i
	}
	var x Excerpt
	spanEnd := end
	if spanEnd > lineEnd {
		spanEnd = lineEnd
		x.SpanClipped = true
	}
	span := text[start:spanEnd]
	if spanEnd == lineEnd {
		span = strings.TrimRight(span, "\r")
	}
	if n := utf8.RuneCountInString(span); n > maxSpanRunes {
		span = firstRunes(span, maxSpanRunes)
		x.SpanClipped = true
	}
	x.Span = displayable(span)
	before := strings.TrimRight(text[lineStart:start], "\r")
	if cut := lastRunes(before, context); len(cut) < len(before) {
		x.Before, x.ClippedBefore = trimToWordStart(cut), true
	} else {
		x.Before = before
	}
	after := ""
	if !x.SpanClipped {
		after = strings.TrimRight(text[spanEnd:lineEnd], "\r")
		if cut := firstRunes(after, context); len(cut) < len(after) {
			after, x.ClippedAfter = trimToWordEnd(cut), true
		}
	}
	x.Before, x.After = displayable(x.Before), displayable(after)
	return x
}
