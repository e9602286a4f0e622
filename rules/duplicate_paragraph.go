package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "duplicate.paragraph",
		Category: audit.Duplicate,
		Severity: audit.Minor,
		Title:    "Paragraph or caption repeated",
		Doc: `Flags the later copy of a paragraph or line printed twice: a photo caption
scraped once from the image and once from the text, a paragraph repeated
by the page's markup, or the same sentence translated twice a little
differently.

Copies are compared on their words alone (letters and digits, lower case),
so quotes (` + "`« »`" + ` and ` + "`\"…\"`" + `), apostrophes (` + "`'`" + ` and ` + "`’`" + `), spaces and
punctuation do not hide a copy. Lines are compared as well as paragraphs,
since a caption is often one line of a longer paragraph. Near copies are
found by shared word sequences, then measured with a word-level diff
(go-diff): at least 75% of the words must be kept. Units of fewer than
eight words (furniture such as "Partager" or a byline) and lines in
capitals (related-story headlines, app prompts: page furniture the scraped
rules report) are left alone, and
near copies need fifteen words and an earlier copy that is a sentence: a
headline or subheading (no final stop) restated by a later sentence is
news style, not an error.

The later copy is flagged, and the message names the line of the first.
Fix (exact copies only): delete the later copy with its blank line.
Near copies have no fix: an editor picks the better wording.`,
		Examples: []audit.Example{
			{Text: "La ministre visite l'usine de batteries de Douai, le 14 février.\n\nLe texte sera examiné lundi par les députés.\n\nLa ministre visite l’usine de batteries de Douai, le 14 février.", Trigger: true,
				Note: "the same caption with a straight and a curly apostrophe"},
			{Text: "Des grévistes tiennent des banderoles devant le siège de la préfecture à Nantes le 12 mars.\n\nIls réclament la fin des combats.\n\nLes grévistes tenaient des banderoles devant le siège de la préfecture à Nantes, le 12 mars.\n(AFP)", Trigger: true,
				Note: "a near copy, one line of a paragraph"},
			{Text: "Photo : Des cyclistes traversent le pont de la Guillotière. La course reprendra dimanche, selon les organisateurs.\n\nLe parcours compte 180 kilomètres.\n\nPhoto : Des cyclistes traversent le pont de la Guillotière.", Trigger: true,
				Note: "a caption fused into a paragraph, then printed again alone"},
			{Text: "Partager sur Facebook\n\nLe gouvernement a présenté son budget.\n\nPartager sur Facebook", Note: "too short to matter"},
			{Text: "La séance a commencé à neuf heures. Les élus ont voté le budget annexe.\n\nLa séance a commencé à neuf heures et demie, avec une heure de retard.", Note: "a sentence echoed with different words is not a copy"},
			{Text: "Le président a réuni son conseil de défense mardi soir à l'Élysée.\n\nLe Premier ministre a réuni les présidents des groupes parlementaires mercredi matin à Matignon."},
		},
		Fixable: true,
		Origin:  "rules/duplicate_paragraph.go",
		Run:     runDuplicateParagraph,
	})
}

const (
	// dupMinWords keeps short furniture lines out ("Partager sur Facebook
	// et sur Twitter"); dupMinSentenceWords applies to units that end like a
	// sentence, as captions do and furniture does not.
	dupMinWords         = 8
	dupMinSentenceWords = 5
	// dupMinNearWords keeps short near copies out: a headline echoed by the
	// lead sentence, a subheading restated, are news style, not errors.
	dupMinNearWords = 15
	// dupMinSimilarity is the share of words a near copy keeps.
	dupMinSimilarity = 0.75
	// dupShingle is the length of the word sequences that find candidates.
	dupShingle = 3
	// dupMaxPosting skips word sequences too common to tell copies apart.
	dupMaxPosting = 64
	// dupMaxCandidates bounds the diffs run for one unit.
	dupMaxCandidates = 8
)

// dupUnit is a paragraph, or a line of a paragraph of several lines.
type dupUnit struct {
	span  audit.Span
	para  int
	line  int     // index into Lines for a line unit; -1 for a paragraph
	words []int32 // word ids (dupWordTable), a slice of the table's
	at    int32   // the index of the first of words in the table
	key   uint64  // hash of the words: exact copies share it
}

// shingles is the number of dupShingle-word sequences of the unit.
func (u *dupUnit) shingles() int { return max(0, len(u.words)-dupShingle+1) }

// shingle returns the key of the word sequence starting at word k of u:
// shingleKey(u.words[k:k+dupShingle]), computed once for the document.
func (wt *dupWordTable) shingle(u *dupUnit, k int) uint64 { return wt.shingles[int(u.at)+k] }

