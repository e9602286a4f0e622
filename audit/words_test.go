package audit

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// wordsByRune is countWords as it was first written, rune by rune with the
// Unicode tables: the table-driven count must agree with it on any text.
func wordsByRune(s string, limit int) int {
	n, in := 0, false
	var prev rune
	for i, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
			if n == limit {
				return n
			}
		}
		switch {
		case w:
			in = true
		case in && (r == '\'' || r == '’' || r == '-'):
		case in && (r == ',' || r == '.') && unicode.IsDigit(prev) && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
		default:
			in = false
		}
		prev = r
	}
	return n
}

var wordCases = []struct {
	text string
	want int
}{
	{"", 0},
	{"Le conseil a voté.", 4},
	{"aujourd’hui l'État, c'est-à-dire", 3},
	{"3,5 % et 1.000.000 d'euros", 4},
	{"fin. 3", 2},
	{"12,", 1},
	{"a - b", 2},
	{"٣٤ ℃ Ⅻ ½", 1}, // Arabic-Indic digits are digits; ℃, Ⅻ and ½ are neither letters nor digits
	{"x\xffy", 2},
	{"Ünïcödé mots ’quoted’", 3},
}

func TestCountWords(t *testing.T) {
	for _, c := range wordCases {
		if got := Words(c.text); got != c.want {
			t.Errorf("Words(%q) = %d, want %d", c.text, got, c.want)
		}
		if ref := wordsByRune(c.text, -1); ref != c.want {
			t.Errorf("reference count of %q = %d, want %d", c.text, ref, c.want)
		}
		for limit := 1; limit <= c.want+1; limit++ {
			if got, want := HasWords(c.text, limit), c.want >= limit; got != want {
				t.Errorf("HasWords(%q, %d) = %v", c.text, limit, got)
			}
		}
	}
}

func FuzzCountWords(f *testing.F) {
	for _, c := range wordCases {
		f.Add(c.text, -1)
	}
	f.Add("1,2.3'4-5’6", 3)
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if got, want := countWords(s, limit), wordsByRune(s, limit); got != want {
			t.Fatalf("countWords(%q, %d) = %d, the rune-by-rune count %d", s, limit, got, want)
		}
	})
}

func BenchmarkWords(b *testing.B) {
	text := ""
	for len(text) < 1<<16 {
		text += "Le conseil municipal a voté jeudi un budget en hausse de 3,5 %, a indiqué l’adjointe. "
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Words(text)
	}
}

// TestLatinLetter2: the two-byte shortcut agrees with the Unicode tables on
// every rune it can read, and reads no other.
func TestLatinLetter2(t *testing.T) {
	for r := rune(0x80); r < 0x800; r++ {
		s := string(r) + "x"
		want := r >= 0xC0 && r <= 0x17F && unicode.IsLetter(r)
		if got := latinLetter2(s, 0); got != want {
			t.Errorf("latinLetter2(%U) = %v, want %v", r, got, want)
		}
	}
	for _, bad := range []string{"\xc3", "\xc3x", "\xc4\xc4"} {
		if latinLetter2(bad, 0) {
			t.Errorf("latinLetter2(%q) = true", bad)
		}
	}
}

// TestCountWordsBlocks compares the count with the rune-by-rune one on
// many texts of the characters its rules tell apart, long enough for
// several blocks of eight bytes, at every limit.
func TestCountWordsBlocks(t *testing.T) {
	alphabet := []string{"a", "Z", "1", "9", ",", ".", "-", "'", " ", "é", "’", "٣", "\xff", "×", "@", "[", "`", "{", "/", ":",
		"À", "ÿ", "÷", "Ā", "ſ", "ė", "ŷ", "\xc3", "\xc5", "\x97", "\xb7", "«", "\u00a0", "œ", "ß", "ª", "µ", "\x00"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for n := rng.IntN(64); n > 0; n-- {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		want := wordsByRune(s, -1)
		if got := countWords(s, -1); got != want {
			t.Fatalf("countWords(%q) = %d, the rune-by-rune count %d", s, got, want)
		}
		for limit := 0; limit <= want+1; limit++ {
			if got, want := countWords(s, limit), wordsByRune(s, limit); got != want {
				t.Fatalf("countWords(%q, %d) = %d, the rune-by-rune count %d", s, limit, got, want)
			}
		}
	}
}

// validUTF8 agrees with utf8.Valid on texts of every kind of byte
// sequence, valid and broken, long enough for several blocks.
func TestValidUTF8(t *testing.T) {
	pieces := []string{"a", " ", "é", "É", "ß", "×", "ÿ", "Ā", "ſ", "ߟ", "\u0080", "’", "…", "€", "😀", "\U0010FFFF",
		"\xc2", "\xc1\xbf", "\xc0\x80", "\xe0\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff", "\x80", "\xbf", "\xdf", "\xe2\x80", "\x00"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		var b strings.Builder
		for n := rng.IntN(24); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := []byte(b.String())
		if got, want := validUTF8(s), utf8.Valid(s); got != want {
			t.Fatalf("validUTF8(%q) = %v, utf8.Valid %v", s, got, want)
		}
	}
}

func FuzzValidUTF8(f *testing.F) {
	f.Add([]byte("Le conseil a voté l’été"))
	f.Add([]byte("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := validUTF8(b), utf8.Valid(b); got != want {
			t.Fatalf("validUTF8(%q) = %v, utf8.Valid %v", b, got, want)
		}
	})
}
