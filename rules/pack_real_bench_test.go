package rules

import (
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
	packs, err := PackRules()
	if err != nil {
		b.Fatal(err)
	}
	cfg := audit.DefaultConfig()
	for _, r := range packs {
		cfg.Rules = append(cfg.Rules, r.ID)
	}
	cfg.Rules = append(cfg.Rules, "scraped.glued-furniture", "scraped.web-prompt", "grammar.bare-participle")
	benchEngine(b, texts, cfg)
}
