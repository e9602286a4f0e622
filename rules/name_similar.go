package rules

import (
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// This file holds what the name rules share: which words are name
// candidates, when two spellings are variants of one name, and an index that
// finds the similar pairs among many spellings without comparing them all.

// minNameRunes is the shortest name compared: below it too many real names
// and common words sit one letter apart.
const minNameRunes = 5

// nameOccurrence is one mention of a candidate name in a document.
type nameOccurrence struct {
	Start, End int
	// Prev and Next are the capitalised words right beside the mention
	// ("Karen" in "Ingrid Hallberg"), empty when there is none.
	Prev, Next string
}

// nameOccurrences returns the candidate names of a document, by spelling:
// words of at least minNameRunes runes, capitalised (not in capitals),
// outside lines in capitals, that are not sentence openers of the language
// (its name stopwords) and never appear in lower case in the document
// (which would make them common words).
func nameOccurrences(s *shape) map[string][]nameOccurrence {
	return buildNameOccurrences(s, nil, newNameOccTable()).byText()
}

// nameOccTable is nameOccurrences' result with the buffers it is built
// in, handed back by release (the engine's, through nameOccurrencesOf)
// for the next document. Its strings are the document's: a caller that
// keeps one keeps the text, never the table.
type nameOccTable struct {
	// spellings are the distinct spellings in the order of their first
	// mentions (by First): the order name.variant reads them in, with no
	// map to fill, walk and sort.
	spellings []nameSpelling
	// arena holds the spellings' mentions one after another, each
	// spelling's at its full capacity, so that an append to one never
	// overwrites the next.
	arena []nameOccurrence
}

func newNameOccTable() *nameOccTable { return &nameOccTable{} }

// byText returns the mentions by spelling.
func (t *nameOccTable) byText() map[string][]nameOccurrence {
	m := make(map[string][]nameOccurrence, len(t.spellings))
	for _, sp := range t.spellings {
		m[sp.Text] = sp.Occ
	}
	return m
}

var nameOccTables = sync.Pool{New: func() any { return newNameOccTable() }}

// release drops the references to the document's text and returns t to
// the pool; t is unusable afterwards.
func (t *nameOccTable) release() {
	clear(t.spellings)
	t.spellings = t.spellings[:0]
	clear(t.arena)
	t.arena = t.arena[:0]
	nameOccTables.Put(t)
}

// nameFound is a mention found by buildNameOccurrences before the
// mentions are grouped by spelling: the index of its spelling in
// nameScratch.spells.
type nameFound struct {
	spell int32
	occ   nameOccurrence
}

// nameSpell is a distinct spelling of the candidate names, while they are
// grouped: spellings of one lower-case form are chained (next, -1 ends),
// so that a mention finds its spelling by its form's number, not by
// hashing its text.
type nameSpell struct {
	text             string
	next, count, off int32
}

// buildNameOccurrences fills table with the candidate names of s
// (nameOccurrences) and returns it. runs, when not nil, are s's letter
// runs, read instead of the token table.
//
// With the runs of a token table, a lower-case form is numbered by its id
// in the document's word table (shape.wordsOf) when it has one: a word
// that is a whole token (most) has its id already, without hashing; the
// forms the table lacks (parts of tokens: "Ukraine" in "l’Ukraine") are
// numbered after them. A string has one number either way.
func buildNameOccurrences(s *shape, runs *letterRuns, table *nameOccTable) *nameOccTable {
	sc := nameScratchPool.Get().(*nameScratch)
	defer sc.release()
	doc := s.doc
	lx := s.lex
	t := doc.Text
	var wt *wordTable
	nwt := int32(0) // forms numbered in wt
	if runs != nil && runs.first != nil {
		wt = s.wordsOf()
		nwt = int32(len(wt.words))
	}
	// The capitalised words of the lines not in capitals, hyphenated
	// compounds joined, with their lower-case forms: only those forms are
	// looked up among the document's lower-case words, instead of keeping a
	// set of all of them.
	words := sc.words[:0]
	// The distinct lower-case forms, numbered, with what the lexicon and
	// the document say of each (formFlags): one look-up per form, not per
	// mention.
	forms := &sc.forms
	if wt != nil {
		forms.reset(len(doc.Text) / 1000) // only the forms wt lacks
	} else {
		forms.reset(len(doc.Text) / 50) // news has a form per 100 bytes or so
	}
	flags := resized(sc.flags, int(nwt))
	used := sc.used[:0] // the forms of capitalised words, in order
	formText := func(id int32) string {
		if id < nwt {
			return wt.words[id]
		}
		return forms.words[id-nwt]
	}
	nf := nameFiltersOf(lx)
	stopF, functionF := nf.stopwords, nf.function
	var lengths uint64 // bit n: some form is n bytes long (n < 64)
	// seen filters the lookups of lower-case words further: a bit per
	// (length, first byte, last byte) of the forms.
	var seen [nameSeenBits / 64]uint64
	// Every word of every line, read once from the token table:
	// lineEnd[i] ends line i's.
	all, lineEnd := sc.line[:0], sc.lineEnd[:0]
	fromTable := runs != nil && runs.first != nil && len(s.lineTok) == len(doc.Lines)
	if fromTable {
		// The runs of the lines, in order, are the table's (a token never
		// crosses a line end): a view of it, line i's ending where line
		// i+1's first token starts, and no look-up or copy per line.
		all = runs.runs
		for i := range doc.Lines {
			next := len(s.toks)
			if i+1 < len(s.lineTok) {
				next = int(s.lineTok[i+1])
			}
			lineEnd = append(lineEnd, int(runs.first[next]))
		}
	} else {
		for _, ln := range doc.Lines {
			if runs != nil {
				all = append(all, runs.in(ln.Start, ln.End, &sc.runs)...)
			} else {
				all = s.appendWords(all, ln.Start, ln.End)
			}
			lineEnd = append(lineEnd, len(all))
		}
		sc.line = all
	}
	sc.lineEnd = lineEnd
	// addWord keeps capitalised word w, numbering its form: the pos-th
	// word of its line, the next one being the after-th.
	addWord := func(w txWord, line, pos, after int) {
		var id int32
		var l string
		if wt != nil && w.Tok >= 0 && wholeToken(s, w, tFoldShift) {
			id = wt.id[w.Tok] // its lower-case form is the token's
		} else {
			l = s.wordLow(w)
			known := false
			if wt != nil {
				id, known = wt.idOf(l)
			}
			if !known {
				fid, isNew := forms.id(l)
				if id = nwt + fid; isNew {
					flags = append(flags, 0)
				}
			}
		}
		if flags[id]&formSeen == 0 {
			if l == "" {
				l = formText(id)
			}
			f := formSeen
			if stopF.has(lx.nameStopwords, l) {
				f |= formStopword
			}
			if functionF.has(lx.function, l) {
				f |= formFunction
			}
			flags[id] = f
			used = append(used, id)
			lengths |= 1 << min(len(l), 63)
			h := nameSeenHash(l)
			seen[h/64] |= 1 << (h % 64)
		}
		words = append(words, nameWord{txWord: w, form: id, line: line, pos: pos, after: after})
	}
	// capitalised reports whether w starts with a capital and has a
	// lower-case letter; most words start with an ASCII byte other than a
	// capital, and are not decoded.
	capitalised := func(w txWord) bool {
		c := t[w.Start]
		return (c >= utf8.RuneSelf || 'A' <= c && c <= 'Z') && txCapitalised(w.in(t))
	}
	if fromTable {
		// all is the token table's runs, token after token: only a token
		// with a capital (its folded form differs, tFoldArena) can start a
		// capitalised word, and only its runs are read, each word
		// numbered by the run it starts with. A hyphenated compound
		// joined as joinHyphenatedInto does may start in a token before
		// (then it is not capitalised) or run into the next.
		next := 0 // the runs before it are read
		capsLine, caps := -1, false
		for _, k := range runs.folded {
			ri, end := max(int(runs.first[k]), next), int(runs.first[k+1])
			if ri >= end {
				continue
			}
			for ri > next && all[ri-1].End+1 == all[ri].Start && t[all[ri-1].End] == '-' {
				ri--
			}
			for ri < end {
				w, pos := all[ri], ri
				li := int(s.toks[w.Tok].Line)
				for ri++; ri < len(all) && all[ri].Start == w.End+1 && t[w.End] == '-'; ri++ {
					if all[ri].Tok != w.Tok {
						w.Tok = -1 // lower-cased on demand
					}
					w.End = all[ri].End
				}
				if li != capsLine {
					ln := doc.Lines[li]
					capsLine, caps = li, txAllCaps(t[ln.Start:ln.End])
				}
				if !caps && capitalised(w) {
					addWord(w, li, pos, ri)
				}
			}
			next = ri
		}
	} else {
		for i, ln := range doc.Lines {
			if txAllCaps(t[ln.Start:ln.End]) {
				continue
			}
			from := 0
			if i > 0 {
				from = lineEnd[i-1]
			}
			// The line's words, hyphenated compounds joined as
			// joinHyphenatedInto does, read in place: w is the k-th.
			line := all[from:lineEnd[i]]
			k := -1
			for j := 0; j < len(line); {
				w := line[j]
				for j++; j < len(line) && line[j].Start == w.End+1 && t[w.End] == '-'; j++ {
					if line[j].Tok != w.Tok {
						w.Tok = -1 // lower-cased on demand
					}
					w.End = line[j].End
				}
				k++
				if capitalised(w) {
					addWord(w, i, k, k+1)
				}
			}
		}
	}
	sc.words, sc.flags, sc.used = words, flags, used
	if len(words) == 0 {
		return table
	}
	if nouns := s.nounForms(); nouns != nil {
		for _, id := range used {
			if nouns[formText(id)] {
				flags[id] |= formNoun
			}
		}
	}
	// markLower marks the form of w when w is a lower-case word the
	// capitalised words have a form of.
	markLower := func(w txWord) {
		text := w.in(t)
		if lengths&(1<<min(len(text), 63)) == 0 {
			return
		}
		if h := nameSeenHash(text); seen[h/64]&(1<<(h%64)) == 0 {
			return
		}
		if r, _ := utf8.DecodeRuneInString(text); unicode.IsLower(r) {
			if wt != nil {
				if wholeToken(s, w, tFoldArena) {
					// The token as written is its folded form: its word.
					flags[wt.id[w.Tok]] |= formLower
					return
				}
				if id, ok := wt.idOf(text); ok {
					flags[id] |= formLower
					return
				}
			}
			if id, ok := forms.find(text); ok {
				flags[nwt+id] |= formLower
			}
		}
	}
	if wt != nil {
		// A lower-case word of letters only is its token, as written
		// and folded: its word, known by its bit (letterRuns.lower),
		// asked only of the forms capitalised words have. The other
		// runs that may be lower-case words are those of the mixed
		// tokens; the tokens of one run starting otherwise have none.
		for _, id := range used {
			if id < nwt && runs.hasLower(id) {
				flags[id] |= formLower
			}
		}
		for _, k := range runs.mixed {
			for _, w := range runs.runs[runs.first[k]:runs.first[k+1]] {
				markLower(w)
			}
		}
	} else {
		for _, w := range all {
			markLower(w)
		}
	}
	// companion: a capitalised word that may name a bearer more fully.
	companion := func(w *nameWord) bool {
		return flags[w.form]&(formStopword|formFunction|formLower) == 0
	}
	// adjacent: a and b are next to each other in one line, one space apart.
	adjacent := func(a, b *nameWord) bool {
		if a.line != b.line || a.after != b.pos {
			return false
		}
		gap := t[a.End:b.Start]
		return (gap == " " || gap == "\u00A0") && companion(a) && companion(b)
	}
	// The mentions, each with its spelling: spellings by form, chained
	// (formSpell[id] is the first spelling's index+1).
	formSpell := resized(sc.formSpell, len(flags))
	spells := sc.spells[:0]
	found := sc.found[:0]
	for k := range words {
		w := &words[k]
		text := w.in(t)
		if flags[w.form]&(formStopword|formLower|formNoun) != 0 || utf8.RuneCountInString(text) < minNameRunes {
			continue
		}
		occ := nameOccurrence{Start: int(w.Start), End: int(w.End)}
		if k > 0 && adjacent(&words[k-1], w) {
			occ.Prev = words[k-1].in(t)
		}
		if k+1 < len(words) && adjacent(w, &words[k+1]) {
			occ.Next = words[k+1].in(t)
		}
		sp := formSpell[w.form] - 1
		for sp >= 0 && spells[sp].text != text {
			sp = spells[sp].next
		}
		if sp < 0 {
			sp = int32(len(spells))
			spells = append(spells, nameSpell{text: text, next: formSpell[w.form] - 1})
			formSpell[w.form] = sp + 1
		}
		spells[sp].count++
		found = append(found, nameFound{spell: sp, occ: occ})
	}
	sc.found, sc.spells, sc.formSpell = found, spells, formSpell
	// Group the mentions by spelling, in order, each spelling's in one
	// stretch of the arena, the spellings in the order of their first
	// mentions.
	arena := slices.Grow(table.arena[:0], len(found))[:len(found)]
	next := int32(0)
	for k := range spells {
		sp := &spells[k]
		sp.off, next = next, next+sp.count
		sp.count = 0
	}
	for _, f := range found {
		sp := &spells[f.spell]
		arena[sp.off+sp.count] = f.occ
		sp.count++
	}
	// The spellings were made at their first mentions, in text order.
	list := slices.Grow(table.spellings[:0], len(spells))
	for _, sp := range spells {
		occ := arena[sp.off : sp.off+sp.count : sp.off+sp.count]
		list = append(list, nameSpelling{Text: sp.text, Occ: occ, First: occ[0].Start})
	}
	table.arena, table.spellings = arena, list
	return table
}

// nameFilters are the filters of the word sets every capitalised form is
// looked up in.
type nameFilters struct{ stopwords, function *wordFilter }

type nameFiltersKey struct{ source *profile.Profile }

// nameFiltersOf returns lx's nameFilters, built once per pair of languages.
func nameFiltersOf(lx *lexicon) *nameFilters {
	return lx.target.Derived(nameFiltersKey{lx.source}, func(*profile.Profile) any {
		return &nameFilters{
			stopwords: setFilter(lx, "nameStopwords", lx.nameStopwords),
			function:  setFilter(lx, "function", lx.function),
		}
	}).(*nameFilters)
}

// wholeToken reports whether the letter run w of s's token table is its
// whole token, and the token has none of the flags f.
func wholeToken(s *shape, w txWord, f tokFlags) bool {
	tk := &s.toks[w.Tok]
	return tk.Start == w.Start && tk.End == w.End && tk.Flags&f == 0
}

// nameSeenBits is the size of buildNameOccurrences' filter: an article's
// few hundred capitalised forms set a few percent of its bits.
const nameSeenBits = 4096

// nameSeenHash hashes a word's length and first and last bytes into
// [0, nameSeenBits); w is not empty.
func nameSeenHash(w string) uint32 {
	h := uint32(len(w)) | uint32(w[0])<<8 | uint32(w[len(w)-1])<<16
	return (h * 0x9E3779B1) >> (32 - 12)
}

// nounForms returns, in a language that capitalises its nouns (German),
// the folded forms of the capitalised words the document writes after a
// determiner, directly or past one lower-case word ("die Stadt", "den
// großen Städten"): common nouns, which names seldom are. Elsewhere a
// common word shows itself in lower case, and nounForms returns nil.
func (s *shape) nounForms() map[string]bool {
	if !s.lex.nounsCapitalised {
		return nil
	}
	out := map[string]bool{}
	det := func(t *token) bool { return t != nil && t.Kind == tokWord && s.lex.determiners[s.low(t)] }
	for i := range s.toks {
		t := &s.toks[i]
		if t.Kind != tokWord || !t.is(tCapitalised) {
			continue
		}
		p := s.prev(i)
		if det(p) || (p != nil && p.Kind == tokWord && p.is(tLowerInitial) && det(s.prev(i-1))) {
			out[s.low(t)] = true
		}
	}
	return out
}

// nameWord is a capitalised word of a line, the pos-th after joining
// hyphenated compounds, the word after it being the after-th. (The
// numbers count the line's words, or the document's letter runs.)
type nameWord struct {
	txWord
	form             int32 // its lower-case form's number (nameScratch.forms)
	line, pos, after int
}

// formFlags say what is known of a lower-case form of capitalised words.
type formFlags uint8

const (
	formStopword formFlags = 1 << iota // a name stopword of the language
	formFunction                       // a function word
	formLower                          // the document writes it in lower case
	formNoun                           // a common noun (shape.nounForms)
	formSeen                           // a capitalised word has it: the others are known
)

// nameScratch holds nameOccurrences' buffers between documents.
type nameScratch struct {
	line      []txWord // a document's words
	runs      []txWord // letterRuns.in's scratch
	lineEnd   []int
	words     []nameWord
	found     []nameFound
	forms     wordIntern
	flags     []formFlags // by form
	used      []int32     // the forms of capitalised words
	spells    []nameSpell
	formSpell []int32 // by form: its first spelling's index+1
}

// release drops the references to the document's text and returns sc to
// the pool.
func (sc *nameScratch) release() {
	// (line and lineEnd hold no references.)
	clear(sc.words)
	clear(sc.found)
	clear(sc.spells)
	sc.forms.drop()
	nameScratchPool.Put(sc)
}

var nameScratchPool = sync.Pool{New: func() any { return new(nameScratch) }}

// joinHyphenated joins words linked by a hyphen into one ("Franche-Comté",
// "Jean-Marc"): a compound is compared as a whole, never by its parts.
func joinHyphenated(t string, ws []txWord) []txWord {
	return joinHyphenatedInto(make([]txWord, 0, len(ws)), t, ws)
}

// joinHyphenatedInto is joinHyphenated appending to out. A compound of the
// document lies within one token (tokens keep inner hyphens), so it keeps
// the token of its first part.
func joinHyphenatedInto(out []txWord, t string, ws []txWord) []txWord {
	for _, w := range ws {
		if n := len(out); n > 0 && out[n-1].End+1 == w.Start && t[out[n-1].End] == '-' {
			if out[n-1].Tok != w.Tok {
				out[n-1].Tok = -1 // lower-cased on demand
			}
			out[n-1].End = w.End
			continue
		}
		out = append(out, w)
	}
	return out
}

// nameKey folds a spelling to compare transliterations: case, accents,
// sh/ch, tch/ch, zh/j, kh/h, ph/f, ck/k, ks/x, ou/u, w/v, y/i, gue/ge,
// German ae/oe/ue for ä/ö/ü, a hard c for k, doubled letters, and a final
// -ff/-f for -v ("Choukourov" and "Shukurov" both give "chukurov").
func nameKey(s string) string { return nameKeyOfFold(txFold(s)) }

// nameKeyOfFold is nameKey of a spelling already folded by txFold.
func nameKeyOfFold(k string) string {
	var buf [64]byte // on the stack for the usual name
	return string(appendNameKey(buf[:0], k))
}

// appendNameKey appends nameKeyOfFold(k) to dst.
func appendNameKey(dst []byte, k string) []byte {
	var kbuf [64]byte
	kb := nameKeyReplacer.appendReplace(kbuf[:0], k)
	// Then y as i (read as such below), doubled letters, and a hard c
	// written k ("Omicron", "Omikron"), into a buffer on the stack for
	// the usual name.
	yAsI := func(r rune) rune {
		if r == 'y' {
			return 'i'
		}
		return r
	}
	b, from := dst, len(dst)
	var prev rune
	for i := 0; i < len(kb); {
		// ASCII without decoding; a byte after c that is not ASCII is
		// no h, e or i.
		r, n := rune(kb[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(kb[i:])
		}
		r = yAsI(r)
		if r == 'c' {
			if i+1 == len(kb) || !strings.ContainsRune("hei", yAsI(rune(kb[i+1]))) {
				r = 'k'
			}
		}
		i += n
		if r == prev {
			continue
		}
		if r < utf8.RuneSelf {
			b = append(b, byte(r))
		} else {
			b = utf8.AppendRune(b, r)
		}
		prev = r
	}
	if n := len(b); n > from && b[n-1] == 'f' {
		b[n-1] = 'v'
	}
	return b
}

var (
	nameKeyReplacer = newPrefixReplacer(
		"tsch", "ch", "tch", "ch", "sh", "ch", "zh", "j", "kh", "h", "ph", "f", "ck", "k",
		"ks", "x", "ou", "u", "w", "v", "gue", "ge", "gui", "gi", "ae", "a", "oe", "o", "ue", "u",
	)
)

// inflectionPair reports whether two folded spellings differ only by the
// language's name endings after a common stem of at least three letters,
// part by part in hyphenated compounds ("Haut-Palatinat", "Hauts-Palatinats").
func (lx *lexicon) inflectionPair(a, b string) bool {
	if pa, pb := strings.Split(a, "-"), strings.Split(b, "-"); len(pa) > 1 && len(pa) == len(pb) {
		for i := range pa {
			if pa[i] != pb[i] && !lx.inflectedForms(pa[i], pb[i]) {
				return false
			}
		}
		return true
	}
	return lx.inflectedForms(a, b)
}

func (lx *lexicon) inflectedForms(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	lcp := 0
	for lcp < len(ra) && lcp < len(rb) && ra[lcp] == rb[lcp] {
		lcp++
	}
	for k := lcp; k >= 3 && k >= lcp-3; k-- {
		if lx.nameEndings[string(ra[k:])] && lx.nameEndings[string(rb[k:])] {
			return true
		}
	}
	// The Arabic-style adjective in -i (Qatar, Qatari, Qataris), but not a
	// transliteration's final -yi (Navalny, Navalnyi).
	if lcp == min(len(ra), len(rb)) && lcp >= 3 && !strings.ContainsRune("iy", ra[lcp-1]) {
		ta, tb := string(ra[lcp:]), string(rb[lcp:])
		if ta == "i" || ta == "is" || tb == "i" || tb == "is" {
			return true
		}
	}
	return false
}

// exonymPair reports whether two folded spellings differ by the endings of
// an exonym and the local name (Fribourg/Freiburg, Hanovre/Hannover, from
// the profile's exonym_endings): news uses both on purpose, the local name
// inside club and institution names ("SC Freiburg", "Hannover 96").
func (lx *lexicon) exonymPair(a, b string) bool {
	for _, p := range lx.exonyms {
		if (strings.HasSuffix(a, p[0]) && strings.HasSuffix(b, p[1])) || (strings.HasSuffix(b, p[0]) && strings.HasSuffix(a, p[1])) {
			return true
		}
	}
	return false
}

// nameMatch says how two spellings of a name relate.
type nameMatch struct {
	Similar  bool
	Distance int // 0 when they fold to the same key (accents, transliteration)
}

// compareNames decides whether spellings a and b are variants of one name:
// the same after folding accents and transliteration, or, with the same
// first letter, within a small edit distance counting a transposition as
// one edit (at most 1 for names of 5 to 7 letters, 2 from 8 letters), and
// not two inflected forms of one word of the language.
func (lx *lexicon) compareNames(a, b string) nameMatch {
	if a == b {
		return nameMatch{}
	}
	fa, fb := newNameForm(a), newNameForm(b)
	return lx.compareForms(&fa, &fb)
}

// nameForm is a spelling with the forms compareNames compares, computed
// once per spelling when many pairs are compared. The runes of fold and
// key are decoded only for the pairs that reach an edit distance.
type nameForm struct {
	text, fold, key string
	translit        string // translitKey, "" for a short spelling
	keyLen          int    // runes in key
	first           rune   // of fold
}

func newNameForm(s string) nameForm {
	f := nameForm{text: s, fold: txFold(s)}
	f.key = nameKeyOfFold(f.fold)
	f.translit = translitKey(f.fold)
	f.keyLen = utf8.RuneCountInString(f.key)
	f.first, _ = utf8.DecodeRuneInString(f.fold)
	return f
}

// prefixReplacer is strings.NewReplacer's replacement for a few short
// patterns (at each byte, the first pattern in argument order that starts
// there; then on past it), appending to a caller's buffer instead of
// allocating: name keys are built for every spelling of every article.
type prefixReplacer struct {
	pairs   [][2]string
	byFirst [256][]uint8 // the pairs by the first byte of their pattern, in order
	// second marks, by first byte, the second bytes of the patterns of two
	// bytes or more; single is the index+1 of the first pattern of one
	// byte (0: none). A byte that the next byte continues into none of
	// its longer patterns is replaced by single's, or kept, at once.
	second [256][4]uint64
	single [256]uint16
}

func newPrefixReplacer(oldnew ...string) *prefixReplacer {
	r := &prefixReplacer{}
	for i := 0; i+1 < len(oldnew); i += 2 {
		if oldnew[i] == "" || len(r.pairs) > 255 {
			panic("newPrefixReplacer: an empty pattern, or too many")
		}
		old := oldnew[i]
		r.byFirst[old[0]] = append(r.byFirst[old[0]], uint8(len(r.pairs)))
		r.pairs = append(r.pairs, [2]string{old, oldnew[i+1]})
		if len(old) >= 2 {
			r.second[old[0]][old[1]>>6] |= 1 << (old[1] & 63)
		} else if r.single[old[0]] == 0 {
			r.single[old[0]] = uint16(len(r.pairs))
		}
	}
	return r
}

// appendReplace appends s with its patterns replaced to dst.
func (r *prefixReplacer) appendReplace(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		cands := r.byFirst[c]
		if len(cands) == 0 {
			// Most bytes start no pattern.
			dst = append(dst, c)
			i++
			continue
		}
		if i+1 == len(s) || r.second[c][s[i+1]>>6]&(1<<(s[i+1]&63)) == 0 {
			// No longer pattern goes on with the next byte.
			if k := r.single[c]; k != 0 {
				dst = append(dst, r.pairs[k-1][1]...)
			} else {
				dst = append(dst, c)
			}
			i++
			continue
		}
		n := 0
		for _, k := range cands {
			// The second byte first: it rejects most patterns.
			if p := r.pairs[k][0]; len(p) <= len(s)-i && (len(p) == 1 || s[i+1] == p[1]) && s[i:i+len(p)] == p {
				dst = append(dst, r.pairs[k][1]...)
				n = len(p)
				break
			}
		}
		if n == 0 {
			dst = append(dst, s[i])
			n = 1
		}
		i += n
	}
	return dst
}

// lowerEqual reports whether strings.ToLower(a) == strings.ToLower(b),
// rune by rune, without building either.
func lowerEqual(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb && unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b == ""
}

// appendRunes appends the runes of s to out.
func appendRunes(out []rune, s string) []rune {
	for _, r := range s {
		out = append(out, r)
	}
	return out
}

// compareForms is compareNames over precomputed forms.
func (lx *lexicon) compareForms(a, b *nameForm) nameMatch {
	if a.text == b.text {
		return nameMatch{}
	}
	if lowerEqual(a.text, b.text) {
		return nameMatch{} // case alone: a brand's capitals (WikiLeaks, Wikileaks)
	}
	fa, fb := a.fold, b.fold
	if fa == fb {
		// Accents alone. An accent left off the initial capital (Etats,
		// États) is a house style of French typography, not a variant.
		_, na := utf8.DecodeRuneInString(a.text)
		_, nb := utf8.DecodeRuneInString(b.text)
		if a.text[na:] == b.text[nb:] {
			return nameMatch{}
		}
		return nameMatch{Similar: true}
	}
	// Every other match excludes inflected forms and exonyms; the cheap
	// tests come first.
	if a.key == b.key {
		if lx.inflectionPair(fa, fb) || lx.exonymPair(fa, fb) || lx.distinctWords(a.text, b.text) {
			return nameMatch{}
		}
		return nameMatch{Similar: true}
	}
	if a.translit != "" && a.translit == b.translit && (slavicLooking(fa) || slavicLooking(fb)) {
		// One Slavic name romanised by two conventions (Tsvetkov, Zwetkow).
		if lx.inflectionPair(fa, fb) || lx.exonymPair(fa, fb) || lx.distinctWords(a.text, b.text) {
			return nameMatch{}
		}
		return nameMatch{Similar: true, Distance: 1}
	}
	n := min(a.keyLen, b.keyLen)
	if n < minNameRunes {
		return nameMatch{}
	}
	limit := 1
	if n >= 8 {
		limit = 2
	}
	// Beyond transliteration, a different first letter makes another name
	// (Gambie, Zambie; Austin, Justin): MT misspells inside a name.
	if fa0, _ := utf8.DecodeRuneInString(fa); !strings.HasPrefix(fb, string(fa0)) {
		return nameMatch{}
	}
	// Runes decoded on the stack for the usual name.
	var bufA, bufB [32]rune
	d := osaDistance(appendRunes(bufA[:0], a.key), appendRunes(bufB[:0], b.key), limit)
	if d > limit {
		return nameMatch{}
	}
	// The folded surface forms must differ by at most the same edits, so
	// that folding never joins names it should not ("Louis" and "Luis" are
	// one edit apart either way).
	if osaDistance(appendRunes(bufA[:0], a.fold), appendRunes(bufB[:0], b.fold), limit+1) > limit+1 {
		return nameMatch{}
	}
	if lx.inflectionPair(fa, fb) || lx.exonymPair(fa, fb) || lx.distinctWords(a.text, b.text) {
		return nameMatch{}
	}
	return nameMatch{Similar: true, Distance: d}
}

// osaDistance is the optimal-string-alignment distance (Levenshtein plus
// adjacent transpositions), giving up with limit+1 once it exceeds limit.
func osaDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	var buf [3 * 24]int
	var rows []int
	if n := len(b) + 1; 3*n <= len(buf) {
		rows = buf[:3*n]
	} else {
		rows = make([]int, 3*n)
	}
	n := len(b) + 1
	prev2, prev, cur := rows[:n], rows[n:2*n], rows[2*n:]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// similarPairs returns the index pairs (i < j), in order, of spellings
// that compareNames calls similar. A deletion index over the folded keys
// keeps it near linear: two keys within edit distance d share a variant
// with at most d letters deleted from each. The variants are hashed, not
// built: a collision only adds a pair for compareForms to reject.
// similarPartEntries is how many variant entries similarPairs sorts at
// once (128 KiB); a variable for the tests.
var similarPartEntries = 1 << 14

// mergeSortedUnique appends to dst the values of a and b, two sorted
// lists each without repeats, in order and each once.
func mergeSortedUnique(dst, a, b []uint64) []uint64 {
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			dst, a = append(dst, a[0]), a[1:]
		case b[0] < a[0]:
			dst, b = append(dst, b[0]), b[1:]
		default:
			dst, a, b = append(dst, a[0]), a[1:], b[1:]
		}
	}
	dst = append(dst, a...)
	return append(dst, b...)
}

