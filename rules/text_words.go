package rules

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/mtaudit/mtaudit/audit"
)

// txWord is a run of letters (with combining marks) at [Start, End) of a
// text. Apostrophes and hyphens split words: "l’Ukraine" gives "l" and
// "Ukraine", "Jean-Marie" gives "Jean" and "Marie". A word of the
// document's token table knows its token (Tok), which holds its folded
// form; a word of another text (a glossary entry) has Tok -1.
type txWord struct {
	Start, End int32
	Tok        int32
}

// in returns the word's text in t, the text it was read from.
func (w txWord) in(t string) string { return t[w.Start:w.End] }

// txAppendWords appends the letter runs of text[start:end] to out, offsets
// into text, so that a caller scanning many lines reuses one slice. The
// document's own words come from its token table (shape.appendWords);
// this is for other texts.
func txAppendWords(out []txWord, text string, start, end int) []txWord {
	return appendLetterRuns(out, text, start, end, -1)
}

// appendLetterRuns appends the letter runs of text[start:end], marked as
// words of token tok.
func appendLetterRuns(out []txWord, text string, start, end int, tok int32) []txWord {
	in := -1
	for i := start; i < end; {
		c := text[i]
		if c < utf8.RuneSelf {
			// ASCII: no combining mark, letters are a-z and A-Z; a run of
			// them is read in one tight loop.
			if asciiLetter[c] {
				if in < 0 {
					in = i
				}
				for i++; i < end && asciiLetter[text[i]]; i++ {
				}
				continue
			}
			if in >= 0 {
				out = append(out, txWord{int32(in), int32(i), tok})
				in = -1
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		letter := unicode.IsLetter(r) || (in >= 0 && unicode.Is(unicode.Mn, r))
		if letter && in < 0 {
			in = i
		} else if !letter && in >= 0 {
			out = append(out, txWord{int32(in), int32(i), tok})
			in = -1
		}
		i += n
	}
	if in >= 0 {
		out = append(out, txWord{int32(in), int32(end), tok})
	}
	return out
}

// latinLetter2 reports whether bytes c, d encode a letter of U+00C0 to
// U+017F: all of them but × and ÷.
func latinLetter2(c, d byte) bool {
	return d&0xC0 == 0x80 && (c == 0xC4 || c == 0xC5 || (c == 0xC3 && d != 0x97 && d != 0xB7))
}

// asciiLetter marks the bytes a-z and A-Z.
var asciiLetter = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	return t
}()

// appendWords appends the letter runs of the document within [start, end),
// read from its tokens, to out. A shape without tokens (wordsOnly) reads
// them from the text.
func (s *shape) appendWords(out []txWord, start, end int) []txWord {
	if s.toks == nil {
		return appendLetterRuns(out, s.doc.Text, start, end, -1)
	}
	toks, first := s.tokensIn(audit.Span{Start: start, End: end})
	for k := range toks {
		if t := &toks[k]; t.Kind != tokPunct {
			out = appendLetterRuns(out, s.doc.Text, int(t.Start), int(t.End), int32(first+k))
		}
	}
	return out
}

// letterRuns are the letter runs of every token of a document
// (shape.appendWords over the whole of it), read once for the rules that
// walk them all: untranslated.sentence sentence by sentence, the name
// rules line by line.
type letterRuns struct {
	s    *shape
	runs []txWord
	// first[k] is the index in runs of token k's first run; first has a
	// last entry, len(runs).
	first []int32
	// markAfter: some run ends right before a combining mark, where
	// the line's text would join the mark to it ("19e" then U+0301, a
	// number then a punctuation token). Only a token read by
	// appendLetterRuns can: a word's token takes in the marks after its
	// letters, and a run ends inside a token at a rune neither a letter
	// nor a mark.
	markAfter bool

	// The tokens by what their runs can be to the name rules, sorted in
	// the same walk, so that a walk over the runs for capitalised words
	// or for lower-case ones reads only the tokens that may have some
	// (buildNameOccurrences, name.batch's lowerWords):
	//
	// lower has the bit of every word id (wordTable) whose folded form
	// some token writes as it is, one run of letters (tLetters) starting
	// in lower case: that run is the word, and the token has no other.
	lower []uint64
	// folded are the word and number tokens whose folded form differs
	// from their text (tFoldArena): the only ones a capital can start.
	folded []int32
	// mixed are the other word and number tokens that may hold a run
	// starting in lower case: all but the tokens of one run of letters
	// (those in lower, and those starting without a lower-case letter).
	mixed []int32
}

// hasLower reports whether word id has its bit in lower (a word the
// table numbered later has none).
func (r *letterRuns) hasLower(id int32) bool {
	i := int(id / 64)
	return i < len(r.lower) && r.lower[i]&(1<<(id%64)) != 0
}

// letterRunsAnalysis builds a pass's letterRuns; its buffers go back to a
// pool when the document is done (they hold no text).
var letterRunsAnalysis = &audit.Analysis[*letterRuns]{
	Name: "letter runs",
	Run:  func(p *audit.Pass) *letterRuns { return buildLetterRuns(shapeOf(p)) },
	Release: func(r *letterRuns) {
		if r != nil && r.first != nil {
			r.s, r.runs, r.first, r.markAfter = nil, r.runs[:0], r.first[:0], false
			r.lower, r.folded, r.mixed = r.lower[:0], r.folded[:0], r.mixed[:0]
			letterRunsPool.Put(r)
		}
	},
}

var letterRunsPool sync.Pool

func buildLetterRuns(s *shape) *letterRuns {
	r, ok := letterRunsPool.Get().(*letterRuns)
	if !ok {
		r = &letterRuns{}
	}
	r.s, r.markAfter = s, false
	if s.toks == nil {
		r.runs, r.first = nil, nil // (a shape without tokens: appendWords reads the text)
		return r
	}
	// A token has one run or none, seldom more: runs grows only then.
	runs := slices.Grow(r.runs[:0], len(s.toks))
	first := slices.Grow(r.first[:0], len(s.toks)+1)[:len(s.toks)+1]
	text := s.doc.Text
	toks := s.toks
	for k := range toks {
		first[k] = int32(len(runs))
		t := &toks[k]
		if t.Flags&tLetters != 0 {
			// A word of letters only (scanWord saw them): one run.
			runs = append(runs, txWord{t.Start, t.End, int32(k)})
			continue
		}
		if t.Kind == tokPunct {
			continue
		}
		// Most tokens are letters only, one run: read here, without the
		// call, when they are ASCII letters or two-byte letters of
		// Latin-1 and Latin Extended-A (é, ç, œ: no combining mark can
		// follow, as it would stop the loop); any other byte sends the
		// token to appendLetterRuns.
		i, end := int(t.Start), int(t.End)
		for i < end {
			if asciiLetter[text[i]] {
				i++
			} else if i+1 < end && latinLetter2(text[i], text[i+1]) {
				i += 2
			} else {
				break
			}
		}
		if i == end {
			runs = append(runs, txWord{t.Start, t.End, int32(k)})
			continue
		}
		from := len(runs)
		runs = appendLetterRuns(runs, text, int(t.Start), end, int32(k))
		// Within the token a run goes on over a mark: only one ending
		// with the token can have one after it.
		if n := len(runs); n > from && runs[n-1].End == t.End && markAt(text, end) {
			r.markAfter = true
		}
	}
	first[len(toks)] = int32(len(runs))
	r.runs, r.first = runs, first
	wt := s.wordsOf()
	r.lower = resized(r.lower, (len(wt.words)+63)/64)
	folded, mixed := slices.Grow(r.folded[:0], len(toks)), slices.Grow(r.mixed[:0], len(toks))
	nf, nm := classifyTokens(toks, wt.id, r.lower, folded[:len(toks)], mixed[:len(toks)])
	r.folded, r.mixed = folded[:nf], mixed[:nm]
	return r
}

// classifyTokens sorts toks for letterRuns: it sets in lower the bits
// of the ids (by token, ids) of the tokens of one lower-case run as
// written, and writes to folded and mixed, which have room for every
// token, the tokens that go there; it returns how many each got. A loop
// of its own, with no append: with them, or in buildLetterRuns' loop, it
// kept its slices on the stack, and took three times longer.
func classifyTokens(toks []token, ids []int32, lower []uint64, folded, mixed []int32) (nf, nm int) {
	ids, folded, mixed = ids[:len(toks)], folded[:len(toks)], mixed[:len(toks)]
	for k := range toks {
		f := toks[k].Flags
		switch f & (tLetters | tLowerInitial | tFoldArena) {
		case tLetters | tLowerInitial:
			id := uint32(ids[k]) // a word's: not negative
			lower[id/64] |= 1 << (id % 64)
		case tLetters:
		case tLetters | tFoldArena:
			folded[nf] = int32(k)
			nf++
		default:
			// A word of more than letters, a number, or a capital after
			// a lower-case letter ("iPhone": its run, as written, is no
			// word of the table).
			if toks[k].Kind != tokPunct {
				if f&tFoldArena != 0 {
					folded[nf] = int32(k)
					nf++
				}
				mixed[nm] = int32(k)
				nm++
			}
		}
	}
	return nf, nm
}

// markAt reports whether a combining mark starts at text[i].
func markAt(text string, i int) bool {
	if i >= len(text) || text[i] < utf8.RuneSelf {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.Is(unicode.Mn, r)
}

// in returns the letter runs within [start, end): s.appendWords(nil,
// start, end), as a view of the table that the caller must not change.
// scratch holds them when the shape has no tokens.
func (r *letterRuns) in(start, end int, scratch *[]txWord) []txWord {
	if r.first == nil {
		*scratch = r.s.appendWords((*scratch)[:0], start, end)
		return *scratch
	}
	toks, lo := r.s.tokensIn(audit.Span{Start: start, End: end})
	return r.runs[r.first[lo]:r.first[lo+len(toks)]]
}

// wordsOnly returns a shape of doc without its token table, for a caller
// outside a pass (a batch rule) that needs only the document's letter runs
// and the lexicon; a language that capitalises its nouns needs the tokens
// (shape.nounForms), and gets the whole table.
func wordsOnly(doc *audit.Document, lx *lexicon) *shape {
	if lx.nounsCapitalised {
		return buildShape(doc, lx)
	}
	return &shape{doc: doc, lex: lx}
}

// wordLow returns the lower-case form of a word of the document.
func (s *shape) wordLow(w txWord) string {
	if w.Tok < 0 {
		return strings.ToLower(s.doc.Text[w.Start:w.End])
	}
	return s.lowAt(w.Tok, int(w.Start), int(w.End))
}

// txCapitalised reports whether w starts with an upper-case letter and has a
// lower-case one after it: "Lisbonne", not "OTAN", not "lisbonne".
func txCapitalised(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	rest := w[n:]
	// ASCII first, without decoding: a lower-case letter is a-z.
	i := 0
	for ; i < len(rest) && rest[i] < utf8.RuneSelf; i++ {
		if 'a' <= rest[i] && rest[i] <= 'z' {
			return true
		}
	}
	for _, c := range rest[i:] {
		if unicode.IsLower(c) {
			return true
		}
	}
	return false
}

// txAllCaps reports whether s has at least two letters and no lower-case one.
func txAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// txFold lower-cases s and strips diacritics: "Choukourov" gives "choukourov".
func txFold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var buf [64]byte // on the stack for the usual word
	return string(appendTxFold(buf[:0], s))
}

// appendTxFold appends txFold(s) to dst: rune by rune from latinFold when
// every rune of s is in it (a name of a Latin alphabet), else by the
// decomposition of the whole (txFoldNFD).
func appendTxFold(dst []byte, s string) []byte {
	from := len(dst)
	var table *[latinFoldRunes]string
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= latinFoldRunes {
			return append(dst[:from], txFoldNFD(s)...)
		}
		if table == nil {
			table = latinFold()
		}
		dst = append(dst, table[r]...)
		i += n
	}
	return dst
}

// latinFoldRunes bounds latinFold: Latin-1 and the Latin Extended blocks,
// none of them a combining mark. The decomposition of a text of these
// runes is theirs one after another (each starts with a base letter, so
// no mark is reordered across runes), so txFold is theirs too.
const latinFoldRunes = 0x250

// latinFold returns the table of txFoldNFD(string(r)) for every r below
// latinFoldRunes, built on first use (not at start-up).
var latinFold = sync.OnceValue(func() *[latinFoldRunes]string {
	t := new([latinFoldRunes]string)
	for r := range rune(latinFoldRunes) {
		t[r] = txFoldNFD(string(r))
	}
	return t
})

// txFoldNFD is txFold by decomposing s (NFD) and dropping the marks.
func txFoldNFD(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ß':
			b.WriteString("ss")
		case 'æ', 'Æ':
			b.WriteString("ae")
		case 'œ', 'Œ':
			b.WriteString("oe")
		case 'ø', 'Ø':
			b.WriteByte('o')
		case 'ł', 'Ł':
			b.WriteByte('l')
		case 'đ', 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// txIsSpace reports white space, including the no-break spaces French
// typography puts before high punctuation.
func txIsSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00A0' || r == '\u202F' || r == '\u2009'
}
