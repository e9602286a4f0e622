package rules

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// viewRegexp is an RE2 pattern rewritten for a view, with a literal
// prefilter: strings one of which every match contains. A document none of
// them occurs in is skipped without running the pattern, and otherwise only
// the lines that hold one are searched.
type viewRegexp struct {
	// src is the folded pattern; it is compiled on first use (see re), since
	// most patterns of most languages never run in a process that audits
	// one language, and compiling them all cost a third of the start-up.
	src       string
	numSubexp int
	once      sync.Once
	compiled  *regexp.Regexp
	lits      []string // nil: no usable prefilter, search every line
	// hits, when set, is the per-document search for the literals of every
	// pattern of the pack's language; litIDs are this pattern's in it.
	hits   *audit.Analysis[*literalHits]
	litIDs []int

	// prefix, when set, holds strings one of which every match begins
	// with. The pattern then runs anchored at the places the literal
	// search found them, not from every byte of every candidate line:
	// a backtracking search from each position of a long paragraph was
	// most of the pack rules' time. wordStart says the pattern opens with
	// \b, which the anchored run cannot see the byte before the start for.
	prefix     []string
	prefixIDs  []int
	wordStart  bool
	anchorOnce sync.Once
	anchoredRE *regexp.Regexp

	// head, when set, says the pattern opens with \A, then a run of bytes
	// of headClass (\A[\n ]*), then one of head: a line can hold a match
	// only where one of head begins past a run of such bytes at its start.
	// A pattern of line heads ("RELATED:") then skips, without running,
	// the many lines its prefilter lets through.
	head      []string
	headClass *[256]bool

	// also holds further sets of strings, one of each of which every match
	// contains, besides lits (the parts of \bla (nourri)\b[^\n]{0,300}?
	// (?:taux|inflation|…)): a candidate line without one of them is
	// skipped without running the pattern, whose bounded gaps cost tens
	// of microseconds a line.
	also [][]string
}

// compileViewRegexp parses pattern with RE2's Perl syntax and folds its
// literals and small character classes like the view it will run on
// (lower-cased and unaccented unless cased), so that `écarté` in a pattern
// matches "ÉCARTÉ", "écarté" and "ecarte". common lists words too frequent
// to prefilter on (nil: none).
//
// Unless eager, the folded pattern is compiled on first use: the built-in
// packs are checked by the tests (TestPackRegexpsCompile), so only packs
// from outside need their errors at load time.
func compileViewRegexp(pattern string, cased, eager bool, common map[string]bool) (*viewRegexp, error) {
	pl, err := planViewRegexp(pattern, cased, common)
	if err != nil {
		return nil, err
	}
	return pl.viewRegexp(eager)
}

// viewPlan is what compileViewRegexp works out of a pattern before any
// program is compiled: the folded pattern and its prefilters (viewRegexp's
// fields of the same names; HeadClass holds the bytes of headClass). The
// built-in packs' plans are generated into pack_meta.txt, so that the
// first document in a language parses none of its patterns: parsing,
// folding and the search for their literals were most of its wait.
type viewPlan struct {
	Src       string     `yaml:"src"`
	NumSubexp int        `yaml:"subexp"`
	Lits      []string   `yaml:"lits"`
	Prefix    []string   `yaml:"prefix"`
	WordStart bool       `yaml:"word_start"`
	Head      []string   `yaml:"head"`
	HeadClass string     `yaml:"head_class"`
	Also      [][]string `yaml:"also"`
}

// planViewRegexp parses and folds pattern and finds its prefilters (see
// compileViewRegexp).
func planViewRegexp(pattern string, cased bool, common map[string]bool) (*viewPlan, error) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, err
	}
	foldSyntax(re, !cased)
	pl := &viewPlan{Src: patternString(re), NumSubexp: re.MaxCap()}
	head, class := lineHead(re)
	if head != nil {
		pl.Head = head
		var b []byte
		for c, in := range class {
			if in {
				b = append(b, byte(c))
			}
		}
		pl.HeadClass = string(b)
	}
	if lits := requiredLits(re, common); (litScore(lits, common) >= 3 || punctLiteral(lits)) && len(lits) <= 64 {
		pl.Lits = lits
	}
	if prefix, wordStart := prefixLits(re); prefix != nil && (pl.Lits == nil || !anyCommon(prefix, common)) {
		pl.Prefix, pl.WordStart = prefix, wordStart
		if pl.Lits == nil {
			// The prefixes drive the search: a required literal, even a
			// common word, then only narrows it to the lines holding
			// both, at the cost of a few more literal hits
			// (\bn(?:e |')….pas … aucun runs only where a line has
			// "aucun", not at every "ne ").
			if lits := requiredLits(re, nil); litScore(lits, nil) >= 3 && len(lits) <= 64 {
				pl.Lits = lits
			}
		}
	}
	if pl.Lits != nil && pl.Prefix == nil { // the lines searched whole
		pl.Also = alsoLits(re, pl.Lits, common)
	}
	return pl, nil
}

