package audit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/mtaudit/mtaudit/audit/profile"
	"math"
	"math/bits"
	"sort"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// Document is one article: its text exactly as read, and the structure the
// rules work on. Every offset is a byte offset into Text.
type Document struct {
	Path  string // where it came from (file path, "-", "feed.xml#3")
	ID    string // stable id when the input has one (JSONL id, feed guid)
	Title string
	URL   string
	// Lang is the target language's base subtag ("fr"). Before the audit it
	// may hold a tag the input gave ("fr-CA"); the engine resolves it.
	Lang string
	// LangGiven says the target language was given (configuration, flag,
	// request, or the input's own field) rather than detected: an article
	// mostly in another language is then a finding.
	LangGiven bool
	// Note says how Text relates to the input when it is not the input itself
	// (for example "text extracted from HTML").
	Note string
	Text string

	// Body is where content starts: after a byte-order mark, if any.
	Body       int
	Lines      []Span // non-blank lines, trimmed of the line end
	Paragraphs []Paragraph
	Sentences  []Sentence

	lineTable *LineTable
	// words are the sentence rules Sentences were split with; segmentedFor
	// the profile they came from (nil: no language in particular).
	words        *segmentWords
	segmentedFor *profile.Profile
	// stops are the questions the split asked words, with their answers.
	stops []segStop
}

// Paragraph is a run of non-blank lines; blank lines separate paragraphs.
type Paragraph struct {
	Span
	FirstLine, LastLine         int // indices into Lines, inclusive
	FirstSentence, LastSentence int // indices into Sentences, inclusive; LastSentence < FirstSentence when none
}

// Sentence is a span inside one paragraph.
type Sentence struct {
	Span
	Paragraph int
}

// ErrBinary and ErrNotUTF8 say why a byte string is not article text.
var (
	ErrBinary  = errors.New("binary data, not text")
	ErrNotUTF8 = errors.New("not UTF-8 text")
	ErrEmpty   = errors.New("empty article")
)

// CheckText reports whether data can be audited as article text. Text in
// UTF-16 or UTF-32 (recognised by its byte-order mark) is not UTF-8: the
// error names its encoding (DecodeText converts UTF-16).
func CheckText(data []byte) error {
	if enc := bomEncoding(data); enc != "" {
		return fmt.Errorf("%w: %s text (byte-order mark %X); convert it to UTF-8", ErrNotUTF8, enc, data[:bomLen(enc)])
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return ErrBinary
	}
	if !validUTF8(data) {
		if i := firstInvalid(data); i >= 0 {
			return fmt.Errorf("%w (invalid byte at offset %d)", ErrNotUTF8, i)
		}
		return ErrNotUTF8
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, bom))) == 0 {
		return ErrEmpty
	}
	return nil
}

// validUTF8 is utf8.Valid, eight bytes at a time through ASCII and runes
// of two bytes (every accented letter of a Latin script), the bulk of an
// article's text, where utf8.Valid goes byte by byte after its first
// letter outside ASCII.
func validUTF8(b []byte) bool {
	for i := 0; i < len(b); {
		if i+8 <= len(b) {
			x := binary.LittleEndian.Uint64(b[i:])
			if x&highBits == 0 {
				i += 8
				continue
			}
			if k := twoBytePrefix(x); k > 0 {
				i += k
				continue
			}
		}
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		i += n
	}
	return true
}

