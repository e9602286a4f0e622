package rules

import (
	"slices"
	"sync"

	"github.com/mtaudit/mtaudit/audit"
)

// inlineArticle is what the untranslated.inline family of rules knows of
// one article: its words, sentence by sentence, classified against the
// lexicons, with the article's names marked, and its quotations and
// brackets. The rules of the family (inline, place-name, body-name) share
// it through inlineArticleAnalysis.
type inlineArticle struct {
	lx     *inlineLexicons
	words  []inlineWord
	bounds []int // sentence k is words[bounds[k]:bounds[k+1]]
	// english[k] is inlineMostlyEnglish of sentence k, which each rule of
	// the family asks of every sentence.
	english []bool
	// regions are the article's quotations and brackets, found on first
	// use (regionsOf): only a candidate finding asks for them, and most
	// articles have none, while finding them reads every byte.
	regions      []inlineRegion
	regionsFound bool
	doc          *audit.Document // the document the regions are found in
	// englishQuote caches, by region index, whether a quotation holds no
	// word of the article's language.
	englishQuote map[int]bool
	// marked holds, sentence by sentence, the indices (in the sentence)
	// of the words the family's rules look at: a capitalised, English or
	// foreign word; sentence k's are marked[markBounds[k]:markBounds[k+1]].
	// The rest are passed over without reading them again.
	marked     []int32
	markBounds []int32
	bufs       *inlineBufs // the buffers words and bounds are in, until released
}

// marks returns the indices in sentence k of its capitalised, English and
// foreign words, in order.
func (a *inlineArticle) marks(k int) []int32 { return a.marked[a.markBounds[k]:a.markBounds[k+1]] }

// sentence returns the words of sentence k.
func (a *inlineArticle) sentence(k int) []inlineWord { return a.words[a.bounds[k]:a.bounds[k+1]] }

// mostlyEnglish is inlineMostlyEnglish(a.sentence(k)).
func (a *inlineArticle) mostlyEnglish(k int) bool { return a.english[k] }

// sentences is how many sentences the article has.
func (a *inlineArticle) sentences() int { return len(a.bounds) - 1 }

// skipped reports a span inside a bracket, an English quotation or a web
// address.
func (a *inlineArticle) skipped(doc *audit.Document, start, end int) bool {
	return a.lx.skipped(doc, a.regionsOf(), a.englishQuote, start, end)
}

// regionsOf returns the article's quotations and brackets
// (inlineRegions), found the first time they are asked for.
func (a *inlineArticle) regionsOf() []inlineRegion {
	if !a.regionsFound {
		a.regions, a.regionsFound = inlineRegions(a.doc, a.regions), true
	}
	return a.regions
}

// inlineArticleAnalysis computes the inlineArticle of a pass's document, or
// nil when its language has no lexicon.
var inlineArticleAnalysis = &audit.Analysis[*inlineArticle]{
	Name: "untranslated.inline words",
	Run:  buildInlineArticle,
	// The word table goes back to inlineWordBufs when the document is done.
	Release: func(a *inlineArticle) {
		if a == nil {
			return
		}
		a.lx.releaseFacts()
		if b := a.bufs; b != nil {
			// (The words are not cleared: they hold no string of the
			// document, only offsets and entries of the cache of facts,
			// which clones its keys; the next article writes every field.)
			b.words, b.bounds, b.regions, b.english = a.words[:0], a.bounds[:0], a.regions[:0], a.english[:0]
			b.marked, b.markBounds = a.marked[:0], a.markBounds[:0]
			clear(a.englishQuote)
			b.englishQuote = a.englishQuote
			a.words, a.bounds, a.english, a.regions, a.englishQuote, a.bufs = nil, nil, nil, nil, nil, nil
			a.regionsFound, a.doc = false, nil
			a.marked, a.markBounds = nil, nil
			inlineWordBufs.Put(b)
		}
	},
}

// inlineBufs are the buffers of an article's tables, reused from one
// document to the next: the words and sentence bounds the article keeps
// until released, and buildInlineArticle's scratch.
type inlineBufs struct {
	words   []inlineWord
	bounds  []int
	english []bool
	scratch []txWord
	names   map[string]bool
	// The article's regions and englishQuote (which hold no text).
	regions      []inlineRegion
	englishQuote map[int]bool
	// The article's marked words and their bounds.
	marked, markBounds []int32
}

