package rules

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// A doc list gives back the set of articles added, sorted, whatever the
// order and repeats, as a plain set does.
func TestDocListMatchesSet(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 500 {
		var l docList
		set := map[int32]bool{}
		n := rng.IntN(200)
		next := int32(0)
		for range n {
			var i int32
			switch {
			case round%3 == 0: // any order, negative too
				i = int32(rng.IntN(400)) - 50
			default: // input order, each article once or more
				next += int32(rng.IntN(3))
				i = next
			}
			l.add(i)
			set[i] = true
		}
		want := make([]int32, 0, len(set))
		for i := range set {
			want = append(want, i)
		}
		slices.Sort(want)
		got := l.appendSorted([]int32{-7})
		if got[0] != -7 || !slices.Equal(got[1:], want) {
			t.Fatalf("round %d: got %v, want %v", round, got[1:], want)
		}
	}
}

func TestSortedMinus(t *testing.T) {
	a, b := []int32{1, 3, 5, 7, 9}, []int32{0, 3, 4, 9, 12}
	if n := countSortedMinus(a, b); n != 3 {
		t.Errorf("countSortedMinus = %d, want 3", n)
	}
	if got := sortedMinus(slices.Clone(a), b); !slices.Equal(got, []int32{1, 5, 7}) {
		t.Errorf("sortedMinus = %v", got)
	}
	if got := sortedMinus(slices.Clone(a), nil); !slices.Equal(got, a) {
		t.Errorf("sortedMinus with nothing to take = %v", got)
	}
}
