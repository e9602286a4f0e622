package lang

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"sort"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit/lexicon"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// Detector tells languages apart with the function words of a registry's
// profiles (Words.Function) and, for what they cannot settle, lingua-go over
// those languages and a few more that have no profile (Dutch, Indonesian…),
// so that an article in a language mtaudit cannot audit is named as such.
// It is safe for concurrent use.
type Detector struct {
	reg *profile.Registry
	// once builds the tables below on first detection.
	once sync.Once
	// wordLang maps a folded function word to the languages listing it
	// (indexes into langs): a lexicon.Table, as every word of every
	// article is looked up.
	wordLang *lexicon.Table[[]uint16]
	// short holds the words of wordLang of up to eight bytes, most
	// function words, keyed by their bytes as one integer.
	short shortTable
	// langs are the languages with function words, sorted.
	langs   []string
	maxWord int // the longest function word, in bytes
	targets []string
	lingua  *linguaSet
}

var detectors sync.Map // *profile.Registry → *Detector

// ForProfiles returns the detector of a registry, built once per registry.
func ForProfiles(reg *profile.Registry) *Detector {
	if d, ok := detectors.Load(reg); ok {
		return d.(*Detector)
	}
	d, _ := detectors.LoadOrStore(reg, newDetector(reg))
	return d.(*Detector)
}

func newDetector(reg *profile.Registry) *Detector {
	return &Detector{reg: reg, targets: reg.Targets()}
}

// load builds the function-word table and lingua-go's set, once.
func (d *Detector) load() { d.once.Do(d.build) }

func (d *Detector) build() {
	reg := d.reg
	var codes []string
	words := map[string][]string{}
	// Summaries give every language's function words without decoding
	// every profile.
	for _, p := range reg.Summaries() {
		codes = append(codes, p.Lang)
		words[p.Lang] = p.Function
	}
	for l, ws := range unprofiledWords() {
		if !reg.Has(l) {
			words[l] = ws
		}
	}
	for l, ws := range words {
		if len(ws) > 0 {
			d.langs = append(d.langs, l)
		}
	}
	sort.Strings(d.langs)
	wordLang := map[string][]uint16{}
	for i, l := range d.langs {
		seen := map[string]bool{}
		for _, w := range words[l] {
			w = profile.Fold(w)
			if !seen[w] {
				seen[w] = true
				wordLang[w] = append(wordLang[w], uint16(i))
				d.maxWord = max(d.maxWord, len(w))
			}
		}
	}
	d.wordLang = lexicon.NewTable(wordLang)
	d.short = newShortTable(wordLang, len(d.langs))
	d.lingua = linguaFor(codes)
}

// index returns lang's position in d.langs, or -1.
func (d *Detector) index(lang string) int {
	if i, ok := slices.BinarySearch(d.langs, lang); ok {
		return i
	}
	return -1
}

// Targets lists the languages the registry audits, sorted.
func (d *Detector) Targets() []string { return slices.Clone(d.targets) }

// Name is a language's English name: its profile's, else lingua-go's, else
// the code itself.
func (d *Detector) Name(code string) string {
	if p := d.reg.Lookup(code); p != nil && p.Name != "" {
		return p.Name
	}
	if n := linguaName(code); n != "" {
		return n
	}
	return code
}

// Scores counts, per language, the tokens of text that are its function words.
// It also returns the number of tokens.
func (d *Detector) Scores(text string) (map[string]int, int) {
	ws := d.score(text)
	all := map[string]int{}
	for i, n := range ws.all {
		if n > 0 {
			all[d.langs[i]] = n
		}
	}
	return all, ws.n
}

// wordScores are the function-word counts of a text, per language of
// d.langs: all counts every word for each language that lists it; own
// counts only the words of one language alone ("heeft" for Dutch, not
// "de", which Dutch, French and Spanish share). A language wins on all and
// must beat the others' own.
type wordScores struct {
	all, own []int
	n        int // tokens
}

