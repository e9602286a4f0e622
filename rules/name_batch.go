package rules

import (
	"fmt"
	mathbits "math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// BatchExampleSeparator separates the articles of one example of a batch
// rule: a line of five equals signs between blank lines. SplitBatchExample
// cuts an example text into its articles.
const BatchExampleSeparator = "\n\n=====\n\n"

// SplitBatchExample returns the articles of a batch rule's example text.
func SplitBatchExample(text string) []string { return strings.Split(text, BatchExampleSeparator) }

func init() {
	register(&audit.Rule{
		ID:       "name.batch",
		Category: audit.Name,
		Severity: audit.Minor,
		Title:    "A name spelled differently across the articles of a run",
		Doc: `Flags a name spelled one way in some articles of a run and another way in
the others, each article being consistent with itself (an article that
uses both spellings is left to ` + "`name.variant`" + `). An MT engine run over a
day's news transliterates the same person differently from one article to
the next.

Spellings are compared as in ` + "`name.variant`" + ` (accents, transliteration,
small edit distance, the language's endings and exonyms set aside), more
strictly, and only among the articles of one language (each language
transliterates names its own way):
articles of a run speak of different people, so spellings that differ by
more than accents and transliteration must also share a first name or
surname somewhere (` + "`Ingrid Hallberg`" + ` here, ` + "`Ingrid Halberg`" + ` there), and words
any article of the run writes in lower case are common words, not names. The canonical
spelling is the glossary's when one matches; otherwise it must be used in at
least two articles and in at least twice as many articles as the other
spelling, which is then flagged in the articles that use it; with only one
article on each side, the canonical spelling must be used at least three
times, the other once, and beside the same first name or surname. Spellings seen
beside different first names or surnames are taken for different people.

Examples of this rule hold several articles separated by a line ` + "`=====`" + `
between blank lines.

Fix: spell the name the canonical way.`,
		Examples: []audit.Example{
			{Text: "Le ministre Rouslan Gribanov a reçu son homologue mardi.\n\n=====\n\nRouslan Gribanov a annoncé de nouveaux pourparlers.\n\n=====\n\nLe ministre Rouslan Gribanov s'est rendu à Genève.\n\n=====\n\nRouslan Gribanoff a démenti toute escalade.", Trigger: true},
			{Text: "Le ministre Rouslan Gribanov a reçu son homologue mardi.\n\n=====\n\nRouslan Gribanoff a démenti toute escalade.", Note: "one article against one, one use each: no majority"},
			{Text: "Le ministre Rouslan Gribanov a reçu son homologue mardi. Rouslan Gribanov a promis une réponse.\n\nGribanov rentre à Moscou jeudi.\n\n=====\n\nRouslan Gribanoff a démenti toute escalade.", Trigger: true, Note: "one article against one: three uses against one, same first name"},
		},
		Fixable: true,
		Origin:  "rules/name_batch.go",
		// Batch rules run on every document of a run; the articles are
		// summarised while they are audited, so a run keeps no document.
		RunBatch:  runNameBatch,
		Summarize: summarizeNameBatch,
		Gather:    newNameBatch,
	})
}

// nameBatchSummary is what name.batch keeps of one window of an article
// while it is audited: its candidate names (from name.variant's analysis,
// shared), each with its mentions' spans and distinct companions, and the
// window's distinct lower-case words that could be one of them in lower
// case (words of minNameRunes runes or more), as spans of the window's
// text (half the size of strings). Its strings are the article's; a run
// keeps copies of what it needs.
type nameBatchSummary struct {
	names []nameBatchSeen
	// spans holds the start and end of every mention, comp the
	// companions, each spelling's a stretch of them (nameBatchSeen).
	spans []int32
	comp  []string
	// lower holds the hash (lowerWordHash) of each distinct lower-case
	// word, a letter run (appendLetterRuns) of a line, whole: hashed
	// while the article is audited, on the workers, so that the run's
	// one goroutine that gathers the summaries only files numbers.
	lower []uint64
}

// lowerWordHash is the 64-bit hash a run knows a lower-case word by. Two
// words of the same length up to eight bytes never share one (every step
// is a bijection of the bytes); other pairs do with odds of 2^-64, about
// one in 10^8 runs of a million distinct words for any collision at all:
// a name then taken for a common word, the same way in every run.
func lowerWordHash(w string) uint64 {
	whole := w
	h := uint64(len(w)) * 0x9E3779B97F4A7C15
	for len(w) >= 8 {
		h = (h ^ le64(w)) * 0xFF51AFD7ED558CCD
		h ^= h >> 32
		w = w[8:]
	}
	// The last len(w) bytes, little-endian, read with wide loads (once a
	// word, for the words of every article of a run).
	var tail uint64
	switch m := len(w); {
	case m == 0:
	case len(whole) >= 8:
		// The word's last eight bytes, those before the tail shifted out.
		tail = le64(whole[len(whole)-8:]) >> (8 * (8 - m))
	case m >= 4:
		// Two loads of four bytes that overlap, each byte in its place.
		tail = uint64(le32(w)) | uint64(le32(w[m-4:]))<<(8*(m-4))
	default:
		for i := range m {
			tail |= uint64(w[i]) << (8 * i)
		}
	}
	h = (h ^ tail) * 0xC4CEB9FE1A85EC53
	return h ^ h>>29
}

// nameBatchSeen is one spelling in one window: its mentions'
// spans are the summary's spans[spanFrom:spanTo], its distinct companions
// before comp[prevFrom:nextFrom] and after comp[nextFrom:nextTo]. Offsets,
// not slices: a summary keeps one per spelling of its article, a run one
// summary per article.
type nameBatchSeen struct {
	text                       string
	spanFrom, spanTo           int32
	prevFrom, nextFrom, nextTo int32
}

// spansOf returns the start and end of each mention of seen.
func (s *nameBatchSummary) spansOf(seen *nameBatchSeen) []int32 {
	return s.spans[seen.spanFrom:seen.spanTo]
}

// prevOf and nextOf return seen's distinct companions before and after it.
func (s *nameBatchSummary) prevOf(seen *nameBatchSeen) []string {
	return s.comp[seen.prevFrom:seen.nextFrom]
}

func (s *nameBatchSummary) nextOf(seen *nameBatchSeen) []string {
	return s.comp[seen.nextFrom:seen.nextTo]
}

// nameBatchScratch holds summarizeNameBatch's buffers between windows;
// nothing of it is kept in a summary.
type nameBatchScratch struct {
	ws    []txWord
	seen  wordIntern
	lower []uint64
	// seenID marks, by id of the document's word table, the words already
	// kept: most letter runs are a whole token, whose id is known.
	seenID []uint64
}

var nameBatchScratchPool = sync.Pool{New: func() any { return new(nameBatchScratch) }}

func summarizeNameBatch(pass *audit.Pass) any {
	occ := audit.ResultOf(pass, nameOccurrencesOf).spellings
	s := nameBatchSummary{names: make([]nameBatchSeen, 0, len(occ))}
	// The spans and the companions of every spelling in two slices, each
	// spelling's a stretch of them: two allocations, not three per
	// spelling.
	mentions, companions := 0, 0
	for _, sp := range occ {
		mentions += len(sp.Occ)
		for _, o := range sp.Occ {
			if o.Prev != "" {
				companions++
			}
			if o.Next != "" {
				companions++
			}
		}
	}
	spans := make([]int32, 0, 2*mentions)
	var comp []string
	if companions > 0 {
		comp = make([]string, 0, companions)
	}
	for _, sp := range occ {
		os := sp.Occ
		seen := nameBatchSeen{text: sp.Text, spanFrom: int32(len(spans)), prevFrom: int32(len(comp))}
		for _, o := range os {
			spans = append(spans, int32(o.Start), int32(o.End))
		}
		seen.spanTo = int32(len(spans))
		from := len(comp)
		for _, o := range os {
			if o.Prev != "" && !slices.Contains(comp[from:], o.Prev) {
				comp = append(comp, o.Prev)
			}
		}
		from = len(comp)
		seen.nextFrom = int32(from)
		for _, o := range os {
			if o.Next != "" && !slices.Contains(comp[from:], o.Next) {
				comp = append(comp, o.Next)
			}
		}
		seen.nextTo = int32(len(comp))
		s.names = append(s.names, seen)
	}
	s.spans, s.comp = spans, comp
	d := pass.Doc
	sc := nameBatchScratchPool.Get().(*nameBatchScratch)
	// The letter runs of the lines, in order: those of the token table
	// (shared with name.variant), else read from each line's text.
	// The token table's runs are those of the lines' text unless a run
	// ends right before a combining mark, which the tokens leave out of
	// a number ("19e" then U+0301 is a number token, then a punctuation
	// token) and the line's text joins to the letter before it: then the
	// lines are read instead.
	var lower []uint64
	if runs := audit.ResultOf(pass, letterRunsAnalysis); runs.first != nil && !runs.markAfter {
		lower = sc.lowerWords(d.Text, nil, runs)
	} else {
		ws := sc.ws[:0]
		for _, ln := range d.Lines {
			ws = txAppendWords(ws, d.Text, ln.Start, ln.End)
		}
		sc.ws = ws
		lower = sc.lowerWords(d.Text, ws, nil)
	}
	if len(lower) > 0 {
		s.lower = slices.Clone(lower)
	}
	nameBatchScratchPool.Put(sc)
	return s
}

// lowerWords returns the hashes (lowerWordHash) of the distinct
// lower-case words of minNameRunes runes or more among the letter runs of
// text: ws, or, when runs is not nil, the runs of its token table (a view
// of the scratch, in no particular order).
//
// From a token table, the words that are a whole token of letters, as
// written, are the words of the document's word table (wordsOf) with a
// bit in runs.lower, each hashed once, and only the runs of the
// mixed tokens are read, each known by its id in the word table when it
// has one, else through the scratch's own table. A string has one id or
// none, so the words kept are the same.
func (sc *nameBatchScratch) lowerWords(text string, ws []txWord, runs *letterRuns) []uint64 {
	lower := sc.lower[:0]
	if runs == nil {
		sc.seen.reset(len(ws) / 3) // so that it seldom grows
		for _, w := range ws {
			if word := w.in(text); lowerNameWord(word) {
				if _, isNew := sc.seen.id(word); isNew && atLeastRunes(word, minNameRunes) {
					lower = append(lower, lowerWordHash(word))
				}
			}
		}
	} else {
		s := runs.s
		wt := s.wordsOf()
		for i, bits := range runs.lower {
			for bits != 0 {
				id := int32(i*64 + mathbits.TrailingZeros64(bits))
				bits &= bits - 1
				// Lower case as written: its bit says so.
				if word := wt.words[id]; len(word) >= minNameRunes && atLeastRunes(word, minNameRunes) {
					lower = append(lower, lowerWordHash(word))
				}
			}
		}
		// The runs of the mixed tokens, but the words above; seenID
		// marks the others of the word table already kept.
		sc.seenID = resized(sc.seenID, (len(wt.words)+63)/64)
		seenReady := false // the words with no id: few, and seldom any
		for _, k := range runs.mixed {
			for _, w := range runs.runs[runs.first[k]:runs.first[k+1]] {
				word := w.in(text)
				if !lowerNameWord(word) {
					continue
				}
				isNew := false
				if id, known := wt.idOf(word); known {
					if runs.hasLower(id) {
						continue
					}
					bit := &sc.seenID[id/64]
					isNew = *bit&(1<<(id%64)) == 0
					*bit |= 1 << (id % 64)
				} else {
					if !seenReady {
						sc.seen.reset(len(runs.mixed) / 4)
						seenReady = true
					}
					_, isNew = sc.seen.id(word)
				}
				if isNew && atLeastRunes(word, minNameRunes) {
					lower = append(lower, lowerWordHash(word))
				}
			}
		}
	}
	// The scratch keeps no reference to the text.
	sc.seen.drop()
	sc.lower = lower
	return lower
}

// lowerNameWord reports whether letter run w may be a lower-case word
// lowerWords keeps: minNameRunes bytes or more, a lower-case letter
// first (the runes are counted last, of the new words only).
func lowerNameWord(w string) bool {
	if len(w) < minNameRunes {
		return false
	}
	if c := w[0]; c < utf8.RuneSelf {
		return 'a' <= c && c <= 'z'
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// atLeastRunes reports whether w, at least n bytes long, has n runes or
// more: at once when its first n bytes are ASCII (most words).
func atLeastRunes(w string, n int) bool {
	for i := range n {
		if w[i] >= utf8.RuneSelf {
			return utf8.RuneCountInString(w) >= n
		}
	}
	return true
}

func runNameBatch(pass *audit.BatchPass) {
	audit.GatherDocs(pass, summarizeNameBatch, newNameBatch)
}

// nameBatch is one run of name.batch: a digest per language of the
// spellings of names in the run, kept article by article. Articles of
// different languages spell names their own way: each language's articles
// are compared among themselves.
type nameBatch struct {
	pass   *audit.BatchPass
	groups map[*lexicon]*nameBatchGroup
	order  []*lexicon
	// flags are the spellings to flag, by article, after Finish.
	flags map[int][]nameBatchFlag
}

// nameBatchGroup is the digest of one language's articles.
type nameBatchGroup struct {
	lx *lexicon
	// spellings of candidate names, with the articles using each.
	spellings map[string]*nameBatchSpelling
	// lower holds every word of the articles written in lower case (of
	// minNameRunes runes or more), by lowerWordHash: a spelling whose
	// lower-case form is there is a common word.
	lower  hashSet
	intern map[string]string // companions, one copy each
}

// nameBatchSpelling is one spelling across the run.
type nameBatchSpelling struct {
	docs docList // articles using it
	uses int     // mentions in all of them
	// companions: the distinct capitalised words seen before and after it.
	prev, next []string
}

// occurrences stands for the spelling's mentions where only their
// companions are compared (companionsAgree, companionsConflict).
func (s *nameBatchSpelling) occurrences() []nameOccurrence {
	out := make([]nameOccurrence, 0, len(s.prev)+len(s.next))
	for _, p := range s.prev {
		out = append(out, nameOccurrence{Prev: p})
	}
	for _, n := range s.next {
		out = append(out, nameOccurrence{Next: n})
	}
	return out
}

// nameBatchFlag is a spelling flagged in an article.
type nameBatchFlag struct {
	spelling, canon, message string
	confidence               float64
}

func newNameBatch(pass *audit.BatchPass) audit.Gatherer {
	return &nameBatch{pass: pass, groups: map[*lexicon]*nameBatchGroup{}, flags: map[int][]nameBatchFlag{}}
}

func (b *nameBatch) Add(i int, lang string, parts []audit.Part) {
	p := b.pass.Profiles.Lookup(lang)
	if p == nil {
		return
	}
	lx := lexiconFor(p, b.pass.Source())
	g := b.groups[lx]
	if g == nil {
		g = &nameBatchGroup{lx: lx, spellings: map[string]*nameBatchSpelling{}, intern: map[string]string{}}
		b.groups[lx] = g
		b.order = append(b.order, lx)
	}
	for _, part := range parts {
		s, ok := part.Value.(nameBatchSummary)
		if !ok {
			continue
		}
		g.lower.addAll(s.lower)
		for k := range s.names {
			seen := &s.names[k]
			sp := g.spellings[seen.text]
			if sp == nil {
				sp = &nameBatchSpelling{}
				g.spellings[strings.Clone(seen.text)] = sp
			}
			sp.docs.add(int32(i))
			sp.uses += len(s.spansOf(seen)) / 2
			for _, w := range s.prevOf(seen) {
				sp.prev = g.addCompanion(sp.prev, w)
			}
			for _, w := range s.nextOf(seen) {
				sp.next = g.addCompanion(sp.next, w)
			}
		}
	}
}

// hashSet is a set of 64-bit hashes (lowerWordHash, spread already):
// open addressing in slots of the hash alone, half the size of a
// keyIndex's, and a probe before any growth, for the million words of a
// run nearly all already there. 0 marks an empty slot: the hash 0 is kept
// apart.
type hashSet struct {
	slots []uint64
	n     int
	zero  bool
}

// addAll puts the hashes hs in the set: one call for an article's, the
// slots read in locals; a hash there or a free slot are found at once,
// and 0 or growth go through addSlow.
func (t *hashSet) addAll(hs []uint64) {
	slots, n := t.slots, t.n
	for _, h := range hs {
		if h == 0 || 2*(n+1) > len(slots) {
			t.n = n
			t.addSlow(h)
			slots, n = t.slots, t.n
			continue
		}
		mask := uint64(len(slots) - 1)
		for i := h & mask; slots[i] != h; i = (i + 1) & mask {
			if slots[i] == 0 {
				slots[i] = h
				n++
				break
			}
		}
	}
	t.n = n
}

// addSlow adds 0, or a hash when the slots are full enough to grow.
func (t *hashSet) addSlow(h uint64) {
	switch {
	case h == 0:
		t.zero = true
	case !t.has(h):
		t.grow()
		t.insert(h)
		t.n++
	}
}

// has reports whether h is in the set.
func (t *hashSet) has(h uint64) bool {
	if h == 0 {
		return t.zero
	}
	if len(t.slots) == 0 {
		return false
	}
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch t.slots[i] {
		case h:
			return true
		case 0:
			return false
		}
	}
}

// grow doubles the slots, placing the hashes anew.
func (t *hashSet) grow() {
	old := t.slots
	t.slots = make([]uint64, max(1024, 2*len(old)))
	for _, h := range old {
		if h != 0 {
			t.insert(h)
		}
	}
}

// insert puts h, not 0 and not in the set, in an empty slot.
func (t *hashSet) insert(h uint64) {
	mask := uint64(len(t.slots) - 1)
	i := h & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = h
}

// addCompanion adds w to the distinct companions cs.
func (g *nameBatchGroup) addCompanion(cs []string, w string) []string {
	if w == "" || slices.Contains(cs, w) {
		return cs
	}
	c, ok := g.intern[w]
	if !ok {
		c = strings.Clone(w)
		g.intern[c] = c
	}
	return append(cs, c)
}

func (b *nameBatch) Finish() {
	for _, lx := range b.order {
		b.finishGroup(b.groups[lx])
	}
	b.groups = nil
}

func (b *nameBatch) Flagged(i int) bool { return len(b.flags[i]) > 0 }

// Report reports every mention of the spellings flagged in article i.
func (b *nameBatch) Report(i int, parts []audit.Part, report func(audit.Diagnostic)) {
	for _, f := range b.flags[i] {
		for _, part := range parts {
			s, ok := part.Value.(nameBatchSummary)
			if !ok {
				continue
			}
			for n := range s.names {
				seen := &s.names[n]
				if seen.text != f.spelling {
					continue
				}
				spans := s.spansOf(seen)
				for k := 0; k+1 < len(spans); k += 2 {
					start, end := part.Offset+int(spans[k]), part.Offset+int(spans[k+1])
					report(audit.Diagnostic{
						Start: start, End: end, Message: f.message, Suggestion: f.canon, Confidence: f.confidence,
						Fixes: []audit.Fix{{
							Message: "Spell the name as " + f.canon,
							Edits:   []audit.Edit{{Start: start, End: end, New: f.canon}},
						}},
					})
				}
			}
		}
	}
}

// finishGroup decides over the articles of one language.
func (b *nameBatch) finishGroup(g *nameBatchGroup) {
	lx := g.lx
	// Words any article of the run writes in lower case are common words.
	for s := range g.spellings {
		if g.lower.has(lowerWordHash(strings.ToLower(s))) {
			delete(g.spellings, s)
		}
	}
	if len(g.spellings) < 2 {
		return
	}
	texts := make([]string, 0, len(g.spellings))
	for s := range g.spellings {
		texts = append(texts, s)
	}
	sort.Strings(texts)
	similar := make([][]int, len(texts))
	for _, p := range lx.similarPairs(texts) {
		similar[p[0]] = append(similar[p[0]], p[1])
		similar[p[1]] = append(similar[p[1]], p[0])
	}
	glossary := glossaryNames(b.pass.Config)
	// The articles of a spelling, sorted, each once: docsB's, onlyB's and
	// docsA's arrays are reused from one spelling to the next.
	var docsB, onlyB, docsA []int32
	for i, bs := range texts {
		if len(similar[i]) == 0 || isGlossaryName(bs, glossary) {
			continue
		}
		docsB = g.spellings[bs].docs.appendSorted(docsB[:0])
		// Articles that use b and none of its variants: the others are
		// name.variant's.
		onlyB = append(onlyB[:0], docsB...)
		canon, canonDocs, fromGlossary := "", 0, false
		for _, j := range similar[i] {
			a := texts[j]
			docsA = g.spellings[a].docs.appendSorted(docsA[:0])
			onlyB = sortedMinus(onlyB, docsA)
			onlyA := countSortedMinus(docsA, docsB)
			if isGlossaryName(a, glossary) {
				canon, canonDocs, fromGlossary = a, onlyA, true
				continue
			}
			if !fromGlossary && (onlyA > canonDocs || (onlyA == canonDocs && a < canon)) {
				canon, canonDocs = a, onlyA
			}
		}
		if canon == "" || len(onlyB) == 0 {
			continue
		}
		if !fromGlossary {
			spB, spA := g.spellings[bs], g.spellings[canon]
			occB, occA := spB.occurrences(), spA.occurrences()
			// One article against one: the spelling used at least three
			// times against once, by the same first name or surname.
			oneAgainstOne := canonDocs == 1 && len(onlyB) == 1 && spB.uses == 1 && spA.uses >= 3 && companionsAgree(occB, occA)
			if !oneAgainstOne && (canonDocs < 2 || 2*len(onlyB) > canonDocs) {
				continue
			}
			if lx.companionsConflict(occB, occA) {
				continue
			}
			// Articles of a run speak of different people: beyond spellings
			// that fold to one key, demand a first name or surname in common,
			// and no more than one edit (a typo, a transposed or doubled
			// letter): two edits apart across articles is more often a
			// namesake (Lena Sarovin, Lena Sarani) than a misspelling.
			if d := lx.compareNames(bs, canon).Distance; d > 1 || (d > 0 && !companionsAgree(occB, occA)) {
				continue
			}
		}
		conf := 0.6
		if lx.compareNames(bs, canon).Distance == 0 {
			conf = 0.7
		}
		msg := fmt.Sprintf("Name spelled %q in %s of this run, but %q in %d", bs, nameArticleCount(len(onlyB)), canon, canonDocs)
		if fromGlossary {
			msg = fmt.Sprintf("Name spelled %q, but the glossary spells it %q", bs, canon)
			conf = 0.85
		}
		for _, d := range onlyB {
			b.flags[int(d)] = append(b.flags[int(d)], nameBatchFlag{spelling: bs, canon: canon, message: msg, confidence: conf})
		}
	}
}

func nameArticleCount(n int) string {
	if n == 1 {
		return "1 article"
	}
	return fmt.Sprintf("%d articles", n)
}
