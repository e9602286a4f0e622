package rules

import (
	"fmt"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/lang"
)

func init() {
	register(&audit.Rule{
		ID:       "untranslated.wrong-language",
		Category: audit.Untranslated,
		Severity: audit.Critical,
		Title:    "Whole article in another language than the target",
		Doc: `Flags an article that is mostly written in a language other than the
target language it was given: a story the MT engine passed through
untranslated, or an article sent to the wrong feed. It is the worst failure
of an MT feed, so the finding is critical and fails the default gate.

It runs only when the target language is given (` + "`--lang`" + `, the
configuration's ` + "`lang`" + `, the API's ` + "`lang`" + `, a JSON-lines article's
` + "`lang`" + `): with nothing given, the detected language is the target, and an
article in a language mtaudit has no profile for is reported as not audited
instead.

How: audit/lang guesses the article's language from its opening (function
words from the language profiles, then lingua-go) and the function words of
the whole body (an article whose opening alone was translated), preferring
the target when the evidence is weak: a French article full of English
leftovers stays French. When that names another language, every paragraph
of four words or more (in the first 20,000 bytes) is judged between the two
languages, and weighed by its words: the finding needs at least 60% of
those words in the other language, and an article of at least ten words.
Short lines (captions, credits, bylines) do not count.

The finding covers the first paragraph in the other language, so that
reports stay readable; the message names both languages.

Fix: translate the article, or audit it with its own target language.`,
		Examples: []audit.Example{
			{Text: "Port authority expands container terminal\n\nThe port authority said on Monday that it would spend 80 million euros to expand the container terminal, which has been running at full capacity since last summer.\n\nWork will start in the autumn and should be finished within two years, according to the agency.", Trigger: true, Note: "an English article given as French"},
			{Text: "Havenbedrijf breidt containerterminal uit\n\nHet havenbedrijf maakte maandag bekend dat het 80 miljoen euro uittrekt voor de uitbreiding van de containerterminal, die sinds vorige zomer op volle capaciteit draait.\n\nDe werkzaamheden beginnen in het najaar en moeten binnen twee jaar klaar zijn.", Trigger: true, Note: "a Dutch article, a language with no profile"},
			{Text: "Le port agrandit son terminal à conteneurs\n\nLe port a annoncé lundi qu'il consacrerait 80 millions d'euros à l'agrandissement du terminal, qui tourne à plein régime depuis l'été dernier.\n\nThe port authority said the expansion was long overdue.\n\nLes travaux commenceront à l'automne, selon l'agence."},
			{Text: "Le ministre a promis des [job guarantees] aux salariés du site.\n\nPartager: Facebook Twitter", Note: "English leftovers in a short French article"},
			{Text: "Breaking news: port strike", Note: "too short to judge"},
			{Text: "Le port agrandit son terminal\n\nLe port a annoncé lundi qu'il consacrerait 80 millions d'euros à l'agrandissement du terminal à conteneurs, qui tourne à plein régime depuis l'été dernier, selon la direction.\n\nThe port authority said the expansion was long overdue and that the new quay would be able to handle the largest ships now in service.\n\nThe work will be carried out in two phases, and the first of them should be finished by the end of next year, the agency added in its statement.\n\nShipping companies have welcomed the plan, which they say will cut waiting times for vessels that now queue for days outside the harbour.", Trigger: true, Note: "only the headline and the first paragraph translated"},
		},
		Origin: "rules/untranslated_wrong_language.go",
		Run:    runWrongLanguage,
	})
}

const (
	// wrongLanguageMinWords: below it an article is a headline or a brief
	// whose language one loanword can tip.
	wrongLanguageMinWords = 10
	// wrongLanguageShare is the share of the weighed words that must be in
	// the other language, in tenths.
	wrongLanguageShare = 6
	// wrongLanguageBudget bounds the bytes of paragraphs weighed.
	wrongLanguageBudget = 20000
)

// wrongLanguage is an article found in another language than its given
// target: the first paragraph in that language, the language and the share.
type wrongLanguage struct {
	found      bool
	para       int
	other      string
	confidence float64
}

// wrongLanguageOf is shared with untranslated.sentence, which leaves the
// paragraph this rule reports to it: at equal severity one finding per span.
var wrongLanguageOf = &audit.Analysis[wrongLanguage]{Name: "untranslated.wrong-language", Run: detectWrongLanguage}

func runWrongLanguage(pass *audit.Pass) {
	wl := audit.ResultOf(pass, wrongLanguageOf)
	if !wl.found {
		return
	}
	det := lang.ForProfiles(pass.Profiles)
	target := pass.Profile.Lang
	p := pass.Doc.Paragraphs[wl.para].Span
	pass.Report(audit.Diagnostic{
		Start: p.Start, End: p.End,
		Message:    fmt.Sprintf("the article is in %s, not %s", det.Name(wl.other), det.Name(target)),
		Suggestion: fmt.Sprintf("translate the article into %s, or audit it as %s", det.Name(target), det.Name(wl.other)),
		Confidence: wl.confidence,
	})
}

func detectWrongLanguage(pass *audit.Pass) wrongLanguage {
	doc := pass.Doc
	if !doc.LangGiven || pass.Profile == nil || pass.Profiles == nil {
		return wrongLanguage{}
	}
	target := pass.Profile.Lang
	body := doc.Text[doc.Body:]
	if !audit.HasWords(body, wrongLanguageMinWords) {
		return wrongLanguage{}
	}
	det := lang.ForProfiles(pass.Profiles)
	other := det.Document(body, target)
	if other == "" || other == target {
		return wrongLanguage{}
	}
	words := map[string]int{}
	total, read := 0, 0
	first := -1
	for i, p := range doc.Paragraphs {
		text := doc.Text[p.Start:p.End]
		n := audit.Words(text)
		if n < 4 {
			continue
		}
		// The article as a whole leans to the target already: each
		// paragraph is judged between the two without that bias.
		l := det.Document(text, target, other)
		words[l] += n
		total += n
		if l == other && first < 0 {
			first = i
		}
		if read += len(text); read > wrongLanguageBudget {
			break
		}
	}
	if first < 0 || words[other]*10 < total*wrongLanguageShare {
		return wrongLanguage{}
	}
	return wrongLanguage{found: true, para: first, other: other, confidence: 0.9 + 0.1*float64(words[other])/float64(total)}
}
