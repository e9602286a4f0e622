package rules

import "testing"

// builtinLangPacks compiles the built-in packs (eager as the engine
// compiles them, or not) and returns each language's pack once, by
// language: the packs' rules share them.
func builtinLangPacks(t *testing.T, eager bool) map[string]*langPack {
	t.Helper()
	entries, err := decodePackTrees(builtinTree())
	if err != nil {
		t.Fatal(err)
	}
	_, prs, err := compilePackRules(entries, eager)
	if err != nil {
		t.Fatal(err)
	}
	packs := map[string]*langPack{}
	seen := map[*langPack]bool{}
	for _, pr := range prs {
		for lang, lc := range pr.byLang {
			if !seen[lc.lp] {
				seen[lc.lp] = true
				packs[lang] = lc.lp
			}
		}
	}
	return packs
}
