package rules

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	wordlists "github.com/mtaudit/mtaudit/audit/lexicon"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// inlineClass is what the untranslated.inline rule makes of one word.
type inlineClass uint8

const (
	inlineTarget  inlineClass = iota // a word of the article's language, or unknown
	inlineEnglish                    // English and not the target language's
	inlineShared                     // a word of both
	inlineForeign                    // a word of another lexicon language (a pivot), not English
	inlineName                       // a name, an acronym: breaks a run
)

// inlineWord is one word of a sentence with what the rule knows of it.
// An article holds one per word, 24 bytes: its place, its spelling's
// entry, which holds its text and its fold's facts (the fold, a pivot's
// language), and its flags.
type inlineWord struct {
	Start, End int32
	spell      *inlineFacts // the entry of the word as written, set by classify (spelled)
	class      inlineClass
	function   bool // an English function word
	initial    bool // starts the sentence (or a quotation in it)
	capital    bool // starts with a capital
	hyphenIn   bool // joined by a hyphen to the word before
	hyphenOut  bool // joined by a hyphen to the word after
	genitive   bool // part of an English genitive ("President's Cup")
	lowerFold  bool // the fold is strings.ToLower(text) (lower), set by classify
}

// text returns the word as written (once classified).
func (w *inlineWord) text() string { return w.spell.key }

// in returns the word as written in text, the text it was read from: what
// text returns, without reading the word's entry.
func (w *inlineWord) in(text string) string { return text[w.Start:w.End] }

// folded returns the word's folded form, computed once by classify (the
// key of its facts): the family's rules look words up many times, and a
// capitalised word's fold is a new string each time.
func (w *inlineWord) folded() string { return w.spell.folded.key }

// foreign returns the language of an inlineForeign word (its pivot).
func (w *inlineWord) foreign() string { return w.spell.folded.pivot }

// factsOf returns the facts of w's fold, which classify found.
func (lx *inlineLexicons) factsOf(w *inlineWord) *inlineFacts { return w.spell.folded }

// lower returns strings.ToLower(w.text()): the word's fold when it is the
// same string, which it is but for unnormalised text, without building it
// again.
func (w *inlineWord) lower() string {
	fold := w.folded()
	if w.lowerFold || lowerIs(fold, w.text()) {
		return fold
	}
	return strings.ToLower(w.text())
}

