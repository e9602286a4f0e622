package rules

import (
	"fmt"
	"sync"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

func init() {
	register(&audit.Rule{
		ID:       "negation.double-negative",
		Category: audit.Negation,
		Severity: audit.Major,
		Title:    "Two negations where the language negates once",
		Doc: `Flags a negation doubled by translation: the English *not* kept beside
a negative word that already negates (*n’a pas fait aucune concession*,
*personne n’a pas voté*, *hat nicht kein Angebot*, *nadie no vino*,
*nessuno non è venuto*, *ninguém não sabe*). A reader may take the
sentence for its opposite.

Two grammars, chosen by the profile (grammar.negative_concord):

- **Without concord** (French, German): the negator (words.negators: *pas*,
  *nicht*) and a negative word (words.negative_quantifiers: *rien*,
  *personne*, *aucun*, *jamais*; *kein*, *nichts*, *niemand*, *nie*) in one
  clause, in either order. A clause ends at punctuation, a conjunction, a
  complementizer or a relative; in French each *ne* (words.negation_clitics)
  opens its own negation, so *personne ne sait pourquoi le train ne part
  pas* and *il n’y a rien de mieux pour ne pas …* hold two.
- **With concord** (Spanish, Italian, Portuguese): a negative word after the
  verb needs the negator (*no dijo nada*, *non ha visto nessuno*, *não disse
  nada*: correct, never flagged); one before the verb stands alone. Flagged:
  a negative word that opens a clause, then only its noun phrase (articles,
  prepositions, a noun and an adjective: *ningún representante del
  Gobierno*), then the negator.

Not flagged: a negative word after a determiner (*la personne*, *un
rien*), a negator after one (*un pas*, *el no*), the phrases of
words.negation_idioms in which a negation negates one word or is an idiom
(*ce n’est pas rien*, *pas pour rien*, *faux pas*, *nicht nur*, *nicht
selten*, *no obstante*), sentences in the source language.

Where it fails: a German clause without commas whose verb is far from its
negations is read as one clause; a French *pas* without *ne* before a
negative word in a clause of its own (*pas même personne*) may be flagged.

**What to do**: keep one negation, after checking the source (*n’a fait
aucune concession*, *nadie vino*).`,
		Examples: []audit.Example{
			{Lang: "fr", Text: "Grève prolongée\n\nLa direction n’a pas fait aucune concession aux grévistes.\n", Trigger: true},
			{Lang: "fr", Text: "Grève prolongée\n\nLa direction n’a fait aucune concession, et ce n’est pas rien : personne ne sait pourquoi le dialogue ne reprend pas.\n"},
			{Lang: "de", Text: "Streik verlängert\n\nNiemand hat nicht mit einem so langen Streik gerechnet.\n", Trigger: true},
			{Lang: "de", Text: "Streik verlängert\n\nNiemand hat mit einem so langen Streik gerechnet. Nicht nur die Pendler haben keine Geduld mehr.\n"},
			{Lang: "es", Text: "Huelga prolongada\n\nNadie no esperaba una huelga tan larga.\n", Trigger: true},
			{Lang: "es", Text: "Huelga prolongada\n\nNo esperaba nadie una huelga tan larga y el Gobierno no dijo nada. Nadie sabe por qué no hubo acuerdo.\n", Note: "negative concord after the verb"},
			{Lang: "it", Text: "Sciopero prolungato\n\nNessuno non si aspettava uno sciopero così lungo.\n", Trigger: true},
			{Lang: "it", Text: "Sciopero prolungato\n\nNon si aspettava nessuno uno sciopero così lungo e il governo non ha detto niente.\n", Note: "negative concord after the verb"},
			{Lang: "pt", Text: "Greve prolongada\n\nNinguém não esperava uma greve tão longa.\n", Trigger: true},
			{Lang: "pt", Text: "Greve prolongada\n\nNão esperava ninguém uma greve tão longa e o Governo não disse nada.\n", Note: "negative concord after the verb"},
		},
		Origin: "rules/negation_double_negative.go",
		Run:    runDoubleNegative,
	})
}

// maxNegationGap bounds the tokens between the two negations of a clause.
const maxNegationGap = 12

func runDoubleNegative(pass *audit.Pass) {
	c := conventionsOf(pass)
	if len(c.negators) == 0 || len(c.quantifiers) == 0 {
		return
	}
	s := shapeOf(pass)
	buf, found := negationClassesOf(s, negationWordsOf(pass, c))
	defer negationClassBufs.Put(buf)
	if found&negNegator == 0 || found&negQuantifier == 0 {
		return // every pair needs both, and the document lacks one
	}
	cls := *buf
	// negative reports whether token k is a negator (1), a negative word
	// (2) or neither (0), as the clause's negation.
	negative := func(k int) int {
		t := &s.toks[k]
		f := cls[k]
		if t.Kind != tokWord || f&negInIdiom != 0 {
			return 0
		}
		isNeg, isQuant := f&negNegator != 0, f&negQuantifier != 0
		if !isNeg && !isQuant {
			return 0
		}
		if afterDeterminer(s, k, isQuant) {
			return 0 // "la personne", "une seule personne", "un pas", "el no": nouns
		}
		if isNeg {
			return 1
		}
		return 2
	}
	for li := range s.doc.Lines {
		toks := s.lineTokens(li)
		if len(toks) == 0 {
			continue
		}
		first := int(s.lineTok[li])
		// A pair lies on one line: a line without both a negator and a
		// negative word holds none, and its idioms need not be marked.
		var line negClass
		for _, f := range cls[first : first+len(toks)] {
			line |= f
		}
		if line&negNegator == 0 || line&negQuantifier == 0 {
			continue
		}
		negationIdiomTokens(s, c, cls, first, first+len(toks))
		clause := first
		negatorSeen := false // a negator earlier in the clause
		for k := first; k < first+len(toks); k++ {
			if clauseBoundary(s, cls, k) {
				clause, negatorSeen = k+1, false
				continue
			}
			if cls[k]&(negNegator|negQuantifier) == 0 {
				continue // negative(k) is 0: neither a pair's second nor a negator seen
			}
			var a, b int
			var ok bool
			if c.concord {
				// After a negator the negative word is post-verbal (no vino nadie).
				if !negatorSeen {
					a, b, ok = preverbalDoubleNegative(s, k, negative)
				}
				negatorSeen = negatorSeen || negative(k) == 1
			} else {
				a, b, ok = clauseDoubleNegative(s, cls, k, clause, negative)
			}
			if !ok {
				continue
			}
			if from, to := sentenceBounds(s, k); sourceLanguageStretch(s, from, to) {
				continue
			}
			ta, tb := &s.toks[a], &s.toks[b]
			pass.Report(audit.Diagnostic{
				Start: int(ta.Start), End: int(tb.End),
				Message:    fmt.Sprintf("Double negative “%s … %s”: %s negates once; the sentence may say the opposite", s.text(ta), s.text(tb), s.lex.target.Name),
				Confidence: 0.75,
			})
			clause, negatorSeen = k+1, false // one finding per clause
		}
	}
}

// clauseDoubleNegative reports, at token k, a negator and a negative word
// of one clause (from clause to k), k being the second: the first and last
// tokens of the pair. A negation clitic (ne) between them must be the one
// both belong to: none when the negator comes first, at most one when the
// negative word does (personne n’a pas).
func clauseDoubleNegative(s *shape, cls []negClass, k, clause int, negative func(int) int) (int, int, bool) {
	nk := negative(k)
	if nk == 0 {
		return 0, 0, false
	}
	want := 3 - nk
	clitics := 0
	for j := k - 1; j >= clause && k-j <= maxNegationGap; j-- {
		if s.toks[j].Kind == tokWord && cls[j]&negClitic != 0 {
			clitics++
			continue
		}
		if negative(j) != want {
			continue
		}
		// A negative word first is the subject of the ne after it
		// (personne n’a pas), unless a ne before it in the clause already
		// governs it (il n’y a rien de mieux pour ne pas …).
		if (want == 1 && clitics == 0) || (want == 2 && clitics <= 1 && (clitics == 0 || !cliticBetween(s, cls, clause, j))) {
			return j, k, true
		}
		return 0, 0, false
	}
	return 0, 0, false
}

// cliticBetween reports whether a negation clitic lies in tokens [from, to).
func cliticBetween(s *shape, cls []negClass, from, to int) bool {
	for j := max(from, to-maxNegationGap); j < to; j++ {
		if s.toks[j].Kind == tokWord && cls[j]&negClitic != 0 {
			return true
		}
	}
	return false
}

// preverbalDoubleNegative reports, at token k, a negative word that opens
// its clause's subject and the negator after its noun phrase (nadie no,
// ningún representante del Gobierno no): the first and last tokens.
func preverbalDoubleNegative(s *shape, k int, negative func(int) int) (int, int, bool) {
	if negative(k) != 2 {
		return 0, 0, false
	}
	lx := s.lex
	expectNoun := lx.determiners[s.low(&s.toks[k])]
	nouns, adjectives := 0, 0
	for j := k + 1; j < len(s.toks) && s.sameLine(k, j) && j-k <= 8; j++ {
		t := &s.toks[j]
		if t.Kind != tokWord {
			return 0, 0, false
		}
		l := s.low(t)
		switch {
		case negative(j) == 1:
			return k, j, true
		case lx.determiners[l] || lx.prepositions[l]:
			expectNoun = true
		case expectNoun:
			expectNoun = false
			nouns++
			adjectives = 0
		case nouns > 0 && adjectives == 0:
			adjectives++ // "ningún país europeo no"
		default:
			return 0, 0, false // a verb: "nadie sabe por qué no"
		}
	}
	return 0, 0, false
}

// clauseBoundary reports whether token k ends a clause: punctuation other
// than an apostrophe or a hyphen, a conjunction, a complementizer or a
// relative.
func clauseBoundary(s *shape, cls []negClass, k int) bool {
	t := &s.toks[k]
	if t.Kind == tokPunct {
		switch s.text(t) {
		case "’", "'", "-":
			return false
		}
		return true
	}
	return t.Kind == tokWord && cls[k]&negBoundary != 0
}

// negationIdiomTokens marks with negInIdiom the tokens in [from, to), one
// line's, of the negation idioms found there (a phrase never crosses a
// line: matchPhrase).
func negationIdiomTokens(s *shape, c *conventions, cls []negClass, from, to int) {
	if len(c.idioms) == 0 {
		return
	}
	for i := from; i < to; i++ {
		if cls[i]&negIdiom == 0 || s.toks[i].Kind != tokWord {
			continue
		}
		for _, p := range c.idioms[s.low(&s.toks[i])] {
			if end, ok := matchPhrase(s, i, p); ok {
				for k := i; k <= end; k++ {
					cls[k] |= negInIdiom
				}
			}
		}
	}
}

// nounDeterminer reports whether w is a determiner that is no preposition
// (la, un, chaque; not d’, du): a negative word after it is a noun.
func nounDeterminer(lx *lexicon, w string) bool {
	return lx.determiners[w] && !lx.prepositions[w]
}

// afterDeterminer reports whether token k follows a determiner, directly
// or, with adjective, after one lower-case word that is no function word
// (une seule personne).
func afterDeterminer(s *shape, k int, adjective bool) bool {
	p := s.prev(k)
	if p == nil || p.Kind != tokWord {
		return false
	}
	if nounDeterminer(s.lex, s.low(p)) {
		return true
	}
	if !adjective || !p.is(tLowerInitial) || s.lex.lowerFunction[s.low(p)] || s.lex.prepositions[s.low(p)] {
		return false
	}
	pp := s.prev(k - 1)
	return pp != nil && pp.Kind == tokWord && nounDeterminer(s.lex, s.low(pp))
}

// negClass says what a word is to the double-negative check.
type negClass uint8

const (
	negNegator    negClass = 1 << iota // conventions.negators
	negQuantifier                      // conventions.quantifiers
	negBoundary                        // conventions.boundaries
	negClitic                          // conventions.clitics
	negIdiom                           // the first word of a negation idiom
	negInIdiom                         // a token of a negation idiom found in the text
)

// negationWords indexes the word lists of the check by folded word, so a
// token is classified with one look-up, not one a list, and most with
// none (filter).
type negationWords struct {
	index  map[string]negClass
	filter wordFilter
	// words and classes are the index as two slices: fewer than most
	// documents' distinct words, they are looked up in a document's word
	// table instead.
	words   []string
	classes []negClass
}

type negationWordsKey struct{ source *profile.Profile }

// negationWordsOf returns the index of the conventions c of the pass's languages.
func negationWordsOf(pass *audit.Pass, c *conventions) *negationWords {
	lx := lexOf(pass)
	return lx.target.Derived(negationWordsKey{lx.source}, func(*profile.Profile) any {
		ix := &negationWords{index: map[string]negClass{}}
		add := func(set profile.Set, f negClass) {
			for w, ok := range set {
				if ok {
					ix.index[w] |= f
					ix.filter.add(w)
				}
			}
		}
		add(c.negators, negNegator)
		add(c.quantifiers, negQuantifier)
		add(c.boundaries, negBoundary)
		add(c.clitics, negClitic)
		for w := range c.idioms {
			ix.index[w] |= negIdiom
			ix.filter.add(w)
		}
		for w, f := range ix.index {
			ix.words = append(ix.words, w)
			ix.classes = append(ix.classes, f)
		}
		return ix
	}).(*negationWords)
}

// negationClassBufs holds the per-document class slices of the check.
var negationClassBufs = sync.Pool{New: func() any { return new([]negClass) }}

// negationClassesOf classifies the word tokens of s (0 for the others),
// in a pooled slice the caller puts back in negationClassBufs, and returns
// the classes found in the document. When it holds no negator or no
// negative word the tokens are left unclassified.
func negationClassesOf(s *shape, ix *negationWords) (*[]negClass, negClass) {
	buf := negationClassBufs.Get().(*[]negClass)
	wt := s.wordsOf()
	// One slice: the tokens' classes, then each distinct word's at its
	// id+1 (0 for the tokens that are no word, id -1). Each distinct word
	// is looked up once, in the order of the table.
	all := resized(*buf, len(s.toks)+len(wt.words)+1)
	*buf = all
	cls, byWord := all[:len(s.toks):len(s.toks)], all[len(s.toks):]
	var found negClass
	if len(ix.words) < len(wt.words) {
		for k, w := range ix.words {
			if id, ok := wt.idOf(w); ok {
				byWord[id+1] = ix.classes[k]
				found |= ix.classes[k]
			}
		}
	} else {
		for id, w := range wt.words {
			if ix.filter.mayHave(w) {
				c := ix.index[w]
				byWord[id+1] = c
				found |= c
			}
		}
	}
	if found&negNegator == 0 || found&negQuantifier == 0 {
		return buf, found
	}
	for i, id := range wt.id[:len(cls)] {
		cls[i] = byWord[id+1]
	}
	return buf, found
}
