package rules

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp/syntax"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/mtaudit/mtaudit/internal/corpusgen"
)

// TestAnchoredMatchesAgreeWithLineSearch checks, for every pattern of the
// built-in packs that has prefixes (folded and cased), that running it
// anchored at the literal search's hits finds exactly the matches an
// unanchored search finds line by line: on the test articles of every
// language, generated articles, and random text made of the pattern's own
// prefixes, letters, apostrophes, spaces and line breaks, where word
// boundaries and overlapping prefixes are dense.
func TestAnchoredMatchesAgreeWithLineSearch(t *testing.T) {
	patterns := builtinPatterns(t)
	texts := testTexts(t)
	rng := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for _, pat := range patterns {
		for _, cased := range []bool{false, true} {
			vr, err := compileViewRegexp(pat, cased, true, nil)
			if err != nil {
				t.Fatalf("%q: %v", pat, err)
			}
			if vr.prefix == nil {
				continue
			}
			checked++
			x := newLiteralIndex()
			for _, l := range vr.prefix {
				vr.prefixIDs = append(vr.prefixIDs, x.addStart(l))
			}
			for _, l := range vr.lits {
				vr.litIDs = append(vr.litIDs, x.add(l))
			}
			all := texts
			for i := 0; i < 40; i++ {
				all = append(all, randomText(rng, vr.prefix))
			}
			for _, src := range all {
				text := newView(src, !cased).text
				want := lineSearch(vr, text)
				got := anchoredAbs(vr, x, text)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("pattern %q (cased %v) on %.200q:\nanchored %v\nline search %v", pat, cased, text, got, want)
				}
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d patterns have prefixes: the test no longer covers the packs", checked)
	}
}

// lineSearch is the unanchored search, line by line, without empty matches.
func lineSearch(vr *viewRegexp, text string) [][]int {
	var out [][]int
	ls := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		body := strings.TrimSuffix(line, "\n")
		for _, loc := range vr.re().FindAllStringSubmatchIndex(body, -1) {
			if loc[0] == loc[1] {
				continue
			}
			for i := range loc {
				if loc[i] >= 0 {
					loc[i] += ls
				}
			}
			out = append(out, loc)
		}
		ls += len(line)
	}
	return out
}

// randomText strings together prefixes, word pieces and separators.
func randomText(rng *rand.Rand, prefixes []string) string {
	pieces := []string{" ", " ", "\n", "'", "a", "e", "s", "de ", "pas ", "n'", "ne ", "x", "é", "1", ". ", "-", ","}
	var b strings.Builder
	for i := 0; i < 60; i++ {
		if rng.IntN(3) == 0 {
			b.WriteString(prefixes[rng.IntN(len(prefixes))])
		} else {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
	}
	return b.String()
}

// builtinPatterns lists every regex pattern of the embedded packs.
func builtinPatterns(t *testing.T) []string {
	var out []string
	err := fs.WalkDir(packFS, builtinPackDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") {
			return err
		}
		data, err := fs.ReadFile(packFS, path)
		if err != nil {
			return err
		}
		var root yaml.Node
		if err := yaml.Unmarshal(data, &root); err != nil {
			return err
		}
		out = append(out, patternsIn(&root)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("no patterns found in the built-in packs")
	}
	return out
}

// patternsIn collects the scalars listed under every `patterns` key.
func patternsIn(n *yaml.Node) []string {
	var out []string
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "patterns" && n.Content[i+1].Kind == yaml.SequenceNode {
				for _, p := range n.Content[i+1].Content {
					out = append(out, p.Value)
				}
			}
		}
	}
	for _, c := range n.Content {
		out = append(out, patternsIn(c)...)
	}
	return out
}

// testTexts reads the project's test articles and generates a few more.
func testTexts(t *testing.T) []string {
	var out []string
	for _, dir := range []string{"../testdata/fresh", "../testdata/lang", "../testdata/articles", "testdata"} {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".txt") || strings.HasSuffix(path, ".txtar")) {
				if b, err := os.ReadFile(path); err == nil {
					out = append(out, string(b))
				}
			}
			return nil
		})
	}
	g := corpusgen.New(7)
	for i := 0; i < 40; i++ {
		out = append(out, g.Article(i).Text)
	}
	if len(out) < 150 {
		t.Fatalf("only %d test texts found", len(out))
	}
	return out
}

// FuzzAnchoredMatches compares the anchored search with the line search on
// any pattern that has prefixes and any text.
func FuzzAnchoredMatches(f *testing.F) {
	f.Add(`\b(?:rien|personne) n(?:e |')\w+ pas\b`, "rien n'est pas\npersonne ne vient pas, arien ne")
	f.Add(`\bn(?:e |')[^.]{0,20}?\bpas (aucune?s?)\b`, "il n'a pas aucun ami; ne  pas aucune")
	f.Add(`(?:ab|abc)+c?\b`, "abcabc ab abcab\nabc")
	f.Add(`\bx(?:y|z)(\d+)?$`, "xy1 xz\nxy22")
	f.Fuzz(func(t *testing.T, pattern, src string) {
		if len(pattern) > 200 || len(src) > 2000 {
			return
		}
		for _, cased := range []bool{false, true} {
			vr, err := compileViewRegexp(pattern, cased, true, nil)
			if err != nil || vr.prefix == nil {
				return
			}
			x := newLiteralIndex()
			for _, l := range vr.prefix {
				vr.prefixIDs = append(vr.prefixIDs, x.addStart(l))
			}
			for _, l := range vr.lits {
				vr.litIDs = append(vr.litIDs, x.add(l))
			}
			text := newView(src, !cased).text
			got := anchoredAbs(vr, x, text)
			if want := lineSearch(vr, text); !reflect.DeepEqual(got, want) {
				t.Fatalf("pattern %q (cased %v) on %q:\nanchored %v\nline search %v", pattern, cased, text, got, want)
			}
		}
	})
}

