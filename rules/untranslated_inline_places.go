package rules

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/mtaudit/mtaudit/audit"
	wordlists "github.com/mtaudit/mtaudit/audit/lexicon"
	"github.com/mtaudit/mtaudit/audit/profile"
)

func init() {
	register(&audit.Rule{
		ID:       "untranslated.place-name",
		Category: audit.Untranslated,
		Severity: audit.Major,
		Title:    "English name of a place the language names itself",
		Doc: `Flags the English name of a country, capital, region or major place
where the article's language has a name of its own: ` + "`in Türkiye`" + ` and
` + "`Südost-Türkiye`" + ` in German (Türkei), ` + "`à Munich`" + ` is French but ` + "`in Munich`" + `
is not German (München), ` + "`en Germany`" + ` in Spanish (Alemania). MT engines
copy names they take for untranslatable, and the English official name of a
country (Türkiye, Czechia) often differs from the one the language's press
writes.

The pairs are data: each target profile's ` + "`place_names`" + ` list
("English/own", ` + "`Turkey/Türkei`" + `) holds the places whose names differ, all
countries and the capitals, regions, seas and cities news names most. The
language's own name is given as the suggestion.

Not flagged: an English name the language writes too (` + "`New York`" + ` in
German is not listed); a place name inside a longer name, next to another
capitalised word that is not the language's, to an acronym or to an English
word (` + "`Bank of England`" + `, ` + "`Air Canada`" + `, ` + "`Made in Germany`" + `,
` + "`Germany's Next Topmodel`" + `); the language's own name that contains the English
one (` + "`El Cairo`" + `); names in brackets (a gloss: ` + "`die Türkei (Türkiye)`" + `), in a
quotation with no word of the language, in web addresses.

Where it fails: an English name that is also a first name or a common word
(Jordan, Georgia, Florence, Nice), a name whose spelling the press is
changing (Kyiv, Bakhmut, Lviv: human translators write the English
transliteration too) and a name news agencies keep (Beijing) are left out of
the lists, so they are never flagged; an article about the renaming itself (` + "`Die Türkei heißt nun Türkiye`" + `)
is flagged. Fix: write the language's name of the place.`,
		Examples: []audit.Example{
			{Lang: "de", Text: "Retter bergen sieben Überlebende in Türkiye, meldet die Agentur.", Trigger: true},
			{Lang: "de", Text: "Das Beben verwüstete Teile der Südost-Türkiye und Nordsyriens.", Trigger: true, Note: "in a compound"},
			{Lang: "de", Text: "Die Regierung in Munich hat am Montag neue Regeln beschlossen.", Trigger: true},
			{Lang: "de", Text: "Der Export von Waren mit dem Siegel Made in Germany ist gestiegen.", Note: "inside an English phrase"},
			{Lang: "de", Text: "Die Bank of England hat den Leitzins erhöht.", Note: "inside a name"},
			{Lang: "fr", Text: "Le sommet s'est tenu à London la semaine dernière.", Trigger: true},
			{Lang: "fr", Text: "Le Premier ministre s'est rendu à Munich puis à Berlin.", Note: "Munich is the French name"},
			{Lang: "es", Text: "El presidente viajará a Germany el próximo mes.", Trigger: true},
			{Lang: "es", Text: "La reunión se celebró en El Cairo con los ministros árabes.", Note: "the language's own name"},
			{Lang: "it", Text: "Il vertice si terrà a Brussels la prossima settimana.", Trigger: true},
			{Lang: "it", Text: "Il vertice si terrà a Vienna, poi a Londra.", Note: "Vienna is the Italian name"},
			{Lang: "pt", Text: "O presidente visitou a Turkey na semana passada.", Trigger: true},
			{Lang: "pt", Text: "A companhia Air Canada anunciou novos voos.", Note: "inside a name"},
		},
		Origin: "rules/untranslated_inline_places.go",
		Run:    runUntranslatedPlaceName,
	})
}

// placeName is one English place name of a target profile.
type placeName struct {
	english string // folded, words joined by their spaces or hyphens
	words   int
	own     string // the language's name, as written
	// accentOnly: the two names differ only by accents (Peru, Perú).
	accentOnly bool
}

