package llm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// anchorKind says how a quote was placed.
type anchorKind int

const (
	unanchored anchorKind = iota
	anchoredExact
	anchoredNormalized // equal once typography, spaces and case are folded
	anchoredFuzzy      // within a small edit distance
)

// bitapBits is the longest pattern go-diff's Bitap matcher handles (its
// bit masks are machine ints; the library's own default is 32).
const bitapBits = 32

// anchor locates quote in text and returns its byte span in text, on rune
// boundaries: exactly; else after folding typography (apostrophes,
// quotation marks, dashes, spaces) and case; else fuzzily, within an edit
// distance of about one character in eight. A quote it cannot place is
// reported as unanchored.
func anchor(text, quote string) (start, end int, kind anchorKind) {
	defer func() {
		if recover() != nil { // a matcher bug must cost one finding, not the run
			start, end, kind = 0, 0, unanchored
		}
	}()
	// Article text is valid UTF-8 (audit.NewDocument checks); a quote that
	// is not must not match inside a rune.
	quote = strings.TrimSpace(strings.ToValidUTF8(quote, "\uFFFD"))
	if quote == "" || text == "" {
		return 0, 0, unanchored
	}
	if i := strings.Index(text, quote); i >= 0 {
		return i, i + len(quote), anchoredExact
	}
	nt, nq := fold(text), fold(quote).s
	nq = strings.TrimSpace(nq)
	if nq == "" {
		return 0, 0, unanchored
	}
	if i := strings.Index(nt.s, nq); i >= 0 {
		s, e := nt.span(i, i+len(nq))
		return s, e, anchoredNormalized
	}
	if s, e, ok := fuzzy(nt.s, nq); ok {
		s, e = nt.span(s, e)
		s, e = trimSpaces(text, s, e)
		if s < e {
			return s, e, anchoredFuzzy
		}
	}
	return 0, 0, unanchored
}

// maxEdits is the edit distance (in runes) a fuzzy match may have.
func maxEdits(quote string) int {
	n := utf8.RuneCountInString(quote)
	switch {
	case n < 6:
		return 0
	case n < 16:
		return 1
	}
	return n / 8
}

// fuzzy finds q in s within maxEdits(q): go-diff's Bitap match places the
// quote's head (and, for a long quote, its tail); the edit distance of the
// whole span then decides.
func fuzzy(s, q string) (start, end int, ok bool) {
	limit := maxEdits(q)
	if limit == 0 {
		return 0, 0, false
	}
	dmp := diffmatchpatch.New()
	dmp.MatchDistance = 4 * (len(s) + 1) // position hardly matters: the quote may be anywhere
	dmp.MatchThreshold = 0.35
	h := prefixBytes(q, bitapBits)
	start = dmp.MatchMain(s, h, 0)
	if start < 0 {
		return 0, 0, false
	}
	dist := func(a, b int) int {
		if a < 0 || b > len(s) || a >= b {
			return limit + 1
		}
		return dmp.DiffLevenshtein(dmp.DiffMain(s[a:b], q, false))
	}
	best, bestEnd := limit+1, -1
	consider := func(e int) {
		if d := dist(start, e); d < best {
			best, bestEnd = d, e
		}
	}
	// Candidate ends: where the quote's length puts it and, for a long
	// quote, where its tail matches; each refined within a few characters.
	ends := []int{start + len(q)}
	if len(q) > bitapBits {
		t := suffixBytes(q, bitapBits)
		if tp := dmp.MatchMain(s, t, max(start+len(q)-len(t), 0)); tp >= 0 {
			ends = append(ends, tp+len(t))
		}
	}
	slack := min(limit*utf8.UTFMax, 24)
	for _, c := range ends {
		for e := c - slack; e <= c+slack; e++ {
			if e > start && e <= len(s) {
				consider(e)
			}
		}
	}
	if bestEnd < 0 || best > limit {
		return 0, 0, false
	}
	return start, bestEnd, true
}

func prefixBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func suffixBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

func trimSpaces(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// folded is a text with typography, spaces and case folded, and for each of
// its bytes the span of the original rune it came from.
type folded struct {
	s          string
	start, end []int
}

// span maps the folded byte range [i, j) back to the original text.
func (f folded) span(i, j int) (int, int) { return f.start[i], f.end[j-1] }

// fold lowercases and unifies the characters machine translation and models
// swap freely: curly and straight apostrophes and quotation marks, dashes,
// and runs of spaces of any width (collapsed to one).
func fold(text string) folded {
	var b strings.Builder
	f := folded{start: make([]int, 0, len(text)), end: make([]int, 0, len(text))}
	prevSpace := false
	for off, r := range text {
		_, n := utf8.DecodeRuneInString(text[off:])
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' {
			if prevSpace {
				f.end[len(f.end)-1] = off + n
				continue
			}
			prevSpace = true
			r = ' '
		} else {
			prevSpace = false
			r = foldRune(r)
		}
		before := b.Len()
		b.WriteRune(r)
		for k := before; k < b.Len(); k++ {
			f.start = append(f.start, off)
			f.end = append(f.end, off+n)
		}
	}
	f.s = b.String()
	return f
}

func foldRune(r rune) rune {
	switch r {
	case '’', '‘', '‛', '`', '´', 'ʼ', '′':
		return '\''
	case '“', '”', '„', '‟', '«', '»', '″':
		return '"'
	case '–', '—', '‐', '‑', '‒', '−':
		return '-'
	}
	return unicode.ToLower(r)
}
