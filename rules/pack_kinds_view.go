package rules

import (
	"encoding/binary"
	"math/bits"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/mtaudit/mtaudit/audit"
)

// A textView is a normalised copy of a document's text that pack checks
// match against, with a map from every byte of the copy back to the
// original. Two views exist:
//
//   - folded (the default): lower case, accents removed (é→e, œ→oe, ß→ss),
//     curly and straight apostrophes as ', every double quote (“ ” « » „) as ",
//     dashes as -, no-break and thin spaces as a space, runs of horizontal
//     space as one space, zero-width characters, soft hyphens and CR removed;
//   - cased (`case: sensitive`): the same, but letters keep their case.
//
// Folded French is almost pure ASCII, so RE2's ASCII \b and \w work on it.
type textView struct {
	text string
	// offs maps view offsets to the original's (shared by the two views).
	offs *viewOffsets
	src  string

	// newlines holds the offsets of the line ends of text, for lineAt;
	// built on first use.
	newlinesOnce sync.Once
	newlines     []int
}

// viewOffsets is the map from the views' offsets back to the original:
// orig[i] is the byte offset in the original of the rune that produced
// byte i of either view; orig[len(view)] is the original's length. It is
// built on first use, by a second pass over the original: only a match
// that is reported needs it, which most documents have none of, and
// writing four bytes of map per byte of text was a good part of the
// cost of building the views.
type viewOffsets struct {
	once sync.Once
	src  string
	orig []int32
	// spare is a released document's map (docViews), reused when it is
	// long enough.
	spare []int32
}

// get returns the map, building it on first use.
func (o *viewOffsets) get() []int32 {
	o.once.Do(func() {
		n := len(o.src)
		var orig []int32
		if cap(o.spare) >= n+1 {
			orig = o.spare[:n+1]
		} else {
			orig = make([]int32, n+1)
		}
		// The views themselves go to a scratch buffer (one for both:
		// nothing reads them back), so that the pass takes the
		// eight-byte path.
		var scratch []byte
		if p, ok := viewTexts.Get().(*[]byte); ok && cap(*p) >= n {
			scratch = (*p)[:n]
		} else {
			scratch = make([]byte, n)
		}
		k := foldViewsBlocks(o.src, scratch, scratch, orig, true)
		scratch = scratch[:0]
		viewTexts.Put(&scratch)
		o.orig = orig[:k+1]
	})
	return o.orig
}

// start maps a view offset that begins a match to the original.
func (v *textView) start(i int) int {
	if i >= len(v.text) {
		return len(v.src)
	}
	return int(v.offs.get()[i])
}

// end maps an exclusive view end offset to the original: the end of the
// rune that produced text[i-1] (the whole of it when it expanded, œ →
// "oe"). Characters the view dropped after it (the CR of a CRLF, a soft
// hyphen) stay outside: a match at the end of a line must not take the CR
// and split the line end.
func (v *textView) end(i int) int {
	if i <= 0 {
		return v.start(0)
	}
	i = min(i, len(v.text))
	o := int(v.offs.get()[i-1])
	_, n := utf8.DecodeRuneInString(v.src[o:])
	return o + n
}

// lineAt returns the view line [ls, le) that contains offset i. It
// searches the line ends found once per view: scanning from i for every
// match would be quadratic on a long line with many matches.
func (v *textView) lineAt(i int) (int, int) {
	v.newlinesOnce.Do(func() {
		for k := 0; ; {
			j := strings.IndexByte(v.text[k:], '\n')
			if j < 0 {
				break
			}
			v.newlines = append(v.newlines, k+j)
			k += j + 1
		}
	})
	k := sort.SearchInts(v.newlines, i) // the first line end at or after i
	ls, le := 0, len(v.text)
	if k > 0 {
		ls = v.newlines[k-1] + 1
	}
	if k < len(v.newlines) {
		le = v.newlines[k]
	}
	return ls, le
}

