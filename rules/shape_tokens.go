package rules

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// The shape rules (scraped.headline, grammar.*, garbled.*) and the text
// rules (untranslated.*, name.*, duplicate.paragraph) read a document as one
// table of tokens, line by line, built once per document and shared through
// the pass (shapeOf): a token never crosses a line end, so a title and the
// paragraph after it are never "fused".

type tokKind uint8

const (
	tokWord  tokKind = iota // starts with a letter: "armée", "L’", "États-Unis", "G7"
	tokNum                  // starts with a digit: "2021", "12,5", "19e"
	tokPunct                // any other single non-space rune
)

// tokFlags describe a token's letters, computed once when it is read.
type tokFlags uint16

const (
	tLineStart    tokFlags = 1 << iota // first token of its line
	tFoldArena                         // the folded form is in shape.folds, not the text itself
	tFoldShift                         // the folded form's bytes do not line up with the text's
	tCapitalised                       // a capital then lower case, or no other letter ("Porte-parole", "L’")
	tAllCaps                           // at least two letters, every one a capital ("ONU")
	tLowerInitial                      // starts with a lower-case letter
	tUpperInitial                      // starts with a capital
	// tJoined marks a word holding a rune neither a letter nor a digit (a
	// hyphen, an apostrophe, a combining mark): a word without it is one
	// run of letters and digits, folded or not.
	tJoined
	// tLetters marks a word that is one run of letters and nothing else
	// (no digit, mark, hyphen or apostrophe): its only letter run
	// (appendLetterRuns) is the whole token, read without a scan.
	tLetters
	// tASCII marks a word every byte of which is ASCII.
	tASCII
)

// token is one token of a document. It holds no pointer: the text and the
// folded form are read through the shape (shape.text, shape.low).
type token struct {
	Start, End         int32
	FoldStart, FoldEnd int32 // with tFoldArena: the folded form in shape.folds
	Line               int32 // index into Document.Lines
	Kind               tokKind
	Flags              tokFlags
}

// line returns the token's line index.
func (t *token) line() int { return int(t.Line) }

// is reports whether the token has every flag of f.
func (t *token) is(f tokFlags) bool { return t.Flags&f == f }

// shape is the token table of one document, with the lexicon of its language.
type shape struct {
	doc  *audit.Document
	lex  *lexicon
	toks []token
	// folds holds the folded forms (lower case, apostrophes as ’) of the
	// tokens whose text is not already folded.
	folds string
	// lineTok[i] is the index of the first token of line i (len(toks) when none).
	lineTok []int32
	// words is the table of the document's distinct words, built on first
	// use (wordsOf).
	words *wordTable
	// vocab is built on first use (vocabulary).
	vocab *vocabulary
	// sides is the memo of the words' evidence sides, by word id, made
	// on first use (sideMemo).
	sides []uint8
	// buf holds the pooled buffers the table uses, until release.
	buf *shapeBuf
	// blocks are the document's paragraphs, split at lines that are not
	// hard-wrapped continuations; lineBlock[i] is the block of line i.
	blocks    []block
	lineBlock []int32
}

// vocabulary holds what the document's words say of each other, by word id
// (wordTable): lowerWords every word that occurs in lower case somewhere,
// so a capitalised word can be recognised as a common word of this
// article; capMid the capitalised occurrences of a word not at a sentence
// start (a word capitalised mid-sentence elsewhere is a name here); capAll
// the capitalised occurrences anywhere.
type vocabulary struct {
	lowerWords []bool
	capMid     []int32
	capAll     []int32
}

// wordTable numbers the distinct folded forms of a document's word tokens,
// so a rule classifies each word once (a slice indexed by id) rather than
// looking every token up in its sets.
type wordTable struct {
	id    []int32  // by token: the id of its folded form, -1 for a token not a word
	words []string // by id: the folded form (in's words)
	// in numbers the forms: most words of an article occur once, so
	// nearly every token is an insertion, cheaper in its open addressing
	// (a short word compared as a number) than in a map.
	in wordIntern
}

// idOf returns the id of folded word w, false when no word token of the
// document has that form.
func (wt *wordTable) idOf(w string) (int32, bool) { return wt.in.find(w) }

// intern returns the id of folded word w, giving it the next one when new.
func (wt *wordTable) intern(w string) int32 {
	id, _ := wt.in.id(w)
	wt.words = wt.in.words
	return id
}

// shapeAnalysis tokenises a document once for every rule of its audit.
var shapeAnalysis = &audit.Analysis[*shape]{
	Name:    "tokens",
	Run:     func(p *audit.Pass) *shape { return buildShape(p.Doc, lexOf(p)) },
	Release: (*shape).release,
}

// shapeOf returns the pass's document as a token table.
func shapeOf(pass *audit.Pass) *shape { return audit.ResultOf(pass, shapeAnalysis) }

// text returns the token as written.
func (s *shape) text(t *token) string { return s.doc.Text[t.Start:t.End] }

// low returns the token's folded form: lower case, apostrophes as ’.
func (s *shape) low(t *token) string {
	if t.Flags&tFoldArena != 0 {
		return s.folds[t.FoldStart:t.FoldEnd]
	}
	return s.doc.Text[t.Start:t.End]
}

