package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	wordlists "github.com/mtaudit/mtaudit/audit/lexicon"
)

func init() {
	register(&audit.Rule{
		ID:       "untranslated.inline",
		Category: audit.Untranslated,
		Severity: audit.Major,
		Title:    "English words left inside a sentence",
		Doc: `Flags English words and short English phrases that MT left inside a
sentence of the article's language (French, Spanish, German, Italian,
Portuguese: every language with a word list in audit/lexicon):
` + "`un sénior advisor`" + `, ` + "`aidaient à modernize l'armée`" + `, ` + "`el número de returnees`" + `,
` + "`nach dem Backlash`" + `, ` + "`beim President's Cup`" + `, and English month and day names in
dates (` + "`le 3 March`" + `, ` + "`am 3. March`" + `). Rule-based engines copy the words they do not
know; neural engines leave rare words and idioms. Where the language's
lexicon names a pivot (French: Spanish), words of the pivot that an
English→Spanish→French pipeline left are flagged the same way
(` + "`était rescatado`" + `).

How a word is judged. It is English when the English word list (SCOWL,
Debian's wamerican, with recent words and compounds such as ` + "`lockdown`" + `) holds
it, or it is a function word, month or day of the English profile. It is
the article's language's when that language's list holds it (Debian's
wfrench, wspanish, wngerman, witalian, wportuguese + wbrazilian, with each
list's endings, prefixes and extra words: recent words and established
loanwords such as ` + "`week-end`" + `, ` + "`think tank`" + `, ` + "`Burnout`" + `), with one accent added or
dropped (` + "`opinion`" + ` for opinión), or the target profile's function words,
loanwords or web-interface nouns list it (a loanword's plural too:
` + "`packagings`" + `, ` + "`newsletters`" + `), or the configuration's accept list does. A word English
and not the language's is a candidate. Two candidates or more in a row
(joined by spaces or hyphens; words of both languages may stand between
them) make a phrase; an English genitive (` + "`President's Cup`" + `) is one. A
single candidate is flagged when it has four letters or more, is not a
function word, and is in lower case (in German: capitalised, after a word in
lower case that is not a preposition, or after a preposition when it is an
English plural, ` + "`auf Whodunnits`" + `, and not before another capitalised word).
A phrase opened by an English function word takes in the capitalised word
of both languages before it (` + "`das Department of Homeland Security`" + `).

Not flagged: capitalised words (names, titles, brands; in German, where
nouns take capitals, known English names and sequences of capitalised words
that are not German: ` + "`Blue Origin`" + `, ` + "`Freedom Caucus`" + `), and a
word that is a name anywhere in the article is one everywhere in it
(` + "`Trump`" + ` at the start of a sentence); acronyms; words joined by a hyphen to a
word of the language (` + "`germano-russe`" + `, ` + "`Bitcoin-Fonds`" + `); words inside brackets
(untranslated.bracket judges those); a quotation with no word of the
article's language (a quoted English title or saying is deliberate); web
addresses, handles, hashtags; a term announced by a naming word right
before it (the profile's title_introducers and their plurals: ` + "`appelés market makers`" + `)
or followed by a bracket that explains it in the language (` + "`le shinny (patinage …)`" + `);
an English name or brand in lower case that is no common English word
(` + "`sa page facebook`" + `); a genitive inside a longer name (` + "`Women’s Football Club Angel City`" + `);
sentences that are half English or more,
which untranslated.sentence reports whole.

Where it fails: English words missing from the lists, and single words at
the start of a sentence, are never flagged (` + "`Lawmakers`" + ` opening a sentence
could as well be a surname); English words that are also words of the
language (` + "`administration`" + `, ` + "`village`" + `, ` + "`oppose`" + ` in French) are never flagged
alone; loanwords the lists and the profile lack are flagged although a
journalist may use them on purpose (` + "`money banking`" + `, ` + "`follow spot`" + ` in French
news); code-switching inside a quotation that also holds words of the
language is flagged; English names of bodies are names when their
capitalised words are not German or are known English names, so
` + "`das Department of Justice`" + ` is left alone (Justice is an English surname too)
while ` + "`das Department of Homeland Security`" + ` is flagged (Department and Homeland
are German words too); untranslated.body-name judges names by their head.

Fix: translate the words, or add a deliberate term to the configuration's
accept list.`,
		Examples: []audit.Example{
			{Text: "Zhao Chunshan, un sénior advisor du parti, a démenti l'information.", Trigger: true},
			{Text: "Les cinq entreprises aidaient à modernize l'armée, selon le ministère.", Trigger: true},
			{Text: "Le gouvernement a présenté le plan le 3 March devant les députés.", Trigger: true},
			{Text: "Le ministre a salué les mainland academics venus de Pékin.", Trigger: true, Note: "a phrase"},
			{Text: "Le rapport de Human Rights Watch a été publié mardi à Genève.", Note: "a name"},
			{Text: "Le président a lancé « Make America Great Again » devant la foule.", Note: "an English quotation"},
			{Text: "Les fonds spéculatifs (hedge funds) ont vendu leurs positions sur www.example.com.", Note: "a gloss in brackets, a web address"},
			{Text: "L'administration a publié un communiqué sur le week-end de la Toussaint.", Note: "words of both languages"},
			{Lang: "it", Text: "Il biglietto costa 12 euro e il sito chiede di accettare i cookie.", Note: "a currency and a web noun Italian writes as they are"},
			{Lang: "it", Text: "Il governo ha presentato un piano per aiutare i returnees della regione.", Trigger: true},
			{Lang: "es", Text: "Suscríbete a nuestras newsletters y acepta las cookies del sitio.", Note: "web-interface nouns of the profile, and their plurals"},
			{Lang: "es", Text: "El gobierno anunció un plan para el número de returnees en la región.", Trigger: true},
			{Text: "Les studios rivalisent de packagings époustouflants et de cookies.", Note: "plurals of loanwords"},
			{Text: "\" Les enseignes ont progressé plus vite que les \"marketplace sellers\" (12 %) \", précise la fédération.", Note: "a quotation in straight quotes inside another"},
			{Text: "Les banques passent par des intermédiaires appelés fund managers, et le ministre tenait un gobelet starbucks.", Note: "a term announced by a naming verb; a brand in lower case"},
			{Text: "Elles jouent désormais en tant que Women’s Hockey Club Blue Lake, et la ville ouvre des créneaux pour le snowkiting (glisse tirée par une voile).", Note: "a genitive inside a longer name; a term glossed in brackets"},
			{Text: "Le groupe a annoncé un plan de cost-cutting measures pour 2026.", Trigger: true, Note: "after a noun and a preposition, no naming"},
			{Lang: "de", Text: "Die Partei hat nach dem Backlash ihre Strategie geändert.", Trigger: true},
			{Lang: "de", Text: "Viele Leser stehen auf Cookbooks aus Amerika.", Trigger: true, Note: "an English plural after a preposition"},
			{Lang: "de", Text: "Das Department of Homeland Security hat eine Kanzlei beauftragt.", Trigger: true},
			{Lang: "de", Text: "Die Firma Blue Origin hat am Montag eine Rakete gestartet.", Note: "a name"},
			{Lang: "de", Text: "Das Team hat wegen des Lockdowns im Homeoffice gearbeitet.", Note: "loanwords"},
			{Lang: "de", Text: "Die Kinder spielten den ganzen Sommer in Rust.", Note: "a place after a preposition"},
		},
		Origin: "rules/untranslated_inline.go",
		Run:    runUntranslatedInline,
	})
}

