package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// phraseIndex finds many phrases in one pass over a folded view: phrases
// are filed under their first word, and the scan looks each word of the
// text up once. Every phrase-kind rule of a pack shares one index, so a
// document is scanned once for all of them.
type phraseIndex struct {
	first map[string][]phraseEntry
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

type phraseEntry struct {
	owner   int    // which rule (or list) the phrase belongs to
	text    string // folded
	wordEnd bool   // the phrase ends in a letter or digit: the text must not go on with one
}

// phraseHit is a phrase found in the folded view, in view offsets.
type phraseHit struct {
	owner      int
	start, end int
}

func newPhraseIndex() *phraseIndex { return &phraseIndex{first: map[string][]phraseEntry{}} }

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
	x.first[key] = append(x.first[key], phraseEntry{owner: owner, text: p, wordEnd: !wordBoundaryBefore(p, len(p))})
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

// phraseHits returns the index's hits on the document's folded view,
// computed on first use.
func (dv *docViews) phraseHits(x *phraseIndex) []phraseHit {
	v := dv.view(false)
	dv.mu.Lock()
	hits, ok := dv.phrase[x]
	dv.mu.Unlock()
	if ok {
		return hits
	}
	hits = x.scan(v.text)
	dv.mu.Lock()
	if dv.phrase == nil {
		dv.phrase = map[*phraseIndex][]phraseHit{}
	}
	dv.phrase[x] = hits
	dv.mu.Unlock()
	return hits
}

// phraseKind matches a rule's phrases (kind: phrase).
type phraseKind struct {
	index *phraseIndex
	owner int
}

func (k *phraseKind) cased() bool { return false }

func (k *phraseKind) find(dv *docViews) []viewMatch {
	var out []viewMatch
	for _, h := range dv.phraseHits(k.index) {
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
