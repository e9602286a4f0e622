package rules

import (
	"context"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// BenchmarkPackRulesReal audits the real articles of ../shared (as
// BenchmarkEngineReal) with the pack rules, the furniture rules and
// grammar.bare-participle only: the share of the engine their issue is
// about, with the analyses they build (views, literal search, furniture
// table, the shared token table). Figures as BenchmarkEngine's.
func BenchmarkPackRulesReal(b *testing.B) {
	texts := realArticles(b)
	cfg := packRulesConfig(b)
	cfg.Rules = append(cfg.Rules, "scraped.glued-furniture", "scraped.web-prompt", "grammar.bare-participle")
	benchEngine(b, texts, cfg)
}

// BenchmarkPackOnlyReal audits the real articles with the pack rules alone,
// the documents built and their language detected once beforehand: the
// pack rules' own cost (views, literal search, checks) without the
// document work BenchmarkPackRulesReal repeats. Figures as
// BenchmarkEngine's, the bytes those of the texts.
func BenchmarkPackOnlyReal(b *testing.B) {
	texts := realArticles(b)
	cfg := packRulesConfig(b)
	registry, err := All()
	if err != nil {
		b.Fatal(err)
	}
	eng, err := audit.NewEngine(registry, cfg)
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	docs := make([]*audit.Document, 0, len(texts))
	for _, t := range texts {
		size += len(t)
		doc, err := audit.NewDocument("bench.txt", []byte(t))
		if err != nil {
			b.Fatal(err)
		}
		if why, err := eng.Prepare(doc); err != nil || why != "" {
			continue
		}
		docs = append(docs, doc)
	}
	timeAudits(b, size, func() {
		for _, doc := range docs {
			eng.Audit(context.Background(), doc)
		}
	})
}

// packRulesConfig enables the pack rules only.
func packRulesConfig(b *testing.B) *audit.Config {
	packs, err := PackRules()
	if err != nil {
		b.Fatal(err)
	}
	cfg := audit.DefaultConfig()
	for _, r := range packs {
		cfg.Rules = append(cfg.Rules, r.ID)
	}
	return cfg
}
