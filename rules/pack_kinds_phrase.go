package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// phraseIndex finds many phrases in one pass over a folded view: phrases
// are filed under their first word, and the scan looks each word of the
// text up once. Every phrase-kind rule of a language shares one index, so
// a document is scanned once for all of them.
type phraseIndex struct {
	first map[string][]indexedPhrase
	// starts has a bit for the first two bytes of every first word (the
	// second is 0 for a one-byte word): most words of a text are rejected
	// by it before any map lookup.
	starts [1 << 16 / 64]uint64
	// ends has a bit for the length (capped at 31) and last byte of every
	// first word: a second sieve before the map.
	ends [32 * 256 / 64]uint64
	n    int // owners
}

func endKey(w string) int { return min(len(w), 31)<<8 | int(w[len(w)-1]) }

func startKey(w string) int {
	if len(w) == 1 {
		return int(w[0]) << 8
	}
	return int(w[0])<<8 | int(w[1])
}

type indexedPhrase struct {
	owner   int    // which rule (or list) the phrase belongs to
	text    string // folded
	wordEnd bool   // the phrase ends in a letter or digit: the text must not go on with one
}

// phraseHit is a phrase found in the folded view, in view offsets.
type phraseHit struct {
	owner      int
	start, end int
}

func newPhraseIndex() *phraseIndex { return &phraseIndex{first: map[string][]indexedPhrase{}} }

// add files a phrase for owner. The phrase is folded like the text; it must
// start with a letter or a digit so that it can be found at a word start.
func (x *phraseIndex) add(owner int, phrase string) error {
	p := strings.TrimSpace(foldString(phrase, true))
	if p == "" {
		return fmt.Errorf("empty phrase")
	}
	if w, _ := wordRuneAt(p, 0); !w {
		return fmt.Errorf("phrase %q must start with a letter or a digit", phrase)
	}
	j := wordRunEnd(p, 0)
	key := p[:j]
	for _, e := range x.first[key] {
		if e.owner == owner && e.text == p {
			return fmt.Errorf("duplicate phrase %q", phrase)
		}
	}
	sk := startKey(key)
	x.starts[sk/64] |= 1 << (sk % 64)
	ek := endKey(key)
	x.ends[ek/64] |= 1 << (ek % 64)
	x.first[key] = append(x.first[key], indexedPhrase{owner: owner, text: p, wordEnd: !wordBoundaryBefore(p, len(p))})
	if owner >= x.n {
		x.n = owner + 1
	}
	return nil
}

// wordEnd returns the end of the run of word characters starting at i.
func wordRunEnd(t string, i int) int {
	for i < len(t) {
		if c := t[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				break
			}
			i++
			continue
		}
		w, n := wordRuneAt(t, i)
		if !w {
			break
		}
		i += n
	}
	return i
}

// scan returns every phrase occurrence in t that starts and ends on word
// boundaries, in text order.
func (x *phraseIndex) scan(t string) []phraseHit {
	var hits []phraseHit
	for i := 0; i < len(t); {
		if c := t[i]; c < utf8.RuneSelf && !asciiWord[c] {
			i++
			continue
		}
		w, n := wordRuneAt(t, i)
		if !w {
			i += n
			continue
		}
		j := wordRunEnd(t, i)
		if sk := startKey(t[i:j]); x.starts[sk/64]&(1<<(sk%64)) == 0 {
			i = j
			continue
		}
		if ek := endKey(t[i:j]); x.ends[ek/64]&(1<<(ek%64)) == 0 {
			i = j
			continue
		}
		for _, e := range x.first[t[i:j]] {
			if strings.HasPrefix(t[i:], e.text) && (!e.wordEnd || wordBoundaryAt(t, i+len(e.text))) {
				hits = append(hits, phraseHit{owner: e.owner, start: i, end: i + len(e.text)})
			}
		}
		i = j
	}
	return hits
}

// phraseEntry is an entry of kind phrase: phrases found on word
// boundaries, in the folded view.
type phraseEntry struct {
	entryOptions `yaml:",inline"`
	Phrases      []string `yaml:"phrases"`
}

// defaults: a phrase that flags its line must open it, unless the entry
// says otherwise.
func (e *phraseEntry) defaults(o *entryOptions) {
	if o.Position == "" && o.Scope == scopeLine {
		o.Position = posLineStart
	}
}

func (e *phraseEntry) compile(b *kindBuild) kindResult {
	ok := true
	if b.cased {
		b.bad(b.node.at("case"), "phrases always match case-insensitively; case is for regex and exclude patterns")
		ok = false
	}
	if len(e.Phrases) == 0 {
		b.bad(b.node.at("phrases"), "kind phrase needs phrases")
		ok = false
	}
	x := b.lang.phrases
	owner := x.n
	x.n++
	for i, p := range e.Phrases {
		if err := x.add(owner, p); err != nil {
			b.bad(b.node.item("phrases", i), "%v", err)
			ok = false
		}
	}
	if !ok {
		return kindResult{}
	}
	return kindResult{kind: &phraseKind{hits: b.lang.phraseHits, owner: owner}}
}

// phraseKind matches a rule's phrases: its owner's hits in the language's
// shared phrase scan.
type phraseKind struct {
	hits  *audit.Analysis[[]phraseHit]
	owner int
}

func (k *phraseKind) cased() bool { return false }

func (k *phraseKind) find(pass *audit.Pass, _ *docViews) []viewMatch {
	var out []viewMatch
	for _, h := range audit.ResultOf(pass, k.hits) {
		if h.owner != k.owner {
			continue
		}
		// Of phrases starting at one place keep the longest; drop a phrase
		// inside the previous one ("lire" inside "lire aussi").
		if n := len(out); n > 0 {
			last := &out[n-1]
			if h.start == last.start && h.end > last.end {
				*last = wholeMatch(h.start, h.end)
				continue
			}
			if h.start < last.end {
				continue
			}
		}
		out = append(out, wholeMatch(h.start, h.end))
	}
	return out
}

func wholeMatch(s, e int) viewMatch {
	return viewMatch{start: s, end: e, rep: [2]int{s, e}, groups: []int{s, e}}
}