// lowAt returns the lower-case form of [start, end), a stretch of token ti
// without apostrophes (a letter run, a hyphenated compound).
func (s *shape) lowAt(ti int32, start, end int) string {
	t := &s.toks[ti]
	switch {
	case t.Flags&tFoldArena == 0:
		return s.doc.Text[start:end]
	case t.Flags&tFoldShift != 0:
		return strings.ToLower(s.doc.Text[start:end])
	}
	// Each straight apostrophe before start is three bytes in the fold.
	off := int(t.FoldStart) + start - int(t.Start) + 2*strings.Count(s.doc.Text[t.Start:start], "'")
	return s.folds[off : off+end-start]
}

// maxShapeText is the longest text the table's 32-bit offsets address.
const maxShapeText = 1<<31 - 1

func buildShape(doc *audit.Document, lex *lexicon) *shape {
	s := &shape{doc: doc, lex: lex}
	if len(doc.Text) > maxShapeText {
		s.lineTok = make([]int32, len(doc.Lines))
		s.buildBlocks()
		return s
	}
	// Tokenise into reused buffers (see release).
	buf := tokenBufs.Get().(*shapeBuf)
	toks, folds := buf.toks[:0], buf.folds[:0]
	s.lineTok = dupGrown(buf.lineTok, len(doc.Lines)) // each written next
	buf.lineTok = nil
	for li, ln := range doc.Lines {
		s.lineTok[li] = int32(len(toks))
		toks, folds = tokenizeLine(toks, folds, doc.Text, ln, li, lex)
	}
	// The table keeps the scratch buffer of tokens (pointer-free), handed
	// back by release when the engine is done with the document; a shape
	// built outside the engine is never released and the buffer is simply
	// not reused. The folded forms are copied out: words read from them
	// may outlive the document (a rule's cache, a batch).
	s.toks = toks
	// Eight bytes past the last fold: internWords reads a short word's
	// eight bytes at once.
	s.folds = string(append(folds, make([]byte, 8)...))
	buf.toks, buf.folds = nil, folds[:0]
	s.buf = buf
	s.buildBlocks()
	return s
}

// poolBlocks hands the shape's line and block tables to its buffer, when
// it has one, for the next document's.
func (s *shape) poolBlocks(buf *shapeBuf) {
	buf.lineTok, buf.lineBlock, buf.blocks = s.lineTok[:0], s.lineBlock[:0], s.blocks[:0]
	s.lineTok, s.lineBlock, s.blocks = nil, nil, nil
}

// release returns the table's buffers to the pool; the shape is unusable
// afterwards.
func (s *shape) release() {
	buf := s.buf
	if buf == nil {
		return
	}
	s.buf = nil
	buf.toks = s.toks[:0]
	s.toks = nil
	s.poolBlocks(buf)
	if v := s.vocab; v != nil {
		buf.vocab = v
		s.vocab = nil
	}
	if s.sides != nil {
		buf.sides, s.sides = s.sides[:0], nil
	}
	if wt := s.words; wt != nil {
		wt.in.drop() // drop the document's strings
		wt.id, wt.words = wt.id[:0], nil
		buf.words = wt
		s.words = nil
	}
	tokenBufs.Put(buf)
}

// shapeBuf is buildShape's scratch space.
type shapeBuf struct {
	toks  []token
	folds []byte
	// The line and block tables of a released shape (they hold no
	// pointer).
	lineTok, lineBlock []int32
	blocks             []block
	vocab              *vocabulary // the slices of a released shape
	sides              []uint8     // the evidence memo of a released shape
	words              *wordTable  // the cleared table of a released shape
}

// tokenBufs holds scratch buffers for buildShape.
var tokenBufs = sync.Pool{New: func() any { return &shapeBuf{toks: make([]token, 0, 1024), folds: make([]byte, 0, 1024)} }}

// wordsOf returns the table of the document's distinct words, built on
// first use.
func (s *shape) wordsOf() *wordTable {
	if s.words != nil {
		return s.words
	}
	var wt *wordTable
	if s.buf != nil && s.buf.words != nil {
		wt, s.buf.words = s.buf.words, nil
	} else {
		wt = &wordTable{}
	}
	wt.id = resized(wt.id, len(s.toks))
	// An article's distinct words are fewer than half its tokens.
	wt.in.reset(len(s.toks) / 2)
	s.internWords(wt.id, &wt.in)
	wt.words = wt.in.words
	s.words = wt
	return wt
}

