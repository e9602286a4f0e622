package rules

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// The one test harness for every rule, Go or pack. The rules come from the
// registry, never from a list kept in a test. For each rule and each
// language it has data for, two sources of samples run:
//
//   - the rule's examples (must and must not trigger), each audited with
//     the document language set to the example's own;
//   - txtar cases: cases/<lang>/<rule id>.txtar under testdata (French
//     cases also sit in the older places cases/<rule id>.txtar and
//     <rule id>.txtar).
//
// A case file holds cases named by a prefix, each with one or more
// articles, a want list and optionally a configuration:
//
//	-- lire-aussi/article.txt --
//	Le conseil a voté.
//
//	LIRE AUSSI : un autre titre
//	-- lire-aussi/want --
//	LIRE AUSSI : un autre titre
//
// An article is NAME/<anything>.txt (or NAME/input). A want line is a
// quote of the text a finding covers (Go-quoted when it holds special
// characters), optionally followed by " => suggestion", and prefixed by
// "ARTICLE.txt: " when the case has several articles; an empty want list
// expects no finding. NAME/config.yaml, when present, is the configuration
// (accept list, glossary, boilerplate). The rule runs alone through the
// engine; an unexpected finding and an unmet expectation both fail.
//
// In every language a rule has data for, the examples and cases together
// must hold a sample that triggers and one that does not; a case file for
// a rule the registry does not have, or in a language the rule has no data
// for, fails.

func TestRules(t *testing.T) {
	rs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	runRuleHarness(t, harness{rules: rs, cases: os.DirFS("testdata"), legacyFrench: true})
}

// harness says what runRuleHarness runs.
type harness struct {
	rules    []*audit.Rule
	profiles *profile.Registry // nil: the built-in ones
	cases    fs.FS             // holds cases/<lang>/<id>.txtar
	// langs, when set, limits the run to these languages.
	langs []string
	// legacyFrench also reads French cases from cases/<id>.txtar and
	// <id>.txtar.
	legacyFrench bool
}

// defaultExampleLang is the language of an example that names none: the
// Go rules' examples are French.
const defaultExampleLang = "fr"

func exampleLang(ex audit.Example) string {
	if ex.Lang != "" {
		return ex.Lang
	}
	return defaultExampleLang
}

