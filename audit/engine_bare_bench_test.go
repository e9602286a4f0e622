package audit_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/internal/corpusgen"
)

// BenchmarkEngineBare audits the real French articles of ../shared with no
// rule at all, the language detected as the command line does: the
// engine's own cost per document (reading the text, segmenting it,
// detecting its language, counting its words, assembling the result).
// Skipped where ../shared is absent. MB/cpu-s is the figure a busy
// machine disturbs least.
func BenchmarkEngineBare(b *testing.B) {
	shared := filepath.Join("..", "..", "shared")
	texts, err := corpusgen.ReadArticles([]string{
		filepath.Join(shared, "corpus", "seeds"),
		filepath.Join(shared, "bench", "wmt-fr-news-human", "fr_news_human.tsv"),
		filepath.Join(shared, "bench", "wmt-defr-mt-news", "defr_mt_outputs.tsv"),
	})
	if err != nil {
		b.Skip("no real corpus in ../shared: ", err)
	}
	eng, err := audit.NewEngine(nil, audit.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	data := make([][]byte, len(texts))
	for i, t := range texts {
		data[i] = []byte(t)
	}
	audit1 := func() {
		for _, t := range data {
			doc, err := audit.NewDocument("bench.txt", t)
			if err != nil {
				b.Fatal(err)
			}
			eng.Audit(context.Background(), doc)
		}
	}
	audit1() // models and tables built outside the timing
	b.SetBytes(int64(size))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		audit1()
	}
	b.ReportMetric(float64(size)/(1<<20)/((cpuTime()-cpu0).Seconds()/float64(b.N)), "MB/cpu-s")
}