func (lx *lexicon) similarPairs(spellings []string) [][2]int {
	// The forms live only for this call: their slice is reused.
	fs := nameFormPool.Get().(*[]nameForm)
	forms := slices.Grow((*fs)[:0], len(spellings))[:len(spellings)]
	defer func() {
		clear(forms)
		*fs = forms[:0]
		nameFormPool.Put(fs)
	}()
	sc := nameFormScratchPool.Get().(*nameFormScratch)
	sc.build(forms, spellings)
	nameFormScratchPool.Put(sc)
	if len(forms) <= nameAllPairsMax {
		return lx.similarAllPairs(forms)
	}
	// An entry is a variant's hash in its high bits and the spelling's
	// index in the low idBits: sorted as integers, with no comparison
	// function, the entries of one hash sit together, by index. The hash
	// bits shifted out only let more pairs share an entry, for
	// compareForms to reject.
	idBits := uint(bits.Len(uint(len(forms))))
	idMask := uint64(1)<<idBits - 1
	size := 0
	for i := range forms {
		n := forms[i].keyLen
		size += 2 + n
		if n >= 8 {
			size += n * (n - 1) / 2
		}
	}
	// A run's thousands of spellings have millions of variants: they are
	// taken a share of the hashes at a time (the share is the hash modulo
	// parts), so that the table stays under half a megabyte; a pair
	// shares a variant's hash in one share or none, and the candidates are
	// the same.
	parts := uint64(max(1, (size+similarPartEntries-1)/similarPartEntries))
	entries := make([]uint64, 0, min(size, 2*similarPartEntries))
	// cands holds the candidate pairs found so far, sorted, each once;
	// a share's own are sorted, then merged in: a pair shares many
	// variants (a hundred for a name one letter apart), and all its copies
	// together weighed megabytes.
	var cands, partCands, merged []uint64
	var r, tr []rune
	var v deletionHasher
	for part := range parts {
		entries = entries[:0]
		add := func(h uint64, id uint64) {
			if h%parts == part {
				entries = append(entries, h<<idBits|id)
			}
		}
		for i := range forms {
			id := uint64(i)
			if t := forms[i].translit; t != "" {
				// Transliteration variants share this entry.
				tr = appendRunes(tr[:0], t)
				v.reset(tr)
				add(^v.all(), id)
			}
			r = appendRunes(r[:0], forms[i].key)
			v.reset(r)
			add(v.all(), id)
			for x := range r {
				add(v.without(x), id)
				if len(r) >= 8 {
					for y := x + 1; y < len(r); y++ {
						add(v.without2(x, y), id)
					}
				}
			}
		}
		slices.Sort(entries)
		for a := 0; a < len(entries); {
			h := entries[a] >> idBits
			b := a + 1
			for b < len(entries) && entries[b]>>idBits == h {
				b++
			}
			for x := a; x < b; x++ {
				for y := x + 1; y < b; y++ {
					if i, j := entries[x]&idMask, entries[y]&idMask; i != j {
						partCands = append(partCands, i<<32|j)
					}
				}
			}
			a = b
		}
		slices.Sort(partCands)
		partCands = slices.Compact(partCands)
		merged = mergeSortedUnique(merged[:0], cands, partCands)
		cands, merged = merged, cands
		partCands = partCands[:0]
	}
	var out [][2]int
	for _, c := range cands {
		i, j := int(c>>32), int(uint32(c))
		if lx.compareForms(&forms[i], &forms[j]).Similar {
			out = append(out, [2]int{i, j})
		}
	}
	return out
}

