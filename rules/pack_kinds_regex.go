package rules

import (
	"cmp"
	"slices"
	"sort"

	"github.com/mtaudit/mtaudit/audit"
)

// regexEntry is an entry of kind regex: RE2 patterns (Perl syntax) matched
// within one line of the folded view, or of the cased one under
// `case: sensitive`.
type regexEntry struct {
	entryOptions `yaml:",inline"`
	Patterns     []string `yaml:"patterns"`
	// Group picks the submatch reported under scope match (0: the whole
	// match). It belongs to the patterns, so it is never inherited.
	Group int `yaml:"group"`
}

func (e *regexEntry) defaults(*entryOptions) {}

func (e *regexEntry) compile(b *kindBuild) kindResult {
	if len(e.Patterns) == 0 {
		b.bad(b.node.at("patterns"), "kind regex needs patterns")
	}
	k := &regexKind{group: e.Group, isCased: b.cased}
	idx, hits := b.lang.literals[0], b.lang.literalHits[0]
	if b.cased {
		idx, hits = b.lang.literals[1], b.lang.literalHits[1]
	}
	groups := -1
	ok := len(e.Patterns) > 0
	for i, p := range e.Patterns {
		vr, err := b.lang.viewRegexp(p, b.cased)
		if err != nil {
			b.bad(b.node.item("patterns", i), "bad pattern %q: %v", p, err)
			ok = false
			continue
		}
		if vr.lits != nil {
			vr.hits = hits
			for _, l := range vr.lits {
				vr.litIDs = append(vr.litIDs, idx.add(l))
			}
		}
		if vr.prefix != nil {
			vr.hits = hits
			for _, l := range vr.prefix {
				vr.prefixIDs = append(vr.prefixIDs, idx.addStart(l))
			}
		}
		k.patterns = append(k.patterns, vr)
		if groups < 0 || vr.numSubexp < groups {
			groups = vr.numSubexp
		}
	}
	groups = max(groups, 0)
	if e.Group < 0 || (len(k.patterns) == len(e.Patterns) && e.Group > groups) {
		b.bad(b.node.at("group"), "group %d: the patterns have %d groups", e.Group, groups)
		ok = false
	}
	if !ok {
		return kindResult{groups: groups}
	}
	return kindResult{kind: k, groups: groups}
}

// regexKind matches the patterns of one language's entry.
type regexKind struct {
	patterns []*viewRegexp
	group    int
	isCased  bool
}

func (k *regexKind) cased() bool { return k.isCased }

func (k *regexKind) find(pass *audit.Pass, dv *docViews) []viewMatch {
	v := dv.view(k.isCased)
	var out []viewMatch
	for _, p := range k.patterns {
		if p.prefixIDs != nil && p.hits != nil {
			out = k.findAnchored(pass, dv, p, v, out)
			continue
		}
		for _, ln := range p.candidateLines(pass, dv, v) {
			line := v.text[ln[0]:ln[1]]
			if p.head != nil && !p.headMayMatch(line) || p.also != nil && !p.alsoMayMatch(line) {
				continue
			}
			for _, loc := range p.re().FindAllStringSubmatchIndex(line, -1) {
				if loc[0] == loc[1] {
					continue
				}
				out = append(out, k.match(ln[0], loc))
			}
		}
	}
	if len(k.patterns) > 1 { // one pattern's matches come in order
		slices.SortStableFunc(out, func(a, b viewMatch) int { return cmp.Compare(a.start, b.start) })
	}
	return out
}

// match turns a submatch index found at view offset base into a match.
func (k *regexKind) match(base int, loc []int) viewMatch {
	m := viewMatch{start: base + loc[0], end: base + loc[1], groups: make([]int, len(loc))}
	for i, o := range loc {
		m.groups[i] = -1
		if o >= 0 {
			m.groups[i] = base + o
		}
	}
	m.rep = [2]int{m.start, m.end}
	if g := k.group; g > 0 && 2*g+1 < len(m.groups) && m.groups[2*g] >= 0 && m.groups[2*g] < m.groups[2*g+1] {
		m.rep = [2]int{m.groups[2*g], m.groups[2*g+1]}
	}
	return m
}

// findAnchored finds p's matches through the literal search's hits.
func (k *regexKind) findAnchored(pass *audit.Pass, dv *docViews, p *viewRegexp, v *textView, out []viewMatch) []viewMatch {
	p.anchoredMatches(v.text, dv.literalHits(pass, p.hits), func(at int, loc []int) {
		out = append(out, k.match(at, loc))
	})
	return out
}

// anchoredMatches calls found with each match of p in text (its offset and
// submatch index relative to it), found by running p anchored where one of
// its prefixes begins, in order, each search starting past the last match:
// the matches, line by line, that an unanchored search would find, since
// every match begins at such a place. Where p also has required literals,
// only the lines holding one are tried. h is text's literal search.
func (p *viewRegexp) anchoredMatches(text string, h *literalHits, found func(at int, loc []int)) {
	// The lines holding a required literal, ascending (with repeats when
	// several literals share a line): the starts ascend too, so one cursor
	// walks both. They are looked at first: most documents hold none, and
	// then the prefixes' offsets (many, for a common prefix) are never
	// gathered.
	var lineOK []int
	if p.litIDs != nil {
		if len(p.litIDs) == 1 {
			lineOK = h.lines[p.litIDs[0]]
		} else {
			n := 0
			for _, id := range p.litIDs {
				n += len(h.lines[id])
			}
			if n == 0 {
				return
			}
			lineOK = make([]int, 0, n)
			for _, id := range p.litIDs {
				lineOK = append(lineOK, h.lines[id]...)
			}
			sort.Ints(lineOK)
		}
		if len(lineOK) == 0 {
			return
		}
	}
	// One prefix (the usual case) reads its offsets in place.
	var starts []int
	if len(p.prefixIDs) == 1 {
		starts = h.starts[p.prefixIDs[0]]
	} else {
		n := 0
		for _, id := range p.prefixIDs {
			n += len(h.starts[id])
		}
		if n == 0 {
			return
		}
		starts = make([]int, 0, n)
		for _, id := range p.prefixIDs {
			starts = append(starts, h.starts[id]...)
		}
		sort.Ints(starts)
	}
	if len(starts) == 0 {
		return
	}
	re := p.anchored()
	line, next, ok := 0, -1, 0
	for i, at := range starts {
		if at < next || (i > 0 && starts[i-1] == at) {
			continue
		}
		for h.lineStarts[line+1] <= at {
			line++
		}
		if p.litIDs != nil {
			for ok < len(lineOK) && lineOK[ok] < line {
				ok++
			}
			if ok == len(lineOK) {
				break // no line past this one holds a literal
			}
			if lineOK[ok] != line {
				continue
			}
		}
		if p.wordStart && at > 0 && isASCIIWord(text[at-1]) {
			continue
		}
		_, end := h.bounds(line)
		loc := re.FindStringSubmatchIndex(text[at:end])
		if loc == nil || loc[0] == loc[1] {
			continue
		}
		found(at, loc)
		next = at + loc[1]
	}
}

// isASCIIWord reports whether c is a byte RE2's \b counts as a word
// character (a byte of a multi-byte rune never is).
func isASCIIWord(c byte) bool {
	return c == '_' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}
