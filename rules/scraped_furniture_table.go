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
var furnitureTables = sync.Pool{New: func() any { return new(furnitureTable) }}

// release returns the table to furnitureTables; it is unusable afterwards.
func (tb *furnitureTable) release() {
	tb.fw, tb.s = nil, nil
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
			var c furnClass
			set := func(f furnClass, ok bool) {
				if ok {
					c |= f
				}
			}
			set(fLabel, fw.labels[low])
			set(fIface, fw.iface[low])
			set(fAddress, fw.address[low] || fw.gluedAddress(low))
			set(fPolite, fw.politeCased[s.text(t)])
			set(fPublisher, fw.publisher[low])
			set(fFunction, fw.function[low])
			set(fGluedPublisher, fw.gluedPublisher(low))
			set(fGluedPronoun, fw.gluedPronoun(low))
			if k := fw.callAt(s, i, to); k > 0 {
				c |= fCall
				tb.callLen[i] = uint8(min(k, 255))
			}
			if k := fw.networkAt(s, i, to); k > 0 {
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

// fillQuoted computes the quotation state of every token of line li.
func (tb *furnitureTable) fillQuoted(li int) {
	s := tb.s
	type pair struct {
		open, close rune
		depth       int
	}
	var pairs []pair
	for _, q := range s.lex.quotes {
		if q.open != q.close {
			o, _ := utf8.DecodeRuneInString(q.open)
			c, _ := utf8.DecodeRuneInString(q.close)
			pairs = append(pairs, pair{open: o, close: c})
		}
	}
	from, to := int(s.lineTok[li]), len(s.toks)
	if li+1 < len(s.lineTok) {
		to = int(s.lineTok[li+1])
	}
	straight := 0
	pos := s.doc.Lines[li].Start
	for i := from; i < to; i++ {
		start := int(s.toks[i].Start)
		for _, r := range s.doc.Text[pos:start] {
			if r == '"' {
				straight++
			}
			for k := range pairs {
				switch r {
				case pairs[k].open:
					pairs[k].depth++
				case pairs[k].close:
					pairs[k].depth--
				}
			}
		}
		pos = start
		in := straight%2 == 1
		for k := range pairs {
			in = in || pairs[k].depth > 0
		}
		tb.quoted[i] = -1
		if in {
			tb.quoted[i] = 1
		}
	}
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

// callAt returns the length in tokens of a call to action at token i: a
// listed call, one with a pronoun glued to it ("Partagez-le"), or a
// phrase of several words ("jetzt abonnieren").
func (fw *furnitureWords) callAt(s *shape, i, end int) int {
	low := s.low(&s.toks[i])
	if fw.calls[low] {
		return 1
	}
	if h := strings.IndexByte(low, '-'); h > 0 && fw.calls[low[:h]] && (fw.gluedPronoun(low) || fw.objects[low[h+1:]]) {
		return 1
	}
	return fw.callPhrases.match(s, i, end)
}

// networkAt returns the length in tokens of a share target at token i
// (facebook, e-mail, copier le lien, a share-bar phrase of the pack), 0
// when none.
func (fw *furnitureWords) networkAt(s *shape, i, end int) int {
	if fw.networks[s.low(&s.toks[i])] {
		return 1
	}
	return max(fw.networkPhrases.match(s, i, end), fw.packShare.match(s, i, end))
}

// gluedPublisher reports a verb with the site's pronoun hyphenated to it:
// "Rejoignez-nous", "Siga-nos".
func (fw *furnitureWords) gluedPublisher(low string) bool {
	i := strings.LastIndexByte(low, '-')
	return i > 0 && i < len(low)-1 && fw.publisher[low[i+1:]]
}

// gluedPronoun reports a verb with the reader's or the site's pronoun
// hyphenated to it ("Abonnez-vous").
func (fw *furnitureWords) gluedPronoun(low string) bool {
	i := strings.LastIndexByte(low, '-')
	if i <= 0 || i == len(low)-1 {
		return false
	}
	p := low[i+1:]
	return fw.address[p] || fw.publisher[p]
}

// gluedAddress reports a word with the reader's pronoun hyphenated to it
// ("abonnez-vous").
func (fw *furnitureWords) gluedAddress(low string) bool {
	i := strings.LastIndexByte(low, '-')
	return i > 0 && i < len(low)-1 && fw.address[low[i+1:]]
}
