package rules

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// A rule defined in one language's pack, with data added by another's.
const (
	frReadMore = `lang: fr
rules:
  - id: scraped.test-link
    kind: phrase
    severity: minor
    title: Link line
    doc: A link line.
    phrases: [lire aussi]
    scope: line
    max_words: 12
    message: Link line swept into the article
    safe: true
    examples:
      trigger: ["LIRE AUSSI : un titre"]
      ok: ["Rien à signaler."]
`
	deReadMore = `lang: de
rules:
  - id: scraped.test-link
    kind: phrase
    phrases: [lesen sie auch]
    examples:
      trigger: ["Lesen Sie auch: Ein Titel"]
      ok: ["Nichts zu melden."]
`
)

func testPackFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range files {
		m["packs/"+name] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}

func auditIn(t *testing.T, rs []*audit.Rule, lang, text string, cfg *audit.Config) []audit.Finding {
	t.Helper()
	if cfg == nil {
		cfg = audit.DefaultConfig()
	}
	eng, err := audit.NewEngine(rs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := audit.NewDocument("a.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	doc.Lang = lang
	res := eng.Audit(context.Background(), doc)
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	return res.Findings
}

func TestPackLanguagesShareRule(t *testing.T) {
	rs, err := LoadPacks(testPackFS(map[string]string{"fr/scraped.yaml": frReadMore, "de/scraped.yaml": deReadMore}), "packs")
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("%d rules, want one for both languages", len(rs))
	}
	r := rs[0]
	if !slices.Equal(r.Langs, []string{"de", "fr"}) || r.Origin != "packs/fr/scraped.yaml:3" ||
		r.Title != "Link line" || r.Severity != audit.Minor || !r.Fixable {
		t.Fatalf("rule %+v", r)
	}
	var langs []string
	for _, ex := range r.Examples {
		langs = append(langs, ex.Lang)
	}
	if !slices.Equal(langs, []string{"fr", "fr", "de", "de"}) {
		t.Errorf("example languages %v: the definition's first, each with its language", langs)
	}

	text := "Ein Absatz.\n\nLesen Sie auch: Ein Titel\n\nLIRE AUSSI : un titre"
	de := auditIn(t, rs, "de", text, nil)
	if len(de) != 1 || text[de[0].Start:de[0].End] != "Lesen Sie auch: Ein Titel" {
		t.Fatalf("German article: %+v (the German data only, over the whole line)", de)
	}
	// Inherited: message, scope, safe.
	if de[0].Message != "Link line swept into the article" || len(de[0].Fixes) != 1 {
		t.Errorf("German finding does not inherit message and fix: %+v", de[0])
	}
	fr := auditIn(t, rs, "fr", text, nil)
	if len(fr) != 1 || text[fr[0].Start:fr[0].End] != "LIRE AUSSI : un titre" {
		t.Fatalf("French article: %+v", fr)
	}
	if got := auditIn(t, rs, "es", text, nil); len(got) != 0 {
		t.Errorf("a language without data: %+v", got)
	}
	// Configuration applies in every language.
	cfg := audit.DefaultConfig()
	cfg.Disable = []string{"scraped.test-link"}
	if got := auditIn(t, rs, "de", text, cfg); len(got) != 0 {
		t.Errorf("disabled rule still runs in German: %+v", got)
	}
	cfg = audit.DefaultConfig()
	cfg.Severity = map[string]audit.Severity{"scraped.test-link": audit.Critical}
	if got := auditIn(t, rs, "de", text, cfg); len(got) != 1 || got[0].Severity != audit.Critical {
		t.Errorf("severity not applied in German: %+v", got)
	}
}

// An entry of another language may set the mechanism's options itself.
func TestPackLanguageOverrides(t *testing.T) {
	de := strings.Replace(deReadMore, "    phrases:", "    message: Deutscher Link\n    max_words: 3\n    phrases:", 1)
	rs, err := LoadPacks(testPackFS(map[string]string{"fr/scraped.yaml": frReadMore, "de/scraped.yaml": de}), "packs")
	if err != nil {
		t.Fatal(err)
	}
	text := "Lesen Sie auch: Ein Titel\n\nLesen Sie auch"
	got := auditIn(t, rs, "de", text, nil)
	if len(got) != 1 || text[got[0].Start:got[0].End] != "Lesen Sie auch" || got[0].Message != "Deutscher Link" {
		t.Fatalf("%+v", got)
	}
}

func TestPackLanguageErrors(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"second definition",
			map[string]string{"fr/scraped.yaml": frReadMore, "de/scraped.yaml": strings.Replace(deReadMore, "    kind: phrase\n", "    kind: phrase\n    title: Verweis\n", 1)},
			"packs/de/scraped.yaml:3: rule scraped.test-link: already defined at packs/fr/scraped.yaml:3"},
		{"no definition",
			map[string]string{"de/scraped.yaml": deReadMore},
			"packs/de/scraped.yaml:3: rule scraped.test-link: no definition: one entry of the rule needs severity, title and doc"},
		{"kinds differ",
			map[string]string{"fr/scraped.yaml": frReadMore, "de/scraped.yaml": strings.Replace(deReadMore, "    kind: phrase\n    phrases: [lesen sie auch]\n", "    kind: regex\n    patterns: ['lesen sie auch']\n", 1)},
			"packs/de/scraped.yaml:4: rule scraped.test-link: kind regex, but the rule is of kind phrase (packs/fr/scraped.yaml:3)"},
		{"category of the file",
			map[string]string{"fr/scraped.yaml": frReadMore, "de/negation.yaml": deReadMore},
			"packs/de/negation.yaml:3: rule scraped.test-link: a negation.yaml file holds negation rules only"},
		{"file not named after a category",
			map[string]string{"fr/scraped.yaml": frReadMore, "de/misc.yaml": deReadMore},
			"packs/de/misc.yaml: a pack file is named after the category of its rules"},
		{"language of the directory",
			map[string]string{"fr/scraped.yaml": frReadMore, "es/scraped.yaml": deReadMore},
			`packs/es/scraped.yaml:1: lang "de" in a file of directory "es"`},
		{"file outside a language directory",
			map[string]string{"fr/scraped.yaml": frReadMore, "scraped.yaml": deReadMore},
			"packs/scraped.yaml: a pack file sits in its language's directory"},
		{"two entries of one language",
			map[string]string{"fr/scraped.yaml": frReadMore, "de/scraped.yaml": deReadMore + strings.TrimPrefix(deReadMore, "lang: de\nrules:\n")},
			"packs/de/scraped.yaml:9: rule scraped.test-link: duplicate id in language de (first defined at packs/de/scraped.yaml:3)"},
		{"examples in every language",
			map[string]string{"fr/scraped.yaml": frReadMore, "de/scraped.yaml": strings.Replace(deReadMore, `      ok: ["Nichts zu melden."]`+"\n", "", 1)},
			"packs/de/scraped.yaml:7: rule scraped.test-link: examples: needs at least one ok example"},
		{"inherited option checked against the language's data",
			map[string]string{"fr/scraped.yaml": strings.Replace(frReadMore, "    safe: true\n", "    safe: true\n    case: sensitive\n", 1), "de/scraped.yaml": deReadMore},
			"rule scraped.test-link: phrases always match case-insensitively"},
		{"no packs", map[string]string{"fr/README.md": "x"}, "packs: no rule pack"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := LoadPacks(testPackFS(c.files), "packs")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v\nwant %q", err, c.want)
			}
		})
	}
}

