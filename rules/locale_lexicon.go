package rules

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// conventions is what the locale, polarity and truncation checks
// (typography.number-format, typography.clock, typography.currency-position,
// negation.double-negative, negation.nothing-on-the-table,
// garbled.truncated-sentence) read of an article's language and of the
// source language, built once per pair of profiles and kept with the
// target profile, beside its lexicon.
type conventions struct {
	// Number formats: the target's decimal mark and first group separator,
	// the source's decimal mark and group separators.
	decimal, group                string
	sourceDecimal                 string
	sourceGroups                  []string
	sourceFormatRegional          bool // the target also writes the source's decimal point in some regions
	numberUnits                   profile.Set
	unitPhrases                   map[string]bool // two-word units, "pour cent"
	currencyAfter                 bool
	currencyPrefixes              profile.Set
	clock24                       bool
	meridiem                      map[string]bool // source markers without dots and spaces: "am", "pm"
	negators, quantifiers         profile.Set
	nothing, choiceNouns, clitics profile.Set
	idioms                        map[string][][]string // folded words of each negation idiom, by its first word
	onTheTable                    [][]string            // folded words of each phrase
	concord                       bool
	// neverFinal holds the articles, determiners, prepositions,
	// conjunctions and complementizers that cannot end a sentence: the
	// lists less the sentence_final words.
	neverFinal profile.Set
	// boundaries open a new clause: conjunctions, complementizers, relatives.
	boundaries profile.Set
}

type conventionsKey struct{ source *profile.Profile }

// conventionsOf returns the conventions of a pass's target and source languages.
func conventionsOf(pass *audit.Pass) *conventions {
	lx := lexOf(pass)
	return lx.target.Derived(conventionsKey{lx.source}, func(t *profile.Profile) any {
		return buildConventions(t, lx.source)
	}).(*conventions)
}

func buildConventions(t, src *profile.Profile) *conventions {
	w := &t.Words
	set := func(l *[]string) profile.Set { return t.Set(l) }
	c := &conventions{
		decimal:       t.Numbers.Decimal,
		sourceDecimal: src.Numbers.Decimal,
		sourceGroups:  src.Numbers.Group,
		currencyAfter: t.Numbers.CurrencyAfter,
		clock24:       t.Numbers.Clock == "24h",
		concord:       t.Grammar.NegativeConcord,
	}
	c.sourceFormatRegional = slices.Contains(t.Numbers.DecimalAlternates, src.Numbers.Decimal)
	if len(t.Numbers.Group) > 0 {
		c.group = t.Numbers.Group[0]
	}
	c.numberUnits = profile.Set{}
	c.unitPhrases = map[string]bool{}
	for _, u := range w.NumberUnits {
		f := profile.Fold(u)
		if strings.Contains(f, " ") {
			ws := strings.Fields(f)
			c.unitPhrases[ws[0]+" "+ws[1]] = true
		} else {
			c.numberUnits[f] = true
		}
	}
	c.currencyPrefixes = set(&w.CurrencyPrefixes)
	c.meridiem = map[string]bool{}
	for _, m := range src.Words.Meridiem {
		c.meridiem[strings.NewReplacer(".", "", " ", "").Replace(profile.Fold(m))] = true
	}
	c.negators, c.quantifiers = set(&w.Negators), set(&w.NegativeQuantifiers)
	c.nothing, c.choiceNouns, c.clitics = set(&w.Nothing), set(&w.ChoiceNouns), set(&w.NegationClitics)
	c.idioms = map[string][][]string{}
	for _, p := range phraseWords(w.NegationIdioms) {
		c.idioms[p[0]] = append(c.idioms[p[0]], p)
	}
	c.onTheTable = phraseWords(w.OnTheTable)

	// Without the words that may end a sentence the lists say nothing of
	// the ones that cannot (German ends sentences on most prepositions).
	if len(w.SentenceFinal) > 0 {
		c.neverFinal = minus(union(set(&w.Articles), set(&w.Determiners), set(&w.Prepositions), set(&w.Conjunctions), set(&w.Complementizers)), set(&w.SentenceFinal))
	}
	c.boundaries = union(set(&w.Conjunctions), set(&w.Complementizers), set(&w.SubjectRelatives), set(&w.ObjectRelatives))
	return c
}

