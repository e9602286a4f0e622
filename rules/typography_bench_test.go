package rules

import "testing"

// smallRules are the per-document rules of one small scan each that
// BenchmarkSmallRuleParts times.
var smallRules = []string{
	"typography.spacing", "negation.double-negative", "typography.quote-mix",
	"garbled.fused-sentence", "garbled.orphan", "garbled.repeated-word",
	"garbled.truncated-sentence", "garbled.double-stop", "garbled.lowercase-start",
	"garbled.unfinished-paragraph", "typography.apostrophe-mix", "typography.quote-locale",
	"typography.clock", "typography.currency-position", "typography.number-format",
	"typography.inverted-marks", "grammar.qui-que", "grammar.fused-article",
	"negation.nothing-on-the-table",
}

// BenchmarkSmallRuleParts times each small rule on the real articles, the
// analyses other rules share (the token table, its word table) built
// beforehand, so each figure is the rule's own scan.
func BenchmarkSmallRuleParts(b *testing.B) {
	passes, size := realPasses(b)
	for _, p := range passes {
		shapeOf(p).wordsOf()
	}
	// The analyses the small rules share, built for each rule above.
	var tm tokenMarks
	b.Run("tokenMarks", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		cpu0 := processCPU()
		for b.Loop() {
			for _, p := range passes {
				tm.build(shapeOf(p))
			}
		}
		b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/float64(b.N), "cpu-us/op")
	})
	for _, id := range smallRules {
		r, ok := Lookup(id)
		if !ok {
			b.Fatalf("no rule %s", id)
		}
		b.Run(id, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			cpu0 := processCPU()
			for b.Loop() {
				for _, p := range passes {
					r.Run(p)
				}
			}
			b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/float64(b.N), "cpu-us/op")
		})
	}
}
