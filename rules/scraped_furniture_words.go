package rules

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// The furniture checks (scraped.web-prompt, scraped.glued-furniture)
// read page furniture by its shape and its vocabulary: the words a web page
// uses to address its reader and to label its links, taken from the target
// and the source profiles (labels of English furniture are left in as they
// are), and the label phrases of the language's scraped pack.

// furnitureWords is the vocabulary of the furniture checks for one pair of
// target and source profiles, built once (furnitureOf). Sets hold folded
// words (profile.Fold): lower case, apostrophes as ’.
type furnitureWords struct {
	// labels head read-more and media lines (lire, mehr, leia).
	labels profile.Set
	// calls are calls to action (abonnez-vous, folgen, suscríbete); the
	// entries of several words are in callPhrases.
	calls       profile.Set
	callPhrases *tokenPhrases
	// iface are nouns of web interfaces (newsletter, Kommentare).
	iface profile.Set
	// address are the reader's pronouns (vous, du, usted); politeCased the
	// polite forms matched as written in mid-sentence (Sie).
	address     profile.Set
	politeCased map[string]bool
	// publisher are the site's words for itself (notre, unser).
	publisher profile.Set
	// networks are share targets (facebook, e-mail); those of several words
	// (copier le lien) are in networkPhrases.
	networks       profile.Set
	networkPhrases *tokenPhrases
	// function words a label may hold besides its vocabulary (à, zum, de).
	function profile.Set
	// imperativeEndings end polite imperatives (ez); objects are the words
	// that open the object after one (les, notre, alla).
	imperativeEndings []string
	objects           profile.Set
	// negation opens a negative imperative ("Ne manquez rien").
	negation profile.Set
	// politeImperative says an imperative opening a line is told by the
	// polite pronoun after it ("Folgen Sie", "Unterstützen Sie"): in a
	// language with polite forms marked by their capital, or whose nouns
	// all take one, a capitalised verb form may be a noun ("Folgen für die
	// Umwelt", "Schäden in Millionenhöhe").
	politeImperative bool
	// packLabels are the read-more, share and media labels of the
	// language's scraped pack, matched on accent-free folded tokens;
	// packShare the share-bar phrases.
	packLabels, packShare *tokenPhrases
	// index holds what each folded word of the sets above is, so a token
	// is classified with one look-up rather than one a set, and most with
	// none (filter).
	index  map[string]furnWord
	filter wordFilter
	// sieve turns away most of the words filter lets through (two in
	// three of a text's words: the function words make most first and
	// last bytes common), by their length, first two and last bytes.
	sieve wordSieve
	// vocabSieve is sieve for the words with a bit of wVocabulary alone:
	// not the function words, which make most of a text. Few, they fit a
	// small bitmap, which stays in the caches among the other rules' data.
	vocabSieve smallSieve
}

// smallSieve is a set of words as a bitmap of 4096 bits over a hash of
// their length, first two and last bytes: false means the word is not in
// the set.
type smallSieve [4096 / 64]uint64

func smallSieveKey(w string) uint32 {
	x := uint32(len(w))
	if len(w) > 0 {
		x |= uint32(w[0]) << 8
	}
	if len(w) > 1 {
		x |= uint32(w[1]) << 16
	}
	if len(w) > 2 {
		x |= uint32(w[len(w)-1]) << 24
	}
	return (x * 0x9E3779B1) >> 20
}

func (ws *smallSieve) add(w string) {
	k := smallSieveKey(w)
	ws[k>>6] |= 1 << (k & 63)
}

func (ws *smallSieve) mayHave(w string) bool {
	k := smallSieveKey(w)
	return ws[k>>6]&(1<<(k&63)) != 0
}

// wordSieve is a set of words as a bitmap over a hash of their length,
// first two and last bytes: false means the word is not in the set.
type wordSieve [1 << 16 / 64]uint64

func sieveKey(w string) uint32 {
	k := uint32(len(w)) * 0x9E37
	if len(w) > 0 {
		k ^= uint32(w[0]) << 8
	}
	if len(w) > 1 {
		k ^= uint32(w[1])
	}
	if len(w) > 2 {
		k ^= uint32(w[len(w)-1]) * 0x2F
	}
	return k & 0xFFFF
}

