package rules

import (
	"fmt"
	"testing"
)

// TestWordIntern numbers words in the order first seen, across growth and
// reuse, as a map would.
func TestWordIntern(t *testing.T) {
	var wi wordIntern
	for round, n := range []int{0, 3, 1000} {
		wi.reset(n)
		want := map[string]int32{}
		for k := range 5000 {
			w := fmt.Sprintf("w%d-%d", k%1700, round)
			switch k % 4 {
			case 0:
				w = w[:len(w)-2] // shorter words, some of one byte
			case 1:
				w += "-a-longer-word" // past eight bytes
			case 2:
				w = w[:min(len(w), 1+k%8)] // one to eight bytes
			}
			id, isNew := wi.id(w)
			old, seen := want[w]
			if !seen {
				old = int32(len(want))
				want[w] = old
			}
			if id != old || isNew == seen {
				t.Fatalf("round %d: id(%q) = %d, %v; want %d, %v", round, w, id, isNew, old, !seen)
			}
		}
		for w, id := range want {
			if got, ok := wi.find(w); !ok || got != id {
				t.Fatalf("round %d: find(%q) = %d, %v; want %d", round, w, got, ok, id)
			}
		}
		if _, ok := wi.find("absent"); ok {
			t.Fatalf("round %d: find(absent) found", round)
		}
		if _, ok := wi.find("absent-and-long"); ok {
			t.Fatalf("round %d: find(absent-and-long) found", round)
		}
		if len(wi.words) != len(want) {
			t.Fatalf("round %d: %d words, want %d", round, len(wi.words), len(want))
		}
		wi.drop()
	}
}
