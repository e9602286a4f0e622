package rules

import (
	"math/rand"
	"slices"
	"sort"
	"testing"
	"unicode"
	"unicode/utf8"
)

// foldClassPlain is foldClass as first written, the reference
// TestFoldClass holds it to: every rune of a small range folded, each a
// range of its own, then merged.
func foldClassPlain(ranges []rune, lower bool) []rune {
	var out []rune
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		if hi-lo > 1024 {
			out = append(out, lo, hi)
			continue
		}
		for r := lo; r <= hi; r++ {
			f := foldPatternRune(r, lower)
			if utf8.RuneCountInString(f) != 1 {
				continue
			}
			fr, _ := utf8.DecodeRuneInString(f)
			out = append(out, fr, fr)
		}
	}
	type rng struct{ lo, hi rune }
	var list []rng
	for i := 0; i+1 < len(out); i += 2 {
		list = append(list, rng{out[i], out[i+1]})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].lo < list[j].lo })
	var merged []rune
	for _, r := range list {
		if n := len(merged); n > 0 && r.lo <= merged[n-1]+1 {
			if r.hi > merged[n-1] {
				merged[n-1] = r.hi
			}
			continue
		}
		merged = append(merged, r.lo, r.hi)
	}
	return merged
}

// TestFoldClass checks foldClass against foldClassPlain on random classes
// of ranges around ASCII, Latin letters, combining marks, punctuation and
// beyond, narrow and wide, folded and cased.
func TestFoldClass(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	bases := []rune{0, 0x20, 0x41, 0x60, 0x7f, 0xc0, 0x100, 0x17f, 0x2ff, 0x3ff, 0x400, 0x2000, 0x2018, 0x3000, 0xfeff, 0x10000}
	for n := 0; n < 5000; n++ {
		var ranges []rune
		for k := rng.Intn(4); k >= 0; k-- {
			lo := bases[rng.Intn(len(bases))] + rune(rng.Intn(40))
			width := rune(rng.Intn(60))
			if rng.Intn(8) == 0 {
				width = rune(rng.Intn(3000))
			}
			ranges = append(ranges, lo, lo+width)
		}
		for _, lower := range []bool{false, true} {
			if got, want := foldClass(ranges, lower), foldClassPlain(ranges, lower); !slices.Equal(got, want) {
				t.Fatalf("%U (lower %v): %U, want %U", ranges, lower, got, want)
			}
		}
	}
}

// TestFoldClassRune checks foldClassRune, tables and shortcuts, against
// foldPatternRune on every rune (and a few past the last), cased and
// folded.
func TestFoldClassRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+2; r++ {
		for _, lower := range []bool{false, true} {
			if got, want := foldClassRune(r, lower), foldClassRuneSlow(r, lower); got != want {
				t.Fatalf("%U (lower %v): %U, want %U", r, lower, got, want)
			}
		}
	}
}
