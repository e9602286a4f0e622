package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

func init() {
	register(&audit.Rule{
		ID:       "typography.spacing",
		Category: audit.Typography,
		Severity: audit.Info,
		Title:    "Spacing before high punctuation missing where the article otherwise uses it",
		Doc: `Flags a ` + "`:`" + `, ` + "`;`" + `, ` + "`!`" + ` or ` + "`?`" + ` with no space before it, and a ` + "`«`" + ` or
` + "`»`" + ` with no space inside, in an article that otherwise spaces that mark the
French way (a no-break space, or a plain space).

Policy: only inconsistency is flagged. Much human French news omits the
space before ` + "`?`" + ` or ` + "`:`" + ` throughout, and that is a house style, not an
MT error; an article that spaces a mark at least three times, and at least
four times as often as it leaves it unspaced, has a convention, and the exceptions
are flagged (text pasted from elsewhere, segments the MT engine handled
differently). Each mark is judged on its own (` + "`:`" + ` may be spaced and
` + "`?`" + ` not), with one exception: an article that spaces its guillemets inside
at least three times and never leaves one unspaced follows the French
convention, and human French news that does so spaces ` + "`: ; ! ?`" + ` too,
while MT output keeps the spaced guillemets and leaves the high marks of
the English source unspaced. There an unspaced high mark is flagged even
without a convention of its own, unless it follows no word (` + "`(!)`" + `), ends a
guillemet quote of three words at most (a quoted title or foreign term), or
is a ` + "`!`" + `/` + "`?`" + ` followed by a lower-case word (a name such as *Yahoo!*). Never flagged: times and ratios (` + "`12:30`" + `, ` + "`2:1`" + `), web
addresses (` + "`https://`" + `), runs of marks (` + "`?!`" + `), marks opening a line,
and emoticons.

Every language whose profile spaces marks (typography.space_before, and
quotes.spaced for the quotation marks): French today; a language that
spaces none gets no finding.

Fix: insert the space the article uses most for that mark.`,
		Examples: []audit.Example{
			{Text: "Il a prévenu : « Rien n'est exclu. » Le ministre a ajouté : tout dépendra de Moscou.\n\nLe président a conclu : la paix est possible. Le porte-parole a précisé : rien n'est signé.\n\nPartager: le texte intégral est en ligne.", Trigger: true},
			{Text: "« Les caisses sont vides », a reconnu la trésorière. « Il faudra couper dans les dépenses. »\n\nLe maire a résumé la situation en deux mots: rigueur et patience.", Trigger: true, Note: "spaced guillemets make the convention"},
			{Text: "Il a prévenu: rien n'est exclu. Le ministre a ajouté: tout dépendra de Moscou.\n\nPourquoi? Personne ne le sait.", Note: "one style throughout"},
			{Text: "« Les caisses sont vides », a reconnu la trésorière, qui a cité le slogan « Jamais plus! » des manifestants.\n\nLe portail Yahoo! a relayé l'information (!).", Note: "a short quoted slogan, a brand, a bracketed mark"},
			{Text: "Il a prévenu : rien n'est exclu. Le ministre a ajouté : tout dépendra de Moscou. Le président a conclu : la paix est possible. Le porte-parole a précisé : rien n'est signé.\n\nLa réunion a commencé à 12:30 (voir https://example.org).", Note: "times and addresses"},
		},
		Fixable: true,
		Origin:  "rules/typography_spacing.go",
		Run:     runTypographySpacing,
	})
}

// typoSpacingMark is one occurrence of a mark that French spaces.
type typoSpacingMark struct {
	off  int  // offset of the mark
	mark rune // : ; ! ? « »
	// space is the space before (or, for «, after) the mark: "" when none.
	space string
	// quotedTerm: the mark ends a short guillemet quote (« Yahoo! »), a
	// title or foreign term that keeps its own punctuation.
	quotedTerm bool
	// afterWord: the mark touches a letter or digit before it, not a
	// bracket or a quote mark ((!), »:).
	afterWord bool
	// midSentence: a ! or ? followed by a lower-case word (Yahoo! a dit),
	// part of a name or an aside rather than French high punctuation.
	midSentence bool
}

