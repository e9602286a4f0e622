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
	cls     []furnClass
	callLen []uint8 // with fCall: the call's length in tokens
	netLen  []uint8 // with fNetwork: the share target's length in tokens
	// quoted says whether a token stands inside a quotation of its line
	// (shape.insideQuotes), filled a line at a time on first use: 0 not
	// known yet, 1 inside, -1 outside.
	quoted []int8
	// shareStarts says whether a token's text (one with letters outside
	// ASCII) starts a share phrase of the pack, for the document.
	shareStarts map[string]bool
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
	tb.fw, tb.s = nil, nil
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
	for li := range s.lineTok {
		from, to := int(s.lineTok[li]), n
		if li+1 < len(s.lineTok) {
			to = int(s.lineTok[li+1])
		}
		for i := from; i < to; i++ {
			t := &s.toks[i]
			if t.Kind != tokWord {
				continue
			}
			low := s.low(t)
			w := fw.word(low)
			c := furnClass(w & wAlone)
			if fw.politeCased[s.text(t)] {
				c |= fPolite
			}
			// A pronoun hyphenated to the word: "abonnez-vous", "Rejoignez-nous".
			if h := strings.LastIndexByte(low, '-'); h > 0 && h < len(low)-1 {
				p := fw.word(low[h+1:])
				if p&wAddress != 0 {
					c |= fAddress | fGluedPronoun
				}
				if p&wPublisher != 0 {
					c |= fGluedPublisher | fGluedPronoun
				}
			}
			if k := fw.callIn(s, i, to, low, w, c); k > 0 {
				c |= fCall
				tb.callLen[i] = uint8(min(k, 255))
			}
			if k := tb.networkIn(i, to, low, w); k > 0 {
				c |= fNetwork
				tb.netLen[i] = uint8(min(k, 255))
			}
			tb.cls[i] = c
		}
	}
	return tb
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
func (tb *furnitureTable) has(k int, f furnClass) bool { return tb.cls[k]&f != 0 }

// call returns the length of a call to action at token k that ends by b, or 0.
func (tb *furnitureTable) call(k, b int) int {
	if n := int(tb.callLen[k]); tb.cls[k]&fCall != 0 && k+n <= b {
		return n
	}
	return 0
}

// network returns the length of a share target at token k that ends by b, or 0.
func (tb *furnitureTable) network(k, b int) int {
	if n := int(tb.netLen[k]); tb.cls[k]&fNetwork != 0 && k+n <= b {
		return n
	}
	return 0
}

// callIn returns the length in tokens of a call to action at token i: a
// listed call, one with a pronoun glued to it ("Partagez-le"), or a
// phrase of several words ("jetzt abonnieren"). low is the token's folded
// form, w its index entry and c its classes so far (fGluedPronoun).
func (fw *furnitureWords) callIn(s *shape, i, end int, low string, w furnWord, c furnClass) int {
	if w&wCall != 0 {
		return 1
	}
	if h := strings.IndexByte(low, '-'); h > 0 && fw.word(low[:h])&wCall != 0 && (c&fGluedPronoun != 0 || fw.word(low[h+1:])&wObject != 0) {
		return 1
	}
	if w&wPhraseFirst == 0 {
		return 0
	}
	return fw.callPhrases.match(s, i, end)
}

// networkIn returns the length in tokens of a share target at token i
// (facebook, e-mail, copier le lien, a share-bar phrase of the pack), 0
// when none; low and w as for callIn.
func (tb *furnitureTable) networkIn(i, end int, low string, w furnWord) int {
	fw, s := tb.fw, tb.s
	if w&wNetwork != 0 {
		return 1
	}
	if w&wPhraseFirst != 0 {
		return max(fw.networkPhrases.match(s, i, end), fw.packShare.match(s, i, end))
	}
	if isASCII(low) {
		return 0 // no phrase starts with it, on either fold
	}
	// Pack phrases match on the pack's fold, which a token with letters
	// outside ASCII may have apart from its own: folded once a document.
	text := s.text(&s.toks[i])
	starts, ok := tb.shareStarts[text]
	if !ok {
		_, starts = fw.packShare.firstAt(s, i)
		tb.shareStarts[text] = starts
	}
	if !starts {
		return 0
	}
	return fw.packShare.match(s, i, end)
}
