package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	wordlists "github.com/mtaudit/mtaudit/audit/lexicon"
)

// distinctWords reports two spellings that are two words, not one name
// spelled two ways, part by part in hyphenated compounds: every part that
// differs is an acronym in both (Bitcoin-ETPs, Bitcoin-ETFs: MT copies
// acronyms, it does not respell them) or, in a language that capitalises
// its nouns, a word of the language's lexicon in both (VW-Verhältnisse,
// VW-Verhältnis; Wolfsburger, Wolfsburg): German writes its common nouns
// with a capital, and a word the dictionary holds is spelled as meant.
func (lx *lexicon) distinctWords(a, b string) bool {
	pa, pb := strings.Split(a, "-"), strings.Split(b, "-")
	if len(pa) != len(pb) {
		return false
	}
	var words *wordlists.Lexicon
	differ := false
	for k := range pa {
		x, y := pa[k], pb[k]
		if strings.EqualFold(x, y) {
			continue
		}
		differ = true
		if ax, ay := acronymStem(x), acronymStem(y); ax != "" && ay != "" && ax != ay {
			continue
		}
		if !lx.nounsCapitalised {
			return false
		}
		if words == nil {
			if words = wordlists.Get(lx.target.Lang); words == nil {
				return false
			}
		}
		if !words.HasForm(wordlists.Fold(x)) || !words.HasForm(wordlists.Fold(y)) {
			return false
		}
	}
	return differ
}

// acronymStem returns w without a plural s when the rest is an acronym of
// two capitals or more (ETFs: ETF), else "".
func acronymStem(w string) string {
	s := strings.TrimSuffix(w, "s")
	if utf8.RuneCountInString(s) < 2 {
		return ""
	}
	for _, r := range s {
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return ""
		}
	}
	return s
}