var nameFormPool = sync.Pool{New: func() any { return new([]nameForm) }}

// nameFormScratch builds the forms of many spellings at once, their
// folds, keys and transliteration keys in two strings instead of three
// per spelling.
type nameFormScratch struct {
	buf  []byte
	ends []int32 // per spelling: end of the fold; end of the key, of the translit
}

var nameFormScratchPool = sync.Pool{New: func() any { return new(nameFormScratch) }}

// build sets forms[i] to newNameForm(spellings[i]).
func (sc *nameFormScratch) build(forms []nameForm, spellings []string) {
	b, ends := sc.buf[:0], sc.ends[:0]
	for _, s := range spellings {
		b = appendNameFold(b, s)
		ends = append(ends, int32(len(b)))
	}
	folds := string(b)
	b = b[:0]
	start := 0
	for i := range spellings {
		fold := folds[start:ends[i]]
		start = int(ends[i])
		b = appendNameKey(b, fold)
		ends = append(ends, int32(len(b)))
		b = appendTranslitKey(b, fold)
		ends = append(ends, int32(len(b)))
	}
	keys := string(b)
	n := len(spellings)
	start, from := 0, 0
	for i, s := range spellings {
		fold := folds[start:ends[i]]
		start = int(ends[i])
		key := keys[from:ends[n+2*i]]
		translit := keys[ends[n+2*i]:ends[n+2*i+1]]
		from = int(ends[n+2*i+1])
		f := nameForm{text: s, fold: fold, key: key, translit: translit}
		f.keyLen = utf8.RuneCountInString(f.key)
		f.first, _ = utf8.DecodeRuneInString(f.fold)
		forms[i] = f
	}
	sc.buf, sc.ends = b, ends
}

