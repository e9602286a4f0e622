package rules

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestLeadSkipper checks skip against a search of each mark from the
// offset, and, with too many marks, against a byte-by-byte walk, for
// queries going forward, backward and over ranges cut short.
func TestLeadSkipper(t *testing.T) {
	text := "Il a dit « oui » et l’a “redit” : d'accord\u00a0!\"fin\" \u202f; ‘x’ „y“ ‹z›"
	for _, marks := range []string{"«»“”\"", "'’", "!?;:«»", "\ufffd", "«»“”\"'’!?", ":;!?«»\u00a0\u202f‘’„"} {
		first := runeStarts(marks)
		many := strings.ContainsRune(marks, utf8.RuneError) || utf8.RuneCountInString(marks) > maxSkipMarks
		want := func(i, end int) int {
			if many {
				for i < end && !first[text[i]] {
					i++
				}
				return i
			}
			best := end
			for _, r := range marks {
				if j := strings.IndexRune(text[i:], r); j >= 0 {
					best = min(best, i+j)
				}
			}
			return best
		}
		sk := newLeadSkipper(text, &first, marks)
		queries := [][2]int{{0, len(text)}, {5, len(text)}, {3, 12}, {20, len(text)}, {0, 8}, {40, len(text)}, {len(text), len(text)}, {11, 60}, {60, len(text)}}
		for _, q := range queries {
			if got, want := sk.skip(q[0], q[1]), want(q[0], q[1]); got != want {
				t.Errorf("marks %q: skip(%d, %d) = %d, want %d", marks, q[0], q[1], got, want)
			}
		}
	}
}

// TestLeadSkipperWalk checks that a walk that skips with a leadSkipper
// and decodes at the offsets it stops at meets the marks a rune-by-rune
// walk meets, on random texts with invalid bytes.
func TestLeadSkipperWalk(t *testing.T) {
	pieces := []string{"a", "é", " ", "\u00a0", "«", "»", "“", "”", "’", "'", "\"", ":", "!", "?", ";", "\xe2", "\x80", "\xc2", "\xab", "\xe2\x80", "–", "…", "\u202f", "„", "‹", "›", "x"}
	rng := rand.New(rand.NewSource(1))
	for _, marks := range []string{"«»“”\"", "'’", ":;!?«»", "«»“”\"'’!?", "«»“”\"„“‹›‘’", "\ufffd!"} {
		first := runeStarts(marks)
		for range 300 {
			var b strings.Builder
			for range rng.Intn(40) {
				b.WriteString(pieces[rng.Intn(len(pieces))])
			}
			text := b.String()
			var want []int
			for i := 0; i < len(text); {
				r, n := utf8.DecodeRuneInString(text[i:])
				if strings.ContainsRune(marks, r) {
					want = append(want, i)
				}
				i += n
			}
			var got []int
			sk := newLeadSkipper(text, &first, marks)
			for i := 0; i < len(text); {
				if !first[text[i]] {
					i = sk.skip(i, len(text))
					continue
				}
				r, n := utf8.DecodeRuneInString(text[i:])
				if strings.ContainsRune(marks, r) {
					got = append(got, i)
				}
				i += n
			}
			if !slices.Equal(got, want) {
				t.Fatalf("marks %q, text %q: marks at %v, want %v", marks, text, got, want)
			}
		}
	}
}

// TestIndexMark checks indexMark against strings.Index.
func TestIndexMark(t *testing.T) {
	texts := []string{"", "a", "’", "l’a “dit” « oui »\u00a0:", "\xe2\x80“", "ë»«û", "\x80\x9c“", "“", "x“"}
	for _, text := range texts {
		for _, mark := range []string{"“", "”", "«", "»", "’", ":", "\u00a0", "\u202f"} {
			for i := 0; i <= len(text); i++ {
				if got, want := indexMark(text[i:], mark), strings.Index(text[i:], mark); got != want {
					t.Errorf("indexMark(%q, %q) = %d, want %d", text[i:], mark, got, want)
				}
			}
		}
	}
}

// TestASCIICurrency checks that $ is the one currency sign of ASCII
// (typography.currency-position skips the others without a look-up).
func TestASCIICurrency(t *testing.T) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		if unicode.Is(unicode.Sc, r) != (r == '$') {
			t.Errorf("%q: currency %v", r, unicode.Is(unicode.Sc, r))
		}
	}
}

// TestMoreFieldsThan checks moreFieldsThan against strings.Fields.
func TestMoreFieldsThan(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a ", "a b", "a\u00a0b c", "a  b\tc\nd", "«\u202fYahoo", "\xff \xfe x", "a\u0085b c d e", "x y z w"} {
		for n := 0; n < 6; n++ {
			if got, want := moreFieldsThan(s, n), len(strings.Fields(s)) > n; got != want {
				t.Errorf("moreFieldsThan(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}