// lowerIs reports whether fold is strings.ToLower(text), rune by rune:
// byte by byte while both are ASCII (most words), where a rune's lower
// case is its byte's.
func lowerIs(fold, text string) bool {
	if len(fold) == len(text) {
		i := 0
		for ; i < len(text); i++ {
			c, f := text[i], fold[i]
			if c|f >= utf8.RuneSelf {
				break
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != f {
				return false
			}
		}
		if i == len(text) {
			return true
		}
	}
	return lowerIsRunes(fold, text)
}

// lowerIsRunes is lowerIs rune by rune.
func lowerIsRunes(fold, text string) bool {
	f, t := fold, text
	for f != "" && t != "" {
		rf, nf := utf8.DecodeRuneInString(f)
		rt, nt := utf8.DecodeRuneInString(t)
		if rf != unicode.ToLower(rt) || rf == utf8.RuneError {
			return false
		}
		f, t = f[nf:], t[nt:]
	}
	return f == "" && t == ""
}

// inlineLexicons are the word lists and profile sets one article needs.
type inlineLexicons struct {
	target   *wordlists.Lexicon
	english  *wordlists.Lexicon
	names    *wordlists.Lexicon
	pivots   []*wordlists.Lexicon
	nounCaps bool
	// English profile sets; target profile sets (empty without a profile).
	enFunction, enMonths, enDays profile.Set
	tFunction, tLoanwords        profile.Set
	tInterface                   profile.Set // read with tLoanwords (isLoanword)
	tPrepositions                profile.Set
	tIntroducers                 profile.Set // words that introduce a name or a term (appelé)
	tMonths, tDays               profile.Set
	accepted                     func(string) bool
	// dates filters the English month and day names (englishDate).
	dates *inlineLetterFilter
	// factCache caches the facts of words (facts), across articles.
	factCache *inlineFactsCache
	// lang, profile and source are what the facts depend on.
	lang            string
	profile, source *profile.Profile
}

// inlineLexiconsFor gathers the lexicons of the pass's language, or returns
// nil when the language has no wordlists. What they are depends on the
// language and the profiles alone: it is gathered once per profile (a
// copy per article takes the pass's accept list and a cache of facts).
func inlineLexiconsFor(pass *audit.Pass, lang string) *inlineLexicons {
	var base *inlineLexicons
	if p := pass.Profile; p != nil {
		base = p.Derived(inlineLexiconsKey{lang, pass.Source}, func(p *profile.Profile) any {
			return newInlineLexicons(lang, p, pass.Source)
		}).(*inlineLexicons)
	} else {
		base = newInlineLexicons(lang, nil, pass.Source)
	}
	if base == nil {
		return nil
	}
	lx := new(inlineLexicons)
	*lx = *base
	lx.accepted = pass.Accepted
	return lx
}

// inlineLexiconsKey keys a target profile's inlineLexicons, by language
// and source profile.
type inlineLexiconsKey struct {
	lang   string
	source *profile.Profile
}

// newInlineLexicons gathers the lexicons of lang with a target and a
// source profile (either may be nil); nil when lang has no wordlists.
func newInlineLexicons(lang string, target, source *profile.Profile) *inlineLexicons {
	t := wordlists.Get(lang)
	if t == nil {
		return nil
	}
	lx := &inlineLexicons{
		lang:     lang,
		profile:  target,
		source:   source,
		target:   t,
		english:  wordlists.Get("en"),
		names:    wordlists.Get("en.names"),
		nounCaps: t.CapitalisedNouns(),
	}
	for _, id := range t.Pivots() {
		if l := wordlists.Get(id); l != nil {
			lx.pivots = append(lx.pivots, l)
		}
	}
	if s := source; s != nil {
		lx.enFunction, lx.enMonths, lx.enDays = s.Set(&s.Words.Function), s.Set(&s.Words.Months), s.Set(&s.Words.Days)
		lx.dates = s.Derived(inlineDatesKey{}, func(s *profile.Profile) any {
			return newInlineLetterFilter(s.Set(&s.Words.Months), s.Set(&s.Words.Days))
		}).(*inlineLetterFilter)
	}
	if p := target; p != nil && p.Lang == lang {
		lx.tFunction = p.Set(&p.Words.Function)
		// Loanwords, and the web-interface nouns the language's pages print
		// (newsletter, cookies): words of the language.
		// (Two sets read in turn: a union would be built per article.)
		lx.tLoanwords, lx.tInterface = p.Set(&p.Words.Loanwords), p.Set(&p.Words.Interface)
		lx.tMonths, lx.tDays = p.Set(&p.Words.Months), p.Set(&p.Words.Days)
		lx.tPrepositions = p.Set(&p.Words.Prepositions)
		lx.tIntroducers = p.Set(&p.Words.TitleIntroducers)
	}
	return lx
}

// targetHas reports a word of the article's language: in its lexicon
// (through the lexicon's endings), its profile's function words or
// loanwords.
func (lx *inlineLexicons) targetHas(fold string) bool { return lx.targetF(lx.facts(fold)) }

// targetF is targetHas of an entry's word.
func (lx *inlineLexicons) targetF(f *inlineFacts) bool {
	fold := f.key
	return f.get(factTarget, func() bool {
		return lx.target.HasForm(fold) || lx.tFunction.Has(fold) || lx.loanword(fold) ||
			lx.tMonths.Has(fold) || lx.tDays.Has(fold)
	})
}

// loanword reports a loanword of the target profile or its plural: a
// language that borrows an English noun borrows its plural too
// (newsletters, cookies, packagings).
func (lx *inlineLexicons) loanword(fold string) bool {
	if lx.isLoanword(fold) {
		return true
	}
	stem, ok := strings.CutSuffix(fold, "s")
	return ok && len(stem) >= 3 && (lx.isLoanword(stem) || lx.target.Has(stem))
}

// isLoanword reports a word of the target profile's loanwords or
// web-interface nouns.
func (lx *inlineLexicons) isLoanword(fold string) bool {
	return lx.tLoanwords.Has(fold) || lx.tInterface.Has(fold)
}

// inlineFacts caches what the lexicons say of one folded word, for the
// article: words repeat, and each lookup is a binary search. An entry is
// also the memo of a spelling (the key as the text writes it): its fold
// and what its letters say, so that a word seen before is neither folded
// nor scanned again.
type inlineFacts struct {
	known, set uint16 // bit per fact: computed, true
	pivot      string
	key        string       // the word the facts are of (folded, for facts)
	folded     *inlineFacts // the facts of Fold(key), once key is read as a spelling
	spelling   uint8        // spellingAllCaps, spellingCamel of key as written
	// lowClass is the class (+1; 0 when not yet known) of the spelling
	// in lower case, not hyphenated, where classify reads nothing but the
	// facts; with lowAccept, an English word the configuration may accept.
	lowClass  uint8
	lowAccept bool
	// hyphen holds the class of the spelling hyphenated (hyphenClass),
	// in mid-sentence [0] and starting one [1], with inlineHyphen* bits.
	hyphen [2]uint8
}

const (
	factTarget = 1 << iota
	factEnglish
	factName
	factAccented
	factCompound
	factPivot
	factFunction    // an English function word (enFunction)
	factEnglishList // in the English lexicon itself (english.Has)
	factTargetList  // in the target lexicon itself (target.Has)
	factEnDay       // an English day name (englishDate)
	factEnMonth     // an English month name (englishDate)
	factBodyHead    // a head of the names of bodies (the profile's BodyHeads: body-name)
)

// What a spelling's letters say (txAllCaps with two runes or more,
// lowerCamel, lowerIs).
const (
	spellingAllCaps = 1 << iota
	spellingCamel
	spellingLowerFold // the fold is the spelling in lower case (inlineWord.lower)
)

func (f *inlineFacts) get(bit uint16, compute func() bool) bool {
	if f.known&bit == 0 {
		f.known |= bit
		if compute() {
			f.set |= bit
		}
	}
	return f.set&bit != 0
}

// facts returns the entry of a folded word.
func (lx *inlineLexicons) facts(fold string) *inlineFacts {
	c := lx.cache()
	r := c.find(fold)
	if r.s == nil {
		// The key may be a piece of the article's text: a copy keeps the
		// cache from holding on to old articles.
		c.fill(r, strings.Clone(fold))
	}
	return r.s
}

// cache returns the article's cache of facts, taken from the pool on first
// use.
func (lx *inlineLexicons) cache() *inlineFactsCache {
	if lx.factCache == nil {
		lx.factCache = getInlineFactsCache(inlineFactsKey{lx.lang, lx.profile, lx.source})
	}
	return lx.factCache
}

// spelled returns the entry of a word as the text writes it, with its
// fold's facts (folded) and its letters' kind (spelling) set.
func (lx *inlineLexicons) spelled(word string) *inlineFacts { return lx.recentOf(word).s }

// recentOf returns the slot of the cache that holds word (spelled's entry,
// s), filled on a miss. The slot stays valid until the next look-up in the
// cache.
func (lx *inlineLexicons) recentOf(word string) *inlineRecent {
	c := lx.cache()
	r := c.find(word)
	if r.low&inlineLowSpelled != 0 {
		return r
	}
	if r.s == nil {
		c.fill(r, strings.Clone(word))
	}
	// A new spelling, or the entry of a fold read as a spelling for the
	// first time: its fold and what its letters say.
	s := r.s
	if fold := wordlists.Fold(s.key); fold == s.key {
		s.folded = s
	} else {
		n := len(c.slots)
		s.folded = lx.facts(fold)
		if len(c.slots) != n {
			r = c.find(word) // (the table grew: the slot moved)
		}
	}
	if txAllCaps(s.key) && utf8.RuneCountInString(s.key) > 1 {
		s.spelling |= spellingAllCaps
	}
	if lowerCamel(s.key) {
		s.spelling |= spellingCamel
	}
	if lowerIs(s.folded.key, s.key) {
		s.spelling |= spellingLowerFold
	}
	r.low |= inlineLowSpelled
	return r
}

// inlineRecent is a slot of the cache's table: an entry of the cache and,
// once classify has worked them out for a word in lower case
// (inlineLowKnown), the few things it sets of such a word, which then
// need no reading of the entry.
//
// The fields are in the order that packs them in 24 bytes (not 32):
// the table is larger than the processor's caches, and a look-up's cost
// is mostly the wait for its slot.
type inlineRecent struct {
	tag uint64       // inlineRecentHash's: the word's first bytes and length
	s   *inlineFacts // the entry; nil in an empty slot
	// more holds the word's bytes after the tag's, up to four
	// (inlineMore): with the tag, they tell a word of up to
	// inlineKnownBytes bytes from any other, without reading its entry.
	more uint32
	low  uint8 // inlineLow* bits, 0 until classify sets them
	// capLow holds the same bits (but inlineLowSpelled) of the spelling
	// when it starts with a capital and is not hyphenated, in mid-sentence
	// [0] and starting one [1] (capClass).
	capLow [2]uint8
}

// The bits of inlineRecent.low: the spelling's class in lower case
// (lowClass-1, three bits), then lowAccept, the fold's factFunction and
// spellingLowerFold, whether they are known; and whether recentOf has set
// the entry's folded and spelling, which the slot of a word seen only as
// a fold (facts) lacks.
const (
	inlineLowClass  = 7
	inlineLowAccept = 1 << (iota + 2)
	inlineLowFunction
	inlineLowLowerFold
	inlineLowKnown
	inlineLowSpelled
)

// inlineTagBytes is how many of a word's first bytes its tag holds.
const inlineTagBytes = 7

// inlineKnownBytes is how many of a word's first bytes its tag and its
// slot's more hold.
const inlineKnownBytes = inlineTagBytes + 4

// inlineMore returns a word's bytes 7 to 10, those it has, in a slot's
// more.
func inlineMore(w string) uint32 {
	switch n := len(w); {
	case n >= inlineKnownBytes:
		return le32(w[inlineTagBytes:])
	case n > inlineTagBytes:
		// The last four bytes, those before byte 7 shifted out.
		return le32(w[n-4:]) >> (8 * (inlineKnownBytes - n))
	}
	return 0
}

// inlineSame reports whether a full slot, whose tag is word's, holds word:
// told by the slot alone for a word of up to inlineKnownBytes bytes.
func inlineSame(r *inlineRecent, word string) bool {
	if len(word) <= inlineTagBytes {
		return true
	}
	if r.more != inlineMore(word) {
		return false
	}
	return len(word) <= inlineKnownBytes || r.s.key[inlineKnownBytes:] == word[inlineKnownBytes:]
}

// minInlineSlots is the size of a new cache's table.
const minInlineSlots = 1 << 12

// inlineRecentHash returns a word's hash, of its length and first and last
// (up to) four bytes and, past eight bytes, of the rest, and its tag: its
// first inlineTagBytes bytes and its length, which tell a word of up to
// inlineTagBytes bytes from any other. (Long words alike at both ends,
// "constitution" and "consultation", would otherwise share a hash, and
// many of them a long run of probes.)
func inlineRecentHash(w string) (uint64, uint64) {
	n := len(w)
	var x, y, tag, rest uint64
	switch {
	case n >= 4:
		x = uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24
		y = uint64(w[n-4]) | uint64(w[n-3])<<8 | uint64(w[n-2])<<16 | uint64(w[n-1])<<24
		if n > 8 {
			for i := 0; i < n-8; i += 8 {
				rest = (rest ^ le64(w[i:])) * 0xBF58476D1CE4E5B9
				rest ^= rest >> 31
			}
			rest ^= le64(w[n-8:])
		}
		if n >= 8 {
			tag = x | uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 // (inlineTagBytes)
		} else {
			// Bytes 0-3 and n-4 to n-1 in place: every byte, those of
			// both alike.
			tag = x | y<<(8*(n-4))
		}
	case n > 0:
		// Bytes 0, n/2 and n-1: with the length, every byte.
		x = uint64(w[0])<<16 | uint64(w[n>>1])<<8 | uint64(w[n-1])
		tag = x
	}
	tag |= uint64(min(n, 255)) << 56
	h := (x<<32 | y) ^ uint64(n)*0x9E3779B97F4A7C15 ^ rest
	h ^= h >> 32
	h *= 0xD6E8FEB86659FD93
	return h, tag
}

// find returns the slot of word: its entry's, or the empty slot where it
// goes (fill). The table grows first when it is half full, so that a slot
// found stays put until the next find.
func (c *inlineFactsCache) find(word string) *inlineRecent {
	if 2*(c.n+1) > len(c.slots) {
		c.grow()
	}
	h, tag := inlineRecentHash(word)
	slots := c.slots
	mask := uint64(len(slots) - 1)
	for i := h >> c.shift; ; i = (i + 1) & mask {
		r := &slots[i]
		// A word of up to inlineTagBytes bytes is told by the tag alone,
		// without reading its entry, which lies anywhere in memory.
		if r.s == nil || r.tag == tag && inlineSame(r, word) {
			return r
		}
	}
}

// probe returns the full slot of word, or nil: find's look-up without
// growing the table, and with inlineRecentHash written out for a word of
// up to eight bytes (most): the calls cost as much as the probe.
func (c *inlineFactsCache) probe(word string) *inlineRecent {
	var h, tag uint64
	switch n := len(word); {
	case n > 8:
		h, tag = inlineRecentHash(word)
	case n >= 4:
		x, y := uint64(le32(word)), uint64(le32(word[n-4:]))
		if n == 8 {
			tag = le64(word) &^ (0xFF << 56) // (inlineTagBytes)
		} else {
			tag = x | y<<(8*(n-4))
		}
		tag |= uint64(n) << 56
		h = (x<<32 | y) ^ uint64(n)*0x9E3779B97F4A7C15
		h ^= h >> 32
		h *= 0xD6E8FEB86659FD93
	case n > 0:
		x := uint64(word[0])<<16 | uint64(word[n>>1])<<8 | uint64(word[n-1])
		tag = x | uint64(n)<<56
		h = x<<32 ^ uint64(n)*0x9E3779B97F4A7C15
		h ^= h >> 32
		h *= 0xD6E8FEB86659FD93
	default:
		h, tag = inlineRecentHash(word)
	}
	// (inlineSame, written out.)
	n := len(word)
	var more uint32
	if n > inlineTagBytes {
		more = inlineMore(word)
	}
	slots, mask := c.slots, uint64(len(c.slots)-1)
	for i := h >> c.shift; ; i = (i + 1) & mask {
		r := &slots[i]
		if r.s == nil {
			return nil
		}
		if r.tag == tag && (n <= inlineTagBytes || r.more == more &&
			(n <= inlineKnownBytes || r.s.key[inlineKnownBytes:] == word[inlineKnownBytes:])) {
			return r
		}
	}
}

// fill makes the entry of key in its empty slot r, which find returned.
func (c *inlineFactsCache) fill(r *inlineRecent, key string) {
	_, tag := inlineRecentHash(key)
	*r = inlineRecent{tag: tag, s: c.add(key), more: inlineMore(key)}
	c.n++
}

// grow doubles the table (or makes it), and puts every entry back.
func (c *inlineFactsCache) grow() {
	old := c.slots
	size := max(minInlineSlots, 2*len(old))
	c.slots = make([]inlineRecent, size)
	c.shift = uint(64 - bits.TrailingZeros(uint(size)))
	mask := uint64(size - 1)
	for k := range old {
		o := &old[k]
		if o.s == nil {
			continue
		}
		h, _ := inlineRecentHash(o.s.key)
		i := h >> c.shift
		for c.slots[i].s != nil {
			i = (i + 1) & mask
		}
		c.slots[i] = *o
	}
}

// add makes the entry of key.
func (c *inlineFactsCache) add(key string) *inlineFacts {
	// Facts come from chunks of a slab, not one allocation each; a
	// chunk never grows, so the pointers stay valid.
	if n := len(c.slab); n == 0 || len(c.slab[n-1]) == cap(c.slab[n-1]) {
		if n < cap(c.slab) && cap(c.slab[:n+1][n]) > 0 {
			c.slab = c.slab[:n+1] // an emptied chunk
		} else {
			c.slab = append(c.slab, make([]inlineFacts, 0, 256))
		}
	}
	k := &c.slab[len(c.slab)-1]
	*k = append(*k, inlineFacts{key: key})
	return &(*k)[len(*k)-1]
}

// inlineFactsCache holds what the lexicons say of words. The facts depend
// on the lexicons and profiles alone, not on the article, so the cache
// serves article after article (one per goroutine, through a pool) while
// they are in the same language with the same profiles.
//
// Its words (spellings and folds alike) are in one open-addressed table
// of slots with their tags, at most half full, rather than a map with a
// small table of recent words before it: the words an article repeats
// keep their slots' cache lines warm, and a word of up to inlineTagBytes
// bytes costs one probe, reading no entry and no key.
type inlineFactsCache struct {
	key   inlineFactsKey
	slots []inlineRecent // by inlineRecentHash, linear probing
	shift uint           // 64 - log2(len(slots))
	n     int            // entries in slots
	slab  [][]inlineFacts
}

// inlineFactsKey is what the facts depend on.
type inlineFactsKey struct {
	lang            string
	profile, source *profile.Profile
}

// maxInlineFacts bounds a cache: past it, the cache starts again empty.
const maxInlineFacts = 1 << 17

var inlineFactsCaches sync.Pool

func getInlineFactsCache(key inlineFactsKey) *inlineFactsCache {
	c, ok := inlineFactsCaches.Get().(*inlineFactsCache)
	if !ok {
		c = &inlineFactsCache{key: key}
		c.grow() // (probe reads the table without growing it)
		return c
	}
	if c.key != key || c.n > maxInlineFacts {
		c.reset()
		c.key = key
	}
	return c
}

func (c *inlineFactsCache) reset() {
	clear(c.slots)
	c.n = 0
	for i := range c.slab {
		clear(c.slab[i])
		c.slab[i] = c.slab[i][:0]
	}
	c.slab = c.slab[:0]
}

// releaseFacts hands the cache back to the pool for the next article.
func (lx *inlineLexicons) releaseFacts() {
	if lx.factCache != nil {
		inlineFactsCaches.Put(lx.factCache)
		lx.factCache = nil
	}
}

// englishWord reports a word of the English lexicon, or a month or day.
func (lx *inlineLexicons) englishWord(fold string) bool { return lx.englishWordF(lx.facts(fold)) }

// englishWordF is englishWord of an entry's word.
func (lx *inlineLexicons) englishWordF(f *inlineFacts) bool {
	fold := f.key
	// (The lexicon's own answer is kept as englishListF's, which the
	// classes read too: one lookup for both.)
	return f.get(factEnglish, func() bool {
		return lx.englishListF(f) || lx.enMonths.Has(fold) || lx.enDays.Has(fold)
	})
}

// englishName reports a word of the English names wordlists.
func (lx *inlineLexicons) englishName(fold string) bool { return lx.englishNameF(lx.facts(fold)) }

// englishNameF is englishName of an entry's word.
func (lx *inlineLexicons) englishNameF(f *inlineFacts) bool {
	return f.get(factName, func() bool { return lx.names.Has(f.key) })
}

// functionF reports an English function word (the source profile's).
func (lx *inlineLexicons) functionF(f *inlineFacts) bool {
	return f.get(factFunction, func() bool { return lx.enFunction.Has(f.key) })
}

// englishListF reports a word of the English lexicon itself.
func (lx *inlineLexicons) englishListF(f *inlineFacts) bool {
	return f.get(factEnglishList, func() bool { return lx.english.Has(f.key) })
}

// targetListF reports a word of the target lexicon itself.
func (lx *inlineLexicons) targetListF(f *inlineFacts) bool {
	return f.get(factTargetList, func() bool { return lx.target.Has(f.key) })
}

// targetAccented reports a word of the target lexicon with one accent
// changed ("opinion" for opinión).
func (lx *inlineLexicons) targetAccented(fold string) bool { return lx.targetAccentedF(lx.facts(fold)) }

// targetAccentedF is targetAccented of an entry's word.
func (lx *inlineLexicons) targetAccentedF(f *inlineFacts) bool {
	return f.get(factAccented, func() bool { return lx.target.HasAccented(f.key) })
}

// englishCompound reports a word the English lexicon reaches through its
// compounds or prefixes and that holds no long target word.
func (lx *inlineLexicons) englishCompound(f *inlineFacts) bool {
	return f.get(factCompound, func() bool { return lx.english.HasForm(f.key) && !lx.targetPart(f.key) })
}

// pivotLang returns the pivot language of a word in lower case, or "".
func (lx *inlineLexicons) pivotLang(f *inlineFacts) string {
	if f.known&factPivot == 0 {
		f.known |= factPivot
		f.pivot = lx.pivotOf(f.key)
	}
	return f.pivot
}

// classify sets the class of every word of a sentence.
func (lx *inlineLexicons) classify(text string, words []inlineWord) {
	c := lx.cache()
	for i := range words {
		lx.classifyWord(c, text, words, i)
	}
}

// classifyWord sets the class of words[i], whose neighbours' hyphens are
// set.
func (lx *inlineLexicons) classifyWord(c *inlineFactsCache, text string, words []inlineWord, i int) {
	w := &words[i]
	word := text[w.Start:w.End]
	lowPath := !w.capital && !w.hyphenIn && !w.hyphenOut
	if lowPath {
		// Most words: a word in lower case whose class its slot
		// holds, found by a probe written into the loop (find's,
		// without the calls, which cost as much as the probe).
		if r := c.probe(word); r != nil && r.low&inlineLowKnown != 0 {
			low := r.low
			w.spell = r.s
			w.lowerFold, w.function = low&inlineLowLowerFold != 0, low&inlineLowFunction != 0
			w.class = inlineClass(low & inlineLowClass)
			if low&inlineLowAccept != 0 && lx.accepted(word) {
				w.class = inlineShared
			}
			return
		}
	}
	// One lookup of the word as written gives its fold and the facts
	// of the fold, which every test below reads.
	r := lx.recentOf(word)
	w.spell = r.s
	if low := r.low; lowPath && low&inlineLowKnown != 0 {
		// Most words: what the slot says of the spelling in lower case.
		w.lowerFold, w.function = low&inlineLowLowerFold != 0, low&inlineLowFunction != 0
		w.class = inlineClass(low & inlineLowClass)
		if low&inlineLowAccept != 0 && lx.accepted(word) {
			w.class = inlineShared
		}
		return
	}
	s := r.s
	f := s.folded
	w.lowerFold = s.spelling&spellingLowerFold != 0
	w.function = lx.functionF(f)
	if lowPath {
		// The class of the spelling, worked out once.
		if s.lowClass == 0 {
			c, accept := lx.lowerClass(s, w.function)
			s.lowClass, s.lowAccept = uint8(c)+1, accept
		}
		w.class = inlineClass(s.lowClass - 1)
		r.low = inlineLowSpelled | inlineLowKnown | uint8(w.class)
		if s.lowAccept {
			r.low |= inlineLowAccept
		}
		if w.function {
			r.low |= inlineLowFunction
		}
		if w.lowerFold {
			r.low |= inlineLowLowerFold
		}
		if s.lowAccept && lx.accepted(word) {
			w.class = inlineShared
		}
		return
	}
	if w.capital && !w.hyphenIn && !w.hyphenOut {
		// The class of the capitalised spelling, worked out once for
		// each of its places (capClass).
		ini := 0
		if w.initial {
			ini = 1
		}
		low := r.capLow[ini]
		if low&inlineLowKnown == 0 {
			c, accept := lx.capClass(s, w.initial, w.function)
			low = inlineLowKnown | uint8(c)
			if accept {
				low |= inlineLowAccept
			}
			if w.function {
				low |= inlineLowFunction
			}
			if w.lowerFold {
				low |= inlineLowLowerFold
			}
			r.capLow[ini] = low
		}
		w.class = inlineClass(low & inlineLowClass)
		if low&inlineLowAccept != 0 && lx.accepted(word) {
			w.class = inlineShared
		}
		return
	}
	// A hyphenated word (the rest): its class, but for its compound's,
	// worked out once for each of its places (hyphenClass).
	ini := 0
	if w.initial {
		ini = 1
	}
	h := s.hyphen[ini]
	if h&inlineHyphenKnown == 0 {
		h = lx.hyphenClass(s, w.capital, w.initial, w.function)
		s.hyphen[ini] = h
	}
	// A hyphenated compound the target language writes ("week-end")
	// makes each of its parts a target word.
	if h&inlineHyphenCompound != 0 {
		if c, ok := hyphenCompound(text, words, i); ok && lx.targetListF(lx.spelled(c).folded) {
			w.class = inlineTarget
			return
		}
	}
	w.class = inlineClass(h & inlineLowClass)
	if h&inlineHyphenAccept != 0 && lx.accepted(word) {
		w.class = inlineShared
	}
}

// The bits of inlineFacts.hyphen, with the class in the low three:
// whether it is known, whether the class is the compound's when the
// target language writes it (inlineTarget), and whether the word is
// shared when the configuration accepts it.
const (
	inlineHyphenAccept = 1 << (iota + 3)
	inlineHyphenCompound
	inlineHyphenKnown
)

// hyphenClass is classifyWord's class of a hyphenated spelling, at the
// start of a sentence (initial) or not, its capital and function word
// given: the same tests in the same order, but the compound's, which
// inlineHyphenCompound says comes first, and the accept list's
// (inlineHyphenAccept).
func (lx *inlineLexicons) hyphenClass(s *inlineFacts, capital, initial, function bool) uint8 {
	f := s.folded
	fold := f.key
	const name = inlineHyphenKnown | uint8(inlineName)
	if s.spelling&(spellingAllCaps|spellingCamel) != 0 {
		return name // an acronym, a brand: iPhone, eBay
	}
	// A capital in mid-sentence marks a name, except in languages that
	// capitalise nouns, where only a known English name is one.
	if capital && !initial && !function && !lx.nounCaps {
		return name
	}
	// A known English name, unless it starts the sentence as a word of
	// the language ("La", "Un").
	if capital && !function && lx.englishNameF(f) && (lx.nounCaps || !lx.targetF(f)) {
		return name
	}
	english := function || lx.englishWordF(f)
	// A long word in lower case that is no word of the language may be
	// an English compound or prefixed word the list lacks
	// ("cybersecurity", "underinvesting"). Not in languages that
	// compound nouns themselves ("Supercool").
	if !english && !capital && !lx.nounCaps && len(fold) >= minEnglishCompound && txASCII(fold) && !lx.targetF(f) {
		english = lx.englishCompound(f)
	}
	// An English name or brand written in lower case ("sa page
	// facebook") that is no common English word: a name still.
	if !capital && !function && !lx.englishListF(f) && lx.englishNameF(f) {
		return name
	}
	const h = inlineHyphenKnown | inlineHyphenCompound
	if english {
		// Shared when the target language has the word (accents aside),
		// or when the configuration accepts it.
		class, accept := lx.englishWordClass(f)
		if accept {
			return h | uint8(class) | inlineHyphenAccept
		}
		return h | uint8(class)
	}
	// A capitalised word is never taken for a pivot's: capitalised
	// words of one Romance language are names in another ("Londres").
	if len(lx.pivots) > 0 && !capital && utf8.RuneCountInString(s.key) >= minPivotRunes &&
		!lx.targetF(f) && lx.pivotLang(f) != "" && !lx.targetAccentedF(f) {
		return h | uint8(inlineForeign)
	}
	return h | uint8(inlineTarget)
}

// lowerClass is classify's class of a spelling that starts in lower case
// and is not hyphenated (w.capital, w.hyphenIn and w.hyphenOut false; the
// rest of the word's context, w.initial, is not read then): the same tests
// in the same order. accept reports an English word that is shared when
// the configuration accepts it (pass.Accepted, which the facts, shared
// between configurations, cannot hold).
func (lx *inlineLexicons) lowerClass(s *inlineFacts, function bool) (class inlineClass, accept bool) {
	f := s.folded
	fold := f.key
	if s.spelling&(spellingAllCaps|spellingCamel) != 0 {
		return inlineName, false // an acronym, a brand
	}
	english := function || lx.englishWordF(f)
	if !english && !lx.nounCaps && len(fold) >= minEnglishCompound && txASCII(fold) && !lx.targetF(f) {
		english = lx.englishCompound(f)
	}
	if !function && !lx.englishListF(f) && lx.englishNameF(f) {
		return inlineName, false
	}
	if english {
		return lx.englishWordClass(f)
	}
	if len(lx.pivots) > 0 && utf8.RuneCountInString(s.key) >= minPivotRunes &&
		!lx.targetF(f) && lx.pivotLang(f) != "" && !lx.targetAccentedF(f) {
		return inlineForeign, false
	}
	return inlineTarget, false
}

// englishWordClass is the class of a word English has: shared when the
// target language has it too (accents aside), else English, which an
// accepted-words list may still accept.
func (lx *inlineLexicons) englishWordClass(f *inlineFacts) (class inlineClass, accept bool) {
	if lx.targetF(f) || lx.targetAccentedF(f) {
		return inlineShared, false
	}
	return inlineEnglish, true
}

// capClass is classifyWord's class of a spelling that starts with a
// capital and is not hyphenated, at the start of a sentence (initial) or
// not: the same tests in the same order, those of a word in lower case or
// hyphenated left out. accept is lowerClass's.
func (lx *inlineLexicons) capClass(s *inlineFacts, initial, function bool) (class inlineClass, accept bool) {
	f := s.folded
	if s.spelling&(spellingAllCaps|spellingCamel) != 0 {
		return inlineName, false // an acronym, a brand
	}
	if !initial && !function && !lx.nounCaps {
		return inlineName, false
	}
	if !function && lx.englishNameF(f) && (lx.nounCaps || !lx.targetF(f)) {
		return inlineName, false
	}
	english := function || lx.englishWordF(f)
	if english {
		return lx.englishWordClass(f)
	}
	return inlineTarget, false
}

// pivotOf returns the pivot language a word in lower case belongs to, or
// "".
func (lx *inlineLexicons) pivotOf(fold string) string {
	for _, p := range lx.pivots {
		if p.HasForm(fold) {
			return p.Lang()
		}
	}
	return ""
}

// targetPart reports a word that starts or ends with a word of the target
// language of five letters or more: a target word misspelt or compounded
// ("simplemete"), not an English compound.
func (lx *inlineLexicons) targetPart(fold string) bool {
	const part = 5 // fold is ASCII: bytes are letters
	for i := part; i <= len(fold)-2; i++ {
		if lx.target.Has(fold[:i]) {
			return true
		}
	}
	for i := 2; i <= len(fold)-part; i++ {
		if lx.target.Has(fold[i:]) {
			return true
		}
	}
	return false
}

// minEnglishCompound is the shortest word tried as an English compound.
const minEnglishCompound = 8

// minPivotRunes is the shortest word taken for a pivot language's: short
// words of one Romance language are too often words of another.
const minPivotRunes = 5

// hyphenCompound returns the hyphen-joined compound word i belongs to.
func hyphenCompound(text string, words []inlineWord, i int) (string, bool) {
	if !words[i].hyphenIn && !words[i].hyphenOut {
		return "", false
	}
	a, b := i, i
	for a > 0 && words[a].hyphenIn {
		a--
	}
	for b+1 < len(words) && words[b].hyphenOut {
		b++
	}
	return text[words[a].Start:words[b].End], true
}

// inlineScanAppend appends the words of a sentence [start, end) of text to
// out, with what their surroundings say: hyphens, capitals, sentence
// starts.
//
// scratch, when not nil, holds the letter runs between calls, so that a
// caller scanning many sentences reuses one buffer.
func inlineScanAppend(out []inlineWord, scratch *[]txWord, text string, start, end int) []inlineWord {
	var local []txWord
	if scratch == nil {
		scratch = &local
	}
	raw := txAppendWords((*scratch)[:0], text, start, end)
	*scratch = raw
	return inlineAppendRuns(out, text, start, raw)
}

// runCapital reports whether the letter run w of text starts with a
// capital.
func runCapital(text string, w txWord) bool {
	if c := text[w.Start]; c < utf8.RuneSelf {
		return 'A' <= c && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(text[w.Start:w.End])
	return unicode.IsUpper(r)
}

// runGap reads the gap text[prev:start] between two letter runs of a
// sentence: a hyphen joins them, an opening mark or a colon starts a
// clause (a space, the usual gap, does neither).
func runGap(text string, prev, start int32) (hyphenIn, initial bool) {
	gap := text[prev:start]
	if len(gap) == 1 {
		return gap[0] == '-', gap[0] != ' ' && opensClause(gap)
	}
	return false, opensClause(gap)
}

// inlineAppendRuns is inlineScanAppend of a sentence starting at start
// whose letter runs are raw (txAppendWords', or the document's
// letterRuns), which it only reads.
func inlineAppendRuns(out []inlineWord, text string, start int, raw []txWord) []inlineWord {
	n := len(out)
	out = slices.Grow(out, len(raw))[:n+len(raw)]
	words := out[n:]
	words = words[:len(raw)]
	prev := int32(start) // the end of the run before
	for k, w := range raw {
		capital := runCapital(text, w)
		hyphenIn, initial := false, true
		if k > 0 {
			hyphenIn, initial = runGap(text, prev, w.Start)
			if hyphenIn {
				words[k-1].hyphenOut = true
			}
		}
		// Field by field: a composite literal is built on the stack byte
		// by byte and copied with wide loads, which stall on the narrow
		// stores before them.
		d := &words[k]
		d.Start, d.End, d.spell = w.Start, w.End, nil
		d.class, d.function, d.initial, d.capital = 0, false, initial, capital
		d.hyphenIn, d.hyphenOut, d.genitive, d.lowerFold = hyphenIn, false, false, false
		prev = w.End
	}
	return out
}

// appendClassified is inlineAppendRuns, then classify of the words it
// appends, in one walk for most words: a word in lower case, not
// hyphenated, whose class its slot holds is written once, whole. The
// others are classified after the walk, when their neighbours' hyphens
// are known (the class of a word depends on no other word's).
func (lx *inlineLexicons) appendClassified(out []inlineWord, text string, start int, raw []txWord) []inlineWord {
	out, _, _, _ = lx.appendMarked(out, nil, text, start, raw)
	return out
}

// appendMarked is appendClassified that marks the words too, as
// inlineMarkSentence does, in the same walk: it appends the indices (in
// the sentence) of the words marked to marked, and returns the sentence's
// count for inlineMostlyEnglish and the union of its words' inlineMarkBits
// (with inlineMarkGenitive for a word inlineGenitiveS reports).
func (lx *inlineLexicons) appendMarked(out []inlineWord, marked []int32, text string, start int, raw []txWord) (
	_ []inlineWord, _ []int32, english int, seen uint8) {
	n := len(out)
	out = slices.Grow(out, len(raw))[:n+len(raw)]
	words := out[n:len(out):len(out)]
	// Room for every word: each index is written, and kept when marked,
	// without a branch (inlineMarkBits).
	m0 := len(marked)
	m := m0
	marks := slices.Grow(marked, len(raw))[:m0+len(raw)]
	c := lx.cache()
	pending := false
	prev := int32(start) // the end of the run before
	hyphenOut := false   // the run before's
	for k, w := range raw {
		var capital bool
		if b := text[w.Start]; b < utf8.RuneSelf {
			capital = 'A' <= b && b <= 'Z' // (runCapital's, without the call)
		} else {
			capital = runCapital(text, w)
		}
		// The gaps from the runs before and after, as inlineAppendRuns
		// reads them (runGap). The gap from the run before is "-" when
		// its hyphenOut is set; else most gaps are one byte, which opens
		// a clause when it is an ASCII mark of opensClause's (a lone byte
		// of a longer rune is none).
		hyphenIn, initial := hyphenOut, k == 0
		if k > 0 && !hyphenIn {
			if w.Start == prev+1 {
				g := text[prev]
				initial = g < utf8.RuneSelf && clauseByte[g]
			} else {
				_, initial = runGap(text, prev, w.Start)
			}
		}
		// (Most words end before a space: the byte after decides first.)
		hyphenOut = int(w.End) < len(text) && text[w.End] == '-' && k+1 < len(raw) && raw[k+1].Start == w.End+1
		prev = w.End
		d := &words[k]
		d.Start, d.End = w.Start, w.End
		d.initial, d.capital, d.hyphenIn, d.hyphenOut, d.genitive = initial, capital, hyphenIn, hyphenOut, false
		if !hyphenIn && !hyphenOut {
			word := text[w.Start:w.End]
			r := c.probe(word)
			low := uint8(0)
			if r != nil {
				low = r.low
				if capital {
					ini := 0
					if initial {
						ini = 1
					}
					low = r.capLow[ini]
				}
			}
			if low&inlineLowKnown != 0 {
				d.spell = r.s
				d.lowerFold, d.function = low&inlineLowLowerFold != 0, low&inlineLowFunction != 0
				d.class = inlineClass(low & inlineLowClass)
				if low&inlineLowAccept != 0 && lx.accepted(word) {
					d.class = inlineShared
				}
				// (The key from the slot's bits, not read back from
				// the word just written.)
				key := int(low & (inlineLowClass | inlineLowFunction))
				if d.class != inlineClass(low&inlineLowClass) {
					key = key&^inlineLowClass | int(d.class)
				}
				if capital {
					key |= inlineMarkCapital
				}
				bits := inlineMarkBitsLow[key]
				seen |= bits
				marks[m] = int32(k)
				m += int(bits >> 1 & 1)
				english += int(bits & 1)
				// (A word of one letter: the branch is seldom taken.)
				if w.End-w.Start == 1 && inlineGenitiveS(text, d) {
					seen |= inlineMarkGenitive
				}
				continue
			}
		}
		// Left for classifyWord, below (spell nil), its index kept in
		// marks as ^k until its class decides its mark.
		d.spell, d.class, d.function, d.lowerFold = nil, 0, false, false
		marks[m] = ^int32(k)
		m++
		pending = true
	}
	if pending {
		for i := range words {
			if words[i].spell == nil {
				lx.classifyWord(c, text, words, i)
			}
		}
		// The marks of the words left, as inlineMarkSentence makes them,
		// in place among the others.
		kept := m0
		for _, k := range marks[m0:m] {
			if k < 0 {
				k = ^k
				w := &words[k]
				bits := inlineMarkBits[inlineMarkKey(w)]
				seen |= bits
				english += int(bits & 1)
				if w.End-w.Start == 1 && inlineGenitiveS(text, w) {
					seen |= inlineMarkGenitive
				}
				if bits&inlineMarkRead == 0 {
					continue
				}
			}
			marks[kept] = k
			kept++
		}
		m = kept
	}
	return out, marks[:m], english, seen
}

// markNames finds the article's names and marks every English word written
// as one of them. A name is a capitalised word in mid-sentence (in
// languages that capitalise nouns: a capitalised word of neither language
// beside another, "Rachel Reeves", "Cook County"); once a word is a name
// in one place, it is a name at the start of a sentence too ("Twitter et
// Facebook…", "Reeves sagte…").
// names is an empty set to fill, reused between articles.
func (lx *inlineLexicons) markNames(text string, all []inlineWord, bounds []int, names map[string]bool) {
	candidate, genitive := false, false
	for i := range all {
		w := &all[i]
		candidate = candidate || w.capital && (w.class == inlineEnglish || w.class == inlineForeign)
		genitive = genitive || inlineGenitiveS(text, w)
	}
	lx.markNamesIf(text, all, bounds, names, candidate, genitive)
}

// inlineGenitiveS reports a word that may be a genitive's "s": "s" after
// an apostrophe (the last byte of "'" or "’"). French writes "s" alone
// often ("s'est"), after an apostrophe seldom.
func inlineGenitiveS(text string, w *inlineWord) bool {
	return w.End-w.Start == 1 && text[w.Start] == 's' && w.Start > 0 &&
		(text[w.Start-1] == '\'' || text[w.Start-1] == "’"[2])
}

// markNamesIf is markNames of an article where candidate reports a
// capitalised English or foreign word and genitive a word
// inlineGenitiveS reports: only such a word may become a name (the
// genitives markGenitives makes English stay as they are), and without
// an "s" after an apostrophe there is no genitive. It reports whether it
// changed the class of a word (the marks of the article's words, which
// depend on their classes, are then to be made again).
func (lx *inlineLexicons) markNamesIf(text string, all []inlineWord, bounds []int, names map[string]bool, candidate, genitive bool) (changed bool) {
	if !candidate {
		if genitive {
			changed = lx.markGenitives(text, all, bounds)
		}
		return changed
	}
	for k := 0; k+1 < len(bounds); k++ {
		words := all[bounds[k]:bounds[k+1]]
		if !lx.nounCaps {
			for _, w := range words {
				if w.capital && w.class == inlineName && !w.function {
					names[w.lower()] = true
				}
			}
			continue
		}
		// Sequences of name-like words, joined by spaces and by English
		// function words ("Department of Natural Resources", "The
		// Guardian"): every name-like word of a sequence of two is a name.
		for i := 0; i < len(words); {
			if !lx.nameStart(&words[i]) {
				i++
				continue
			}
			last, n, end := lx.nameSequence(text, words, i)
			if n >= 2 {
				for m := i; m <= last; m++ {
					if lx.nameLike(&words[m]) {
						names[words[m].lower()] = true
					}
				}
			}
			i = max(end, i+1)
		}
	}
	if genitive {
		changed = lx.markGenitives(text, all, bounds)
	}
	if len(names) == 0 {
		return changed
	}
	for i := range all {
		w := &all[i]
		if w.capital && !w.genitive && (w.class == inlineEnglish || w.class == inlineForeign) && names[w.lower()] {
			w.class, changed = inlineName, true
		}
	}
	return changed
}

// nameStart reports a word that may start a name: name-like, or a
// capitalised English function word ("The Guardian").
func (lx *inlineLexicons) nameStart(w *inlineWord) bool {
	return lx.nameLike(w) || (w.function && w.capital)
}

// nameSequence reads the name that may start at word i: words joined by
// spaces (or the apostrophe of a possessive), name-like or capitalised
// words of both languages, with English function words between them. It
// returns the last name-like word, how many there are, and where the
// sequence ends.
func (lx *inlineLexicons) nameSequence(text string, words []inlineWord, i int) (last, n, end int) {
	last = i
	for end = i; end < len(words); end++ {
		if end > i {
			if gap := text[words[end-1].End:words[end].Start]; !inlineJoined(gap) && !inlineApostrophe(gap) {
				break
			}
		}
		w := &words[end]
		switch {
		case lx.nameStart(w):
			n++
			last = end
		case w.capital && w.class == inlineShared:
			// A capitalised word of both languages inside a name
			// ("Department of Homeland Security").
		case !nameJoiner(text, words, end):
			return last, n, end
		}
	}
	return last, n, end
}

// markGenitives marks English genitives: an ordinary English word, the
// possessive "s" and another English word ("President's Cup",
// "children's books") are English syntax, names or not.
//
// markNamesIf calls it only when a word may be a genitive's "s". It
// reports whether it changed the class of a word.
func (lx *inlineLexicons) markGenitives(text string, all []inlineWord, bounds []int) (changed bool) {
	for k := 0; k+1 < len(bounds); k++ {
		words := all[bounds[k]:bounds[k+1]]
		for i := 1; i+1 < len(words); i++ {
			if words[i].in(text) != "s" || !inlineApostrophe(text[words[i-1].End:words[i].Start]) ||
				!inlineJoined(text[words[i].End:words[i+1].Start]) {
				continue
			}
			// Not inside a longer name ("National Children's Alliance",
			// "Women's Football Club Angel City").
			if i > 1 && words[i-2].capital && inlineJoined(text[words[i-2].End:words[i-1].Start]) {
				continue
			}
			if words[i-1].capital && words[i+1].capital && i+2 < len(words) && words[i+2].capital &&
				inlineJoined(text[words[i+1].End:words[i+2].Start]) {
				continue
			}
			owner, owned := words[i-1].folded(), words[i+1].folded()
			if !lx.english.Has(owner) || lx.enFunction.Has(owner) || !lx.english.Has(owned) {
				continue
			}
			for m := i - 1; m <= i+1; m++ {
				changed = changed || words[m].class != inlineEnglish
				words[m].class, words[m].genitive = inlineEnglish, true
			}
		}
	}
	return changed
}

// nameLike reports, in a language that capitalises nouns, a capitalised
// word that is not the language's: part of a name when another follows.
func (lx *inlineLexicons) nameLike(w *inlineWord) bool {
	if !w.capital || w.function || w.hyphenIn || w.hyphenOut {
		return false
	}
	fold := w.folded()
	return !lx.targetHas(fold) || lx.names.Has(fold)
}

// nameJoiner reports a word that may stand inside a name between two
// name-like words: an English function word ("Department of Justice"), or
// the "s" of a possessive ("Children's Alliance").
func nameJoiner(text string, words []inlineWord, i int) bool {
	w := words[i]
	return w.function || (w.in(text) == "s" && i > 0 && inlineApostrophe(text[words[i-1].End:w.Start]))
}

func inlineApostrophe(gap string) bool { return gap == "'" || gap == "’" }

// opensClause reports a gap after which a capital is a sentence's: an
// opening quotation mark or a colon.
func opensClause(gap string) bool {
	// Most gaps hold no byte any of the marks starts with (", ", "'"):
	// the runes are read from the first that does.
	for i := 0; i < len(gap); i++ {
		if clauseByte[gap[i]] {
			for _, r := range gap[i:] {
				switch r {
				case '«', '“', '„', '"', ':', '¿', '¡', '—', '–':
					return true
				}
			}
			return false
		}
	}
	return false
}

// clauseByte marks the first bytes of opensClause's marks: '"', ':' and
// the lead bytes of the others, which no rune before them ends with.
var clauseByte = func() (t [256]bool) {
	for _, r := range "«“„\":¿¡—–" {
		var b [utf8.UTFMax]byte
		utf8.EncodeRune(b[:], r)
		t[b[0]] = true
	}
	return t
}()

// lowerCamel reports a word that starts with a lower-case letter and has a
// capital further on (iPhone, eBay, iOS): a brand's spelling, never a
// common word left untranslated.
func lowerCamel(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsLower(r) {
		return false
	}
	for _, c := range w[n:] {
		if unicode.IsUpper(c) {
			return true
		}
	}
	return false
}

// inlineDatesKey keys the source profile's filter of month and day names.
type inlineDatesKey struct{}

// inlineLetterFilter tells, from its length and its first and last
// letters, that a word of ASCII letters folds to none of a set of words:
// most capitalised words are no month, no head of a body's name and no
// place name's first word, and the test spares reading their facts, which
// are scattered in memory.
type inlineLetterFilter struct {
	first, last [32]uint32 // by length (31 for longer): a bit per letter a-z
}

// newInlineLetterFilter returns the filter of the keys of sets (folded
// words).
func newInlineLetterFilter(sets ...profile.Set) *inlineLetterFilter {
	f := &inlineLetterFilter{}
	for _, set := range sets {
		for k := range set {
			f.add(k)
		}
	}
	return f
}

// add adds a folded word. A word of ASCII letters folds to lower-case
// ASCII letters: a key with anything else at either end is the fold of
// no such word, and is left out.
func (f *inlineLetterFilter) add(key string) {
	if key == "" {
		return
	}
	a, z := key[0], key[len(key)-1]
	if a < 'a' || a > 'z' || z < 'a' || z > 'z' {
		return
	}
	n := min(len(key), 31)
	f.first[n] |= 1 << (a - 'a')
	f.last[n] |= 1 << (z - 'a')
}

// mayFold reports whether word, a letter run, may fold to a key of the
// filter: false only for a word of ASCII letters (its fold is the word in
// lower case) whose length and first and last letters no key has. A nil
// filter may hold anything.
func (f *inlineLetterFilter) mayFold(word string) bool {
	if f == nil || word == "" {
		return true
	}
	a, z := word[0]|0x20, word[len(word)-1]|0x20 // (lower case, for letters)
	if a < 'a' || a > 'z' || z < 'a' || z > 'z' {
		return true
	}
	n := min(len(word), 31)
	if f.first[n]&(1<<(a-'a')) != 0 && f.last[n]&(1<<(z-'a')) != 0 {
		return true
	}
	return !inlineASCIILetters(word)
}

// inlineASCIILetters reports whether every byte of w is an ASCII letter.
func inlineASCIILetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if !asciiLetter[w[i]] {
			return false
		}
	}
	return true
}
