package reports

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// DefaultContext is how many characters of text either side of a finding an
// excerpt shows when Options.Context is not set.
const DefaultContext = 40

// maxSpanRunes bounds how much of a long flagged span (a scraped headline,
// a whole English paragraph) an excerpt repeats.
const maxSpanRunes = 120

// Excerpt is the text around a finding, on one display line: the part
// before the flagged span, the span itself and the part after, each clipped
// by whole runes. Control characters are shown as spaces.
type Excerpt struct {
	Before, Span, After string
	// ClippedBefore and ClippedAfter say text was left out at either end;
	// SpanClipped says the span goes on past what Span shows (a long span, or
	// one that runs over a line end).
	ClippedBefore, ClippedAfter, SpanClipped bool
}

// MakeExcerpt cuts the excerpt of span s out of text, showing up to context
// characters of the span's own line either side (DefaultContext when
// context ≤ 0). Offsets outside the text are clamped; the result never
// splits a UTF-8 sequence.
func MakeExcerpt(text string, s audit.Span, context int) Excerpt {
	if context <= 0 {
		context = DefaultContext
	}
	start := clampRuneStart(text, s.Start)
	end := clampRuneStart(text, s.End)
	if end < start {
		end = start
	}
	// The line around the span, looked for only as far as the excerpt can
	// reach: on a text of one long line, searching to the line's ends for
	// every finding would be quadratic. Past that reach the line is cut
	// (on a rune start), which clips the excerpt just as the real end would.
	lo := clampRuneStart(text, start-(context+2)*utf8.UTFMax)
	lineStart := lo
	if i := strings.LastIndexByte(text[lo:start], '\n'); i >= 0 {
		lineStart = lo + i + 1
	}
	hi := clampRuneStart(text, min(end, start+(maxSpanRunes+2)*utf8.UTFMax)+(context+2)*utf8.UTFMax)
	lineEnd := hi
	if i := strings.IndexByte(text[start:hi], '\n'); i >= 0 {
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

// clampRuneStart moves off into [0, len(text)] and back to a rune start.
func clampRuneStart(text string, off int) int {
	if off < 0 {
		return 0
	}
	if off >= len(text) {
		return len(text)
	}
	for off > 0 && !utf8.RuneStart(text[off]) {
		off--
	}
	return off
}

// firstRunes returns the first n runes of s.
func firstRunes(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// lastRunes returns the last n runes of s.
func lastRunes(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// wordSlack is how far a clipped edge may move to land between words.
const wordSlack = 12

// trimToWordStart drops a partial word at the start of a clipped prefix,
// when a space is near.
func trimToWordStart(s string) string {
	for i, r := range s {
		if i > wordSlack*utf8.UTFMax {
			break
		}
		if unicode.IsSpace(r) {
			return s[i:]
		}
	}
	return s
}

// trimToWordEnd drops a partial word at the end of a clipped suffix, when a
// space is near.
func trimToWordEnd(s string) string {
	for i, n := len(s), 0; i > 0 && n < wordSlack; n++ {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsSpace(r) {
			return s[:i]
		}
		i -= size
	}
	return s
}

// displayable replaces control characters (tabs, carriage returns, escape
// sequences a hostile text might carry) with spaces.
func displayable(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// displayWidth approximates the terminal columns s takes: one per rune,
// none for combining marks and format characters.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
			continue
		}
		w++
	}
	return w
}

// firstLine returns s up to its first line end; more reports whether lines follow.
func firstLine(s string) (line string, more bool) {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimRight(s[:i], "\r"), strings.TrimSpace(s[i+1:]) != ""
	}
	return s, false
}
