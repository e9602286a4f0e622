package rules

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// packKind is the matcher of one of the closed set of check kinds (phrase,
// regex, acronym: pack_kinds_*.go). find returns candidate matches in the
// coordinates of the view it runs on (folded, or cased when cased() is
// true); packCheck filters them, maps them back to the original text and
// reports.
type packKind interface {
	find(pass *audit.Pass, dv *docViews) []viewMatch
	cased() bool
}

// viewMatch is a candidate match in view offsets.
type viewMatch struct {
	start, end int    // the whole match
	rep        [2]int // what to report under scope: match (a group, or the whole match)
	groups     []int  // submatch pairs for $N in messages and suggestions; -1 when unset
	suggestion string // set by the acronym kind
}

// Scopes: what a finding covers.
const (
	scopeMatch    = "match"
	scopeLine     = "line"
	scopeSentence = "sentence"
)

// Positions: where on its line a match must stand.
const (
	posAnywhere  = "anywhere"
	posLineStart = "line-start"
	posLineAlone = "line-alone"
)

// Line filters.
const (
	linesAny     = "any"
	linesCaps    = "caps"
	linesNotCaps = "not-caps"
)

// packCheck is one language's compiled entry of a pack rule: a kind plus
// the options every kind shares.
type packCheck struct {
	id         string
	kind       packKind
	exclude    []*viewRegexp // in the kind's view
	scope      string
	position   string
	maxWords   int
	lines      string
	message    string
	suggestion string
	safe       bool
	confidence float64
	// gated: the check can match only where one of the literals its
	// language's gates give it was found (langPack.gateChecks); num is
	// its number among the checks of its language, lp.
	gated bool
	num   int32
	lp    *langPack
}

// run is the audit.Rule's Run function.
func (c *packCheck) run(pass *audit.Pass) {
	doc := pass.Doc
	dv := audit.ResultOf(pass, packViews)
	if c.gated && !dv.open(pass, c) {
		return // none of its literals in the document
	}
	v := dv.view(c.kind.cased())
	ms := c.filter(doc, dv, v, c.kind.find(pass, dv))
	if len(ms) == 0 {
		return // most checks on most documents
	}
	switch c.scope {
	case scopeLine:
		c.reportLines(pass, v, ms)
	case scopeSentence:
		c.reportSentences(pass, v, ms)
	default:
		c.reportMatches(pass, v, ms)
	}
}

// filter applies position, max_words, lines and exclude.
func (c *packCheck) filter(doc *audit.Document, dv *docViews, v *textView, ms []viewMatch) []viewMatch {
	if len(ms) == 0 {
		return nil
	}
	type lineInfo struct {
		ls, le   int
		excluded [][]int
		words    int
		li       int
	}
	// The lines met so far; the last eight are searched: matches mostly
	// come in text order, a few to a line, and a line met again past them
	// is looked at anew, to the same effect. A pointer into lines holds
	// until the next call.
	var arr [8]lineInfo
	lines := arr[:0]
	info := func(at int) *lineInfo {
		ls, le := v.lineAt(at)
		for k := len(lines) - 1; k >= max(len(lines)-8, 0); k-- {
			if lines[k].ls == ls {
				return &lines[k]
			}
		}
		l := lineInfo{ls: ls, le: le, words: -1, li: -2}
		for _, ex := range c.exclude {
			for _, loc := range ex.re().FindAllStringIndex(v.text[ls:le], -1) {
				l.excluded = append(l.excluded, []int{ls + loc[0], ls + loc[1]})
			}
		}
		lines = append(lines, l)
		return &lines[len(lines)-1]
	}
	var out []viewMatch
	for _, m := range ms {
		l := info(m.start)
		if m.end > l.le {
			continue // a match across lines: patterns match within a line
		}
		if c.position == posLineStart && m.start > lineContentStart(v.text, l.ls, l.le) {
			continue
		}
		if c.maxWords > 0 {
			if l.words < 0 {
				l.words = audit.Words(v.text[l.ls:l.le])
			}
			if l.words > c.maxWords {
				continue
			}
		}
		if c.lines != linesAny && c.lines != "" {
			if l.li == -2 {
				l.li = doc.LineAt(v.start(m.start))
			}
			caps := l.li >= 0 && dv.capsLine(doc, l.li)
			if caps != (c.lines == linesCaps) {
				continue
			}
		}
		vetoed := false
		for _, ex := range l.excluded {
			if ex[0] < m.end && m.start < ex[1] {
				vetoed = true
				break
			}
		}
		if vetoed {
			continue
		}
		out = append(out, m)
	}
	if c.position == posLineAlone {
		out = keepAlone(v.text, out)
	}
	return out
}

