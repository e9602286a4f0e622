package rules

import (
	"math/rand/v2"
	"testing"
)

// TestDupLongBit checks dupLongBit's first-rune shortcut against dupLong
// on every string of up to two bytes, and on random strings of up to six
// bytes, valid UTF-8 or not.
func TestDupLongBit(t *testing.T) {
	check := func(w string) {
		t.Helper()
		want := uint8(0)
		if dupLong(w) {
			want = dupLongWord
		}
		if got := dupLongBit(w); got != want {
			t.Fatalf("dupLongBit(%q) = %d, want %d", w, got, want)
		}
	}
	check("")
	for a := range 256 {
		check(string([]byte{byte(a)}))
		for b := range 256 {
			check(string([]byte{byte(a), byte(b)}))
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "Z", "é", "à", "’", "\u0301", "𝔸", "\x80", "\xc3", "\xe2\x80", "\xf0\x9d", "\xff"}
	for range 100000 {
		var w []byte
		for range 1 + r.IntN(4) {
			w = append(w, pieces[r.IntN(len(pieces))]...)
		}
		check(string(w))
	}
}