// appendNameFold appends txFold(s) to dst without building a string.
func appendNameFold(dst []byte, s string) []byte { return appendTxFold(dst, s) }

// nameAllPairsMax is the number of spellings up to which comparing every
// pair, most rejected on their first letter, costs less than the index.
const nameAllPairsMax = 400

// similarAllPairs is similarPairs comparing every pair. Only spellings
// with one key, or with one first letter and keys at most two letters
// apart in length, can be similar (spellings that fold alike share a key).
func (lx *lexicon) similarAllPairs(forms []nameForm) [][2]int {
	var out [][2]int
	for i := range forms {
		a := &forms[i]
		for j := i + 1; j < len(forms); j++ {
			b := &forms[j]
			if a.key != b.key && (a.translit == "" || a.translit != b.translit) && (a.first != b.first || a.keyLen-b.keyLen > 2 || b.keyLen-a.keyLen > 2) {
				continue
			}
			if lx.compareForms(a, b).Similar {
				out = append(out, [2]int{i, j})
			}
		}
	}
	return out
}

// deletionHasher hashes a key's deletion variants (the key without one
// rune or two) in constant time each, not in the key's length: the
// polynomial hash of a sequence (Horner's, base deletionBase) is its
// prefix's times a power of the base plus its suffix's, so a variant's
// comes from the hashes of the key's prefixes and suffixes. Equal
// variants hash alike, which is all the index needs.
type deletionHasher struct {
	pre, suf, pow []uint64 // by position: hash of r[:i], of r[i:], base^i
	n             int
}

