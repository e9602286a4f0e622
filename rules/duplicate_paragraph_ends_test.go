package rules

import (
	"math/rand/v2"
	"testing"
)

// TestDupEndsSentence checks the byte-reading dupEndsSentence against the
// rune-reading one on random endings of stops, quotes, brackets, spaces
// and letters.
func TestDupEndsSentence(t *testing.T) {
	parts := []string{".", "!", "?", "…", "»", "«", "\"", "”", "“", "’", "'", ")", "]", "(", " ", "\t", "\n", "\u00A0", "\u202F", "\u2009", "a", "é", ",", ";", "\xff", ""}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		s := ""
		for range rng.IntN(6) {
			s += parts[rng.IntN(len(parts))]
		}
		if got, want := dupEndsSentence(s), dupEndsSentenceSlow(s); got != want {
			t.Fatalf("dupEndsSentence(%q) = %v, want %v", s, got, want)
		}
	}
}
