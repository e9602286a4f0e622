package lang

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pemistahl/lingua-go"
)

// TestByWordLists: snippets settle by the word lists when one side has
// words of its own and the other none; unknown lower-case words, or words
// of both sides, leave the question to lingua-go.
func TestByWordLists(t *testing.T) {
	for _, c := range []struct{ text, a, b, want string }{
		{"security guarantees", "fr", "en", "en"},
		{"part constructeur inclus", "fr", "en", "fr"},
		{"environ 1 000 euros", "fr", "en", "fr"},
		{"(system supported by Examplecorp.id)", "fr", "en", "en"}, // an unknown capitalised word is a name
		{"crowdfunded microgrants", "fr", "en", ""},                // words neither list knows
		{"border checks", "fr", "en", ""},                          // "border" is French too, "checks" English
		{"Grenzkontrollen verschärft", "de", "en", "de"},
		{"border checks tightened", "de", "en", "en"},
		{"controles fronterizos", "es", "en", "es"},
		{"fuentes oficiales", "es", "en", "es"},
		{"", "fr", "en", ""},
		{"1,0 %", "fr", "en", ""},
		{"mots", "xx", "en", ""},
	} {
		if got := byWordLists(c.text, c.a, c.b); got != c.want {
			t.Errorf("byWordLists(%q, %s, %s) = %q, want %q", c.text, c.a, c.b, got, c.want)
		}
	}
}

// TestByWordListsOnRealNews measures the word lists against lingua-go's
// full two-language models on windows of two to four words of real news
// (human French, German and Spanish; English sources): where the lists
// decide, they must be right at least as often as lingua-go on the same
// windows, and right on 98%; and they must decide most windows, or
// lingua-go's models would load for nothing saved.
func TestByWordListsOnRealNews(t *testing.T) {
	if testing.Short() {
		t.Skip("loads lingua-go's full models")
	}
	bench := filepath.Join("..", "..", "..", "shared", "bench")
	english := filepath.Join(bench, "wmt24-news", "en_sources.tsv")
	for _, c := range []struct {
		a, b, want, path string
		col              int
	}{
		{"fr", "en", "fr", filepath.Join(bench, "wmt-fr-news-human", "fr_news_human.tsv"), 4},
		{"fr", "en", "en", english, 2},
		{"de", "en", "de", filepath.Join(bench, "wmt24-news", "de_human.tsv"), 2},
		{"de", "en", "en", english, 2},
		{"es", "en", "es", filepath.Join(bench, "wmt24-news", "es_human.tsv"), 2},
		{"es", "en", "en", english, 2},
	} {
		windows := newsWindows(t, c.path, c.col, 1500)
		det := lingua.NewLanguageDetectorBuilder().FromLanguages(linguaLanguage(c.a), linguaLanguage(c.b)).Build()
		decided, listsRight, linguaRight := 0, 0, 0
		for _, w := range windows {
			l := byWordLists(w, c.a, c.b)
			if l == "" {
				continue
			}
			decided++
			if l == c.want {
				listsRight++
			}
			if got, ok := det.DetectLanguageOf(w); ok && linguaCode(got) == c.want {
				linguaRight++
			}
		}
		t.Logf("%s/%s, %s text (%s): %d windows, lists decide %d, right %d; lingua-go right %d of those",
			c.a, c.b, c.want, filepath.Base(c.path), len(windows), decided, listsRight, linguaRight)
		if decided < len(windows)*8/10 {
			t.Errorf("%s/%s %s text: the lists decide %d of %d windows, want 80%%", c.a, c.b, c.want, decided, len(windows))
		}
		if listsRight < linguaRight || listsRight < decided*98/100 {
			t.Errorf("%s/%s %s text: lists right %d of %d, lingua-go %d", c.a, c.b, c.want, listsRight, decided, linguaRight)
		}
	}
}

// newsWindows reads column col of a TSV file with a header and cuts its
// texts into windows of two to four words, up to max of them.
func newsWindows(t *testing.T, path string, col, max int) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("real news (../shared beside the checkout): %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	sc.Scan() // the header
	var out []string
	for sc.Scan() && len(out) < max {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) <= col {
			continue
		}
		words := strings.Fields(cols[col])
		for i := 0; i+4 <= len(words) && len(out) < max; i += 3 {
			out = append(out, strings.Join(words[i:i+2+len(out)%3], " "))
		}
	}
	if len(out) < max/2 {
		t.Fatalf("%s: %d windows", path, len(out))
	}
	return out
}
