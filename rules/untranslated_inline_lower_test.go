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

// TestLowerIs checks lowerIs, which compares ASCII words byte by byte,
// against lowerIsRunes on the spellings and folds of the test articles'
// words, a spelling against another's fold too, and on words where the
// two cases differ in length or only in non-ASCII letters.
func TestLowerIs(t *testing.T) {
	pairs := [][2]string{{"", ""}, {"a", "A"}, {"a", "b"}, {"ab", "a"}, {"k", "\u212a"}, {"istanbul", "İstanbul"}, {"i̇stanbul", "İstanbul"},
		{"état", "État"}, {"etat", "État"}, {"straße", "STRASSE"}, {"strasse", "STRASSE"}, {"@", "`"}, {"[", "{"}, {"a1", "A1"}}
	var words []string
	for _, text := range testArticles(t) {
		for _, w := range txAppendWords(nil, text, 0, len(text)) {
			words = append(words, text[w.Start:w.End])
		}
		if len(words) > 200000 {
			break
		}
	}
	for i, w := range words {
		pairs = append(pairs, [2]string{wordlists.Fold(w), w}, [2]string{strings.ToLower(w), w}, [2]string{wordlists.Fold(words[(i+1)%len(words)]), w})
	}
	agree := 0
	for _, p := range pairs {
		got, want := lowerIs(p[0], p[1]), lowerIsRunes(p[0], p[1])
		if got != want {
			t.Fatalf("lowerIs(%q, %q) = %v, lowerIsRunes %v", p[0], p[1], got, want)
		}
		if got {
			agree++
		}
	}
	if agree == 0 || agree == len(pairs) {
		t.Fatalf("%d of %d pairs lower: the test reads nothing", agree, len(pairs))
	}
}
