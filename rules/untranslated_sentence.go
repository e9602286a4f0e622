package rules

import (
	"fmt"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/lang"
)

func init() {
	register(&audit.Rule{
		ID:       "untranslated.sentence",
		Category: audit.Untranslated,
		Severity: audit.Critical,
		Title:    "Whole sentence left in another language",
		Doc: `Flags a sentence or line of an article written in another language,
usually English: a paragraph the MT engine skipped, a disclaimer, a caption
or a quote passed through. Consecutive foreign sentences of one paragraph
are reported as one finding. A quotation in the source language inside a
sentence of the article's language (` + "`« when the looting starts… », a-t-il écrit`" + `,
` + "`ha commentato in inglese: «This notebook …»`" + `: the words outside the quotation
marks are judged)
is not flagged: news quotes English and German speech and titles verbatim
on purpose (the human French news bench has several), and MT engines
translate quotations.

A sentence is foreign when it has at least four words and the source
language's function words (English, from its profile) clearly outnumber
the article language's (from the article language's profile, with the
words that carry its own letters, such as é or ñ); when the function words
leave it in doubt (few of either), lingua-go decides, and only sentences
with no majority of the article's language ever reach it. Every language
whose profile lists function words; words both profiles list count for
neither.

Not flagged: photo and agency credits (` + "`… via AP`" + `, ` + "`Getty Images`" + `,
` + "`/AFP`" + `, ` + "`Photo: …`" + `), lines made of names or of capitalised title
words (film, book and organisation names), lines in capitals, lines with
web addresses, e-mail addresses or hashtags, and short lines (under four
words).

Fix: translate the sentence, or remove it when it is page furniture.`,
		Examples: []audit.Example{
			{Lang: "it", Text: "La mostra apre a dicembre nel museo della città, con opere di artisti italiani e stranieri.\n\nIl critico britannico John Baxter, autore del libro “Radio Days”, ha commentato in inglese: «This archive fills a gap we thought would never be closed».\n\nIl biglietto costerà dodici euro e la mostra resterà aperta fino a febbraio.\n", Note: "an English quotation inside an Italian sentence"},
			{Lang: "it", Text: "La mostra apre a dicembre nel museo della città, con opere di artisti italiani e stranieri.\n\nThe exhibition will be open every day from nine in the morning, and tickets can be bought online.\n\nIl biglietto costerà dodici euro e la mostra resterà aperta fino a febbraio.\n", Trigger: true, Note: "an English sentence in an Italian article"},
			{Text: "Le gouvernement a présenté son budget mardi.\n\nThe minister said that the plan would be approved by the end of the year.", Trigger: true},
			{Text: "Le texte sera voté jeudi. This article was automatically translated and may contain errors. Les débats reprendront lundi.", Trigger: true},
			{Text: "Le président a visité l'usine lundi, selon un communiqué.\n\nJohn Smith/Reuters via Getty Images", Note: "a photo credit"},
			{Text: "Le film « The Lord of the Rings » sera projeté en plein air.\n\nThe Wall Street Journal\n\nLe festival a lieu chaque année à Paris.", Note: "titles and names"},
		},
		Origin: "rules/untranslated_sentence.go",
		Run:    runUntranslatedSentence,
	})
}

func runUntranslatedSentence(pass *audit.Pass) {
	doc := pass.Doc
	s := shapeOf(pass)
	if len(s.lex.function) == 0 || len(s.lex.sourceFunction) == 0 {
		return // no evidence to weigh
	}
	type hit struct {
		span audit.Span
		lang string
		conf float64
		para int
	}
	var run *hit
	flush := func() {
		if run == nil {
			return
		}
		pass.Report(audit.Diagnostic{
			Start: run.span.Start, End: run.span.End, Confidence: run.conf,
			Message: fmt.Sprintf("%s text left untranslated in the article", languageName(pass, run.lang)),
		})
		run = nil
	}
	// The paragraph untranslated.wrong-language reports is its finding.
	skip := -1
	if pass.Config.Enabled(&audit.Rule{ID: "untranslated.wrong-language", Category: audit.Untranslated}) {
		if wl := audit.ResultOf(pass, wrongLanguageOf); wl.found {
			skip = wl.para
		}
	}
	runs := sentenceRuns{r: audit.ResultOf(pass, letterRunsAnalysis)}
	var scratch []txWord
	for _, sent := range doc.Sentences {
		if sent.Paragraph == skip {
			flush()
			continue
		}
		l, conf := foreignSentence(s, sent.Span, runs.in(sent.Start, sent.End, &scratch))
		if l == "" {
			flush()
			continue
		}
		if run != nil && run.para == sent.Paragraph && run.lang == l {
			run.span.End = sent.End
			run.conf = max(run.conf, conf)
			continue
		}
		flush()
		run = &hit{span: sent.Span, lang: l, conf: conf, para: sent.Paragraph}
	}
	flush()
}