// internWords sets ids[i] to in.id of the folded form of token i, -1 for
// a token not a word. The look-up of a short word (most) is wordIntern.id's,
// written into the loop with the table in locals: the call, the re-reading
// of the token (low) and of the table's fields cost as much as the probe.
func (s *shape) internWords(ids []int32, in *wordIntern) {
	toks, text, folds := s.toks, s.doc.Text, s.folds
	ids = ids[:len(toks)]
	short, mask, nshort := in.short, in.smask, in.nshort
	for i := range toks {
		t := &toks[i]
		if t.Kind != tokWord {
			ids[i] = -1
			continue
		}
		src, at, end := text, t.Start, t.End
		if t.Flags&tFoldArena != 0 {
			src, at, end = folds, t.FoldStart, t.FoldEnd
		}
		w := src[at:end]
		if len(w) > 8 || 2*(nshort+1) > len(short) {
			// A long word, or a table to grow first: the general case.
			in.nshort = nshort
			ids[i], _ = in.id(w)
			short, mask, nshort = in.short, in.smask, in.nshort
			continue
		}
		// shortKey, inlined: one load and a mask when eight bytes can be
		// read from the word's start (nearly always: folds is padded),
		// with no branch on the word's length.
		n := int32(len(w))
		var k uint64
		if int(at)+8 <= len(src) {
			k = le64(src[at:]) & (^uint64(0) >> (64 - 8*uint(n)))
		} else {
			k = shortKey(w)
		}
		for j := shortHash(k, n) & mask; ; j = (j + 1) & mask {
			sl := &short[j]
			if sl.id == 0 {
				id := int32(len(in.words))
				in.words = append(in.words, w)
				sl.key, sl.n, sl.id = k, n, id+1
				nshort++
				ids[i] = id
				break
			}
			if sl.key == k && sl.n == n {
				ids[i] = sl.id - 1
				break
			}
		}
	}
	in.nshort = nshort
}

// vocabulary returns the document's vocabulary, built on first use.
func (s *shape) vocabulary() *vocabulary {
	if s.vocab != nil {
		return s.vocab
	}
	wt := s.wordsOf()
	v := &vocabulary{}
	if s.buf != nil && s.buf.vocab != nil {
		v, s.buf.vocab = s.buf.vocab, nil
	}
	n := len(wt.words)
	v.lowerWords, v.capMid, v.capAll = resized(v.lowerWords, n), resized(v.capMid, n), resized(v.capAll, n)
	for i := range s.toks {
		t := &s.toks[i]
		if t.Kind != tokWord {
			continue
		}
		id := wt.id[i]
		if t.is(tLowerInitial) {
			v.lowerWords[id] = true
		} else if t.is(tCapitalised) {
			v.capAll[id]++
			if !s.sentenceStart(i) {
				v.capMid[id]++
			}
		}
	}
	s.vocab = v
	return v
}

// isLowerWord reports whether w (folded) occurs in lower case in the document.
func (s *shape) isLowerWord(w string) bool {
	id, ok := s.wordsOf().idOf(w)
	return ok && s.vocabulary().lowerWords[id]
}

// isNameOfDoc reports whether w (folded) is a name in this document:
// capitalised in mid-sentence somewhere, or capitalised at least twice and
// never written in lower case.
func (s *shape) isNameOfDoc(w string) bool {
	id, ok := s.wordsOf().idOf(w)
	if !ok {
		return false
	}
	v := s.vocabulary()
	return v.capMid[id] > 0 || (v.capAll[id] >= 2 && !v.lowerWords[id])
}

// capitalisedMid counts the capitalised occurrences of w (folded) not at a sentence start.
func (s *shape) capitalisedMid(w string) int {
	id, ok := s.wordsOf().idOf(w)
	if !ok {
		return 0
	}
	return int(s.vocabulary().capMid[id])
}

// capitalisedMidTok is capitalisedMid of the folded form of word token i.
func (s *shape) capitalisedMidTok(i int) int {
	return int(s.vocabulary().capMid[s.wordsOf().id[i]])
}

// tokenizeLine appends the tokens of line ln, and the folded forms that
// differ from the text to folds.
func tokenizeLine(out []token, folds []byte, text string, ln audit.Span, li int, lex *lexicon) ([]token, []byte) {
	first := tLineStart
	i := ln.Start
	// A line has at most one token per byte: room for them all, so that
	// the hot cases below write their token's fields straight into its
	// slot, with no growth check (append builds a token on the stack and
	// copies it).
	out = slices.Grow(out, ln.End-ln.Start)
	line := text[:ln.End] // i < len(line): no bounds check on line[i]
	for i < len(line) {
		if c := line[i]; c < utf8.RuneSelf {
			// ASCII: the same cases without decoding and the Unicode tables.
			switch {
			case c == ' ' || '\t' <= c && c <= '\r':
				i++
				continue
			case 'a' <= c|0x20 && c|0x20 <= 'z':
				j, f, ascii := scanWord(text, i, ln.End, lex)
				var fs, fe int32
				if f&tFoldArena != 0 {
					folds, fs, fe, f = appendWordFold(folds, text[i:j], ascii, f)
				}
				n := len(out)
				out = out[:n+1]
				t := &out[n]
				t.Start, t.End, t.FoldStart, t.FoldEnd, t.Line = int32(i), int32(j), fs, fe, int32(li)
				t.Kind, t.Flags = tokWord, first|f
				i = j
			case '0' <= c && c <= '9':
				j := scanNumber(text, i, ln.End)
				out, folds = appendToken(out, folds, token{Start: int32(i), Line: int32(li), Kind: tokNum, Flags: first}, text[i:j])
				i = j
			case c == '\'':
				fs := int32(len(folds))
				folds = append(folds, "’"...)
				out = append(out, token{Start: int32(i), End: int32(i + 1), FoldStart: fs, FoldEnd: int32(len(folds)), Line: int32(li), Kind: tokPunct, Flags: first | tFoldArena})
				i++
			default:
				// No other ASCII sign has a letter flag or a fold.
				n := len(out)
				out = out[:n+1]
				t := &out[n]
				t.Start, t.End, t.FoldStart, t.FoldEnd, t.Line = int32(i), int32(i+1), 0, 0, int32(li)
				t.Kind, t.Flags = tokPunct, first
				i++
			}
			first = 0
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case isBlank(r):
			i += n
			continue
		case unicode.IsLetter(r):
			j, f, ascii := scanWord(text, i, ln.End, lex)
			var fs, fe int32
			if f&tFoldArena != 0 {
				folds, fs, fe, f = appendWordFold(folds, text[i:j], ascii, f)
			}
			out = append(out, token{Start: int32(i), End: int32(j), FoldStart: fs, FoldEnd: fe, Line: int32(li), Flags: first | f})
			i = j
		case unicode.IsDigit(r):
			j := scanNumber(text, i, ln.End)
			out, folds = appendToken(out, folds, token{Start: int32(i), Line: int32(li), Kind: tokNum, Flags: first}, text[i:j])
			i = j
		default:
			out, folds = appendToken(out, folds, token{Start: int32(i), Line: int32(li), Kind: tokPunct, Flags: first}, text[i:i+n])
			i += n
		}
		first = 0
	}
	return out, folds
}

