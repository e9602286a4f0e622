package audit

import "unicode/utf8"

// SnapSpan checks a span a rule or a model reported against the text it
// points into, and returns the span every finding must have: within the
// text, not empty, on rune boundaries, and not splitting a CRLF line end.
// A span that starts on the LF of a CRLF, or ends on its CR, is shrunk to
// leave the line end out (its CR or LF alone is never what a finding is
// about, and half a line end breaks every report that prints the quote).
// ok is false when the span is out of bounds, splits a UTF-8 sequence (a
// rule's offset error, not to be guessed at), or holds nothing once shrunk.
func SnapSpan(text string, s Span) (Span, bool) {
	if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
		return s, false
	}
	if s.Start > 0 && text[s.Start] == '\n' && text[s.Start-1] == '\r' {
		s.Start++
	}
	if s.End < len(text) && text[s.End] == '\n' && text[s.End-1] == '\r' {
		s.End--
	}
	if s.Start >= s.End || !utf8.RuneStart(text[s.Start]) || (s.End < len(text) && !utf8.RuneStart(text[s.End])) {
		return s, false
	}
	return s, true
}
