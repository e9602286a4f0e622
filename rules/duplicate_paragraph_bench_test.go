package rules

import (
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// realPasses returns a pass per real article of ../shared (French, the
// shared analyses built), or skips.
func realPasses(b *testing.B) ([]*audit.Pass, int) {
	b.Helper()
	texts := realArticles(b)
	var passes []*audit.Pass
	size := 0
	for _, t := range texts {
		doc, err := audit.NewDocument("bench.txt", []byte(t))
		if err != nil {
			b.Fatal(err)
		}
		p := audit.NewPass(doc, nil, func(audit.Diagnostic) {})
		audit.ResultOf(p, nameOccurrencesOf)
		passes = append(passes, p)
		size += len(t)
	}
	return passes, size
}

// BenchmarkDupNameParts times the parts of duplicate.paragraph and the
// name rules on real articles, their shared analyses built beforehand.
func BenchmarkDupNameParts(b *testing.B) {
	passes, size := realPasses(b)
	// each runs f over every pass, b.N times, and reports CPU time: the
	// machine is shared, wall time is noise.
	each := func(f func(p *audit.Pass)) func(b *testing.B) {
		return func(b *testing.B) {
			b.SetBytes(int64(size))
			cpu0 := processCPU()
			for b.Loop() {
				for _, p := range passes {
					f(p)
				}
			}
			b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/float64(b.N), "cpu-us/op")
		}
	}
	wt := &dupFinders.Get().(*dupFinder).words
	b.Run("dupWordTable", each(func(p *audit.Pass) {
		wt.build(shapeOf(p))
		wt.reset()
	}))
	b.Run("duplicate.paragraph", each(runDuplicateParagraph))
	b.Run("nameOccurrences", each(func(p *audit.Pass) {
		t := buildNameOccurrences(shapeOf(p), audit.ResultOf(p, letterRunsAnalysis), nameOccTables.Get().(*nameOccTable))
		t.release()
	}))
	b.Run("name.variant", each(runNameVariant))
	b.Run("summarizeNameBatch", each(func(p *audit.Pass) { summarizeNameBatch(p) }))
}

// BenchmarkDupNameReal is BenchmarkEngineReal with duplicate.paragraph,
// the name rules and untranslated.sentence alone (with the analyses they
// share: the token and word tables, the letter runs, the name
// occurrences), to measure their cost in an audit, the tables in the
// cache as the rules read them, without the other rules' noise.
func BenchmarkDupNameReal(b *testing.B) {
	cfg := audit.DefaultConfig()
	cfg.Rules = []string{"duplicate.paragraph", "name.variant", "name.batch", "untranslated.sentence"}
	benchEngine(b, realArticles(b), cfg)
}

// BenchmarkDupParagraphReal times duplicate.paragraph on the real
// articles with the token and word tables it builds first, a document at
// a time as the engine runs it (the tables released for the next
// document, so their buffers are reused); CPU time, as the machine is
// shared.
func BenchmarkDupParagraphReal(b *testing.B) {
	docs, size := realDocuments(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		for _, doc := range docs {
			p := audit.NewPass(doc, nil, func(audit.Diagnostic) {})
			runDuplicateParagraph(p)
			shapeOf(p).release()
		}
	}
	b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/float64(b.N), "cpu-us/op")
}