// newView builds one view of src; lower selects the folded view.
func newView(src string, lower bool) *textView {
	folded, cased := newViews(src)
	if lower {
		return folded
	}
	return cased
}

// asciiFold classifies ASCII bytes for newViews.
const (
	asciiKeep = iota
	asciiUpper
	asciiSpace
	asciiDrop
	asciiQuote
)

var asciiFold = func() (t [utf8.RuneSelf]uint8) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = asciiUpper
	}
	t[' '], t['\t'], t['\v'], t['\f'] = asciiSpace, asciiSpace, asciiSpace, asciiSpace
	t['\r'] = asciiDrop
	t['`'] = asciiQuote
	return t
}()

// newViews builds the folded and the cased view of src in one pass. The two
// have the same length byte for byte (a rune whose lower case has another
// length keeps its case in the folded view), so they share one offset map.
func newViews(src string) (folded, cased *textView) {
	folded, cased, _ = newViewsBuf(src)
	return folded, cased
}

// newViewsBuf is newViews, returning the buffer under the views' text too.
func newViewsBuf(src string) (folded, cased *textView, buf []byte) {
	// No rune's replacement is longer than its UTF-8 encoding, so the views
	// fit in len(src) bytes: one buffer holds both, and the strings are
	// made over it without a copy (nothing writes to it afterwards).
	// The two views and their offset map in one allocation.
	set := &viewSet{}
	if len(src) > 0 {
		if p, ok := viewTexts.Get().(*[]byte); ok {
			buf = *p
		}
	}
	buf = set.build(src, buf)
	return &set.folded, &set.cased, buf
}

// viewSet is the two views of a text and their offset map.
type viewSet struct {
	folded, cased textView
	offs          viewOffsets
}

// build makes the views of src in s, over buf when it holds them (else
// over a new buffer), and returns the buffer. s is new or released
// (docViews): what it holds of an earlier text is written over.
func (s *viewSet) build(src string, buf []byte) []byte {
	s.offs.src = src
	s.folded.offs, s.folded.src, s.cased.offs, s.cased.src = &s.offs, src, &s.offs, src
	if len(src) == 0 {
		s.folded.text, s.cased.text = "", ""
		return buf
	}
	if cap(buf) >= 2*len(src) {
		buf = buf[:2*len(src)]
	} else {
		buf = make([]byte, 2*len(src))
	}
	fb, cb := buf[:len(src):len(src)], buf[len(src):]
	k := foldTwoViews(src, fb, cb)
	s.folded.text, s.cased.text = unsafe.String(&fb[0], k), unsafe.String(&cb[0], k)
	return buf
}

// foldViews writes the folded view of src to fb and the cased one to cb,
// and the offset map to orig; any of the three may be nil. It returns the
// views' length.
func foldViews(src string, fb, cb []byte, orig []int32) int {
	return foldViewsBlocks(src, fb, cb, orig, true)
}

// SWAR constants: a byte of 0x01, of 0x7f and of 0x80 in every lane.
const (
	lanes01 = 0x0101010101010101
	lanes7f = 0x7f7f7f7f7f7f7f7f
	lanes80 = 0x8080808080808080
)

// zeroLanes returns 0x80 in every byte lane of x that is zero, exactly
// (no lane borrows from another).
func zeroLanes(x uint64) uint64 {
	return ^((x & lanes7f) + lanes7f | x | lanes7f)
}

