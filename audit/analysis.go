package audit

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
}

// analyses holds the results computed for one document.
type analyses struct {
	results  map[any]any
	releases []func()
}

// release hands every result with a Release back to its analysis.
func (a *analyses) release() {
	for _, f := range a.releases {
		f()
	}
	a.releases, a.results = nil, nil
}

// ResultOf returns a's result for the pass's document, computing it once.
func ResultOf[T any](p *Pass, a *Analysis[T]) T {
	if p.shared == nil {
		p.shared = &analyses{}
	}
	if v, ok := p.shared.results[a]; ok {
		return v.(T)
	}
	v := a.Run(p)
	if p.shared.results == nil {
		p.shared.results = map[any]any{}
	}
	p.shared.results[a] = v
	if a.Release != nil {
		p.shared.releases = append(p.shared.releases, func() { a.Release(v) })
	}
	return v
}
