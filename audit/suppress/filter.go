package suppress

import (
	"sync"

	"github.com/mtaudit/mtaudit/audit"
)

// Filter takes suppressed findings out of results and rescores them, so
// that a suppressed finding neither shows nor fails the gate. It is safe
// for concurrent use and may see a result more than once (a batch rule
// that changed it): what it took out before still counts for the
// occurrences, so a second pass takes out nothing new by mistake.
type Filter struct {
	set *Set
	eng *audit.Engine

	mu      sync.Mutex
	dropped map[*audit.Result][]audit.Finding
}

// NewFilter filters by set and rescores with eng's gate (nil: no rescoring).
func NewFilter(set *Set, eng *audit.Engine) *Filter {
	return &Filter{set: set, eng: eng, dropped: map[*audit.Result][]audit.Finding{}}
}

// Active reports whether the filter has anything to take out.
func (f *Filter) Active() bool { return f != nil && f.set.Len() > 0 }

// Apply filters r in place and returns how many of its findings are
// suppressed in all (this call and earlier ones).
func (f *Filter) Apply(r *audit.Result) int {
	if !f.Active() || r == nil || r.Doc == nil {
		return 0
	}
	f.mu.Lock()
	prior := f.dropped[r]
	f.mu.Unlock()
	all := append(append([]audit.Finding{}, r.Findings...), prior...)
	kept, dropped := f.set.Split(r.Doc, all)
	if len(dropped) == len(prior) {
		return len(prior)
	}
	audit.SortFindings(kept)
	r.Findings = kept
	if f.eng != nil {
		r.Penalty = audit.Penalty(r.Findings, r.Words)
		r.Verdict = f.eng.Verdict(r)
	}
	f.mu.Lock()
	f.dropped[r] = dropped
	f.mu.Unlock()
	return len(dropped)
}

// Forget releases what the filter kept about r, once r is printed.
func (f *Filter) Forget(r *audit.Result) {
	if f == nil {
		return
	}
	f.mu.Lock()
	delete(f.dropped, r)
	f.mu.Unlock()
}

// Dropped returns the findings Apply took out of r so far.
func (f *Filter) Dropped(r *audit.Result) []audit.Finding {
	if f == nil {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.dropped[r]
}
