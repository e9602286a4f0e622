package rules

import (
	"sync"

	"github.com/mtaudit/mtaudit/audit"
)

// stopTokens lists, in order, the tokens of a document that are a full
// stop, an exclamation mark or a question mark. garbled.lowercase-start,
// garbled.truncated-sentence and garbled.repeated-word each look at the
// tokens around such a stop: they read this list instead of each testing
// every token of the document.
type stopTokens struct {
	toks []int32
}

var stopTokensAnalysis = &audit.Analysis[*stopTokens]{
	Name: "stop-tokens",
	Run: func(p *audit.Pass) *stopTokens {
		st := stopTokenBufs.Get().(*stopTokens)
		st.toks = buildStopTokens(st.toks[:0], shapeOf(p))
		return st
	},
	Release: func(st *stopTokens) { stopTokenBufs.Put(st) },
}

var stopTokenBufs = sync.Pool{New: func() any { return &stopTokens{} }}

// stopTokensOf returns the stop tokens of the pass's document.
func stopTokensOf(pass *audit.Pass) []int32 { return audit.ResultOf(pass, stopTokensAnalysis).toks }

// stopMarks are the marks of stopTokens: each a token of its own (tokPunct).
const stopMarks = ".!?"

// buildStopTokens appends to out the stop tokens of s, in one walk over
// the token table. (Finding the marks in the text and the token at each
// reads fewer tokens but waits on each read: slower.)
func buildStopTokens(out []int32, s *shape) []int32 {
	t := s.doc.Text
	for i := range s.toks {
		if tk := &s.toks[i]; tk.Kind == tokPunct {
			// A punctuation token is one rune: a stop is one byte.
			if tk.End == tk.Start+1 {
				switch t[tk.Start] {
				case '.', '!', '?':
					out = append(out, int32(i))
				}
			}
		}
	}
	return out
}

// capitalisedWords lists, in order, the word tokens of a document that are
// capitalised (tCapitalised): garbled.fused-sentence and
// grammar.fused-article look only at those, a tenth of the tokens.
type capitalisedWords struct {
	toks []int32
}

var capitalisedWordsAnalysis = &audit.Analysis[*capitalisedWords]{
	Name: "capitalised-words",
	Run: func(p *audit.Pass) *capitalisedWords {
		cw := capitalisedWordBufs.Get().(*capitalisedWords)
		cw.toks = buildCapitalisedWords(cw.toks[:0], shapeOf(p))
		return cw
	},
	Release: func(cw *capitalisedWords) { capitalisedWordBufs.Put(cw) },
}

var capitalisedWordBufs = sync.Pool{New: func() any { return &capitalisedWords{} }}

// capitalisedWordsOf returns the capitalised word tokens of the pass's document.
func capitalisedWordsOf(pass *audit.Pass) []int32 {
	return audit.ResultOf(pass, capitalisedWordsAnalysis).toks
}

// buildCapitalisedWords appends to out the capitalised word tokens of s.
func buildCapitalisedWords(out []int32, s *shape) []int32 {
	for i := range s.toks {
		if tk := &s.toks[i]; tk.Kind == tokWord && tk.is(tCapitalised) {
			out = append(out, int32(i))
		}
	}
	return out
}
