package llm

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/llm/llmtest"
)

// TestSeedsNeedsLLMItemsAreFound sends the shared seed articles (read at
// test time, when present) through the pass with a server that returns the
// needs=llm gold items quoted in each chunk, and checks that chunking and
// anchoring bring every one of them back at its place.
func TestSeedsNeedsLLMItemsAreFound(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "seeds")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no seed corpus at %s", dir)
	}
	files, err := llmtest.LoadGold(dir)
	if err != nil {
		t.Fatal(err)
	}
	items := llmtest.GoldItems(files)
	if len(items) == 0 {
		t.Skip("no needs=llm items in the seeds")
	}
	srv := llmtest.New(llmtest.Gold(items))
	defer srv.Close()
	for _, budget := range []int{DefaultChunkTokens, 150} {
		p, _ := newTestPass(t, srv.URL, func(o *Options) { o.ChunkTokens = budget })
		for _, g := range files {
			doc, err := audit.NewDocument(g.Name+".txt", []byte(g.Text))
			if err != nil {
				t.Fatal(err)
			}
			doc.Lang = g.Lang
			fs, st, err := p.Check(context.Background(), doc)
			if err != nil {
				t.Fatalf("%s: %v", g.Name, err)
			}
			if st.Unanchored != 0 {
				t.Errorf("%s (budget %d): %d gold quotes unanchored", g.Name, budget, st.Unanchored)
			}
			for _, it := range g.Findings {
				if it.Needs != "llm" {
					continue
				}
				if !foundAt(doc.Text, fs, it) {
					t.Errorf("%s (budget %d): %s %q not found", g.Name, budget, it.Category, it.Quote)
				}
			}
		}
	}
}

// foundAt reports whether a finding of the item's category overlaps one of
// the item's occurrences (the gold matching rule of findings.md).
func foundAt(text string, fs []audit.Finding, it llmtest.GoldItem) bool {
	n := 0
	for off := 0; ; {
		i := strings.Index(text[off:], it.Quote)
		if i < 0 {
			return false
		}
		start, end := off+i, off+i+len(it.Quote)
		off = start + 1
		n++
		if it.Occurrence > 0 && n != it.Occurrence {
			continue
		}
		for _, f := range fs {
			if string(f.Category) == it.Category && f.Start < end && start < f.End {
				return true
			}
		}
	}
}
