// Package lexicon answers whether a word belongs to a language: one word
// list per language, derived from Debian's word-list packages (see
// README.md and data/lexicons.yaml), shipped gzipped in the binary and
// decoded the first time a language is asked for. Lookups binary-search the
// front-coded list in place: no map of the words is ever built, so a
// process that audits French holds about 1.4 MB for it and nothing for the
// languages it never meets.
package lexicon

import (
	"embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/mtaudit/mtaudit/audit/profile"
)

//go:embed data
var embedded embed.FS

// Lexicon is one language's word list. It is safe for concurrent use.
type Lexicon struct {
	spec *Spec
	once sync.Once
	d    *decoded
	err  error
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
		data, err := embedded.ReadFile("data/" + id + ".lex.gz")
		if err != nil {
			l.err = err
			return
		}
		payload, err := decompress(data)
		if err != nil {
			l.err = fmt.Errorf("lexicon %s: %w", id, err)
			return
		}
		l.d, l.err = decode(payload)
		if l.err == nil && l.d.id != id {
			l.err = fmt.Errorf("lexicon %s: the file holds %q", id, l.d.id)
		}
	})
	if l.err != nil {
		return nil, l.err
	}
	return l, nil
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

// Len returns the number of words.
func (l *Lexicon) Len() int { return l.d.count }

// Has reports whether the list holds w exactly; w must be folded (Fold).
func (l *Lexicon) Has(w string) bool { return l != nil && l.d.has(w) }

// HasForm reports whether the list holds w or, through one of the spec's
// endings, the form w inflects; w must be folded.
func (l *Lexicon) HasForm(w string) bool {
	if l == nil {
		return false
	}
	if l.d.has(w) {
		return true
	}
	var buf [64]byte
	for _, e := range l.spec.endings {
		if !strings.HasSuffix(w, e.inflected) {
			continue
		}
		stem := w[:len(w)-len(e.inflected)]
		if countLetters(stem) < 3 {
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
