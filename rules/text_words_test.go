package rules

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
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
	var want []*strings.Replacer
	got := []*prefixReplacer{nameKeyReplacer, translitReplacer}
	for _, r := range got {
		var oldnew []string
		for _, p := range r.pairs {
			oldnew = append(oldnew, p[0], p[1])
		}
		want = append(want, strings.NewReplacer(oldnew...))
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := range got {
			if w, g := want[i].Replace(s), string(got[i].appendReplace(nil, s)); w != g {
				t.Fatalf("%q: got %q, want %q", s, g, w)
			}
		}
	})
}

// The letter-run table gives, for any span, what appendWords reads from
// the token table.
func TestLetterRunsIn(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "articles", "*.txt"))
	if len(files) > 12 {
		files = files[:12]
	}
	texts := []string{"L'Armée d’ÉTAT aujourd'hui, Porte-parole ONU 12,5 G7.\nJean", "« Oui », a-t-il dit (en anglais : \"yes\").\n\nFin",
		"Œuvre ×3 a÷b straße e\u0301te\u0301 ée\u0301 Łódź ĸſŉ ª º µ 19e\u0301 ÀÿĀſ Ɓ ǅ x\u00d7y x\u00f7y"}
	// Every rune of the two-byte range, inside a word and alone.
	var every strings.Builder
	for r := rune(0x80); r < 0x800; r++ {
		every.WriteString("a" + string(r) + "b " + string(r) + " ")
	}
	texts = append(texts, every.String())
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	for _, text := range texts {
		s := shapeFor(t, "fr", text)
		r := buildLetterRuns(s)
		// markAfter, against every run.
		mark := false
		for _, w := range r.runs {
			if rn, _ := utf8.DecodeRuneInString(text[w.End:]); unicode.Is(unicode.Mn, rn) {
				mark = true
			}
		}
		if mark != r.markAfter {
			t.Fatalf("%.80q: markAfter %v", text, r.markAfter)
		}
		var scratch []txWord
		spans := []audit.Span{{Start: 0, End: len(text)}}
		for _, l := range s.doc.Lines {
			spans = append(spans, l)
		}
		for _, sent := range s.doc.Sentences {
			spans = append(spans, sent.Span)
		}
		for i := 0; i+7 <= len(text); i += 7 {
			spans = append(spans, audit.Span{Start: i, End: min(len(text), i+40)})
		}
		for _, sp := range spans {
			if got, want := r.in(sp.Start, sp.End, &scratch), s.appendWords(nil, sp.Start, sp.End); !slices.Equal(got, want) {
				t.Fatalf("in(%d, %d) = %v, want %v", sp.Start, sp.End, got, want)
			}
		}
	}
}
