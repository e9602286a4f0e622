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
}

// analyses holds the results computed for one document.
type analyses struct {
	results map[any]any
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
	return v
}
