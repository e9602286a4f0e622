package llm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// chunk is the part of a document sent in one request: whole paragraphs
// (or, for a paragraph over the budget, whole sentences) and the
// neighbouring text as read-only context.
type chunk struct {
	Index         int
	Span          audit.Span // the chunk's text is doc.Text[Span.Start:Span.End]
	Before, After string     // context, never anchored into
}

// EstimateTokens guesses how many tokens s costs with a BPE tokenizer:
// about four characters of Latin-script text per token, punctuation and
// digits often alone, other scripts about one token per character. It errs
// high, which keeps requests under the budget.
func EstimateTokens(s string) int { return countTokens(s).tokens() }

// tokenCounts are the character classes EstimateTokens weighs; they add up
// over concatenated texts, so a growing span is estimated incrementally.
type tokenCounts struct{ latin, other, punct int }

func (c *tokenCounts) addRune(r rune) {
	switch {
	case r < 0x250 && (unicode.IsLetter(r) || unicode.IsSpace(r)):
		c.latin++
	case unicode.IsLetter(r):
		c.other++ // other scripts: about a token a character
	default:
		c.punct++
	}
}

func (c tokenCounts) plus(o tokenCounts) tokenCounts {
	return tokenCounts{c.latin + o.latin, c.other + o.other, c.punct + o.punct}
}

func (c tokenCounts) tokens() int { return (c.latin*10+34)/35 + c.other + (c.punct+1)/2 }

func countTokens(s string) tokenCounts {
	var c tokenCounts
	for _, r := range s {
		c.addRune(r)
	}
	return c
}

// chunkDocument cuts doc's body into chunks of at most budget tokens each
// (estimated), with up to contextBudget tokens of the neighbouring text on
// each side.
func chunkDocument(doc *audit.Document, budget, contextBudget int) []chunk {
	if budget < 16 {
		budget = 16
	}
	var units []audit.Span
	for i, p := range doc.Paragraphs {
		if EstimateTokens(doc.Text[p.Start:p.End]) <= budget {
			units = append(units, p.Span)
			continue
		}
		units = append(units, splitParagraph(doc, i, budget)...)
	}
	var chunks []chunk
	for i := 0; i < len(units); {
		j := i + 1
		sum := countTokens(doc.Text[units[i].Start:units[i].End])
		for j < len(units) {
			next := sum.plus(countTokens(doc.Text[units[j-1].End:units[j].End]))
			if next.tokens() > budget {
				break
			}
			sum = next
			j++
		}
		c := chunk{Index: len(chunks), Span: audit.Span{Start: units[i].Start, End: units[j-1].End}}
		if i > 0 {
			c.Before = tail(doc.Text[units[i-1].Start:units[i-1].End], contextBudget)
		}
		if j < len(units) {
			c.After = head(doc.Text[units[j].Start:units[j].End], contextBudget)
		}
		chunks = append(chunks, c)
		i = j
	}
	return chunks
}

// splitParagraph cuts an over-long paragraph at sentence starts into pieces
// under the budget; a sentence over the budget alone is cut at spaces.
func splitParagraph(doc *audit.Document, i, budget int) []audit.Span {
	p := doc.Paragraphs[i]
	cuts := []int{}
	for _, s := range doc.ParagraphSentences(i) {
		if s.Start > p.Start && s.Start < p.End {
			cuts = append(cuts, s.Start)
		}
	}
	cuts = append(cuts, p.End)
	var out []audit.Span
	start := p.Start
	for k := 0; k < len(cuts); {
		end := cuts[k]
		sum := countTokens(doc.Text[start:end])
		for k+1 < len(cuts) {
			next := sum.plus(countTokens(doc.Text[cuts[k]:cuts[k+1]]))
			if next.tokens() > budget {
				break
			}
			sum = next
			k++
			end = cuts[k]
		}
		if sum.tokens() > budget {
			out = append(out, splitAtSpaces(doc.Text, audit.Span{Start: start, End: end}, budget)...)
		} else {
			out = append(out, trimSpan(doc.Text, audit.Span{Start: start, End: end}))
		}
		start = end
		k++
	}
	return out
}

// splitAtSpaces cuts span into pieces under the budget, at whitespace when
// there is some, else at a rune boundary.
func splitAtSpaces(text string, span audit.Span, budget int) []audit.Span {
	var out []audit.Span
	start := span.Start
	for start < span.End {
		end := start
		lastSpace := -1
		var sum tokenCounts
		for end < span.End {
			r, n := utf8.DecodeRuneInString(text[end:])
			next := sum
			next.addRune(r)
			if next.tokens() > budget && end > start {
				break
			}
			sum = next
			if text[end] == ' ' || text[end] == '\t' || text[end] == '\n' {
				lastSpace = end
			}
			end += n
		}
		if end < span.End && lastSpace > start {
			end = lastSpace + 1
		}
		if s := trimSpan(text, audit.Span{Start: start, End: end}); s.Start < s.End {
			out = append(out, s)
		}
		start = end
	}
	return out
}

// trimSpan narrows span to exclude surrounding whitespace.
func trimSpan(text string, s audit.Span) audit.Span {
	for s.Start < s.End && isSpaceByte(text[s.Start]) {
		s.Start++
	}
	for s.End > s.Start && isSpaceByte(text[s.End-1]) {
		s.End--
	}
	return s
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// tail keeps the end of s within about budget tokens, cut at a space.
func tail(s string, budget int) string {
	if budget <= 0 {
		return ""
	}
	if EstimateTokens(s) <= budget {
		return s
	}
	i := len(s) - budget*3
	if i < 0 {
		i = 0
	}
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	if k := strings.IndexAny(s[i:], " \n"); k >= 0 && k < 40 {
		i += k + 1
	}
	return "… " + s[i:]
}

// head keeps the start of s within about budget tokens, cut at a space.
func head(s string, budget int) string {
	if budget <= 0 {
		return ""
	}
	if EstimateTokens(s) <= budget {
		return s
	}
	i := budget * 3
	if i > len(s) {
		i = len(s)
	}
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	if k := strings.LastIndexAny(s[:i], " \n"); k > 0 && i-k < 40 {
		i = k
	}
	return s[:i] + " …"
}