// lineContentStart skips the bullets, quotes, arrows and spaces that may
// open a furniture line ("► Lire aussi", "» READ").
func lineContentStart(t string, ls, le int) int {
	i := ls
	for i < le {
		w, n := wordRuneAt(t, i)
		if w {
			break
		}
		i += n
	}
	return i
}

// keepAlone keeps the matches of lines that hold nothing but matches and
// punctuation ("Partager :", "Facebook Twitter WhatsApp").
func keepAlone(t string, ms []viewMatch) []viewMatch {
	byLine := map[int][]viewMatch{}
	var order []int
	ls, from := 0, 0 // matches come in text order: search back only to the previous one
	for _, m := range ms {
		if m.start < from {
			ls, from = 0, 0
		}
		if k := strings.LastIndexByte(t[from:m.start], '\n'); k >= 0 {
			ls = from + k + 1
		}
		from = m.start
		if _, ok := byLine[ls]; !ok {
			order = append(order, ls)
		}
		byLine[ls] = append(byLine[ls], m)
	}
	var out []viewMatch
	for _, ls := range order {
		group := byLine[ls]
		le := strings.IndexByte(t[ls:], '\n')
		if le < 0 {
			le = len(t)
		} else {
			le += ls
		}
		alone := true
		pos := ls
		check := func(from, to int) {
			for i := from; i < to && alone; {
				w, n := wordRuneAt(t, i)
				if w {
					alone = false
				}
				i += n
			}
		}
		for _, m := range group {
			if m.start > pos {
				check(pos, m.start)
			}
			pos = max(pos, m.end)
		}
		check(pos, le)
		if alone {
			out = append(out, group...)
		}
	}
	return out
}

