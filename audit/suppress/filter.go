package suppress

import (
	"github.com/mtaudit/mtaudit/audit"
)

// Filter takes suppressed findings out of results and rescores them, so
// that a suppressed finding neither shows nor fails the gate. It is safe
// for concurrent use on distinct results and may see a result more than
// once (a batch rule that changed it, a result read back from a spool):
// what it took out before stays on the result (Result.Suppressed) and
// still counts for the occurrences, so a second pass takes out nothing new
// by mistake, and the keys of what is left (Keys) are the ones a later
// file must hold. The filter itself keeps nothing per result.
type Filter struct {
	set *Set
	eng *audit.Engine
}

// NewFilter filters by set and rescores with eng's gate (nil: no rescoring).
func NewFilter(set *Set, eng *audit.Engine) *Filter {
	return &Filter{set: set, eng: eng}
}

// Active reports whether the filter has anything to take out.
func (f *Filter) Active() bool { return f != nil && f.set.Len() > 0 }

// Apply filters r in place and returns how many of its findings are
// suppressed in all (this call and earlier ones).
func (f *Filter) Apply(r *audit.Result) int {
	if !f.Active() || r == nil || r.Doc == nil {
		return 0
	}
	prior := r.Suppressed
	all := append(append([]audit.Finding{}, r.Findings...), prior...)
	kept, dropped := f.set.Split(r.Doc, all)
	if len(dropped) == len(prior) {
		return len(prior)
	}
	audit.SortFindings(kept)
	r.Findings, r.Suppressed = kept, dropped
	if f.eng != nil {
		r.Penalty = audit.Penalty(r.Findings, r.Words)
		r.Verdict = f.eng.Verdict(r)
	}
	return len(dropped)
}

// Dropped returns the findings Apply took out of r so far.
func (f *Filter) Dropped(r *audit.Result) []audit.Finding {
	if r == nil {
		return nil
	}
	return r.Suppressed
}

// Keys returns the keys of r's findings (parallel to r.Findings), counting
// occurrences over the findings the filter took out too: the key a
// dismissal records is then the one the next run computes.
func (f *Filter) Keys(r *audit.Result) []Key {
	dropped := f.Dropped(r)
	if len(dropped) == 0 {
		return ResultKeys(r)
	}
	all := append(append([]audit.Finding{}, r.Findings...), dropped...)
	return Keys(r.Doc, all)[:len(r.Findings)]
}