// placeNameIndex holds a profile's English place names by their first
// folded word, longest first.
type placeNameIndex struct {
	byFirst map[string][]placeName
	first   *inlineLetterFilter // byFirst's keys
}

type placeNameKey struct{}

// placeNamesOf returns the index of a target profile's place_names.
func placeNamesOf(p *profile.Profile) *placeNameIndex {
	if p == nil {
		return nil
	}
	return p.Derived(placeNameKey{}, func(p *profile.Profile) any {
		x := &placeNameIndex{byFirst: map[string][]placeName{}}
		for _, pr := range p.PlaceNamePairs() {
			ws := txAppendWords(nil, pr[0], 0, len(pr[0]))
			if len(ws) == 0 {
				continue
			}
			first := ws[0].in(pr[0])
			x.byFirst[first] = append(x.byFirst[first], placeName{english: pr[0], words: len(ws), own: pr[1],
				accentOnly: stripAccents(pr[0]) == stripAccents(profile.Fold(pr[1]))})
		}
		x.first = &inlineLetterFilter{}
		for k, l := range x.byFirst {
			sort.SliceStable(l, func(i, j int) bool { return l[i].words > l[j].words })
			x.first.add(k)
		}
		return x
	}).(*placeNameIndex)
}

func runUntranslatedPlaceName(pass *audit.Pass) {
	idx := placeNamesOf(pass.Profile)
	if idx == nil || len(idx.byFirst) == 0 {
		return
	}
	art := audit.ResultOf(pass, inlineArticleAnalysis)
	if art == nil {
		return
	}
	doc := pass.Doc
	text := doc.Text
	for k := 0; k < art.sentences(); k++ {
		words := art.sentence(k)
		if art.mostlyEnglish(k) {
			continue // untranslated.sentence reports it whole
		}
		next := 0 // the first word not yet read (a place name starts with a capital: marked)
		for _, m := range art.marks(k) {
			i := int(m)
			if i < next || !words[i].capital {
				continue
			}
			pn, j, ok := idx.match(text, words, i)
			if !ok {
				continue
			}
			if !words[j-1].capital || art.lx.inName(text, words, i, j) || art.lx.ownNameAround(text, words, i, j, pn.own) ||
				art.lx.placeIsWord(words[i], pn) || art.skipped(doc, int(words[i].Start), int(words[j-1].End)) {
				continue
			}
			start, end := int(words[i].Start), int(words[j-1].End)
			name := pass.Profile.Name
			conf := 0.8
			if pn.accentOnly {
				// "Peru" for Perú: an English name, or an accent dropped.
				conf = 0.6
			}
			pass.Report(audit.Diagnostic{
				Start: start, End: end, Confidence: conf,
				Message:    fmt.Sprintf("English place name %q left untranslated: %s writes %q", text[start:end], name, pn.own),
				Suggestion: pn.own,
			})
			next = j
		}
	}
}

// match returns the longest place name starting at word i and the end of
// its words.
func (x *placeNameIndex) match(text string, words []inlineWord, i int) (placeName, int, bool) {
	if !x.first.mayFold(words[i].in(text)) {
		return placeName{}, 0, false
	}
	cands := x.byFirst[words[i].folded()]
	if len(cands) == 0 {
		return placeName{}, 0, false
	}
	for _, c := range cands {
		j := i + c.words
		if j > len(words) {
			continue
		}
		var b strings.Builder
		for m := i; m < j; m++ {
			if m > i {
				gap := text[words[m-1].End:words[m].Start]
				switch {
				case gap == "-":
					b.WriteByte('-')
				case inlineApostrophe(gap):
					b.WriteString("’")
				case inlineJoined(gap):
					b.WriteByte(' ')
				default:
					b.WriteString("\x00") // never matches
				}
			}
			b.WriteString(words[m].in(text))
		}
		if wordlists.Fold(b.String()) == c.english {
			return c, j, true
		}
	}
	return placeName{}, 0, false
}