func runDuplicateParagraph(pass *audit.Pass) {
	doc := pass.Doc
	sh := shapeOf(pass)
	f := dupFinders.Get().(*dupFinder)
	defer f.release()
	f.words.build(sh)
	if f.words.live == 0 {
		// No word sequence is met twice: every copy, exact or near, of a
		// unit (five words or more) shares one with the first, so there
		// is none.
		return
	}
	f.units = dupUnits(sh, &f.words, f.units[:0])
	units := f.units
	if len(units) < 2 {
		return
	}
	// Only the word sequences met twice or more are indexed (see live).
	f.posting.reset(f.words.live)
	f.exact.reset(len(units))
	f.sentIndex.reset(len(units))
	f.text = doc.Text
	f.dmp.DiffTimeout = 100 * time.Millisecond
	// Paragraph by paragraph: a paragraph copied whole is one finding; else
	// its lines are checked (a caption is often one line of a paragraph);
	// else the paragraph as a near copy.
	for i := 0; i < len(units); {
		j := i + 1
		for j < len(units) && units[j].para == units[i].para {
			j++
		}
		group := units[i:j]
		var para *dupUnit
		lines, first := group, i
		if group[0].line < 0 {
			para, lines, first = &group[0], group[1:], i+1
		}
		hit := false
		switch {
		case para != nil && f.exactCopy(para) >= 0:
			reportDuplicate(pass, units[f.exactCopy(para)], *para, 1)
			hit = true
		default:
			lineHit := false
			for k := range lines {
				u := &lines[k]
				if e := f.exactCopy(u); e >= 0 {
					reportDuplicate(pass, units[e], *u, 1)
					lineHit = true
				} else if n, sim := f.nearCopy(u); n >= 0 {
					reportDuplicate(pass, units[n], *u, sim)
					lineHit = true
				}
				f.addExact(first + k) // identical lines of one paragraph count too
			}
			hit = lineHit
			if para != nil && !lineHit {
				if n, sim := f.nearCopy(para); n >= 0 {
					reportDuplicate(pass, units[n], *para, sim)
					hit = true
				}
			}
		}
		pi := units[i].para
		f.sents = dupSentenceUnits(sh, &f.words, pi, f.sents[:0])
		sentences := f.sents
		if !hit {
			f.sentenceCopies(pass, group, sentences)
		}
		for k := i; k < j; k++ {
			f.addExact(k)
			f.addShingles(k)
		}
		for _, u := range sentences {
			if _, ok := f.sentenceCopy(&u); !ok {
				f.sentIndex.set(u.key, int32(len(f.sentUnits)))
				f.sentUnits = append(f.sentUnits, u)
			}
		}
		i = j
	}
}

// dupFinder indexes the units seen so far. Its tables are reused from one
// document to the next (dupFinders): the rule allocates little per document.
type dupFinder struct {
	text  string
	words dupWordTable
	units []dupUnit
	sents []dupUnit // the current paragraph's sentence units
	// exact maps a unit's key to the first unit with those words.
	exact keyIndex
	// posting maps a word sequence's key to a list of the units holding
	// it (postUnit/postNext, newest first), with the count of all units
	// holding it; only units long enough to be near copies are listed.
	posting  postTable
	postUnit []int32
	postNext []int32
	dmp      *diffmatchpatch.DiffMatchPatch
	// shared counts, per earlier unit, the word sequences nearCopy's unit
	// shares with it; touched lists the units counted (reset after use).
	shared  []int
	touched []int
	cands   []dupCand // nearCopy's candidates
	enc     [2][]rune // wordSimilarity's buffers
	sorted  [2][]rune // missingWords' buffers
	// sentIndex indexes (into sentUnits) the sentences of earlier
	// paragraphs of several sentences: a caption fused into a paragraph and
	// printed again alone.
	sentIndex keyIndex
	sentUnits []dupUnit
}

// dupCand is an earlier unit nearCopy compares, with the number of word
// sequences it shares.
type dupCand struct{ unit, shared int }

// postList is the head of a posting list and the number of units in it,
// listed or not.
type postList struct{ head, n int32 }

var dupFinders = sync.Pool{New: func() any {
	return &dupFinder{
		dmp: diffmatchpatch.New(),
	}
}}

// release empties the finder (keeping its capacity) and returns it to the pool.
func (f *dupFinder) release() {
	f.text = ""
	f.words.reset()
	f.units, f.sents, f.sentUnits = f.units[:0], f.sents[:0], f.sentUnits[:0]
	f.postUnit, f.postNext = f.postUnit[:0], f.postNext[:0]
	f.shared, f.touched, f.cands = f.shared[:0], f.touched[:0], f.cands[:0]
	dupFinders.Put(f)
}

func (f *dupFinder) addExact(i int) {
	u := &f.units[i]
	if j, ok := f.exact.get(u.key); !ok {
		f.exact.set(u.key, int32(i))
	} else if !slices.Equal(f.units[j].words, u.words) {
		// Another text with the same 64-bit hash: keep the first.
		return
	}
}

