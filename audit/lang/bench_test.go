package lang

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/internal/corpusgen"
)

// The cost of Document per article, the engine's detection when no target
// is given and the wrong-language rule's first step when one is.
func BenchmarkDocument(b *testing.B) {
	french := strings.Repeat("Le conseil municipal a approuvé mardi la nouvelle ligne de tramway, selon l'adjoint au maire, qui reliera les quartiers nord à la gare. ", 30)
	dutch := strings.Repeat("De gemeenteraad heeft dinsdag ingestemd met een nieuwe tramlijn die de noordelijke wijken met het station zal verbinden. ", 30)
	d := Default()
	for name, text := range map[string]string{"french": french, "dutch": dutch} {
		b.Run(name, func(b *testing.B) {
			d.Document(text, "fr") // models loaded once, outside the timing
			b.SetBytes(int64(min(len(text), documentHead)))
			for b.Loop() {
				d.Document(text, "fr")
			}
		})
	}
}

// BenchmarkDocumentReal guesses the language of the real French articles of
// ../shared (the seeds, human news, neural MT) as the engine does when no
// target is given. Skipped where ../shared is absent.
func BenchmarkDocumentReal(b *testing.B) {
	shared := filepath.Join("..", "..", "..", "shared")
	texts, err := corpusgen.ReadArticles([]string{
		filepath.Join(shared, "corpus", "seeds"),
		filepath.Join(shared, "bench", "wmt-fr-news-human", "fr_news_human.tsv"),
		filepath.Join(shared, "bench", "wmt-defr-mt-news", "defr_mt_outputs.tsv"),
	})
	if err != nil {
		b.Skip("no real corpus in ../shared: ", err)
	}
	d := Default()
	targets := d.Targets()
	size := 0
	for _, t := range texts {
		size += len(t)
		d.Document(t, targets...) // models loaded outside the timing
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, t := range texts {
			d.Document(t, targets...)
		}
	}
}
