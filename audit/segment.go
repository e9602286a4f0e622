package audit

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/mtaudit/mtaudit/audit/profile"
)

// segment fills Lines, Paragraphs and Sentences, with the sentence rules
// of no language in particular (see defaultSegmentWords). It never fails:
// any valid UTF-8 string segments, possibly into nothing.
func (d *Document) segment() {
	d.segmentWith(defaultSegmentWords())
}

// SegmentFor splits the document's sentences again with the abbreviations
// and month names of p's language (and the source language's, English,
// whose titles and abbreviations appear in any article), once the article's
// language is known. Lines and paragraphs do not change. It does nothing
// when the sentences already follow p's language.
func (d *Document) SegmentFor(p *profile.Profile) {
	if p == nil || d.segmentedFor == p {
		return
	}
	w := segmentWordsFor(p)
	if !d.sameSentences(w) {
		d.segmentWith(w)
	}
	d.words, d.segmentedFor = w, p
}

// sameSentences reports whether splitting with w gives the sentences the
// document holds: the split asks its words only at a full stop before a
// word that is not lower-case (see splitSentences), so when w answers each
// of those questions as they were answered, it makes every other step
// alike too. Asking again is a few lookups per sentence; splitting again
// reads the whole text.
func (d *Document) sameSentences(w *segmentWords) bool {
	if d.words == nil {
		return false
	}
	if d.words == w {
		return true
	}
	t := d.Text
	for _, q := range d.stops {
		if w.keepsSentence(t, q) != q.kept {
			return false
		}
	}
	return true
}

func (d *Document) segmentWith(w *segmentWords) {
	d.words = w
	t := d.Text
	if strings.HasPrefix(t, "\uFEFF") {
		d.Body = len("\uFEFF")
	}
	// The spans are collected in scratch buffers and copied into slices
	// of their exact size, or not at all when the document already holds
	// the same (SegmentFor after NewDocument mostly finds the sentences
	// it had: the languages' abbreviations overlap).
	sc := segScratchPool.Get().(*segScratch)
	defer segScratchPool.Put(sc)
	sc.lines, sc.paras, sc.sents, sc.stops = sc.lines[:0], sc.paras[:0], sc.sents[:0], sc.stops[:0]
	// Lines and paragraphs.
	start := d.Body
	para := -1
	for start <= len(t) {
		end := strings.IndexByte(t[start:], '\n')
		next := len(t) + 1
		if end < 0 {
			end = len(t)
		} else {
			end += start
			next = end + 1
		}
		s, e := trimSpan(t, start, end)
		if s < e {
			sc.lines = append(sc.lines, Span{s, e})
			li := len(sc.lines) - 1
			if para < 0 {
				sc.paras = append(sc.paras, Paragraph{Span: Span{s, e}, FirstLine: li, LastLine: li})
				para = len(sc.paras) - 1
			} else {
				p := &sc.paras[para]
				p.End, p.LastLine = e, li
			}
		} else {
			para = -1
		}
		start = next
	}
	// Sentences, paragraph by paragraph.
	for pi := range sc.paras {
		p := &sc.paras[pi]
		p.FirstSentence = len(sc.sents)
		lines := sc.lines[p.FirstLine : p.LastLine+1]
		from := p.Start
		for li, ln := range lines {
			from = d.splitSentences(sc, pi, from, ln.End)
			// A line break ends the sentence unless the next line plainly
			// continues it (a hard-wrapped line ending in a word or comma,
			// followed by a lower-case word).
			if li+1 < len(lines) && continues(t[ln.Start:ln.End], t[lines[li+1].Start:lines[li+1].End]) {
				continue
			}
			d.flushSentence(sc, pi, &from, ln.End)
		}
		p.LastSentence = len(sc.sents) - 1
	}
	d.Lines = keepOrClone(d.Lines, sc.lines)
	d.Paragraphs = keepOrClone(d.Paragraphs, sc.paras)
	d.Sentences = keepOrClone(d.Sentences, sc.sents)
	d.stops = keepOrClone(d.stops, sc.stops)
}

// segScratch holds segmentWith's spans between documents.
type segScratch struct {
	lines []Span
	paras []Paragraph
	sents []Sentence
	stops []segStop
}

// segStop is a question splitSentences asked its words: whether the full
// stop at i, after the sentence's text from start and before the next
// word at k (in a line ending at end), keeps the sentence going.
type segStop struct {
	start, i, k, end int
	kept             bool
}

// keepsSentence answers q's question with w's words.
func (w *segmentWords) keepsSentence(t string, q segStop) bool {
	return w.isAbbreviation(t[q.start:q.i]) || w.ordinalDate(t[q.start:q.i], t[q.k:q.end])
}