// score runs on every article and every candidate sentence, so it scans in
// place: a word is lower-cased into a reused buffer and looked up without
// building a string; ASCII letters, most of a text, skip the Unicode
// tables.
func (d *Detector) score(text string) wordScores {
	d.load()
	sc := wordScanner{d: d, ws: d.newScores()}
	sc.scan(text)
	sc.flush(&sc.ws)
	return sc.ws
}

// scoreHead is score of text and of text[:cut] (cut on a rune boundary),
// in one scan.
func (d *Detector) scoreHead(text string, cut int) (all, head wordScores) {
	d.load()
	sc := wordScanner{d: d, ws: d.newScores()}
	sc.scan(text[:cut])
	// The head ends here: its scores are the counts so far and the word
	// the cut ends.
	head = d.newScores()
	copy(head.all, sc.ws.all)
	copy(head.own, sc.ws.own)
	head.n = sc.ws.n
	sc.flush(&head)
	sc.scan(text[cut:])
	sc.flush(&sc.ws)
	return sc.ws, head
}

func (d *Detector) newScores() wordScores {
	counts := make([]int, 2*len(d.langs))
	return wordScores{all: counts[:len(d.langs)], own: counts[len(d.langs):]}
}

// wordScanner is the state of score's scan: the counts and the word being
// read. A text scanned in pieces cut on rune boundaries counts as the
// whole.
type wordScanner struct {
	d    *Detector
	ws   wordScores
	buf  [32]byte
	n    int  // the word read so far is buf[:n]
	long bool // a word too long for the buffer is no function word
	// acc holds the counts of the words read in blocks not yet added to
	// ws, in the 8-bit counters of d.short.inc: all's lanes, then own's;
	// pending is the number of words they hold, below 256.
	acc     [2 * maxLanes]uint64
	pending int
}

// countEntry counts a word read in a block: entry e of d.short.
func (sc *wordScanner) countEntry(e uint32) {
	t := &sc.d.short
	if t.lanes == 0 {
		countLangs(&sc.ws, t.lists[e])
		return
	}
	inc := t.inc[2*t.lanes*int(e):][:2*t.lanes]
	for l := range inc {
		sc.acc[l] += inc[l]
	}
	if sc.pending++; sc.pending == 255 {
		sc.settle()
	}
}

// settle adds the counts in acc to ws.
func (sc *wordScanner) settle() {
	lanes := sc.d.short.lanes
	for l := 0; l < lanes; l++ {
		all, own := sc.acc[l], sc.acc[lanes+l]
		for b := 0; b < 8 && 8*l+b < len(sc.ws.all); b++ {
			sc.ws.all[8*l+b] += int(all >> (8 * b) & 0xFF)
			sc.ws.own[8*l+b] += int(own >> (8 * b) & 0xFF)
		}
	}
	sc.acc, sc.pending = [2 * maxLanes]uint64{}, 0
}

// flush counts the word read so far into ws (the scan's own counts, or a
// copy of them).
func (sc *wordScanner) flush(ws *wordScores) {
	if sc.n == 0 {
		return
	}
	ws.n++
	if sc.n > sc.d.maxWord {
		return
	}
	countWord(sc.d, ws, sc.buf[:sc.n])
}

// count counts the function-word evidence of a lower-case word into the
// scan's own counts (the token is counted by the caller).
func (sc *wordScanner) count(w []byte) { countWord(sc.d, &sc.ws, w) }

// countWord counts w, which is the start of a buffer of at least eight
// bytes.
func countWord(d *Detector, ws *wordScores, w []byte) {
	var langs []uint16
	if len(w) <= 8 {
		// The buffer's next bytes are read and masked off.
		langs = d.short.lists[d.short.get(binary.LittleEndian.Uint64(w[:8])&(1<<(8*len(w))-1))]
	} else {
		langs, _ = d.wordLang.GetBytes(w)
	}
	countLangs(ws, langs)
}

func countLangs(ws *wordScores, langs []uint16) {
	for _, l := range langs {
		ws.all[l]++
	}
	if len(langs) == 1 {
		ws.own[langs[0]]++
	}
}