// viewRegexp returns the pattern the plan describes, compiled now when
// eager (else on first use).
func (pl *viewPlan) viewRegexp(eager bool) (*viewRegexp, error) {
	vr := &viewRegexp{src: pl.Src, numSubexp: pl.NumSubexp, lits: pl.Lits, prefix: pl.Prefix,
		wordStart: pl.WordStart, head: pl.Head, also: pl.Also}
	if pl.Head != nil {
		vr.headClass = new([256]bool)
		for i := 0; i < len(pl.HeadClass); i++ {
			vr.headClass[pl.HeadClass[i]] = true
		}
	}
	if eager {
		compiled, err := regexp.Compile(vr.src)
		if err != nil {
			return nil, err
		}
		vr.once.Do(func() { vr.compiled = compiled })
	}
	return vr, nil
}

// anyCommon reports whether one of lits is a word too common to search
// for: a pattern with other literals to go by then keeps to them.
func anyCommon(lits []string, common map[string]bool) bool {
	for _, l := range lits {
		if common[strings.Trim(l, " '")] {
			return true
		}
	}
	return false
}

// anchored returns the pattern anchored at the start of its input.
func (vr *viewRegexp) anchored() *regexp.Regexp {
	vr.anchorOnce.Do(func() {
		re, err := regexp.Compile(`\A(?:` + vr.src + `)`)
		if err != nil {
			re = regexp.MustCompile(`[^\x00-\x{10FFFF}]`)
		}
		vr.anchoredRE = re
	})
	return vr.anchoredRE
}

// prefixLits returns strings one of which every match of re begins with,
// each at least two bytes long, and whether re opens with \b; nil when it
// cannot tell. The strings end where the pattern stops being a small finite
// set (or after the first repetition of a finite set: x+ begins with x).
// A zero-width assertion that could be tested at the match start other than
// that leading \b gives nil, since an anchored run of the pattern on the
// text from there would not see the byte before.
func prefixLits(re *syntax.Regexp) ([]string, bool) {
	subs := flatConcat(re, nil)
	wordStart := false
	if len(subs) > 0 && subs[0].Op == syntax.OpWordBoundary {
		wordStart, subs = true, subs[1:]
	}
	run := []string{""}
	atStart := func() bool {
		for _, l := range run {
			if l == "" {
				return true
			}
		}
		return false
	}
	for _, s := range subs {
		if atStart() && hasAssertion(s) {
			break
		}
		if ex, ok := exactSet(s); ok {
			p := crossProduct(run, ex)
			if p == nil {
				break
			}
			run = p
			continue
		}
		if s.Op == syntax.OpPlus || (s.Op == syntax.OpRepeat && s.Min >= 1) {
			if ex, ok := exactSet(s.Sub[0]); ok {
				if p := crossProduct(run, ex); p != nil {
					run = p
				}
			}
		}
		break
	}
	for _, l := range run {
		if len(l) < 2 {
			return nil, false
		}
	}
	return run, wordStart
}

// alsoLits returns the sets of strings, other than lits, one of each of
// which every match of re contains: those of the parts of its sequence,
// of a few strings of three bytes or more and no common word, that lits
// does not imply; three at most.
func alsoLits(re *syntax.Regexp, lits []string, common map[string]bool) [][]string {
	var out [][]string
	for _, s := range flatConcat(re, nil) {
		l := requiredLits(s, common)
		if len(l) == 0 || len(l) > 16 || slices.ContainsFunc(l, func(s string) bool { return len(s) < 3 }) ||
			anyCommon(l, common) || slices.Equal(l, lits) || impliedBy(l, lits) {
			continue
		}
		out = append(out, l)
		if len(out) == 3 {
			break
		}
	}
	return out
}