func (f *dupFinder) addShingles(i int) {
	u := &f.units[i]
	keys := f.words.shingles[u.at:][:u.shingles()] // shingle(u, k) for every k
	if len(u.words) < dupMinNearWords {
		for _, h := range keys {
			if h != dupDeadShingle {
				f.posting.at(h).n++
			}
		}
		return
	}
	// Room for a posting per sequence, written by index: the loop has
	// no call (append's growth) to put its variables on the stack.
	units := slices.Grow(f.postUnit, len(keys))
	next := slices.Grow(f.postNext, len(keys))
	m := len(units)
	units, next = units[:cap(units)], next[:cap(next)]
	for _, h := range keys {
		if h == dupDeadShingle {
			continue
		}
		pl := f.posting.at(h)
		pl.n++
		units[m], next[m] = int32(i), pl.head
		pl.head = int32(m)
		m++
	}
	f.postUnit, f.postNext = units[:m], next[:m]
}

// sentenceCopy returns the indexed sentence with u's words, if any.
func (f *dupFinder) sentenceCopy(u *dupUnit) (*dupUnit, bool) {
	k, ok := f.sentIndex.get(u.key)
	if !ok || !slices.Equal(f.sentUnits[k].words, u.words) {
		return nil, false
	}
	return &f.sentUnits[k], true
}

// headlineRestated reports an earlier unit without a final stop (a headline
// or subheading) that the later, punctuated sentence restates.
func (f *dupFinder) headlineRestated(first, later *dupUnit) bool {
	return !dupEndsSentence(f.text[first.span.Start:first.span.End]) && dupEndsSentence(f.text[later.span.Start:later.span.End])
}

func dupEndsSentence(s string) bool {
	// dupEndsSentenceSlow, reading ASCII from its bytes.
	for len(s) > 0 {
		switch c := s[len(s)-1]; {
		case c >= utf8.RuneSelf:
			return dupEndsSentenceSlow(s)
		case c == ' ' || '\t' <= c && c <= '\r' || c == '"' || c == '\'' || c == ')' || c == ']':
			s = s[:len(s)-1]
		default:
			return c == '.' || c == '!' || c == '?'
		}
	}
	return false
}

// dupEndsSentenceSlow reports whether s ends with a stop, past spaces,
// closing quotes and brackets.
func dupEndsSentenceSlow(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool { return txIsSpace(r) || strings.ContainsRune("»\"”’')]“", r) })
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…", r)
}

// exactCopy returns an earlier unit with the same words, not u's own
// paragraph or one of its lines, or -1.
func (f *dupFinder) exactCopy(u *dupUnit) int {
	j32, ok := f.exact.get(u.key)
	j := int(j32)
	if !ok || !slices.Equal(f.units[j].words, u.words) ||
		(f.units[j].para == u.para && (f.units[j].line < 0 || u.line < 0)) || f.units[j].span == u.span {
		return -1
	}
	return j
}

// nearCopy returns the most similar earlier unit of another paragraph
// keeping at least dupMinSimilarity of the words, or -1.
func (f *dupFinder) nearCopy(u *dupUnit) (int, float64) {
	// Both copies need dupMinNearWords words (see below).
	if len(u.words) < dupMinNearWords {
		return -1, 0
	}
	if len(f.shared) < len(f.units) {
		// Every count is back to 0 after use, so a reused slice is clean.
		if cap(f.shared) >= len(f.units) {
			f.shared = f.shared[:len(f.units)]
		} else {
			f.shared = make([]int, len(f.units))
		}
	}
	touched := f.touched[:0]
	for k := range u.shingles() {
		h := f.words.shingle(u, k)
		if h == dupDeadShingle {
			continue
		}
		pl := f.posting.get(h)
		if pl.n == 0 || pl.n > dupMaxPosting {
			continue
		}
		for p := pl.head; p >= 0; p = f.postNext[p] {
			j := int(f.postUnit[p])
			if f.shared[j] == 0 {
				touched = append(touched, j)
			}
			f.shared[j]++
		}
	}
	// The candidates sharing most word sequences, at most dupMaxCandidates
	// of them, go to the diff.
	cands := f.cands[:0]
	for _, j := range touched {
		n := f.shared[j]
		f.shared[j] = 0
		o := &f.units[j]
		if o.para == u.para {
			continue
		}
		small := min(o.shingles(), u.shingles())
		if float64(n) < 0.3*float64(small) {
			continue
		}
		lo, hi := min(len(o.words), len(u.words)), max(len(o.words), len(u.words))
		if lo < dupMinNearWords || float64(lo) < dupMinSimilarity*float64(hi) || f.headlineRestated(o, u) {
			continue
		}
		cands = append(cands, dupCand{j, n})
	}
	f.touched, f.cands = touched, cands
	// Most shared first, then the earliest: a total order (units differ).
	slices.SortFunc(cands, func(a, b dupCand) int {
		if a.shared != b.shared {
			return cmp.Compare(b.shared, a.shared)
		}
		return cmp.Compare(a.unit, b.unit)
	})
	if len(cands) > dupMaxCandidates {
		cands = cands[:dupMaxCandidates]
	}
	best, bestSim := -1, 0.0
	for _, c := range cands {
		j, o := c.unit, &f.units[c.unit]
		sim := f.wordSimilarity(o.words, u.words)
		if sim >= dupMinSimilarity && (sim > bestSim || (sim == bestSim && j < best)) {
			best, bestSim = j, sim
		}
	}
	return best, bestSim
}

