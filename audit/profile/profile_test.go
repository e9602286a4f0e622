package profile

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestBuiltinProfilesDecode(t *testing.T) {
	r, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	fr := r.Lookup("fr")
	if fr == nil || !fr.Target {
		t.Fatalf("fr profile missing or not a target: %+v", fr)
	}
	if !fr.Set(&fr.Words.Months).Has("Février") {
		t.Error("folded month lookup failed")
	}
	if !fr.Set(&fr.Words.Determiners).Has("l'") {
		t.Error("apostrophe folding failed: l' should match l’")
	}
	if en := r.Lookup("en"); en == nil || en.Target {
		t.Errorf("en should be a source-only profile: %+v", en)
	}
}

func TestGetTags(t *testing.T) {
	r := MustBuiltin()
	for _, tag := range []string{"fr", "fr-FR", "fr_CA", "FR"} {
		p, err := r.Get(tag)
		if err != nil || p.Lang != "fr" {
			t.Errorf("Get(%q) = %v, %v; want fr", tag, p, err)
		}
	}
	if _, err := r.Get("xx"); err == nil || !strings.Contains(err.Error(), "supported") {
		t.Errorf("Get(xx) error = %v, want an unsupported-language error naming the supported ones", err)
	}
	if _, err := r.Get("not a tag!"); err == nil {
		t.Error("a malformed tag should be an error")
	}
}

func TestDecodeStrict(t *testing.T) {
	cases := map[string]string{
		"unknown key \"wrods\" (did you mean \"words\"?)":    "lang: x\nname: X\nwrods: {}\n",
		"x.yaml:4: unknown key \"words.monthz\"":             "lang: x\nname: X\nwords:\n  monthz: [a]\n",
		"does not match the file name":                       "lang: fr\nname: X\n",
		"numbers.clock":                                      "lang: sv\nname: X\nnumbers:\n  clock: 25h\n",
		"quotes.primary needs an opening and a closing mark": "lang: sv\nname: X\nquotes:\n  primary: [\"«\"]\n",
	}
	for want, src := range cases {
		file := "x.yaml"
		if strings.HasPrefix(src, "lang: sv") {
			file = "sv.yaml"
		}
		_, err := Decode(file, []byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Decode(%q) error = %v, want it to contain %q", src, err, want)
		}
	}
}

// A sixth language is a file: no Go change.
func TestLoadExtraLanguageFromDirectory(t *testing.T) {
	fsys := fstest.MapFS{"profiles/nl.yaml": {Data: []byte("lang: nl\nname: Dutch\ntarget: true\nwords:\n  months: [januari, februari]\n")}}
	r, err := MustBuiltin().With(fsys, "profiles")
	if err != nil {
		t.Fatal(err)
	}
	p, err := r.Get("nl-BE")
	if err != nil {
		t.Fatal(err)
	}
	if !p.Set(&p.Words.Months).Has("Januari") {
		t.Error("nl months not loaded")
	}
	if r.Lookup("fr") == nil {
		t.Error("built-in profiles lost")
	}
}

// The lists the Go rules read decode, and a derived value is built once.
func TestRuleListsAndDerived(t *testing.T) {
	fr := MustBuiltin().Lookup("fr")
	for _, l := range []struct {
		name string
		list *[]string
		word string
	}{
		{"lower_case", &fr.Words.LowerCase, "pendant"},
		{"name_endings", &fr.Words.NameEndings, "ienne"},
		{"indirect_question_verbs", &fr.Words.IndirectQuestionVerbs, "ignore"},
		{"lowercase_abbreviations", &fr.Words.LowercaseAbbreviations, "km"},
		{"glossed_loanwords", &fr.Words.GlossedLoanwords, "hedge"},
	} {
		if !fr.Set(l.list).Has(l.word) {
			t.Errorf("fr %s lacks %q", l.name, l.word)
		}
	}
	if got := fr.ExonymPairs(); len(got) == 0 || got[0] != [2]string{"bourg", "burg"} {
		t.Errorf("fr exonym pairs = %v", got)
	}
	if !fr.Quotes.Spaced {
		t.Error("French quotes are spaced")
	}
	n := 0
	build := func(*Profile) any { n++; return n }
	// The built-in profiles are the process's: a key of this run's own
	// (a pointer), so that -count=2 does not find the first run's value.
	key := &n
	if a, b := fr.Derived(key, build), fr.Derived(key, build); a != 1 || b != 1 || n != 1 {
		t.Errorf("Derived built %d times (%v, %v), want once", n, a, b)
	}
	// Abbreviations are the segmenter's, matched as written: no common
	// word that may end a sentence.
	for _, w := range []string{"mer", "h", "jeu"} {
		for _, a := range fr.Words.Abbreviations {
			if a == w {
				t.Errorf("fr abbreviations hold %q, a word that ends sentences", w)
			}
		}
	}
}

func TestDecodeExonymsAndTypography(t *testing.T) {
	_, err := Decode("sv.yaml", []byte("lang: sv\nname: Swedish\nwords:\n  exonym_endings: [bourg]\n"))
	if err == nil || !strings.Contains(err.Error(), "exonym/local") {
		t.Errorf("a malformed exonym pair: error = %v", err)
	}
	p, err := Decode("de.yaml", []byte("lang: de\nname: German\ntypography:\n  nouns_capitalised: true\nquotes:\n  primary: [\"„\", \"“\"]\n  spaced: false\n"))
	if err != nil || !p.Typography.NounsCapitalised {
		t.Errorf("nouns_capitalised: %v, %+v", err, p)
	}
}
