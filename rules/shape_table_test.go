package rules

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// shapeFor tokenises text with the built-in profile of lang.
func shapeFor(t *testing.T, lang, text string) *shape {
	t.Helper()
	doc, err := audit.NewDocument("t", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	reg := profile.MustBuiltin()
	return buildShape(doc, lexiconFor(reg.Lookup(lang), reg.Lookup("en")))
}

// The token table keeps each token's span, its folded form and its letter
// flags; elision follows the language.
func TestTokenTable(t *testing.T) {
	s := shapeFor(t, "fr", "L'Armée d’ÉTAT aujourd'hui, Porte-parole ONU 12,5 G7.\nJean")
	var got []string
	for i := range s.toks {
		tk := &s.toks[i]
		f := ""
		for _, fl := range []struct {
			flag tokFlags
			c    string
		}{{tLineStart, "^"}, {tCapitalised, "C"}, {tAllCaps, "A"}, {tLowerInitial, "l"}, {tUpperInitial, "U"}} {
			if tk.is(fl.flag) {
				f += fl.c
			}
		}
		got = append(got, s.text(tk)+"|"+s.low(tk)+"|"+f)
	}
	want := []string{
		"L'|l’|^CU", "Armée|armée|CU", "d’|d’|l", "ÉTAT|état|AU", "aujourd'hui|aujourd’hui|l", ",|,|",
		"Porte-parole|porte-parole|CU", "ONU|onu|AU", "12,5|12,5|", "G7|g7|CU", ".|.|", "Jean|jean|^CU",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("tokens:\n  %s\nwant\n  %s", strings.Join(got, " "), strings.Join(want, " "))
	}
	// A letter run inside a token reads its lower-case form from the table,
	// past a straight apostrophe that the fold widens.
	var runs []string
	for _, w := range s.appendWords(nil, 0, len(s.doc.Text)) {
		runs = append(runs, s.wordLow(w))
	}
	if got, want := strings.Join(runs, " "), "l armée d état aujourd hui porte parole onu g jean"; got != want {
		t.Errorf("letter runs %q, want %q", got, want)
	}
	// A language without elision keeps "l'Armée" one token.
	if nl := shapeFor(t, "nl", "l'Armée"); len(nl.toks) != 1 {
		t.Errorf("tokens of l'Armée without a profile: %d, want 1", len(nl.toks))
	}
}

// A language whose profile lists no words gets the mechanisms that need
// none, and no rule fails for want of one. (A language with no profile at
// all is not audited: the engine says so.)
func TestLanguageWithoutProfile(t *testing.T) {
	rs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	reg, err := profile.MustBuiltin().With(fstest.MapFS{"p/nl.yaml": {Data: []byte("lang: nl\nname: Dutch\ntarget: true\n")}}, "p")
	if err != nil {
		t.Fatal(err)
	}
	cfg := audit.DefaultConfig()
	cfg.Lang = "nl"
	eng, err := audit.NewEngine(rs, cfg, audit.WithProfiles(reg))
	if err != nil {
		t.Fatal(err)
	}
	text := "De gemeente bouwt een nieuwe brug\n\nDe gemeenteraad heeft dinsdag ingestemd met de bouw van een nieuwe brug over de rivier.\n\nThe council said that the bridge would be finished by the end of next year.\n\nDe gemeenteraad heeft dinsdag ingestemd met de bouw van een nieuwe brug over de rivier.\n"
	doc, err := audit.NewDocument("nl.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	res := eng.Audit(context.Background(), doc)
	if len(res.Warnings) > 0 {
		t.Fatalf("warnings: %v", res.Warnings)
	}
	var rules []string
	for _, f := range res.Findings {
		rules = append(rules, f.Rule)
	}
	if strings.Join(rules, " ") != "duplicate.paragraph" {
		t.Errorf("findings %v, want the repeated paragraph only", rules)
	}
}

// TestLatin1Letter holds scanWord's shortcut to unicode's letters.
func TestLatin1Letter(t *testing.T) {
	for r := rune(0xC0); r <= 0x17F; r++ {
		if latin1Letter(r) != unicode.IsLetter(r) {
			t.Errorf("latin1Letter(%U) = %v, unicode says %v", r, latin1Letter(r), unicode.IsLetter(r))
		}
	}
}

// TestTokensIn holds tokensIn's searches to a walk over the tokens, for
// spans short and long, on token bounds and off them.
func TestTokensIn(t *testing.T) {
	text := strings.Repeat("Le président a dit : « nous verrons », puis il est parti.\n", 6)
	s := shapeFor(t, "fr", text)
	for start := 0; start <= len(text); start += 3 {
		for end := start; end <= len(text); end += 7 {
			sp := audit.Span{Start: start, End: end}
			lo := 0
			for lo < len(s.toks) && int(s.toks[lo].Start) < start {
				lo++
			}
			hi := lo
			for hi < len(s.toks) && int(s.toks[hi].End) <= end {
				hi++
			}
			got, gotLo := s.tokensIn(sp)
			if gotLo != lo || len(got) != hi-lo {
				t.Fatalf("tokensIn(%v) = %d tokens from %d, want %d from %d", sp, len(got), gotLo, hi-lo, lo)
			}
		}
	}
}

// TestWordTable checks the ids of a document's words across the table's
// growth, and that a word of no token has none.
func TestWordTable(t *testing.T) {
	wt := &wordTable{}
	var words []string
	for i := range 3000 {
		words = append(words, strconv.Itoa(i%1500)+"x")
	}
	for i, w := range words {
		if id := wt.intern(w); int(id) != i%1500 {
			t.Fatalf("intern(%q) = %d, want %d", w, id, i%1500)
		}
	}
	if len(wt.words) != 1500 {
		t.Fatalf("%d words, want 1500", len(wt.words))
	}
	for i := range 1500 {
		if id, ok := wt.idOf(words[i]); !ok || int(id) != i {
			t.Fatalf("idOf(%q) = %d, %v", words[i], id, ok)
		}
	}
	if _, ok := wt.idOf("absent"); ok {
		t.Fatal("idOf(absent) found")
	}
}

// TestIsElided checks isElided's packed stems against the map of the
// stems, for each language, on every case of each stem and its neighbours.
func TestIsElided(t *testing.T) {
	reg := profile.MustBuiltin()
	for _, l := range []string{"fr", "it", "en", "de"} {
		lx := lexiconFor(reg.Lookup(l), reg.Lookup("en"))
		words := []string{"", "l", "L", "qu", "QU", "Qu", "jusqu", "JUSQU", "lorsqu", "presqu", "quoiqu", "dell", "all", "nell", "un", "é", "É", "lé", "quell", "quelqu", "abcdefg", "abcdefgh", "jusqu'"}
		for s := range lx.elidedStems {
			words = append(words, s, strings.ToUpper(s), s+"x", s[:len(s)-1], "x"+s)
		}
		for _, w := range words {
			if got, want := lx.isElided(w), len(w) <= lx.elidedMaxLen && lx.elidedStems[strings.ToLower(w)]; got != want {
				t.Errorf("%s: isElided(%q) = %v, want %v", l, w, got, want)
			}
		}
	}
}
