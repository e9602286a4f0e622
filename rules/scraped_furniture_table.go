package rules

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// furnClass says what a token is to the furniture checks; a document's
// tokens are classified once (furnitureTableOf) and both checks read it.
type furnClass uint16

const (
	fLabel          furnClass = 1 << iota // a furniture label (lire, mehr)
	fCall                                 // a call to action starts here (callLen tokens)
	fIface                                // an interface noun (newsletter)
	fAddress                              // the reader's pronoun, alone or glued ("vous", "abonnez-vous")
	fPolite                               // a polite form as written (Sie)
	fPublisher                            // the site's word for itself (notre)
	fNetwork                              // a share target starts here (netLen tokens)
	fFunction                             // a function word
	fGluedPublisher                       // a verb with the site's pronoun glued to it ("Rejoignez-nous")
	fGluedPronoun                         // a verb with the reader's or the site's pronoun glued to it
)

// fVocabulary are the classes that make a unit furniture vocabulary.
const fVocabulary = fLabel | fCall | fIface | fNetwork | fPublisher | fGluedPublisher

// furnitureTable is the furniture classes of one document's tokens, with
// its vocabulary and token table.
type furnitureTable struct {
	fw      *furnitureWords
	s       *shape
	cls     []furnClass // by token: its classes with fKnown, once worked out (class)
	callLen []uint8     // with fCall: the call's length in tokens
	netLen  []uint8     // with fNetwork: the share target's length in tokens
	// quoted says whether a token stands inside a quotation of its line
	// (shape.insideQuotes), filled a line at a time on first use: 0 not
	// known yet, 1 inside, -1 outside.
	quoted []int8
	// shareStarts says whether a token's text (one with letters outside
	// ASCII) starts a share phrase of the pack, for the document.
	shareStarts map[string]bool
	// words holds what each distinct word of the document is to the
	// vocabulary (by shape word id), classified on first use (wordInfo).
	words []furnWordInfo
	// may holds each distinct word's mayVocabulary state, 0 until known.
	may []uint8
	// ids is the word table's (wordsOf), polite whether the vocabulary
	// has polite forms matched as written.
	ids    []int32
	polite bool
}

// furnWordInfo is what a folded word is to the furniture checks, wherever
// it stands.
type furnWordInfo struct {
	w     furnWord
	c     furnClass // its classes alone: wAlone, and a glued pronoun
	call  bool      // a call to action of one token
	ascii bool
	// share says, once known (shareKnown), whether the word written as its
	// folded form starts a share phrase of the pack (networkIn).
	share, shareKnown bool
	known             bool // set by wordInfo
}

var furnitureTableAnalysis = &audit.Analysis[*furnitureTable]{
	Name: "furniture classes",
	Run: func(p *audit.Pass) *furnitureTable {
		s := shapeOf(p)
		return buildFurnitureTable(s, furnitureOf(s))
	},
	// The rules keep nothing of the table: its slices serve the next
	// document.
	Release: (*furnitureTable).release,
}

// furnitureTables holds the tables of released documents.
var furnitureTables = sync.Pool{New: func() any { return &furnitureTable{shareStarts: map[string]bool{}} }}

// release returns the table to furnitureTables; it is unusable afterwards.
func (tb *furnitureTable) release() {
	tb.fw, tb.s, tb.ids = nil, nil, nil
	clear(tb.shareStarts)
	furnitureTables.Put(tb)
}

