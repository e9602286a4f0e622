package lang

import (
	"strings"
	"testing"
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
