package rules

import (
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// midRules are the mid-size rules BenchmarkFurnitureParts times after the
// furniture table, each on the analyses other rules share built beforehand.
var midRules = []string{
	"scraped.glued-furniture", "scraped.web-prompt", "scraped.headline",
	"scraped.related-headline", "grammar.link-capital", "grammar.bare-participle",
	"garbled.fused-sentence", "typography.quote-mix", "typography.apostrophe-mix",
	"untranslated.sentence", "untranslated.bracket",
}

// BenchmarkFurnitureParts times the furniture table (furnitureTableOf) and
// the mid-size rules on the real articles, the token table, its word table
// and the wrong-language verdict built beforehand, so each figure is the
// part's own work.
func BenchmarkFurnitureParts(b *testing.B) {
	passes, size := realPasses(b)
	for _, p := range passes {
		shapeOf(p).wordsOf()
		audit.ResultOf(p, wrongLanguageOf)
	}
	each := func(f func(p *audit.Pass)) func(b *testing.B) {
		return func(b *testing.B) {
			for _, p := range passes {
				f(p) // what loads on first use (vocabularies, models)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			cpu0 := processCPU()
			for b.Loop() {
				for _, p := range passes {
					f(p)
				}
			}
			b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/float64(b.N), "cpu-us/op")
		}
	}
	// The table and the two rules that read it, together: the table's
	// classes are worked out as the rules read them.
	furniture := func(p *audit.Pass) {
		s := shapeOf(p)
		if len(s.toks) == 0 {
			return
		}
		tb := buildFurnitureTable(s, furnitureOf(s))
		gluedFurniture(p, s, tb)
		if len(s.blocks) >= 2 {
			webPrompts(p, s, tb)
		}
		tb.release()
	}
	b.Run("furniture", each(furniture))
	// The same four times a document in a row: its tokens stay in the
	// caches, as in an audit, where every rule reads the same document.
	b.Run("furniture-warm4", each(func(p *audit.Pass) {
		for range 4 {
			furniture(p)
		}
	}))
	for _, p := range passes {
		furnitureTableOf(p)
	}
	for _, id := range midRules {
		r, ok := Lookup(id)
		if !ok {
			b.Fatalf("no rule %s", id)
		}
		b.Run(id, each(r.Run))
		// Four times a document in a row, as furniture-warm4.
		b.Run(id+"-warm4", each(func(p *audit.Pass) {
			for range 4 {
				r.Run(p)
			}
		}))
	}
}