// resized returns b with n zero elements, reusing its array when it can.
func resized[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// furnitureTableOf returns the furniture classes of the pass's document.
func furnitureTableOf(pass *audit.Pass) *furnitureTable {
	return audit.ResultOf(pass, furnitureTableAnalysis)
}

func buildFurnitureTable(s *shape, fw *furnitureWords) *furnitureTable {
	n := len(s.toks)
	tb := furnitureTables.Get().(*furnitureTable)
	tb.fw, tb.s = fw, s
	tb.cls, tb.callLen, tb.netLen, tb.quoted = resized(tb.cls, n), resized(tb.callLen, n), resized(tb.netLen, n), resized(tb.quoted, n)
	wt := s.wordsOf()
	tb.words, tb.may = resized(tb.words, len(wt.words)), resized(tb.may, len(wt.words))
	tb.ids, tb.polite = wt.id, len(fw.politeCased) > 0
	// The classes are worked out on first use (class): the checks read
	// those of a few lines only, and furniture vocabulary is rare.
	return tb
}

// fKnown marks a token whose classes are worked out (class); fNone, one
// known to have none of fMayTells, the rest not worked out (classFor).
const (
	fKnown furnClass = 1 << 15
	fNone  furnClass = 1 << 14
)

// class returns the classes of token k, worked out on first use.
func (tb *furnitureTable) class(k int) furnClass {
	if c := tb.cls[k]; c&fKnown != 0 {
		return c
	}
	return tb.classifyToken(k)
}

// wordInfo returns what the document's word id is to the vocabulary,
// classified on first use.
func (tb *furnitureTable) wordInfo(id int32) *furnWordInfo {
	info := &tb.words[id]
	if !info.known {
		*info = tb.fw.classify(tb.s.words.words[id])
		info.known = true
	}
	return info
}

// classifyToken works out and records the classes of token k: its word's,
// the polite form as written, a call or a share target starting at it
// (phrases end with its line).
func (tb *furnitureTable) classifyToken(k int) furnClass {
	s, fw := tb.s, tb.fw
	t := &s.toks[k]
	c := fKnown
	if t.Kind == tokWord {
		to := len(s.toks)
		if li := int(t.Line); li+1 < len(s.lineTok) {
			to = int(s.lineTok[li+1])
		}
		info := tb.wordInfo(s.words.id[k])
		w := info.w
		c |= info.c
		if len(fw.politeCased) > 0 && fw.politeCased[s.text(t)] {
			c |= fPolite
		}
		if info.call {
			c |= fCall
			tb.callLen[k] = 1
		} else if w&wPhraseFirst != 0 {
			if n := fw.callPhrases.match(s, k, to); n > 0 {
				c |= fCall
				tb.callLen[k] = uint8(min(n, 255))
			}
		}
		if n := tb.networkIn(k, to, info); n > 0 {
			c |= fNetwork
			tb.netLen[k] = uint8(min(n, 255))
		}
	}
	tb.cls[k] = c
	return c
}

// The bits of a word's state for mayVocabulary, worked out on first use.
const (
	mayKnown        uint8 = 1 << iota // the state is worked out
	mayClassify                       // a vocabulary entry, or hyphenated: classify tells
	mayShare                          // outside ASCII: it may start a pack share phrase (networkIn)
	mayPlainChecked                   // with mayShare: whether it does, written as its fold, is known
	mayPlainStarts                    // it does
)

// fMayMask are the classes mayVocabulary looks for.
const fMayMask = fVocabulary | fAddress | fPolite

// mayVocabulary reports whether token k (a word) has a class of
// fMayMask. Most words are told without classifying them: no hyphen, not
// in the sieve of vocabulary words, and either ASCII or not starting a
// share phrase (the test networkIn makes, memoised the same way).
func (tb *furnitureTable) mayVocabulary(k int) bool {
	s, fw := tb.s, tb.fw
	t := &s.toks[k]
	if len(fw.politeCased) > 0 && fw.politeCased[s.text(t)] {
		return true
	}
	id := s.words.id[k]
	m := tb.may[id]
	if m == 0 {
		// A hyphen is a rune neither a letter nor a digit: a token
		// without tJoined has none, nor has its fold.
		m = fw.mayState(s.words.words[id], t.Flags&tJoined != 0)
		tb.may[id] = m
	}
	if m&mayClassify != 0 {
		return tb.class(k)&fMayMask != 0
	}
	if m&mayShare == 0 {
		return false
	}
	if t.Flags&tFoldArena == 0 {
		// Written as its fold: the word's own memo, read before
		// asciiRejects and latinRejects, which every occurrence of an
		// accented word paid; firstAt says no where they do
		// (TestShareRejectsExact).
		if m&mayPlainChecked == 0 {
			m |= mayPlainChecked
			if _, ok := fw.packShare.firstAt(s, k); ok {
				m |= mayPlainStarts
			}
			tb.may[id] = m
		}
		if m&mayPlainStarts == 0 {
			return false
		}
	} else {
		text := s.text(t)
		if fw.packShare.asciiRejects(text) || fw.packShare.latinRejects(text) {
			return false
		}
		starts, ok := tb.shareStarts[text]
		if !ok {
			_, starts = fw.packShare.firstAt(s, k)
			tb.shareStarts[text] = starts
		}
		if !starts {
			return false
		}
	}
	return tb.class(k)&fMayMask != 0
}

// knownNone reports that word token k has no class of fMayMask, told by
// its word's state alone (most words), or, for a word outside ASCII
// written as its fold, by the state's memo that it starts no share phrase
// (the words with accents, met again): false when that takes more.
func (tb *furnitureTable) knownNone(k int) bool {
	if tb.polite {
		return false
	}
	switch tb.may[tb.ids[k]] {
	case mayKnown:
		return true
	case mayKnown | mayShare | mayPlainChecked:
		return tb.s.toks[k].Flags&tFoldArena == 0
	}
	return false
}

// mayState returns the mayVocabulary state of folded word low; joined
// says it may hold a hyphen.
func (fw *furnitureWords) mayState(low string, joined bool) uint8 {
	if joined && strings.IndexByte(low, '-') >= 0 {
		return mayKnown | mayClassify // a glued pronoun or call
	}
	if fw.vocabSieve.mayHave(low) && fw.index[low]&wVocabulary != 0 {
		return mayKnown | mayClassify
	}
	if !isASCII(low) {
		return mayKnown | mayShare
	}
	return mayKnown
}

// insideQuotes reports whether token i stands inside a quotation on its
// line, as shape.insideQuotes does, with the marks of the line counted in
// one pass for all its tokens (a line of many sentences costs its length
// once, not once a sentence).
func (tb *furnitureTable) insideQuotes(i int) bool {
	if tb.quoted[i] == 0 {
		tb.fillQuoted(int(tb.s.toks[i].Line))
	}
	return tb.quoted[i] > 0
}

// quoteRunes is a pair of quotation marks and how deep a line is in it.
type quoteRunes struct {
	open, close rune
	depth       int
}

// fillQuoted computes the quotation state of every token of line li.
func (tb *furnitureTable) fillQuoted(li int) {
	s := tb.s
	var arr [8]quoteRunes
	pairs := arr[:0]
	asciiPair := false // a pair of ASCII marks: every byte must be looked at
	for _, q := range s.lex.quotes {
		if q.open != q.close {
			o, _ := utf8.DecodeRuneInString(q.open)
			c, _ := utf8.DecodeRuneInString(q.close)
			pairs = append(pairs, quoteRunes{open: o, close: c})
			asciiPair = asciiPair || o < utf8.RuneSelf || c < utf8.RuneSelf
		}
	}
	from, to := int(s.lineTok[li]), len(s.toks)
	if li+1 < len(s.lineTok) {
		to = int(s.lineTok[li+1])
	}
	straight := 0
	deep := 0 // the pairs open (depth > 0)
	pos := s.doc.Lines[li].Start
	text := s.doc.Text
	if !opensQuote(text[pos:s.doc.Lines[li].End], pairs) {
		// No straight quote and no opening mark: no token is inside.
		for i := from; i < to; i++ {
			tb.quoted[i] = -1
		}
		return
	}
	for i := from; i < to; i++ {
		start := int(s.toks[i].Start)
		for j := pos; j < start; {
			r, n := rune(text[j]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(text[j:start])
			} else if r != '"' && !asciiPair {
				j++
				continue // neither a straight quote nor a mark of a pair
			}
			j += n
			if r == '"' {
				straight++
			}
			for k := range pairs {
				switch r {
				case pairs[k].open:
					pairs[k].depth++
					if pairs[k].depth == 1 {
						deep++
					}
				case pairs[k].close:
					pairs[k].depth--
					if pairs[k].depth == 0 {
						deep--
					}
				}
			}
		}
		pos = start
		tb.quoted[i] = -1
		if straight%2 == 1 || deep > 0 {
			tb.quoted[i] = 1
		}
	}
}

// opensQuote reports whether line holds a straight quote or the opening
// mark of one of pairs.
func opensQuote(line string, pairs []quoteRunes) bool {
	if strings.IndexByte(line, '"') >= 0 {
		return true
	}
	for _, p := range pairs {
		if strings.IndexRune(line, p.open) >= 0 {
			return true
		}
	}
	return false
}

// has reports whether token k has one of the classes of f.
func (tb *furnitureTable) has(k int, f furnClass) bool { return tb.classFor(k, f)&f != 0 }

// fMayTells are the classes a token has only where mayVocabulary says it
// may (a glued pronoun is the reader's or the site's).
const fMayTells = fMayMask | fGluedPronoun

// classFor returns the classes of token k, or 0 when it has none of f and
// telling so takes no classifying: most words the checks ask about are
// no vocabulary, told by mayVocabulary's cheaper test for f within
// fMayTells.
func (tb *furnitureTable) classFor(k int, f furnClass) furnClass {
	if c := tb.cls[k]; c&fKnown != 0 || c&fNone != 0 && f&^fMayTells == 0 {
		return c // (with fNone alone: none of f)
	}
	return tb.classForSlow(k, f)
}

// classForSlow is classFor when the token's answer is not recorded yet.
func (tb *furnitureTable) classForSlow(k int, f furnClass) furnClass {
	if tb.s.toks[k].Kind != tokWord {
		tb.cls[k] = fKnown
		return fKnown // no class
	}
	if f&^fMayTells == 0 && (tb.knownNone(k) || !tb.mayVocabulary(k)) {
		// The checks ask a token several times: the answer is kept.
		tb.cls[k] = fNone
		return fNone
	}
	return tb.classifyToken(k)
}

// call returns the length of a call to action at token k that ends by b, or 0.
func (tb *furnitureTable) call(k, b int) int {
	if tb.classFor(k, fCall)&fCall == 0 {
		return 0 // the length is set with the class
	}
	if n := int(tb.callLen[k]); k+n <= b {
		return n
	}
	return 0
}

// network returns the length of a share target at token k that ends by b, or 0.
func (tb *furnitureTable) network(k, b int) int {
	if tb.classFor(k, fNetwork)&fNetwork == 0 {
		return 0 // the length is set with the class
	}
	if n := int(tb.netLen[k]); k+n <= b {
		return n
	}
	return 0
}

// classify returns what folded word low is to the vocabulary: its
// classes alone, with a pronoun hyphenated to it ("abonnez-vous",
// "Rejoignez-nous"), and whether it is a call to action of one token: a
// listed call, or one with a pronoun glued to it ("Partagez-le"); calls of
// several words ("jetzt abonnieren") are matched at each token.
func (fw *furnitureWords) classify(low string) furnWordInfo {
	w := fw.word(low)
	c := furnClass(w & wAlone)
	call := w&wCall != 0
	// Most words hold no hyphen: IndexByte (in assembly) tells them, where
	// LastIndexByte is a loop in Go.
	first := strings.IndexByte(low, '-')
	if first < 0 {
		return furnWordInfo{w: w, c: c, call: call, ascii: isASCII(low)}
	}
	if h := strings.LastIndexByte(low, '-'); h > 0 && h < len(low)-1 {
		p := fw.word(low[h+1:])
		if p&wAddress != 0 {
			c |= fAddress | fGluedPronoun
		}
		if p&wPublisher != 0 {
			c |= fGluedPublisher | fGluedPronoun
		}
	}
	if h := first; !call && h > 0 && fw.word(low[:h])&wCall != 0 && (c&fGluedPronoun != 0 || fw.word(low[h+1:])&wObject != 0) {
		call = true
	}
	return furnWordInfo{w: w, c: c, call: call, ascii: isASCII(low)}
}

// networkIn returns the length in tokens of a share target at token i
// (facebook, e-mail, copier le lien, a share-bar phrase of the pack), 0
// when none; info is what the token's word is (classify).
func (tb *furnitureTable) networkIn(i, end int, info *furnWordInfo) int {
	fw, s := tb.fw, tb.s
	if info.w&wNetwork != 0 {
		return 1
	}
	if info.w&wPhraseFirst != 0 {
		return max(fw.networkPhrases.match(s, i, end), fw.packShare.match(s, i, end))
	}
	if info.ascii {
		return 0 // no phrase starts with it, on either fold
	}
	// Pack phrases match on the pack's fold, which a token with letters
	// outside ASCII may have apart from its own: folded once a document,
	// by word for a token written as its folded form, by text otherwise.
	// Most such words are told by their first two letters, before the
	// look-up (an exact test: firstAt would find nothing); a word's memo,
	// once known, answers before the token's text is read.
	t := &s.toks[i]
	var starts bool
	if t.Flags&tFoldArena == 0 {
		if !info.shareKnown {
			if !fw.packShare.asciiRejects(s.text(t)) {
				_, info.share = fw.packShare.firstAt(s, i)
			}
			info.shareKnown = true
		}
		starts = info.share
	} else {
		text := s.text(t)
		if fw.packShare.asciiRejects(text) {
			return 0
		}
		var ok bool
		if starts, ok = tb.shareStarts[text]; !ok {
			_, starts = fw.packShare.firstAt(s, i)
			tb.shareStarts[text] = starts
		}
	}
	if !starts {
		return 0
	}
	return fw.packShare.match(s, i, end)
}
