package rules

import (
	"context"
	"fmt"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

func boilerplateEngine(t *testing.T, bp map[string][]string) *audit.Engine {
	t.Helper()
	rs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	cfg := audit.DefaultConfig()
	cfg.Lang = "fr"
	cfg.Rules = []string{boilerplateID}
	cfg.Boilerplate = bp
	eng, err := audit.NewEngine(rs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func TestConfigBoilerplateSites(t *testing.T) {
	eng := boilerplateEngine(t, map[string][]string{"example.com": {"© L’Exemple du soir"}, "*": {"Rédaction web"}})
	text := "Un paragraphe.\n\n(c) L'exemple du soir, 2024\n\nRédaction Web : J. D."
	count := func(path, url string) int {
		doc, err := audit.NewDocument(path, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		doc.URL = url
		return len(eng.Audit(context.Background(), doc).Findings)
	}
	for _, c := range []struct {
		path, url string
		want      int
	}{
		{"a.txt", "", 1},
		{"a.txt", "https://www.example.com/x", 2},
		{"a.txt", "https://news.example.com/x", 2},
		{"a.txt", "https://notexample.com/x", 1},
		{"corpus/example.com/a.txt", "", 2},
		{"corpus/myexample.com/a.txt", "", 1},
	} {
		if got := count(c.path, c.url); got != c.want {
			t.Errorf("%s %s: %d findings, want %d", c.path, c.url, got, c.want)
		}
	}
}

func TestConfigBoilerplateLineAndFix(t *testing.T) {
	eng := boilerplateEngine(t, map[string][]string{"*": {"Suivez l’actualité de la région"}})
	text := "Premier paragraphe.\r\n\r\n>> SUIVEZ L'ACTUALITÉ DE LA RÉGION sur notre site\r\n\r\nDernier paragraphe."
	doc, err := audit.NewDocument("a.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	res := eng.Audit(context.Background(), doc)
	if len(res.Findings) != 1 {
		t.Fatalf("findings %+v", res.Findings)
	}
	f := res.Findings[0]
	if got := text[f.Start:f.End]; got != ">> SUIVEZ L'ACTUALITÉ DE LA RÉGION sur notre site" {
		t.Errorf("quote %q", got)
	}
	if len(f.Fixes) != 1 {
		t.Fatalf("fixes %+v", f.Fixes)
	}
	if got := applyFix(text, f.Fixes[0]); got != "Premier paragraphe.\r\n\r\nDernier paragraphe." {
		t.Errorf("fixed %q", got)
	}
}

// A configuration changed after first use is compiled again.
func TestConfigBoilerplateChanged(t *testing.T) {
	rs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	cfg := audit.DefaultConfig()
	cfg.Lang = "fr"
	cfg.Rules = []string{boilerplateID}
	cfg.Boilerplate = map[string][]string{"*": {"alpha bravo"}}
	eng, err := audit.NewEngine(rs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	audit1 := func(text string) int {
		doc, _ := audit.NewDocument("a.txt", []byte(text))
		return len(eng.Audit(context.Background(), doc).Findings)
	}
	if audit1("Alpha Bravo") != 1 || audit1("Charlie Delta") != 0 {
		t.Fatal("first configuration not applied")
	}
	cfg.Boilerplate["*"] = []string{"charlie delta"}
	if audit1("Alpha Bravo") != 0 || audit1("Charlie Delta") != 1 {
		t.Fatal("changed configuration not applied")
	}
}

// The boilerplate's search finds what a phrase index over the same phrases
// finds, in the same order.
func TestBoilerplateScanMatchesPhraseIndex(t *testing.T) {
	cfg := audit.DefaultConfig()
	cfg.Boilerplate = map[string][]string{
		"*":           {"lire aussi", "Lire", "© 2024 Exemple", "aussi", "à la une", "l'info", "L’info en continu", "lire aussi"},
		"example.com": {"info", "en continu avec Example", "Œuvre"},
	}
	doc, err := audit.NewDocument("corpus/example.com/a.txt", []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	set := compileBoilerplate(cfg, doc)
	x := newPhraseIndex()
	for _, p := range set.phrases {
		if err := x.add(p.site, p.text); err != nil {
			t.Fatal(err)
		}
	}
	for _, text := range []string{
		"LIRE AUSSI : lire, relire aussi lireaussi ; A la une — À LA UNE",
		"L’info en continu avec Example. L'INFO, linfo, l'information, info-trafic",
		"© 2024 Exemple. 2024 exemples. ŒUVRE œuvres aussi\nlire\naussi",
		"", "lire", "aussi aussi aussi",
	} {
		v := newView(text, true)
		got, want := set.scan(v.text), x.scan(v.text)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q:\n got %v\nwant %v", text, got, want)
		}
	}
}