// languageName names a language for messages: its profile's name, else
// the language detector's.
func languageName(pass *audit.Pass, code string) string {
	if p := pass.Profiles.Lookup(code); p != nil && p.Name != "" {
		return p.Name
	}
	return lang.Name(code)
}

// foreignSentence returns the language of a sentence that is not in the
// target language, with a confidence, or "" when the sentence is in the
// target language or is not prose. words are the sentence's letter runs
// (s.appendWords), which it only reads.
func foreignSentence(s *shape, sp audit.Span, words []txWord) (string, float64) {
	lx := s.lex
	target, source := lx.target.Lang, lx.source.Lang
	text := s.doc.Text[sp.Start:sp.End]
	if len(words) < 4 {
		return "", 0
	}
	ev, majority := s.targetMajority(words)
	if majority {
		return "", 0 // a majority of the target's function words: no detector call
	}
	// A quotation in the source language inside a sentence of the
	// article's language ("ha commentato in inglese: «This notebook …»"):
	// judge the words outside the quotation marks.
	if out := wordsOutsideQuotes(s.doc.Text, sp, words); len(out) < len(words) {
		// Outside: lower-case prose with no more source function words
		// than the target's (often none of either: "ha commentato in
		// inglese").
		if eo := s.evidence(out); eo.LowerWords >= 3 && eo.Source <= eo.Target {
			return "", 0
		}
	}
	if txAllCaps(text) || lx.isCredit(text) || txHasWebToken(text) || untranslatedCodeLike(text) {
		return "", 0
	}
	// Names and title words: "The Wall Street Journal", "Ingrid Hallberg, Anna Smith".
	if ev.Capitals*10 >= ev.Words*7 {
		return "", 0
	}
	if ev.Source >= 3 && ev.Source*4 >= ev.Words && ev.Target*4 <= ev.Source {
		return source, 0.92
	}
	// In doubt: ask the detector, then demand evidence of its answer's own.
	// The detector is the slowest step: it is not asked when no answer
	// could pass that test.
	scores, _ := lang.Scores(text)
	sourcePossible := ev.Source >= 1 && ev.Source > ev.Target
	possible := sourcePossible
	for l, n := range scores {
		if l != target && l != source && n >= 2 && n > scores[target] {
			possible = true
		}
	}
	if !possible {
		return "", 0
	}
	l := guessLanguage(text, target, source, sourcePossible)
	if l == "" || l == target {
		return "", 0
	}
	if l == source {
		if ev.Source >= 1 && ev.Source > ev.Target {
			return source, 0.75
		}
		return "", 0
	}
	if scores[l] >= 2 && scores[l] > scores[target] {
		return l, 0.7
	}
	return "", 0
}

// guessLanguage is lang.Guess, except that a text too short for the
// detector's wide models is told apart between the target and the source
// language only, and not at all when the source language could not be
// reported (sourcePossible false): neither answer would be, and the
// two-language models are the largest lingua-go loads.
func guessLanguage(text, target, source string, sourcePossible bool) string {
	if l, ok := lang.Cheap(text); ok {
		return l
	}
	if lang.Short(text) {
		if !sourcePossible {
			return ""
		}
		return lang.Between(text, target, source)
	}
	return lang.Lingua(text)
}

// untranslatedCodeLike reports text with code-like punctuation: braces, semicolons
// at line end, "=" or "()" sequences.
func untranslatedCodeLike(s string) bool {
	return strings.ContainsAny(s, "{}<>") || strings.Contains(s, "();") || strings.Contains(s, " = ") || strings.Contains(s, "=>")
}

// wordsOutsideQuotes returns the words of sentence sp that stand outside
// its quotations: between paired «…», “…”, „…“ or straight double quotes.
func wordsOutsideQuotes(text string, sp audit.Span, words []txWord) []txWord {
	var inside []audit.Span
	open, closer := -1, rune(0)
	for i, r := range text[sp.Start:sp.End] {
		at := sp.Start + i
		switch {
		case open < 0 && (r == '«' || r == '“' || r == '„' || r == '"'):
			open, closer = at, closingMark(r)
		case open >= 0 && (r == closer || (closer == '“' && r == '”')):
			inside = append(inside, audit.Span{Start: open, End: at})
			open = -1
		}
	}
	if len(inside) == 0 {
		return words
	}
	out := make([]txWord, 0, len(words))
	for _, w := range words {
		in := false
		for _, q := range inside {
			if int(w.Start) > q.Start && int(w.End) <= q.End {
				in = true
				break
			}
		}
		if !in {
			out = append(out, w)
		}
	}
	return out
}
