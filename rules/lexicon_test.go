package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit/profile"
)

// hasDistinctive answers as strings.ContainsAny with the distinctive
// letters, for every language, on every rune below U+0900 alone and in a
// word, invalid UTF-8, U+FFFD and the words of the test articles.
func TestHasDistinctive(t *testing.T) {
	words := []string{"", "\xff", "a\xc3", "\xc3A", "\xc0\x80", "\xc1\xbf", "é\xc3", "\xe2\x80", "a\uFFFDb", "\uFFFD", "straße", "ŒUVRE", "日本語", "ǅemal", "e\u0301te\u0301"}
	for r := rune(0); r < 0x900; r++ {
		words = append(words, string(r), "ab"+string(r)+"cd")
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "articles", "*.txt"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		words = append(words, strings.Fields(string(data))...)
	}
	reg := profile.MustBuiltin()
	checked := 0
	for _, p := range reg.All() {
		lx := lexiconFor(p, reg.Lookup("en"))
		if lx.distinctive != "" {
			checked++
		}
		for _, w := range words {
			if got, want := lx.hasDistinctive(w), strings.ContainsAny(w, lx.distinctive); got != want {
				t.Fatalf("%s: hasDistinctive(%q) = %v, want %v (letters %q)", p.Lang, w, got, want, lx.distinctive)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no language has distinctive letters")
	}
}
