package audit

import (
	"sort"
	"unicode/utf8"
)

// LineTable maps byte offsets to 1-based line and rune column. It is built
// once per document and used only when printing.
type LineTable struct {
	text   string
	starts []int // byte offset of each line's first byte
}

// NewLineTable indexes the starts of lines in text ("\n" ends a line; a "\r"
// before it belongs to the line it ends).
func NewLineTable(text string) *LineTable {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &LineTable{text: text, starts: starts}
}

// Position returns the 1-based line and column (in runes) of a byte offset.
// Offsets past the end are clamped; an offset inside a rune counts that rune.
func (t *LineTable) Position(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(t.text) {
		off = len(t.text)
	}
	i := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > off }) - 1
	return i + 1, utf8.RuneCountInString(t.text[t.starts[i]:off]) + 1
}

// Line returns the text of 1-based line n without its line end.
func (t *LineTable) Line(n int) string {
	if n < 1 || n > len(t.starts) {
		return ""
	}
	start := t.starts[n-1]
	end := len(t.text)
	if n < len(t.starts) {
		end = t.starts[n] - 1
	}
	if end > start && t.text[end-1] == '\r' {
		end--
	}
	return t.text[start:end]
}

// Lines is the number of lines.
func (t *LineTable) Lines() int { return len(t.starts) }
