package main

import (
	"os"
	"strings"
	"testing"
)

// `mtaudit rules --lang de` lists what runs for German: the language-neutral
// mechanisms and the rules with German data, never a French-only one.
func TestRulesForOneLanguage(t *testing.T) {
	o := mtaudit(t, "rules", "--lang", "de-DE")
	o.expect(t, 0)
	if !strings.Contains(o.stdout, "duplicate.paragraph") || !strings.Contains(o.stdout, "untranslated.sentence") {
		t.Errorf("German list lacks the language-neutral mechanisms:\n%s", o.stdout)
	}
	if strings.Contains(o.stdout, "grammar.qui-que") {
		t.Errorf("German list holds a French-only rule:\n%s", o.stdout)
	}
	for _, l := range strings.Split(strings.TrimSpace(o.stdout), "\n")[1:] {
		if f := strings.Fields(l); len(f) < 4 || !strings.Contains(","+f[3]+",", ",de,") {
			t.Errorf("row %q does not name German among its languages", l)
		}
	}
	bad := mtaudit(t, "rules", "--lang", "xx")
	bad.expect(t, 2)
	if !strings.Contains(bad.stderr, "supported: de, es, fr, it, pt") {
		t.Errorf("--lang xx: stderr %q does not name the supported languages", bad.stderr)
	}
}

// docs/rules.md is the table `mtaudit rules --format markdown` prints:
// regenerate it with `make docs` when a rule or a language changes.
func TestRulesDocUpToDate(t *testing.T) {
	o := mtaudit(t, "rules", "--format", "markdown")
	o.expect(t, 0)
	data, err := os.ReadFile(repoPath(t, "docs/rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	i := strings.Index(doc, "| rule |")
	if i < 0 || doc[i:] != o.stdout {
		t.Errorf("docs/rules.md is out of date: run `make docs`")
	}
}
