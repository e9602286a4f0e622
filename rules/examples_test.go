package rules

import (
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

// TestExamplesInRuleLanguages checks that every example is written in a
// language its rule runs in: an example in another language would be
// audited by nothing (the harness, TestRules, runs each example in its
// own language).
func TestExamplesInRuleLanguages(t *testing.T) {
	rs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		for _, ex := range r.Examples {
			if l := exampleLang(ex); !r.AppliesTo(l) {
				t.Errorf("%s: example in %s, but the rule runs in %v: %q", r.ID, l, r.Langs, ex.Text)
			}
		}
	}
}

// batchSeparator splits a batch rule's example into articles (the
// convention name.batch documents).
const batchSeparator = "\n\n=====\n\n"