const (
	typoMinGuillemets     = 3 // spaced guillemets that make a convention
	typoMinSpaced         = 3 // uses that make a convention
	typoSpacedPerUnspaced = 4 // spaced uses per unspaced one, at least
)

// typoSpacing is what a language spaces: the high marks preceded by a
// space (French : ; ! ?) and, when it spaces them inside, its primary
// quotation marks (« »).
type typoSpacing struct {
	high        string
	open, close rune // 0 when the quotation marks take no space
	quotes      string
	lang        string // the language's name, for messages
	quoteNoun   string // "guillemets", or "quotation marks"
	marks       string // high and quotes
}

type typoSpacingKey struct{}

// typoSpacingOf returns what lx's target language spaces, worked out once
// per language.
func typoSpacingOf(lx *lexicon) typoSpacing {
	return *lx.target.Derived(typoSpacingKey{}, func(*profile.Profile) any {
		sp := buildTypoSpacing(lx)
		return &sp
	}).(*typoSpacing)
}

func buildTypoSpacing(lx *lexicon) typoSpacing {
	sp := typoSpacing{high: lx.target.Typography.SpaceBefore, lang: lx.target.Name, quoteNoun: "quotation marks"}
	if q := lx.target.Quotes; q.Spaced && len(q.Primary) == 2 {
		o, on := utf8.DecodeRuneInString(q.Primary[0])
		c, cn := utf8.DecodeRuneInString(q.Primary[1])
		if on == len(q.Primary[0]) && cn == len(q.Primary[1]) {
			sp.open, sp.close, sp.quotes = o, c, q.Primary[0]+q.Primary[1]
			if o == '«' || o == '»' {
				sp.quoteNoun = "guillemets"
			}
		}
	}
	sp.marks = sp.high + sp.quotes
	return sp
}

func runTypographySpacing(pass *audit.Pass) {
	doc := pass.Doc
	sp := typoSpacingOf(lexOf(pass))
	if sp.high == "" && sp.quotes == "" {
		return // the language spaces no mark
	}
	buf := typoSpacingBufs.Get().(*[]typoSpacingMark)
	marks := typoSpacingMarks((*buf)[:0], doc, sp)
	defer func() {
		clear(marks) // drop the strings of the text
		*buf = marks[:0]
		typoSpacingBufs.Put(buf)
	}()
	var gaps []typoGap
	guillemets, guillemetSpace := typoGuillemetConvention(marks, sp)
	for _, mark := range sp.marks {
		var spaces typoSpaceCounts
		spaced, unspaced := 0, 0
		for _, m := range marks {
			if m.mark != mark {
				continue
			}
			if m.space == "" {
				unspaced++
			} else {
				spaced++
				spaces.add(m.space)
			}
		}
		if unspaced == 0 {
			continue
		}
		if spaced < typoMinSpaced || spaced < typoSpacedPerUnspaced*unspaced {
			// No convention of the mark's own: a spaced-guillemet article
			// still has one for the high marks.
			if guillemets == 0 || mark == sp.open || mark == sp.close {
				continue
			}
			for _, m := range marks {
				if m.mark == mark && m.space == "" && m.afterWord && !m.quotedTerm && !m.midSentence {
					gaps = append(gaps, typoGuillemetGap(doc.Text, m, guillemetSpace, guillemets, sp))
				}
			}
			continue
		}
		space := spaces.most()
		for _, m := range marks {
			if m.mark == mark && m.space == "" {
				gaps = append(gaps, typoSpacingGap(doc.Text, m, space, spaced, unspaced, sp))
			}
		}
	}
	typoReportSpacingGaps(pass, gaps)
}

// typoGuillemetConvention returns how many guillemets the article spaces
// inside, and the space it uses most, when it spaces at least
// typoMinGuillemets of them and never leaves one unspaced; else 0. Human
// French news that spaces its guillemets spaces ` + "`: ; ! ?`" + ` too; MT output
// keeps the spaced guillemets of its French templates and leaves the
// English high punctuation unspaced.
func typoGuillemetConvention(marks []typoSpacingMark, sp typoSpacing) (int, string) {
	var spaces typoSpaceCounts
	n := 0
	for _, mark := range sp.quotes {
		for _, m := range marks {
			if m.mark != mark {
				continue
			}
			if m.space == "" {
				return 0, ""
			}
			spaces.add(m.space)
			n++
		}
	}
	if n < typoMinGuillemets {
		return 0, ""
	}
	return n, spaces.most()
}