// inlineWordNames names languages in messages.
var inlineLangNames = map[string]string{
	"en": "English", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "fr": "French", "de": "German",
}

func runUntranslatedInline(pass *audit.Pass) {
	doc := pass.Doc
	art := audit.ResultOf(pass, inlineArticleAnalysis)
	if art == nil {
		return
	}
	lx := art.lx
	for k := 0; k < art.sentences(); k++ {
		words := art.sentence(k)
		if len(words) == 0 || art.mostlyEnglish(k) {
			continue
		}
		// A run starts at an English or foreign word and a date name is
		// capitalised: the other words are passed over.
		next := 0 // the first word not yet read
		for _, m := range art.marks(k) {
			i := int(m)
			if i < next {
				continue
			}
			j, ok := inlineRun(doc.Text, words, i)
			if !ok {
				if lx.englishDate(doc.Text, words, i) && !art.skipped(doc, int(words[i].Start), int(words[i].End)) {
					pass.Report(audit.Diagnostic{
						Start: int(words[i].Start), End: int(words[i].End), Confidence: 0.8,
						Message: fmt.Sprintf("English month or day name %q left in a date", words[i].in(doc.Text)),
					})
				}
				continue
			}
			run := words[i:j]
			if conf, ok := lx.flaggable(doc.Text, words, i, j); ok && !art.skipped(doc, int(run[0].Start), int(run[len(run)-1].End)) &&
				!lx.introduced(doc.Text, words, i) && !art.glossed(doc.Text, int(run[len(run)-1].End)) {
				// A phrase opened by an English function word belongs to
				// the capitalised word of both languages before it
				// ("Department of Homeland Security").
				if a := i - 1; a >= 0 && run[0].function && !run[0].capital && words[a].capital && words[a].class == inlineShared &&
					inlineJoined(doc.Text[words[a].End:run[0].Start]) {
					run = words[a:j]
				}
				pass.Report(audit.Diagnostic{
					Start: int(run[0].Start), End: int(run[len(run)-1].End), Confidence: conf,
					Message: inlineMessage(doc.Text[run[0].Start:run[len(run)-1].End], run),
				})
			}
			next = j
		}
	}
}