// twoBytePrefix returns how many of the eight bytes of x (the first in the
// low byte) are ASCII or whole runes of two bytes (a lead 0xC2 to 0xDF, a
// continuation 0x80 to 0xBF) before any other byte: the valid UTF-8 it
// reads at once.
func twoBytePrefix(x uint64) int {
	high, low := x&highBits, x&^highBits
	lead := high & bytesIn(low, 0x42, 0x5F)
	cont := high & bytesIn(low, 0x00, 0x3F)
	paired := lead&(cont>>8) | cont&(lead<<8)
	return bits.TrailingZeros64(high&^paired) >> 3 // 8 when all are
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

var bom = []byte("\uFEFF")

// NewDocument checks data and segments it. The text is kept byte for byte.
func NewDocument(path string, data []byte) (*Document, error) {
	if err := CheckText(data); err != nil {
		return nil, err
	}
	d := &Document{Path: path, Text: string(data)}
	d.segment()
	return d, nil
}

// newDocumentOwning is NewDocument for bytes nobody else holds or will
// change: the text is data itself, not a copy of it.
func newDocumentOwning(path string, data []byte) (*Document, error) {
	if err := CheckText(data); err != nil {
		return nil, err
	}
	d := &Document{Path: path, Text: unsafe.String(unsafe.SliceData(data), len(data))}
	d.segment()
	return d, nil
}

// Snippet returns the text of a span.
func (d *Document) Snippet(s Span) string { return d.Text[s.Start:s.End] }

// LineTable returns the document's line table, built on first use.
func (d *Document) LineTable() *LineTable {
	if d.lineTable == nil {
		d.lineTable = NewLineTable(d.Text)
	}
	return d.lineTable
}

// ParagraphAt returns the index of the paragraph containing off, or -1.
func (d *Document) ParagraphAt(off int) int {
	return spanAt(len(d.Paragraphs), func(i int) Span { return d.Paragraphs[i].Span }, off)
}

// LineAt returns the index of the entry of Lines containing off, or -1.
func (d *Document) LineAt(off int) int {
	return spanAt(len(d.Lines), func(i int) Span { return d.Lines[i] }, off)
}

// spanAt finds, among n sorted non-overlapping spans, the one containing off.
func spanAt(n int, span func(int) Span, off int) int {
	i := sort.Search(n, func(i int) bool { return span(i).End > off })
	if i < n && span(i).Start <= off {
		return i
	}
	return -1
}

// ParagraphSentences returns the sentences of paragraph i.
func (d *Document) ParagraphSentences(i int) []Sentence {
	p := d.Paragraphs[i]
	if p.LastSentence < p.FirstSentence {
		return nil
	}
	return d.Sentences[p.FirstSentence : p.LastSentence+1]
}

// ParagraphLines returns the lines of paragraph i.
func (d *Document) ParagraphLines(i int) []Span {
	p := d.Paragraphs[i]
	return d.Lines[p.FirstLine : p.LastLine+1]
}

// Words counts word tokens: runs of letters or digits, apostrophes and hyphens
// inside a word kept with it.
// A number with a decimal comma or point ("12,5") is one word.
func Words(s string) int { return countWords(s, -1) }

// HasWords reports whether s has n words or more (Words(s) >= n), reading
// s only as far as its nth word: a long article need not be counted whole.
func HasWords(s string, n int) bool { return countWords(s, n) >= n }

// latinLetter2 reports whether s[j:] starts with a letter of U+00C0 to
// U+017F, each two bytes long (all letters but × and ÷), read without the
// Unicode tables.
func latinLetter2(s string, j int) bool {
	if j+1 >= len(s) || s[j+1]&0xC0 != 0x80 {
		return false
	}
	switch s[j] {
	case 0xC3:
		return s[j+1] != 0x97 && s[j+1] != 0xB7 // × and ÷
	case 0xC4, 0xC5:
		return true
	}
	return false
}

// countWords counts the words of s, stopping at limit when it is
// positive. A word is a run of letters and digits, held together by an
// apostrophe or a hyphen, and a number by a point or comma between digits.
//
// It counts the starts of words eight bytes at a time, with bit masks:
// ASCII and the Latin letters of two bytes (see countBlocks), all but one
// byte in a hundred of French text; a rune of any other kind is read
// alone. No branch depends on where a word ends, a jump the processor
// would guess wrong every few bytes.
func countWords(s string, limit int) int {
	if limit <= 0 {
		limit = math.MaxInt // n reaches no limit below 1
	}
	n := 0
	// in is 1 inside a word; digit is 1 after a digit.
	var in, digit uint8
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			if i, n, in, digit = countBlocks(s, i, n, limit, in, digit); n >= limit {
				return limit // the blocks' starts count one at a time up to it
			}
			if i == len(s) {
				break
			}
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			var w, d bool
			if latinLetter2(s, i) {
				w = true
				i += 2
			} else {
				r, size := utf8.DecodeRuneInString(s[i:])
				i += size
				w, d = runeWordClass(r)
				if !w && in == 1 && r == '’' {
					digit = 0
					continue
				}
			}
			if w {
				n += int(in ^ 1)
				if n >= limit {
					return n
				}
				in = 1
			} else {
				in = 0
			}
			digit = 0
			if d {
				digit = 1
			}
			continue
		}
		i++
		class := asciiWordClass[c]
		w := class & asciiWord
		n += int(w &^ in)
		if n >= limit {
			return n
		}
		// A joiner keeps a word going; so does a point or comma after a
		// digit and before an ASCII one.
		var next uint8
		if i < len(s) && s[i] < utf8.RuneSelf {
			next = asciiWordClass[s[i]] & asciiDigit >> 1
		}
		keep := class>>2&1 | class>>3&digit&next
		in = w | in&keep
		digit = class >> 1 & 1
	}
	return n
}

