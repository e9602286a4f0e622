package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit/profile"
)

// A capitalised verb in mid-sentence (*ont promis de Construire deux
// écoles*, *le cabinet retenu Vérifiera les devis*) is link text too. Names
// are capitalised words in mid-sentence as well, so only verb forms with an
// ending names do not have count, in a slot where a verb is expected. The
// endings, the future endings and the words that govern an infinitive come
// from the language profile.

// linkVerbForm classifies w (folded) as an infinitive or a future or
// conditional form with a distinctive ending; "" when it is neither.
func (lx *lexicon) linkVerbForm(w string) string { return lx.linkVerbFormIn(linkVerbEndingsOf(lx), w) }

// linkVerbFormIn is linkVerbForm with lx's endings ve (linkVerbEndingsOf).
func (lx *lexicon) linkVerbFormIn(ve *linkVerbEndings, w string) string {
	if utf8.RuneCountInString(w) < 6 {
		return ""
	}
	if k := uint16(w[len(w)-2])<<8 | uint16(w[len(w)-1]); ve.last2[k>>6]&(1<<(k&63)) == 0 {
		return "" // no ending ends with those two bytes
	}
	if hasSuffixIn(w, lx.nameVerbEndings) {
		return ""
	}
	for _, v := range ve.endings {
		if strings.HasSuffix(w, v.infinitive) {
			return "infinitive"
		}
		for _, f := range v.futures {
			if strings.HasSuffix(w, f) {
				return "future"
			}
		}
	}
	return ""
}

// linkVerbEnding is a distinctive infinitive ending with the future and
// conditional endings made on its stem (futureStem), in the profile's order.
type linkVerbEnding struct {
	infinitive string
	futures    []string
}

type linkVerbEndingsKey struct{ source *profile.Profile }

// linkVerbEndings are the endings linkVerbForm tries, with the pairs of
// bytes they end with (every pair ending with its byte for an ending of
// one byte, every pair for an empty one): a word ending with another pair
// has none of them.
type linkVerbEndings struct {
	endings []linkVerbEnding
	last2   [1 << 16 / 64]uint64
}

// linkVerbEndingsOf returns the endings linkVerbForm tries, built once per
// pair of languages rather than joined at every word.
func linkVerbEndingsOf(lx *lexicon) *linkVerbEndings {
	return lx.target.Derived(linkVerbEndingsKey{lx.source}, func(*profile.Profile) any {
		out := &linkVerbEndings{endings: make([]linkVerbEnding, 0, len(lx.verbEndings))}
		mark := func(e string) {
			set := func(a, z int) {
				k := a<<8 | z
				out.last2[k>>6] |= 1 << (k & 63)
			}
			switch n := len(e); {
			case n >= 2:
				set(int(e[n-2]), int(e[n-1]))
			case n == 1:
				for a := range 256 {
					set(a, int(e[0]))
				}
			default:
				for k := range 1 << 16 {
					set(k>>8, k&255)
				}
			}
		}
		for _, e := range lx.verbEndings {
			v := linkVerbEnding{infinitive: e}
			mark(e)
			stem := lx.futureStem(e)
			for _, f := range lx.futureEndings {
				v.futures = append(v.futures, stem+f)
				mark(stem + f)
			}
			out.endings = append(out.endings, v)
		}
		return out
	}).(*linkVerbEndings)
}

// linkCapitalVerb reports whether token i, capitalised after the lower-case
// word before it, is a verb form left capitalised by link text: a
// distinctive verb ending, the word capitalised nowhere else in mid-sentence,
// a lower-case word after it that is not an auxiliary, and before it a word
// that governs an infinitive, or for a future form a word that ends a
// subject (not a determiner or a preposition).
func linkCapitalVerb(s *shape, i int, ve *linkVerbEndings) bool {
	lx := s.lex
	t, p, n := &s.toks[i], &s.toks[i-1], s.next(i)
	if n == nil || !linkAdjacent(s, t, n) || n.Kind != tokWord || !n.is(tLowerInitial) || lx.auxiliaries[s.low(n)] {
		return false
	}
	tl := s.low(t)
	if strings.ContainsRune(tl, '-') {
		return false
	}
	// The ending first: most capitalised words have none, and then the
	// document's vocabulary (capitalisedMidTok) need not be built.
	form := lx.linkVerbFormIn(ve, tl)
	if form == "" || s.capitalisedMidTok(i) > 1 {
		return false
	}
	pl := s.low(p)
	switch form {
	case "infinitive":
		return lx.infinitiveLeads[pl]
	case "future":
		return !lx.determiners[pl] && !lx.prepositions[pl] && !lx.titleIntroducers[pl]
	}
	return false
}

// futureStem is the stem the future of an infinitive ending is made on: the
// profile's longest matching infinitive/stem pair (Italian izzare →
// izzer-à, ificare → ificher-à), else the ending less its final e
// (construire → construir-a).
func (lx *lexicon) futureStem(e string) string {
	best := -1
	for k, p := range lx.futureStems {
		if strings.HasSuffix(e, p[0]) && (best < 0 || len(p[0]) > len(lx.futureStems[best][0])) {
			best = k
		}
	}
	if best < 0 {
		return strings.TrimSuffix(e, "e")
	}
	p := lx.futureStems[best]
	return strings.TrimSuffix(e, p[0]) + p[1]
}