// appendToken appends token t of text w (not a word: scanWord's fused
// scan does those), with its letter flags and its fold.
func appendToken(out []token, folds []byte, t token, w string) ([]token, []byte) {
	t.End = t.Start + int32(len(w))
	n := len(folds)
	var changed bool
	if f, fold, ascii := asciiLetterFlags(w); ascii {
		t.Flags |= f
		if fold {
			folds, changed = appendASCIIFold(folds, w), true
		}
	} else {
		f, fold := letterFlagsFold(w)
		t.Flags |= f
		if fold {
			folds, changed = appendRuneFold(folds, w), true
		}
	}
	if changed {
		t.Flags |= tFoldArena
		t.FoldStart, t.FoldEnd = int32(n), int32(len(folds))
		if len(folds)-n != len(w)+2*strings.Count(w, "'") {
			t.Flags |= tFoldShift
		}
	}
	return append(out, t), folds
}

// The letter classes of a rune in a word, gathered by scanWord's scan
// (a bit set, or-ed over the runes after the first).
const (
	lcLetter   = 1 << iota // a letter
	lcUpper                // an upper-case letter
	lcLower                // a lower-case letter
	lcUncased              // a letter not upper case
	lcQuote                // a straight apostrophe
	lcASCIIRun             // ASCII letter or digit (wordByteClass only)
	lcDigit                // a digit (scanWord's acc only)

	lcCases = lcLetter | lcUpper | lcLower | lcUncased | lcQuote
)

// wordByteClass is the letter class of each ASCII byte, with lcASCIIRun
// for the letters and digits that continue a word; 0 for the bytes of
// other runes.
var wordByteClass = func() (t [256]uint8) {
	for c := range utf8.RuneSelf {
		t[c] = runeClass(rune(c))
		if asciiWord[c] {
			t[c] |= lcASCIIRun
		}
		if '0' <= c && c <= '9' {
			t[c] |= lcDigit
		}
	}
	return t
}()

// latinRuneClass is the letter class of U+00C0–U+017F, the accented
// letters (and × ÷) scanWord reads without decoding.
var latinRuneClass = func() (t [0x180 - 0xC0]uint8) {
	for r := rune(0xC0); r < 0x180; r++ {
		t[r-0xC0] = runeClass(r)
	}
	return t
}()

// latinLower is unicode.ToLower of U+00C0–U+017F.
var latinLower = func() (t [0x180 - 0xC0]rune) {
	for r := rune(0xC0); r < 0x180; r++ {
		t[r-0xC0] = unicode.ToLower(r)
	}
	return t
}()

// wordASCIIRun returns the end of the ASCII letters and digits of s from
// i, and their classes: a loop of its own, its few variables in registers.
func wordASCIIRun(s string, i int) (int, uint8) {
	var acc uint8
	for ; i < len(s); i++ {
		k := wordByteClass[s[i]]
		if k&lcASCIIRun == 0 {
			break
		}
		acc |= k
	}
	return i, acc
}

// runeClass is the letter class of r.
func runeClass(r rune) uint8 {
	switch {
	case r == '\'':
		return lcQuote
	case !unicode.IsLetter(r):
		return 0
	case unicode.IsUpper(r):
		return lcLetter | lcUpper
	case unicode.IsLower(r):
		return lcLetter | lcLower | lcUncased
	}
	return lcLetter | lcUncased
}

// scanWord reads the word starting at a letter at start: letters,
// digits and marks, with inner hyphens ("États-Unis", "a-t-il") and
// apostrophes ("aujourd’hui") kept, except after an elided article or
// pronoun of the language ("L’" + "armée", "qu’" + "il"). It returns the
// word's end, and its letter flags (letterFlagsFold's) gathered in the
// same pass over its bytes, tFoldArena set when its fold differs from
// it, and whether every byte is ASCII; the caller writes the fold
// (appendWordFold).
func scanWord(text string, start, end int, lex *lexicon) (int, tokFlags, bool) {
	line := text[:end]
	// The first rune, a letter, then the ASCII letters and digits after
	// it: most words end there, at a space or an ASCII sign.
	i, first, ascii := start+1, wordByteClass[text[start]], true
	if text[start] >= utf8.RuneSelf {
		r, n := utf8.DecodeRuneInString(text[start:])
		i, first, ascii = start+n, runeClass(r), false
	}
	i, acc := wordASCIIRun(line, i)
	joined := false
	if i < end {
		if c := text[i]; c >= utf8.RuneSelf || c == '-' || c == '\'' {
			i, acc, ascii, joined = scanWordRest(text, start, i, end, acc, ascii, lex)
		}
	}
	f := wordFlagsOf[uint(first&lcCases)<<5|uint(acc&lcCases)]
	if joined {
		f |= tJoined
	} else if acc&lcDigit == 0 {
		f |= tLetters
	}
	if ascii {
		f |= tASCII
	}
	return i, f, ascii
}