// dupUnits appends to out the paragraphs and, for paragraphs of several
// lines, their lines, in text order, keeping those of at least dupMinWords
// words.
func dupUnits(sh *shape, wt *dupWordTable, out []dupUnit) []dupUnit {
	doc := sh.doc
	add := func(sp audit.Span, para, line, first, last int) {
		// A paragraph's span runs from its first line's start to its last
		// line's end: its tokens are those of its lines.
		words, at := wt.inTokens(sh.lineTokenBounds(first, last))
		if u, ok := newDupUnit(sh, wt, sp, para, line, words, at); ok {
			out = append(out, u)
		}
	}
	for pi, p := range doc.Paragraphs {
		add(p.Span, pi, -1, p.FirstLine, p.LastLine)
		if p.LastLine > p.FirstLine {
			for li := p.FirstLine; li <= p.LastLine; li++ {
				add(doc.Lines[li], pi, li, li, li)
			}
		}
	}
	return out
}

// newDupUnit makes a unit of a span long enough to compare (not a line in capitals).
func newDupUnit(sh *shape, wt *dupWordTable, sp audit.Span, para, line int, words []int32, at int32) (dupUnit, bool) {
	text := sh.doc.Text[sp.Start:sp.End]
	least := dupMinWords
	if dupEndsSentence(text) {
		least = dupMinSentenceWords
	}
	if wt.longWords(at, len(words)) < least || txAllCaps(text) {
		return dupUnit{}, false
	}
	return dupUnit{span: sp, para: para, line: line, words: words, at: at, key: hashIDs(words)}, true
}

// dupSentence marks a unit that is one sentence of a paragraph.
const dupSentence = -2

// dupSentenceUnits appends to out the sentences of paragraph pi as units
// when it has several (a paragraph of one sentence is already a unit).
func dupSentenceUnits(sh *shape, wt *dupWordTable, pi int, out []dupUnit) []dupUnit {
	ss := sh.doc.ParagraphSentences(pi)
	if len(ss) < 2 {
		return out
	}
	// A sentence's tokens are searched among its paragraph's only.
	p := &sh.doc.Paragraphs[pi]
	lo, hi := sh.lineTokenBounds(p.FirstLine, p.LastLine)
	for _, s := range ss {
		words, at := wt.in(sh.toks[:hi], lo, s.Span)
		if u, ok := newDupUnit(sh, wt, s.Span, pi, dupSentence, words, at); ok {
			out = append(out, u)
		}
	}
	return out
}

// sentenceCopies finds exact copies at sentence level, for a paragraph with
// no other copy: one of its lines or the paragraph itself repeating a
// sentence of an earlier paragraph, or one of its sentences repeating an
// earlier line, paragraph or sentence. Each is reported once, as the later copy.
func (f *dupFinder) sentenceCopies(pass *audit.Pass, group, sentences []dupUnit) {
	for _, units := range [2][]dupUnit{group, sentences} {
		for i := range units {
			u := &units[i]
			if first, ok := f.sentenceCopy(u); ok && first.para != u.para {
				reportDuplicate(pass, *first, *u, 1)
				continue
			}
			if u.line == dupSentence {
				if e := f.exactCopy(u); e >= 0 {
					reportDuplicate(pass, f.units[e], *u, 1)
				}
			}
		}
	}
}

// dupWordTable numbers the words of a document (lower-cased runs of letters
// and digits, read from its tokens) in one pass: ids[k] for the k-th word,
// tokWord[t] the index of token t's first word. The words of any span are
// then a slice of ids: the rule tokenises the text once, not once per
// paragraph, line and sentence.
type dupWordTable struct {
	// forms is the shape's table of folded forms, whose ids are the ids
	// of the words that are forms; nforms is its size, and extra numbers
	// the other words from nforms on.
	forms  *wordTable
	nforms int32
	extra  wordIntern
	// info, by id: the number of occurrences, up to 2 (dupOcc bits),
	// and dupLongWord for a word of two runes or more (not the "l" of
	// "l'"); one byte, so a word read is one load.
	info    []uint8
	words   []int32
	tokWord []int32
	// longBefore[k] counts the long words among words[:k]: a unit's count
	// is a difference, not a walk over its words.
	longBefore []int32
	// shingles[k] is shingleKey(words[k:k+dupShingle]): a unit's word
	// sequences are those of the table from its first word on, so each is
	// keyed once, not once for its paragraph, its line and each look-up.
	// A sequence holding a word met once in the document is met once
	// itself: no other unit can share it, and its key is dupDeadShingle,
	// neither indexed nor looked up. live counts the others.
	shingles []uint64
	live     int
	// memo holds, by folded form, the id of its one word, or where runs
	// lists its several (see build); numMemo the same by number (nums).
	memo    []int32
	nums    wordIntern
	numMemo []int32
	runs    []int32
}