const deletionBase = 0x100000001B3

// reset makes v the hasher of r's variants.
func (v *deletionHasher) reset(r []rune) {
	n := len(r)
	v.n = n
	v.pre, v.suf, v.pow = resized(v.pre, n+1), resized(v.suf, n+1), resized(v.pow, n+1)
	v.pow[0] = 1
	for i, c := range r {
		v.pre[i+1] = v.pre[i]*deletionBase + uint64(c)
		v.pow[i+1] = v.pow[i] * deletionBase
	}
	for i := n - 1; i >= 0; i-- {
		v.suf[i] = uint64(r[i])*v.pow[n-1-i] + v.suf[i+1]
	}
}

// all returns the hash of the whole key.
func (v *deletionHasher) all() uint64 { return deletionMix(v.pre[v.n], v.n) }

// without returns the hash of the key without its rune x.
func (v *deletionHasher) without(x int) uint64 {
	return deletionMix(v.pre[x]*v.pow[v.n-1-x]+v.suf[x+1], v.n-1)
}

// without2 returns the hash of the key without its runes x and y, x < y.
func (v *deletionHasher) without2(x, y int) uint64 {
	gap := v.pow[y-x-1]
	mid := v.pre[y] - v.pre[x+1]*gap // the hash of r[x+1:y]
	return deletionMix((v.pre[x]*gap+mid)*v.pow[v.n-1-y]+v.suf[y+1], v.n-2)
}

