package rules

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/mtaudit/mtaudit/audit"
)

// The shape rules (scraped.headline, grammar.*, garbled.*) look at a
// document as a stream of tokens, line by line: a token never crosses a line
// end, so a title and the paragraph after it are never "fused".

type tokKind uint8

const (
	tokWord  tokKind = iota // starts with a letter: "armée", "L’", "États-Unis", "G7"
	tokNum                  // starts with a digit: "2021", "12,5", "19e"
	tokPunct                // any other single non-space rune
)

type token struct {
	Start, End int
	Line       int32 // index into Document.Lines
	Kind       tokKind
	LineStart  bool   // first token of its line
	Text       string // the token as written
	Lower      string // Text lower-cased, apostrophes normalised to ’
}

// line returns the token's line index.
func (t *token) line() int { return int(t.Line) }

// shape is the tokenised view of one document, shared by the shape rules.
type shape struct {
	doc  *audit.Document
	toks []token
	// lineTok[i] is the index of the first token of line i (len(toks) when none).
	lineTok []int
	// lowerWords holds every word that occurs in lower case somewhere, so a
	// capitalised word can be recognised as a common word of this article;
	// capMid counts capitalised occurrences of a word not at a sentence
	// start: a word capitalised mid-sentence elsewhere is a name here.
	// Both are built on first use (vocabulary).
	vocabOnce  sync.Once
	lowerWords map[string]bool
	capMid     map[string]int
	capAll     map[string]int // capitalised occurrences anywhere
	// blocks are the document's paragraphs, split at lines that are not
	// hard-wrapped continuations; lineBlock[i] is the block of line i.
	blocks    []block
	lineBlock []int
}

// shapeCache keeps the last few tokenised documents: the engine runs every
// rule of one document in turn, so the shape rules tokenise it once.
var shapeCache struct {
	sync.Mutex
	order []*audit.Document
	m     map[*audit.Document]*shape
}

const shapeCacheSize = 16

func shapeOf(doc *audit.Document) *shape {
	shapeCache.Lock()
	if s, ok := shapeCache.m[doc]; ok && s.doc.Text == doc.Text && len(s.lineTok) == len(doc.Lines) {
		shapeCache.Unlock()
		return s
	}
	shapeCache.Unlock()
	s := buildShape(doc)
	shapeCache.Lock()
	if shapeCache.m == nil {
		shapeCache.m = map[*audit.Document]*shape{}
	}
	if _, ok := shapeCache.m[doc]; !ok {
		shapeCache.order = append(shapeCache.order, doc)
		if len(shapeCache.order) > shapeCacheSize {
			delete(shapeCache.m, shapeCache.order[0])
			shapeCache.order = shapeCache.order[1:]
		}
	}
	shapeCache.m[doc] = s
	shapeCache.Unlock()
	return s
}

func buildShape(doc *audit.Document) *shape {
	// A copy of the document value, so that shapeOf's check of the text
	// sees the text tokenised even when the caller refills the Document
	// (the engine does for the windows of a long one).
	d := *doc
	s := &shape{doc: &d}
	// Tokenise into a reused buffer and keep an exact copy: the shape lives
	// in the cache a while, and a guessed capacity wastes a third of it.
	buf := tokenBufs.Get().(*[]token)
	toks := (*buf)[:0]
	s.lineTok = make([]int, len(doc.Lines))
	for li, ln := range doc.Lines {
		s.lineTok[li] = len(toks)
		toks = tokenizeLine(toks, doc.Text, ln, li)
	}
	s.toks = make([]token, len(toks))
	copy(s.toks, toks)
	clear(toks) // drop the references to the text before pooling
	*buf = toks[:0]
	tokenBufs.Put(buf)
	s.buildBlocks()
	return s
}

// tokenBufs holds scratch token slices for buildShape.
var tokenBufs = sync.Pool{New: func() any { b := make([]token, 0, 1024); return &b }}

// vocabulary builds lowerWords and capMid once.
func (s *shape) vocabulary() {
	s.vocabOnce.Do(func() {
		// Sized for a news article's vocabulary, so the maps rarely grow.
		n := len(s.toks) / 3
		s.lowerWords, s.capMid, s.capAll = make(map[string]bool, n), make(map[string]int, n/4), make(map[string]int, n/4)
		for i := range s.toks {
			t := &s.toks[i]
			if t.Kind != tokWord {
				continue
			}
			if isLowerInitial(t.Text) {
				s.lowerWords[t.Lower] = true
			} else if isCapitalised(t.Text) {
				s.capAll[t.Lower]++
				if !s.sentenceStart(i) {
					s.capMid[t.Lower]++
				}
			}
		}
	})
}

