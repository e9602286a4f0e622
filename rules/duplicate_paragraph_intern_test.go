package rules

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
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

// TestInternWords holds wordsOf's loop, its short-word look-up inlined,
// to wordIntern.id of each word token's folded form, on the shared
// articles (tables grown from small and reused, as the pool's are).
func TestInternWords(t *testing.T) {
	reg := profile.MustBuiltin()
	lex := lexiconFor(reg.Lookup("fr"), reg.Lookup("en"))
	var got, ref wordIntern
	var ids []int32
	for di, text := range sharedTexts(t) {
		doc, err := audit.NewDocument("t.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		s := buildShape(doc, lex)
		n := di % 3 * len(s.toks) / 4 // some tables sized too small: grown mid-loop
		got.reset(n)
		ref.reset(n)
		ids = resized(ids, len(s.toks))
		s.internWords(ids, &got)
		for i := range s.toks {
			want := int32(-1)
			if s.toks[i].Kind == tokWord {
				want, _ = ref.id(s.low(&s.toks[i]))
			}
			if ids[i] != want {
				t.Fatalf("doc %d token %d %q: id %d, want %d", di, i, s.text(&s.toks[i]), ids[i], want)
			}
		}
		if !slices.Equal(got.words, ref.words) {
			t.Fatalf("doc %d: words differ", di)
		}
		s.release()
	}
}

// TestKeyIndex checks keyIndex against a map: keys set, replaced and
// looked up, across growth and reuse after reset (key 0 included).
func TestKeyIndex(t *testing.T) {
	var ix keyIndex
	rng := rand.New(rand.NewPCG(1, 2))
	for round, n := range []int{0, 3, 40, 1000, 5} {
		ix.reset(n / 2)
		want := map[uint64]int32{}
		for i := range 4 * n {
			k := rng.Uint64N(uint64(2*n + 1)) // repeats, and 0
			if i%7 == 0 {
				k = rng.Uint64() // a full-width key
			}
			if _, ok := want[k]; !ok || i%3 == 0 {
				want[k] = int32(i)
				ix.set(k, int32(i))
			}
			if v, ok := ix.get(k); !ok || v != want[k] {
				t.Fatalf("round %d: get(%d) = %d, %v, want %d", round, k, v, ok, want[k])
			}
		}
		for k, v := range want {
			if got, ok := ix.get(k); !ok || got != v {
				t.Fatalf("round %d: get(%d) = %d, %v, want %d", round, k, got, ok, v)
			}
		}
		_, set := want[1<<62]
		if _, ok := ix.get(1 << 62); ok != set {
			t.Fatalf("round %d: a key never set is found", round)
		}
	}
}

// TestShortKey checks that shortKey packs a word's bytes in order from the
// low one, the rest zero: the word's first eight bytes read at once and
// masked to its length, as internWords computes it.
func TestShortKey(t *testing.T) {
	for _, w := range []string{"a", "de", "été", "l’", "ONU", "armée", "Élysée", "ministre", "abcdefg"} {
		padded := w + "\x00\x00\x00\x00\x00\x00\x00\x00"
		want := le64(padded)
		masked := le64(w+"zzzzzzzz") & (^uint64(0) >> (64 - 8*uint(len(w))))
		if got := shortKey(w); got != want || masked != want {
			t.Errorf("shortKey(%q) = %#x, masked load %#x, want %#x", w, got, masked, want)
		}
	}
}