// scanWordRest goes on reading the word begun at start from i, a rune
// that is not an ASCII letter or digit, with acc the letter classes of
// its runes after the first so far and ascii whether they are ASCII; it
// returns the word's end, the classes and ascii updated, and whether the
// word holds a rune neither a letter nor a digit.
func scanWordRest(text string, start, i, end int, acc uint8, ascii bool, lex *lexicon) (int, uint8, bool, bool) {
	line := text[:end]
	joined := false
	for {
		var r rune
		var n int
		if c := text[i]; c < utf8.RuneSelf {
			// No other ASCII byte is a letter, a digit or a mark.
			if c != '-' && c != '\'' {
				break
			}
			r, n = rune(c), 1
		} else {
			if c >= 0xC3 && c <= 0xC5 && i+1 < end && text[i+1]&0xC0 == 0x80 {
				// U+00C0–U+017F, the accented letters of Western languages:
				// all letters but × and ÷ (latin1Letter), without decoding.
				if r := rune(c&0x1F)<<6 | rune(text[i+1]&0x3F); latin1Letter(r) {
					acc |= latinRuneClass[r-0xC0]
					ascii = false
					i += 2
					goto next
				}
			}
			if c == 0xE2 && i+2 < len(text) && text[i+1] == 0x80 && text[i+2] == 0x99 {
				// ’, the apostrophe of French text: neither a letter, a
				// digit nor a mark, known without the Unicode tables.
				r, n = '’', 3
			} else {
				r, n = utf8.DecodeRuneInString(text[i:])
				if letter := unicode.IsLetter(r); letter || unicode.IsDigit(r) || isMark(r) {
					acc |= runeClass(r)
					ascii = false
					if !letter {
						if unicode.IsDigit(r) {
							acc |= lcDigit
						} else {
							joined = true
						}
					}
					i += n
					goto next
				}
			}
		}
		if (r == '-' || isApostrophe(r)) && i+n < end {
			var joins bool
			if c2 := text[i+n]; c2 < utf8.RuneSelf {
				// An ASCII letter (most often) or digit, without decoding.
				joins = wordByteClass[c2]&lcLetter != 0 || (r == '-' && '0' <= c2 && c2 <= '9')
			} else {
				r2, _ := utf8.DecodeRuneInString(text[i+n:])
				joins = unicode.IsLetter(r2) || (r == '-' && unicode.IsDigit(r2))
			}
			if joins {
				if r == '\'' { // runeClass's: - and ’ are no letter
					acc |= lcQuote
				}
				ascii = ascii && r < utf8.RuneSelf
				joined = true
				i += n
				if isApostrophe(r) && lex.isElided(text[start:i-n]) {
					break
				}
				goto next
			}
		}
		break
	next:
		var k uint8
		i, k = wordASCIIRun(line, i)
		acc |= k
		if i >= end {
			break
		}
	}
	return i, acc, ascii, joined
}

// wordFlagsOf holds wordFlags by the letter classes of a word's first
// rune and of the runes after it (lcCases bits of each).
var wordFlagsOf = func() (t [1 << 10]tokFlags) {
	for first := range uint8(1 << 5) {
		for acc := range uint8(1 << 5) {
			t[uint(first)<<5|uint(acc)] = wordFlags(first, acc)
		}
	}
	return t
}()

// wordFlags is letterFlagsFold's flags of a word whose first rune, a
// letter, has the letter class first and the runes after it the classes
// acc, with tFoldArena when its fold differs from it.
func wordFlags(first, acc uint8) tokFlags {
	var f tokFlags
	upper := first&lcUpper != 0
	switch {
	case upper:
		f |= tUpperInitial
	case first&lcLower != 0:
		f |= tLowerInitial
	}
	// The first rune is a letter, so there are two letters or more when
	// one follows.
	after := acc&lcLetter != 0
	if upper && (!after || acc&lcLower != 0) {
		f |= tCapitalised
	}
	if upper && after && acc&lcUncased == 0 {
		f |= tAllCaps
	}
	if upper || acc&(lcUpper|lcQuote) != 0 {
		f |= tFoldArena
	}
	return f
}

// appendWordFold appends to folds the fold of word w, whose flags f
// (scanWord's) have tFoldArena, and returns where it lies and f with
// tFoldShift when its bytes do not line up with w's.
func appendWordFold(folds []byte, w string, ascii bool, f tokFlags) ([]byte, int32, int32, tokFlags) {
	n := len(folds)
	if ascii {
		folds = appendASCIIFold(folds, w)
	} else {
		folds = appendRuneFold(folds, w)
		if len(folds)-n != len(w)+2*strings.Count(w, "'") {
			f |= tFoldShift
		}
	}
	return folds, int32(n), int32(len(folds)), f
}

