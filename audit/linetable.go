package audit

import (
	"math/bits"
	"sort"
	"strings"
)

// LineTable maps byte offsets to 1-based line and rune column. It is built
// once per document and used only when printing.
//
// Every lookup takes time independent of the line's length: the table
// keeps the number of runes before every runeCheckpoint-th byte, so a
// column is two checkpoint reads and at most two short counts, even on a
// text of one line of many megabytes (the report of which asks for the
// position of every finding).
type LineTable struct {
	text   string
	starts []int // byte offset of each line's first byte
	// runes[k] is the number of runes starting in text[:k*runeCheckpoint].
	runes []int
}

// runeCheckpoint is the distance in bytes between two rune counts.
const runeCheckpoint = 256

// NewLineTable indexes the starts of lines in text ("\n" ends a line; a "\r"
// before it belongs to the line it ends).
func NewLineTable(text string) *LineTable {
	starts := []int{0}
	for i := 0; ; {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	runes := make([]int, 0, len(text)/runeCheckpoint+1)
	n := 0
	for k := 0; k < len(text); k += runeCheckpoint {
		runes = append(runes, n)
		n += countRunes(text[k:min(k+runeCheckpoint, len(text))])
	}
	return &LineTable{text: text, starts: starts, runes: runes}
}

// countRunes counts the bytes of s that start a rune (none of 0x80 to
// 0xBF), eight at a time: a continuation byte has its high bit set and
// the next one clear.
func countRunes(s string) int {
	n := len(s)
	for ; len(s) >= 8; s = s[8:] {
		x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		n -= bits.OnesCount64(x &^ (x << 1) & 0x8080808080808080)
	}
	for i := 0; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// runesBefore counts the runes that start in text[:off]: a rune cut by off
// counts.
func (t *LineTable) runesBefore(off int) int {
	k := off / runeCheckpoint
	if k >= len(t.runes) {
		k = len(t.runes) - 1
	}
	if k < 0 {
		return 0
	}
	n := t.runes[k]
	for i := k * runeCheckpoint; i < off; i++ {
		if t.text[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
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
	return i + 1, t.runesBefore(off) - t.runesBefore(t.starts[i]) + 1
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
