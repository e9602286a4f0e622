package rules

import (
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// The Go rules of the untranslated, name, duplicate and typography
// family are tested, like every rule, by TestRules (harness_test.go): their
// examples in each language and the txtar cases under testdata/cases. This
// file keeps the family's list for the benchmarks, the fuzzer and the
// human-news test that look at these rules together.

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