// inlineRun returns the end of the run of untranslated words starting at
// word i: English or pivot words joined by spaces or hyphens, with words of
// both languages allowed between two of them. ok is false when word i
// starts no run.
func inlineRun(text string, words []inlineWord, i int) (int, bool) {
	if c := words[i].class; c != inlineEnglish && c != inlineForeign {
		return i + 1, false
	}
	end := i + 1
	for k := i + 1; k < len(words); k++ {
		gap := text[words[k-1].End:words[k].Start]
		if !inlineJoined(gap) && !(words[k].genitive && words[k-1].genitive && inlineApostrophe(gap)) {
			break
		}
		c := words[k].class
		if c == inlineEnglish || c == inlineForeign {
			end = k + 1
			continue
		}
		if c != inlineShared {
			break
		}
	}
	return end, true
}

// inlineJoined reports a gap inside a phrase: spaces, or one hyphen.
func inlineJoined(gap string) bool {
	if gap == "-" {
		return true
	}
	if gap == "" {
		return false
	}
	for _, r := range gap {
		if !txIsSpace(r) || r == '\n' {
			return false
		}
	}
	return true
}

// flaggable decides on a run and gives the finding's confidence.
func (lx *inlineLexicons) flaggable(text string, words []inlineWord, i, j int) (float64, bool) {
	run := words[i:j]
	candidates, content := 0, 0
	for _, w := range run {
		if w.class != inlineEnglish && w.class != inlineForeign {
			continue
		}
		candidates++
		if !w.function && utf8.RuneCountInString(w.in(text)) >= 3 {
			content++
		}
	}
	// Joined by a hyphen to a word of another kind, the run is part of a
	// compound: a name ("Biden-Run"), a compound of the language
	// ("germano-russe", "Safety-Car-Phase", "Bitcoin-Fonds"). A pivot's
	// word may end one ("ville-nivelar").
	first, last := run[0], run[len(run)-1]
	if first.hyphenIn && (first.class == inlineEnglish || lx.nameOrCapital(&words[i-1])) && words[i-1].class != first.class ||
		last.hyphenOut && words[j].class != last.class {
		return 0, false
	}
	// A phrase the target language borrowed ("think tank", "pole
	// position"), with a word on either side.
	if lx.phraseHas(text, words, i, j) || (i > 0 && lx.phraseHas(text, words, i-1, j)) || (j < len(words) && lx.phraseHas(text, words, i, j+1)) {
		return 0, false
	}
	switch {
	case candidates >= 2 && content >= 1, candidates >= 3:
		return 0.9, true
	case candidates == 1 && content == 1:
		w := run[0]
		if utf8.RuneCountInString(w.in(text)) < 4 {
			return 0, false
		}
		if !w.capital {
			return 0.8, true
		}
		if !lx.nounCaps {
			// A capital that starts a sentence: names start sentences
			// as often ("Harms a qualifié…").
			return 0, false
		}
		// In a language that capitalises nouns: after a word in lower case
		// (an article, an adjective), but not after a preposition (place
		// names: "in Rust"), and not beside another capitalised word,
		// which makes a name ("Premier League").
		prev := words[max(i-1, 0)]
		if i == 0 || prev.capital || utf8.RuneCountInString(prev.in(text)) < 2 || !inlineJoined(text[prev.End:w.Start]) {
			return 0, false
		}
		if lx.tPrepositions.Has(prev.folded()) && !lx.englishPlural(w.in(text)) {
			return 0, false
		}
		next := j < len(words) && words[j].capital && inlineJoined(text[w.End:words[j].Start])
		return 0.7, !next
	}
	return 0, false
}

// englishPlural reports an English plural common noun ("Whodunnits"):
// after a preposition, where a capitalised word may be a place ("in
// Rust"), a plural is rarely one.
func (lx *inlineLexicons) englishPlural(word string) bool {
	fold := wordlists.Fold(word)
	stem, ok := strings.CutSuffix(fold, "s")
	if !ok || len(stem) < 4 || strings.HasSuffix(stem, "s") || lx.englishName(fold) || lx.englishName(stem) {
		return false
	}
	return lx.english.Has(fold) && lx.english.Has(stem)
}

