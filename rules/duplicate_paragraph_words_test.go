package rules

import (
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// sharedTexts returns the real articles of ../shared and the rules'
// examples and test texts: the inputs the fast paths are checked on. The
// real articles are skipped in -short mode or where ../shared is absent.
func sharedTexts(t testing.TB) []string {
	t.Helper()
	texts := []string{
		"L'Armée d’ÉTAT aujourd'hui, Porte-parole ONU 12,5 G7.\nJean",
		"İSTANBUL ǅemal Ÿves ΣΟΦΙΑ 19E l'l’QU'IL a-t-il \u0301e x\u00a0y",
	}
	for _, r := range goRules {
		for _, ex := range r.Examples {
			texts = append(texts, ex.Text)
		}
	}
	if testing.Short() {
		return texts
	}
	real, _ := readRealArticles(t)
	return append(texts, real...)
}

// frShape tokenises text as French from English.
func frShape(t testing.TB, text string) *shape {
	t.Helper()
	doc, err := audit.NewDocument("t", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	reg := profile.MustBuiltin()
	return buildShape(doc, lexiconFor(reg.Lookup("fr"), reg.Lookup("en")))
}

// TestDupFoldRuns checks what dupWordTable.build relies on to split a
// token's folded form rather than its text: folding keeps every rune a
// letter or digit, or not one.
func TestDupFoldRuns(t *testing.T) {
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if utf8.ValidRune(r) && word(r) != word(unicode.ToLower(r)) {
			t.Errorf("%U: a letter or digit %v, lower-cased %v", r, word(r), word(unicode.ToLower(r)))
		}
	}
	if word('\'') || word('’') {
		t.Error("an apostrophe is a letter or digit")
	}
}

// TestDupWordTableMemo compares the word table with dupWordTableRef, the
// token-by-token numbering it replaces: the same words (ids may differ,
// one id a word), the same tokens' words, the same long words.
func TestDupWordTableMemo(t *testing.T) {
	var wt dupWordTable
	texts := sharedTexts(t)
	t.Logf("%d texts", len(texts))
	for _, text := range texts {
		sh := frShape(t, text)
		wt.build(sh)
		words, tokWord, long := dupWordTableRef(sh)
		var got []string
		var gotLong []bool
		ids := map[string]int32{}
		for _, id := range wt.words {
			w := wt.word(id)
			if old, ok := ids[w]; ok && old != id {
				t.Fatalf("%q numbered %d and %d", w, old, id)
			}
			ids[w] = id
			got = append(got, w)
			gotLong = append(gotLong, wt.long(id))
		}
		if len(ids) != len(wt.info)-int(wt.nforms)+countBelow(ids, wt.nforms) {
			t.Fatalf("%d words, %d ids", len(ids), len(wt.info))
		}
		if !slices.Equal(got, words) || !slices.Equal(wt.tokWord, tokWord) || !slices.Equal(gotLong, long) {
			t.Fatalf("word tables differ on %.200q:\n got %q %v\nwant %q %v", text, got, wt.tokWord, words, tokWord)
		}
		// A sequence is dead when it holds a word met once, and live
		// sequences are keyed.
		met := map[int32]int{}
		for _, id := range wt.words {
			met[id]++
		}
		live := 0
		for k := range wt.shingles {
			ws := wt.words[k : k+dupShingle]
			once := slices.ContainsFunc(ws, func(id int32) bool { return met[id] == 1 })
			switch {
			case once && wt.shingles[k] != dupDeadShingle:
				t.Fatalf("shingle %d of a word met once is live", k)
			case !once && wt.shingles[k] != shingleKey(ws):
				t.Fatalf("shingle %d: key %x, want %x", k, wt.shingles[k], shingleKey(ws))
			case !once:
				live++
			}
		}
		for k, id := range wt.words {
			if d := wt.longBefore[k+1] - wt.longBefore[k]; (d == 1) != wt.long(id) || d > 1 || wt.longBefore[0] != 0 {
				t.Fatalf("longBefore[%d:%d] %v, word long %v", k, k+2, wt.longBefore[k:k+2], wt.long(id))
			}
		}
		if live != wt.live {
			t.Fatalf("%d live shingles, counted %d", live, wt.live)
		}
		if len(wt.shingles) != max(0, len(wt.words)-dupShingle+1) {
			t.Fatalf("%d shingles of %d words", len(wt.shingles), len(wt.words))
		}
		wt.reset()
	}
}

// countBelow counts the ids below n.
func countBelow(ids map[string]int32, n int32) int {
	c := 0
	for _, id := range ids {
		if id < n {
			c++
		}
	}
	return c
}

// dupWordTableRef is dupWordTable.build as it was before the memo: each
// token's letter and digit runs, read from the text and lower-cased, one
// by one. It returns the words, the index of each token's first word and
// whether each word has two runes or more.
func dupWordTableRef(sh *shape) (words []string, tokWord []int32, long []bool) {
	t := sh.doc.Text
	low := func(tk *token, k, start, end int) string {
		if tk.Flags&tFoldArena == 0 {
			return t[start:end]
		}
		return sh.lowAt(int32(k), start, end)
	}
	add := func(w string) {
		words = append(words, w)
		long = append(long, utf8.RuneCountInString(w) >= 2)
	}
	for k := range sh.toks {
		tokWord = append(tokWord, int32(len(words)))
		tk := &sh.toks[k]
		if tk.Kind == tokPunct {
			continue
		}
		start := -1
		for i, end := int(tk.Start), int(tk.End); i < end; {
			r, n := utf8.DecodeRuneInString(t[i:])
			word := unicode.IsLetter(r) || unicode.IsDigit(r)
			if word && start < 0 {
				start = i
			} else if !word && start >= 0 {
				add(low(tk, k, start, i))
				start = -1
			}
			i += n
		}
		if start >= 0 {
			add(low(tk, k, start, int(tk.End)))
		}
	}
	tokWord = append(tokWord, int32(len(words)))
	return words, tokWord, long
}

// dupOneRun reports whether w, not empty, is letters and digits only.
func dupOneRun(w string) bool {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if !dupASCIIWord[c] {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
		i += n
	}
	return w != ""
}

// TestDupUnitTokens holds the units' words, read from their lines' token
// bounds (paragraphs, lines) or searched among their paragraph's tokens
// (sentences), to the search over all tokens they replace.
func TestDupUnitTokens(t *testing.T) {
	var wt dupWordTable
	for _, text := range sharedTexts(t) {
		sh := frShape(t, text)
		wt.build(sh)
		check := func(sp audit.Span, words []int32, at int32) {
			t.Helper()
			w, a := wt.in(sh.toks, 0, sp)
			if a != at || !slices.Equal(w, words) {
				t.Fatalf("%q: span %v: words at %d %v, want at %d %v", text, sp, at, words, a, w)
			}
		}
		for pi, p := range sh.doc.Paragraphs {
			words, at := wt.inTokens(sh.lineTokenBounds(p.FirstLine, p.LastLine))
			check(p.Span, words, at)
			for li := p.FirstLine; li <= p.LastLine; li++ {
				words, at := wt.inTokens(sh.lineTokenBounds(li, li))
				check(sh.doc.Lines[li], words, at)
			}
			lo, hi := sh.lineTokenBounds(p.FirstLine, p.LastLine)
			for _, s := range sh.doc.ParagraphSentences(pi) {
				words, at := wt.in(sh.toks[:hi], lo, s.Span)
				check(s.Span, words, at)
			}
		}
		wt.reset()
	}
}
