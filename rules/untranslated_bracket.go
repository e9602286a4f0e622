package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/lang"
	wordlists "github.com/mtaudit/mtaudit/audit/lexicon"
)

func init() {
	register(&audit.Rule{
		ID:       "untranslated.bracket",
		Category: audit.Untranslated,
		Severity: audit.Major,
		Title:    "English text left in brackets or parentheses",
		Doc: `Flags a bracketed or parenthesised stretch of English inside an
article in another language: MT engines often pass through what the
source put in brackets (an editor's gloss, an expansion), as in
` + "`[border checks]`" + `.

A bracket of one word in lower case is flagged when the word is English,
not the article's language's, and follows a word that is not the
language's either (` + "`benchmarks (annualized)`" + `): after a word of the language
it is the original term, given on purpose (` + "`le confinement (lockdown)`" + `).

A longer bracket must hold at least two words and read as English: English
function words outnumber those of the article's language, or, with no
function words at all, lower-case words that read as English: the word
lists say so when some words are English's and none the language's (and
each lower-case word is known to one of them); otherwise lingua-go's
models of the two languages decide. An English name of an organisation in square brackets, expanding
the acronym just before it
(` + "`l'OCDE [Organisation for Economic Co-operation and Development]`" + `), is
flagged: square brackets are an editor's insertion that MT passed through.
In parentheses the same expansion is news style (` + "`la NOAA (National Oceanic and Atmospheric Administration)`" + `), and title-case words with no
acronym before them are the name of a campaign, book or film: both are
left alone.

Not flagged: a bracket inside an English title, between capitalised English
words (` + "`the Housing (rent controls) (Wales) Act`" + `); names alone (` + "`(Henrik Falk)`" + `, ` + "`(The Guardian)`" + `), agency and
photo credits (` + "`(AFP)`" + `, ` + "`(… via AP)`" + `), measures (` + "`(12 miles)`" + `), web
addresses, text in the article's language, English loanwords news glosses
on purpose (` + "`fonds spéculatifs (hedge funds)`" + `), foreign set phrases
(` + "`(in extremis)`" + `), and a bracket announced as the original English
wording: "en anglais", or a quoted term after its translation
(` + "`l'écart de reprise (\"recovery gap\")`" + `).

Every language whose profile lists function words: the article's
language's function words, loanwords, set phrases and names of English
come from its profile, English function words from the English profile.

Fix: translate the bracket or drop it when it repeats what the sentence says.`,
		Examples: []audit.Example{
			{Text: "Nous sommes prêts à revoir les [border checks] lors de la réunion de janvier.", Trigger: true},
			{Text: "Le ministre a cité le rapport de l'OCDE [Organisation for Economic Co-operation and Development] publié à Paris.", Trigger: true,
				Note: "an English organisation name with its function words"},
			{Text: "Les porte-parole ont confirmé la rencontre (which took place on Monday) sans donner de détails.", Trigger: true},
			{Text: "Le chancelier [Henrik Falk] a reçu le président à Berlin.", Note: "a name alone is not untranslated text"},
			{Text: "Le missile a parcouru 350 kilomètres (217 miles) avant d'atteindre sa cible. (Photo by Jane Doe/Getty Images)",
				Note: "measures and credits"},
			{Text: "Le président a réuni son conseil de défense (AFP). Le texte (publié vendredi) sera examiné lundi."},
			{Text: "La performance des benchmarks (annualized) était de 3,7 %.", Trigger: true, Note: "one English word after English"},
			{Text: "Le confinement (lockdown) a duré deux mois.", Note: "the original term after its translation"},
			{Lang: "de", Text: "Die Zinsen der Bonds und Deposits (annualized) lagen bei 3,7 Prozent.", Trigger: true},
			{Lang: "de", Text: "Die Ausgangssperre (lockdown) dauerte zwei Monate.", Note: "the original term"},
			{Lang: "de", Text: "Das Parlament verabschiedete den Housing (rent controls) (Wales) Act im Mai.", Note: "inside an English title"},
		},
		Origin: "rules/untranslated_bracket.go",
		Run:    runUntranslatedBracket,
	})
}