func (wt *dupWordTable) reset() {
	wt.forms = nil
	wt.extra.drop()
	wt.nums.drop()
	wt.info, wt.words, wt.tokWord = wt.info[:0], wt.words[:0], wt.tokWord[:0]
	wt.longBefore, wt.shingles = wt.longBefore[:0], wt.shingles[:0]
	wt.memo, wt.numMemo, wt.runs = wt.memo[:0], wt.numMemo[:0], wt.runs[:0]
}

// build numbers the words of the shape's tokens.
//
// A word token's words are the letter and digit runs of its folded form
// (folding keeps a rune a letter or digit or not: TestDupFoldRuns). Most
// forms are one run (no tJoined), the word itself: its id is the form's
// id in the shape's word table, and nothing is hashed. A form of several
// runs ("l’armée", "états-unis") is split once, on its first token, and
// its ids kept in runs; a run, or a number's, that is a form of the table
// takes that form's id, any other an id past the table's (extra). Ids
// only tell words apart: the rule compares them, never orders them.
func (wt *dupWordTable) build(sh *shape) {
	forms := sh.wordsOf()
	nf := len(forms.words)
	wt.forms, wt.nforms = forms, int32(nf)
	wt.extra.reset(len(sh.toks) / 16)
	wt.nums.reset(len(sh.toks) / 16)
	wt.memo = resized(wt.memo, nf)
	wt.numMemo = wt.numMemo[:0]
	// The long bit of every form at once, in a loop of its own: the token
	// loop then only counts (a form is long or not wherever it occurs).
	info := dupGrown(wt.info, nf)
	for id, w := range forms.words {
		info[id] = dupLongBit(w)
	}
	wt.info = info
	// The tables go to the loops in locals, handed to wt around the rare
	// tokens that are not a word of one run.
	toks, formID := sh.toks, forms.id
	firstWord := dupGrown(wt.tokWord, len(toks)+1)
	words := wt.words[:0]
	// Resliced to the tokens' length: no bounds check by token.
	fw, formID := firstWord[:len(toks)], formID[:len(toks)]
	for k := 0; ; k++ {
		// Room for a word per token left: the run's loop appends none.
		words = slices.Grow(words, len(toks)-k)
		words, k = dupPlainRun(toks, formID, fw, info, words, k)
		if k == len(toks) {
			break
		}
		wt.words = words
		wt.addJoined(sh, k)
		words, info = wt.words, wt.info
	}
	firstWord[len(toks)] = int32(len(words))
	wt.tokWord, wt.words = firstWord, words
	var thirds int
	if len(words) >= dupShingle {
		thirds = len(words) - dupShingle + 1
	}
	shingles := dupGrown(wt.shingles, thirds)
	lb := dupGrown(wt.longBefore, len(words)+1)
	live := dupPackShingles(words, info, shingles, lb)
	if dupShingle != 3 || len(info) > 1<<dupPackBits {
		// Ids too large to pack (two million words): the keys again,
		// hashed where they must be.
		for k, h := range shingles {
			if h != dupDeadShingle {
				shingles[k] = shingleKey(words[k : k+dupShingle])
			}
		}
	}
	wt.longBefore, wt.shingles, wt.live = lb, shingles, live
}

// dupPlainRun numbers the tokens from k on up to the next that is neither
// a word of one run nor punctuation (a joined word or a number), where it
// stops, and returns words with theirs. words has room for a word per
// token: with no call in it (no append that may grow), the loop keeps its
// variables in registers, where build's, live across its calls, went to
// the stack and back for every token.
func dupPlainRun(toks []token, formID, fw []int32, info []uint8, words []int32, k int) ([]int32, int) {
	n := len(words)
	words = words[:cap(words)]
	// Resliced to the tokens' length: no bounds check by token.
	fw, formID = fw[:len(toks)], formID[:len(toks)]
	for ; k < len(toks); k++ {
		fw[k] = int32(n)
		tk := &toks[k]
		if tk.Kind == tokWord && tk.Flags&tJoined == 0 {
			// One run, the form itself, counted up to 2 without a
			// branch: (o&dupOcc)^2 is 2 or 3 below 2, 0 at 2.
			f := formID[k]
			o := info[f]
			info[f] = o + ((o&dupOcc)^2)>>1
			words[n] = f
			n++
			continue
		}
		if tk.Kind != tokPunct {
			break
		}
	}
	return words[:n], k
}