// TestBuiltinPacksExtended adds a language's data to a built-in rule from
// outside the embedded packs (Dutch: a language the built-in packs lack).
func TestBuiltinPacksExtended(t *testing.T) {
	nlReadMore := strings.NewReplacer("lang: de", "lang: nl", "scraped.test-link", "scraped.read-more").Replace(deReadMore)
	fsys := testPackFS(map[string]string{"nl/scraped.yaml": nlReadMore})
	rs, err := Registry(fsys, "packs")
	if err != nil {
		t.Fatal(err)
	}
	builtin, err := All()
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != len(builtin) {
		t.Errorf("%d rules, the built-in registry has %d: a language adds data, not rules", len(rs), len(builtin))
	}
	for _, r := range rs {
		if r.ID == "scraped.read-more" && (!slices.Contains(r.Langs, "nl") || !slices.Contains(r.Langs, "fr")) {
			t.Errorf("scraped.read-more languages %v", r.Langs)
		}
	}
	// The built-in registry is unchanged.
	if r, _ := Lookup("scraped.read-more"); slices.Contains(r.Langs, "nl") {
		t.Errorf("the built-in rule gained Dutch data: %v", r.Langs)
	}
}

// TestSixthLanguageFromDirectory adds Dutch from a directory: a profile,
// pack files and test articles, no Go change. A Dutch article gets the
// findings through the engine, and the harness runs the Dutch examples
// and cases of every rule that has Dutch data.
func TestSixthLanguageFromDirectory(t *testing.T) {
	dir := os.DirFS("testdata/sixth-language")
	profiles, err := profile.MustBuiltin().With(dir, "profiles")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Registry(dir, "packs")
	if err != nil {
		t.Fatal(err)
	}
	cfg := audit.DefaultConfig()
	cfg.Rules = []string{"scraped", "untranslated.acronym"}
	eng, err := audit.NewEngine(rs, cfg, audit.WithProfiles(profiles))
	if err != nil {
		t.Fatal(err)
	}
	text := "De ministers van Defensie van de NATO komen donderdag bijeen in Brussel.\n\n" +
		"Lees ook: Kabinet trekt extra geld uit voor defensie\n\n" +
		"De bondgenoten willen meer uitgeven aan munitie."
	doc, err := audit.NewDocument("nl/artikel.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	doc.Lang = "nl"
	res := eng.Audit(context.Background(), doc)
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Rule+": "+text[f.Start:f.End]+" => "+f.Suggestion)
	}
	want := []string{
		"untranslated.acronym: NATO => NAVO",
		"scraped.read-more: Lees ook: Kabinet trekt extra geld uit voor defensie => ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings\n got %q\nwant %q", got, want)
	}
	runRuleHarness(t, harness{rules: rs, profiles: profiles, cases: dir, langs: []string{"nl"}})
}
