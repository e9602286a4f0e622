package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/internal/corpusgen"
)

// BenchmarkEngineReal audits the real articles of ../shared (the seeds,
// human French news and neural MT into French: 745 articles, 1.9 MB),
// every rule, the language detected as the command line does when none
// is given, on one goroutine. It is skipped where ../shared is absent.
// Figures as BenchmarkEngine's.
func BenchmarkEngineReal(b *testing.B) {
	texts := realArticles(b)
	benchEngine(b, texts, audit.DefaultConfig())
}

// readRealArticles reads the real French articles of ../shared (the
// seeds, human news, neural MT); ok is false where they are absent.
func readRealArticles(tb testing.TB) (texts []string, ok bool) {
	tb.Helper()
	shared := filepath.Join("..", "..", "shared")
	sources := []string{
		filepath.Join(shared, "corpus", "seeds"),
		filepath.Join(shared, "bench", "wmt-fr-news-human", "fr_news_human.tsv"),
		filepath.Join(shared, "bench", "wmt-defr-mt-news", "defr_mt_outputs.tsv"),
	}
	for _, s := range sources {
		if _, err := os.Stat(s); err != nil {
			return nil, false
		}
	}
	texts, err := corpusgen.ReadArticles(sources)
	if err != nil {
		tb.Fatal(err)
	}
	return texts, true
}

// realArticles reads the real French articles of ../shared (the seeds,
// human news, neural MT), or skips the benchmark where they are absent.
func realArticles(b *testing.B) []string {
	b.Helper()
	texts, ok := readRealArticles(b)
	if !ok {
		b.Skip("no real corpus in ../shared")
	}
	return texts
}

// realDocuments is realArticles as documents, with their total size.
func realDocuments(b *testing.B) ([]*audit.Document, int) {
	b.Helper()
	var docs []*audit.Document
	size := 0
	for _, t := range realArticles(b) {
		doc, err := audit.NewDocument("bench.txt", []byte(t))
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
		size += len(t)
	}
	return docs, size
}
