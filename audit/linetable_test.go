package audit

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLineTableMatchesCounting checks Position against counting runes from
// the line start, on texts with long lines (many checkpoints), short
// lines, multi-byte runes and CRLF, at every rune boundary and inside runes.
func TestLineTableMatchesCounting(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "é", "€", "𝄞", " ", "\n", "\r\n", "mot ", "« ", "\u202f"}
	for round := range 20 {
		var b strings.Builder
		n := 50 + rng.IntN(3000)
		if round%4 == 0 {
			pieces[5] = "x" // one long line
		} else {
			pieces[5] = "\n"
		}
		for range n {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		lt := NewLineTable(text)
		line, lineStart := 1, 0
		for off := 0; off <= len(text); off++ {
			if off > 0 && text[off-1] == '\n' {
				line, lineStart = line+1, off
			}
			wantCol := utf8.RuneCountInString(text[lineStart:off]) + 1
			if off < len(text) && !utf8.RuneStart(text[off]) {
				// inside a rune: that rune counts
				k := off
				for !utf8.RuneStart(text[k]) {
					k--
				}
				wantCol = utf8.RuneCountInString(text[lineStart:k]) + 2
			}
			if l, c := lt.Position(off); l != line || c != wantCol {
				t.Fatalf("round %d: Position(%d) = %d:%d, want %d:%d", round, off, l, c, line, wantCol)
			}
		}
	}
}

// countRunes counts as utf8.RuneCountInString on valid text, and the bytes
// that are no continuation byte on any.
func TestCountRunes(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "é", "€", "𝄞", " ", "\n", "\x80", "\xbf", "\xc0", "\xff", "\x7f", "\x40"}
	for range 5000 {
		var b strings.Builder
		for n := rng.IntN(40); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		want := 0
		for i := 0; i < len(s); i++ {
			if s[i]&0xC0 != 0x80 {
				want++
			}
		}
		if got := countRunes(s); got != want {
			t.Fatalf("countRunes(%q) = %d, want %d", s, got, want)
		}
		if utf8.ValidString(s) && want != utf8.RuneCountInString(s) {
			t.Fatalf("countRunes(%q) = %d, utf8 counts %d", s, want, utf8.RuneCountInString(s))
		}
	}
}