// isLowerWord reports whether w (lower-cased) occurs in lower case in the document.
func (s *shape) isLowerWord(w string) bool {
	s.vocabulary()
	return s.lowerWords[w]
}

// isNameOfDoc reports whether w (lower-cased) is a name in this document:
// capitalised in mid-sentence somewhere, or capitalised at least twice and
// never written in lower case.
func (s *shape) isNameOfDoc(w string) bool {
	s.vocabulary()
	return s.capMid[w] > 0 || (s.capAll[w] >= 2 && !s.lowerWords[w])
}

// capitalisedMid counts the capitalised occurrences of w (lower-cased) not at a sentence start.
func (s *shape) capitalisedMid(w string) int {
	s.vocabulary()
	return s.capMid[w]
}

// tokenizeLine appends the tokens of line ln.
func tokenizeLine(out []token, text string, ln audit.Span, li int) []token {
	first := true
	add := func(start, end int, k tokKind) {
		w := text[start:end]
		out = append(out, token{Start: start, End: end, Kind: k, Line: int32(li), LineStart: first, Text: w, Lower: lowerNorm(w)})
		first = false
	}
	i := ln.Start
	for i < ln.End {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case isBlank(r):
			i += n
		case unicode.IsLetter(r):
			j := scanWord(text, i, ln.End)
			add(i, j, tokWord)
			i = j
		case unicode.IsDigit(r):
			j := scanNumber(text, i, ln.End)
			add(i, j, tokNum)
			i = j
		default:
			add(i, i+n, tokPunct)
			i += n
		}
	}
	return out
}

func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00A0' || r == '\u202F' || r == '\uFEFF'
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// elided are the words French writes with an apostrophe before a vowel; the
// token ends after the apostrophe ("L’" + "armée", "qu’" + "il").
var elided = map[string]bool{
	"l": true, "d": true, "j": true, "m": true, "n": true, "s": true, "t": true, "c": true,
	"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true, "presqu": true,
}

// scanWord returns the end of the word starting at i: letters, digits and
// marks, with inner hyphens ("États-Unis", "a-t-il") and apostrophes
// ("aujourd’hui") kept, except after an elided article or pronoun.
func scanWord(text string, i, end int) int {
	start := i
	for i < end {
		if c := text[i]; c < utf8.RuneSelf && asciiWord[c] {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			i += n
			continue
		}
		if (r == '-' || isApostrophe(r)) && i+n < end {
			r2, _ := utf8.DecodeRuneInString(text[i+n:])
			if unicode.IsLetter(r2) || (r == '-' && unicode.IsDigit(r2)) {
				if isApostrophe(r) && isElided(text[start:i]) {
					return i + n
				}
				i += n
				continue
			}
		}
		break
	}
	return i
}

