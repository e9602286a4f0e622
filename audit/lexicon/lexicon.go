// Package lexicon answers whether a word belongs to a language: one word
// list per language, derived from Debian's word-list packages (see
// README.md and data/lexicons.yaml), shipped in the binary front-coded and
// ready for lookups, and loaded the first time a language is asked for.
// Lookups binary-search the front-coded list in place: no map of the words
// is ever built and loading decodes nothing, so a process that audits
// French holds about 1.4 MB for it and nothing for the languages it never
// meets.
package lexicon

import (
	"embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"

	"github.com/mtaudit/mtaudit/audit/profile"
)

//go:embed data/lexicons.yaml
var embedded embed.FS

// shipped holds every lexicon, ready for lookups (see format.go): a string,
// so that loading a lexicon copies nothing.
//
//go:embed data/lexicons.lex
var shipped string

// ShippedFile is the file of data/ the generator writes the lexicons to.
const ShippedFile = "lexicons.lex"

// Lexicon is one language's word list. It is safe for concurrent use.
type Lexicon struct {
	spec   *Spec
	once   sync.Once
	loaded atomic.Bool // once has run (Loaded)
	d      *decoded
	err    error
}

var (
	specsOnce sync.Once
	specs     map[string]*Lexicon
	specsErr  error
)

func registry() (map[string]*Lexicon, error) {
	specsOnce.Do(func() {
		data, err := embedded.ReadFile("data/lexicons.yaml")
		if err != nil {
			specsErr = err
			return
		}
		list, err := parseSpecs(data)
		if err != nil {
			specsErr = err
			return
		}
		specs = make(map[string]*Lexicon, len(list))
		for _, s := range list {
			specs[s.ID] = &Lexicon{spec: s}
		}

	})
	return specs, specsErr
}

// shippedParts indexes shipped by lexicon id, once: each header gives the
// size of its lexicon, so indexing reads the headers only.
var shippedParts = sync.OnceValues(func() (map[string]string, error) {
	parts := map[string]string{}
	for rest := shipped; rest != ""; {
		d, next, err := load(rest)
		if err != nil {
			return nil, fmt.Errorf("lexicon data (data/%s): %w", ShippedFile, err)
		}
		parts[d.id] = rest[:len(rest)-len(next)]
		rest = next
	}
	return parts, nil
})

