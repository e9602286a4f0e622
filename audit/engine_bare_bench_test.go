package audit_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
	"github.com/mtaudit/mtaudit/internal/corpusgen"
)

// BenchmarkEngineBare audits the real French articles of ../shared with no
// rule at all, the language detected as the command line does: the
// engine's own cost per document (reading the text, segmenting it,
// detecting its language, counting its words, assembling the result).
// Skipped where ../shared is absent. MB/cpu-s is the figure a busy
// machine disturbs least.
func BenchmarkEngineBare(b *testing.B) {
	data, size := realTexts(b)
	eng, err := audit.NewEngine(nil, audit.DefaultConfig())
	if err != nil {
		b.Fatal(err)
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

// BenchmarkSegmentReal splits the real articles of ../shared as the engine
// does: before their language is known, then for French.
func BenchmarkSegmentReal(b *testing.B) {
	data, size := realTexts(b)
	fr := profile.MustBuiltin().Lookup("fr")
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range data {
			doc, err := audit.NewDocument("bench.txt", t)
			if err != nil {
				b.Fatal(err)
			}
			doc.SegmentFor(fr)
		}
	}
}

// BenchmarkWordsReal counts the words of the real articles of ../shared.
func BenchmarkWordsReal(b *testing.B) {
	data, size := realTexts(b)
	texts := make([]string, len(data))
	for i, t := range data {
		texts[i] = string(t)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, t := range texts {
			audit.Words(t)
		}
	}
}

// realTexts reads the real French articles of ../shared (the seeds, human
// news, neural MT) and their size, or skips the benchmark.
func realTexts(b *testing.B) (data [][]byte, size int) {
	b.Helper()
	shared := filepath.Join("..", "..", "shared")
	texts, err := corpusgen.ReadArticles([]string{
		filepath.Join(shared, "corpus", "seeds"),
		filepath.Join(shared, "bench", "wmt-fr-news-human", "fr_news_human.tsv"),
		filepath.Join(shared, "bench", "wmt-defr-mt-news", "defr_mt_outputs.tsv"),
	})
	if err != nil {
		b.Skip("no real corpus in ../shared: ", err)
	}
	for _, t := range texts {
		data = append(data, []byte(t))
		size += len(t)
	}
	return data, size
}