// plainLanes returns the lanes of x (eight bytes of a text, the first in
// the low byte) that do not fold one for one, and the lanes holding a
// capital letter; prev is 0x80 when a space comes just before the block (0:
// none). A lane does not fold one for one when it is not ASCII, is a control
// byte (a line end, a tab, CR), a backquote, or a space after a space. Only
// the lowest such lane is exact (a borrow may mark lanes above it), which is
// all the caller reads; the capitals are exact in every lane. It is small
// enough to inline.
func plainLanes(x, prev uint64) (bad, upper uint64) {
	sp := zeroLanes(x ^ 0x20*lanes01)
	bad = x&lanes80 | (x-0x20*lanes01)&^x&lanes80 | zeroLanes(x^0x60*lanes01) | sp&(sp<<8|prev)
	// A lane is a capital when it is at least 'A' and below '['; the high
	// bit set in every lane keeps the subtractions within their lanes.
	upper = ((x | lanes80) - 0x41*lanes01) &^ ((x | lanes80) - 0x5b*lanes01) & lanes80
	return bad, upper
}

// plainLanesLF is plainLanes with line feeds plain too: a line feed is
// itself in both views, and no space follows it into a run. Line feeds,
// every paragraph's, stopped the blocks of foldTwoViews a third as often
// as all the other bytes together. Its tests are cheaper than plainLanes's
// and small enough to inline in foldTwoViews's loop: a carry or a borrow
// leaves a lane only from one that is marked (not ASCII, a backquote, a
// space), so it may mark lanes above the lowest marked one, never below,
// which only ends a block early (a space then '!' is one such: rare).
func plainLanesLF(x, prev uint64) (bad, upper uint64) {
	// A control byte but the line feed is one whose xor with the line
	// feed is from 1 to 0x1f.
	y := x ^ 0x0a*lanes01
	ctl := (y + 0x7f*lanes01) &^ (y + 0x60*lanes01)
	q := x ^ 0x60*lanes01 // zero where a backquote
	s := x ^ 0x20*lanes01 // zero where a space
	sp := (s - lanes01) &^ s
	bad = (x | ctl | (q-lanes01)&^q | sp&(sp<<8|prev)) & lanes80
	upper = ((x | lanes80) - 0x41*lanes01) &^ ((x | lanes80) - 0x5b*lanes01) & lanes80
	return bad, upper
}

// foldViewsBlocks is foldViews; blocks lets the hot caller's plain ASCII
// (most of a text in a Latin script) go eight bytes at a time, and the
// tests compare that with the byte-by-byte path (blocks false).
func foldViewsBlocks(src string, fb, cb []byte, orig []int32, blocks bool) int {
	k := 0
	space := false
	put := func(f, c byte, at int) {
		if fb != nil {
			fb[k] = f
		}
		if cb != nil {
			cb[k] = c
		}
		if orig != nil {
			orig[k] = int32(at)
		}
		k++
	}
	// The offset map's builder passes all three: its letters and digits
	// take one branch-free step.
	all := fb != nil && cb != nil && orig != nil
	blocks = blocks && all
	for i := 0; i < len(src); {
		if blocks && i+8 <= len(src) {
			// Eight bytes at once: the views and the offsets of the whole
			// block are written (the buffers hold len(src) bytes, and a
			// view is never longer than what it has read), and kept up to
			// the first byte that needs the path below.
			b := src[i : i+8]
			_ = b[7]
			x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
				uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
			prev := uint64(0)
			if space {
				prev = 0x80
			}
			bad, upper := plainLanes(x, prev)
			if g := bits.TrailingZeros64(bad) >> 3; g > 0 {
				binary.LittleEndian.PutUint64(fb[k:], x|upper>>2)
				binary.LittleEndian.PutUint64(cb[k:], x)
				o := orig[k : k+8 : k+8]
				at := int32(i)
				o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7] = at, at+1, at+2, at+3, at+4, at+5, at+6, at+7
				space = byte(x>>(8*(g-1))) == ' '
				k += g
				i += g
				continue
			}
		}
		c := src[i]
		if c < utf8.RuneSelf {
			f := asciiFold[c]
			if all && f <= asciiUpper {
				fb[k], cb[k], orig[k] = c+f*('a'-'A'), c, int32(i)
				k++
				i++
				space = false
				continue
			}
			switch f {
			case asciiKeep:
				put(c, c, i)
			case asciiUpper:
				put(c+'a'-'A', c, i)
			case asciiSpace:
				if !space {
					put(' ', ' ', i)
				}
				space = true
				i++
				continue
			case asciiDrop:
				i++
				continue
			case asciiQuote:
				put('\'', '\'', i)
			}
			space = false
			i++
			continue
		}
		var r rune
		var n int
		var frep, crep string
		var fkind foldKind
		if c1 := src[i]; c1 >= 0xC2 && c1 <= 0xC5 && i+1 < len(src) && src[i+1]&0xC0 == 0x80 {
			// U+0080–U+017F, accented Latin letters among them: their
			// views come from a table.
			r, n = rune(c1&0x1F)<<6|rune(src[i+1]&0x3F), 2
			e := &latinViews[r-0x80]
			frep, crep, fkind = e.f, e.c, e.kind
		} else {
			r, n = utf8.DecodeRuneInString(src[i:])
			frep, crep, fkind = runeViews(r, src[i:i+n])
		}
		switch fkind {
		case foldDrop:
		case foldSpace:
			if !space {
				put(' ', ' ', i)
			}
			space = true
		case foldKeep:
			if fb != nil {
				copy(fb[k:], src[i:i+n])
			}
			if cb != nil {
				copy(cb[k:], src[i:i+n])
			}
			if orig != nil {
				for e := k + n; k < e; k++ {
					orig[k] = int32(i)
				}
			} else {
				k += n
			}
			space = false
		default:
			if fb != nil {
				copy(fb[k:], frep)
			}
			if cb != nil {
				copy(cb[k:], crep)
			}
			if orig != nil {
				for e := k + len(frep); k < e; k++ {
					orig[k] = int32(i)
				}
			} else {
				k += len(frep)
			}
			space = false
		}
		i += n
	}
	if orig != nil {
		orig[k] = int32(len(src))
	}
	return k
}

