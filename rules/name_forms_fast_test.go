package rules

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// legacyNameKeyOfFold and legacyTranslitKey are the name keys as first
// written: strings.Replacer (comparisons in argument order, as
// prefixReplacer), then the runes decoded one by one.
func legacyNameKeyOfFold(k string) string {
	kb := strings.NewReplacer(
		"tsch", "ch", "tch", "ch", "sh", "ch", "zh", "j", "kh", "h", "ph", "f", "ck", "k",
		"ks", "x", "ou", "u", "w", "v", "gue", "ge", "gui", "gi", "ae", "a", "oe", "o", "ue", "u",
	).Replace(k)
	yAsI := func(r rune) rune {
		if r == 'y' {
			return 'i'
		}
		return r
	}
	var b []byte
	var prev rune
	for i, r := range kb {
		r = yAsI(r)
		if r == 'c' {
			next, _ := utf8.DecodeRuneInString(kb[i+1:])
			if i+1 == len(kb) || !strings.ContainsRune("hei", yAsI(next)) {
				r = 'k'
			}
		}
		if r == prev {
			continue
		}
		b = utf8.AppendRune(b, r)
		prev = r
	}
	if n := len(b); n > 0 && b[n-1] == 'f' {
		b[n-1] = 'v'
	}
	return string(b)
}

func legacyTranslitKey(fold string) string {
	if len(fold) < 4 {
		return ""
	}
	k := strings.NewReplacer(
		"schtsch", "x", "shch", "x", "chtch", "x", "stsch", "x", "tsch", "x", "sch", "x",
		"tch", "x", "zh", "x", "sh", "x", "kh", "x", "ch", "x", "sz", "x", "cz", "x", "h", "x", "g", "x",
		"ts", "c", "tz", "c", "z", "c", "s", "c",
		"w", "v", "y", "i", "j", "i",
	).Replace(fold)
	var b []byte
	var prev rune
	for _, r := range k {
		if r != prev {
			b = utf8.AppendRune(b, r)
		}
		prev = r
	}
	return string(b)
}

// nameFormSamples are spellings for the fold and key tests: names, every
// rune of the Latin blocks and the combining marks after them, random
// strings of Latin letters, pattern letters, marks and invalid bytes.
func nameFormSamples() []string {
	out := []string{"", "A", "Hallberg", "Choukourov", "Shukurov", "Khachaturov", "Chatschaturow", "Étienne",
		"Ærøskøbing", "Straße", "Łódź", "İstanbul", "Omicron", "Cyrus", "Schtschedrin", "e\u0301te\u0301", "Ǆemal",
		"ǅ", "Ⅻ", "ﬁnance", "Ωmega", "Ке", "c\xff", "\xffc", "cé", "cý"}
	for r := rune(0); r < 0x370; r++ {
		out = append(out, string(r), "c"+string(r), "A"+string(r)+"e\u0301")
	}
	alphabet := []rune("abcdeghijkosstuwyzAEOSCZÉéèàçüöäñßæœøłđıİǅǈ\u0301\u0308\u0327-’")
	rng := rand.New(rand.NewPCG(14, 7))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		if rng.IntN(50) == 0 {
			b.WriteByte(0xC3) // a truncated rune
		}
		out = append(out, b.String())
	}
	return out
}

// TestTxFoldByRunes checks txFold's rune table (latinFold) against the
// decomposition of the whole text.
func TestTxFoldByRunes(t *testing.T) {
	for _, s := range nameFormSamples() {
		if got, want := txFold(s), txFoldNFD(s); got != want {
			t.Fatalf("txFold(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(appendTxFold([]byte("x"), s)), "x"+txFoldNFD(s); got != want {
			t.Fatalf("appendTxFold(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestNameKeysAsReplaced checks the name and transliteration keys
// (prefixReplacer, the byte loops) against strings.Replacer and rune
// decoding.
func TestNameKeysAsReplaced(t *testing.T) {
	for _, s := range nameFormSamples() {
		f := txFold(s)
		if got, want := nameKeyOfFold(f), legacyNameKeyOfFold(f); got != want {
			t.Fatalf("nameKeyOfFold(%q) = %q, want %q", f, got, want)
		}
		if got, want := translitKey(f), legacyTranslitKey(f); got != want {
			t.Fatalf("translitKey(%q) = %q, want %q", f, got, want)
		}
		// The raw text too: bytes the fold never leaves.
		if got, want := nameKeyOfFold(s), legacyNameKeyOfFold(s); got != want {
			t.Fatalf("nameKeyOfFold(%q) = %q, want %q", s, got, want)
		}
		if got, want := translitKey(s), legacyTranslitKey(s); got != want {
			t.Fatalf("translitKey(%q) = %q, want %q", s, got, want)
		}
	}
}