// dupPackShingles fills shingles with the key of each sequence of words,
// 0 for one holding a word met once (dupDeadShingle), and lb with the
// counts of long words before each word (longBefore); it returns the
// sequences left (live). A function of its own for the same reason as
// dupPlainRun, and two loops, each with few enough variables for the
// registers.
func dupPackShingles(words []int32, info []uint8, shingles []uint64, lb []int32) (live int) {
	n := int32(0)
	lb = lb[:len(words)+1]
	for k, w := range words {
		lb[k] = n
		n += int32(info[w] >> dupLongShift & 1)
	}
	lb[len(words)] = n
	if len(shingles) == 0 {
		return 0
	}
	// x, y are words k and k+1 and a, b their info: each word and its
	// info are read once, as the third of a sequence.
	x, y := words[0], words[1]
	a, b := info[x], info[y]
	// The loop packs every key (shingleKey's, written out).
	for k, w := range words[2 : 2+len(shingles)] {
		c := info[w]
		h := uint64(dupDeadShingle)
		if a&b&c&2 != 0 { // each met twice or more
			h = 1<<63 | uint64(x) | uint64(y)<<dupPackBits | uint64(w)<<(2*dupPackBits)
			live++
		}
		shingles[k] = h
		x, y, a, b = y, w, b, c
	}
	return live
}

// addJoined adds the words of token k, a joined word or a number: its
// runs, split on its form's first token (memo, numMemo).
func (wt *dupWordTable) addJoined(sh *shape, k int) {
	tk := &sh.toks[k]
	var m *int32
	if tk.Kind == tokNum {
		id, isNew := wt.nums.id(sh.low(tk))
		if isNew {
			wt.numMemo = append(wt.numMemo, 0)
		}
		m = &wt.numMemo[id]
	} else {
		m = &wt.memo[wt.forms.id[k]]
	}
	v := *m
	if v == 0 {
		v = wt.split(sh.low(tk))
		*m = v
	}
	if v > 0 {
		id := v - 1
		wt.words = append(wt.words, id)
		wt.met(id)
		return
	}
	at := int(-v - 1)
	ids := wt.runs[at+1 : at+1+int(wt.runs[at])]
	wt.words = append(wt.words, ids...)
	for _, id := range ids {
		wt.met(id)
	}
}

// dupGrown returns b with length n, its elements left as they are: for a
// slice every element of which is written next.
func dupGrown[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}

// dupDeadShingle is the key of a word sequence met only once; no sequence
// has it (shingleKey).
const dupDeadShingle = 0

// split returns the memo of folded form w: id+1 for its one run, -(i+1)
// for its several listed at runs[i] (their count, then their ids); 0
// marks a form not yet split.
func (wt *dupWordTable) split(w string) int32 {
	from := len(wt.runs)
	wt.runs = append(wt.runs, 0)
	start := -1
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			// ASCII: a run of letters and digits in one tight loop.
			if dupASCIIWord[c] {
				if start < 0 {
					start = i
				}
				for i++; i < len(w) && dupASCIIWord[w[i]]; i++ {
				}
				continue
			}
			if start >= 0 {
				wt.runs = append(wt.runs, wt.runID(w[start:i]))
				start = -1
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		if word && start < 0 {
			start = i
		} else if !word && start >= 0 {
			wt.runs = append(wt.runs, wt.runID(w[start:i]))
			start = -1
		}
		i += n
	}
	if start >= 0 {
		wt.runs = append(wt.runs, wt.runID(w[start:]))
	}
	n := len(wt.runs) - from - 1
	wt.runs[from] = int32(n)
	if n == 1 {
		id := wt.runs[from+1]
		wt.runs = wt.runs[:from]
		return id + 1
	}
	return -int32(from) - 1
}

// runID returns the id of w, a run of letters and digits.
func (wt *dupWordTable) runID(w string) int32 {
	id, ok := wt.forms.idOf(w)
	if !ok {
		e, isNew := wt.extra.id(w)
		id = wt.nforms + e
		if !isNew {
			return id
		}
		wt.info = append(wt.info, 0)
	}
	wt.info[id] &^= dupLongWord
	if dupLong(w) {
		wt.info[id] |= dupLongWord
	}
	return id
}

// The bits of dupWordTable.info.
const (
	dupOcc       = 3 // occurrences, up to 2
	dupLongShift = 2
	dupLongWord  = 1 << dupLongShift // two runes or more
)

// met counts an occurrence of word id, up to 2.
func (wt *dupWordTable) met(id int32) {
	if wt.info[id]&dupOcc < 2 {
		wt.info[id]++
	}
}

// long reports whether word id has two runes or more.
func (wt *dupWordTable) long(id int32) bool { return wt.info[id]&dupLongWord != 0 }

// word returns the word numbered id.
func (wt *dupWordTable) word(id int32) string {
	if id < wt.nforms {
		return wt.forms.words[id]
	}
	return wt.extra.words[id-wt.nforms]
}

