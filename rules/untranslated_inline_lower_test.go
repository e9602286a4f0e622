package rules

import (
	"strings"
	"testing"

	wordlists "github.com/mtaudit/mtaudit/audit/lexicon"
)

// lower reuses a word's fold only when it is strings.ToLower of the text.
func TestInlineWordLower(t *testing.T) {
	for _, text := range []string{"Reuters", "reuters", "ÉTATS", "E\u0301tats", "Oʼneill", "İstanbul", "Straße", "ΣΟΦΙΑ", ""} {
		w := inlineWord{spell: &inlineFacts{key: text, folded: &inlineFacts{key: wordlists.Fold(text)}}}
		if got, want := w.lower(), strings.ToLower(text); got != want {
			t.Errorf("lower(%q) = %q, want %q", text, got, want)
		}
	}
}