func (ws *wordSieve) add(w string) {
	k := sieveKey(w)
	ws[k>>6] |= 1 << (k & 63)
}

func (ws *wordSieve) mayHave(w string) bool {
	k := sieveKey(w)
	return ws[k>>6]&(1<<(k&63)) != 0
}

// furnWord is what a folded word is to the furniture vocabulary: the
// furnClass bits it has alone (fLabel, fIface, fAddress, fPublisher,
// fFunction) and the sets and phrase starts it belongs to.
type furnWord uint16

const (
	wLabel                = furnWord(fLabel)
	wIface                = furnWord(fIface)
	wAddress              = furnWord(fAddress)
	wPublisher            = furnWord(fPublisher)
	wFunction             = furnWord(fFunction)
	wCall        furnWord = 1 << 12 // a call of one word (calls)
	wNetwork     furnWord = 1 << 13 // a share target of one word (networks)
	wObject      furnWord = 1 << 14 // opens an imperative's object (objects)
	wPhraseFirst furnWord = 1 << 15 // the first token of a call or network phrase, or of a pack share phrase (ASCII)
	wAlone                = wLabel | wIface | wAddress | wPublisher | wFunction
	// wVocabulary are the entries that give a word written alone a class
	// of fMayMask (furnitureTable.mayVocabulary).
	wVocabulary = wLabel | wIface | wAddress | wPublisher | wCall | wNetwork | wPhraseFirst
)

// buildIndex fills fw.index from the sets and phrases.
func (fw *furnitureWords) buildIndex() {
	fw.index = map[string]furnWord{}
	add := func(set profile.Set, w furnWord) {
		for k, ok := range set {
			if ok {
				fw.index[k] |= w
				fw.filter.add(k)
				fw.sieve.add(k)
			}
		}
	}
	add(fw.labels, wLabel)
	add(fw.iface, wIface)
	add(fw.address, wAddress)
	add(fw.publisher, wPublisher)
	add(fw.function, wFunction)
	add(fw.calls, wCall)
	add(fw.networks, wNetwork)
	add(fw.objects, wObject)
	for _, tp := range []*tokenPhrases{fw.callPhrases, fw.networkPhrases, fw.packShare} {
		for k := range tp.first {
			fw.index[k] |= wPhraseFirst
			fw.filter.add(k)
			fw.sieve.add(k)
		}
	}
	for k, w := range fw.index {
		if w&wVocabulary != 0 {
			fw.vocabSieve.add(k)
		}
	}
}

// word returns the index entry of folded word w.
func (fw *furnitureWords) word(w string) furnWord {
	if !fw.filter.mayHave(w) || !fw.sieve.mayHave(w) {
		return 0
	}
	return fw.index[w]
}

// furnitureKey keys the furniture vocabulary in its target profile.
type furnitureKey struct{ source *profile.Profile }

// furnitureOf returns the furniture vocabulary of a pass's languages.
func furnitureOf(s *shape) *furnitureWords {
	lx := s.lex
	return lx.target.Derived(furnitureKey{lx.source}, func(*profile.Profile) any { return buildFurniture(lx) }).(*furnitureWords)
}

func buildFurniture(lx *lexicon) *furnitureWords {
	t, src := lx.target, lx.source
	both := func(tl, sl *[]string) profile.Set { return union(t.Set(tl), src.Set(sl)) }
	tw, sw := &t.Words, &src.Words
	fw := &furnitureWords{
		labels:    lx.furnitureLabels,
		iface:     both(&tw.Interface, &sw.Interface),
		address:   both(&tw.ReaderAddress, &sw.ReaderAddress),
		publisher: both(&tw.PublisherAddress, &sw.PublisherAddress),
		function: union(lx.lowerFunction, lx.prepositions, lx.articles, lx.determiners,
			lx.definiteArticles, lx.complementPrepositions),
		politeCased:       map[string]bool{},
		imperativeEndings: folded(tw.ImperativeEndings),
	}
	fw.negation = t.Set(&tw.Negation)
	fw.objects = union(lx.determiners, lx.articles, lx.definiteArticles, lx.prepositions, fw.address, fw.publisher)
	for _, w := range tw.ReaderAddressCased {
		fw.politeCased[w] = true
	}
	fw.politeImperative = lx.nounsCapitalised || len(fw.politeCased) > 0
	var single []string
	fw.callPhrases, single = newTokenPhrases(lx, false, tw.CallsToAction, sw.CallsToAction)
	fw.calls = profile.Set{}
	for _, w := range single {
		fw.calls[w] = true
	}
	fw.networkPhrases, single = newTokenPhrases(lx, false, tw.SocialNetworks, sw.SocialNetworks)
	fw.networks = profile.Set{}
	for _, w := range single {
		fw.networks[w] = true
	}
	labels := packPhrases(t.Lang, "scraped.read-more", "scraped.share-label", "scraped.media-label")
	fw.packLabels, _ = newTokenPhrases(lx, true, labels)
	fw.packShare, _ = newTokenPhrases(lx, true, packPhrases(t.Lang, "scraped.share-buttons"))
	fw.buildIndex()
	return fw
}

