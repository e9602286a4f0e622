// Package rules holds mtaudit's checks: Go rules (a file per rule or small
// family, doc and examples beside the code) and YAML rule packs, a
// directory per target language (packs/<lang>/<category>.yaml), whose
// entries add each language's data to language-neutral rules and are
// interpreted by a closed set of check kinds.
package rules

import (
	"fmt"
	"sort"
	"sync"

	"github.com/mtaudit/mtaudit/audit"
)

var (
	goRules []*audit.Rule

	allOnce sync.Once
	all     []*audit.Rule
	allErr  error
)

// register adds a Go rule; rule files call it from init.
func register(r *audit.Rule) { goRules = append(goRules, r) }

// All returns every rule, Go rules and the built-in pack rules, sorted by
// id. The registry is built and validated once.
func All() ([]*audit.Rule, error) {
	allOnce.Do(func() {
		packRules, err := PackRules()
		if err != nil {
			allErr = fmt.Errorf("load rule packs: %w", err)
			return
		}
		all, allErr = assemble(packRules)
	})
	return all, allErr
}

// assemble joins the Go rules and pack rules, sorted by id, and validates
// the whole.
func assemble(packRules []*audit.Rule) ([]*audit.Rule, error) {
	rs := append(append([]*audit.Rule{}, goRules...), packRules...)
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	if err := audit.ValidateRegistry(rs); err != nil {
		return nil, err
	}
	return rs, nil
}

// Lookup returns the rule with id, if any.
func Lookup(id string) (*audit.Rule, bool) {
	rs, err := All()
	if err != nil {
		return nil, false
	}
	for _, r := range rs {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}
