package rules

import (
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
		vr, err := compileViewRegexp(p, b.cased, b.lang.eager, b.lang.common)
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
		for _, ln := range p.candidateLines(pass, v) {
			line := v.text[ln[0]:ln[1]]
			for _, loc := range p.re().FindAllStringSubmatchIndex(line, -1) {
				if loc[0] == loc[1] {
					continue
				}
				m := viewMatch{start: ln[0] + loc[0], end: ln[0] + loc[1], groups: make([]int, len(loc))}
				for i, o := range loc {
					m.groups[i] = -1
					if o >= 0 {
						m.groups[i] = ln[0] + o
					}
				}
				m.rep = [2]int{m.start, m.end}
				if g := k.group; g > 0 && 2*g+1 < len(m.groups) && m.groups[2*g] >= 0 && m.groups[2*g] < m.groups[2*g+1] {
					m.rep = [2]int{m.groups[2*g], m.groups[2*g+1]}
				}
				out = append(out, m)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}