// isElided reports whether w, lower-cased, is one of the elided words.
// The words are ASCII and no other rune lower-cases to an ASCII letter the
// list holds, so an ASCII word is lower-cased on the stack.
func isElided(w string) bool {
	var buf [8]byte
	if len(w) > len(buf) {
		return false // longer than every elided word, in any case
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return elided[strings.ToLower(w)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return elided[string(buf[:len(w)])]
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

// lowerNorm lower-cases w and writes every apostrophe as ’. Words already
// in lower case with no straight apostrophe, the most common, cost nothing.
func lowerNorm(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' || c == '\'' {
			return lowerNormASCII(w, i)
		}
	}
	if ascii {
		return w
	}
	for _, r := range w {
		if unicode.IsUpper(r) || r == '\'' {
			return strings.ReplaceAll(strings.ToLower(w), "'", "’")
		}
	}
	return w
}

// lowerNormASCII is lowerNorm for a word whose bytes from i on need a look:
// one allocation when the word is ASCII, the general case otherwise.
func lowerNormASCII(w string, i int) string {
	quotes := 0
	for k := i; k < len(w); k++ {
		switch c := w[k]; {
		case c >= utf8.RuneSelf:
			return strings.ReplaceAll(strings.ToLower(w), "'", "’")
		case c == '\'':
			quotes++
		}
	}
	b := make([]byte, 0, len(w)+2*quotes)
	b = append(b, w[:i]...)
	for k := i; k < len(w); k++ {
		switch c := w[k]; {
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c == '\'':
			b = append(b, "’"...)
		default:
			b = append(b, c)
		}
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
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

// isCapitalised reports whether w starts with a capital and has lower-case
// letters after it ("Porte-parole", "Le", "L’"), unlike an acronym ("ONU").
func isCapitalised(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	rest := w[n:]
	letters, lower := 0, 0
	for _, c := range rest {
		if unicode.IsLetter(c) {
			letters++
			if unicode.IsLower(c) {
				lower++
			}
		}
	}
	return letters == 0 || lower > 0
}

// isAllCaps reports whether w has at least two letters and all are capitals.
func isAllCaps(w string) bool {
	letters := 0
	for _, c := range w {
		if unicode.IsLetter(c) {
			if !unicode.IsUpper(c) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
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
	if sentenceOpeners[p.Text] {
		return true
	}
	// ". » Le" and ".) La": a stop followed by closing marks.
	if p.Text == "»" || p.Text == "”" || p.Text == ")" || p.Text == "’" || p.Text == "'" {
		if pp := s.prev(i - 1); pp != nil && (pp.Text == "." || pp.Text == "!" || pp.Text == "?" || pp.Text == "…") {
			return true
		}
	}
	return false
}

// quoteDepth reports whether token i lies inside « … » or "…" on its line.
func (s *shape) insideQuotes(i int) bool {
	t := &s.toks[i]
	line := s.doc.Lines[t.Line]
	before := s.doc.Text[line.Start:t.Start]
	open := strings.Count(before, "«") - strings.Count(before, "»")
	if open > 0 {
		return true
	}
	if strings.Count(before, "“")-strings.Count(before, "”") > 0 {
		return true
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
	s.lineBlock = make([]int, len(doc.Lines))
	for _, p := range doc.Paragraphs {
		for li := p.FirstLine; li <= p.LastLine; li++ {
			if li == p.FirstLine || !continuesLine(doc.Snippet(doc.Lines[li-1]), doc.Snippet(doc.Lines[li])) {
				s.blocks = append(s.blocks, block{li, li})
			} else {
				s.blocks[len(s.blocks)-1].Last = li
			}
			s.lineBlock[li] = len(s.blocks) - 1
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
func endsWithoutStop(text string) bool {
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(text, func(r rune) bool {
		return isBlank(r) || r == '»' || r == '"' || r == '”' || r == ')'
	}))
	return !(last == '.' || last == '!' || last == '?' || last == '…' || last == ':' || last == ';' || last == ',')
}

// isHeadlineLine reports whether line li reads as a title or a heading: a
// line standing alone, without final punctuation, of one sentence and at
// most 30 words (a caption of several sentences ending in a credit is not
// one: "… a déclaré le ministre. (Photo AFP)").
func (s *shape) isHeadlineLine(li int) bool {
	if !s.standaloneLine(li) || !endsWithoutStop(s.doc.Snippet(s.doc.Lines[li])) {
		return false
	}
	toks := s.lineTokens(li)
	words := 0
	for k, t := range toks {
		if t.Kind != tokPunct {
			words++
			continue
		}
		if (t.Text == "." || t.Text == "!" || t.Text == "?") && k+1 < len(toks) && toks[k+1].Kind == tokWord && isUpperInitial(toks[k+1].Text) && k > 0 && toks[k-1].Kind == tokWord && utf8.RuneCountInString(toks[k-1].Text) > 1 {
			return false // a second sentence
		}
	}
	return words <= 30
}

// lineTokens returns the tokens of line li.
func (s *shape) lineTokens(li int) []token {
	from := s.lineTok[li]
	to := len(s.toks)
	if li+1 < len(s.lineTok) {
		to = s.lineTok[li+1]
	}
	return s.toks[from:to]
}

// tokensIn returns the tokens lying within span sp, and the index of the first.
func (s *shape) tokensIn(sp audit.Span) ([]token, int) {
	lo := sort.Search(len(s.toks), func(k int) bool { return s.toks[k].Start >= sp.Start })
	hi := lo
	for hi < len(s.toks) && s.toks[hi].End <= sp.End {
		hi++
	}
	return s.toks[lo:hi], lo
}