// Specs returns the shipped lexicons' specs, sorted by id.
func Specs() ([]*Spec, error) {
	reg, err := registry()
	if err != nil {
		return nil, err
	}
	out := make([]*Spec, 0, len(reg))
	for _, l := range reg {
		out = append(out, l.spec)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Languages returns the ids of the lexicons of whole languages ("fr",
// not "en.names"), sorted.
func Languages() []string {
	specs, err := Specs()
	if err != nil {
		return nil
	}
	var out []string
	for _, s := range specs {
		if s.ID == s.Lang {
			out = append(out, s.ID)
		}
	}
	return out
}

// Load returns the lexicon with this id ("fr", "en.names"), decoding it on
// first use, or nil when there is none.
func Load(id string) (*Lexicon, error) {
	reg, err := registry()
	if err != nil {
		return nil, err
	}
	l := reg[id]
	if l == nil {
		return nil, nil
	}
	l.once.Do(func() {
		defer l.loaded.Store(true)
		parts, err := shippedParts()
		if err != nil {
			l.err = err
			return
		}
		data, ok := parts[id]
		if !ok {
			l.err = fmt.Errorf("lexicon %s: not in data/%s; run go run ./audit/lexicon/gen", id, ShippedFile)
			return
		}
		// The data is ready for lookups: loading it reads its header and
		// first-byte index only (the tests verify every entry).
		l.d, _, l.err = load(data)
		if l.err != nil {
			l.err = fmt.Errorf("lexicon %s: %w", id, l.err)
		} else if l.d.id != id {
			l.err = fmt.Errorf("lexicon %s: the file holds %q", id, l.d.id)
		}
	})
	if l.err != nil {
		return nil, l.err
	}
	return l, nil
}

// Loaded lists the ids of the lexicons loaded so far, sorted (for the
// tests of lazy loading).
func Loaded() []string {
	reg, err := registry()
	if err != nil {
		return nil
	}
	var out []string
	for id, l := range reg {
		if l.loaded.Load() {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// Get is Load for the shipped data, which the tests decode in full: it
// panics only on a broken build.
func Get(id string) *Lexicon {
	l, err := Load(id)
	if err != nil {
		panic(err)
	}
	return l
}

// Lang returns the lexicon's language.
func (l *Lexicon) Lang() string { return l.spec.Lang }

// CapitalisedNouns says the language writes nouns with a capital.
func (l *Lexicon) CapitalisedNouns() bool { return l != nil && l.spec.CapitalisedNouns }

// Pivots returns the ids of the lexicons whose words count as untranslated
// in this language beside English's (see Spec.Pivots).
func (l *Lexicon) Pivots() []string { return l.spec.Pivots }

// Len returns the number of words.
func (l *Lexicon) Len() int { return l.d.count }

// Has reports whether the list holds w exactly; w must be folded (Fold).
func (l *Lexicon) Has(w string) bool { return l != nil && l.d.has(w) }

// HasForm reports whether the list holds w or, through one of the spec's
// endings or prefixes, the form w inflects or compounds; w must be folded.
func (l *Lexicon) HasForm(w string) bool {
	if l == nil {
		return false
	}
	if l.d.has(w) || l.hasInflected(w) {
		return true
	}
	for _, p := range l.spec.Prefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && countLetters(rest) > minStem {
			if l.d.has(rest) || l.hasInflected(rest) {
				return true
			}
		}
	}
	if l.spec.Compounds {
		for i := minCompoundPart; i+minCompoundPart <= len(w); i++ {
			if w[i-1] == '-' || w[i] == '-' || !utf8.RuneStart(w[i]) {
				continue
			}
			if l.d.has(w[:i]) && (l.d.has(w[i:]) || l.hasInflected(w[i:])) {
				return true
			}
		}
	}
	return false
}

// minCompoundPart is the fewest bytes of each word of a compound.
const minCompoundPart = 4

// accented lists the accented letters of the Latin script a writer (or an
// engine) may leave out or put in, by the letter without the accent.
var accented = map[byte][]string{
	'a': {"á", "à", "â", "ä", "ã"}, 'e': {"é", "è", "ê", "ë"}, 'i': {"í", "î", "ï", "ì"},
	'o': {"ó", "ô", "ö", "ò", "õ"}, 'u': {"ú", "û", "ü", "ù"}, 'c': {"ç"}, 'n': {"ñ"},
}

// unaccented maps each accented letter of accented to its plain letter.
var unaccented = func() map[string]byte {
	m := map[string]byte{}
	for base, list := range accented {
		for _, a := range list {
			m[a] = base
		}
	}
	return m
}()

// HasAccented reports whether the list holds w (folded) with one letter
// accented differently: "opinion" is opinión with the accent left out,
// "sénior" is senior with one added, "bâteau" bateau with a wrong one.
func (l *Lexicon) HasAccented(w string) bool {
	if l == nil || len(w) > 60 {
		return false
	}
	var buf [64]byte
	try := func(i, n int, repl string) bool {
		b := append(append(append(buf[:0], w[:i]...), repl...), w[i+n:]...)
		return l.d.has(unsafe.String(&b[0], len(b)))
	}
	for i := 0; i < len(w); {
		r, n := utf8.DecodeRuneInString(w[i:])
		base, ok := byte(r), r < utf8.RuneSelf
		if !ok {
			base, ok = unaccented[w[i:i+n]]
		}
		if ok {
			if n > 1 && try(i, n, string(rune(base))) {
				return true
			}
			for _, a := range accented[base] {
				if a != w[i:i+n] && try(i, n, a) {
					return true
				}
			}
		}
		i += n
	}
	return false
}

// IsPrefix reports whether w (folded) is one of the spec's prefixes.
func (l *Lexicon) IsPrefix(w string) bool {
	if l == nil {
		return false
	}
	for _, p := range l.spec.Prefixes {
		if p == w {
			return true
		}
	}
	return false
}

// minStem is the fewest letters a stem keeps once an ending is cut.
const minStem = 3

// hasInflected reports a word whose ending, rewritten, gives a word of the
// list.
func (l *Lexicon) hasInflected(w string) bool {
	if len(l.spec.endings) == 0 {
		return false
	}
	for _, n := range l.spec.Never {
		if strings.Contains(w, n) {
			return false
		}
	}
	var buf [64]byte
	for _, e := range l.spec.endings {
		if !strings.HasSuffix(w, e.inflected) {
			continue
		}
		stem := w[:len(w)-len(e.inflected)]
		if countLetters(stem) < minStem {
			continue
		}
		b := append(append(buf[:0], stem...), e.base...)
		// The bytes stay unchanged for the lookup: a string view of them
		// saves an allocation per ending tried.
		if len(b) > 0 && l.d.has(unsafe.String(&b[0], len(b))) {
			return true
		}
	}
	return false
}

// Words returns every word of the list, in order (for tools and tests).
func (l *Lexicon) Words() []string { return l.d.words() }

// Fold is the form lexicons hold and lookups take: lower case, NFC, every
// apostrophe as ’ (profile.Fold).
func Fold(w string) string { return profile.Fold(w) }

func countLetters(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}