// untranslatedSentenceRule selects untranslated.sentence in a
// configuration.
var untranslatedSentenceRule = &audit.Rule{ID: "untranslated.sentence", Category: audit.Untranslated}

// inlineWordBufs holds the buffers of released articles.
var inlineWordBufs sync.Pool

func buildInlineArticle(pass *audit.Pass) *inlineArticle {
	doc := pass.Doc
	lang := doc.Lang
	if lang == "" {
		lang = "fr"
	}
	lx := inlineLexiconsFor(pass, lang)
	if lx == nil {
		return nil
	}
	// Every sentence's words, classified; then the names of the article.
	// About one word per six bytes of text.
	b, ok := inlineWordBufs.Get().(*inlineBufs)
	if !ok {
		b = &inlineBufs{words: make([]inlineWord, 0, len(doc.Text)/6+1), names: map[string]bool{}, englishQuote: map[int]bool{}}
	}
	all, bounds := b.words[:0], b.bounds[:0]
	// The document's letter runs, which untranslated.sentence reads anyway
	// when it runs (a sentence's are txAppendWords' over it), spare a
	// second scan of every sentence; without it, the sentences are
	// scanned here rather than the whole token table built.
	var runs sentenceRuns
	if pass.Config.Enabled(untranslatedSentenceRule) {
		runs.r = audit.ResultOf(pass, letterRunsAnalysis)
	}
	// The words are marked, and the sentences' inlineMostlyEnglish
	// counted, as they are classified; markNames changes some classes,
	// so an article where it does is marked again after it. It has no
	// work in most: no capitalised English or foreign word and no
	// genitive "s", which the walk looks for too.
	english, marked, markBounds := b.english[:0], b.marked[:0], b.markBounds[:0]
	var seen uint8
	for _, s := range doc.Sentences {
		bounds = append(bounds, len(all))
		markBounds = append(markBounds, int32(len(marked)))
		var raw []txWord
		if runs.r != nil {
			raw = runs.in(s.Start, s.End, &b.scratch)
		} else {
			raw = txAppendWords(b.scratch[:0], doc.Text, s.Start, s.End)
			b.scratch = raw
		}
		var n int
		var bits uint8
		all, marked, n, bits = lx.appendMarked(all, marked, doc.Text, s.Start, raw)
		seen |= bits
		english = append(english, len(raw) >= 4 && n*5 > len(raw)*3)
	}
	bounds = append(bounds, len(all))
	markBounds = append(markBounds, int32(len(marked)))
	if candidate, genitive := seen&inlineMarkCandidate != 0, seen&inlineMarkGenitive != 0; candidate || genitive {
		changed := lx.markNamesIf(doc.Text, all, bounds, b.names, candidate, genitive)
		clear(b.names) // (the scratch keeps no string of the document)
		if changed {
			english, marked, markBounds = inlineMarkWords(doc.Text, all, bounds, english[:0], marked[:0], markBounds[:0])
		}
	}
	b.english, b.marked, b.markBounds = nil, nil, nil
	regions, englishQuote := b.regions[:0], b.englishQuote
	if englishQuote == nil {
		englishQuote = map[int]bool{}
	}
	b.regions, b.englishQuote = nil, nil
	return &inlineArticle{lx: lx, words: all, bounds: bounds, english: english, regions: regions, doc: doc, englishQuote: englishQuote,
		marked: marked, markBounds: markBounds, bufs: b}
}

// inlineMarkWords marks the words of an article's sentences (those the
// family's rules look at: capitalised, English or foreign), appending
// their indices to marked and the sentences' bounds in it to markBounds,
// and appends inlineMostlyEnglish of each sentence to english.
func inlineMarkWords(text string, all []inlineWord, bounds []int, english []bool, marked, markBounds []int32) (
	_ []bool, _, _ []int32) {
	for k := 0; k+1 < len(bounds); k++ {
		words := all[bounds[k]:bounds[k+1]]
		markBounds = append(markBounds, int32(len(marked)))
		var n int
		marked, n, _ = inlineMarkSentence(text, words, marked)
		english = append(english, len(words) >= 4 && n*5 > len(words)*3)
	}
	markBounds = append(markBounds, int32(len(marked)))
	return english, marked, markBounds
}