// deletionMix mixes a variant's length into its hash and spreads the
// bits (the index keeps the low ones).
func deletionMix(h uint64, n int) uint64 {
	h += uint64(n) * 0x9E3779B97F4A7C15
	h ^= h >> 29
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 32
	return h
}

// companionsConflict reports whether two spellings name different people:
// both are seen beside other capitalised words on the same side, and no
// companion of one resembles a companion of the other ("Anna Schmidt" and
// "Peter Schmitt"; but "Rouslan Choukourov" and "Ruslan Shukurov" agree).
func (lx *lexicon) companionsConflict(a, b []nameOccurrence) bool {
	side := func(get func(nameOccurrence) string) bool {
		ca, cb := map[string]bool{}, map[string]bool{}
		for _, o := range a {
			if w := get(o); w != "" {
				ca[w] = true
			}
		}
		for _, o := range b {
			if w := get(o); w != "" {
				cb[w] = true
			}
		}
		if len(ca) == 0 || len(cb) == 0 {
			return false
		}
		for x := range ca {
			for y := range cb {
				if x == y || nameKey(x) == nameKey(y) || lx.compareNames(x, y).Similar {
					return false
				}
			}
		}
		return true
	}
	return side(func(o nameOccurrence) string { return o.Prev }) || side(func(o nameOccurrence) string { return o.Next })
}