// reportMatches reports each match (or its group) with the rule's
// suggestion. Of overlapping matches (several patterns may match one place)
// the longest is kept.
func (c *packCheck) reportMatches(pass *audit.Pass, v *textView, ms []viewMatch) {
	type cand struct {
		s, e int
		m    viewMatch
	}
	var cs []cand
	for _, m := range ms {
		if s, e := v.start(m.rep[0]), v.end(m.rep[1]); s < e {
			cs = append(cs, cand{s, e, m})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int {
		if a.s != b.s {
			return cmp.Compare(a.s, b.s)
		}
		return cmp.Compare(b.e, a.e)
	})
	var keep []cand
	for _, c := range cs {
		if n := len(keep); n > 0 && c.s < keep[n-1].e {
			if c.e-c.s > keep[n-1].e-keep[n-1].s {
				keep[n-1] = c
			}
			continue
		}
		keep = append(keep, c)
	}
	for _, k := range keep {
		s, e, m := k.s, k.e, k.m
		sugg := m.suggestion
		if c.suggestion != "" {
			sugg = expandGroups(c.suggestion, v, m)
		}
		d := audit.Diagnostic{Start: s, End: e, Message: expandGroups(c.message, v, m), Suggestion: sugg, Confidence: c.confidence}
		if c.safe && sugg != "" {
			d.Fixes = []audit.Fix{{
				Message: fmt.Sprintf("Replace %q with %q", pass.Doc.Text[s:e], sugg),
				Edits:   []audit.Edit{{Start: s, End: e, New: sugg}},
			}}
		}
		pass.Report(d)
	}
}

// reportLines reports each line holding a match, once.
func (c *packCheck) reportLines(pass *audit.Pass, v *textView, ms []viewMatch) {
	doc := pass.Doc
	done := map[int]bool{}
	for _, m := range ms {
		li := doc.LineAt(v.start(m.start))
		if li < 0 || done[li] {
			continue
		}
		done[li] = true
		ln := doc.Lines[li]
		d := audit.Diagnostic{Start: ln.Start, End: ln.End, Message: expandGroups(c.message, v, m), Confidence: c.confidence}
		if c.suggestion != "" {
			d.Suggestion = expandGroups(c.suggestion, v, m)
		}
		if c.safe {
			d.Fixes = []audit.Fix{audit.DeleteFix(doc, ln.Start, ln.End, "Remove the scraped line")}
		}
		pass.Report(d)
	}
}

// reportSentences reports the sentences holding a match; when they make up
// most of their paragraph (two thirds of its letters and digits, as in a
// disclaimer with a short credit after it), the whole paragraph. Adjacent
// flagged sentences make one finding.
func (c *packCheck) reportSentences(pass *audit.Pass, v *textView, ms []viewMatch) {
	doc := pass.Doc
	flagged := map[int]viewMatch{} // sentence index → first match in it
	var loose []viewMatch          // matches outside any sentence
	for _, m := range ms {
		si := packSentenceIndex(doc, v.start(m.start))
		if si < 0 {
			loose = append(loose, m)
			continue
		}
		if _, ok := flagged[si]; !ok {
			flagged[si] = m
		}
	}
	idx := make([]int, 0, len(flagged))
	for si := range flagged {
		idx = append(idx, si)
	}
	sort.Ints(idx)
	report := func(s, e int, m viewMatch) {
		d := audit.Diagnostic{Start: s, End: e, Message: expandGroups(c.message, v, m), Confidence: c.confidence}
		if c.suggestion != "" {
			d.Suggestion = expandGroups(c.suggestion, v, m)
		}
		if c.safe {
			d.Fixes = []audit.Fix{audit.DeleteFix(doc, s, e, "Remove the scraped text")}
		}
		pass.Report(d)
	}
	for i := 0; i < len(idx); {
		pi := doc.Sentences[idx[i]].Paragraph
		j := i
		for j < len(idx) && doc.Sentences[idx[j]].Paragraph == pi {
			j++
		}
		para := doc.Paragraphs[pi]
		var flaggedLen int
		for _, si := range idx[i:j] {
			flaggedLen += packAlnumCount(doc.Snippet(doc.Sentences[si].Span))
		}
		if 3*flaggedLen >= 2*packAlnumCount(doc.Snippet(para.Span)) {
			report(para.Start, para.End, flagged[idx[i]])
			i = j
			continue
		}
		for i < j {
			k := i + 1
			for k < j && idx[k] == idx[k-1]+1 {
				k++
			}
			report(doc.Sentences[idx[i]].Start, doc.Sentences[idx[k-1]].End, flagged[idx[i]])
			i = k
		}
	}
	for _, m := range loose {
		report(v.start(m.start), v.end(m.end), m)
	}
}

func packAlnumCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// packSentenceIndex returns the index of the sentence containing off, or -1.
func packSentenceIndex(doc *audit.Document, off int) int {
	i := sort.Search(len(doc.Sentences), func(i int) bool { return doc.Sentences[i].End > off })
	if i < len(doc.Sentences) && doc.Sentences[i].Start <= off {
		return i
	}
	return -1
}

// expandGroups replaces $0–$9 and ${N} in tmpl with the original text of
// the match's groups; $$ is a dollar sign.
func expandGroups(tmpl string, v *textView, m viewMatch) string {
	if !strings.Contains(tmpl, "$") {
		return tmpl
	}
	var b strings.Builder
	for i := 0; i < len(tmpl); i++ {
		if tmpl[i] != '$' || i+1 >= len(tmpl) {
			b.WriteByte(tmpl[i])
			continue
		}
		n, width := -1, 0
		switch c := tmpl[i+1]; {
		case c == '$':
			b.WriteByte('$')
			i++
			continue
		case '0' <= c && c <= '9':
			n, width = int(c-'0'), 1
		case c == '{':
			if end := strings.IndexByte(tmpl[i+2:], '}'); end > 0 {
				if k, err := strconv.Atoi(tmpl[i+2 : i+2+end]); err == nil {
					n, width = k, end+2
				}
			}
		}
		if n < 0 {
			b.WriteByte('$')
			continue
		}
		if 2*n+1 < len(m.groups) && m.groups[2*n] >= 0 {
			b.WriteString(v.src[v.start(m.groups[2*n]):v.end(m.groups[2*n+1])])
		}
		i += width
	}
	return b.String()
}

// groupRefs returns the largest $N a template refers to, or -1.
func groupRefs(tmpl string) int {
	most := -1
	for i := 0; i+1 < len(tmpl); i++ {
		if tmpl[i] != '$' {
			continue
		}
		c := tmpl[i+1]
		switch {
		case c == '$':
			i++
		case '0' <= c && c <= '9':
			most = max(most, int(c-'0'))
		case c == '{':
			if end := strings.IndexByte(tmpl[i+2:], '}'); end > 0 {
				if k, err := strconv.Atoi(tmpl[i+2 : i+2+end]); err == nil {
					most = max(most, k)
				}
			}
		}
	}
	return most
}

func packHSpace(c byte) bool { return c == ' ' || c == '\t' }

func skipHSpaceForward(t string, i int) int {
	for i < len(t) {
		r, n := utf8.DecodeRuneInString(t[i:])
		if r == ' ' || r == '\t' || r == '\u00A0' || r == '\u202F' {
			i += n
			continue
		}
		break
	}
	return i
}

func skipHSpaceBack(t string, i, floor int) int {
	for i > floor {
		r, n := utf8.DecodeLastRuneInString(t[:i])
		if r == ' ' || r == '\t' || r == '\u00A0' || r == '\u202F' {
			i -= n
			continue
		}
		break
	}
	return i
}
