package rules

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// benchArticleText generates about size bytes of article-like French text
// that exercises this family's rules: many distinct names (some misspelt),
// brackets, quotations of two styles, both apostrophes, repeated captions
// and a few English sentences.
func benchArticleText(size int, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 7))
	syll := []string{"ka", "ro", "vi", "len", "mar", "tos", "ber", "ski", "nov", "ga", "dri", "sel", "chou", "mi", "tan", "bou", "rik", "za"}
	name := func() string {
		n := 2 + rng.IntN(3)
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(syll[rng.IntN(len(syll))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	names := make([]string, 2000)
	for i := range names {
		names[i] = name()
	}
	sentences := []string{
		"Le ministre %s a déclaré mardi que la situation restait « très préoccupante » à la frontière.",
		"Selon %s, les discussions reprendront au printemps à Lisbonne, a indiqué l'agence.",
		"La porte-parole %s a évoqué des garanties [long-term commitments] sans donner de détails.",
		"%s a rappelé que \"rien n'était exclu\" avant la réunion du conseil de sécurité.",
		"The talks with %s are expected to resume next week, officials said on Tuesday.",
		"Le président %s répond aux journalistes lors d’un point presse à Varsovie, le 3 mars.",
		"Pourquoi? Le texte (publié vendredi par %s) sera examiné : les députés voteront jeudi.",
		"Les grévistes ont brandi des banderoles devant le siège de %s à Lyon le 9 février (AFP).",
	}
	var b strings.Builder
	for b.Len() < size {
		k := 1 + rng.IntN(3)
		for i := 0; i < k; i++ {
			n := names[rng.IntN(len(names))]
			if rng.IntN(40) == 0 {
				n = n[:len(n)-1] + "e" // a variant spelling now and then
			}
			fmt.Fprintf(&b, sentences[rng.IntN(len(sentences))], n)
			b.WriteByte(' ')
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// BenchmarkTextRules runs this family's per-article rules on a generated
// article of 1 MB.
func BenchmarkTextRules(b *testing.B) {
	text := benchArticleText(1<<20, 1)
	cfg := audit.DefaultConfig()
	cfg.Lang = "fr"
	eng, err := audit.NewEngine(textRules(b), cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	findings := 0
	for b.Loop() {
		doc, err := audit.NewDocument("bench.txt", []byte(text))
		if err != nil {
			b.Fatal(err)
		}
		res := eng.Audit(context.Background(), doc)
		findings = len(res.Findings)
	}
	b.ReportMetric(float64(findings), "findings")
}

// BenchmarkNameBatch runs name.batch over 200 generated articles of 5 kB.
func BenchmarkNameBatch(b *testing.B) {
	r := findGoRule("name.batch")
	var docs []*audit.Document
	total := 0
	for i := range 200 {
		text := benchArticleText(5000, uint64(i))
		total += len(text)
		doc, err := audit.NewDocument(fmt.Sprintf("a%d.txt", i), []byte(text))
		if err != nil {
			b.Fatal(err)
		}
		doc.Lang = "fr"
		docs = append(docs, doc)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		r.RunBatch(audit.NewBatchPass(docs, nil, func(int, audit.Diagnostic) {}))
	}
}