// companionsAgree reports whether the two spellings are seen at least once
// beside the same (or a similar) capitalised word on the same side: "Karen
// Hallberg" here and "Ingrid Halberg" there name one person.
func companionsAgree(a, b []nameOccurrence) bool {
	side := func(get func(nameOccurrence) string) bool {
		cb := map[string]bool{}
		for _, o := range b {
			if w := get(o); w != "" {
				cb[w] = true
			}
		}
		for _, o := range a {
			x := get(o)
			if x == "" {
				continue
			}
			for y := range cb {
				if x == y || nameKey(x) == nameKey(y) {
					return true
				}
			}
		}
		return false
	}
	return side(func(o nameOccurrence) string { return o.Prev }) || side(func(o nameOccurrence) string { return o.Next })
}

// sameSentence reports whether some sentence of doc mentions both spellings:
// "la Slovénie et la Slovaquie", "Anna Schmidt et Peter Schmitt" name two
// entities side by side, which MT does not do with one name.
func sameSentence(doc *audit.Document, a, b []nameOccurrence) bool {
	sentences := map[int]bool{}
	for _, o := range a {
		if i := sentenceAt(doc, o.Start); i >= 0 {
			sentences[i] = true
		}
	}
	for _, o := range b {
		if i := sentenceAt(doc, o.Start); i >= 0 && sentences[i] {
			return true
		}
	}
	return false
}