// foldTwoViews is foldViewsBlocks with both views and no offset map, as
// newViewsBuf builds them for every document: a loop of its own, without
// the closure and the tests for what was passed, which kept the general
// one's variables in memory and cost it most of its time. The tests hold
// the two to the same views (TestFoldViewsBlocks).
func foldTwoViews(src string, fb, cb []byte) int {
	k := 0
	// prev is 0x80 after a space, else 0: plainLanes's argument, kept as
	// such so that no branch turns the test into it.
	prev := uint64(0)
	for i := 0; i < len(src); {
		if i+8 <= len(src) && k+8 <= len(fb) && k+8 <= len(cb) {
			// As in foldViewsBlocks: eight plain ASCII bytes at once, kept
			// up to the first that needs the path below.
			b := src[i : i+8]
			x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
				uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
			bad, upper := plainLanesLF(x, prev)
			if g := bits.TrailingZeros64(bad) >> 3; g > 0 {
				binary.LittleEndian.PutUint64(fb[k:k+8], x|upper>>2)
				binary.LittleEndian.PutUint64(cb[k:k+8], x)
				last := uint64(byte(x>>(8*(g-1)))) ^ ' '
				prev = (last - 1) >> 56 & 0x80 // 0x80 when last was a space
				k += g
				i += g
				if g == 8 {
					continue
				}
				// Byte i needs the path below: taken now, rather than
				// after a second look at the block it opens.
			}
		}
		c := src[i]
		if c < utf8.RuneSelf {
			switch f := asciiFold[c]; f {
			case asciiKeep, asciiUpper:
				fb[k], cb[k] = c+f*('a'-'A'), c
				k++
				prev = 0
			case asciiSpace:
				if prev == 0 {
					fb[k], cb[k] = ' ', ' '
					k++
				}
				prev = 0x80
			case asciiQuote:
				fb[k], cb[k] = '\'', '\''
				k++
				prev = 0
			}
			i++ // asciiDrop: nothing written
			continue
		}
		var n int
		var frep, crep string
		var fkind foldKind
		if c >= 0xC2 && c <= 0xC5 && i+1 < len(src) && src[i+1]&0xC0 == 0x80 {
			r := rune(c&0x1F)<<6 | rune(src[i+1]&0x3F)
			e := &latinViews[r-0x80]
			frep, crep, fkind, n = e.f, e.c, e.kind, 2
		} else if c == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && src[i+2]&0xC0 == 0x80 {
			// U+2000–U+203F: the curly apostrophe, quotes, dashes and
			// narrow spaces of French news.
			e := &punctViews[src[i+2]&0x3F]
			frep, crep, fkind, n = e.f, e.c, e.kind, 3
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(src[i:])
			frep, crep, fkind = runeViews(r, src[i:i+n])
		}
		switch fkind {
		case foldDrop:
		case foldSpace:
			if prev == 0 {
				fb[k], cb[k] = ' ', ' '
				k++
			}
			prev = 0x80
		case foldKeep:
			copy(fb[k:], src[i:i+n])
			copy(cb[k:], src[i:i+n])
			k += n
			prev = 0
		default:
			if len(frep) == 1 {
				fb[k], cb[k] = frep[0], crep[0]
			} else {
				copy(fb[k:], frep)
				copy(cb[k:], crep)
			}
			k += len(frep)
			prev = 0
		}
		i += n
	}
	return k
}

