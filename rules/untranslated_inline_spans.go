package rules

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// inlineRegion is a stretch of an article between paired marks: a
// quotation or a bracket.
type inlineRegion struct {
	audit.Span // the content, without the marks
	quote      bool
}

// inlineRegions finds the quotations and brackets of each paragraph, sorted
// by start. Quotation marks pair in order («…», “…”, „…“, ‹…›, and
// straight double quotes by the letters beside them, else alternating); an
// unclosed mark opens nothing.
//
// out is a buffer to append to, emptied first.
func inlineRegions(doc *audit.Document, out []inlineRegion) []inlineRegion {
	out = out[:0]
	t := doc.Text
	var stack []struct {
		closer rune
		at     int
		quote  bool
	}
	var straight []int // open straight quotes, innermost last
	for _, p := range doc.Paragraphs {
		stack, straight = stack[:0], straight[:0]
		for i := p.Start; i < p.End; {
			if inlineMarkByte[t[i]] == 0 {
				// No mark starts here, and none is cut (see
				// inlineMarkByte): on to the next byte that may start
				// one, past eight at a time.
				i = nextMarkByte(t, i+1, p.End)
				continue
			}
			r, n := utf8.DecodeRuneInString(t[i:])
			switch r {
			case '«', '“', '„', '‹', '(', '[':
				closer := closingMark(r)
				if r == '“' && len(stack) > 0 && stack[len(stack)-1].closer == '“' {
					// „…“: the German closing mark.
					top := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					out = append(out, inlineRegion{audit.Span{Start: top.at, End: i}, true})
					break
				}
				stack = append(stack, struct {
					closer rune
					at     int
					quote  bool
				}{closer, i + n, r != '(' && r != '['})
			case '»', '”', '›', ')', ']':
				for k := len(stack) - 1; k >= 0; k-- {
					if stack[k].closer == r || (r == '”' && stack[k].closer == '“') {
						out = append(out, inlineRegion{audit.Span{Start: stack[k].at, End: i}, stack[k].quote})
						stack = stack[:k]
						break
					}
				}
			case '"':
				switch straightRole(t, p.Start, p.End, i) {
				case straightOpen:
					straight = append(straight, i+n)
				case straightClose:
					if k := len(straight) - 1; k >= 0 {
						out = append(out, inlineRegion{audit.Span{Start: straight[k], End: i}, true})
						straight = straight[:k]
					}
				case straightEither:
					if k := len(straight) - 1; k >= 0 {
						out = append(out, inlineRegion{audit.Span{Start: straight[k], End: i}, true})
						straight = straight[:k]
					} else {
						straight = append(straight, i+n)
					}
				}
			}
			i += n
		}
	}
	// (No two regions start at one offset: any sort gives one order.)
	slices.SortFunc(out, func(a, b inlineRegion) int { return cmp.Compare(a.Start, b.Start) })
	return out
}

// inlineMarkByte marks the bytes a mark of inlineRegions starts with:
// brackets, the straight quote, and the lead bytes of «», “”„ and ‹›
// (0xC2, 0xE2). Any other byte starts no mark and is no lead byte of one,
// so the scan may step over it alone.
var inlineMarkByte = func() (t [256]uint8) {
	for _, r := range "([)]\"«»“”„‹›" {
		var b [utf8.UTFMax]byte
		utf8.EncodeRune(b[:], r)
		t[b[0]] = 1
	}
	return t
}()

// nextMarkByte returns the index of the first byte of t[i:end] that
// inlineMarkByte marks, or end: a block of eight bytes none of which is
// marked is passed over at once, without a branch per byte.
func nextMarkByte(t string, i, end int) int {
	for ; i+8 <= end; i += 8 {
		b := t[i : i+8]
		if inlineMarkByte[b[0]]|inlineMarkByte[b[1]]|inlineMarkByte[b[2]]|inlineMarkByte[b[3]]|
			inlineMarkByte[b[4]]|inlineMarkByte[b[5]]|inlineMarkByte[b[6]]|inlineMarkByte[b[7]] != 0 {
			break
		}
	}
	for ; i < end && inlineMarkByte[t[i]] == 0; i++ {
	}
	return i
}

// The role a straight double quote plays, read from what touches it.
const (
	straightEither = iota // spaced on both sides or on neither: alternate
	straightOpen          // a letter after, none before: "pure players"
	straightClose         // a letter before, none after
	straightNone          // letters on both sides: an apostrophe typed as a quote (c"était)
)

// straightRole tells an opening straight quote from a closing one by the
// letters beside it, so that a quotation nested in another with the same
// marks (" … sites "pure players" (15 %) … ") pairs as written.
func straightRole(t string, start, end, i int) int {
	var before, after rune
	if i > start {
		before, _ = utf8.DecodeLastRuneInString(t[start:i])
	}
	if i+1 < end {
		after, _ = utf8.DecodeRuneInString(t[i+1 : end])
	}
	lb, la := unicode.IsLetter(before) || unicode.IsDigit(before), unicode.IsLetter(after) || unicode.IsDigit(after)
	switch {
	case lb && la:
		return straightNone
	case la && (before == 0 || txIsSpace(before) || strings.ContainsRune("([{", before)):
		return straightOpen
	case lb && (after == 0 || txIsSpace(after) || strings.ContainsRune(".,;:!?)]}…", after)):
		return straightClose
	}
	return straightEither
}

// inlineEnclosing returns the innermost region holding [start, end), or -1.
func inlineEnclosing(regions []inlineRegion, start, end int) int {
	best := -1
	for i, r := range regions {
		if r.Start > start {
			break
		}
		if r.End >= end && (best < 0 || r.Start >= regions[best].Start) {
			best = i
		}
	}
	return best
}

// inlineWebChunk reports whether the run of non-space text around
// [start, end) is a web address, an e-mail address, a handle, a hashtag or
// a file name: "example.com/path", "@user", "#tag".
func inlineWebChunk(text string, start, end int) bool {
	a, b := start, end
	for a > 0 && !txIsSpaceByte(text[a-1]) {
		a--
	}
	for b < len(text) && !txIsSpaceByte(text[b]) {
		b++
	}
	chunk := strings.TrimRight(text[a:b], ".,;:!?)»”\"'")
	if strings.ContainsAny(chunk, "/@#_\\") || strings.Contains(chunk, "www") {
		return true
	}
	// A dot between letters: a domain or a file name (but not "EE.UU.").
	for i := 1; i+1 < len(chunk); i++ {
		if chunk[i] == '.' && isLowerASCII(chunk[i-1]) && isLowerASCII(chunk[i+1]) {
			return true
		}
	}
	return false
}

func txIsSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func isLowerASCII(c byte) bool { return 'a' <= c && c <= 'z' }

// closingMark returns the mark that closes an opening quotation mark or
// bracket ("„" is closed by "“" in German), or 0. (A switch: a map
// literal would be built at each mark.)
func closingMark(open rune) rune {
	switch open {
	case '«':
		return '»'
	case '“':
		return '”'
	case '„':
		return '“'
	case '‹':
		return '›'
	case '(':
		return ')'
	case '[':
		return ']'
	case '"':
		return '"'
	}
	return 0
}