// sentenceAt returns the index of the sentence containing off, or -1.
func sentenceAt(doc *audit.Document, off int) int {
	ss := doc.Sentences
	i := sort.Search(len(ss), func(i int) bool { return ss[i].End > off })
	if i < len(ss) && ss[i].Start <= off {
		return i
	}
	return -1
}

// glossaryName is a word of a glossary entry, with the word after it in
// the entry ("Karen" then "Hallberg"), empty for the last word.
type glossaryName struct {
	Word, Next string
}

// glossaryNames returns the capitalised words of the configuration's
// glossary entries that are long enough to be compared.
func glossaryNames(cfg *audit.Config) []glossaryName {
	if cfg == nil {
		return nil
	}
	var out []glossaryName
	for _, entry := range cfg.Glossary {
		ws := joinHyphenated(entry, txAppendWords(nil, entry, 0, len(entry)))
		for k, w := range ws {
			text := w.in(entry)
			if utf8.RuneCountInString(text) < minNameRunes || !txCapitalised(text) {
				continue
			}
			g := glossaryName{Word: text}
			if k+1 < len(ws) {
				g.Next = ws[k+1].in(entry)
			}
			out = append(out, g)
		}
	}
	return out
}

// isGlossaryName reports whether s is spelled as in the glossary.
func isGlossaryName(s string, glossary []glossaryName) bool {
	for _, g := range glossary {
		if g.Word == s {
			return true
		}
	}
	return false
}

// glossaryMatch returns the glossary name that spelling varies, if any. A
// first name of an entry ("Karen" of "Ingrid Hallberg") is matched only when
// the mention is followed by the entry's next word, so that the glossary
// never renames another Karin.
func (lx *lexicon) glossaryMatch(spelling string, occ []nameOccurrence, glossary []glossaryName) (string, bool) {
	if isGlossaryName(spelling, glossary) {
		return "", false
	}
	for _, g := range glossary {
		if !lx.compareNames(spelling, g.Word).Similar {
			continue
		}
		if g.Next == "" {
			return g.Word, true
		}
		for _, o := range occ {
			if o.Next != "" && (o.Next == g.Next || lx.compareNames(o.Next, g.Next).Similar) {
				return g.Word, true
			}
		}
	}
	return "", false
}
