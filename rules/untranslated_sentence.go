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
		Severity: audit.Major,
		Title:    "Whole sentence left in another language",
		Doc: `Flags a sentence or line of a French article written in another language,
usually English: a paragraph the MT engine skipped, a disclaimer, a caption
or a quote passed through. Consecutive foreign sentences of one paragraph
are reported as one finding. A quotation in the source language inside a
French sentence (` + "`« when the looting starts… », a-t-il écrit`" + `) is not
flagged: French news quotes English and German speech and titles verbatim
on purpose (the human news bench has several), and MT engines translate
quotations.

A sentence is foreign when it has at least four words and English function
words clearly outnumber French ones; when the function words leave it in
doubt (few of either), lingua-go decides, and only sentences with no French
majority ever reach it.

Not flagged: photo and agency credits (` + "`… via AP`" + `, ` + "`Getty Images`" + `,
` + "`/AFP`" + `, ` + "`Photo: …`" + `), lines made of names or of capitalised title
words (film, book and organisation names), lines in capitals, lines with
web addresses, e-mail addresses or hashtags, and short lines (under four
words).

Fix: translate the sentence, or remove it when it is page furniture.`,
		Examples: []audit.Example{
			{Text: "Le gouvernement a présenté son budget mardi.\n\nThe minister said that the plan would be approved by the end of the year.", Trigger: true},
			{Text: "Le texte sera voté jeudi. This article was automatically translated and may contain errors. Les débats reprendront lundi.", Trigger: true},
			{Text: "Le président a visité l'usine lundi, selon un communiqué.\n\nJohn Smith/Reuters via Getty Images", Note: "a photo credit"},
			{Text: "Le film « The Lord of the Rings » sera projeté en plein air.\n\nThe Wall Street Journal\n\nLe festival a lieu chaque année à Paris.", Note: "titles and names"},
		},
		Langs:  []string{"fr"},
		Origin: "rules/untranslated_sentence.go",
		Run:    runUntranslatedSentence,
	})
}

// untranslatedLangNames names the languages lang.Guess returns, for messages.
var untranslatedLangNames = map[string]string{
	"en": "English", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
	"nl": "Dutch", "id": "Indonesian", "fr": "French",
}

func runUntranslatedSentence(pass *audit.Pass) {
	doc := pass.Doc
	target := doc.Lang
	if target == "" {
		target = "fr"
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
		name := untranslatedLangNames[run.lang]
		if name == "" {
			name = run.lang
		}
		pass.Report(audit.Diagnostic{
			Start: run.span.Start, End: run.span.End, Confidence: run.conf,
			Message: fmt.Sprintf("%s text left untranslated in the article", name),
		})
		run = nil
	}
	for _, s := range doc.Sentences {
		l, conf := foreignSentence(doc.Text[s.Start:s.End], doc.Text, s.Span, target)
		if l == "" {
			flush()
			continue
		}
		if run != nil && run.para == s.Paragraph && run.lang == l {
			run.span.End = s.End
			run.conf = max(run.conf, conf)
			continue
		}
		flush()
		run = &hit{span: s.Span, lang: l, conf: conf, para: s.Paragraph}
	}
	flush()
}

// foreignSentence returns the language of a sentence that is not in target,
// with a confidence, or "" when the sentence is in target or is not prose.
func foreignSentence(s, text string, sp audit.Span, target string) (string, float64) {
	words := txScanWords(text, sp.Start, sp.End)
	if len(words) < 4 {
		return "", 0
	}
	ev := txEvidenceOf(words)
	if target == "fr" && ev.French >= 2 && ev.French*2 >= ev.English {
		return "", 0 // a French majority of function words: no detector call
	}
	if txAllCaps(s) || txIsCredit(s) || txHasWebToken(s) || untranslatedCodeLike(s) {
		return "", 0
	}
	// Names and title words: "The Wall Street Journal", "Ingrid Hallberg, Anna Smith".
	if ev.Capitals*10 >= ev.Words*7 {
		return "", 0
	}
	if target == "fr" && ev.English >= 3 && ev.English*4 >= ev.Words && ev.French*4 <= ev.English {
		return "en", 0.92
	}
	// In doubt: ask the detector, then demand evidence of its answer's own.
	// The detector is the slowest step: it is not asked when no answer
	// could pass that test.
	scores, _ := lang.Scores(s)
	possible := ev.English >= 1 && ev.English > ev.French
	for l, n := range scores {
		if l != target && l != "en" && n >= 2 && n > scores[target] {
			possible = true
		}
	}
	if !possible {
		return "", 0
	}
	l := lang.Guess(s)
	if l == "" || l == target {
		return "", 0
	}
	if l == "en" {
		if ev.English >= 1 && ev.English > ev.French {
			return "en", 0.75
		}
		return "", 0
	}
	if scores[l] >= 2 && scores[l] > scores[target] {
		return l, 0.7
	}
	return "", 0
}

// untranslatedCodeLike reports text with code-like punctuation: braces, semicolons
// at line end, "=" or "()" sequences.
func untranslatedCodeLike(s string) bool {
	return strings.ContainsAny(s, "{}<>") || strings.Contains(s, "();") || strings.Contains(s, " = ") || strings.Contains(s, "=>")
}