// phraseHas reports whether words [i, j), two or more joined by spaces,
// make a phrase of the target language's wordlists.
func (lx *inlineLexicons) phraseHas(text string, words []inlineWord, i, j int) bool {
	if j-i < 2 {
		return false
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i {
			if !inlineJoined(text[words[k-1].End:words[k].Start]) {
				return false
			}
			b.WriteByte(' ')
		}
		b.WriteString(words[k].in(text))
	}
	return lx.target.Has(wordlists.Fold(b.String()))
}

// nameOrCapital reports a word that makes a hyphenated compound a name: a
// capitalised word, or in languages that capitalise nouns, one that is not
// the language's.
func (lx *inlineLexicons) nameOrCapital(w *inlineWord) bool {
	if lx.nounCaps {
		return w.capital && !lx.targetHas(w.folded())
	}
	return w.capital
}

// englishDate reports an English month name beside a number, or an
// English day name alone, at word i: "le 3 March", "am Friday".
func (lx *inlineLexicons) englishDate(text string, words []inlineWord, i int) bool {
	w := &words[i]
	if !w.capital || !lx.dates.mayFold(w.in(text)) {
		return false
	}
	fold := w.lower()
	f := w.spell.folded
	if f == nil || f.key != fold {
		f = lx.facts(fold)
	}
	if lx.targetF(f) {
		return false
	}
	if f.get(factEnDay, func() bool { return lx.enDays.Has(fold) }) {
		// Not part of a name ("Black Friday", "Mail on Sunday", "Friday
		// Night Lights").
		for k := max(0, i-2); k < i; k++ {
			if words[k].capital && !words[k].initial {
				return false
			}
		}
		return !(i+1 < len(words) && words[i+1].capital && inlineJoined(text[w.End:words[i+1].Start]))
	}
	if !f.get(factEnMonth, func() bool { return lx.enMonths.Has(fold) }) {
		return false
	}
	return digitNear(text, int(w.Start), -1) || digitNear(text, int(w.End), +1) ||
		(i > 0 && int(words[i-1].End-words[i-1].Start) <= 3 && digitNear(text, int(words[i-1].Start), -1))
}

// digitNear reports a digit next to off in direction dir, past spaces and
// full stops ("3. March", "March 3").
func digitNear(text string, off, dir int) bool {
	for k := 0; k < 4; k++ {
		var r rune
		var n int
		if dir < 0 {
			r, n = utf8.DecodeLastRuneInString(text[:off])
			off -= n
		} else {
			r, n = utf8.DecodeRuneInString(text[off:])
			off += n
		}
		switch {
		case n == 0 || r == '\n':
			return false
		case unicode.IsDigit(r):
			return true
		case r == '.' || txIsSpace(r):
			continue
		default:
			return false
		}
	}
	return false
}

// skipped reports a span inside a bracket, a quotation holding no word of
// the article's language, or a web address.
func (lx *inlineLexicons) skipped(doc *audit.Document, regions []inlineRegion, englishQuote map[int]bool, start, end int) bool {
	if inlineWebChunk(doc.Text, start, end) {
		return true
	}
	k := inlineEnclosing(regions, start, end)
	if k < 0 {
		return false
	}
	r := regions[k]
	if !r.quote {
		return true
	}
	eq, ok := englishQuote[k]
	if !ok {
		eq = lx.noTargetWord(doc.Text, r.Start, r.End)
		englishQuote[k] = eq
	}
	return eq
}

// noTargetWord reports a stretch with no word of the target language that
// is not English too: a quotation in English.
func (lx *inlineLexicons) noTargetWord(text string, start, end int) bool {
	words := inlineScanAppend(nil, nil, text, start, end)
	lx.classify(text, words)
	for _, w := range words {
		if w.class == inlineTarget && !w.capital && lx.targetHas(w.lower()) {
			return false
		}
	}
	return true
}

// inlineMostlyEnglish reports a sentence of four words or more more than
// 60% of which are English only, or English function words that the
// language writes too ("are", "more" in French): untranslated.sentence
// judges it whole.
func inlineMostlyEnglish(words []inlineWord) bool {
	if len(words) < 4 {
		return false
	}
	n := 0
	for _, w := range words {
		if w.class == inlineEnglish || (w.function && w.class == inlineShared) {
			n++
		}
	}
	return n*5 > len(words)*3
}

func inlineMessage(quote string, run []inlineWord) string {
	lang := "en"
	for _, w := range run {
		if w.class == inlineEnglish {
			lang = "en"
			break
		}
		if w.class == inlineForeign {
			lang = w.foreign()
		}
	}
	name := inlineLangNames[lang]
	if name == "" {
		name = lang
	}
	if len(run) == 1 {
		return fmt.Sprintf("%s word %q left untranslated", name, quote)
	}
	return fmt.Sprintf("%s phrase %q left untranslated", name, quote)
}