// impliedBy reports whether every string of lits holds one of set: a line
// holding one of lits then holds one of set, which tells nothing more.
func impliedBy(set, lits []string) bool {
	for _, l := range lits {
		if !slices.ContainsFunc(set, func(s string) bool { return strings.Contains(l, s) }) {
			return false
		}
	}
	return true
}

// alsoMayMatch reports whether line holds one string of each set of
// vr.also.
func (vr *viewRegexp) alsoMayMatch(line string) bool {
	for _, set := range vr.also {
		found := false
		for _, l := range set {
			if strings.Contains(line, l) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// lineHead returns, for a pattern that opens with \A and a star of a
// class of ASCII bytes, strings one of which begins the rest of every
// match, and the class; nil when the pattern has not that form or the
// strings cannot be told (prefixLits).
func lineHead(re *syntax.Regexp) ([]string, *[256]bool) {
	subs := flatConcat(re, nil)
	if len(subs) < 3 || subs[0].Op != syntax.OpBeginText || subs[1].Op != syntax.OpStar || subs[1].Sub[0].Op != syntax.OpCharClass {
		return nil, nil
	}
	class := new([256]bool)
	rs := subs[1].Sub[0].Rune
	for i := 0; i+1 < len(rs); i += 2 {
		if rs[i+1] >= utf8.RuneSelf {
			return nil, nil
		}
		for r := rs[i]; r <= rs[i+1]; r++ {
			class[r] = true
		}
	}
	rest := &syntax.Regexp{Op: syntax.OpConcat, Sub: subs[2:]}
	head, _ := prefixLits(rest) // a \b before them is not checked: a weaker test
	if head == nil {
		return nil, nil
	}
	return head, class
}

// headMayMatch reports whether line may hold a match of a pattern with a
// head (lineHead): whether one of vr.head begins at the start of line or
// past bytes of vr.headClass only.
func (vr *viewRegexp) headMayMatch(line string) bool {
	for j := 0; ; j++ {
		for _, h := range vr.head {
			if strings.HasPrefix(line[j:], h) {
				return true
			}
		}
		if j == len(line) || !vr.headClass[line[j]] {
			return false
		}
	}
}

// flatConcat appends to subs the sequence re matches, with captures and
// nested concatenations opened: the same language, as a flat list.
func flatConcat(re *syntax.Regexp, subs []*syntax.Regexp) []*syntax.Regexp {
	switch re.Op {
	case syntax.OpCapture:
		return flatConcat(re.Sub[0], subs)
	case syntax.OpConcat:
		for _, s := range re.Sub {
			subs = flatConcat(s, subs)
		}
		return subs
	}
	return append(subs, re)
}

// hasAssertion reports whether re holds a zero-width assertion.
func hasAssertion(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginLine, syntax.OpEndLine,
		syntax.OpBeginText, syntax.OpEndText:
		return true
	}
	for _, s := range re.Sub {
		if hasAssertion(s) {
			return true
		}
	}
	return false
}

// re returns the compiled pattern, compiling it on first use. The folded
// source of a pattern that parsed always compiles (TestPackRegexpsCompile);
// should it not, the pattern matches nothing rather than panic.
func (vr *viewRegexp) re() *regexp.Regexp {
	vr.once.Do(func() {
		re, err := regexp.Compile(vr.src)
		if err != nil {
			re = regexp.MustCompile(`[^\x00-\x{10FFFF}]`)
		}
		vr.compiled = re
	})
	return vr.compiled
}

// patternString prints a parsed pattern back as RE2 syntax that parses to
// the same tree. It does the job of syntax.Regexp.String without its search
// for the fewest flags, which folds every rune of every character class and
// cost three quarters of the start-up; here each node says its own flags.
func patternString(re *syntax.Regexp) string {
	var b strings.Builder
	writePattern(&b, re)
	return b.String()
}

func writePattern(b *strings.Builder, re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpNoMatch:
		b.WriteString(`[^\x00-\x{10FFFF}]`)
	case syntax.OpEmptyMatch:
		b.WriteString(`(?:)`)
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			b.WriteString(`(?i:`)
		}
		for _, r := range re.Rune {
			escapePatternRune(b, r, false)
		}
		if re.Flags&syntax.FoldCase != 0 {
			b.WriteByte(')')
		}
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			b.WriteString(`[^\x00-\x{10FFFF}]`)
			break
		}
		b.WriteByte('[')
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			escapePatternRune(b, lo, true)
			if lo != hi {
				b.WriteByte('-')
				escapePatternRune(b, hi, true)
			}
		}
		b.WriteByte(']')
	case syntax.OpAnyCharNotNL:
		b.WriteString(`(?-s:.)`)
	case syntax.OpAnyChar:
		b.WriteString(`(?s:.)`)
	case syntax.OpBeginLine:
		b.WriteString(`(?m:^)`)
	case syntax.OpEndLine:
		b.WriteString(`(?m:$)`)
	case syntax.OpBeginText:
		b.WriteString(`\A`)
	case syntax.OpEndText:
		if re.Flags&syntax.WasDollar != 0 {
			b.WriteString(`(?-m:$)`)
		} else {
			b.WriteString(`\z`)
		}
	case syntax.OpWordBoundary:
		b.WriteString(`\b`)
	case syntax.OpNoWordBoundary:
		b.WriteString(`\B`)
	case syntax.OpCapture:
		if re.Name != "" {
			b.WriteString(`(?P<` + re.Name + `>`)
		} else {
			b.WriteByte('(')
		}
		writePattern(b, re.Sub[0])
		b.WriteByte(')')
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		sub := re.Sub[0]
		group := sub.Op > syntax.OpCapture || sub.Op == syntax.OpLiteral && len(sub.Rune) > 1 && sub.Flags&syntax.FoldCase == 0
		if group {
			b.WriteString(`(?:`)
		}
		writePattern(b, sub)
		if group {
			b.WriteByte(')')
		}
		switch re.Op {
		case syntax.OpStar:
			b.WriteByte('*')
		case syntax.OpPlus:
			b.WriteByte('+')
		case syntax.OpQuest:
			b.WriteByte('?')
		case syntax.OpRepeat:
			b.WriteString("{" + strconv.Itoa(re.Min))
			if re.Max != re.Min {
				b.WriteByte(',')
				if re.Max >= 0 {
					b.WriteString(strconv.Itoa(re.Max))
				}
			}
			b.WriteByte('}')
		}
		if re.Flags&syntax.NonGreedy != 0 {
			b.WriteByte('?')
		}
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if sub.Op == syntax.OpAlternate {
				b.WriteString(`(?:`)
				writePattern(b, sub)
				b.WriteByte(')')
				continue
			}
			writePattern(b, sub)
		}
	case syntax.OpAlternate:
		for i, sub := range re.Sub {
			if i > 0 {
				b.WriteByte('|')
			}
			writePattern(b, sub)
		}
	}
}