// isMark reports whether r is a nonspacing mark (the combining accents);
// none lies below U+0300, where unicode.Is would still search its table.
func isMark(r rune) bool { return r >= 0x300 && unicode.Is(unicode.Mn, r) }

// letterFlagsFold computes the letter flags of a token, and whether its
// folded form differs from it: a capital or a straight
// apostrophe.
func letterFlagsFold(w string) (f tokFlags, fold bool) {
	r, n := utf8.DecodeRuneInString(w)
	upper := unicode.IsUpper(r)
	switch {
	case upper:
		f |= tUpperInitial
	case unicode.IsLower(r):
		f |= tLowerInitial
	}
	letters, lower, allUpper := 0, 0, true
	fold = upper || r == '\''
	if unicode.IsLetter(r) {
		letters++
		allUpper = upper
	}
	for _, c := range w[n:] {
		if unicode.IsLetter(c) {
			letters++
			if unicode.IsLower(c) {
				lower++
			}
			if !unicode.IsUpper(c) {
				allUpper = false
			} else {
				fold = true
			}
		} else if c == '\'' {
			fold = true
		}
	}
	// isCapitalised counts the letters after the first only.
	after := letters
	if unicode.IsLetter(r) {
		after--
	}
	if upper && (after == 0 || lower > 0) {
		f |= tCapitalised
	}
	if allUpper && letters >= 2 {
		f |= tAllCaps
	}
	return f, fold
}

// asciiLetterFlags is letterFlagsFold of an ASCII token, with whether its
// folded form differs from it (a capital, a straight apostrophe); ascii
// is false, and nothing computed, when w has a byte outside ASCII.
func asciiLetterFlags(w string) (f tokFlags, fold, ascii bool) {
	if len(w) == 0 {
		f, _ := letterFlagsFold(w)
		return f, false, true
	}
	isUpper := func(c byte) bool { return 'A' <= c && c <= 'Z' }
	isLower := func(c byte) bool { return 'a' <= c && c <= 'z' }
	c := w[0]
	if c >= utf8.RuneSelf {
		return 0, false, false
	}
	upper := isUpper(c)
	switch {
	case upper:
		f |= tUpperInitial
	case isLower(c):
		f |= tLowerInitial
	}
	fold = upper || c == '\''
	letters, lower, allUpper := 0, 0, true
	if upper || isLower(c) {
		letters++
		allUpper = upper
	}
	after := 0 // letters after the first
	for i := 1; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= utf8.RuneSelf:
			return 0, false, false
		case isLower(c):
			after++
			lower++
			allUpper = false
		case isUpper(c):
			after++
			fold = true
		case c == '\'':
			fold = true
		}
	}
	letters += after
	if upper && (after == 0 || lower > 0) {
		f |= tCapitalised
	}
	if allUpper && letters >= 2 {
		f |= tAllCaps
	}
	return f, fold, true
}