// typoSpaceCounts counts the spaces a mark takes, of the three a
// convention may choose.
type typoSpaceCounts [3]int

// typoSpaces are the spaces of a convention, the first winning ties.
var typoSpaces = [3]string{"\u00A0", "\u202F", " "}

func (c *typoSpaceCounts) add(space string) {
	for k, s := range typoSpaces {
		if space == s {
			c[k]++
		}
	}
}

// most returns the space counted most, the first of typoSpaces on a tie
// or when none is counted.
func (c *typoSpaceCounts) most() string {
	space, best := typoSpaces[0], 0
	for k, s := range typoSpaces {
		if c[k] > best {
			space, best = s, c[k]
		}
	}
	return space
}

// typoSpacingBufs holds the mark slices of typoSpacingMarks.
var typoSpacingBufs = sync.Pool{New: func() any { return new([]typoSpacingMark) }}

// typoGuillemetGap is a typoSpacingGap justified by the guillemets.
func typoGuillemetGap(t string, m typoSpacingMark, space string, guillemets int, sp typoSpacing) typoGap {
	n := utf8.RuneLen(m.mark)
	name := map[string]string{"\u00A0": "a no-break space", "\u202F": "a narrow no-break space", " ": "a space"}[space]
	return typoGap{
		span: audit.Span{Start: typoWordStart(t, m.off, 0), End: m.off + n},
		edit: audit.Edit{Start: m.off, End: m.off, New: space},
		why:  fmt.Sprintf("no space before %c, where the article spaces its %s the %s way (%d times, with %s)", m.mark, sp.quoteNoun, sp.lang, guillemets, name),
	}
}

// typoGap is one missing space: the span shown (the mark and the word it
// touches), the insertion, and why.
type typoGap struct {
	span audit.Span
	edit audit.Edit
	why  string
}

func typoSpacingGap(t string, m typoSpacingMark, space string, spaced, unspaced int, sp typoSpacing) typoGap {
	n := utf8.RuneLen(m.mark)
	var g typoGap
	var what string
	switch m.mark {
	case sp.open:
		// « and the word after it.
		g.span = audit.Span{Start: m.off, End: typoWordEnd(t, m.off+n, len(t))}
		g.edit = audit.Edit{Start: m.off + n, End: m.off + n, New: space}
		what = fmt.Sprintf("no space after %c", m.mark)
	default:
		// The word before the mark, and the mark.
		g.span = audit.Span{Start: typoWordStart(t, m.off, 0), End: m.off + n}
		g.edit = audit.Edit{Start: m.off, End: m.off, New: space}
		what = fmt.Sprintf("no space before %c", m.mark)
	}
	name := map[string]string{"\u00A0": "a no-break space", "\u202F": "a narrow no-break space", " ": "a space"}[space]
	g.why = fmt.Sprintf("%s, where the article puts %s %d times (%d without)", what, name, spaced, unspaced)
	return g
}

// typoReportSpacingGaps reports the gaps, one finding for gaps whose spans
// overlap («tournant» lacks two spaces), with one fix inserting them all.
func typoReportSpacingGaps(pass *audit.Pass, gaps []typoGap) {
	t := pass.Doc.Text
	sort.Slice(gaps, func(i, j int) bool { return gaps[i].span.Start < gaps[j].span.Start })
	for i := 0; i < len(gaps); {
		group := []typoGap{gaps[i]}
		sp := gaps[i].span
		j := i + 1
		for j < len(gaps) && gaps[j].span.Start < sp.End {
			group = append(group, gaps[j])
			sp.End = max(sp.End, gaps[j].span.End)
			j++
		}
		var edits []audit.Edit
		var whys []string
		var sug strings.Builder
		at := sp.Start
		for _, g := range group {
			edits = append(edits, g.edit)
			whys = append(whys, g.why)
			sug.WriteString(t[at:g.edit.Start])
			sug.WriteString(g.edit.New)
			at = g.edit.Start
		}
		sug.WriteString(t[at:sp.End])
		pass.Report(audit.Diagnostic{
			Start: sp.Start, End: sp.End,
			Message:    typoCapitalise(strings.Join(whys, "; ")),
			Suggestion: sug.String(),
			Confidence: 0.6,
			Fixes:      []audit.Fix{{Message: "Insert the article's space", Edits: edits}},
		})
		i = j
	}
}

