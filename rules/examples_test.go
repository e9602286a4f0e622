package rules

import (
	"context"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

func TestRegistryValidates(t *testing.T) {
	rs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	if err := audit.ValidateRegistry(rs); err != nil {
		t.Fatal(err)
	}
	if len(rs) == 0 {
		t.Fatal("no rules registered")
	}
}

// batchSeparator splits a batch rule's example into articles (the
// convention name.batch documents).
const batchSeparator = "\n\n=====\n\n"

// TestRuleExamples runs every rule, Go or pack, alone on each of its
// examples: a trigger example must yield a finding of the rule, any other
// example none.
func TestRuleExamples(t *testing.T) {
	rs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		t.Run(r.ID, func(t *testing.T) {
			cfg := ExampleConfig(r.ID)
			cfg.Rules = []string{r.ID}
			cfg.Lang = "fr"
			eng, err := audit.NewEngine(rs, cfg)
			if err != nil {
				t.Fatal(err)
			}
			for _, ex := range r.Examples {
				n, warnings := runExample(t, eng, r, ex.Text)
				for _, w := range warnings {
					t.Errorf("%s (%s): warning on example %q: %s", r.ID, r.Origin, ex.Text, w)
				}
				switch {
				case ex.Trigger && n == 0:
					t.Errorf("%s (%s): trigger example not flagged: %q", r.ID, r.Origin, ex.Text)
				case !ex.Trigger && n > 0:
					t.Errorf("%s (%s): ok example flagged %d times: %q", r.ID, r.Origin, n, ex.Text)
				}
			}
		})
	}
}

// runExample audits an example and counts the rule's findings.
func runExample(t *testing.T, eng *audit.Engine, r *audit.Rule, text string) (int, []string) {
	t.Helper()
	texts := []string{text}
	if r.RunBatch != nil {
		texts = strings.Split(text, batchSeparator)
	}
	var results []*audit.Result
	for i, s := range texts {
		doc, err := audit.NewDocument("example-"+string(rune('a'+i))+".txt", []byte(s))
		if err != nil {
			t.Fatalf("%s: example %q: %v", r.ID, text, err)
		}
		results = append(results, eng.Audit(context.Background(), doc))
	}
	eng.AuditBatch(results)
	n := 0
	var warnings []string
	for _, res := range results {
		warnings = append(warnings, res.Warnings...)
		for _, f := range res.Findings {
			if f.Rule != r.ID {
				continue
			}
			n++
			if f.Start < 0 || f.End > len(res.Doc.Text) || f.Start >= f.End {
				t.Errorf("%s: finding out of bounds [%d,%d) in %q", r.ID, f.Start, f.End, res.Doc.Text)
			}
			for _, fx := range f.Fixes {
				if err := fx.Validate(len(res.Doc.Text)); err != nil {
					t.Errorf("%s: invalid fix: %v", r.ID, err)
				}
			}
		}
	}
	return n, warnings
}
