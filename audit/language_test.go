package audit

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mtaudit/mtaudit/audit/profile"
)

// Articles written for these tests: a Dutch and an English news brief.
const (
	dutchBrief = "De gemeenteraad heeft dinsdag ingestemd met een nieuwe tramlijn die de noordelijke wijken met het centraal station zal verbinden.\n\n" +
		"De bouw begint volgend voorjaar en de eerste trams rijden in 2028, aldus de wethouder. Tegenstanders willen naar de rechter stappen.\n"
	englishBrief = "The city council voted on Tuesday to approve a new tram line that will connect the northern suburbs with the central station.\n\n" +
		"Construction should begin next spring and the first trams are due to run in 2028, the deputy mayor said.\n"
	frenchBrief = "Le conseil municipal a approuvé mardi une nouvelle ligne de tramway qui reliera les quartiers nord à la gare centrale.\n\n" +
		"Les travaux commenceront au printemps prochain et les premières rames circuleront en 2028, selon l'adjoint au maire.\n"
)

// supported is how messages list the built-in target languages.
var supported = "supported: " + strings.Join(profile.MustBuiltin().Targets(), ", ")

// everyDocRule reports the first byte of every document it runs on.
var everyDocRule = testRule("grammar.every", Grammar, Critical, func(p *Pass) { p.Reportf(0, 1, "ran") })

func docOf(t *testing.T, text, lang string) *Document {
	t.Helper()
	d, err := NewDocument("a.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	d.Lang = lang
	return d
}

func TestTargetLanguageTags(t *testing.T) {
	for _, tag := range []string{"fr", "fr-FR", "fr_CA", "FR", " fr-fr "} {
		cfg := DefaultConfig()
		cfg.Lang = tag
		e, err := NewEngine(nil, cfg)
		if err != nil {
			t.Fatalf("lang %q: %v", tag, err)
		}
		d := docOf(t, englishBrief, "")
		if why, err := e.Prepare(d); err != nil || why != "" || d.Lang != "fr" || !d.LangGiven {
			t.Errorf("lang %q: Prepare = %q, %v; doc lang %q given %v", tag, why, err, d.Lang, d.LangGiven)
		}
	}
	for tag, want := range map[string]string{
		"xx": "(" + supported + ")", "fr-": "not a BCP 47 language tag", "nl": `unsupported language "nl" (` + supported + ")",
		"en": `unsupported language "en" (` + supported + ")",
	} {
		cfg := DefaultConfig()
		cfg.Lang = tag
		if _, err := NewEngine(nil, cfg); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("lang %q: error %v, want mention of %q", tag, err, want)
		}
	}
}

// A sixth language is a profile file: its regional tags select it too.
func TestRegionalTagSelectsAddedProfile(t *testing.T) {
	reg, err := profile.MustBuiltin().With(fstest.MapFS{"p/pt.yaml": {Data: []byte("lang: pt\nname: Portuguese\ntarget: true\n")}}, "p")
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Lang = "pt-BR"
	e, err := NewEngine(nil, cfg, WithProfiles(reg))
	if err != nil {
		t.Fatal(err)
	}
	d := docOf(t, frenchBrief, "")
	if _, err := e.Prepare(d); err != nil || d.Lang != "pt" {
		t.Errorf("pt-BR: lang %q, %v", d.Lang, err)
	}
}

func TestDocumentLanguageFromInput(t *testing.T) {
	e, err := NewEngine([]*Rule{everyDocRule}, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := e.Audit(context.Background(), docOf(t, frenchBrief, "fr_CA"))
	if res.Err != nil || res.Doc.Lang != "fr" || !res.Doc.LangGiven || len(res.Findings) != 1 {
		t.Errorf("fr_CA: err %v lang %q given %v findings %d", res.Err, res.Doc.Lang, res.Doc.LangGiven, len(res.Findings))
	}
	res = e.Audit(context.Background(), docOf(t, frenchBrief, "zz-top"))
	var ue *profile.UnsupportedError
	if !errors.As(res.Err, &ue) || len(res.Findings) != 0 {
		t.Errorf("an unsupported lang of the input: err %v, findings %d; want an UnsupportedError and no rule run", res.Err, len(res.Findings))
	}
}

func TestUnsupportedDetectedLanguageIsNotAudited(t *testing.T) {
	for _, c := range []struct{ name, text, why string }{
		{"Dutch", dutchBrief, "no profile for Dutch (nl); " + supported},
		{"English", englishBrief, "English (en) is a source language, not a target; " + supported},
		{"no words", "12 34 56\n\n2026\n", "language not detected"},
	} {
		for _, gate := range []string{"", "fail", "pass"} {
			cfg := DefaultConfig()
			cfg.Gate.UnsupportedLanguage = gate
			e, err := NewEngine([]*Rule{everyDocRule}, cfg)
			if err != nil {
				t.Fatal(err)
			}
			res := e.Audit(context.Background(), docOf(t, c.text, ""))
			want := VerdictFail
			if gate == "pass" {
				want = VerdictPass
			}
			if res.Audited() || !strings.Contains(res.NotAudited, c.why) || res.Verdict != want || len(res.Findings) != 0 || res.Doc.LangGiven {
				t.Errorf("%s, gate %q: not audited %q, verdict %s, %d findings; want %q and %s, no rule run",
					c.name, gate, res.NotAudited, res.Verdict, len(res.Findings), c.why, want)
			}
		}
	}
	e, _ := NewEngine([]*Rule{everyDocRule}, nil)
	res := e.Audit(context.Background(), docOf(t, frenchBrief, ""))
	if !res.Audited() || res.Doc.Lang != "fr" || res.Doc.LangGiven || len(res.Findings) != 1 {
		t.Errorf("a French article, nothing given: audited %v lang %q given %v findings %d", res.Audited(), res.Doc.Lang, res.Doc.LangGiven, len(res.Findings))
	}
}

func TestBatchRulesSkipUnauditedArticles(t *testing.T) {
	var seen int
	batch := &Rule{ID: "name.batchy", Category: Name, Severity: Minor, Title: "t", Doc: "d",
		Examples: []Example{{Text: "x", Trigger: true}, {Text: "y"}},
		RunBatch: func(p *BatchPass) { seen = len(p.Docs) }}
	e, err := NewEngine([]*Rule{batch}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var results []*Result
	for _, text := range []string{frenchBrief, dutchBrief, frenchBrief + "\nEncore.\n"} {
		results = append(results, e.Audit(context.Background(), docOf(t, text, "")))
	}
	e.AuditBatch(results)
	if seen != 2 {
		t.Errorf("batch rule saw %d documents, want the 2 audited ones", seen)
	}
}

func TestMatchSelector(t *testing.T) {
	for _, c := range []struct {
		sel  string
		want bool
	}{
		{"scraped.headline", true}, {"scraped", true}, {"scraped.*", true}, {"scr*", true}, {"*", true},
		{" scraped.headline ", true}, {"scraped.head", false}, {"grammar", false}, {"", false}, {"headline", false},
	} {
		if got := MatchSelector(c.sel, "scraped.headline", Scraped); got != c.want {
			t.Errorf("MatchSelector(%q) = %v, want %v", c.sel, got, c.want)
		}
	}
	rules := []*Rule{{ID: "scraped.headline", Category: Scraped}}
	if !SelectorKnown("grammar", rules) || !SelectorKnown("scraped.*", rules) || SelectorKnown("grammar.*", rules) {
		t.Error("SelectorKnown: a category is always known, a prefix only when it matches")
	}
}
