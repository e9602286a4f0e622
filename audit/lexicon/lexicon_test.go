package lexicon

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestLookups(t *testing.T) {
	cases := []struct {
		id   string
		word string
		has  bool
		form bool // HasForm
	}{
		{"en", "modernize", true, true},
		{"en", "advisor", true, true},
		{"en", "airspace", true, true},
		{"en", "london", false, false}, // a name, in en.names
		{"en.names", "london", true, true},
		{"en.names", "airspace", false, false},
		{"en.names", "brown", true, true}, // a name and a word
		{"fr", "armée", true, true},
		{"fr", "modernize", false, false},
		{"fr", "dirigeable", true, true},
		{"es", "modernizar", true, true},
		{"es", "rescatado", false, true}, // rescatar through "ado:ar"
		{"es", "casas", false, true},
		{"es", "han", true, true}, // an extra word
		{"es", "airspace", false, false},
		{"de", "flüchtlingen", true, true},
		{"de", "council", false, false},
		{"it", "quindi", true, true},
		{"pt", "audiência", true, true},
		{"fr", "", false, false},
		{"fr", "zzzzzzzzzzzz", false, false},
		{"fr", "a", true, true},
	}
	for _, c := range cases {
		l := Get(c.id)
		if l == nil {
			t.Fatalf("no lexicon %s", c.id)
		}
		if got := l.Has(c.word); got != c.has {
			t.Errorf("%s.Has(%q) = %v, want %v", c.id, c.word, got, c.has)
		}
		if got := l.HasForm(c.word); got != c.form {
			t.Errorf("%s.HasForm(%q) = %v, want %v", c.id, c.word, got, c.form)
		}
	}
	for _, c := range []struct {
		id, word string
		want     bool
	}{
		{"es", "opinion", true}, {"fr", "diners", true}, {"fr", "advisor", false}, {"es", "opinión", false}, {"fr", "", false},
		{"fr", "sénior", true}, {"fr", "bâteau", true}, {"fr", "dîners", false},
	} {
		if got := Get(c.id).HasAccented(c.word); got != c.want {
			t.Errorf("%s.HasAccented(%q) = %v", c.id, c.word, got)
		}
	}
	if Get("xx") != nil {
		t.Error("a lexicon for xx")
	}
	if !Get("de").CapitalisedNouns() || Get("fr").CapitalisedNouns() {
		t.Error("capitalised_nouns: want de only")
	}
}

// TestEveryWordFound decodes each shipped lexicon and looks up every word
// it holds, and the word with a byte appended, which must be absent unless
// it is a word too.
func TestEveryWordFound(t *testing.T) {
	specs, err := Specs()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range specs {
		l := Get(s.ID)
		words := l.Words()
		if len(words) != l.Len() || len(words) < 1000 {
			t.Fatalf("%s: %d words, Len %d", s.ID, len(words), l.Len())
		}
		set := make(map[string]bool, len(words))
		for _, w := range words {
			set[w] = true
		}
		step := 1
		if testing.Short() {
			step = 97
		}
		for i := 0; i < len(words); i += step {
			w := words[i]
			if !l.Has(w) {
				t.Fatalf("%s: %q not found", s.ID, w)
			}
			if x := w + "q"; l.Has(x) != set[x] {
				t.Fatalf("%s: Has(%q) = %v", s.ID, x, !set[x])
			}
			if x := w[:len(w)-1]; x != "" && l.Has(x) != set[x] {
				t.Fatalf("%s: Has(%q) = %v", s.ID, x, !set[x])
			}
		}
	}
}