// inName reports a place name [i, j) that is part of a longer name or of
// an English phrase: a neighbour joined by a space (or a hyphen, for a
// word that is not the language's) is a name, an acronym or an English
// word ("Bank of England", "Air Canada", "Police Scotland", "Made in
// Germany"), or the English possessive leads to one ("Germany's Next
// Topmodel").
func (lx *inlineLexicons) inName(text string, words []inlineWord, i, j int) bool {
	// Leftwards: the word before; past it, in languages that capitalise
	// nouns, capitalised words ("Urban Taskforce Australia"), or past a
	// word in lower case both languages write, the word before that
	// ("Made in Germany").
	crossed := false // past a word in lower case
	for m := i - 1; m >= 0; m-- {
		gap := text[words[m].End:words[m+1].Start]
		w := &words[m]
		if gap == "-" {
			if m == i-1 && (lx.nameNeighbour(w) && w.class != inlineTarget || englishNeighbour(w)) {
				return true
			}
			break
		}
		if !inlineJoined(gap) {
			break
		}
		if lx.nameNeighbour(w) || englishNeighbour(w) {
			return true
		}
		switch {
		case crossed:
		case lx.nounCaps && w.capital && !w.initial:
			continue
		case m == i-1 && !w.capital && w.class == inlineShared:
			crossed = true
			continue
		}
		break
	}
	if j < len(words) {
		gap := text[words[j-1].End:words[j].Start]
		next := j
		if inlineApostrophe(gap) && words[j].in(text) == "s" {
			// The possessive: look at the word it leads to.
			if next = j + 1; next >= len(words) {
				return false
			}
			gap = text[words[j].End:words[next].Start]
		}
		w := &words[next]
		switch {
		case inlineJoined(gap) && (lx.nameNeighbour(w) || englishNeighbour(w) && w.capital):
			return true
		case gap == "-" && (lx.nameNeighbour(w) && w.class != inlineTarget || englishNeighbour(w)):
			return true
		}
	}
	return false
}

// nameNeighbour reports a word that makes a capitalised neighbour part of
// a name: an acronym, or a capitalised word that is a name (in languages
// that capitalise nouns: one that is not the language's, an English name,
// or an English word, "Police Scotland"; elsewhere: any capitalised word
// but the first of a sentence).
func (lx *inlineLexicons) nameNeighbour(w *inlineWord) bool {
	if txAllCaps(w.text()) && len(w.text()) > 1 {
		return true
	}
	if !w.capital {
		return false
	}
	if w.initial {
		// At the start of a sentence: a name, an English word, or a word
		// of no lexicon ("Wirecard Austria").
		return w.class == inlineName || w.class == inlineEnglish || !lx.targetHas(w.folded())
	}
	if lx.nounCaps {
		return lx.nameLike(w) || w.class == inlineName || w.class == inlineEnglish || w.class == inlineShared
	}
	return true
}

// englishNeighbour reports an English word of two letters or more beside
// a place name: one letter ("a") is too weak a sign.
func englishNeighbour(w *inlineWord) bool {
	return w.class == inlineEnglish && w.End-w.Start >= 2
}

// ownNameAround reports the language's own name written around the match:
// "El Cairo" holds "Cairo".
func (lx *inlineLexicons) ownNameAround(text string, words []inlineWord, i, j int, own string) bool {
	ownWords := txAppendWords(nil, own, 0, len(own))
	n := j - i
	extra := len(ownWords) - n
	if extra <= 0 {
		return false
	}
	// The own name's words, compared with the article's around [i, j):
	// every alignment that covers the match.
	for before := 0; before <= extra; before++ {
		a, b := i-before, j+extra-before
		if a < 0 || b > len(words) {
			continue
		}
		ok := true
		for m := a; m < b && ok; m++ {
			ok = words[m].folded() == wordlists.Fold(ownWords[m-a].in(own))
		}
		if ok {
			return true
		}
	}
	return false
}

// placeIsWord reports a one-word English place name that is a word of the
// language where it stands: in a language that capitalises nouns, any
// word of its lexicon ("Athens", the German genitive of Athen); elsewhere
// only at the start of a sentence, since a capital in mid-sentence makes
// a name of a common word ("Sudan", they sweat, in Spanish).
func (lx *inlineLexicons) placeIsWord(w inlineWord, pn placeName) bool {
	if pn.words != 1 || !(lx.nounCaps || w.initial) {
		return false
	}
	return lx.targetHas(pn.english)
}

// stripAccents drops the combining marks of a folded word.
func stripAccents(s string) string {
	d := norm.NFD.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, d)
}