// dupLongBit is dupLongWord when w is long (dupLong), else 0. A word
// longer than the encoding of its first rune has a second one: that
// answers without a branch on the length for nearly every word, whatever
// its bytes (an invalid byte counts as a rune of one byte); the others,
// a single rune such as "à" or "l", are counted.
func dupLongBit(w string) uint8 {
	if len(w) == 0 {
		return 0
	}
	var b uint8
	if len(w) > int(dupFirstRuneLen[w[0]]) {
		b = dupLongWord
	} else if dupLong(w) {
		b = dupLongWord
	}
	return b
}

// dupFirstRuneLen is the length of the encoding of a rune by its first
// byte, 1 for a byte no rune's encoding starts with.
var dupFirstRuneLen = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= 0xF0 && c <= 0xF4:
			t[c] = 4
		case c >= 0xE0 && c <= 0xEF:
			t[c] = 3
		case c >= 0xC2 && c <= 0xDF:
			t[c] = 2
		default:
			t[c] = 1
		}
	}
	return t
}()

// dupLong reports whether w has two runes or more (not the "l" of "l'"):
// five bytes or more always do, one byte never does.
func dupLong(w string) bool {
	return len(w) > 4 || len(w) > 1 && utf8.RuneCountInString(w) >= 2
}

// dupASCIIWord marks the ASCII letters and digits; bytes of other runes
// are not marked.
var dupASCIIWord = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9'
	}
	return t
}()