// TestShippedDataMatchesGenerator rebuilds every lexicon from the word lists
// under /usr/share/dict, when they are installed, and compares it with the
// shipped file: run `go run ./audit/lexicon/gen` after changing the specs
// or the lists.
func TestShippedDataMatchesGenerator(t *testing.T) {
	specs, err := Specs()
	if err != nil {
		t.Fatal(err)
	}
	open := func(file string) (io.ReadCloser, error) { return os.Open(filepath.Join(DictDir, file)) }
	for _, s := range specs {
		extra, err := ReadExtra(filepath.Join("extra", s.ID+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := BuildFile(s, open, extra)
		if errors.Is(err, fs.ErrNotExist) {
			t.Logf("%s: source not installed, skipped: %v", s.ID, err)
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		parts, err := shippedParts()
		if err != nil {
			t.Fatal(err)
		}
		if got := parts[s.ID]; got != string(want) {
			t.Errorf("%s: shipped data differs from what the generator builds from %s; run go run ./audit/lexicon/gen", s.ID, DictDir)
		}
	}
}

func TestBuildSelects(t *testing.T) {
	files := map[string]string{
		"a": "Apple\napple\nLondon\nLondon's\nrock'n'roll\nwell-known\n-pre\nÉcole\n\nzèbre\n",
	}
	open := func(f string) (io.ReadCloser, error) {
		s, ok := files[f]
		if !ok {
			return nil, fs.ErrNotExist
		}
		return io.NopCloser(strings.NewReader(s)), nil
	}
	src := []Source{{Package: "p", File: "a", Licence: "l"}}
	for _, c := range []struct {
		sel  string
		want []string
	}{
		{"all", []string{"apple", "london", "well-known", "zèbre", "école"}},
		{"common", []string{"apple", "well-known", "zèbre"}},
		{"names", []string{"apple", "london", "école"}},
	} {
		payload, err := Build(&Spec{ID: "xx", Lang: "xx", Select: c.sel, Sources: src}, open, []string{"Extra"})
		if err != nil {
			t.Fatal(err)
		}
		d, err := decode(payload)
		if err != nil {
			t.Fatal(err)
		}
		want := append(append([]string{}, c.want...), "extra")
		if got := d.words(); !sameSet(got, want) {
			t.Errorf("select %s: got %q, want %q", c.sel, got, want)
		}
	}
	if _, err := Build(&Spec{ID: "xx", Lang: "xx", Select: "all", Sources: src}, open, []string{"two  spaces"}); err == nil {
		t.Error("a malformed extra word is accepted")
	}
	if _, err := Build(&Spec{ID: "xx", Lang: "xx", Sources: []Source{{File: "missing"}}}, open, nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing source: %v", err)
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, w := range a {
		m[w]++
	}
	for _, w := range b {
		m[w]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestDecodeRejectsBadData(t *testing.T) {
	good := encode("xx", []string{"a", "ab", "b"})
	if _, err := decode(good); err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string][]byte{
		"empty":         nil,
		"header":        []byte("something else\n"),
		"version":       []byte("mtaudit-lexicon 9 xx 0\n"),
		"count":         []byte("mtaudit-lexicon 1 xx 5\n\x00a\n"),
		"no newline":    []byte("mtaudit-lexicon 1 xx 1\n\x00a"),
		"shared > prev": []byte("mtaudit-lexicon 1 xx 2\n\x00a\n\x05b\n"),
		"unsorted":      []byte("mtaudit-lexicon 1 xx 2\n\x00b\n\x00a\n"),
		"empty word":    []byte("mtaudit-lexicon 1 xx 1\n\x00\n"),
	} {
		if _, err := decode(p); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestParseSpecsRejects(t *testing.T) {
	for name, y := range map[string]string{
		"unknown key": "lexicons:\n  - id: xx\n    lang: xx\n    colour: red\n",
		"no sources":  "lexicons:\n  - id: xx\n    lang: xx\n",
		"bad id":      "lexicons:\n  - id: yy\n    lang: xx\n    sources: [{package: p, file: f, licence: l}]\n",
		"bad select":  "lexicons:\n  - id: xx\n    lang: xx\n    select: some\n    sources: [{package: p, file: f, licence: l}]\n",
		"bad ending":  "lexicons:\n  - id: xx\n    lang: xx\n    endings: [\"s\"]\n    sources: [{package: p, file: f, licence: l}]\n",
		"no licence":  "lexicons:\n  - id: xx\n    lang: xx\n    sources: [{package: p, file: f}]\n",
	} {
		if _, err := parseSpecs([]byte(y)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func BenchmarkHas(b *testing.B) {
	fr := Get("fr")
	words := []string{"armée", "modernize", "gouvernement", "airspace", "de", "zygomatique", "été", "lockdown"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fr.Has(words[i%len(words)])
	}
}

func BenchmarkHasFormSpanish(b *testing.B) {
	es := Get("es")
	words := []string{"rescatado", "modernize", "gobiernos", "airspace", "de", "casas", "dijeron", "lockdown"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		es.HasForm(words[i%len(words)])
	}
}

func BenchmarkLoad(b *testing.B) {
	parts, err := shippedParts()
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		if _, _, err := load(parts["fr"]); err != nil {
			b.Fatal(err)
		}
	}
}

// Loading reads a shipped lexicon's header and first-byte index only: this
// test checks every entry of every shipped lexicon, as decoding the
// payload did, and that the data holds the specs' lexicons and no other.
func TestShippedFilesVerify(t *testing.T) {
	specs, err := Specs()
	if err != nil {
		t.Fatal(err)
	}
	parts, err := shippedParts()
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != len(specs) {
		t.Errorf("%d lexicons shipped for %d specs", len(parts), len(specs))
	}
	for _, s := range specs {
		d, rest, err := load(parts[s.ID])
		if err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		if rest != "" {
			t.Errorf("%s: %d bytes after it", s.ID, len(rest))
		}
		if err := d.verify(); err != nil {
			t.Errorf("%s: %v", s.ID, err)
		}
	}
}

func TestLoadRoundTrip(t *testing.T) {
	words := []string{"a", "ab", "abc", "abd", "b", "ba", "bb", "bc", "bd", "c", "ca", "éa"}
	d, err := decode(encode("xx", words))
	if err != nil {
		t.Fatal(err)
	}
	file := d.marshal()
	l, rest, err := load(string(file) + "next")
	if err != nil || rest != "next" {
		t.Fatal(err, rest)
	}
	if err := l.verify(); err != nil {
		t.Fatal(err)
	}
	if got := l.words(); !slices.Equal(got, words) {
		t.Errorf("words = %v", got)
	}
	for _, w := range words {
		if !l.has(w) || l.has(w+"z") {
			t.Errorf("has(%q) wrong", w)
		}
	}
	// Broken data: load refuses bad headers and sizes.
	head := bytes.IndexByte(file, '\n') + 1
	for name, f := range map[string][]byte{
		"empty":            nil,
		"version":          bytes.Replace(file, []byte(" 3 xx"), []byte(" 2 xx"), 1),
		"restart count":    bytes.Replace(file, []byte(" 12 2 "), []byte(" 12 3 "), 1),
		"truncated":        file[:head+3],
		"no last eol":      append(append([]byte{}, file[:len(file)-1]...), 'x'),
		"first-byte index": append(append(append([]byte{}, file[:head]...), 0xff, 0, 0, 0), file[head+4:]...),
	} {
		if _, _, err := load(string(f)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// verify finds what load leaves to it, and lookups in such data answer
	// without running off it.
	bad, _, _ := load(string(bytes.Replace(file, []byte("\x01c\n"), []byte("\x01a\n"), 1)))
	if bad == nil || bad.verify() == nil {
		t.Error("unsorted entries: verify found nothing")
	}
	restarts := head + 4*257
	broken := append([]byte{}, file...)
	copy(broken[restarts+4:], []byte{0xff, 0xff, 0, 0})
	bad, _, err = load(string(broken))
	if err != nil {
		t.Fatal(err)
	}
	if bad.verify() == nil {
		t.Error("bad restart offset: verify found nothing")
	}
	for _, w := range append(words, "zz", "bz") {
		bad.has(w)
	}
}

// TestConcurrentFirstUse asks for lexicons from many goroutines at once, as
// the engine's workers do on their first articles (run with -race).
func TestConcurrentFirstUse(t *testing.T) {
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for _, id := range []string{"it", "en", "pt"} {
				l := Get(id)
				if !l.HasForm(l.Words()[g*100]) {
					t.Errorf("%s: a word of the list not found", id)
				}
			}
		}(g)
	}
	wg.Wait()
}