// ruleLangs lists the languages a rule runs in: its Langs, or the
// languages of its examples when it runs in all.
func ruleLangs(r *audit.Rule) []string {
	if len(r.Langs) > 0 {
		return r.Langs
	}
	var out []string
	for _, ex := range r.Examples {
		if l := exampleLang(ex); !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

func runRuleHarness(t *testing.T, h harness) {
	t.Helper()
	byID := map[string]*audit.Rule{}
	for _, r := range h.rules {
		byID[r.ID] = r
	}
	files := findCaseFiles(t, h, byID)
	for _, r := range h.rules {
		for _, lang := range ruleLangs(r) {
			if h.langs != nil && !slices.Contains(h.langs, lang) {
				continue
			}
			t.Run(r.ID+"/"+lang, func(t *testing.T) {
				pos, neg := 0, 0
				for i, ex := range r.Examples {
					if exampleLang(ex) != lang {
						continue
					}
					if ex.Trigger {
						pos++
					} else {
						neg++
					}
					checkExample(t, h, r, lang, i, ex)
				}
				for _, file := range files[r.ID+"/"+lang] {
					for _, c := range loadRuleCases(t, h.cases, file) {
						if len(c.want) > 0 {
							pos++
						} else {
							neg++
						}
						t.Run(path.Base(file)+"/"+c.name, func(t *testing.T) {
							got, docs := auditArticles(t, h, r, lang, c.articles, c.config)
							checkRuleCase(t, c, got, docs)
						})
					}
				}
				if pos == 0 || neg == 0 {
					t.Errorf("%s in %s: needs samples (examples or cases) that must and must not trigger; has %d and %d", r.ID, lang, pos, neg)
				}
			})
		}
	}
}

// findCaseFiles maps "id/lang" to the case files of that rule and language,
// failing on files no rule of the registry claims.
func findCaseFiles(t *testing.T, h harness, byID map[string]*audit.Rule) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	add := func(file, id, lang string) {
		r := byID[id]
		switch {
		case r == nil:
			t.Errorf("%s: no rule %s in the registry", file, id)
		case !slices.Contains(ruleLangs(r), lang):
			t.Errorf("%s: rule %s has no %s data (languages: %v)", file, id, lang, ruleLangs(r))
		default:
			out[id+"/"+lang] = append(out[id+"/"+lang], file)
		}
	}
	langDirs, err := fs.ReadDir(h.cases, "cases")
	if err != nil && !h.legacyFrench {
		t.Fatalf("cases: %v", err)
	}
	for _, d := range langDirs {
		if !d.IsDir() {
			continue
		}
		names, err := fs.Glob(h.cases, path.Join("cases", d.Name(), "*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			if !strings.HasSuffix(name, ".txtar") {
				t.Errorf("%s: not a case file (<rule id>.txtar)", name)
				continue
			}
			add(name, strings.TrimSuffix(path.Base(name), ".txtar"), d.Name())
		}
	}
	if h.legacyFrench {
		names, _ := fs.Glob(h.cases, "cases/*.txtar")
		for _, name := range names {
			add(name, strings.TrimSuffix(path.Base(name), ".txtar"), "fr")
		}
		// Top-level files of other tests (shape-articles.txtar) live there
		// too: only a rule's id names a case file.
		names, _ = fs.Glob(h.cases, "*.txtar")
		for _, name := range names {
			if id := strings.TrimSuffix(name, ".txtar"); byID[id] != nil {
				add(name, id, "fr")
			}
		}
	}
	return out
}

// checkExample audits one example with the rule alone in its language.
func checkExample(t *testing.T, h harness, r *audit.Rule, lang string, i int, ex audit.Example) {
	t.Helper()
	arts := map[string]string{}
	parts := []string{ex.Text}
	if r.RunBatch != nil {
		parts = strings.Split(ex.Text, batchSeparator)
	}
	for k, p := range parts {
		arts[fmt.Sprintf("example-%02d.txt", k)] = p
	}
	got, docs := auditArticles(t, h, r, lang, arts, "")
	n := 0
	for _, fs := range got {
		n += len(fs)
	}
	switch {
	case ex.Trigger && n == 0:
		t.Errorf("%s (%s): example %d must trigger and does not: %q", r.ID, r.Origin, i, ex.Text)
	case !ex.Trigger && n > 0:
		for a, fs := range got {
			if len(fs) > 0 {
				t.Errorf("%s (%s): example %d must not trigger: %q\n%s", r.ID, r.Origin, i, ex.Text, describeRuleFindings(docs[a], fs))
			}
		}
	}
}

type ruleCase struct {
	name     string
	articles map[string]string
	want     []caseWant
	config   string
}

type caseWant struct {
	article, quote, suggestion string
	hasSuggestion              bool
}

func loadRuleCases(t *testing.T, fsys fs.FS, file string) []ruleCase {
	t.Helper()
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		t.Fatal(err)
	}
	ar := txtar.Parse(data)
	byName := map[string]*ruleCase{}
	var order []string
	for _, f := range ar.Files {
		name, part, ok := strings.Cut(f.Name, "/")
		if !ok {
			t.Fatalf("%s: file %q is not CASE/FILE", file, f.Name)
		}
		c := byName[name]
		if c == nil {
			c = &ruleCase{name: name, articles: map[string]string{}}
			byName[name] = c
			order = append(order, name)
		}
		switch {
		case part == "want":
			for _, line := range strings.Split(string(f.Data), "\n") {
				if strings.TrimSpace(line) != "" {
					c.want = append(c.want, parseCaseWant(t, file, strings.TrimRight(line, "\r")))
				}
			}
		case part == "config.yaml":
			c.config = string(f.Data)
		case part == "input" || strings.HasSuffix(part, ".txt"):
			c.articles[part] = strings.TrimSuffix(string(f.Data), "\n")
		default:
			t.Fatalf("%s: unknown file %q (want NAME/*.txt, NAME/want or NAME/config.yaml)", file, f.Name)
		}
	}
	if len(order) == 0 {
		t.Fatalf("%s: no cases", file)
	}
	var out []ruleCase
	for _, n := range order {
		c := byName[n]
		if len(c.articles) == 0 {
			t.Fatalf("%s: case %s has no article", file, n)
		}
		out = append(out, *c)
	}
	return out
}