var segScratchPool = sync.Pool{New: func() any { return new(segScratch) }}

// keepOrClone returns old when it holds the same as fresh (a nil old only
// for an empty fresh), else a copy of fresh of its exact size (nil when
// empty).
func keepOrClone[T comparable](old, fresh []T) []T {
	if len(fresh) == 0 {
		return nil
	}
	if slices.Equal(old, fresh) {
		return old
	}
	return slices.Clone(fresh)
}

// flushSentence appends [*from, end) trimmed, if not blank, and moves *from to end.
func (d *Document) flushSentence(sc *segScratch, pi int, from *int, end int) {
	s, e := trimSpan(d.Text, *from, end)
	if s < e {
		sc.sents = append(sc.sents, Sentence{Span: Span{s, e}, Paragraph: pi})
	}
	*from = end
}

// splitSentences appends the sentences that end inside [from, end) and
// returns where the unfinished tail starts: the caller flushes it, or carries
// it on to the next line.
func (d *Document) splitSentences(sc *segScratch, pi, from, end int) int {
	t := d.Text
	start := from
	leads := terminalLeads{t: t, end: end, next: [4]int{-1, -1, -1, -1}}
	for i := from; i < end; {
		// Jump to the next byte that can start a terminal mark: most of a
		// line is none, and the text is valid UTF-8, so such a byte starts
		// a rune.
		i = leads.from(i)
		if i >= end {
			break
		}
		r, n := utf8.DecodeRuneInString(t[i:])
		if !isTerminal(r) {
			i += n
			continue
		}
		// Take the whole run of terminal marks and closing quotes/brackets.
		j := i + n
		for j < end {
			r2, n2 := utf8.DecodeRuneInString(t[j:])
			if isTerminal(r2) || isCloser(r2) {
				j += n2
				continue
			}
			// A French closing guillemet stands after a (no-break) space.
			if k := skipSpaces(t, j, end); k > j && k < end {
				if r3, n3 := utf8.DecodeRuneInString(t[k:]); r3 == '»' {
					j = k + n3
					continue
				}
			}
			break
		}
		if j >= end || !isSpace(t, j) {
			i = j
			continue
		}
		k := skipSpaces(t, j, end)
		if k >= end {
			i = j
			continue
		}
		nr, _ := utf8.DecodeRuneInString(t[k:])
		if unicode.IsLower(nr) {
			i = j
			continue
		}
		if r == '.' && j == i+1 {
			// The only question asked of the words: kept for SegmentFor.
			q := segStop{start: start, i: i, k: k, end: end}
			q.kept = d.words.keepsSentence(t, q)
			sc.stops = append(sc.stops, q)
			if q.kept {
				i = j
				continue
			}
		}
		d.flushSentence(sc, pi, &start, j)
		start = k
		i = k
	}
	return start
}

