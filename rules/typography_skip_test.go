package rules

import "testing"

// TestLeadSkipper checks skip against a byte-by-byte walk, for queries
// going forward, backward and over ranges cut short.
func TestLeadSkipper(t *testing.T) {
	text := "Il a dit « oui » et l’a “redit” : d'accord\u00a0!\"fin\""
	for _, marks := range []string{"«»“”\"", "'’", "!?;:«»", "\ufffd", "«»“”\"'’!?"} {
		first := runeStarts(marks)
		walk := func(i, end int) int {
			for i < end && !first[text[i]] {
				i++
			}
			return i
		}
		sk := newLeadSkipper(text, &first)
		queries := [][2]int{{0, len(text)}, {5, len(text)}, {3, 12}, {20, len(text)}, {0, 8}, {40, len(text)}, {len(text), len(text)}}
		for _, q := range queries {
			if got, want := sk.skip(q[0], q[1]), walk(q[0], q[1]); got != want {
				t.Errorf("marks %q: skip(%d, %d) = %d, want %d", marks, q[0], q[1], got, want)
			}
		}
	}
}