// maxBracketBytes bounds a bracket's content: longer brackets are asides
// written in the article's language or broken markup.
const maxBracketBytes = 400

func runUntranslatedBracket(pass *audit.Pass) {
	doc := pass.Doc
	sh := shapeOf(pass)
	lx := sh.lex
	if len(lx.function) == 0 || len(lx.sourceFunction) == 0 {
		return // no evidence to weigh
	}
	t := doc.Text
	detected := map[string]string{} // lingua's answers, by bracket content
	msg := ""                       // written at the first finding
	var words []txWord
	for _, ln := range doc.Lines {
		for i := ln.Start; i < ln.End; i++ {
			if i = nextBracket(t, i, ln.End); i < 0 {
				break
			}
			open := t[i]
			closer := byte(']')
			if open == '(' {
				closer = ')'
			}
			j := bracketCloser(t, i, ln.End, open, closer)
			if j < 0 {
				continue
			}
			var conf float64
			var ok bool
			if conf, ok, words = sourceBracket(sh, i, j, detected, words[:0]); ok {
				if msg == "" {
					msg = fmt.Sprintf("%s left in brackets inside the %s text", lx.source.Name, lx.target.Name)
				}
				pass.Report(audit.Diagnostic{
					Start: i, End: j + 1, Confidence: conf,
					Message: msg,
				})
			}
			i = j
		}
	}
}

// nextBracket returns the index of the first '(' or '[' in t[i:end], or
// -1: two byte searches rather than a test of every byte.
func nextBracket(t string, i, end int) int {
	s := t[i:end]
	k := strings.IndexByte(s, '(')
	if k < 0 {
		k = len(s)
	}
	if b := strings.IndexByte(s[:k], '['); b >= 0 {
		k = b
	}
	if k == len(s) {
		return -1
	}
	return i + k
}

