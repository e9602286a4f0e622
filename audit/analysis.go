package audit

import (
	"sync"
	"sync/atomic"
)

// Analysis is a computation over one document that several rules share, in
// the manner of go/analysis' Requires/ResultOf: the engine runs it at most
// once per document, the first time a rule asks, and every later rule of
// the same document reads the same result. Results live with the document's
// audit and die with it; no rule keeps per-document data in a global.
//
// Declare one as a package-level variable and read it with ResultOf:
//
//	var wordTable = &audit.Analysis[*Words]{Name: "words", Run: buildWords}
//	words := audit.ResultOf(pass, wordTable)
type Analysis[T any] struct {
	Name string
	Run  func(*Pass) T
	// Release, when set, is called with the result once the engine has run
	// every rule of the document (never for a pass made by NewPass), so
	// that the analysis can reuse its buffers for the next document. The
	// result must not be used afterwards: an analysis whose result a rule
	// may keep (in a finding, a cache or a batch) must not set it.
	Release func(T)

	slot atomic.Int32 // 1 + the index of its result in a document's analyses; 0 until first used
}

// analysisSlots numbers the analyses in the order they are first used, so
// that a document's results are a slice, not a map keyed by interface.
var analysisSlots atomic.Int32

// index returns a's slot in a document's results, taking one on first use.
func (a *Analysis[T]) index() int {
	if n := a.slot.Load(); n != 0 {
		return int(n - 1)
	}
	a.slot.CompareAndSwap(0, analysisSlots.Add(1)) // a losing goroutine's number stays unused
	return int(a.slot.Load() - 1)
}

// release hands v back to a's Release.
func (a *Analysis[T]) release(v any) {
	t, _ := v.(T)
	a.Release(t)
}

// releaser is an analysis with a Release, whatever its result type.
type releaser interface{ release(any) }

// analyses holds the results computed for one document.
type analyses struct {
	results  []analysisResult // by Analysis.index
	releases []releasable
}

type analysisResult struct {
	v    any
	done bool
}

type releasable struct {
	a releaser
	v any
}

// analysesPool recycles the engine's analyses from one window to the
// next: their two slices, grown again for every window (a few hundred
// appends), were a twentieth of what a run allocated.
var analysesPool = sync.Pool{New: func() any { return new(analyses) }}

// newAnalyses returns empty analyses for one window of the engine's audit;
// release hands them back.
func newAnalyses() *analyses { return analysesPool.Get().(*analyses) }

// release hands every result with a Release back to its analysis, then
// the analyses, emptied, back to the pool: they must not be used again.
func (a *analyses) release() {
	for _, r := range a.releases {
		r.a.release(r.v)
	}
	// Emptied but kept at their length: no result is held past its
	// document, and the next window fills the same slots.
	clear(a.results)
	clear(a.releases)
	a.releases = a.releases[:0]
	analysesPool.Put(a)
}

// ResultOf returns a's result for the pass's document, computing it once.
func ResultOf[T any](p *Pass, a *Analysis[T]) T {
	if p.shared == nil {
		p.shared = &analyses{}
	}
	k := a.index()
	if k < len(p.shared.results) && p.shared.results[k].done {
		v, _ := p.shared.results[k].v.(T) // a nil interface result is T's zero value
		return v
	}
	v := a.Run(p)
	// Run may have asked for other analyses: the slice is grown after it.
	if k >= len(p.shared.results) {
		// Room for every analysis numbered so far: grown about once a document.
		n := max(k+1, int(analysisSlots.Load()))
		p.shared.results = append(p.shared.results, make([]analysisResult, n-len(p.shared.results))...)
	}
	p.shared.results[k] = analysisResult{v: v, done: true}
	if a.Release != nil {
		p.shared.releases = append(p.shared.releases, releasable{a: a, v: v})
	}
	return v
}