// packPhrases returns the phrases of the given phrase rules in the
// embedded scraped pack of lang. A language whose pack has none (or a pack
// read from a directory at run time) gets none: the checks then work from
// the profiles alone.
func packPhrases(lang string, ids ...string) []string {
	if lang == "" {
		return nil
	}
	var out []string
	for _, r := range builtinPackPhrases(lang, "scraped.yaml") {
		for _, id := range ids {
			if r.id == id {
				out = append(out, r.phrases...)
			}
		}
	}
	return out
}

// tokenPhrases matches phrases of several tokens on the document's token
// table: a phrase is split by the document's tokenizer ("copier le lien",
// "à lire :", "l’application") and compared token by token on folded forms.
type tokenPhrases struct {
	// first maps a phrase's first token to the phrases starting with it,
	// each the rest of its tokens.
	first map[string][][]string
	// plain says tokens are compared on the pack view's fold (no accents,
	// straight apostrophes) rather than the profile fold.
	plain  bool
	maxLen int
	// keys are the keys of first, sorted (mayStart); keyFirst marks the
	// bytes they begin with.
	keys     []string
	keyFirst [256]bool
	// keyPair marks the pairs of ASCII bytes keys begin with (bit b of
	// keyPair[a]): a word opening with two ASCII letters is told by them.
	keyPair [128][2]uint64
	// keyTri marks the three ASCII letters keys begin with (keyTriBit): a
	// word opening with three is told by them.
	keyTri [26*26*26/64 + 1]uint64
}

// keyTriBit returns the bit of keyTri for the lower-case letters a, b, c.
func keyTriBit(a, b, c byte) int {
	return (int(a-'a')*26+int(b-'a'))*26 + int(c-'a')
}

// newTokenPhrases indexes the phrases of the lists that have several
// tokens, and returns the folded one-token entries apart.
func newTokenPhrases(lx *lexicon, plain bool, lists ...[]string) (*tokenPhrases, []string) {
	tp := &tokenPhrases{first: map[string][][]string{}, plain: plain}
	var single []string
	var buf []token
	var folds []byte
	for _, l := range lists {
		for _, p := range l {
			buf, folds = tokenizeLine(buf[:0], folds[:0], p, audit.Span{Start: 0, End: len(p)}, 0, lx)
			if len(buf) == 0 {
				continue
			}
			toks := make([]string, len(buf))
			for k := range buf {
				toks[k] = tp.fold(p[buf[k].Start:buf[k].End])
			}
			if len(toks) == 1 && !plain {
				single = append(single, toks[0])
				continue
			}
			tp.first[toks[0]] = append(tp.first[toks[0]], toks[1:])
			tp.maxLen = max(tp.maxLen, len(toks))
		}
	}
	tp.indexKeys()
	return tp, single
}

// indexKeys fills keys, keyFirst and keyPair from first.
func (tp *tokenPhrases) indexKeys() {
	for k := range tp.first {
		tp.keys = append(tp.keys, k)
		if k != "" {
			tp.keyFirst[k[0]] = true
		}
		if len(k) >= 2 && k[0] < utf8.RuneSelf && k[1] < utf8.RuneSelf {
			tp.keyPair[k[0]][k[1]>>6] |= 1 << (k[1] & 63)
		}
		if len(k) >= 3 && isLowerASCII(k[0]) && isLowerASCII(k[1]) && isLowerASCII(k[2]) {
			bit := keyTriBit(k[0], k[1], k[2])
			tp.keyTri[bit>>6] |= 1 << (bit & 63)
		}
	}
	slices.Sort(tp.keys)
}