// phraseWords splits each phrase into its folded words.
func phraseWords(phrases []string) [][]string {
	var out [][]string
	for _, p := range phrases {
		if ws := strings.Fields(profile.Fold(p)); len(ws) > 0 {
			out = append(out, ws)
		}
	}
	return out
}

// matchPhrase reports whether the word tokens from i on, on one line and
// with nothing but blanks and apostrophes between them, spell phrase; it
// returns the index of the phrase's last token.
func matchPhrase(s *shape, i int, phrase []string) (int, bool) {
	j := i
	for k, w := range phrase {
		if j >= len(s.toks) || !s.sameLine(i, j) {
			return 0, false
		}
		t := &s.toks[j]
		if t.Kind == tokPunct || s.low(t) != w {
			return 0, false
		}
		if k > 0 && !s.adjacent(&s.toks[j-1], t) && !elidedBefore(s, j) {
			return 0, false
		}
		j++
	}
	return j - 1, true
}

// phraseMayOccur reports whether the document of word table wt may spell
// phrase (matchPhrase): false when one of its words, folded, is no word
// token of the document. A word that does not open with a letter may be a
// number token, which the table leaves out: it is taken as present.
func phraseMayOccur(wt *wordTable, phrase []string) bool {
	for _, w := range phrase {
		if _, ok := wt.idOf(w); ok {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// wordIDSet is a set of the word ids of one document's word table: a
// rule that looks each token up in a small word list finds the list's ids
// once, then tests each token's id with a bit.
type wordIDSet struct {
	bits []uint64
	n    int // ids in the set
}

// newWordIDSet returns the set of the ids in wt of words (each taken as
// present when ok(w)), on buf's storage when large enough.
func newWordIDSet(wt *wordTable, buf []uint64, words map[string]bool) wordIDSet {
	n := (len(wt.words) + 63) / 64
	if cap(buf) < n {
		buf = make([]uint64, n)
	} else {
		buf = buf[:n]
		clear(buf)
	}
	n = 0
	for w, ok := range words {
		if !ok {
			continue
		}
		if id, in := wt.idOf(w); in && buf[id>>6]&(1<<(id&63)) == 0 {
			buf[id>>6] |= 1 << (id & 63)
			n++
		}
	}
	return wordIDSet{bits: buf, n: n}
}

// has reports whether id (-1 for a token not a word) is in the set.
func (ws *wordIDSet) has(id int32) bool {
	u := uint32(id)
	return int(u>>6) < len(ws.bits) && ws.bits[u>>6]&(1<<(u&63)) != 0
}

// elidedBefore reports whether token j follows an elided word ("l’" + "armée").
func elidedBefore(s *shape, j int) bool {
	p := s.prev(j)
	return p != nil && p.End == s.toks[j].Start && strings.HasSuffix(s.low(p), "’")
}

// maxSentenceTokens bounds the tokens sentenceBounds reads on either side:
// a longer "sentence" is no sentence, and the bound keeps checks linear.
const maxSentenceTokens = 250

// sentenceBounds returns the token range [from, to) of the sentence holding
// token i, on its line: from after the last stop before it, to after the
// next stop, at most maxSentenceTokens either way.
func sentenceBounds(s *shape, i int) (int, int) {
	from := i
	for from > 0 && i-from < maxSentenceTokens && s.sameLine(i, from-1) {
		p := &s.toks[from-1]
		if p.Kind == tokPunct && isStop(s.text(p)) {
			break
		}
		from--
	}
	to := i + 1
	for to < len(s.toks) && to-i < maxSentenceTokens && s.sameLine(i, to) {
		t := &s.toks[to]
		to++
		if t.Kind == tokPunct && isStop(s.text(t)) {
			break
		}
	}
	return from, to
}

// sourceLanguageStretch reports whether tokens [from, to) read as the source
// language (a quotation left in English): at least three of its function
// words and more than the target's, or two and none of the target's.
func sourceLanguageStretch(s *shape, from, to int) bool {
	src, tgt := 0, 0
	for k := from; k < to; k++ {
		t := &s.toks[k]
		if t.Kind != tokWord {
			continue
		}
		l := s.low(t)
		switch {
		case s.lex.sourceFunction[l]:
			src++
		case s.lex.function[l]:
			tgt++
		}
	}
	return (src >= 3 && src > tgt) || (src >= 2 && tgt == 0)
}