// typoSpacingMarks lists the marks of the document that French typography
// spaces, with the space beside each, leaving out the ones no convention
// covers (times, ratios, addresses, runs of marks, line starts).
func typoSpacingMarks(out []typoSpacingMark, doc *audit.Document, sp typoSpacing) []typoSpacingMark {
	t := doc.Text
	marks := sp.marks
	first := runeStarts(marks)
	sk := newLeadSkipper(t, &first, marks)
	for _, ln := range doc.Lines {
		line := t[ln.Start:ln.End]
		for i := 0; i < len(line); {
			if !first[line[i]] {
				i = sk.skip(ln.Start+i, ln.End) - ln.Start // no mark starts with these bytes
				continue
			}
			r, n := utf8.DecodeRuneInString(line[i:])
			if !strings.ContainsRune(marks, r) {
				i += n
				continue
			}
			off := ln.Start + i
			if m, ok := typoSpacingMarkAt(line, i, r, n, sp); ok {
				m.off = off
				out = append(out, m)
			}
			i += n
		}
	}
	return out
}

// runeStarts returns the bytes the runes of marks start with, to skip
// the other bytes of a text without decoding them: a lead byte is never
// inside another rune, so the runes decoded at those bytes are those a
// rune-by-rune walk meets. When marks hold the replacement rune (which
// any invalid byte decodes to) every byte is one.
func runeStarts(marks string) (first [256]bool) {
	// Returned by value: the table stays on the caller's stack.
	if strings.ContainsRune(marks, utf8.RuneError) {
		for b := range first {
			first[b] = true
		}
		return first
	}
	for _, r := range marks {
		var b [utf8.UTFMax]byte
		utf8.EncodeRune(b[:], r)
		first[b[0]] = true
	}
	return first
}

// leadSkipper jumps to the next mark of a text: a byte the runeStarts
// table of the marks marks, and, when there are few marks, the first byte
// of one of them as a whole. It finds each mark with a vectorised search,
// once an occurrence, instead of testing every byte of the text, and
// passes over the other runes that share a mark's lead byte (the
// no-break space beside « and », the ’ beside “ and ”). A mark's lead byte
// is never inside another rune, so the offsets found are the marks a
// rune-by-rune walk meets.
type leadSkipper struct {
	t     string
	first *[256]bool
	marks [maxSkipMarks]string // the marks' encodings
	// next, per mark: its first offset at or after from (len(t) when
	// none is left), valid for queries in [from, next]; -1 before the first.
	next, from [maxSkipMarks]int
	n          int // marks, or -1: too many, tested byte by byte
}

// maxSkipMarks bounds the marks a leadSkipper searches for one by one.
const maxSkipMarks = 8

// newLeadSkipper returns a skipper over t for marks, first being
// runeStarts(marks).
func newLeadSkipper(t string, first *[256]bool, marks string) leadSkipper {
	s := leadSkipper{t: t, first: first}
	if strings.ContainsRune(marks, utf8.RuneError) {
		s.n = -1 // every byte may be one
		return s
	}
	for k, r := range marks {
		enc := marks[k : k+utf8.RuneLen(r)]
		if slices.Contains(s.marks[:s.n], enc) {
			continue
		}
		if s.n == len(s.marks) {
			s.n = -1
			break
		}
		s.marks[s.n], s.next[s.n], s.from[s.n] = enc, -1, 0
		s.n++
	}
	return s
}

// skip returns the first offset in [i, end) where a mark starts, or end;
// with too many marks, the first whose byte is marked in first. Offsets
// found are kept for later calls further on.
func (s *leadSkipper) skip(i, end int) int {
	if s.n < 0 {
		for i < end && !s.first[s.t[i]] {
			i++
		}
		return i
	}
	best := end
	for k := 0; k < s.n; k++ {
		if s.next[k] < i || s.from[k] > i {
			s.from[k] = i
			if j := indexMark(s.t[i:], s.marks[k]); j >= 0 {
				s.next[k] = i + j
			} else {
				s.next[k] = len(s.t)
			}
		}
		best = min(best, s.next[k])
	}
	return best
}

