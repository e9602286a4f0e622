package rules

import (
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit/profile"
)

// TestLinkVerbFormFiltered checks linkVerbForm, which first rejects the
// words whose last two bytes end no verb ending, against trying every
// ending, for every language, on the endings themselves, words made on
// them and words of the profile's lists.
func TestLinkVerbFormFiltered(t *testing.T) {
	reg := profile.MustBuiltin()
	src := reg.Lookup("en")
	for _, tgt := range reg.All() {
		lang := tgt.Lang
		lx := lexiconFor(tgt, src)
		unfiltered := func(w string) string {
			if len([]rune(w)) < 6 || hasSuffixIn(w, lx.nameVerbEndings) {
				return ""
			}
			for _, v := range linkVerbEndingsOf(lx).endings {
				if strings.HasSuffix(w, v.infinitive) {
					return "infinitive"
				}
				for _, f := range v.futures {
					if strings.HasSuffix(w, f) {
						return "future"
					}
				}
			}
			return ""
		}
		var words []string
		add := func(e string) {
			for _, stem := range []string{"", "x", "organ", "constru", "préc", "garant", "é"} {
				words = append(words, stem+e, stem+e+"s", stem+e[min(1, len(e)):])
			}
		}
		for _, v := range linkVerbEndingsOf(lx).endings {
			add(v.infinitive)
			for _, f := range v.futures {
				add(f)
			}
		}
		for _, e := range lx.nameVerbEndings {
			add(e)
		}
		for _, set := range []profile.Set{lx.lowerFunction, lx.days, lx.months, lx.nameStopwords, lx.determiners} {
			for w := range set {
				add(w)
			}
		}
		found := 0
		for _, w := range words {
			got, want := lx.linkVerbForm(w), unfiltered(w)
			if got != want {
				t.Fatalf("%s: linkVerbForm(%q) = %q, want %q", lang, w, got, want)
			}
			if got != "" {
				found++
			}
		}
		t.Logf("%s: %d words, %d verb forms", lang, len(words), found)
	}
}

// TestJoinLowerFirst checks joinLowerFirst against the concatenation it
// replaces, on every rune of the first planes and a few others.
func TestJoinLowerFirst(t *testing.T) {
	words := []string{"", "a", "Élan", "İstanbul", "ǅemal", "ΣΟΦΊΑ", "\U0001D400x", "Ⅻe", "ẞtraße"}
	for r := rune(0); r < 0x3000; r++ {
		words = append(words, string(r)+"bc")
	}
	for _, w := range words {
		if got, want := joinLowerFirst("le", w), "le"+" "+lowerFirst(w); got != want {
			t.Fatalf("joinLowerFirst(%q) = %q, want %q", w, got, want)
		}
	}
}