// fold is the form tokens are compared on.
func (tp *tokenPhrases) fold(w string) string {
	if tp.plain {
		return foldString(w, true)
	}
	return profile.Fold(w)
}

// match returns the number of tokens of the longest phrase starting at
// token i of s (0 when none), within the tokens before end.
func (tp *tokenPhrases) match(s *shape, i, end int) int {
	if tp == nil || len(tp.first) == 0 || i >= end {
		return 0
	}
	rests, ok := tp.firstAt(s, i)
	if !ok {
		return 0
	}
	best := 0
	for _, rest := range rests {
		if i+1+len(rest) > end || 1+len(rest) <= best {
			continue
		}
		k := 0
		for k < len(rest) && tp.foldTok(s, i+1+k) == rest[k] {
			k++
		}
		if k == len(rest) {
			best = 1 + len(rest)
		}
	}
	return best
}

// firstAt returns the phrases whose first token is token i, folding a
// token the pack's way into a stack buffer: every token of a document is
// looked up, few match.
func (tp *tokenPhrases) firstAt(s *shape, i int) ([][]string, bool) {
	t := &s.toks[i]
	low := s.low(t)
	if !tp.plain || isASCII(low) {
		rests, ok := tp.first[low]
		return rests, ok
	}
	w := s.text(t)
	if viewUnchanged(w, true) {
		rests, ok := tp.first[w]
		return rests, ok
	}
	if !tp.mayStart(w) {
		return nil, false
	}
	var arr [64]byte
	buf := arr[:]
	if len(w) > len(arr) {
		buf = make([]byte, len(w))
	}
	k := foldViews(w, buf, nil, nil)
	rests, ok := tp.first[string(buf[:k])]
	return rests, ok
}

// mayStart reports whether the pack's fold of w may be a phrase's first
// token: the fold of its first runes (a prefix of the whole fold) begins
// one. Most words are told apart by three runes, for less than folding
// them whole.
func (tp *tokenPhrases) mayStart(w string) bool {
	if tp.asciiRejects(w) || tp.latinRejects(w) {
		return false
	}
	j := 0
	for n := 0; n < 3 && j < len(w); n++ {
		_, size := utf8.DecodeRuneInString(w[j:])
		j += size
	}
	var arr [16]byte
	if j > len(arr) {
		return true
	}
	p := arr[:foldViews(w[:j], arr[:j], nil, nil)]
	// The fold's first two bytes, as those of a word in ASCII above (an
	// accented initial: "été" opens with "et"), before a binary search.
	if len(p) >= 2 {
		if a, b := p[0], p[1]; a < 128 && b < 128 && (!tp.keyFirst[a] || tp.keyPair[a][b>>6]&(1<<(b&63)) == 0) {
			return false
		}
	}
	lo, hi := 0, len(tp.keys)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if tp.keys[m] < string(p) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(tp.keys) && len(tp.keys[lo]) >= len(p) && tp.keys[lo][:len(p)] == string(p)
}

// asciiRejects reports that w, by its first two or three bytes where they
// are ASCII letters, is not a phrase's first token on the pack's fold (firstAt finds
// nothing), for a word with letters outside ASCII (a word in ASCII is
// looked up as its lower case). It is mayStart's first step, and what
// furnitureTable.networkIn checks before it looks its memo up.
func (tp *tokenPhrases) asciiRejects(w string) bool {
	// A word opening with an ASCII letter folds to that letter in lower
	// case first: no key beginning with it, no phrase.
	if w != "" {
		if c := w[0] | 0x20; 'a' <= c && c <= 'z' && !tp.keyFirst[c] {
			return true
		}
	}
	// Two ASCII letters fold to themselves in lower case, and every key
	// the fold of three runes may prefix is at least two bytes long.
	if len(w) >= 2 {
		a, b := w[0]|0x20, w[1]|0x20
		if 'a' <= a && a <= 'z' && 'a' <= b && b <= 'z' && tp.keyPair[a][b>>6]&(1<<(b&63)) == 0 {
			return true
		}
	}
	// Three ASCII letters likewise: a key they do not begin is too short
	// or begins otherwise.
	if len(w) >= 3 {
		a, b, c := w[0]|0x20, w[1]|0x20, w[2]|0x20
		if isLowerASCII(a) && isLowerASCII(b) && isLowerASCII(c) {
			bit := keyTriBit(a, b, c)
			if tp.keyTri[bit>>6]&(1<<(bit&63)) == 0 {
				return true
			}
		}
	}
	return false
}