// shortTable maps words of one to eight bytes, each read as the integer
// of its bytes (the first the lowest, the rest zero), to their entries
// (0 for no word): a lookup is two multiplications and two comparisons of
// integers, without a branch (cuckoo hashing: a word is in one of its two
// slots), and so is counting the entry's languages (see inc).
type shortTable struct {
	keys    []uint64 // 0: an empty slot (no word is empty)
	entries []uint32 // per slot
	shift   uint
	lists   [][]uint16 // per entry, its languages (entry 0: none)
	// lanes is the number of words of eight 8-bit counters that hold a
	// count per language, or 0 when the languages are too many; inc holds,
	// per entry, lanes words that add 1 to the counter of each of its
	// languages (all), then lanes for its language alone (own).
	lanes int
	inc   []uint64
}

// maxLanes bounds shortTable.lanes: 32 languages.
const maxLanes = 4

// Two odd multipliers, one per slot of a word.
const (
	shortHash1 = 0x9E3779B97F4A7C15
	shortHash2 = 0xD6E8FEB86659FD93
)

func newShortTable(words map[string][]uint16, langs int) shortTable {
	t := shortTable{lists: [][]uint16{nil}}
	var keys []uint64
	for w, ls := range words {
		if len(w) >= 1 && len(w) <= 8 {
			var b [8]byte
			copy(b[:], w)
			keys = append(keys, binary.LittleEndian.Uint64(b[:]))
			t.lists = append(t.lists, ls)
		}
	}
	size := 16
	for size < 4*len(keys) {
		size *= 2
	}
	for !t.place(keys, size) {
		size *= 2
	}
	if lanes := (langs + 7) / 8; lanes <= maxLanes {
		t.lanes = lanes
		t.inc = make([]uint64, 2*lanes*len(t.lists))
		for e, ls := range t.lists {
			for _, l := range ls {
				t.inc[2*lanes*e+int(l)/8] += 1 << (8 * (l % 8))
			}
			if len(ls) == 1 {
				t.inc[2*lanes*e+lanes+int(ls[0])/8] += 1 << (8 * (ls[0] % 8))
			}
		}
	}
	return t
}

// place puts keys (entry k+1 each) into size slots, or reports that it
// could not.
func (t *shortTable) place(keys []uint64, size int) bool {
	t.keys, t.entries = make([]uint64, size), make([]uint32, size)
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
	for k, key := range keys {
		entry := uint32(k + 1)
		i := t.slot1(key)
		for range 4 * size {
			if t.keys[i] == 0 {
				t.keys[i], t.entries[i] = key, entry
				entry = 0
				break
			}
			// Take the slot; the word there moves to its other one.
			t.keys[i], key = key, t.keys[i]
			t.entries[i], entry = entry, t.entries[i]
			if j := t.slot1(key); j != i {
				i = j
			} else {
				i = t.slot2(key)
			}
		}
		if entry != 0 {
			return false
		}
	}
	return true
}

func (t *shortTable) slot1(key uint64) int { return int(key * shortHash1 >> t.shift) }
func (t *shortTable) slot2(key uint64) int { return int(key * shortHash2 >> t.shift) }

// get returns the entry of the word read as key, 0 when none.
func (t *shortTable) get(key uint64) uint32 {
	i, j := t.slot1(key), t.slot2(key)
	ei, ej := t.entries[i], t.entries[j]
	var e uint32
	if t.keys[i] == key {
		e = ei
	}
	if t.keys[j] == key {
		e = ej
	}
	return e
}

