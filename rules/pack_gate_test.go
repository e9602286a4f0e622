package rules

import (
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// TestPackGatesExact checks the gates of the built-in checks
// (langPack.gateChecks): a check whose gate stays closed on a document
// finds nothing there, for every check of every language, on the test
// articles and every rule's examples; and the gates close and open.
func TestPackGatesExact(t *testing.T) {
	entries, err := decodePackTrees(builtinTree())
	if err != nil {
		t.Fatal(err)
	}
	rs, prs, err := compilePackRules(entries, true)
	if err != nil {
		t.Fatal(err)
	}
	texts := testTexts(t)
	for _, r := range rs {
		for _, e := range r.Examples {
			texts = append(texts, e.Text)
		}
	}
	type langChecks struct {
		lp     *langPack
		checks []*packCheck
	}
	byLang := map[string]*langChecks{}
	for _, pr := range prs {
		for lang, lc := range pr.byLang {
			if lc.check == nil {
				continue
			}
			l := byLang[lang]
			if l == nil {
				l = &langChecks{lp: lc.lp}
				byLang[lang] = l
			}
			l.checks = append(l.checks, lc.check)
		}
	}
	closed, opened, gated := 0, 0, 0
	for lang, l := range byLang {
		for _, c := range l.checks {
			if c.gated {
				gated++
			}
		}
		for _, text := range texts {
			doc, err := audit.NewDocument("gate.txt", []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			doc.Lang = lang
			pass := audit.NewPass(doc, audit.DefaultConfig(), func(audit.Diagnostic) {})
			dv := audit.ResultOf(pass, packViews)
			for _, c := range l.checks {
				if !c.gated {
					continue
				}
				if dv.open(pass, c) {
					opened++
					continue
				}
				closed++
				if ms := c.kind.find(pass, dv); len(ms) > 0 {
					t.Fatalf("%s (%s): gate closed on %.200q, but it matches at %d", c.id, lang, text, ms[0].start)
				}
			}
		}
	}
	if gated == 0 || closed == 0 || opened == 0 {
		t.Errorf("%d gated checks, %d closed and %d open gates: the test tests nothing", gated, closed, opened)
	}
}