// runeViews returns what non-ASCII rune r, written as enc in the source,
// becomes in the folded and the cased view, and how: foldReplace with the
// two replacements, or foldKeep, foldDrop or foldSpace for both.
func runeViews(r rune, enc string) (frep, crep string, kind foldKind) {
	frep, kind = foldRune(r, true)
	if kind != foldReplace {
		return frep, "", kind
	}
	crep, ckind := foldRune(r, false)
	if ckind == foldKeep {
		crep = enc
	}
	if len(frep) != len(crep) {
		frep = crep // a lower case of another length: keep the case
	}
	return frep, crep, foldReplace
}

// latinViews holds runeViews of U+0080–U+017F, the non-ASCII runes of
// French and the other Latin-script languages' texts, looked up rather
// than folded rune by rune.
var latinViews = func() (t [0x180 - 0x80]struct {
	f, c string
	kind foldKind
}) {
	for r := rune(0x80); r < 0x180; r++ {
		e := &t[r-0x80]
		e.f, e.c, e.kind = runeViews(r, string(r))
	}
	return t
}()

// punctViews holds runeViews of U+2000–U+203F (general punctuation).
var punctViews = func() (t [0x40]struct {
	f, c string
	kind foldKind
}) {
	for r := rune(0x2000); r < 0x2040; r++ {
		e := &t[r-0x2000]
		e.f, e.c, e.kind = runeViews(r, string(r))
	}
	return t
}()

type foldKind int

const (
	foldKeep foldKind = iota
	foldReplace
	foldDrop
	foldSpace
)

// latinBase holds the lower-case base letters of U+00C0–U+017F, one entry
// per rune ("" keeps the rune: × and ÷).
var latinBase = func() []string {
	s := []string{
		// U+00C0–U+00FF
		"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
		"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
		"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
		"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
	}
	ext := []struct {
		base string
		n    int
	}{ // U+0100–U+017F in order
		{"a", 6}, {"c", 8}, {"d", 4}, {"e", 10}, {"g", 8}, {"h", 4}, {"i", 10}, {"ij", 2},
		{"j", 2}, {"k", 3}, {"l", 10}, {"n", 9}, {"o", 6}, {"oe", 2}, {"r", 6}, {"s", 8},
		{"t", 6}, {"u", 12}, {"w", 2}, {"y", 3}, {"z", 6}, {"s", 1},
	}
	for _, e := range ext {
		for k := 0; k < e.n; k++ {
			s = append(s, e.base)
		}
	}
	if len(s) != 0x180-0xC0 {
		panic("latinBase: wrong table size")
	}
	return s
}()