// escapePatternRune writes r so that it stands for itself, in a class when
// inClass.
func escapePatternRune(b *strings.Builder, r rune, inClass bool) {
	if unicode.IsPrint(r) {
		if strings.ContainsRune(`\.+*?()|[]{}^$`, r) || inClass && r == '-' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		return
	}
	b.WriteString(`\x{` + strconv.FormatInt(int64(r), 16) + `}`)
}

// punctLiteral reports whether lits is one punctuation byte ("RELATED:"
// needs its ":"): too short to score, but rare enough in running text that
// the lines holding it are worth a prefilter.
func punctLiteral(lits []string) bool {
	if len(lits) != 1 || len(lits[0]) != 1 {
		return false
	}
	c := lits[0][0]
	return c < utf8.RuneSelf && c > ' ' && !asciiWord[c]
}

func foldSyntax(re *syntax.Regexp, lower bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if lower && re.Flags&syntax.FoldCase != 0 {
			re.Flags &^= syntax.FoldCase
		}
		re.Rune = []rune(foldLiteral(string(re.Rune), lower))
		if len(re.Rune) == 0 {
			re.Op = syntax.OpEmptyMatch
		}
	case syntax.OpCharClass:
		re.Rune = foldClass(re.Rune, lower)
		if len(re.Rune) == 0 {
			re.Op = syntax.OpNoMatch
		}
	}
	for _, s := range re.Sub {
		foldSyntax(s, lower)
	}
}

// foldLiteral folds a pattern literal like newView, except that runs of
// space are kept (the pattern says how many it wants).
func foldLiteral(s string, lower bool) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(foldPatternRune(r, lower))
	}
	return b.String()
}