const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// bytesIn marks (with the high bit of each byte) the bytes of x from lo to
// hi, for x and the bounds below 0x80: adding 0x80-lo to such a byte sets
// its high bit from lo up, adding 0x7F-hi from above hi, and no sum
// carries into the next byte.
func bytesIn(x uint64, lo, hi byte) uint64 {
	return (x + (0x80-uint64(lo))*lowBits) &^ (x + (0x7F-uint64(hi))*lowBits) & highBits
}

// countBlocks is countWords's count from s[i] on, eight bytes at a time,
// as far as blocks of ASCII and Latin letters of two bytes reach: it
// returns where it stopped (a byte for the rune-by-rune count, or the
// last bytes), the count, capped at limit, and the state. A loop of its
// own without a call: countWords's variables, live across the calls of
// its rune-by-rune count, went to the stack and back for every block.
func countBlocks(s string, i, n, limit int, in, digit uint8) (int, int, uint8, uint8) {
	for i+8 <= len(s) {
		b := s[i : i+8]
		x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		k := 8
		if high := x & highBits; high != 0 {
			// The block is the bytes before the first above ASCII that is
			// no part of a letter of U+00C0 to U+017F (two bytes, both in
			// x: lead 0xC3 to 0xC5, continuation 0x80 to 0xBF) or is part
			// of × or ÷ (0xC3 0x97 and 0xC3 0xB7). Written out here: a
			// call would put the loop's variables on the stack.
			low := x &^ highBits
			lead := high & bytesIn(low, 0x43, 0x45)
			cont := high & bytesIn(low, 0x00, 0x3F)
			sign := (high & bytesIn(low, 0x43, 0x43)) << 8 & high & (bytesIn(low, 0x17, 0x17) | bytesIn(low, 0x37, 0x37))
			letter := (lead&(cont>>8) | cont&(lead<<8)) &^ (sign | sign>>8)
			if k = bits.TrailingZeros64(high&^letter) >> 3; k == 0 {
				break
			}
		}
		// The block's first k bytes: ASCII and whole letters of two
		// bytes (the high ones), the rest read as NUL. Each mask has
		// the high bit of each byte it holds.
		high := x & highBits
		if k < 8 {
			high &= 1<<(8*k) - 1
		}
		low := x &^ (high >> 7 * 0xFF) // a high byte reads as NUL
		if k < 8 {
			low &= 1<<(8*k) - 1
		}
		digits := bytesIn(low, '0', '9')
		word := digits | bytesIn(low|0x20*lowBits, 'a', 'z') | high
		hyphen := bytesIn(low, '-', '-')
		joiner := hyphen | bytesIn(low, '\'', '\'')
		// A point or comma between two digits is inside the number:
		// only after a digit, which most blocks have none of.
		// (The byte after the eight is read whatever k: a point or
		// comma before it is in the block only when k is 8.)
		var decimal uint64
		if digits|uint64(digit) != 0 {
			var after uint64
			if i+8 < len(s) && s[i+8] < utf8.RuneSelf {
				after = uint64(s[i+8]) << 56
			}
			decimal = bytesIn(low, ',', '.') &^ hyphen // , - .
			decimal &= (digits<<8 | uint64(digit)<<7) & (digits>>8 | bytesIn(after, '0', '9'))
		}
		// within: the bytes after which a word goes on; a joiner's
		// depends on the byte before it, so a run of joiners takes
		// a step each.
		carry := uint64(in) << 7
		base := word | decimal
		within := base | joiner&(base<<8|carry)
		if joiner&(joiner<<8) != 0 {
			for {
				more := base | joiner&(within<<8|carry)
				if more == within {
					break
				}
				within = more
			}
		}
		if n += bits.OnesCount64(word &^ (within<<8 | carry)); n >= limit {
			return i, limit, in, digit
		}
		last := uint(8*k - 1)
		in, digit = uint8(within>>last&1), uint8(digits>>last&1)
		i += k
	}
	return i, n, in, digit
}