// appendASCIIFold appends the folded form of ASCII w: lower case,
// apostrophes as ’.
func appendASCIIFold(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case 'A' <= c && c <= 'Z':
			dst = append(dst, c+'a'-'A')
		case c == '\'':
			dst = append(dst, "’"...)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// appendRuneFold appends the folded form of w: strings.ToLower, then '
// as ’, written in place.
func appendRuneFold(dst []byte, w string) []byte {
	for _, r := range w {
		switch {
		case r == '\'':
			r = '’'
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		case r >= 0xC0 && r < 0x180:
			// The accented letters, without unicode.ToLower's search.
			r = latinLower[r-0xC0]
		default:
			r = unicode.ToLower(r)
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00A0' || r == '\u202F' || r == '\uFEFF'
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// latin1Letter reports whether r, in U+00C0–U+017F, is a letter: all are
// but the signs × and ÷ (TestLatin1Letter checks it against unicode).
func latin1Letter(r rune) bool { return r != 0xD7 && r != 0xF7 }

// elidedKey packs a word of seven bytes or fewer into a number, its bytes
// from the low one, its length in the top byte: no two words share one.
func elidedKey(w string) uint64 {
	var k uint64
	for i := 0; i < len(w); i++ {
		k |= uint64(w[i]) << (8 * i)
	}
	return k | uint64(len(w))<<56
}

// isElided reports whether w, lower-cased, is an elided form of the
// language without its apostrophe ("l", "qu"). A word longer than every
// elided form is none, in any case; a short ASCII one is lower-cased on the
// stack.
func (lx *lexicon) isElided(w string) bool {
	if len(w) > lx.elidedMaxLen {
		return false
	}
	if len(w) <= 7 {
		// Lower-cased into a number, compared with the stems' (a
		// language has a dozen or so): no hashing.
		var k uint64
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= utf8.RuneSelf {
				return lx.elidedStems[strings.ToLower(w)]
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			k |= uint64(c) << (8 * i)
		}
		k |= uint64(len(w)) << 56
		for _, e := range lx.elidedShort {
			if e == k {
				return true
			}
		}
		return false
	}
	var buf [16]byte
	if len(w) > len(buf) {
		return lx.elidedStems[strings.ToLower(w)]
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return lx.elidedStems[strings.ToLower(w)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return lx.elidedStems[string(buf[:len(w)])]
}

// scanNumber returns the end of the number starting at i: digits with inner
// separators ("12,5", "26.469,89", "3-1") and a letter suffix ("19e", "1er").
func scanNumber(text string, i, end int) int {
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsDigit(r) || unicode.IsLetter(r) {
			i += n
			continue
		}
		if (r == ',' || r == '.' || r == '-') && i+n < end {
			r2, _ := utf8.DecodeRuneInString(text[i+n:])
			if unicode.IsDigit(r2) {
				i += n
				continue
			}
		}
		break
	}
	return i
}

func (s *shape) tok(i int) *token {
	if i < 0 || i >= len(s.toks) {
		return nil
	}
	return &s.toks[i]
}

// sameLine reports whether tokens i and j exist and lie on one line.
func (s *shape) sameLine(i, j int) bool {
	return i >= 0 && j >= 0 && i < len(s.toks) && j < len(s.toks) && s.toks[i].Line == s.toks[j].Line
}

// prev returns token i-1 when it is on the same line.
func (s *shape) prev(i int) *token {
	if s.sameLine(i, i-1) {
		return &s.toks[i-1]
	}
	return nil
}

// next returns token i+1 when it is on the same line.
func (s *shape) next(i int) *token {
	if s.sameLine(i, i+1) {
		return &s.toks[i+1]
	}
	return nil
}

// adjacent reports whether nothing but blanks separates tokens a and b.
func (s *shape) adjacent(a, b *token) bool {
	if a == nil || b == nil {
		return false
	}
	return strings.TrimFunc(s.doc.Text[a.End:b.Start], isBlank) == ""
}

// sentenceOpeners are punctuation after which a capital is expected.
var sentenceOpeners = map[string]bool{
	".": true, "!": true, "?": true, "…": true, ":": true, "«": true, "\"": true, "“": true,
	"(": true, "[": true, "—": true, "–": true, "-": true, "•": true, "*": true, "/": true,
	"|": true, "‹": true, "„": true, ">": true, "#": true, ";": true,
}

// sentenceStart reports whether token i begins a sentence, a line, or a
// stretch after an opening quote, bracket, colon or dash.
func (s *shape) sentenceStart(i int) bool {
	p := s.prev(i)
	if p == nil {
		return true
	}
	if p.Kind != tokPunct {
		return false
	}
	pt := s.text(p)
	if sentenceOpeners[pt] || isQuoteMark(pt, s.lex.openQuotes) {
		return true
	}
	// ". » Le" and ".) La": a stop followed by closing marks.
	if pt == "»" || pt == "”" || pt == ")" || pt == "’" || pt == "'" {
		if pp := s.prev(i - 1); pp != nil && pp.Kind == tokPunct && isStop(s.text(pp)) {
			return true
		}
	}
	return false
}

// isStop reports a full stop, an exclamation or question mark, an ellipsis.
func isStop(p string) bool { return p == "." || p == "!" || p == "?" || p == "…" }

// insideQuotes reports whether token i lies inside a quotation on its
// line: after more opening than closing marks of one of the language's
// pairs, or after an odd number of straight quotes.
func (s *shape) insideQuotes(i int) bool {
	t := &s.toks[i]
	line := s.doc.Lines[t.Line]
	before := s.doc.Text[line.Start:t.Start]
	for _, q := range s.lex.quotes {
		if q.open != q.close && strings.Count(before, q.open)-strings.Count(before, q.close) > 0 {
			return true
		}
	}
	return strings.Count(before, "\"")%2 == 1
}

// A block is a run of lines that read as one paragraph: a paragraph of the
// document, or a line of it that is not a hard-wrapped continuation of the
// one before (articles often separate paragraphs with a single line break).
type block struct{ First, Last int } // line indices, inclusive

// buildBlocks splits the document's paragraphs into blocks.
func (s *shape) buildBlocks() {
	doc := s.doc
	// A block per line at most: one allocation, not append's doublings
	// (none when a released shape's tables are at hand).
	if buf := s.buf; buf != nil {
		s.lineBlock = resized(buf.lineBlock, len(doc.Lines))
		s.blocks = slices.Grow(buf.blocks[:0], len(doc.Lines))
		buf.lineBlock, buf.blocks = nil, nil
	} else {
		s.lineBlock = make([]int32, len(doc.Lines))
		s.blocks = make([]block, 0, len(doc.Lines))
	}
	for _, p := range doc.Paragraphs {
		for li := p.FirstLine; li <= p.LastLine; li++ {
			if li == p.FirstLine || !continuesLine(doc.Snippet(doc.Lines[li-1]), doc.Snippet(doc.Lines[li])) {
				s.blocks = append(s.blocks, block{li, li})
			} else {
				s.blocks[len(s.blocks)-1].Last = li
			}
			s.lineBlock[li] = int32(len(s.blocks) - 1)
		}
	}
}

// continuesLine reports whether next continues line as a hard-wrapped
// sentence: line ends in a letter or a comma and next starts in lower case.
func continuesLine(line, next string) bool {
	lr, _ := utf8.DecodeLastRuneInString(line)
	nr, _ := utf8.DecodeRuneInString(next)
	return (unicode.IsLetter(lr) || lr == ',') && unicode.IsLower(nr)
}

// standaloneLine reports whether line li is a block of its own.
func (s *shape) standaloneLine(li int) bool {
	b := s.blocks[s.lineBlock[li]]
	return b.First == li && b.Last == li
}

// blockText returns the text of block b.
func (s *shape) blockText(b block) string {
	return s.doc.Text[s.doc.Lines[b.First].Start:s.doc.Lines[b.Last].End]
}

// endsWithoutStop reports whether text ends without final punctuation
// (closing quotes and brackets aside).
func (s *shape) endsWithoutStop(text string) bool {
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(text, func(r rune) bool {
		return isBlank(r) || r == '"' || r == ')' || strings.ContainsRune(s.lex.closeQuotes, r)
	}))
	return !(last == '.' || last == '!' || last == '?' || last == '…' || last == ':' || last == ';' || last == ',')
}

// isHeadlineLine reports whether line li reads as a title or a heading: a
// line standing alone, without final punctuation, of one sentence and at
// most 30 words (a caption of several sentences ending in a credit is not
// one: "… a déclaré le ministre. (Photo AFP)").
func (s *shape) isHeadlineLine(li int) bool {
	if !s.standaloneLine(li) || !s.endsWithoutStop(s.doc.Snippet(s.doc.Lines[li])) {
		return false
	}
	toks := s.lineTokens(li)
	words := 0
	for k := range toks {
		t := &toks[k]
		if t.Kind != tokPunct {
			words++
			continue
		}
		if tt := s.text(t); (tt == "." || tt == "!" || tt == "?") && k+1 < len(toks) && toks[k+1].Kind == tokWord && toks[k+1].is(tUpperInitial) && k > 0 && toks[k-1].Kind == tokWord && utf8.RuneCountInString(s.text(&toks[k-1])) > 1 {
			return false // a second sentence
		}
	}
	return words <= 30
}

// lineTokens returns the tokens of line li.
func (s *shape) lineTokens(li int) []token {
	from := int(s.lineTok[li])
	to := len(s.toks)
	if li+1 < len(s.lineTok) {
		to = int(s.lineTok[li+1])
	}
	return s.toks[from:to]
}

// lineTokenBounds returns the bounds of the tokens of lines first to last.
func (s *shape) lineTokenBounds(first, last int) (lo, hi int) {
	lo, hi = int(s.lineTok[first]), len(s.toks)
	if last+1 < len(s.lineTok) {
		hi = int(s.lineTok[last+1])
	}
	return lo, hi
}

// tokensIn returns the tokens lying within span sp, and the index of the first.
func (s *shape) tokensIn(sp audit.Span) ([]token, int) {
	// Tokens follow one another without overlap: starts and ends both
	// ascend, so both bounds are binary searches; the end is first looked
	// for among the next few tokens (most spans are short).
	toks := s.toks
	lo, hi := 0, len(toks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(toks[m].Start) < sp.Start {
			lo = m + 1
		} else {
			hi = m
		}
	}
	a, end := lo, len(toks)
	for n := min(lo+16, end); a < n && int(toks[a].End) <= sp.End; a++ {
	}
	if a < min(lo+16, end) {
		end = a
	}
	for a < end {
		m := int(uint(a+end) >> 1)
		if int(toks[m].End) <= sp.End {
			a = m + 1
		} else {
			end = m
		}
	}
	return toks[lo:end], lo
}

// isLowerInitial reports whether w starts with a lower-case letter.
func isLowerInitial(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// isUpperInitial reports whether w starts with an upper-case letter.
func isUpperInitial(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// wordFilter tells, from its length and its first and last bytes, that a
// word is not in a set of words without looking it up: most tokens of a
// text are in none of a rule's small word lists, and the bits cost less
// than hashing them.
type wordFilter struct {
	first, last [32][4]uint64 // by length (31 for longer), the bytes seen
	empty       bool
}

// add puts w in the filter.
func (f *wordFilter) add(w string) {
	if w == "" {
		f.empty = true
		return
	}
	n := min(len(w), 31)
	a, z := w[0], w[len(w)-1]
	f.first[n][a>>6] |= 1 << (a & 63)
	f.last[n][z>>6] |= 1 << (z & 63)
}

// mayHave reports whether w may be in the filter: false means it is not.
func (f *wordFilter) mayHave(w string) bool {
	if w == "" {
		return f.empty
	}
	n := min(len(w), 31)
	a, z := w[0], w[len(w)-1]
	return f.first[n][a>>6]&(1<<(a&63)) != 0 && f.last[n][z>>6]&(1<<(z&63)) != 0
}

// setFilterKey keys the wordFilter of one of a lexicon's word sets among
// the derived values of its target profile.
type setFilterKey struct {
	name   string
	source *profile.Profile
}

// setFilter returns the wordFilter of set, the word set of lx called name,
// built once per pair of languages: a rule that looks every token up in
// one set skips most look-ups with it.
func setFilter(lx *lexicon, name string, set profile.Set) *wordFilter {
	return lx.target.Derived(setFilterKey{name, lx.source}, func(*profile.Profile) any {
		f := &wordFilter{}
		for w, ok := range set {
			if ok {
				f.add(w)
			}
		}
		return f
	}).(*wordFilter)
}

// has reports whether w is in set, whose filter is f.
func (f *wordFilter) has(set profile.Set, w string) bool {
	return f.mayHave(w) && set[w]
}