func foldPatternRune(r rune, lower bool) string {
	if r < utf8.RuneSelf {
		switch {
		case r == '\t' || r == '\v' || r == '\f':
			return " "
		case r == '\r':
			return ""
		case r == '`':
			return "'"
		case lower && 'A' <= r && r <= 'Z':
			return string(r + 'a' - 'A')
		}
		return string(r)
	}
	repl, kind := foldRune(r, lower)
	switch kind {
	case foldDrop:
		return ""
	case foldSpace:
		return " "
	case foldKeep:
		return string(r)
	}
	return repl
}

// foldClass folds the runes of small ranges of a class; big ranges (\pL,
// negated classes) are kept as they are. A run of runes the view keeps as
// they are goes in as one range, the others one by one: a class is mostly
// such runs, and folding every rune of every class of a language's
// patterns, each a range of its own to sort, was a good part of the
// first document's wait.
func foldClass(ranges []rune, lower bool) []rune {
	var out []rune
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		if hi-lo > 1024 {
			out = append(out, lo, hi)
			continue
		}
		for r := lo; r <= hi; r++ {
			f := foldClassRune(r, lower)
			if f == r {
				e := r
				for e < hi && foldClassRune(e+1, lower) == e+1 {
					e++
				}
				out = append(out, r, e)
				r = e
				continue
			}
			if f >= 0 {
				out = append(out, f, f)
			}
		}
	}
	return mergeRuneRanges(out)
}

// classFoldMax bounds the runes whose class folds are tabled: ASCII,
// Latin letters, combining diacritics. Beyond it the view folds only the
// general punctuation (punctFoldLo–punctFoldHi), two runes besides, and
// letters to lower case: a class of \pL holds tens of thousands of runes,
// whose folds one by one through foldPatternRune (a string each) took
// milliseconds. TestFoldClassRune checks every rune against it.
const (
	classFoldMax = 0x400
	punctFoldLo  = 0x2000
	punctFoldHi  = 0x2220
)

// classFolds holds foldClassRune of the runes below classFoldMax and from
// punctFoldLo to punctFoldHi, cased (index 0) and folded (1).
var classFolds = sync.OnceValue(func() *[2][classFoldMax + punctFoldHi - punctFoldLo]rune {
	var t [2][classFoldMax + punctFoldHi - punctFoldLo]rune
	for i := range t[0] {
		r := rune(i)
		if i >= classFoldMax {
			r = rune(i - classFoldMax + punctFoldLo)
		}
		t[0][i], t[1][i] = foldClassRuneSlow(r, false), foldClassRuneSlow(r, true)
	}
	return &t
})

// foldClassRune returns the rune r becomes in a class of a pattern folded
// like its view, or -1 when it cannot stand in one (it is dropped, or
// expanded: œ → oe).
func foldClassRune(r rune, lower bool) rune {
	i := -1
	switch {
	case 0 <= r && r < classFoldMax:
		i = int(r)
	case punctFoldLo <= r && r < punctFoldHi:
		i = int(r-punctFoldLo) + classFoldMax
	case r == '\u3000' || r == '\uFEFF' || 0xD800 <= r && r <= 0xDFFF || r > unicode.MaxRune:
		return foldClassRuneSlow(r, lower)
	case lower:
		return unicode.ToLower(r)
	default:
		return r
	}
	if lower {
		return classFolds()[1][i]
	}
	return classFolds()[0][i]
}

func foldClassRuneSlow(r rune, lower bool) rune {
	f := foldPatternRune(r, lower)
	if utf8.RuneCountInString(f) != 1 {
		return -1
	}
	fr, _ := utf8.DecodeRuneInString(f)
	return fr
}

func mergeRuneRanges(rs []rune) []rune {
	type rng struct{ lo, hi rune }
	list := make([]rng, 0, len(rs)/2)
	for i := 0; i+1 < len(rs); i += 2 {
		list = append(list, rng{rs[i], rs[i+1]})
	}
	slices.SortFunc(list, func(a, b rng) int { return int(a.lo - b.lo) })
	var out []rune
	for _, r := range list {
		if n := len(out); n > 0 && r.lo <= out[n-1]+1 {
			if r.hi > out[n-1] {
				out[n-1] = r.hi
			}
			continue
		}
		out = append(out, r.lo, r.hi)
	}
	return out
}