// latinRejects is asciiRejects' test of three letters for a word whose
// first three runes are ASCII letters or Latin letters the pack's fold
// turns into one (its table latinBase: "président", "Été"), before any
// folding.
func (tp *tokenPhrases) latinRejects(w string) bool {
	var f [3]byte
	j := 0
	for n := range f {
		if j >= len(w) {
			return false
		}
		if c := w[j] | 0x20; w[j] < utf8.RuneSelf {
			if !isLowerASCII(c) {
				return false
			}
			f[n] = c
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[j:])
		if r < 0xC0 || r-0xC0 >= rune(len(latinBase)) {
			return false
		}
		base := latinBase[r-0xC0]
		if len(base) != 1 {
			return false // a ligature, or no letter
		}
		f[n] = base[0]
		j += size
	}
	bit := keyTriBit(f[0], f[1], f[2])
	return tp.keyTri[bit>>6]&(1<<(bit&63)) == 0
}

// isASCII reports whether w is ASCII only.
func isASCII(w string) bool {
	for k := 0; k < len(w); k++ {
		if w[k] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func (tp *tokenPhrases) foldTok(s *shape, i int) string {
	t := &s.toks[i]
	low := s.low(t)
	if !tp.plain {
		return low
	}
	// The lower-case form of an ASCII token is already its plain fold: only
	// accents, capitals outside ASCII and apostrophes need the pack's fold.
	for k := 0; k < len(low); k++ {
		if low[k] >= utf8.RuneSelf {
			return foldString(s.text(t), true)
		}
	}
	return low
}

// furnitureArrows are the arrows and triangles sites put before a link line.
const furnitureArrows = "►▶▸▷➤➔➜→⇒›»"

// isFurnitureArrow reports whether punctuation token t is such an arrow.
func isFurnitureArrow(s *shape, t *token) bool {
	if t.Kind != tokPunct {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s.text(t))
	return strings.ContainsRune(furnitureArrows, r)
}

// isLabelSeparator reports whether punctuation token t is a colon, a dash or a bar that
// separates a label from its headline.
func isLabelSeparator(s *shape, t *token) bool {
	if t.Kind != tokPunct {
		return false
	}
	switch s.text(t) {
	case ":", "–", "—", "-", "|", "•":
		return true
	}
	return false
}

// isStopTok reports whether token t is a full stop, a question or an
// exclamation mark or an ellipsis.
func isStopTok(s *shape, t *token) bool {
	return t.Kind == tokPunct && isStop(s.text(t))
}

// isClosingMark reports whether punctuation token t closes a quotation or
// a bracket.
func isClosingMark(s *shape, t *token) bool {
	if t.Kind != tokPunct {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s.text(t))
	return r == ')' || r == ']' || r == '"' || strings.ContainsRune(s.lex.closeQuotes, r)
}

// isQuoteTok reports whether punctuation token t is a quotation mark.
func isQuoteTok(s *shape, t *token) bool {
	if t.Kind != tokPunct {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s.text(t))
	return r == '"' || strings.ContainsRune(s.lex.openQuotes, r) || strings.ContainsRune(s.lex.closeQuotes, r)
}

// isHeadlineStart reports whether token t can open a headline: a capital,
// a digit, an opening quote.
func isHeadlineStart(s *shape, t *token) bool {
	switch t.Kind {
	case tokNum:
		return true
	case tokWord:
		return t.is(tUpperInitial)
	}
	r, _ := utf8.DecodeRuneInString(s.text(t))
	return r == '"' || strings.ContainsRune(s.lex.openQuotes, r)
}
