package i18n_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/lang"
	"github.com/mtaudit/mtaudit/audit/profile"
	"github.com/mtaudit/mtaudit/reports/i18n"
	"github.com/mtaudit/mtaudit/rules"
)

// Every message of every rule, in every catalog: the test runs each rule
// of the registry on its examples (in each example's language) and on its
// test articles (rules/testdata, the cases TestRules runs), collects the
// messages, suggestions and fix messages the findings carry, and fails
// for each one a catalog cannot translate, printing the YAML to add.
//
// Not every suggestion is prose: most are the replacement text, in the
// article's language ("a annoncé", "OTAN"), which nobody translates. A
// suggestion counts as prose to translate when it has three words or more
// and reads as English; a message, when it does not read as the article's
// language (a pack entry may write its message in its own language).

// produced is one text a rule produced.
type produced struct {
	rule, origin, lang string
	kind               string // message, suggestion or fix
	text               string
}

func TestEveryRuleMessageIsTranslated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every rule on its examples and cases")
	}
	reg := i18n.MustBuiltin()
	var targets []string
	for _, l := range reg.Languages() {
		if l != i18n.English {
			targets = append(targets, l)
		}
	}
	texts := collectRuleTexts(t)
	if len(texts) < 50 {
		t.Fatalf("only %d texts collected: the rules' examples did not run", len(texts))
	}
	missing := map[string][]produced{} // by language
	seen := map[string]bool{}
	for _, p := range texts {
		if seen[p.kind+"\x00"+p.text] || !needsTranslation(p) {
			continue
		}
		seen[p.kind+"\x00"+p.text] = true
		for _, l := range targets {
			if _, ok := reg.Get(l).Translate(p.text); !ok {
				missing[l] = append(missing[l], p)
			}
		}
	}
	if len(missing) == 0 {
		return
	}
	var b strings.Builder
	b.WriteString("messages without a translation. Add each entry under `messages:` in the file named,\n" +
		"write the translation between the second pair of quotes, and check the placeholders\n" +
		"(guessed from one produced message: numbers as {n:num}, quoted parts of Go rules as {n};\n" +
		"see reports/i18n/README.md):\n")
	for _, l := range targets {
		ps := missing[l]
		if len(ps) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\nreports/i18n/data/%s.yaml (%d):\n", l, len(ps))
		done := map[string]bool{}
		for _, p := range ps {
			tmpl := proposeTemplate(p)
			if done[tmpl] {
				continue
			}
			done[tmpl] = true
			fmt.Fprintf(&b, "  # %s (%s, %s): %s\n  %s: ''\n", p.rule, p.kind, p.lang, strconv.Quote(p.text), yamlQuote(tmpl))
		}
	}
	t.Error(b.String())
}

// needsTranslation tells prose to translate from replacement text and from
// messages already in the article's language.
func needsTranslation(p produced) bool {
	frame := strings.TrimSpace(quoted.ReplaceAllString(p.text, " "))
	switch p.kind {
	case "suggestion":
		return len(strings.Fields(frame)) >= 3 && hasEnglishFunctionWord(frame, p.lang) &&
			lang.Between(frame, i18n.English, p.lang) == i18n.English
	default:
		return frame == "" || lang.Between(frame, i18n.English, p.lang) != p.lang
	}
}

// hasEnglishFunctionWord reports whether text holds a function word of
// English ("the", "it", "or") that is none of the article language's:
// English prose has some, a replacement phrase ("pool de presse") none.
func hasEnglishFunctionWord(text, docLang string) bool {
	profiles := profile.MustBuiltin()
	en, target := profiles.Lookup(i18n.English), profiles.Lookup(docLang)
	if en == nil {
		return true
	}
	for _, w := range lang.Tokens(text) {
		w = profile.Fold(w)
		if en.Set(&en.Words.Function).Has(w) && (target == nil || !target.Set(&target.Words.Function).Has(w)) {
			return true
		}
	}
	return false
}

// quoted matches quoted parts, which hold article words, not the frame of
// a message.
var quoted = regexp.MustCompile(`“[^”]*”|"[^"]*"|«[^»]*»|„[^“]*“`)

var number = regexp.MustCompile(`\b\d+(?:[.,]\d+)?\b`)

// proposeTemplate guesses the entry's English template from one message:
// numbers become {n:num}; in a Go rule's message, quoted parts become {n}
// (a pack's quotes are usually its own words).
func proposeTemplate(p produced) string {
	n := 0
	next := func() int { n++; return n }
	var b strings.Builder
	text := p.text
	goRule := strings.HasSuffix(p.origin, ".go")
	for text != "" {
		q := quoted.FindStringIndex(text)
		if !goRule {
			q = nil
		}
		head := text
		if q != nil {
			head = text[:q[0]]
		}
		b.WriteString(number.ReplaceAllStringFunc(head, func(string) string { return fmt.Sprintf("{%d:num}", next()) }))
		if q == nil {
			break
		}
		open, closeRune := firstRune(text[q[0]:q[1]]), lastRune(text[q[0]:q[1]])
		fmt.Fprintf(&b, "%s{%d}%s", open, next(), closeRune)
		text = text[q[1]:]
	}
	return b.String()
}

func firstRune(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}

func lastRune(s string) string {
	r := []rune(s)
	return string(r[len(r)-1])
}