// in returns the ids of the words of the tokens inside span sp, and the
// index of the first in the table; toks[from:] holds them (toks is a
// prefix of the shape's tokens).
func (wt *dupWordTable) in(toks []token, from int, sp audit.Span) ([]int32, int32) {
	// sh.tokensIn(sp), its walk to the span's end a second binary search:
	// tokens follow one another, their ends in order too.
	lo, hi := from, len(toks)
	for lo < hi {
		if m := int(uint(lo+hi) >> 1); int(toks[m].Start) < sp.Start {
			lo = m + 1
		} else {
			hi = m
		}
	}
	first := lo
	hi = len(toks)
	for lo < hi {
		if m := int(uint(lo+hi) >> 1); int(toks[m].End) <= sp.End {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return wt.inTokens(first, lo)
}

// inTokens returns the ids of the words of tokens [lo, hi), and the index
// of the first in the table.
func (wt *dupWordTable) inTokens(lo, hi int) ([]int32, int32) {
	a, b := wt.tokWord[lo], wt.tokWord[hi]
	return wt.words[a:b:b], a
}

// longWords counts the words of two letters or more among the n words
// from the at-th.
func (wt *dupWordTable) longWords(at int32, n int) int {
	return int(wt.longBefore[int(at)+n] - wt.longBefore[at])
}

// shingleKey is the key of a sequence of dupShingle word ids: the ids
// themselves, 21 bits each, when they fit (no two sequences share one);
// else their hash, without the top bit the packed keys have; never
// dupDeadShingle.
func shingleKey(ws []int32) uint64 {
	const bits = dupPackBits
	if dupShingle == 3 && len(ws) == 3 && uint32(ws[0]|ws[1]|ws[2]) < 1<<bits {
		return 1<<63 | uint64(ws[0]) | uint64(ws[1])<<bits | uint64(ws[2])<<(2*bits)
	}
	return max(1, hashIDs(ws)&^(1<<63))
}

// dupPackBits is the bits of a word id in a packed shingleKey.
const dupPackBits = 21

// hashIDs hashes the ids two words at a time (a round is a multiply and
// a shift, one after the other: half the rounds, half the wait), each
// pair mixed in as one number, then the length.
func hashIDs(ws []int32) uint64 {
	const m = 0x9E3779B97F4A7C15
	h := uint64(14695981039346656037)
	n := len(ws)
	for ; len(ws) >= 2; ws = ws[2:] {
		h = (h ^ (uint64(uint32(ws[0])) | uint64(uint32(ws[1]))<<32)) * m
		h ^= h >> 29
	}
	if len(ws) == 1 {
		h = (h ^ uint64(uint32(ws[0]))) * m
		h ^= h >> 29
	}
	h = (h ^ uint64(n)) * m
	return h ^ h>>32
}

// wordSimilarity is 1 - (word-level Levenshtein distance / longer length),
// from go-diff run over words encoded as one rune each.
func (f *dupFinder) wordSimilarity(a, b []int32) float64 {
	enc := func(buf []rune, ws []int32) []rune {
		buf = buf[:0]
		for _, w := range ws {
			// Supplementary planes: a million ids, none a surrogate.
			buf = append(buf, min(rune(0x10000+w), utf8.MaxRune))
		}
		return buf
	}
	f.enc[0], f.enc[1] = enc(f.enc[0], a), enc(f.enc[1], b)
	ra, rb := f.enc[0], f.enc[1]
	// Words of one copy missing from the other are edits whatever the
	// diff: when they alone put the pair under dupMinSimilarity, the diff
	// (the costly part) cannot lift it over, and this bound is returned.
	if sim := 1 - float64(f.missingWords(ra, rb))/float64(max(len(a), len(b))); sim < dupMinSimilarity {
		return sim
	}
	diffs := f.dmp.DiffMainRunes(ra, rb, false)
	d := f.dmp.DiffLevenshtein(diffs)
	return 1 - float64(d)/float64(max(len(a), len(b)))
}

// missingWords is a lower bound of the word-level Levenshtein distance
// of a and b as DiffLevenshtein measures it: the words of the longer
// copy beyond those the two share (as multisets).
func (f *dupFinder) missingWords(a, b []rune) int {
	f.sorted[0], f.sorted[1] = append(f.sorted[0][:0], a...), append(f.sorted[1][:0], b...)
	sa, sb := f.sorted[0], f.sorted[1]
	slices.Sort(sa)
	slices.Sort(sb)
	common := 0
	for i, j := 0, 0; i < len(sa) && j < len(sb); {
		switch {
		case sa[i] == sb[j]:
			common++
			i++
			j++
		case sa[i] < sb[j]:
			i++
		default:
			j++
		}
	}
	return max(len(a), len(b)) - common
}

func reportDuplicate(pass *audit.Pass, first, later dupUnit, sim float64) {
	doc := pass.Doc
	line, _ := doc.LineTable().Position(first.span.Start)
	what := "Paragraph"
	switch {
	case later.line >= 0:
		what = "Line"
	case later.line == dupSentence:
		what = "Sentence"
	}
	d := audit.Diagnostic{Start: later.span.Start, End: later.span.End}
	if sim >= 1 {
		d.Message = fmt.Sprintf("%s repeats the text at line %d", what, line)
		d.Confidence = 0.95
		// A sentence inside a paragraph has no safe deletion: the rest of
		// the paragraph stays, and its spacing is the editor's call.
		if del, ok := dupDeletion(doc, later); ok && later.line != dupSentence {
			d.Fixes = []audit.Fix{{Message: "Delete the repeated copy", Edits: []audit.Edit{del}}}
		}
	} else {
		d.Message = fmt.Sprintf("%s nearly repeats the text at line %d (%.0f%% of the words)", what, line, 100*sim)
		d.Confidence = 0.55 + 0.4*(sim-dupMinSimilarity)/(1-dupMinSimilarity)
	}
	pass.Report(d)
}

// dupDeletion removes a later copy with the line break or blank line that
// separates it from the text before it.
func dupDeletion(doc *audit.Document, u dupUnit) (audit.Edit, bool) {
	if u.line >= 0 {
		p := doc.Paragraphs[u.para]
		if u.line < p.LastLine {
			return audit.Edit{Start: u.span.Start, End: doc.Lines[u.line+1].Start}, true
		}
		return audit.Edit{Start: doc.Lines[u.line-1].End, End: u.span.End}, true
	}
	if u.para == 0 {
		return audit.Edit{}, false
	}
	return audit.Edit{Start: doc.Paragraphs[u.para-1].End, End: u.span.End}, true
}

// postTable maps the key of a word sequence to its postList: an open
// addressing table sized once a document for all its word sequences, so
// that adding one costs a probe or two and no growth.
type postTable struct {
	slots []postSlot
	shift uint
}

// postSlot is a slot of postTable; n is 0 in an empty slot.
type postSlot struct {
	key uint64
	pl  postList
}

// postTableKept is the most slots a reused postTable keeps for a smaller
// document (256 KB).
const postTableKept = 1 << 14

// reset empties the table and sizes it for n keys at most.
func (t *postTable) reset(n int) {
	size, shift := 8, uint(61)
	for size < 2*n {
		size, shift = size*2, shift-1
	}
	// A reused table keeps its array unless far too large: only the
	// slots in use are cleared, and articles of every length alternate.
	if c := cap(t.slots); c >= size && (c <= 4*size || c <= postTableKept) {
		t.slots = t.slots[:size]
		clear(t.slots)
	} else {
		t.slots = make([]postSlot, size)
	}
	t.shift = shift
}

// slot returns the slot of key h, or the empty slot where it goes.
func (t *postTable) slot(h uint64) *postSlot {
	mask := len(t.slots) - 1
	for i := int((h * 0x9E3779B97F4A7C15) >> t.shift); ; i = (i + 1) & mask {
		if sl := &t.slots[i]; sl.pl.n == 0 || sl.key == h {
			return sl
		}
	}
}

// get returns the list of key h (n is 0 when there is none).
func (t *postTable) get(h uint64) postList {
	return t.slot(h).pl
}

// at returns the list of key h, adding an empty one (head -1) if need be;
// the caller counts the unit it adds (n > 0 afterwards).
func (t *postTable) at(h uint64) *postList {
	sl := t.slot(h)
	if sl.pl.n == 0 {
		sl.key, sl.pl.head = h, -1
	}
	return &sl.pl
}