// foldRune says what a non-ASCII rune becomes in a view.
func foldRune(r rune, lower bool) (string, foldKind) {
	switch {
	case r >= 0xC0 && r < 0x180:
		base := latinBase[r-0xC0]
		if base == "" {
			return "", foldKeep
		}
		if !lower && unicode.IsUpper(r) {
			return strings.ToUpper(base), foldReplace
		}
		return base, foldReplace
	case r >= 0x300 && r < 0x370: // combining diacritics
		return "", foldDrop
	}
	switch r {
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u02BC', '\u2032', '\u00B4':
		return "'", foldReplace
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2033':
		return `"`, foldReplace
	case '\u00A0', '\u202F', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005',
		'\u2006', '\u2007', '\u2008', '\u2009', '\u200A', '\u205F', '\u3000', '\u0085':
		return "", foldSpace
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD':
		return "", foldDrop
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return "-", foldReplace
	case '\u2026':
		return "...", foldReplace
	}
	if lower {
		if l := unicode.ToLower(r); l != r {
			return string(l), foldReplace
		}
	}
	return "", foldKeep
}

// foldString normalises a phrase or a pattern literal the way a view does.
// A string the view would not change is returned as is.
func foldString(s string, lower bool) string {
	if viewUnchanged(s, lower) {
		return s
	}
	buf := make([]byte, len(s))
	var k int
	if lower {
		k = foldViews(s, buf, nil, nil)
	} else {
		k = foldViews(s, nil, buf, nil)
	}
	if k == 0 {
		return ""
	}
	return unsafe.String(&buf[0], k)
}

// viewUnchanged reports whether s is ASCII that its view leaves as it is:
// no capital (when lower), no space but single plain spaces, no CR or
// backquote.
func viewUnchanged(s string, lower bool) bool {
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return false
		}
		switch asciiFold[c] {
		case asciiKeep:
			space = false
		case asciiUpper:
			if lower {
				return false
			}
			space = false
		case asciiSpace:
			if c != ' ' || space {
				return false
			}
			space = true
		default:
			return false
		}
	}
	return true
}

