package rules

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/mtaudit/mtaudit/audit"
)

// compareQuotes reports quotes found but not wanted and wanted but not found.
func compareQuotes(t *testing.T, got, want []string) {
	t.Helper()
	count := map[string]int{}
	for _, q := range want {
		count[q]++
	}
	var extra []string
	for _, q := range got {
		if count[q] > 0 {
			count[q]--
		} else {
			extra = append(extra, q)
		}
	}
	var missing []string
	for q, n := range count {
		for ; n > 0; n-- {
			missing = append(missing, q)
		}
	}
	sort.Strings(missing)
	for _, q := range extra {
		t.Errorf("unexpected finding: %q", q)
	}
	for _, q := range missing {
		t.Errorf("missing finding: %q", q)
	}
}

// TestShapeRulesClean runs the shape rules over clean articles written for
// the purpose (testdata/shape-clean.txtar): every finding is a false positive.
func TestShapeRulesClean(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "shape-clean.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	ar := txtar.Parse(data)
	if len(ar.Files) == 0 {
		t.Fatal("no articles in shape-clean.txtar")
	}
	rules := shapeRules(t)
	for _, f := range ar.Files {
		doc, err := audit.NewDocument(f.Name, f.Data)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		doc.Lang = "fr"
		for _, d := range runShape(t, rules, doc) {
			t.Errorf("%s: %s flags %s", f.Name, d.Rule, findingContext(doc.Text, d.Diagnostic))
		}
	}
}

// TestShapeArticles runs the shape rules together over whole articles
// (testdata/shape-articles.txtar): NAME/want lists "rule-id: quote" for
// every finding expected; unexpected findings and unmet expectations fail.
func TestShapeArticles(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "shape-articles.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	ar := txtar.Parse(data)
	inputs, wants := map[string]string{}, map[string][]string{}
	var names []string
	for _, f := range ar.Files {
		name, part, _ := strings.Cut(f.Name, "/")
		switch part {
		case "input":
			inputs[name] = string(f.Data)
			names = append(names, name)
		case "want":
			for _, line := range strings.Split(string(f.Data), "\n") {
				if line != "" {
					wants[name] = append(wants[name], line)
				}
			}
		default:
			t.Fatalf("file %q: want NAME/input or NAME/want", f.Name)
		}
	}
	rules := shapeRules(t)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			doc, err := audit.NewDocument(name, []byte(inputs[name]))
			if err != nil {
				t.Fatal(err)
			}
			doc.Lang = "fr"
			var got []string
			for _, f := range runShape(t, rules, doc) {
				got = append(got, f.Rule+": "+doc.Text[f.Start:f.End])
			}
			compareQuotes(t, got, wants[name])
		})
	}
}
