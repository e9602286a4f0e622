package rules

import (
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// BenchmarkNameRules times, over the real articles, the parts of the name
// rules and grammar.link-capital on documents whose token table and word
// table are built already (as other rules build them in an audit): the
// letter runs, the name occurrences, the similarity search over their
// spellings, name.batch's lower-case words and link-capital. It reports
// CPU milliseconds per four passes over each article.
func BenchmarkNameRules(b *testing.B) {
	texts := realArticles(b)
	type prepared struct {
		pass *audit.Pass
		s    *shape
		runs *letterRuns
	}
	var docs []prepared
	size := 0
	for _, text := range texts {
		doc, err := audit.NewDocument("a.txt", []byte(text))
		if err != nil {
			b.Fatal(err)
		}
		p := audit.NewPass(doc, nil, func(audit.Diagnostic) {})
		s := shapeOf(p)
		s.wordsOf()
		docs = append(docs, prepared{p, s, audit.ResultOf(p, letterRunsAnalysis)})
		size += len(text)
	}
	run := func(b *testing.B, f func(d prepared)) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		cpu0 := processCPU()
		for b.Loop() {
			for _, d := range docs {
				// Four times each, as in an audit, where the rules read a
				// document's tables while they are in the cache.
				for range 4 {
					f(d)
				}
			}
		}
		b.ReportMetric((processCPU()-cpu0).Seconds()*1000/float64(b.N), "cpu-ms/op")
	}
	b.Run("letterRuns", func(b *testing.B) {
		run(b, func(d prepared) {
			r := buildLetterRuns(d.s)
			letterRunsAnalysis.Release(r)
		})
	})
	b.Run("occurrences", func(b *testing.B) {
		run(b, func(d prepared) {
			buildNameOccurrences(d.s, d.runs, nameOccTables.Get().(*nameOccTable)).release()
		})
	})
	b.Run("similar", func(b *testing.B) {
		var texts [][]string
		for _, d := range docs {
			var t []string
			for _, s := range buildNameOccurrences(d.s, d.runs, newNameOccTable()).spellings {
				t = append(t, s.Text)
			}
			texts = append(texts, t)
		}
		k := 0
		run(b, func(d prepared) {
			if t := texts[k/4%len(texts)]; len(t) >= 2 {
				d.s.lex.similarPairs(t)
			}
			k++
		})
	})
	b.Run("summaryLower", func(b *testing.B) {
		sc := new(nameBatchScratch)
		run(b, func(d prepared) {
			if !d.runs.markAfter {
				sc.lowerWords(d.s.doc.Text, nil, d.runs)
			}
		})
	})
	b.Run("linkCapital", func(b *testing.B) {
		run(b, func(d prepared) { runLinkCapital(d.pass) })
	})
}