// anchoredAbs is the anchored search's matches in text, as absolute
// offsets (-1 for a group that took no part).
func anchoredAbs(vr *viewRegexp, x *literalIndex, text string) [][]int {
	var got [][]int
	vr.anchoredMatches(text, x.scan(text), func(at int, loc []int) {
		abs := make([]int, len(loc))
		for i, o := range loc {
			abs[i] = -1
			if o >= 0 {
				abs[i] = at + o
			}
		}
		got = append(got, abs)
	})
	return got
}

// TestLineHeadExact checks the line-head test of the patterns that open
// with \A and a run of a class (\A[\n ]*(related|more)…:): a line it turns
// away holds no match, for every built-in pattern on both folds, on lines
// made of the patterns' heads, spaces and text around them.
func TestLineHeadExact(t *testing.T) {
	var heads []*viewRegexp
	eachBuiltinPattern(t, func(p string, cased bool) {
		vr, err := compileViewRegexp(p, cased, true, nil)
		if err != nil {
			t.Fatal(err)
		}
		if vr.head != nil {
			heads = append(heads, vr)
		}
	})
	if len(heads) == 0 {
		t.Fatal("no built-in pattern with a line head: the test tests nothing")
	}
	// Pieces: every head, its first bytes, spaces, a colon, words.
	pieces := []string{" ", "  ", "\n", ":", " :", "x", "plus", "more", "a", "de ", "/", "-", "é", "Related", "RELATED"}
	for _, vr := range heads {
		for _, h := range vr.head {
			pieces = append(pieces, h, h[:len(h)/2], h[1:])
		}
	}
	rng := rand.New(rand.NewPCG(3, 3))
	turned := 0
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rng.IntN(8); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		line := b.String()
		for _, vr := range heads {
			if vr.headMayMatch(line) {
				continue
			}
			turned++
			if loc := vr.re().FindStringIndex(line); loc != nil {
				t.Fatalf("%s: line %q turned away, but it matches at %v", vr.src, line, loc)
			}
		}
	}
	if turned == 0 {
		t.Error("no line turned away")
	}
	// And lines that match are never turned away.
	for _, vr := range heads {
		for _, h := range vr.head {
			for _, line := range []string{h + " : x", " " + h + ":", "\n\n" + h + " :"} {
				if vr.re().FindStringIndex(line) != nil && !vr.headMayMatch(line) {
					t.Errorf("%s: %q matches, but is turned away", vr.src, line)
				}
			}
		}
	}
}

// TestAlsoLitsExact checks the further literal sets of the patterns
// (alsoLits): a line that lacks one of a set holds no match, for every
// built-in pattern on both folds, on lines made of the sets' strings, the
// prefilter's literals and words around them.
func TestAlsoLitsExact(t *testing.T) {
	type pat struct {
		vr   *viewRegexp
		also [][]string
	}
	var pats []pat
	pieces := []string{" ", "  ", ":", ", ", "la ", "le ", "de ", "x", "a", "1", "é", "'", "-"}
	eachBuiltinPattern(t, func(p string, cased bool) {
		re, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		foldSyntax(re, !cased)
		lits := requiredLits(re, nil)
		also := alsoLits(re, lits, nil)
		if len(also) == 0 {
			return
		}
		vr, err := compileViewRegexp(p, cased, true, nil)
		if err != nil {
			t.Fatal(err)
		}
		pats = append(pats, pat{vr, also})
		pieces = append(pieces, lits...)
		for _, set := range also {
			pieces = append(pieces, set...)
		}
	})
	if len(pats) == 0 {
		t.Fatal("no built-in pattern with further literal sets: the test tests nothing")
	}
	rng := rand.New(rand.NewPCG(4, 4))
	turned := 0
	for n := 0; n < 1500; n++ {
		var b strings.Builder
		for k := rng.IntN(12); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			if rng.IntN(2) == 0 {
				b.WriteByte(' ')
			}
		}
		line := b.String()
		for _, p := range pats {
			p.vr.also = p.also
			if p.vr.alsoMayMatch(line) {
				continue
			}
			turned++
			if loc := p.vr.re().FindStringIndex(line); loc != nil {
				t.Fatalf("%s: line %q lacks one of %q, but it matches at %v", p.vr.src, line, p.also, loc)
			}
		}
	}
	if turned == 0 {
		t.Error("no line turned away")
	}
}

// eachBuiltinPattern calls f with every regex pattern of the built-in
// packs, on the cased view and on the folded one.
func eachBuiltinPattern(t *testing.T, f func(pattern string, cased bool)) {
	t.Helper()
	entries, err := decodePackTrees(builtinTree())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		r, ok := e.kind.(*regexEntry)
		if !ok {
			continue
		}
		for _, p := range r.Patterns {
			for _, cased := range []bool{false, true} {
				f(p, cased)
			}
		}
	}
}
