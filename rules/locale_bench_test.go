package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/tools/txtar"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// localeRuleIDs are the locale, polarity and truncation rules that read
// the profiles' conventions (locale_lexicon.go).
var localeRuleIDs = []string{
	"typography.number-format", "typography.clock", "typography.currency-position",
	"typography.inverted-marks", "typography.quote-locale",
	"negation.double-negative", "negation.nothing-on-the-table",
	"garbled.truncated-sentence", "garbled.fused-sentence",
}

func localeRules(t testing.TB) []*audit.Rule {
	t.Helper()
	var out []*audit.Rule
	for _, id := range localeRuleIDs {
		var found *audit.Rule
		for _, r := range goRules {
			if r.ID == id {
				found = r
			}
		}
		if found == nil {
			t.Fatalf("rule %s is not registered", id)
		}
		out = append(out, found)
	}
	return out
}

// localeBenchTexts returns the articles of the locale rules' own cases,
// with their language.
func localeBenchTexts(t testing.TB) (texts, langs []string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "cases", "*", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		id := strings.TrimSuffix(filepath.Base(f), ".txtar")
		found := false
		for _, l := range localeRuleIDs {
			found = found || l == id
		}
		if !found {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, af := range txtar.Parse(data).Files {
			if strings.HasSuffix(af.Name, ".txt") {
				texts = append(texts, string(af.Data))
				langs = append(langs, filepath.Base(filepath.Dir(f)))
			}
		}
	}
	if len(texts) == 0 {
		t.Fatal("no case articles for the locale rules")
	}
	return texts, langs
}

// BenchmarkLocaleRules measures the locale, polarity and truncation rules
// together on their case articles in five languages, one pass (and one
// token table) per document as in the engine; -benchmem gives the
// allocations.
func BenchmarkLocaleRules(b *testing.B) {
	texts, langs := localeBenchTexts(b)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	rules := localeRules(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for k, text := range texts {
			doc, err := audit.NewDocument("bench", []byte(text))
			if err != nil {
				b.Fatal(err)
			}
			doc.Lang = langs[k]
			pass := audit.NewPass(doc, nil, func(audit.Diagnostic) {})
			for _, r := range rules {
				r.Run(pass)
			}
		}
	}
}

// BenchmarkLocaleRulesWorstCase runs the rules on long texts built to make
// them look back and ahead as far as they can (runs of negative words,
// questions, numbers and capitalised articles without a stop): its time
// per byte against BenchmarkLocaleRules shows the rules stay linear.
func BenchmarkLocaleRulesWorstCase(b *testing.B) {
	texts := map[string]string{
		"es": strings.Repeat("nadie ninguna opción ninguno de los 3.5 % 25,000 $5 qué pasa? ", 4000),
		"fr": strings.Repeat("personne rien aucune option pas jamais sur la table les élus Le gouvernement a ", 4000),
		"de": strings.Repeat("die Regierung Der Minister sagte nicht kein 3 p.m. „Wort“ “Wort” ", 4000),
	}
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	rules := localeRules(b)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for lang, text := range texts {
			doc, err := audit.NewDocument("worst", []byte(text))
			if err != nil {
				b.Fatal(err)
			}
			doc.Lang = lang
			pass := audit.NewPass(doc, nil, func(audit.Diagnostic) {})
			for _, r := range rules {
				r.Run(pass)
			}
		}
	}
}

// TestLocaleRulesSpans runs the locale rules over their case articles and
// over every profile's language, and checks every span: in bounds, not
// empty, on rune boundaries, fixes valid.
func TestLocaleRulesSpans(t *testing.T) {
	texts, _ := localeBenchTexts(t)
	rules := localeRules(t)
	for _, lang := range profile.MustBuiltin().Targets() {
		for _, text := range texts {
			doc, err := audit.NewDocument("spans", []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			doc.Lang = lang
			pass := audit.NewPass(doc, nil, func(d audit.Diagnostic) {
				if d.Start < 0 || d.End > len(doc.Text) || d.Start >= d.End ||
					!utf8.RuneStart(doc.Text[d.Start]) || (d.End < len(doc.Text) && !utf8.RuneStart(doc.Text[d.End])) {
					t.Errorf("%s: bad span [%d,%d)", lang, d.Start, d.End)
				}
				for _, f := range d.Fixes {
					if err := f.Validate(len(doc.Text)); err != nil {
						t.Errorf("%s: %v", lang, err)
					}
				}
			})
			for _, r := range rules {
				r.Run(pass)
			}
		}
	}
}
