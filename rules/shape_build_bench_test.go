package rules

import (
	"testing"

	"github.com/mtaudit/mtaudit/audit/profile"
)

// BenchmarkShapeBuildReal times the shared token table (buildShape, and
// the word table most rules ask of it) on the real articles, their
// documents made beforehand; CPU time, as the machine is shared.
func BenchmarkShapeBuildReal(b *testing.B) {
	docs, size := realDocuments(b)
	reg := profile.MustBuiltin()
	lex := lexiconFor(reg.Lookup("fr"), reg.Lookup("en"))
	for _, bc := range []struct {
		name  string
		words bool
	}{{"tokens", false}, {"tokens+words", true}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			cpu0 := processCPU()
			for b.Loop() {
				for _, doc := range docs {
					sh := buildShape(doc, lex)
					if bc.words {
						sh.wordsOf()
					}
					sh.release()
				}
			}
			b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/float64(b.N), "cpu-us/op")
		})
	}
}
