package rules

import (
	"slices"
	"sync"

	"github.com/mtaudit/mtaudit/audit"
)

// tokenMarks lists, in order, two kinds of tokens of a document that
// several rules look around, so that they read a list instead of each
// testing every token of the document:
//
//   - stops, the tokens that are a full stop, an exclamation mark or a
//     question mark (garbled.lowercase-start, garbled.truncated-sentence,
//     garbled.repeated-word);
//   - caps, the word tokens that are capitalised (tCapitalised), a tenth
//     of the tokens (garbled.fused-sentence, grammar.fused-article,
//     grammar.link-capital);
//   - nums, the number tokens, a few in a hundred (typography.clock,
//     typography.number-format, typography.currency-position).
//
// One walk over the token table fills the three: it was four, each the
// whole table long.
type tokenMarks struct {
	stops, caps, nums []int32
}

var tokenMarksAnalysis = &audit.Analysis[*tokenMarks]{
	Name: "stop tokens, capitalised words, numbers",
	Run: func(p *audit.Pass) *tokenMarks {
		tm := tokenMarkBufs.Get().(*tokenMarks)
		tm.build(shapeOf(p))
		return tm
	},
	Release: func(tm *tokenMarks) { tokenMarkBufs.Put(tm) },
}

var tokenMarkBufs = sync.Pool{New: func() any { return &tokenMarks{} }}

// stopTokensOf returns the stop tokens of the pass's document.
func stopTokensOf(pass *audit.Pass) []int32 { return audit.ResultOf(pass, tokenMarksAnalysis).stops }

// capitalisedWordsOf returns the capitalised word tokens of the pass's document.
func capitalisedWordsOf(pass *audit.Pass) []int32 {
	return audit.ResultOf(pass, tokenMarksAnalysis).caps
}

// numTokensOf returns the number tokens of the pass's document.
func numTokensOf(pass *audit.Pass) []int32 { return audit.ResultOf(pass, tokenMarksAnalysis).nums }

// stopMarks are the marks of the stop tokens: each a token of its own
// (tokPunct).
const stopMarks = ".!?"

// build fills tm with the tokens of s, in one walk over the token table.
// (Finding the marks in the text and the token at each reads fewer tokens
// but waits on each read: slower.)
func (tm *tokenMarks) build(s *shape) {
	n := len(s.toks)
	stops, caps, nums := slices.Grow(tm.stops[:0], n)[:n], slices.Grow(tm.caps[:0], n)[:n], slices.Grow(tm.nums[:0], n)[:n]
	ns, nc, nn := markTokens(s.toks, s.doc.Text, stops, caps, nums)
	tm.stops, tm.caps, tm.nums = stops[:ns], caps[:nc], nums[:nn]
}

// markTokens writes to stops, caps and nums, which have room for every
// token, the tokens that go there, and returns how many each got. No
// append: with them the loop kept its slices on the stack, and took
// twice as long.
func markTokens(toks []token, text string, stops, caps, nums []int32) (ns, nc, nn int) {
	stops, caps, nums = stops[:len(toks)], caps[:len(toks)], nums[:len(toks)]
	for i := range toks {
		switch tk := &toks[i]; tk.Kind {
		case tokPunct:
			// A punctuation token is one rune: a stop is one byte.
			if tk.End == tk.Start+1 {
				switch text[tk.Start] {
				case '.', '!', '?':
					stops[ns] = int32(i)
					ns++
				}
			}
		case tokWord:
			if tk.Flags&tCapitalised != 0 {
				caps[nc] = int32(i)
				nc++
			}
		case tokNum:
			nums[nn] = int32(i)
			nn++
		}
	}
	return ns, nc, nn
}
