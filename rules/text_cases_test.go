package rules

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/mtaudit/mtaudit/audit"
)

// The rules of this file's family (untranslated, name, duplicate,
// typography Go rules) are tested by txtar cases: testdata/cases/RULE.txtar
// holds cases named by a prefix, each with one or more articles and a want
// list:
//
//	-- shukurov/article.txt --
//	Le ministre Rouslan Choukourov …
//	-- shukurov/want --
//	Shukurov => Choukourov
//
// A want line is a quote (Go-quoted when it holds special characters),
// optionally "=> suggestion", optionally prefixed by "ARTICLE.txt: " when
// the case has several articles. An empty want file expects no finding.
// A case may carry a config.yaml (glossary, accept list). Unexpected
// findings and unmet expectations both fail.

type textCase struct {
	name     string
	articles map[string]string
	want     []textWant
	config   string
}

type textWant struct {
	article, quote, suggestion string
	hasSuggestion              bool
}

func loadTextCases(t *testing.T, path string) []textCase {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	byName := map[string]*textCase{}
	var order []string
	for _, f := range ar.Files {
		name, file, ok := strings.Cut(f.Name, "/")
		if !ok {
			t.Fatalf("%s: file %q is not CASE/FILE", path, f.Name)
		}
		c := byName[name]
		if c == nil {
			c = &textCase{name: name, articles: map[string]string{}}
			byName[name] = c
			order = append(order, name)
		}
		switch {
		case file == "want":
			for _, line := range strings.Split(string(f.Data), "\n") {
				if strings.TrimSpace(line) == "" {
					continue
				}
				c.want = append(c.want, parseTextWant(t, path, line))
			}
		case file == "config.yaml":
			c.config = string(f.Data)
		case strings.HasSuffix(file, ".txt"):
			c.articles[file] = strings.TrimSuffix(string(f.Data), "\n")
		default:
			t.Fatalf("%s: unknown file %q", path, f.Name)
		}
	}
	var out []textCase
	for _, n := range order {
		c := byName[n]
		if len(c.articles) == 0 {
			t.Fatalf("%s: case %s has no article", path, n)
		}
		out = append(out, *c)
	}
	return out
}

func parseTextWant(t *testing.T, path, line string) textWant {
	var w textWant
	if a, rest, ok := strings.Cut(line, ".txt: "); ok && !strings.ContainsAny(a, " \"") {
		w.article, line = a+".txt", rest
	}
	q, sug, hasSug := strings.Cut(line, " => ")
	unq := func(s string) string {
		s = strings.TrimSpace(s)
		if strings.HasPrefix(s, `"`) {
			u, err := strconv.Unquote(s)
			if err != nil {
				t.Fatalf("%s: bad quoted want %s: %v", path, s, err)
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

// runRuleOn audits the articles with rule r alone (batch rules over all of
// them) and returns each article's findings by article name.
func runRuleOn(t *testing.T, r *audit.Rule, articles map[string]string, config string) (map[string][]audit.Finding, map[string]*audit.Document) {
	t.Helper()
	cfg := audit.DefaultConfig()
	if config != "" {
		c, err := audit.ParseConfig("config.yaml", []byte(config))
		if err != nil {
			t.Fatal(err)
		}
		cfg = c
	}
	cfg.Lang = "fr"
	eng, err := audit.NewEngine([]*audit.Rule{r}, cfg)
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
		for _, w := range res.Warnings {
			t.Errorf("%s: warning: %s", names[i], w)
		}
		out[names[i]] = res.Findings
	}
	return out, docs
}

func TestTextRuleCases(t *testing.T) {
	files, err := filepath.Glob("testdata/cases/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, path := range files {
		id := strings.TrimSuffix(filepath.Base(path), ".txtar")
		r := findGoRule(id)
		if r == nil {
			t.Errorf("%s: no Go rule %s", path, id)
			continue
		}
		for _, c := range loadTextCases(t, path) {
			t.Run(id+"/"+c.name, func(t *testing.T) {
				got, docs := runRuleOn(t, r, c.articles, c.config)
				checkTextCase(t, c, got, docs)
			})
		}
	}
}

func checkTextCase(t *testing.T, c textCase, got map[string][]audit.Finding, docs map[string]*audit.Document) {
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
			t.Errorf("%s: missing finding %q; got %s", art, w.quote, describeFindings(docs[art], got[art]))
		}
	}
	for n, fs := range got {
		for i, f := range fs {
			if !matched[n][i] {
				t.Errorf("%s: unexpected finding %q (%s)", n, docs[n].Text[f.Start:f.End], f.Message)
			}
			for _, fx := range f.Fixes {
				if err := fx.Validate(len(docs[n].Text)); err != nil {
					t.Errorf("%s: %v", n, err)
				}
			}
		}
	}
}

func describeFindings(doc *audit.Document, fs []audit.Finding) string {
	if len(fs) == 0 {
		return "none"
	}
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\n\t%q => %q (%s)", doc.Text[f.Start:f.End], f.Suggestion, f.Message)
	}
	return b.String()
}

// textRuleIDs are the Go rules this family of files defines.
var textRuleIDs = []string{
	"untranslated.bracket", "untranslated.sentence", "name.variant", "name.batch",
	"duplicate.paragraph", "typography.apostrophe-mix", "typography.quote-mix", "typography.spacing",
}

func findGoRule(id string) *audit.Rule {
	for _, r := range goRules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

func textRules(t testing.TB) []*audit.Rule {
	var out []*audit.Rule
	for _, id := range textRuleIDs {
		r := findGoRule(id)
		if r == nil {
			t.Fatalf("rule %s not registered", id)
		}
		out = append(out, r)
	}
	return out
}

// TestTextRuleExamples checks that each rule's documented examples tell the
// truth: a Trigger example gets at least one finding of that rule alone,
// any other none. A batch rule's example holds its articles separated by
// BatchExampleSeparator.
func TestTextRuleExamples(t *testing.T) {
	if err := audit.ValidateRegistry(textRules(t)); err != nil {
		t.Fatal(err)
	}
	for _, r := range textRules(t) {
		for i, ex := range r.Examples {
			if exampleLang(ex) != "fr" {
				continue // runRuleOn audits in French; TestRules runs every language
			}
			arts := map[string]string{}
			parts := []string{ex.Text}
			if r.RunBatch != nil {
				parts = SplitBatchExample(ex.Text)
			}
			for k, p := range parts {
				arts[fmt.Sprintf("a%02d.txt", k)] = p
			}
			got, docs := runRuleOn(t, r, arts, "")
			n := 0
			for _, fs := range got {
				n += len(fs)
			}
			if ex.Trigger && n == 0 {
				t.Errorf("%s example %d must trigger and does not:\n%s", r.ID, i, ex.Text)
			}
			if !ex.Trigger && n > 0 {
				for a, fs := range got {
					if len(fs) > 0 {
						t.Errorf("%s example %d must not trigger: %s", r.ID, i, describeFindings(docs[a], fs))
					}
				}
			}
		}
	}
}

func TestTextCasesExistForEveryRule(t *testing.T) {
	for _, id := range textRuleIDs {
		if _, err := os.Stat(filepath.Join("testdata", "cases", id+".txtar")); err != nil {
			t.Errorf("rule %s has no txtar cases: %v", id, err)
		}
	}
}
