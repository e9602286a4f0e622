package lexicon

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// tableWords makes n distinct short words and as many others, from a
// seeded generator: the table must answer as the map does on both.
func tableWords(n int) (in map[string]int, out []string) {
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, 1+r.IntN(12))
		for i := range b {
			b[i] = byte('a' + r.IntN(26))
		}
		if r.IntN(8) == 0 {
			b = append(b, "é"...)
		}
		return string(b)
	}
	in = map[string]int{}
	for len(in) < n {
		in[word()] = len(in)
	}
	for len(out) < n {
		if w := word(); in[w] == 0 {
			out = append(out, w)
		}
	}
	return in, out
}

func TestTableAgreesWithMap(t *testing.T) {
	for _, n := range []int{0, 1, 7, 300, 5000} {
		in, out := tableWords(n)
		tb := NewTable(in)
		if tb.Len() != len(in) {
			t.Fatalf("n=%d: Len %d", n, tb.Len())
		}
		for w, v := range in {
			if got, ok := tb.Get(w); !ok || got != v {
				t.Fatalf("n=%d: Get(%q) = %d, %v; want %d", n, w, got, ok, v)
			}
			if got, ok := tb.GetBytes([]byte(w)); !ok || got != v {
				t.Fatalf("n=%d: GetBytes(%q) = %d, %v; want %d", n, w, got, ok, v)
			}
		}
		for w := range in {
			upper := strings.Map(func(r rune) rune {
				if 'a' <= r && r <= 'z' {
					r -= 'a' - 'A'
				}
				return r
			}, w)
			if !tb.MayHave(w) || !tb.MayHave(upper) {
				t.Fatalf("n=%d: MayHave(%q) false for a word of the table, or in ASCII capitals", n, w)
			}
		}
		for _, w := range append(out, "") {
			if _, ok := in[w]; ok {
				continue
			}
			if _, ok := tb.Get(w); ok {
				t.Fatalf("n=%d: Get(%q) found a word not in the map", n, w)
			}
			if _, ok := tb.GetBytes([]byte(w)); ok {
				t.Fatalf("n=%d: GetBytes(%q) found a word not in the map", n, w)
			}
		}
	}
	var nilTable *Table[bool]
	if _, ok := nilTable.Get("a"); ok || nilTable.Len() != 0 {
		t.Fatal("a nil table holds words")
	}
}

func BenchmarkTableGet(b *testing.B) {
	in, out := tableWords(400)
	var ws []string
	for w := range in {
		ws = append(ws, w, out[len(ws)/2])
	}
	tb := NewTable(in)
	b.Run("table", func(b *testing.B) {
		n := 0
		for i := 0; b.Loop(); i++ {
			if _, ok := tb.Get(ws[i%len(ws)]); ok {
				n++
			}
		}
	})
	b.Run("map", func(b *testing.B) {
		n := 0
		for i := 0; b.Loop(); i++ {
			if _, ok := in[ws[i%len(ws)]]; ok {
				n++
			}
		}
	})
}

// A table past the slots' index bits is the map itself, and answers alike.
func TestTableBeyondIndexBits(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a map of a million words")
	}
	m := make(map[string]int, tableIndexMask)
	for i := 0; i < tableIndexMask; i++ {
		m[strconv.Itoa(i)] = i
	}
	tb := NewTable(m)
	if tb.Len() != len(m) {
		t.Fatalf("Len %d, want %d", tb.Len(), len(m))
	}
	for _, k := range []string{"0", "524287", strconv.Itoa(tableIndexMask - 1)} {
		if v, ok := tb.Get(k); !ok || v != m[k] || !tb.MayHave(k) {
			t.Errorf("Get(%q) = %d, %v", k, v, ok)
		}
		if v, ok := tb.GetBytes([]byte(k)); !ok || v != m[k] {
			t.Errorf("GetBytes(%q) = %d, %v", k, v, ok)
		}
	}
	if _, ok := tb.Get("absent"); ok {
		t.Error("Get of an absent word")
	}
}