const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// load64 reads eight bytes, the first the lowest.
func load64(b string) uint64 {
	b = b[:8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// bytesIn marks (with the high bit of each byte) the bytes of x from lo to
// hi, for x and the bounds below 0x80: adding 0x80-lo to such a byte sets
// its high bit from lo up, adding 0x7F-hi from above hi, and no sum
// carries into the next byte.
func bytesIn(x uint64, lo, hi byte) uint64 {
	return (x + (0x80-uint64(lo))*lowBits) &^ (x + (0x7F-uint64(hi))*lowBits) & highBits
}

// wordBytes marks, with the high bit of each byte, the bytes of x (eight
// bytes, the first the lowest) that are letters of ASCII or both bytes of
// a letter of U+00C0 to U+00FF (0xC3 then 0x80 to 0xBF, but × and ÷),
// as the scan reads them. lower holds the bits that lower-case them: 0x20
// in an ASCII letter and in the second byte of À to Þ.
func wordBytes(x uint64) (letters, lower uint64) {
	high := x & highBits
	low := x &^ highBits
	ascii := bytesIn(low|0x20*lowBits, 'a', 'z') &^ high
	if high == 0 {
		return ascii, ascii >> 2
	}
	lead := bytesIn(low, 0x43, 0x43) & high
	second := bytesIn(low, 0x00, 0x3F) & high & (lead << 8) &^ (bytesIn(low, 0x17, 0x17) | bytesIn(low, 0x37, 0x37))
	upper := second & bytesIn(low, 0x00, 0x1E)
	return ascii | second | second>>8, (ascii | upper) >> 2
}

// asciiLetter marks the ASCII letters; asciiCase holds the bit that
// lower-cases an upper-case one (0 for every other byte).
var asciiLetter, asciiCase = func() (letter [256]bool, lower [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		letter[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		letter[c], lower[c] = true, 'a'-'A'
	}
	return
}()

// latin1Lower reads a rune of U+00C0 to U+00FF at text[i:]: ok reports
// that one is there, r is its lower case, or 0 for × and ÷, which are no
// letters.
func latin1Lower(text string, i int) (r rune, ok bool) {
	if text[i] != 0xC3 || i+1 >= len(text) {
		return 0, false
	}
	b := text[i+1]
	switch {
	case b < 0x80 || b > 0xBF:
		return 0, false
	case b == 0x97 || b == 0xB7:
		return 0, true
	case b < 0x9F:
		b += 0x20
	}
	return 0xC0 + rune(b-0x80), true
}

// runLower lower-cases a byte of a run of ASCII letters and letters of
// U+00C0 to U+00FF by addition: A-Z, and the second bytes of À to Þ.
var runLower = func() (add [256]byte) {
	for c := 'A'; c <= 'Z'; c++ {
		add[c] = 'a' - 'A'
	}
	for b := 0x80; b <= 0x9E; b++ {
		add[b] = 0x20
	}
	return
}()

func (sc *wordScanner) scan(text string) {
	// The word's length and state live in locals through the loop; an
	// ASCII letter is stored as a byte.
	n, long := sc.n, sc.long
	buf := &sc.buf
	d := sc.d
	lanes := d.short.lanes
	for i := 0; i < len(text); {
		if n == 0 && !long && lanes > 0 {
			// Most words, read by shortWords until one it leaves.
			if i = sc.shortWords(text, i); sc.pending == 255 {
				sc.settle()
			}
			if i == len(text) {
				break
			}
		}
		c := text[i]
		if n == 0 && !long && (asciiLetter[c] || c == 0xC3) && i+8 <= len(text) {
			// Most words of all: letters of ASCII and of U+00C0 to U+00FF
			// that end, within sixteen bytes, at an ASCII non-letter;
			// read eight bytes at once, without a branch per letter, and
			// lower-cased in place. A word of up to eight bytes is looked
			// up as an integer.
			x := load64(text[i : i+8])
			letters, lower := wordBytes(x)
			k := bits.TrailingZeros64(^letters&highBits) >> 3
			if k > 0 && k < 8 && text[i+k] < utf8.RuneSelf {
				sc.ws.n++
				if k <= d.maxWord {
					sc.countEntry(d.short.get((x | lower) & (1<<(8*k) - 1)))
				}
				i += k + 1 // past the non-letter
				continue
			}
			if k == 8 && i+16 <= len(text) {
				x2 := load64(text[i+8 : i+16])
				letters2, lower2 := wordBytes(x2)
				// (A letter of two bytes across the blocks' border ends
				// the first block's letters one byte early: no k of 8.)
				k2 := bits.TrailingZeros64(^letters2&highBits) >> 3
				if k2 < 8 && text[i+8+k2] < utf8.RuneSelf {
					sc.ws.n++
					if k := 8 + k2; k <= d.maxWord && d.wordLang.MayHave(text[i:i+k]) {
						binary.LittleEndian.PutUint64(buf[:8], x|lower)
						binary.LittleEndian.PutUint64(buf[8:16], x2|lower2)
						sc.count(buf[:k])
					}
					i += 8 + k2 + 1
					continue
				}
			}
		}
		if n == 0 && !long && (asciiLetter[c] || c == 0xC3) {
			// Most words: ASCII letters and letters of U+00C0 to U+00FF
			// ("été") that start here and end at an ASCII non-letter. Such a word is one token, looked up only
			// when the table's filter (which reads either letter case)
			// lets it through, so most are never copied.
			j := i
			for j < len(text) {
				if asciiLetter[text[j]] {
					j++
				} else if l, ok := latin1Lower(text, j); ok && l != 0 {
					j += 2
				} else {
					break
				}
			}
			if j > i && j < len(text) && text[j] < utf8.RuneSelf {
				w := text[i:j]
				sc.ws.n++
				// (The buffer holds words of up to len(buf)-UTFMax+1
				// bytes, as the loop below stores them.) The filter
				// reads bytes modulo 32, alike in either case of a
				// letter of U+00C0 to U+00FF too.
				if len(w) <= d.maxWord && len(w) <= len(buf)-utf8.UTFMax+1 && d.wordLang.MayHave(w) {
					for k := 0; k < len(w); k++ {
						buf[k] = w[k] + runLower[w[k]]
					}
					sc.count(buf[:len(w)])
				}
				i = j + 1 // past the non-letter
				continue
			}
		}
		// A letter, lower-cased, from an ASCII table or Unicode's.
		var r rune
		var letter bool
		if c < utf8.RuneSelf {
			i++
			r, letter = rune(c+asciiCase[c]), asciiLetter[c]
		} else if l, ok := latin1Lower(text, i); ok {
			// U+00C0 to U+00FF, most of French's and other Western
			// languages' accents, lower-cased without the Unicode tables.
			i += 2
			r, letter = l, l != 0
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(text[i:])
			i += size
			if letter = unicode.IsLetter(r); letter {
				r = unicode.ToLower(r)
			}
		}
		if !letter {
			if n > 0 {
				sc.n = n
				sc.flush(&sc.ws)
			}
			n, long = 0, false
			continue
		}
		if long {
			continue
		}
		if n+utf8.UTFMax > len(buf) {
			// Count it as a token, but no function word is this long.
			n = 0
			sc.ws.n++
			long = true
			continue
		}
		if r < utf8.RuneSelf {
			buf[n] = byte(r)
			n++
		} else {
			n += utf8.EncodeRune(buf[n:], r)
		}
	}
	sc.n, sc.long = n, long
	sc.settle()
}

// shortWords is scan's first way of reading a word, and the commonest,
// from text[i] on and between words (no word begun, none too long), with
// d.short's counters (lanes > 0): letters of ASCII and of U+00C0 to U+00FF
// that end, within sixteen bytes, at an ASCII non-letter, and the ASCII
// non-letters between them, which only end a word. It counts them into
// sc.ws.n and sc.acc as scan does, and returns where it stopped: before
// any other text, a word of nine bytes or more that the table may hold
// (scan looks it up), the last bytes, or when acc is full (pending 255).
// A loop of its own, wordBytes written out in it: scan's calls put its
// variables on the stack, and went there and back for every word.
func (sc *wordScanner) shortWords(text string, i int) int {
	d := sc.d
	t := &d.short
	lanes2 := 2 * t.lanes
	maxWord := d.maxWord
	tokens, pending := sc.ws.n, sc.pending
	for pending < 255 && i+8 <= len(text) {
		c := text[i]
		if c < utf8.RuneSelf && !asciiLetter[c] {
			i++
			continue
		}
		if c != 0xC3 && !asciiLetter[c] {
			break
		}
		// wordBytes(x), written out.
		x := load64(text[i : i+8])
		high, low := x&highBits, x&^highBits
		letters := bytesIn(low|0x20*lowBits, 'a', 'z') &^ high
		lower := letters >> 2
		if high != 0 {
			lead := bytesIn(low, 0x43, 0x43) & high
			second := bytesIn(low, 0x00, 0x3F) & high & (lead << 8) &^ (bytesIn(low, 0x17, 0x17) | bytesIn(low, 0x37, 0x37))
			lower = (letters | second&bytesIn(low, 0x00, 0x1E)) >> 2
			letters |= second | second>>8
		}
		k := bits.TrailingZeros64(^letters&highBits) >> 3
		if k == 8 {
			// A longer word; with its end within the next eight bytes,
			// it is counted here unless the table may hold it.
			if i+16 > len(text) {
				break
			}
			// wordBytes' letters, written out too.
			x2 := load64(text[i+8 : i+16])
			high2, low2 := x2&highBits, x2&^highBits
			letters2 := bytesIn(low2|0x20*lowBits, 'a', 'z') &^ high2
			if high2 != 0 {
				lead := bytesIn(low2, 0x43, 0x43) & high2
				second := bytesIn(low2, 0x00, 0x3F) & high2 & (lead << 8) &^ (bytesIn(low2, 0x17, 0x17) | bytesIn(low2, 0x37, 0x37))
				letters2 |= second | second>>8
			}
			k2 := bits.TrailingZeros64(^letters2&highBits) >> 3
			if k2 == 8 || text[i+8+k2] >= utf8.RuneSelf {
				break
			}
			if k := 8 + k2; k <= maxWord && d.wordLang.MayHave(text[i:i+k]) {
				break
			}
			tokens++
			i += 8 + k2 + 1
			continue
		}
		if k == 0 || text[i+k] >= utf8.RuneSelf {
			break
		}
		tokens++
		if k <= maxWord {
			// countEntry's counting, without its call.
			inc := t.inc[lanes2*int(t.get((x|lower)&(1<<(8*k)-1))):][:lanes2]
			for l := range inc {
				sc.acc[l] += inc[l]
			}
			pending++
		}
		i += k + 1
	}
	sc.ws.n, sc.pending = tokens, pending
	return i
}

// Cheap guesses from function words alone. ok is false when the text is too
// short or two languages are close: then ask Guess.
func (d *Detector) Cheap(text string) (lang string, ok bool) {
	return d.cheap(d.score(text))
}

// cheap is Cheap on scores already counted.
func (d *Detector) cheap(ws wordScores) (string, bool) {
	best, b, c := d.top(ws)
	return best, ws.n >= 8 && b >= 3 && float64(b) >= 0.2*float64(ws.n) && b >= 2*c+1
}

// top returns the language with the most function words, its count, and
// the most words of one other language alone (a shared word is no
// evidence against the winner).
func (d *Detector) top(ws wordScores) (best string, b, c int) {
	d.load()
	bi := -1
	for i := range d.langs {
		if bi < 0 || ws.all[i] > ws.all[bi] {
			bi = i
		}
	}
	if bi < 0 {
		return "", 0, 0
	}
	for i := range d.langs {
		if i != bi && ws.own[i] > c {
			c = ws.own[i]
		}
	}
	return d.langs[bi], ws.all[bi], c
}

// dominates reports a preferred language whose function words, on a text
// of some length, are too many for another language to be the text's: a
// looser test than Cheap's density (names, numbers and quotes dilute a
// news article's function words), but a stricter lead over the runner-up.
// It spares lingua-go most articles Cheap leaves in doubt.
func (d *Detector) dominates(ws wordScores, prefer []string) string {
	best, b, c := d.top(ws)
	n := ws.n
	if n >= 40 && float64(b) >= 0.1*float64(n) && b >= 3*c+1 && slices.Contains(prefer, best) {
		return best
	}
	return ""
}

// Guess returns the language of text: the cheap test's answer when it is
// sure, else lingua-go's. It returns "" when neither can tell.
func (d *Detector) Guess(text string) string {
	if l, ok := d.Cheap(text); ok {
		return l
	}
	return d.Lingua(text)
}

// Lingua asks lingua-go alone; "" when it cannot tell. Texts shorter than
// shortText bytes are only told apart as French or English (the question a
// bracket in an article asks), where lingua's full models are needed.
func (d *Detector) Lingua(text string) string {
	if len(text) < shortText {
		return narrowLingua(text)
	}
	d.load()
	l, _ := pick(d.lingua.confidences(text), nil)
	return l
}

// documentHead is how much of an article Document reads: the opening few
// paragraphs decide as well as the whole article, at a fraction of the
// cost on long texts.
const documentHead = 2000

// documentConfidence is how sure lingua-go must be to call an article
// something other than a preferred language.
const documentConfidence = 0.95

// Document guesses an article's language from its opening (documentHead
// bytes) and the function words of the whole text. prefer lists the
// languages the article is expected in (the configured target, or every
// target language): when the evidence for another language is weak, the
// most likely of them is returned. It returns "" when the text gives
// nothing to go on (no letters).
//
// The articles are translations: a short article full of English leftovers
// ("des [job guarantees]. Partager: Facebook Twitter") is still in its
// target language, though lingua-go is sure of English there; so when a
// preferred language leads the function words, a language whose function
// words are known (and lost) does not win on lingua-go's word alone.
func (d *Detector) Document(text string, prefer ...string) string {
	if len(text) > documentHead {
		// The opening may be translated and the rest not: the function
		// words of the whole text (one linear scan, which counts the
		// opening's on the way) decide when they are sure.
		h := head(text, documentHead)
		all, ws := d.scoreHead(text, len(h))
		if w, ok := d.cheap(all); ok {
			return w
		}
		return d.opening(h, ws, prefer)
	}
	return d.opening(text, d.score(text), prefer)
}

// opening is Document on the opening of an article, whose scores are ws.
func (d *Detector) opening(text string, ws wordScores, prefer []string) string {
	if l, ok := d.cheap(ws); ok {
		return l
	}
	if l := d.dominates(ws, prefer); l != "" {
		return l
	}
	// The preferred language that leads on words of its own; on a text
	// with none (a short one: "le", "des" are French and Italian or
	// German), the one that leads on every function word.
	lead := d.leading(ws.own, prefer)
	if lead == "" && !anyScore(ws.own) {
		lead = d.leading(ws.all, prefer)
	}
	vals := d.lingua.confidences(text)
	l, conf := pick(vals, nil)
	switch {
	case l == "":
		return lead
	case slices.Contains(prefer, l) || len(prefer) == 0:
		return l
	case lead != "" && d.hasWords(l):
		return lead
	case conf >= documentConfidence && len(text) >= shortText:
		return l
	case lead != "":
		return lead
	}
	// Unsure: the most likely preferred language.
	if p, _ := pick(vals, prefer); p != "" {
		return p
	}
	return l
}

// hasWords reports whether the detector knows function words of lang.
func (d *Detector) hasWords(lang string) bool {
	d.load()
	return d.index(lang) >= 0
}

// leading returns the preferred language with the most function words in
// scores (per language of d.langs), if it has some and no language has
// more; ties go to the earlier in prefer.
func (d *Detector) leading(scores []int, prefer []string) string {
	best, bi := "", -1
	for _, p := range prefer {
		i := d.index(p)
		if i >= 0 && scores[i] > 0 && (bi < 0 || scores[i] > scores[bi]) {
			best, bi = p, i
		}
	}
	if bi < 0 {
		return ""
	}
	for i, n := range scores {
		if i != bi && n > scores[bi] {
			return ""
		}
	}
	return best
}

func anyScore(s []int) bool {
	for _, n := range s {
		if n > 0 {
			return true
		}
	}
	return false
}

// head cuts text to at most n bytes, on a rune boundary.
func head(text string, n int) string {
	if len(text) <= n {
		return text
	}
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n]
}
