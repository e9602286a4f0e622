package rules

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// appendLetterRunsReference is appendLetterRuns read rune by rune, the
// definition its fast ASCII loop must keep.
func appendLetterRunsReference(out []txWord, text string, start, end int, tok int32) []txWord {
	in := -1
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:])
		letter := unicode.IsLetter(r) || (in >= 0 && unicode.Is(unicode.Mn, r))
		if letter && in < 0 {
			in = i
		} else if !letter && in >= 0 {
			out = append(out, txWord{int32(in), int32(i), tok})
			in = -1
		}
		i += n
	}
	if in >= 0 {
		out = append(out, txWord{int32(in), int32(end), tok})
	}
	return out
}

func FuzzAppendLetterRuns(f *testing.F) {
	for _, s := range []string{"", "a", "L’Ukraine", "Jean-Marie", "e\u0301té", "\u0301a", "G7 2021 abc", "x\xffy", "über straße ÉTÉ", "a\u00a0b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, cut := range [][2]int{{0, len(s)}, {len(s) / 3, len(s)}} {
			start, end := cut[0], cut[1]
			for start < end && !utf8.RuneStart(s[start]) {
				start++
			}
			got := appendLetterRuns(nil, s, start, end, 3)
			want := appendLetterRunsReference(nil, s, start, end, 3)
			if !slices.Equal(got, want) {
				t.Fatalf("appendLetterRuns(%q, %d, %d) = %v, want %v", s, start, end, got, want)
			}
		}
	})
}

func TestTxCapitalised(t *testing.T) {
	reference := func(w string) bool {
		r, n := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		for _, c := range w[n:] {
			if unicode.IsLower(c) {
				return true
			}
		}
		return false
	}
	for _, w := range []string{"", "a", "A", "Ab", "AB", "ABé", "AÉé", "Éa", "É", "OTAN", "Lisbonne", "lisbonne", "A-b", "A1", "ÀÉÎ", "Ab\xff", "A\xffb", "ǅa"} {
		if got, want := txCapitalised(w), reference(w); got != want {
			t.Errorf("txCapitalised(%q) = %v, want %v", w, got, want)
		}
	}
}

// FuzzPrefixReplacer holds the name keys' replacers to strings.Replacer's
// definition.
func FuzzPrefixReplacer(f *testing.F) {
	for _, s := range []string{"", "tschaikowsky", "schtschukin", "guenther", "khachaturov", "zhukov", "chtchoukine", "ouvéyi", "aé\xffsh"} {
		f.Add(s)
	}
	patterns := [][]string{nameKeyPatterns, translitPatterns}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range patterns {
			if w, g := strings.NewReplacer(p...).Replace(s), string(newPrefixReplacer(p...).appendReplace(nil, s)); w != g {
				t.Fatalf("%q: got %q, want %q", s, g, w)
			}
		}
	})
}