// bracketCloser returns the index of the closer matching t[i] within the
// line (nesting counted), or -1.
func bracketCloser(t string, i, end int, open, closer byte) int {
	depth := 0
	for j := i; j < end && j-i <= maxBracketBytes; j++ {
		switch t[j] {
		case open:
			depth++
		case closer:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// sourceBracket decides whether the bracket t[i..j] holds text in the
// source language (English) and with what confidence. words is a scratch
// slice, returned for reuse.
func sourceBracket(sh *shape, i, j int, detected map[string]string, words []txWord) (float64, bool, []txWord) {
	lx := sh.lex
	t := sh.doc.Text
	detect := func(s string) string {
		l, ok := detected[s]
		if !ok {
			if lang.Short(s) {
				l = lang.Between(s, lx.target.Lang, lx.source.Lang)
			} else {
				l = lang.Lingua(s)
			}
			detected[s] = l
		}
		return l
	}
	inner := t[i+1 : j]
	trimmed := strings.TrimSpace(inner)
	if trimmed == "" {
		return 0, false, words
	}
	// What the words say first: most brackets (a year, "(AFP)", a gloss
	// in the language) are settled by them, before the tests below that
	// lower-case and search the text. Every test rejects, so their order
	// changes no answer.
	words = sh.appendWords(words, i+1, j)
	single := len(words) == 1 && trimmed == words[0].in(t)
	if len(words) == 0 || len(words) == 1 && (!single || !singleWordShape(words[0].in(t))) {
		return 0, false, words
	}
	var ev txEvidence
	if !single {
		ev = sh.evidence(words)
		if ev.Target > 0 && ev.Target >= ev.Source {
			return 0, false, words
		}
	}
	if lx.isCredit(inner) || txHasWebToken(inner) {
		return 0, false, words
	}
	// The original wording given on purpose: "(en anglais : …)", "… (en
	// anglais)", or a quoted term after its translation: `rebond ("recovery gap")`.
	before := t[max(0, i-40):i]
	if lx.namesSource(inner) || lx.namesSource(before) || bracketQuoted(inner) || inEnglishTitle(sh, i, j) {
		return 0, false, words
	}
	if single {
		conf := singleWordBracket(sh, i, words[0])
		return conf, conf > 0, words
	}
	if lx.foreignLocution(inner) {
		return 0, false, words
	}
	startsWithNumber := false
	if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(inner)); unicode.IsDigit(r) {
		startsWithNumber = true
	}
	if ev.Source > 0 {
		if startsWithNumber && ev.Source < 2 {
			return 0, false, words // "(5 miles of road)"-like measures
		}
		// Every word capitalised, function words too: a title or a name
		// ("The Guardian", "The New York Times").
		if ev.LowerWords == 0 {
			return 0, false, words
		}
		if ev.Capitals > 0 && txCapitalised(words[0].in(t)) && bracketTitleCase(lx, t, words) {
			// An English proper name with lower-case function words inside.
			// Flagged only in square brackets, as the expansion of the
			// acronym just before it ("l'OCDE [Organisation for Economic
			// and Co-operation in Europe]"): square brackets are an editor's
			// insertion passed through by MT, while news itself expands
			// English acronyms in parentheses ("la NOAA (National Oceanic
			// and Atmospheric Administration)"). Elsewhere it is a
			// campaign, book or film name.
			if ev.Words < 3 || t[i] != '[' || !acronymBefore(t, i) {
				return 0, false, words
			}
			return 0.8, true, words
		}
		if ev.Source >= 2 {
			return 0.95, true, words
		}
		return 0.85, true, words
	}
	// No function words of either language: a title-case expansion of the
	// acronym before it in English ("l'AIEA [International Atomic Energy
	// Agency]") is flagged, other names stay; lower-case words go to the
	// language detector.
	if ev.LowerWords == 0 {
		if ev.Words >= 3 && t[i] == '[' && acronymBefore(t, i) && detect(inner) == lx.source.Lang {
			return 0.7, true, words
		}
		return 0, false, words
	}
	if ev.LowerWords < 2 || startsWithNumber || ev.Target > 0 || sh.allGlossedLoanwords(words) {
		return 0, false, words
	}
	if detect(inner) == lx.source.Lang {
		return 0.7, true, words
	}
	return 0, false, words
}

// namesSource reports whether s names the source language ("en anglais").
func (lx *lexicon) namesSource(s string) bool {
	if len(lx.sourceLanguageNames) == 0 {
		return false
	}
	l := strings.ToLower(s)
	for _, n := range lx.sourceLanguageNames {
		if strings.Contains(l, n) {
			return true
		}
	}
	return false
}

// bracketTitleCase reports whether every word is capitalised except the
// source language's function words and the inner parts of hyphenated
// compounds ("Co-operation").
func bracketTitleCase(lx *lexicon, t string, words []txWord) bool {
	for _, w := range words {
		text := w.in(t)
		if txCapitalised(text) || txAllCaps(text) {
			continue
		}
		if lx.sourceFunction[text] || lx.sourceMinor[text] {
			continue
		}
		if w.Start > 0 && t[w.Start-1] == '-' {
			continue
		}
		return false
	}
	return true
}

// bracketQuoted reports whether the bracket's content is one quotation.
func bracketQuoted(inner string) bool {
	in := strings.TrimFunc(inner, txIsSpace)
	first, _ := utf8.DecodeRuneInString(in)
	last, _ := utf8.DecodeLastRuneInString(in)
	return len(in) > 2 && strings.ContainsRune("«\"“‘'„‚", first) && strings.ContainsRune("»\"”’'“‘", last)
}

// acronymBefore reports whether the word just before offset i is an acronym
// in capitals ("OSCE", "l'ONU").
func acronymBefore(t string, i int) bool {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(t[:j])
		if !txIsSpace(r) {
			break
		}
		j -= n
	}
	k := j
	for k > 0 {
		r, n := utf8.DecodeLastRuneInString(t[:k])
		if !unicode.IsLetter(r) {
			break
		}
		k -= n
	}
	w := t[k:j]
	return len(w) >= 2 && txAllCaps(w)
}

// allGlossedLoanwords reports whether every word is a source-language word
// news glosses in brackets on purpose ("fonds spéculatifs (hedge funds)").
func (s *shape) allGlossedLoanwords(words []txWord) bool {
	for _, w := range words {
		if !s.lex.glossedLoanwords[s.wordLow(w)] {
			return false
		}
	}
	return true
}

// foreignLocution reports whether s is a foreign set phrase the language
// writes as it is ("in extremis"), which a detector of modern languages may
// take for English.
func (lx *lexicon) foreignLocution(s string) bool {
	return len(lx.foreignLocutions) > 0 && lx.foreignLocutions.Has(strings.ToLower(strings.Join(strings.Fields(s), " ")))
}

// singleWordBracket returns the confidence that a bracket holding one word
// in lower case, t[i] its opening bracket, is English left by MT, or 0. The
// word is English and not the article's language, and the word before the
// bracket is not the language's either ("benchmarks (annualized)"): after a
// word of the language, an English word in brackets is the original term
// given on purpose ("confinement (lockdown)").
func singleWordBracket(sh *shape, i int, w txWord) float64 {
	t := sh.doc.Text
	word := w.in(t)
	if !singleWordShape(word) {
		return 0
	}
	en, target := wordlists.Get(sh.lex.source.Lang), wordlists.Get(sh.lex.target.Lang)
	if en == nil || target == nil || !en.Has(word) || sh.lex.glossedLoanwords[word] || bracketTargetWord(sh.lex, target, word) {
		return 0
	}
	// The word before the bracket.
	before := txAppendWords(nil, t, max(0, i-60), i)
	if len(before) == 0 || before[len(before)-1].End < int32(i-2) {
		return 0
	}
	prev := wordlists.Fold(before[len(before)-1].in(t))
	if bracketTargetWord(sh.lex, target, prev) || !en.HasForm(prev) {
		return 0
	}
	return 0.7
}

// singleWordShape reports a word singleWordBracket may flag: four letters
// or more, in ASCII lower case.
func singleWordShape(word string) bool {
	return utf8.RuneCountInString(word) >= 4 && txASCII(word) && strings.ToLower(word) == word
}

// bracketTargetWord reports a folded word of the article's language: its
// lexicon (with an accent changed), its profile's function words and
// loanwords.
func bracketTargetWord(lx *lexicon, target *wordlists.Lexicon, fold string) bool {
	p := lx.target
	return target.HasForm(fold) || target.HasAccented(fold) || lx.function.Has(fold) ||
		p.Set(&p.Words.Function).Has(fold) || p.Set(&p.Words.Loanwords).Has(fold)
}

// inEnglishTitle reports a bracket t[i..j] inside an English title: the
// words on both sides are capitalised English words or names, not the
// language's ("the Cost of Living (Tenant Protection) (Scotland) Act").
func inEnglishTitle(sh *shape, i, j int) bool {
	t := sh.doc.Text
	en, names, target := wordlists.Get(sh.lex.source.Lang), wordlists.Get(sh.lex.source.Lang+".names"), wordlists.Get(sh.lex.target.Lang)
	if en == nil || target == nil {
		return false
	}
	english := func(w string) bool {
		fold := wordlists.Fold(w)
		return txCapitalised(w) && (en.Has(fold) || (names != nil && names.Has(fold))) && !target.HasForm(fold)
	}
	// The word just before the bracket, and the first word after it and
	// after any bracket that follows.
	before := txAppendWords(nil, t, max(0, i-60), i)
	if len(before) == 0 || strings.TrimSpace(t[before[len(before)-1].End:i]) != "" || !english(before[len(before)-1].in(t)) {
		return false
	}
	k := j + 1
	for {
		for k < len(t) && (t[k] == ' ' || t[k] == '\t') {
			k++
		}
		if k >= len(t) || t[k] != '(' {
			break
		}
		c := bracketCloser(t, k, len(t), '(', ')')
		if c < 0 {
			return false
		}
		k = c + 1
	}
	after := txAppendWords(nil, t, k, min(len(t), k+60))
	return len(after) > 0 && int(after[0].Start) == k && english(after[0].in(t))
}