func isTerminal(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

// terminalBytes are the first bytes of the terminal marks' encodings:
// '.', '!', '?' and the lead byte of '…'.
var terminalBytes = [4]byte{'.', '!', '?', "…"[0]}

// terminalLeads finds the bytes of terminalBytes in t[:end], asked from
// positions that only move forward (splitSentences' on one line). It
// keeps, for each byte, where it next occurs, and searches again
// (strings.IndexByte, many bytes at a time) only for a byte the position
// has passed: each is searched for about once per occurrence, where a
// test of every eight bytes for all four cost five instructions a byte.
type terminalLeads struct {
	t    string
	end  int
	next [4]int // per terminalBytes: its first index from the last search on, end for none; -1 before any
}

// from returns the first index from i (not before the last asked) where
// t holds a byte of terminalBytes, or end.
func (l *terminalLeads) from(i int) int {
	first := l.end
	for k, b := range terminalBytes {
		if l.next[k] < i {
			l.next[k] = l.end
			if j := strings.IndexByte(l.t[i:l.end], b); j >= 0 {
				l.next[k] = i + j
			}
		}
		first = min(first, l.next[k])
	}
	return first
}

func isCloser(r rune) bool {
	switch r {
	case '»', '"', '”', '’', '\'', ')', ']':
		return true
	}
	return false
}

func isSpace(t string, i int) bool {
	r, _ := utf8.DecodeRuneInString(t[i:])
	return unicode.IsSpace(r) || r == '\u00A0' || r == '\u202F'
}

func skipSpaces(t string, i, end int) int {
	for i < end {
		r, n := utf8.DecodeRuneInString(t[i:])
		if !(unicode.IsSpace(r) || r == '\u00A0' || r == '\u202F') {
			break
		}
		i += n
	}
	return i
}

// trimSpan narrows [s, e) past white space (including no-break spaces) at both ends.
func trimSpan(t string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(t[s:])
		if !(unicode.IsSpace(r) || r == '\uFEFF') {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(t[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

func continues(line, next string) bool {
	lr, _ := utf8.DecodeLastRuneInString(line)
	nr, _ := utf8.DecodeRuneInString(next)
	return (unicode.IsLetter(lr) || lr == ',') && unicode.IsLower(nr)
}

// segmentWords are the words sentence splitting knows: configuration from
// the profiles, built once per language and shared by every document.
type segmentWords struct {
	// abbreviations are the words a full stop follows without ending a
	// sentence, compared case-sensitively on the word before the stop.
	abbreviations map[string]bool
	// months, folded, follow an ordinal day and its full stop ("20. Dezember").
	months map[string]bool
	// moreMonths, when set, adds months looked up only when an ordinal day
	// asks (building them decodes every built-in profile).
	moreMonths func() map[string]bool
}

var (
	segmentWordsByProfile sync.Map // *profile.Profile → *segmentWords

	// defaultSegmentWords serve before an article's language is known:
	// the built-in French and English profiles' words (the tool's first
	// languages: a document segmented outside the engine reads as before)
	// and every built-in profile's month names, which never end a
	// sentence after an ordinal day.
	defaultSegmentWords = sync.OnceValue(func() *segmentWords {
		w := &segmentWords{abbreviations: map[string]bool{}, months: map[string]bool{}}
		reg, err := profile.Builtin()
		if err != nil {
			return w // a broken build; the profile tests report it
		}
		w.add(reg.Lookup("fr"), true)
		w.add(reg.Lookup(SourceLang), true)
		w.moreMonths = sync.OnceValue(func() map[string]bool {
			all := &segmentWords{months: map[string]bool{}}
			for _, p := range reg.All() {
				all.add(p, false)
			}
			return all.months
		})
		return w
	})
)

// segmentWordsFor returns the words of p's language plus the source
// language's.
func segmentWordsFor(p *profile.Profile) *segmentWords {
	if v, ok := segmentWordsByProfile.Load(p); ok {
		return v.(*segmentWords)
	}
	w := &segmentWords{abbreviations: map[string]bool{}, months: map[string]bool{}}
	w.add(p, true)
	if reg, err := profile.Builtin(); err == nil {
		w.add(reg.Lookup(SourceLang), true)
	}
	v, _ := segmentWordsByProfile.LoadOrStore(p, w)
	return v.(*segmentWords)
}

// add takes p's months, and its abbreviations when abbrev is set.
func (w *segmentWords) add(p *profile.Profile, abbrev bool) {
	if p == nil {
		return
	}
	if abbrev {
		for _, a := range p.Words.Abbreviations {
			w.abbreviations[norm.NFC.String(a)] = true
		}
	}
	for _, m := range p.Words.Months {
		w.months[profile.Fold(m)] = true
	}
}

// ordinalDate reports whether a full stop after before, followed by after,
// is the stop of an ordinal day before its month ("am 20. Dezember"):
// before ends in a number of one or two digits, after starts with a month
// name of a built-in profile.
func (w *segmentWords) ordinalDate(before, after string) bool {
	i := len(before)
	for i > 0 && before[i-1] >= '0' && before[i-1] <= '9' {
		i--
	}
	if n := len(before) - i; n < 1 || n > 2 {
		return false
	}
	if i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(before[:i]); unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == ',' {
			return false // a longer number, a decimal, a version
		}
	}
	end := 0
	for end < len(after) {
		r, n := utf8.DecodeRuneInString(after[end:])
		if !unicode.IsLetter(r) {
			break
		}
		end += n
	}
	if end == 0 {
		return false
	}
	m := profile.Fold(after[:end])
	return w.months[m] || (w.moreMonths != nil && w.moreMonths()[m])
}

// isAbbreviation reports whether the text before a full stop ends in an
// abbreviation or an initial ("J." in "J. Biden", "U.S", "J.-C").
func (w *segmentWords) isAbbreviation(before string) bool {
	i := len(before)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(before[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= n
	}
	word := before[i:]
	if word == "" {
		return false
	}
	if w.abbreviations[word] {
		return true
	}
	// A single upper-case letter is an initial.
	if r, n := utf8.DecodeRuneInString(word); n == len(word) && unicode.IsUpper(r) {
		return true
	}
	return false
}