// requiredLits returns strings one of which every match of re contains, or
// nil when it cannot tell.
func requiredLits(re *syntax.Regexp, common map[string]bool) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLits(re.Sub[0], common)
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLits(re.Sub[0], common)
		}
	case syntax.OpConcat:
		var best []string
		consider := func(l []string) {
			if litScore(l, common) > litScore(best, common) {
				best = l
			}
		}
		for _, s := range re.Sub {
			consider(requiredLits(s, common))
		}
		// Runs of children whose matches form a small finite set combine
		// into longer literals: (?:rien|personne) n(?:e |') gives
		// "rien ne ", "rien n'", "personne ne ", "personne n'".
		var run []string
		for _, s := range re.Sub {
			ex, ok := exactSet(s)
			switch {
			case !ok:
				consider(run)
				run = nil
			case run == nil:
				run = ex
			default:
				if p := crossProduct(run, ex); p != nil {
					run = p
				} else {
					consider(run)
					run = ex
				}
			}
		}
		consider(run)
		return best
	case syntax.OpAlternate:
		var out []string
		for _, s := range re.Sub {
			l := requiredLits(s, common)
			if l == nil {
				return nil
			}
			out = append(out, l...)
		}
		return out
	}
	return nil
}

// maxExact bounds the finite sets exactSet and crossProduct build.
const maxExact = 64

// exactSet returns every string re can match, when they are few.
func exactSet(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpBeginLine, syntax.OpEndLine,
		syntax.OpBeginText, syntax.OpEndText:
		return []string{""}, true
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) >= 8 {
					return nil, false
				}
				out = append(out, string(r))
			}
		}
		return out, len(out) > 0
	case syntax.OpCapture:
		return exactSet(re.Sub[0])
	case syntax.OpQuest:
		ex, ok := exactSet(re.Sub[0])
		if !ok || len(ex) >= maxExact {
			return nil, false
		}
		return append([]string{""}, ex...), true
	case syntax.OpAlternate:
		var out []string
		for _, s := range re.Sub {
			ex, ok := exactSet(s)
			if !ok || len(out)+len(ex) > maxExact {
				return nil, false
			}
			out = append(out, ex...)
		}
		return out, true
	case syntax.OpConcat:
		out := []string{""}
		for _, s := range re.Sub {
			ex, ok := exactSet(s)
			if !ok {
				return nil, false
			}
			if out = crossProduct(out, ex); out == nil {
				return nil, false
			}
		}
		return out, true
	}
	return nil, false
}

// crossProduct concatenates every string of a with every string of b, or
// returns nil when the result would be too large.
func crossProduct(a, b []string) []string {
	if len(a)*len(b) > maxExact {
		return nil
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

// candidateLines returns the starts and ends of the view lines that may hold
// a match, in order; from lines of literals, in a buffer of dv that the
// next call reuses.
func (vr *viewRegexp) candidateLines(pass *audit.Pass, dv *docViews, v *textView) [][2]int {
	t := v.text
	if vr.hits != nil && vr.lits != nil {
		h := dv.literalHits(pass, vr.hits)
		var lines []int
		if len(vr.litIDs) == 1 {
			lines = h.lines[vr.litIDs[0]] // read in place
		} else {
			lines = dv.lineNums[:0]
			for _, id := range vr.litIDs {
				lines = append(lines, h.lines[id]...)
			}
			sort.Ints(lines)
			dv.lineNums = lines
		}
		if len(lines) == 0 {
			return nil // most documents: no literal
		}
		// The document's buffer: the caller is done with the lines
		// before it asks for another pattern's.
		out := dv.lineSpans[:0]
		for i, n := range lines {
			if i > 0 && lines[i-1] == n {
				continue
			}
			ls, le := h.bounds(n)
			out = append(out, [2]int{ls, le})
		}
		dv.lineSpans = out
		return out
	}
	if vr.lits == nil {
		var out [][2]int
		for ls := 0; ls <= len(t); {
			le := strings.IndexByte(t[ls:], '\n')
			if le < 0 {
				le = len(t)
			} else {
				le += ls
			}
			if ls < le {
				out = append(out, [2]int{ls, le})
			}
			ls = le + 1
		}
		return out
	}
	seen := map[int]int{}
	for _, lit := range vr.lits {
		for from := 0; from < len(t); {
			k := strings.Index(t[from:], lit)
			if k < 0 {
				break
			}
			ls, le := v.lineAt(from + k)
			seen[ls] = le
			from = le + 1
		}
	}
	out := make([][2]int, 0, len(seen))
	for ls, le := range seen {
		out = append(out, [2]int{ls, le})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}