// inlineMarkSentence appends to marked the indices of the words of a
// sentence the family's rules look at, and returns its count for
// inlineMostlyEnglish and the union of its words' inlineMarkBits (with
// inlineMarkGenitive for a word inlineGenitiveS reports).
func inlineMarkSentence(text string, words []inlineWord, marked []int32) (_ []int32, english int, seen uint8) {
	// Room for every word: each index is written, and kept when marked,
	// without a branch (inlineMarkBits).
	m := len(marked)
	out := slices.Grow(marked, len(words))[:m+len(words)]
	for i := range words {
		w := &words[i]
		bits := inlineMarkBits[inlineMarkKey(w)]
		seen |= bits
		out[m] = int32(i)
		m += int(bits >> 1 & 1)
		english += int(bits & 1)
		if w.End-w.Start == 1 && inlineGenitiveS(text, w) {
			seen |= inlineMarkGenitive
		}
	}
	return out[:m], english, seen
}

// inlineMarkKey is a word's index in inlineMarkBits.
func inlineMarkKey(w *inlineWord) int {
	key := int(w.class & 7)
	if w.function {
		key |= 8
	}
	if w.capital {
		key |= 16
	}
	return key
}

// inlineMarkBitsLow is inlineMarkBits by the key appendMarked makes of a
// slot's bits: the class and inlineLowFunction as they are in them, and
// inlineMarkCapital for a capital.
var inlineMarkBitsLow = func() (t [32]uint8) {
	for key := range t {
		class, function, capital := key&inlineLowClass, key&inlineLowFunction != 0, key&inlineMarkCapital != 0
		k := class
		if function {
			k |= 8
		}
		if capital {
			k |= 16
		}
		t[key] = inlineMarkBits[k]
	}
	return t
}()

// inlineMarkCapital is the capital's bit of inlineMarkBitsLow's key, which
// inlineLowAccept has in a slot's.
const inlineMarkCapital = inlineLowAccept

// The bits of inlineMarkBits, and inlineMarkGenitive, which
// inlineMarkSentence adds.
const (
	inlineMarkEnglish   = 1 << iota // counts for inlineMostlyEnglish
	inlineMarkRead                  // marked
	inlineMarkCandidate             // may become a name (markNamesIf's candidate)
	inlineMarkGenitive              // may be a genitive's "s" (markNamesIf's genitive)
)

// inlineMarkBits says, by a word's class (three bits), function word (8)
// and capital (16), whether it counts for inlineMostlyEnglish (bit 0: an
// English word, or a function word of both languages), whether the
// family's rules look at it (bit 1: capitalised, English or foreign) and
// whether markNames may make it a name (bit 2: capitalised, English or
// foreign).
var inlineMarkBits = func() (t [32]uint8) {
	for key := range t {
		class, function, capital := inlineClass(key&7), key&8 != 0, key&16 != 0
		if class == inlineEnglish || (function && class == inlineShared) {
			t[key] |= inlineMarkEnglish
		}
		if capital || class == inlineEnglish || class == inlineForeign {
			t[key] |= inlineMarkRead
		}
		if capital && (class == inlineEnglish || class == inlineForeign) {
			t[key] |= inlineMarkCandidate
		}
	}
	return t
}()

// sentenceRuns reads the letter runs of a document's sentences in their
// order: letterRuns.in's, the tokens found by walking on from the last
// sentence's rather than by two binary searches over the whole table for
// each sentence.
type sentenceRuns struct {
	r *letterRuns
	// lo is the first token starting at or after at, the last start read
	// (tokensIn's lo); every token before hi ends by end, the last end.
	lo, hi  int
	at, end int
}

// in is r.in(start, end, scratch); starts before the last one read are
// handed to r.in.
func (c *sentenceRuns) in(start, end int, scratch *[]txWord) []txWord {
	r := c.r
	if r.first == nil || start < c.at {
		return r.in(start, end, scratch)
	}
	toks := r.s.toks
	// Tokens do not overlap: their starts and ends ascend. Those before
	// lo start before at, so before start; those before hi end by the
	// last end, so, when start is past it, start before start too.
	lo := c.lo
	if start >= c.end {
		lo = max(lo, c.hi)
	}
	// (Over the tail, by index: the loops need no bounds check and copy
	// no token.)
	ts := toks[lo:]
	i := 0
	for i < len(ts) && int(ts[i].Start) < start {
		i++
	}
	lo += i
	ts = ts[i:]
	i = 0
	for i < len(ts) && int(ts[i].End) <= end {
		i++
	}
	hi := lo + i
	c.lo, c.hi, c.at, c.end = lo, hi, start, end
	return r.runs[r.first[lo]:r.first[hi]]
}