// asciiWord marks ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// wordRuneAt reports whether the rune starting at t[i] is a letter or a
// digit, and its length.
func wordRuneAt(t string, i int) (bool, int) {
	c := t[i]
	if c < utf8.RuneSelf {
		return asciiWord[c], 1
	}
	r, n := utf8.DecodeRuneInString(t[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r), n
}

// wordBoundaryBefore reports whether no word character ends at t[i].
func wordBoundaryBefore(t string, i int) bool {
	if i <= 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(t[:i])
	return !(unicode.IsLetter(r) || unicode.IsDigit(r))
}

// wordBoundaryAt reports whether no word character starts at t[i].
func wordBoundaryAt(t string, i int) bool {
	if i >= len(t) {
		return true
	}
	w, _ := wordRuneAt(t, i)
	return !w
}

// docViews is what pack checks share about one document: the two views
// and the capitals test per line. It is a per-document analysis
// (packViews): the first pack rule to run on a document builds it, the
// others read it, and it goes with the document's audit.
type docViews struct {
	folded, cased *textView // in set
	set           viewSet
	caps          []int8 // per doc.Lines: 0 unknown, 1 capitals, -1 not
	buf           []byte // under the views' text
	// hitsOf and hitsVal remember the literal searches (the language's
	// two) for literalHits: every pattern reads one, and a look-up here
	// is cheaper than the pass's table of analyses.
	hitsOf  [2]*audit.Analysis[*literalHits]
	hitsVal [2]*literalHits
	// opened marks the gated checks of gateLP (the document's language)
	// one of whose literals the document holds, by packCheck.num; made
	// on the first gated check's run. A language has fewer checks than
	// it has bits (gateChecks gates none past them).
	gateLP *langPack
	opened [2]uint64
	// lineNums and lineSpans are viewRegexp.candidateLines's buffers.
	lineNums  []int
	lineSpans [][2]int
}

// open reports whether the gated check c may match in the document: one
// of its literals was found (langPack.gateChecks).
func (dv *docViews) open(pass *audit.Pass, c *packCheck) bool {
	if dv.gateLP != c.lp {
		lp := c.lp
		dv.gateLP, dv.opened = lp, [2]uint64{}
		for view, gates := range lp.gates {
			if len(gates) == 0 {
				continue
			}
			for _, id := range dv.literalHits(pass, lp.literalHits[view]).found {
				if int(id) < len(gates) {
					for _, k := range gates[id] {
						dv.opened[k>>6] |= 1 << (k & 63)
					}
				}
			}
		}
	}
	return dv.opened[c.num>>6]&(1<<(c.num&63)) != 0
}

// literalHits returns the result of the literal search a on the document,
// through audit.ResultOf on first use.
func (dv *docViews) literalHits(pass *audit.Pass, a *audit.Analysis[*literalHits]) *literalHits {
	for i, k := range dv.hitsOf {
		if k == a {
			return dv.hitsVal[i]
		}
	}
	h := audit.ResultOf(pass, a)
	for i, k := range dv.hitsOf {
		if k == nil {
			dv.hitsOf[i], dv.hitsVal[i] = a, h
			break
		}
	}
	return h
}

var packViews = &audit.Analysis[*docViews]{
	Name: "pack text views",
	Run: func(p *audit.Pass) *docViews {
		dv := docViewsPool.Get().(*docViews)
		dv.buf = dv.set.build(p.Doc.Text, dv.buf)
		dv.folded, dv.cased = &dv.set.folded, &dv.set.cased
		return dv
	},
	// The views, with the buffer under their text, the offset map and the
	// line ends, serve the next document (five allocations a document).
	// Nothing keeps a view beyond the document: checks match on it and
	// report offsets, and messages and suggestions quote the original
	// (textView.src).
	Release: func(dv *docViews) {
		dv.reset()
		docViewsPool.Put(dv)
	},
}

// reset empties dv for another document, keeping its buffers.
func (dv *docViews) reset() {
	buf, orig := dv.buf[:0], dv.set.offs.orig[:0]
	if cap(dv.set.offs.spare) > cap(orig) {
		orig = dv.set.offs.spare[:0] // the map was not built
	}
	fl, cl := dv.set.folded.newlines[:0], dv.set.cased.newlines[:0]
	nums, spans := dv.lineNums[:0], dv.lineSpans[:0]
	*dv = docViews{}
	dv.buf, dv.set.offs.spare = buf, orig
	dv.set.folded.newlines, dv.set.cased.newlines = fl, cl
	dv.lineNums, dv.lineSpans = nums, spans
}

// docViewsPool holds the views of released documents.
var docViewsPool = sync.Pool{New: func() any { return new(docViews) }}

// viewTexts holds buffers for views built outside an audit (newViews)
// and for the scratch views of an offset map.
var viewTexts sync.Pool

func (dv *docViews) view(cased bool) *textView {
	if cased {
		return dv.cased
	}
	return dv.folded
}

// capsLine reports whether doc.Lines[li] is written in capitals: at least
// four letters, 80 % or more of them upper case.
func (dv *docViews) capsLine(doc *audit.Document, li int) bool {
	if dv.caps == nil {
		dv.caps = make([]int8, len(doc.Lines))
	}
	if li < 0 || li >= len(dv.caps) {
		return false
	}
	if dv.caps[li] == 0 {
		dv.caps[li] = -1
		if packCapsText(doc.Snippet(doc.Lines[li])) {
			dv.caps[li] = 1
		}
	}
	return dv.caps[li] == 1
}

func packCapsText(s string) bool {
	var up, letters int
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				up++
			}
		}
	}
	return letters >= 4 && up*5 >= letters*4
}