// indexMark is strings.Index(t, mark) for the encoding of one rune. It
// searches for the mark's last byte, which tells the marks of a script
// apart (“ and ’ share their first two bytes, « and the no-break space
// their first), then checks the bytes before it.
func indexMark(t, mark string) int {
	n := len(mark)
	if n == 1 {
		return strings.IndexByte(t, mark[0])
	}
	last := mark[n-1]
	for from := n - 1; from < len(t); {
		j := strings.IndexByte(t[from:], last)
		if j < 0 {
			return -1
		}
		end := from + j + 1
		if t[end-n:end] == mark {
			return end - n
		}
		from = end
	}
	return -1
}

// typoSpacingMarkAt judges the mark r of width n at line[i].
func typoSpacingMarkAt(line string, i int, r rune, n int, sp typoSpacing) (typoSpacingMark, bool) {
	m := typoSpacingMark{mark: r}
	prev, pn := utf8.DecodeLastRuneInString(line[:i])
	next, _ := utf8.DecodeRuneInString(line[i+n:])
	if r == sp.open && sp.open != 0 {
		if i+n >= len(line) {
			return m, false
		}
		if txIsSpace(next) {
			m.space = line[i+n : i+n+utf8.RuneLen(next)] // string(next), not copied
		}
		return m, true
	}
	if i == 0 {
		return m, false
	}
	if r == sp.close && sp.close != 0 {
		if txIsSpace(prev) {
			m.space = line[i-pn : i] // string(prev)
		}
		return m, true
	}
	if strings.ContainsRune(":;!?….", prev) || strings.ContainsRune(":;!?", next) && !txIsSpace(prev) {
		return m, false // a run of marks: ?!, !!!, …?
	}
	if r == ':' || r == ';' {
		// Times, ratios, addresses, emoticons: 12:30, 2:1, https://, :-), ;)
		if unicode.IsDigit(prev) && unicode.IsDigit(next) || next == '/' || next == '-' || next == ')' || next == '(' || next == 'D' && (i+n+1 >= len(line) || !unicode.IsLetter(rune(line[i+n+1]))) {
			return m, false
		}
		if w := typoLastField(line[:i]); strings.Contains(w, "://") || strings.HasPrefix(strings.ToLower(w), "http") || strings.HasPrefix(strings.ToLower(w), "www.") {
			return m, false
		}
	}
	if i+n < len(line) && (unicode.IsLetter(next) || unicode.IsDigit(next)) {
		return m, false // inside a token ("Mot:mot", "page?id=2"): not prose
	}
	if txIsSpace(prev) {
		m.space = line[i-pn : i]
	}
	m.quotedTerm = typoShortQuoteBefore(line[:i], sp)
	m.afterWord = unicode.IsLetter(prev) || unicode.IsDigit(prev)
	if r == '!' || r == '?' {
		rest := strings.TrimLeftFunc(line[i+n:], txIsSpace)
		first, _ := utf8.DecodeRuneInString(rest)
		m.midSentence = len(rest) < len(line[i+n:]) && unicode.IsLower(first)
	}
	return m, true
}

// typoShortQuoteBefore reports a line ending inside a quote of at most
// three words in the spaced quotation marks: « Host mi? », « Yahoo! ».
func typoShortQuoteBefore(s string, sp typoSpacing) bool {
	if sp.open == 0 {
		return false
	}
	k := strings.LastIndex(s, string(sp.open))
	if k < 0 || strings.ContainsRune(s[k:], sp.close) {
		return false
	}
	return !moreFieldsThan(s[k+utf8.RuneLen(sp.open):], 3)
}

// moreFieldsThan reports len(strings.Fields(s)) > n, counting no further
// than n+1 fields and keeping none.
func moreFieldsThan(s string, n int) bool {
	fields, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
			continue
		}
		if !in {
			in = true
			if fields++; fields > n {
				return true
			}
		}
	}
	return false
}

// typoLastField returns the text after the last space of s.
func typoLastField(s string) string {
	if k := strings.LastIndexFunc(s, txIsSpace); k >= 0 {
		_, n := utf8.DecodeRuneInString(s[k:])
		return s[k+n:]
	}
	return s
}
