package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// phraseIndex finds many phrases in one pass over a folded view: phrases
// are filed under their first word, and the scan looks each word of the
// text up once. Every phrase-kind rule of a language shares one index, so
// a document is scanned once for all of them.
type phraseIndex struct {
	// first files the phrases under their first word in an open-addressing
	// table keyed by a hash the scan computes while it reads each word, so
	// a word of the text costs one probe, most often of an empty slot,
	// instead of a map lookup (hashing the word again).
	slots []int32 // index+1 into words, 0: empty; a power of two long
	words []firstWord
	n     int // owners
}

// firstWord is a first word and the phrases filed under it.
type firstWord struct {
	key     string
	phrases []indexedPhrase
}

// FNV-1a over the bytes of a word: phraseHash and scan must agree.
const (
	phraseHash0    = 2166136261
	phraseHashMult = 16777619
)

func phraseHash(w string) uint32 {
	h := uint32(phraseHash0)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * phraseHashMult
	}
	return h
}

// lookup returns the entry of word w with hash h, or nil.
func (x *phraseIndex) lookup(w string, h uint32) *firstWord {
	if len(x.slots) == 0 {
		return nil
	}
	mask := uint32(len(x.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return nil
		}
		if e := &x.words[s-1]; e.key == w {
			return e
		}
	}
}

// insert files key (absent) and returns its entry, growing the table to
// keep it at most a quarter full: probes of absent words stay short.
func (x *phraseIndex) insert(key string) *firstWord {
	x.words = append(x.words, firstWord{key: key})
	if 4*len(x.words) > len(x.slots) {
		n := 64
		for n < 8*len(x.words) {
			n *= 2
		}
		x.slots = make([]int32, n)
		for i := range x.words {
			x.place(i)
		}
	} else {
		x.place(len(x.words) - 1)
	}
	return &x.words[len(x.words)-1]
}

func (x *phraseIndex) place(i int) {
	mask := uint32(len(x.slots) - 1)
	j := phraseHash(x.words[i].key) & mask
	for x.slots[j] != 0 {
		j = (j + 1) & mask
	}
	x.slots[j] = int32(i + 1)
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

func newPhraseIndex() *phraseIndex { return &phraseIndex{} }

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
	fw := x.lookup(key, phraseHash(key))
	if fw == nil {
		fw = x.insert(key)
	}
	for _, e := range fw.phrases {
		if e.owner == owner && e.text == p {
			return fmt.Errorf("duplicate phrase %q", phrase)
		}
	}
	fw.phrases = append(fw.phrases, indexedPhrase{owner: owner, text: p, wordEnd: !wordBoundaryBefore(p, len(p))})
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
		if t[i] >= utf8.RuneSelf {
			if w, n := wordRuneAt(t, i); !w {
				i += n
				continue
			}
		}
		// The word's end and hash in one pass (as wordRunEnd and
		// phraseHash).
		h, j := uint32(phraseHash0), i
		for j < len(t) {
			if c := t[j]; c < utf8.RuneSelf {
				if !asciiWord[c] {
					break
				}
				h = (h ^ uint32(c)) * phraseHashMult
				j++
				continue
			}
			w, n := wordRuneAt(t, j)
			if !w {
				break
			}
			for k := j; k < j+n; k++ {
				h = (h ^ uint32(t[k])) * phraseHashMult
			}
			j += n
		}
		if fw := x.lookup(t[i:j], h); fw != nil {
			for _, e := range fw.phrases {
				if strings.HasPrefix(t[i:], e.text) && (!e.wordEnd || wordBoundaryAt(t, i+len(e.text))) {
					hits = append(hits, phraseHit{owner: e.owner, start: i, end: i + len(e.text)})
				}
			}
		}
		i = j
	}
	return hits
}

// phraseLiteral is a phrase registered in a literal index: the scan of
// that index records where it begins.
type phraseLiteral struct {
	id      int // in the literal index
	n       int // its length
	owner   int
	wordEnd bool
	rank    int // its place among the phrases of its first word
}

// phraseLiterals are the phrases of a language as literals. byID lists,
// per literal id, the phrases (their places in list) that literal is: a
// document holds few of the phrases, which are looked up from the
// literals the search found rather than visited all.
type phraseLiterals struct {
	list []phraseLiteral
	byID [][]int32
}

// literals registers every phrase of x in the literal index of the folded
// view (before the index is built).
func (x *phraseIndex) literals(li *literalIndex) phraseLiterals {
	var out phraseLiterals
	for _, fw := range x.words {
		for r, e := range fw.phrases {
			id := li.addStart(e.text)
			if id >= len(out.byID) {
				out.byID = append(out.byID, make([][]int32, id+1-len(out.byID))...)
			}
			out.byID[id] = append(out.byID[id], int32(len(out.list)))
			out.list = append(out.list, phraseLiteral{id: id, n: len(e.text), owner: e.owner, wordEnd: e.wordEnd, rank: r})
		}
	}
	return out
}

// hits returns what x.scan returns for t, from the literal search h of t:
// the occurrences of each phrase that start and end on word boundaries, in
// text order, phrases starting at one place in the order of the index.
// (A phrase found at a word start has its first word there: it runs up to
// a character that is not a letter or digit, or to the phrase's end,
// checked then as a boundary.)
func (pl phraseLiterals) hits(t string, h *literalHits) []phraseHit {
	type ranked struct {
		phraseHit
		rank int
	}
	// The phrases whose literal the search found, in list's order: the
	// sort below, which is not stable, then sees them as it did when
	// every phrase was visited.
	var arr [32]int32
	which := arr[:0]
	for _, id := range h.found {
		if int(id) < len(pl.byID) {
			which = append(which, pl.byID[id]...)
		}
	}
	if len(which) == 0 {
		return nil
	}
	slices.Sort(which)
	var found []ranked
	for _, k := range which {
		p := &pl.list[k]
		for _, s := range h.starts[p.id] {
			if wordBoundaryBefore(t, s) && (!p.wordEnd || wordBoundaryAt(t, s+p.n)) {
				found = append(found, ranked{phraseHit{owner: p.owner, start: s, end: s + p.n}, p.rank})
			}
		}
	}
	if len(found) == 0 {
		return nil
	}
	slices.SortFunc(found, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.rank, b.rank))
	})
	out := make([]phraseHit, len(found))
	for i, f := range found {
		out[i] = f.phraseHit
	}
	return out
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
				*last = viewMatch{start: h.start, end: h.end, rep: [2]int{h.start, h.end}}
				continue
			}
			if h.start < last.end {
				continue
			}
		}
		out = append(out, viewMatch{start: h.start, end: h.end, rep: [2]int{h.start, h.end}})
	}
	// Each match's groups ($0, as wholeMatch gives them) share one slice.
	groups := make([]int, 2*len(out))
	for i := range out {
		g := groups[2*i : 2*i+2 : 2*i+2]
		g[0], g[1] = out[i].start, out[i].end
		out[i].groups = g
	}
	return out
}

func wholeMatch(s, e int) viewMatch {
	return viewMatch{start: s, end: e, rep: [2]int{s, e}, groups: []int{s, e}}
}
