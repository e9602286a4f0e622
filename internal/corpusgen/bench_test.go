package corpusgen_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/lang"
	"github.com/mtaudit/mtaudit/internal/corpusgen"
	"github.com/mtaudit/mtaudit/rules"
	"github.com/mtaudit/mtaudit/services/batch"
)

// benchCorpus generates at least 5 MB of article text.
func benchCorpus(b *testing.B) (texts []string, size int64) {
	b.Helper()
	g := corpusgen.New(1)
	for i := 0; size < 5<<20; i++ {
		a := g.Article(i)
		texts = append(texts, a.Text)
		size += int64(len(a.Text))
	}
	return texts, size
}

// benchEngine is the command's engine without flags: every rule, the
// language detected, no LLM.
func benchEngine(b *testing.B) *audit.Engine {
	b.Helper()
	registry, err := rules.All()
	if err != nil {
		b.Fatal(err)
	}
	eng, err := audit.NewEngine(registry, audit.DefaultConfig(), audit.WithDetector(lang.Document))
	if err != nil {
		b.Fatal(err)
	}
	return eng
}

// BenchmarkAuditRulesOnly reads (segments) and audits every article on
// one goroutine: the per-core cost of the rules.
func BenchmarkAuditRulesOnly(b *testing.B) {
	texts, size := benchCorpus(b)
	eng := benchEngine(b)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			doc, err := audit.NewDocument("bench.txt", []byte(t))
			if err != nil {
				b.Fatal(err)
			}
			eng.Audit(context.Background(), doc)
		}
	}
	b.ReportMetric(float64(len(texts))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkBatchRun is a whole run through the batch runner on every CPU,
// batch rules included, nothing written.
func BenchmarkBatchRun(b *testing.B) {
	texts, size := benchCorpus(b)
	eng := benchEngine(b)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		ins := make([]audit.Input, len(texts))
		for i, t := range texts {
			doc, err := audit.NewDocument("bench.txt", []byte(t))
			if err != nil {
				b.Fatal(err)
			}
			ins[i] = audit.Input{Path: doc.Path, Doc: doc}
		}
		_, err := batch.Run(context.Background(), eng, batch.Slice(ins), batch.Options{Workers: runtime.NumCPU()}, func(*batch.Outcome) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(texts))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
