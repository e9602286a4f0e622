package reports

import (
	"bytes"
	"sync"
	"testing"
)

// A Prerenderer's articles rendered on several goroutines at once, then
// written in order, give what Article gives: the golden reports, byte for
// byte, for every format that prerenders.
func TestPrerenderedIsArticle(t *testing.T) {
	results := sampleResults(t)
	s := sampleSummary(t, results)
	checked := 0
	for _, format := range FormatNames() {
		o := Options{Tool: testTool, LocalizeJSON: format == "jsonl"}
		p, err := New(format, o)
		if err != nil {
			t.Fatal(err)
		}
		pr, ok := p.(Prerenderer)
		if !ok {
			continue
		}
		checked++
		rendered := make([][]byte, len(results))
		var wg sync.WaitGroup
		for i, r := range results {
			wg.Go(func() {
				b, err := pr.RenderArticle(r)
				if err != nil {
					t.Error(err)
				}
				rendered[i] = b
			})
		}
		wg.Wait()
		var got bytes.Buffer
		if err := pr.Start(&got); err != nil {
			t.Fatal(err)
		}
		for _, b := range rendered {
			if err := pr.WriteRendered(&got, b); err != nil {
				t.Fatal(err)
			}
		}
		if err := pr.End(&got, s); err != nil {
			t.Fatal(err)
		}
		want := render(t, format, o, results, s)
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s: prerendered output differs from Article's:\n%s", format, firstDiff(string(want), got.String()))
		}
	}
	if checked < 2 {
		t.Errorf("%d formats prerender, want json and jsonl at least", checked)
	}
}
