package rules

import (
	"math/bits"
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// TestFoldViewsBlocks checks the eight-byte path of foldViews against the
// byte-by-byte one: the same views and offset map on random texts mixing
// plain ASCII with every byte the blocks hand back (capitals, runs of
// space, tabs, CR, line ends, backquotes, accents, no-break spaces), at
// every alignment.
func TestFoldViewsBlocks(t *testing.T) {
	pieces := []string{"a", "Z", "@", "[", "`", "{", "~", "\x7f", " ", "  ", "\t", "\r\n", "\n", "0", "é", "À", "\u00a0", "«", "’", "œ", "Lire aussi ", "PARTAGER : ", "l'article ", "x"}
	rng := rand.New(rand.NewSource(1))
	check := func(src string) {
		t.Helper()
		n := len(src)
		fb, cb, orig := make([]byte, n), make([]byte, n), make([]int32, n+1)
		k := foldViewsBlocks(src, fb, cb, orig, true)
		fb2, cb2, orig2 := make([]byte, n), make([]byte, n), make([]int32, n+1)
		k2 := foldViewsBlocks(src, fb2, cb2, orig2, false)
		if k != k2 || string(fb[:k]) != string(fb2[:k2]) || string(cb[:k]) != string(cb2[:k2]) || !slices.Equal(orig[:k+1], orig2[:k2+1]) {
			t.Fatalf("%q: blocks give %q %q %v, bytes %q %q %v", src, fb[:k], cb[:k], orig[:k+1], fb2[:k2], cb2[:k2], orig2[:k2+1])
		}
		// The views are built without the map (newViewsBuf, by
		// foldTwoViews), which is built later on its own (viewOffsets):
		// the same views, the same map.
		fb3, cb3 := make([]byte, n), make([]byte, n)
		if k3 := foldTwoViews(src, fb3, cb3); k3 != k || string(fb3[:k3]) != string(fb[:k]) || string(cb3[:k3]) != string(cb[:k]) {
			t.Fatalf("%q: without the map %q %q, with it %q %q", src, fb3[:k3], cb3[:k3], fb[:k], cb[:k])
		}
		folded, cased := newViews(src)
		if folded.text != string(fb[:k]) || cased.text != string(cb[:k]) || !slices.Equal(folded.offs.get(), orig[:k+1]) {
			t.Fatalf("%q: newViews give %q %q %v, want %q %q %v", src, folded.text, cased.text, folded.offs.get(), fb[:k], cb[:k], orig[:k+1])
		}
	}
	for range 3000 {
		var b strings.Builder
		for k := rng.Intn(40); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		check(b.String())
	}
	for c := 0; c < 128; c++ { // every ASCII byte in every lane, after a space or not
		for lane := 0; lane < 8; lane++ {
			for _, pre := range []string{"", " ", "a"} {
				w := []byte(pre + "abcdefgh" + "ijklmnop")
				w[len(pre)+lane] = byte(c)
				check(string(w))
			}
		}
	}
}

// BenchmarkFoldViewsReal builds the two views of the real articles, eight
// bytes at a time where it can (blocks) or byte by byte.
func BenchmarkFoldViewsReal(b *testing.B) {
	texts := realArticles(b)
	size, longest := 0, 0
	for _, t := range texts {
		size += len(t)
		longest = max(longest, len(t))
	}
	fb, cb, orig := make([]byte, longest), make([]byte, longest), make([]int32, longest+1)
	for _, blocks := range []bool{true, false} {
		b.Run(map[bool]string{true: "blocks", false: "bytes"}[blocks], func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, t := range texts {
					foldViewsBlocks(t, fb, cb, orig, blocks)
				}
			}
		})
	}
	// The views alone, as newViewsBuf builds them (the map comes later,
	// where a match is reported).
	b.Run("views", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, t := range texts {
				foldTwoViews(t, fb, cb)
			}
		}
	})
}