// yamlQuote writes s as a single-quoted YAML scalar.
func yamlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// collectRuleTexts runs every rule alone on its examples and test cases.
func collectRuleTexts(t *testing.T) []produced {
	t.Helper()
	rs, err := rules.All()
	if err != nil {
		t.Fatal(err)
	}
	var out []produced
	run := func(r *audit.Rule, docLang string, articles []string, config string) {
		cfg := rules.ExampleConfig(r.ID)
		if config != "" {
			c, err := audit.ParseConfig("config.yaml", []byte(config))
			if err != nil {
				t.Errorf("%s: %v", r.ID, err)
				return
			}
			cfg = c
		}
		cfg.Lang = docLang
		cfg.Rules, cfg.Disable = []string{r.ID}, nil
		eng, err := audit.NewEngine(rs, cfg)
		if err != nil {
			return // a language the built-in profiles do not have (a test-only one)
		}
		var results []*audit.Result
		for i, text := range articles {
			doc, err := audit.NewDocument(fmt.Sprintf("article-%d.txt", i), []byte(text))
			if err != nil {
				continue
			}
			results = append(results, eng.Audit(context.Background(), doc))
		}
		eng.AuditBatch(results)
		for _, res := range results {
			for _, f := range res.Findings {
				add := func(kind, text string) {
					if text != "" {
						out = append(out, produced{rule: r.ID, origin: r.Origin, lang: docLang, kind: kind, text: text})
					}
				}
				add("message", f.Message)
				add("suggestion", f.Suggestion)
				for _, fx := range f.Fixes {
					add("fix", fx.Message)
				}
			}
		}
	}
	byID := map[string]*audit.Rule{}
	for _, r := range rs {
		byID[r.ID] = r
		for _, ex := range r.Examples {
			l := ex.Lang
			if l == "" {
				l = "fr"
			}
			articles := []string{ex.Text}
			if r.RunBatch != nil {
				articles = strings.Split(ex.Text, "\n\n=====\n\n")
			}
			run(r, l, articles, "")
		}
	}
	for _, c := range ruleCases(t) {
		if r := byID[c.rule]; r != nil {
			run(r, c.lang, c.articles, c.config)
		}
	}
	return out
}

// ruleCase is one case of a rules/testdata txtar file (format:
// rules/harness_test.go): articles NAME/*.txt or NAME/input, and
// NAME/config.yaml.
type ruleCase struct {
	rule, lang string
	articles   []string
	config     string
}

// ruleCases reads the rules' test articles: testdata/cases/<lang>/<id>.txtar,
// and the French ones at testdata/cases/<id>.txtar and testdata/<id>.txtar.
func ruleCases(t *testing.T) []ruleCase {
	t.Helper()
	root := os.DirFS("../../rules/testdata")
	var files []string
	for _, pattern := range []string{"cases/*/*.txtar", "cases/*.txtar", "*.txtar"} {
		m, err := fs.Glob(root, pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	var out []ruleCase
	for _, f := range files {
		data, err := fs.ReadFile(root, f)
		if err != nil {
			t.Fatal(err)
		}
		caseLang := "fr"
		if dir := path.Dir(f); strings.HasPrefix(dir, "cases/") {
			caseLang = path.Base(dir)
		}
		rule := strings.TrimSuffix(path.Base(f), ".txtar")
		byName := map[string]*ruleCase{}
		var names []string
		for _, file := range txtar.Parse(data).Files {
			name, rest, ok := strings.Cut(file.Name, "/")
			if !ok {
				continue
			}
			c := byName[name]
			if c == nil {
				c = &ruleCase{rule: rule, lang: caseLang}
				byName[name] = c
				names = append(names, name)
			}
			switch {
			case rest == "config.yaml":
				c.config = string(file.Data)
			case rest == "input" || strings.HasSuffix(rest, ".txt"):
				c.articles = append(c.articles, string(file.Data))
			}
		}
		for _, n := range names {
			if len(byName[n].articles) > 0 {
				out = append(out, *byName[n])
			}
		}
	}
	return out
}

// The proposal the failure prints is a template that matches the message.
func TestProposedTemplateMatches(t *testing.T) {
	for _, p := range []produced{
		{origin: "rules/duplicate_paragraph.go", text: "Paragraph nearly repeats the text at line 12 (88% of the words)"},
		{origin: "rules/garbled_repeated_word.go", text: "“guidée” repeated across the sentence boundary"},
		{origin: "rules/packs/fr/mistranslation.yaml:34", text: `"piscine" translates the press pool, 2 times`},
	} {
		tmpl := proposeTemplate(p)
		xx := "lang: xx\nname: T\nmessages:\n  " + yamlQuote(tmpl) + ": 'OK'\n"
		reg, err := i18n.Load(testFS(xx), "d")
		if err != nil {
			t.Fatalf("%q: %v", tmpl, err)
		}
		if got, ok := reg.Get("xx").Translate(p.text); !ok || got != "OK" {
			t.Errorf("proposal %q does not match %q", tmpl, p.text)
		}
	}
}

// testFS holds the built-in English catalog and a test language's.
func testFS(xx string) fstest.MapFS {
	en, err := os.ReadFile("data/en.yaml")
	if err != nil {
		panic(err)
	}
	return fstest.MapFS{"d/en.yaml": {Data: en}, "d/xx.yaml": {Data: []byte(xx)}}
}
