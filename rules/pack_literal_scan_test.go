package rules

import (
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestLiteralScanSplit checks the four-chain scan against a plain search:
// every line and start of every literal, on texts long enough to be split,
// with literals placed across the quarters; with the literals whole in the
// automaton, and cut to heads of three bytes and of one (cutLiterals), the
// tails checked in the text (some across a line end).
func TestLiteralScanSplit(t *testing.T) {
	lits := []string{"ne ", "n'", "ne pas", "pas necessairement", "a", "ab", "bab", "abababab", "\nx", "x\n", "é", "ab\nab", "a\n\nb", "\n\n"}
	for _, cut := range []int{literalCut, 3, 1} {
		x := newLiteralIndex()
		for i, l := range lits {
			if i%2 == 0 {
				x.addStart(l)
			} else {
				x.add(l)
			}
		}
		x.once.Do(func() {
			x.cutLiterals(cut, maxMoveStates)
			x.buildMoves()
		})
		rng := rand.New(rand.NewSource(1))
		pieces := append([]string{" ", "b", "\n", "e", "p", "s"}, lits...)
		for n := 0; n < 300; n++ {
			var b strings.Builder
			for k := rng.Intn(200); k > 0; k-- {
				b.WriteString(pieces[rng.Intn(len(pieces))])
			}
			text := b.String()
			h := x.scan(text)
			checkLiteralHits(t, x, text, h)
			x.release(h)
		}
	}
}

// checkLiteralHits holds h, x's scan of text, to a plain search: the lines
// (of its last byte) and, for a literal registered with addStart, the
// starts of every literal of x.
func checkLiteralHits(t *testing.T, x *literalIndex, text string, h *literalHits) {
	t.Helper()
	for id, l := range x.lits {
		var lines, starts []int
		for at := 0; at+len(l) <= len(text); at++ {
			k := strings.Index(text[at:], l)
			if k < 0 {
				break
			}
			at += k
			line := strings.Count(text[:at+max(len(l)-1, 0)], "\n")
			if len(lines) == 0 || lines[len(lines)-1] != line {
				lines = append(lines, line)
			}
			starts = append(starts, at)
		}
		if !slices.Equal(h.lines[id], lines) {
			t.Fatalf("%q in %q: lines %v, want %v", l, text, h.lines[id], lines)
		}
		if x.starts[id] && !slices.Equal(h.starts[id], starts) {
			t.Fatalf("%q in %q: starts %v, want %v", l, text, h.starts[id], starts)
		}
	}
}

// TestLiteralCutBound checks that cutLiterals keeps the automaton within
// its bound of states: the heads shorter the more literals there are.
func TestLiteralCutBound(t *testing.T) {
	x := newLiteralIndex()
	for i := 0; i < 40; i++ {
		x.add(strings.Repeat(string(rune('a'+i%26)), 20) + strconv.Itoa(i))
	}
	for _, limit := range []int{1000, 300, 100, 10} {
		x.cutLiterals(literalCut, limit)
		x.buildMoves()
		states := len(x.move) / int(x.stride)
		if states > max(limit, 27) { // heads of one byte: the root and 26 letters
			t.Fatalf("limit %d: %d states (heads of %d bytes)", limit, states, x.maxLen)
		}
	}
}

// TestLiteralScanRealText checks the literal search of every language's
// folded index against a plain search on the real articles of ../shared:
// the automaton over heads of long literals, their tails
// checked in the text.
func TestLiteralScanRealText(t *testing.T) {
	texts, ok := readRealArticles(t)
	if !ok {
		t.Skip("no real corpus in ../shared")
	}
	for _, lp := range builtinLangPacks(t, true) {
		x := lp.literals[0]
		cut := 0
		for id := range x.lits {
			if int(x.cut[id]) < len(x.lits[id]) {
				cut++
			}
		}
		if lp.lang == "fr" && cut == 0 {
			t.Fatalf("fr: no literal cut: the test misses the tails")
		}
		for _, text := range texts[:min(len(texts), 100)] {
			f, _ := newViews(text)
			h := x.scan(f.text)
			checkLiteralHits(t, x, f.text, h)
			x.release(h)
		}
	}
}

// TestPhraseLiteralsMatchScan checks that the phrases found through the
// literal index are those the word-by-word scan finds, in the same order.
func TestPhraseLiteralsMatchScan(t *testing.T) {
	x := newPhraseIndex()
	phrases := [][]string{
		{"lire aussi", "lire", "à lire", "en savoir plus", "plus"},
		{"lire aussi :", "Plus d'infos", "été", "l'été", "ça"},
	}
	for owner, list := range phrases {
		x.n++
		for _, p := range list {
			if err := x.add(owner, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	li := newLiteralIndex()
	pl := x.literals(li)
	pieces := []string{" ", "lire", "aussi", ":", "plus", "en savoir", "d'infos", "ete", "l'", "ca", "x", "é", "\n", "-", "1", "\xc3"}
	rng := rand.New(rand.NewSource(2))
	for n := 0; n < 2000; n++ {
		var b strings.Builder
		for k := rng.Intn(60); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
			if rng.Intn(3) == 0 {
				b.WriteByte(' ')
			}
		}
		text := b.String()
		h := li.scan(text)
		got, want := pl.hits(text, h), x.scan(text)
		if !slices.Equal(got, want) {
			t.Fatalf("%q: got %v, want %v", text, got, want)
		}
		li.release(h)
	}
}

// BenchmarkLiteralScanReal runs the French literal search over both views
// of the real articles.
func BenchmarkLiteralScanReal(b *testing.B) {
	texts := realArticles(b)
	entries, err := decodePackTrees(builtinTree())
	if err != nil {
		b.Fatal(err)
	}
	_, prs, err := compilePackRules(entries, true)
	if err != nil {
		b.Fatal(err)
	}
	var lp *langPack
	for _, pr := range prs {
		if lc := pr.byLang["fr"]; lc != nil {
			lp = lc.lp
			break
		}
	}
	var views [][2]string
	size := 0
	for _, t := range texts {
		f, c := newViews(t)
		views = append(views, [2]string{f.text, c.text})
		size += 2 * len(f.text)
	}
	b.SetBytes(int64(size))
	fx, cx := lp.literals[0], lp.literals[1]
	for b.Loop() {
		for _, v := range views {
			hf := fx.scan(v[0])
			cx.release(cx.scanVia(v[1], hf))
			fx.release(hf)
		}
	}
}

// TestLiteralScanVia checks the cased search through proxies in the
// folded index against a scan of the cased view for every literal, on
// texts mixing capitals, accented capitals and ligatures.
func TestLiteralScanVia(t *testing.T) {
	// The first set keeps a literal in the cased automaton (not ASCII),
	// the second has none left: the cased view is then not scanned.
	for _, cased := range [][]string{
		{"NOUS", "Nous", "nous ", "Peut", "OEUVRE", "Ete", "Élysée", ",\"", "s' le", "TH"},
		{"NOUS", "Nous", "nous ", "Peut", "OEUVRE", "Ete", ",\"", "s' le", "TH"},
	} {
		checkLiteralScanVia(t, cased)
	}
}

func checkLiteralScanVia(t *testing.T, cased []string) {
	folded := []string{"nous", "ne pas", "oe"}
	f, c, ref := newLiteralIndex(), newLiteralIndex(), newLiteralIndex()
	for _, l := range folded {
		f.add(l)
	}
	for i, l := range cased {
		if i%2 == 0 {
			c.addStart(l)
			ref.addStart(l)
		} else {
			c.add(l)
			ref.add(l)
		}
	}
	c.proxyVia(f)
	pieces := []string{" ", "NOUS", "Nous", "nous", "NoUs", "PEUT", "Peut", "peut", "Œuvre", "ŒUVRE", "œuvre", "Été", "ÉTÉ", "été", "Élysée", "\n", ",", "\"", "«", "s’ le", "Þ", "þ", "ß", "x", "é"}
	rng := rand.New(rand.NewSource(3))
	for n := 0; n < 2000; n++ {
		var b strings.Builder
		for k := rng.Intn(300); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		fv, cv := newViews(b.String())
		hf := f.scan(fv.text)
		got, want := c.scanVia(cv.text, hf), ref.scan(cv.text)
		if !slices.Equal(got.lineStarts, want.lineStarts) {
			t.Fatalf("%q: line starts %v, want %v", cv.text, got.lineStarts, want.lineStarts)
		}
		for id, l := range cased {
			if !slices.Equal(got.lines[id], want.lines[id]) || !slices.Equal(got.starts[id], want.starts[id]) {
				t.Fatalf("%q in %q: lines %v starts %v, want %v %v", l, cv.text, got.lines[id], got.starts[id], want.lines[id], want.starts[id])
			}
		}
		c.release(got)
		ref.release(want)
		f.release(hf)
	}
}