// TestNextCapitalPair checks that the acronym search's skip never passes
// an ASCII capital followed by a capital or a digit: from every offset it
// stops at or before the first such pair.
func TestNextCapitalPair(t *testing.T) {
	pieces := []string{"a", "A", "Z", "@", "[", "z", "É", "Ã", "Û", "é", " ", "\n", "ONU", "l'UE", "0", "9", "/", ":", "B2", "Ab"}
	rng := rand.New(rand.NewSource(4))
	for range 3000 {
		var b strings.Builder
		for k := rng.Intn(60); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		for i := 0; i <= len(s); i++ {
			first := i
			for first < len(s) && !('A' <= s[first] && s[first] <= 'Z' && first+1 < len(s) && packUpperOrDigit(s[first+1])) {
				first++
			}
			if got := nextCapitalPair(s, i); got < i || got > first {
				t.Fatalf("nextCapitalPair(%q, %d) = %d, the first pair is at %d", s, i, got, first)
			}
		}
	}
}

// TestPlainLanesLF checks foldTwoViews's lane test on eight-byte blocks of
// every byte value in every lane, among plain letters, spaces and line
// feeds: its lowest marked lane is the first byte the block cannot copy,
// or a '!' after a space before it (a borrow it lets through); the
// capitals below it are exact.
func TestPlainLanesLF(t *testing.T) {
	plain := func(c, before byte) bool {
		switch {
		case c == '\n':
			return true
		case c < 0x20 || c >= 0x80 || c == '`':
			return false
		}
		return c != ' ' || before != ' '
	}
	fill := []byte("aZ \n!e")
	rng := rand.New(rand.NewSource(2))
	for n := 0; n < 200000; n++ {
		var w [8]byte
		for i := range w {
			w[i] = fill[rng.Intn(len(fill))]
		}
		w[rng.Intn(8)] = byte(rng.Intn(256))
		prevSpace := rng.Intn(2) == 0
		x, prev := uint64(0), uint64(0)
		for i := 7; i >= 0; i-- {
			x = x<<8 | uint64(w[i])
		}
		if prevSpace {
			prev = 0x80
		}
		bad, upper := plainLanesLF(x, prev)
		first := 8
		before := byte('a')
		if prevSpace {
			before = ' '
		}
		for i, c := range w {
			if !plain(c, before) {
				first = i
				break
			}
			before = c
		}
		got := bits.TrailingZeros64(bad) >> 3
		if got > first || got < first && !(w[got] == '!' && got > 0 && w[got-1] == ' ') {
			t.Fatalf("%q (after a space %v): lowest marked lane %d, want %d", w, prevSpace, got, first)
		}
		for i := 0; i < got; i++ {
			if isUpper := upper>>(8*i+7)&1 == 1; isUpper != ('A' <= w[i] && w[i] <= 'Z') {
				t.Fatalf("%q: lane %d a capital %v", w, i, isUpper)
			}
		}
	}
}

// TestDocViewsReuse checks views built in a released docViews (whose
// buffers, offset map and line ends come from the last document) against
// views built anew: the same texts, offsets and lines, document after
// document, longer and shorter, with and without their map built.
func TestDocViewsReuse(t *testing.T) {
	pieces := []string{"Lire aussi ", "É", "œ", "’", "\n", "  ", "\u00a0", "PARTAGER : ", "x", "\n\n", "l'article "}
	rng := rand.New(rand.NewSource(7))
	dv := new(docViews)
	for n := 0; n < 300; n++ {
		var b strings.Builder
		for k := rng.Intn(80); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		src := b.String()
		dv.buf = dv.set.build(src, dv.buf)
		dv.folded, dv.cased = &dv.set.folded, &dv.set.cased
		folded, cased := newViews(src)
		if dv.folded.text != folded.text || dv.cased.text != cased.text {
			t.Fatalf("%q: reused views %q %q, want %q %q", src, dv.folded.text, dv.cased.text, folded.text, cased.text)
		}
		if rng.Intn(2) == 0 {
			if got, want := dv.folded.offs.get(), folded.offs.get(); !slices.Equal(got, want) {
				t.Fatalf("%q: reused map %v, want %v", src, got, want)
			}
		}
		for i := 0; i <= len(folded.text); i++ {
			ls, le := dv.cased.lineAt(i)
			if ws, we := cased.lineAt(i); ls != ws || le != we {
				t.Fatalf("%q: line at %d [%d, %d), want [%d, %d)", src, i, ls, le, ws, we)
			}
		}
		dv.reset()
	}
}
