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
	texts = append(texts, readTextFiles(t, files)...)
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

// The letter-run table's token classes, against their definitions read
// off every token and every run: lower has the bit of a word exactly when
// a token of one lower-case run, as written, has it; folded are the word
// and number tokens with a fold of their own; and every run that starts
// in lower case is a word with its bit in lower or a run of a mixed
// token, which holds no other kind.
func TestLetterRunsClasses(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "articles", "*.txt"))
	texts := []string{
		"L'Armée d’ÉTAT aujourd'hui, Porte-parole ONU 12,5 G7.\nJean l’armée armée arméE iPhone 19e 2ème x-y",
		"Œuvre ×3 a÷b straße e\u0301te\u0301 ée\u0301 Łódź ĸſŉ ª º µ 19e\u0301 ÀÿĀſ Ɓ ǅ x\u00d7y x\u00f7y ǆemal ǅemal",
		"« Oui », a-t-il dit (en anglais : \"yes\").\n\nFin ÉTATS états États-Unis Ünal ünal 3ÈME",
	}
	texts = append(texts, readTextFiles(t, files)...)
	for _, text := range texts {
		s := shapeFor(t, "fr", text)
		r := buildLetterRuns(s)
		wt := s.wordsOf()
		lower := make([]bool, len(wt.words))
		var folded, mixed []int32
		for k := range s.toks {
			tk := &s.toks[k]
			if tk.Kind == tokPunct {
				continue
			}
			if tk.is(tFoldArena) {
				folded = append(folded, int32(k))
			}
			if runs := r.runs[r.first[k]:r.first[k+1]]; tk.is(tLetters) && !tk.is(tFoldArena) && len(runs) == 1 && runs[0].in(text) == s.low(tk) {
				// One run, the word itself: lower when it starts in
				// lower case, and of no class otherwise.
				if r, _ := utf8.DecodeRuneInString(s.text(tk)); unicode.IsLower(r) {
					lower[wt.id[k]] = true
				}
				continue
			}
			for _, w := range r.runs[r.first[k]:r.first[k+1]] {
				if r, _ := utf8.DecodeRuneInString(w.in(text)); unicode.IsLower(r) {
					mixed = append(mixed, int32(k))
					break
				}
			}
		}
		for id := range lower {
			if r.hasLower(int32(id)) != lower[id] {
				t.Fatalf("%.80q: word %q: lower %v, want %v", text, wt.words[id], r.hasLower(int32(id)), lower[id])
			}
		}
		if !slices.Equal(r.folded, folded) {
			t.Fatalf("%.80q: folded %v, want %v", text, r.folded, folded)
		}
		// mixed may hold more tokens than those with a lower-case run: all
		// that are not one run of letters.
		for _, k := range mixed {
			if !slices.Contains(r.mixed, k) {
				t.Fatalf("%.80q: token %q with a lower-case run not in mixed", text, s.text(&s.toks[k]))
			}
		}
		for _, k := range r.mixed {
			if tk := &s.toks[k]; tk.Kind == tokPunct || tk.is(tLetters) && !tk.is(tFoldArena) {
				t.Fatalf("%.80q: token %q in mixed", text, s.text(tk))
			}
		}
	}
}

// readTextFiles returns the text of each file.
func readTextFiles(t *testing.T, files []string) []string {
	t.Helper()
	texts := make([]string, 0, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	return texts
}
