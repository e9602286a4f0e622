package rules

import (
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
	stops, caps, nums := tm.stops[:0], tm.caps[:0], tm.nums[:0]
	t := s.doc.Text
	for i := range s.toks {
		switch tk := &s.toks[i]; tk.Kind {
		case tokPunct:
			// A punctuation token is one rune: a stop is one byte.
			if tk.End == tk.Start+1 {
				switch t[tk.Start] {
				case '.', '!', '?':
					stops = append(stops, int32(i))
				}
			}
		case tokWord:
			if tk.is(tCapitalised) {
				caps = append(caps, int32(i))
			}
		case tokNum:
			nums = append(nums, int32(i))
		}
	}
	tm.stops, tm.caps, tm.nums = stops, caps, nums
}