func parseCaseWant(t *testing.T, file, line string) caseWant {
	t.Helper()
	var w caseWant
	if a, rest, ok := strings.Cut(line, ".txt: "); ok && !strings.ContainsAny(a, " \"") {
		w.article, line = a+".txt", rest
	}
	q, sug, hasSug := strings.Cut(line, " => ")
	unq := func(s string) string {
		s = strings.TrimSpace(s)
		if strings.HasPrefix(s, `"`) {
			u, err := strconv.Unquote(s)
			if err != nil {
				t.Fatalf("%s: bad quoted want %s: %v", file, s, err)
			}
			return u
		}
		return s
	}
	w.quote = unq(q)
	if hasSug {
		w.suggestion, w.hasSuggestion = unq(sug), true
	}
	return w
}

// auditArticles audits the articles in lang with rule r alone (a batch
// rule over all of them) and returns each article's findings by name.
func auditArticles(t *testing.T, h harness, r *audit.Rule, lang string, articles map[string]string, config string) (map[string][]audit.Finding, map[string]*audit.Document) {
	t.Helper()
	cfg := ExampleConfig(r.ID)
	if config != "" {
		c, err := audit.ParseConfig("config.yaml", []byte(config))
		if err != nil {
			t.Fatal(err)
		}
		cfg = c
	}
	cfg.Lang = lang
	cfg.Rules, cfg.Disable = []string{r.ID}, nil
	var opts []audit.Option
	if h.profiles != nil {
		opts = append(opts, audit.WithProfiles(h.profiles))
	}
	eng, err := audit.NewEngine(h.rules, cfg, opts...)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(articles))
	for n := range articles {
		names = append(names, n)
	}
	sort.Strings(names)
	var results []*audit.Result
	docs := map[string]*audit.Document{}
	for _, n := range names {
		doc, err := audit.NewDocument(n, []byte(articles[n]))
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		docs[n] = doc
		results = append(results, eng.Audit(context.Background(), doc))
	}
	eng.AuditBatch(results)
	out := map[string][]audit.Finding{}
	for i, res := range results {
		if res.Doc.Lang != lang {
			t.Errorf("%s: audited in %q, not %q", names[i], res.Doc.Lang, lang)
		}
		for _, w := range res.Warnings {
			t.Errorf("%s: warning: %s", names[i], w)
		}
		for _, f := range res.Findings {
			if f.Rule != r.ID {
				t.Errorf("%s: finding of rule %s, which does not run", names[i], f.Rule)
				continue
			}
			for _, fx := range f.Fixes {
				if err := fx.Validate(len(res.Doc.Text)); err != nil {
					t.Errorf("%s: %v", names[i], err)
				}
			}
			out[names[i]] = append(out[names[i]], f)
		}
	}
	return out, docs
}

// checkRuleCase matches findings to the want list, one to one.
func checkRuleCase(t *testing.T, c ruleCase, got map[string][]audit.Finding, docs map[string]*audit.Document) {
	t.Helper()
	only := ""
	if len(c.articles) == 1 {
		for n := range c.articles {
			only = n
		}
	}
	matched := map[string][]bool{}
	for n, fs := range got {
		matched[n] = make([]bool, len(fs))
	}
	for _, w := range c.want {
		art := w.article
		if art == "" {
			art = only
		}
		if docs[art] == nil {
			t.Errorf("want %q names no article of the case", w.quote)
			continue
		}
		found := false
		for i, f := range got[art] {
			if matched[art][i] || docs[art].Text[f.Start:f.End] != w.quote {
				continue
			}
			if w.hasSuggestion && f.Suggestion != w.suggestion {
				t.Errorf("%s: %q: suggestion %q, want %q", art, w.quote, f.Suggestion, w.suggestion)
			}
			matched[art][i], found = true, true
			break
		}
		if !found {
			t.Errorf("%s: missing finding %q; got %s", art, w.quote, describeRuleFindings(docs[art], got[art]))
		}
	}
	for n, fs := range got {
		for i, f := range fs {
			if !matched[n][i] {
				t.Errorf("%s: unexpected finding %q (%s)", n, docs[n].Text[f.Start:f.End], f.Message)
			}
		}
	}
}

func describeRuleFindings(doc *audit.Document, fs []audit.Finding) string {
	if len(fs) == 0 {
		return "none"
	}
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\n\t%q => %q (%s)", doc.Text[f.Start:f.End], f.Suggestion, f.Message)
	}
	return b.String()
}