// runeWordClass reports whether a rune outside ASCII is a letter or digit
// (a word's), and whether a digit. Runes of two bytes and the general
// punctuation (’, «, the no-break spaces, dashes), most of those of any
// text in a Latin script, are read from a table.
func runeWordClass(r rune) (word, digit bool) {
	switch {
	case r < rune(len(runeClass2)):
		c := runeClass2[r]
		return c&asciiWord != 0, c&asciiDigit != 0
	case r >= 0x2000 && r < 0x2070:
		return false, false // General Punctuation: no letter, no digit
	}
	digit = unicode.IsDigit(r)
	return digit || unicode.IsLetter(r), digit
}

// runeClass2 classes the runes below U+0800 as countWords does ASCII's.
var runeClass2 = func() (t [0x800]uint8) {
	for r := range t {
		switch {
		case unicode.IsDigit(rune(r)):
			t[r] = asciiWord | asciiDigit
		case unicode.IsLetter(rune(r)):
			t[r] = asciiWord
		}
	}
	return t
}()

// The classes of ASCII bytes for countWords, as bits its arithmetic reads.
const (
	asciiWord    = 1 << iota // a letter or a digit
	asciiDigit               // a digit
	asciiJoiner              // an apostrophe or a hyphen, inside a word
	asciiDecimal             // a point or a comma, inside a number
)

var asciiWordClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case '0' <= c && c <= '9':
			t[c] = asciiWord | asciiDigit
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			t[c] = asciiWord
		case c == '\'', c == '-':
			t[c] = asciiJoiner
		case c == '.', c == ',':
			t[c] = asciiDecimal
		}
	}
	return t
}()

// bomEncoding names the encoding of data's byte-order mark when it is not
// UTF-8: "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", or "".
func bomEncoding(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}) && len(data)%4 == 0:
		return "UTF-32LE" // else UTF-16LE whose first character is NUL
	case bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		return "UTF-32BE"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return "UTF-16LE"
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return "UTF-16BE"
	}
	return ""
}

func bomLen(enc string) int {
	if enc == "UTF-32LE" || enc == "UTF-32BE" {
		return 4
	}
	return 2
}

// DecodeText returns data as UTF-8: UTF-8 as it is, UTF-16 with a
// byte-order mark decoded (without the mark). For decoded text, note says
// so: the document's offsets then point into the UTF-8 text, not into the
// file's bytes. Other encodings are left for CheckText to refuse.
func DecodeText(data []byte) (text []byte, note string, err error) {
	enc := bomEncoding(data)
	if enc != "UTF-16LE" && enc != "UTF-16BE" {
		return data, "", nil
	}
	body := data[2:]
	if len(body)%2 != 0 {
		return nil, "", fmt.Errorf("%w: %s text (byte-order mark %X) of an odd number of bytes", ErrNotUTF8, enc, data[:2])
	}
	units := make([]uint16, len(body)/2)
	for i := range units {
		hi, lo := body[2*i+1], body[2*i]
		if enc == "UTF-16BE" {
			hi, lo = lo, hi
		}
		units[i] = uint16(hi)<<8 | uint16(lo)
	}
	out := make([]byte, 0, len(body)+len(body)/2)
	for i := 0; i < len(units); i++ {
		u := units[i]
		r := rune(u)
		switch {
		case utf16.IsSurrogate(r) && u < 0xDC00 && i+1 < len(units) && units[i+1] >= 0xDC00 && units[i+1] <= 0xDFFF:
			r = utf16.DecodeRune(r, rune(units[i+1]))
			i++
		case utf16.IsSurrogate(r):
			return nil, "", fmt.Errorf("%w: %s text with an unpaired surrogate at byte %d", ErrNotUTF8, enc, 2+2*i)
		}
		out = utf8.AppendRune(out, r)
	}
	return out, "decoded from " + enc + "; offsets are into the UTF-8 text decoded from the file, not into its bytes", nil
}
