package audit

import (
	"errors"
	"testing"
)

// TestResultOfOncePerDocument: every analysis runs once per document, an
// analysis may ask for another one inside its Run (which then takes a slot
// after it), a nil result is a result, and Release gets each result once,
// when the document's analyses are released, which empties them for the
// next document.
func TestResultOfOncePerDocument(t *testing.T) {
	runs := map[string]int{}
	var released []string
	inner := &Analysis[string]{Name: "inner", Run: func(p *Pass) string {
		runs["inner"]++
		return "inner of " + p.Doc.Text
	}, Release: func(v string) { released = append(released, v) }}
	outer := &Analysis[string]{Name: "outer", Run: func(p *Pass) string {
		runs["outer"]++
		return "outer(" + ResultOf(p, inner) + ")"
	}}
	nothing := &Analysis[error]{Name: "nil", Run: func(*Pass) error {
		runs["nil"]++
		return nil
	}}
	for _, text := range []string{"un", "deux"} {
		doc, err := NewDocument("t.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		shared := newAnalyses() // recycled: the second document may get the first one's
		p := newPass(doc, DefaultConfig(), nil, shared, func(Diagnostic) {})
		for range 3 {
			if got, want := ResultOf(p, outer), "outer(inner of "+text+")"; got != want {
				t.Errorf("outer = %q, want %q", got, want)
			}
			if got := ResultOf(p, inner); got != "inner of "+text {
				t.Errorf("inner = %q", got)
			}
			if err := ResultOf(p, nothing); !errors.Is(err, nil) {
				t.Errorf("nil analysis = %v", err)
			}
		}
		shared.release()
		for k, r := range shared.results {
			if r.done || r.v != nil {
				t.Errorf("released analyses still hold result %d: %v", k, r.v)
			}
		}
		if len(shared.releases) != 0 {
			t.Errorf("released analyses still hold %d releases", len(shared.releases))
		}
	}
	if runs["outer"] != 2 || runs["inner"] != 2 || runs["nil"] != 2 {
		t.Errorf("runs %v, want each twice (once per document)", runs)
	}
	if len(released) != 2 || released[0] != "inner of un" || released[1] != "inner of deux" {
		t.Errorf("released %q", released)
	}
}
