package rules

import (
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "scraped.headline",
		Category: audit.Scraped,
		Severity: audit.Major,
		Title:    "Related-story headline standing between paragraphs",
		Doc: `Flags a line that has the shape of another story's headline swept into
the body: a paragraph of one line, no final full stop, and either

- in capitals (at least 85 % of its letters) with at least six words, or
- in English-style Title Case with at least five words (nearly every word
  capitalised, function words included: *Le Ministre Annonce Un Plan Pour
  Les Écoles*),

in an article that otherwise has prose. News sites print links to related
stories between paragraphs; scrapers and machine translation keep them.

Not flagged: the first paragraph (the article's own title), short labels
and section headings in capitals (*CE QUE DIT LE RAPPORT*, five words or
fewer), lines ending in a full stop or a colon, articles
written entirely in capitals. Phrases such as *LIRE AUSSI* or *Read more*
are matched by the rule packs; this rule only looks at the line's shape.

Every language: the capitals test needs no words; the Title Case test
needs the language profile's function words (determiners, pronouns,
conjunctions, lower_case), and is skipped without them.

**Fix** (safe): remove the line with one adjoining blank line.`,
		Examples: []audit.Example{
			{Text: "Le conseil régional adopte son budget\n\nLes élus ont voté mardi un budget de 2,1 milliards d’euros, en hausse de 3 %.\n\nLES AGRICULTEURS BLOQUENT LES ROUTES DU DÉPARTEMENT POUR LA TROISIÈME NUIT\n\nLa majorité a défendu des choix « responsables » face à l’inflation.\n", Trigger: true, Note: "a headline in capitals between two paragraphs"},
			{Text: "Le conseil régional adopte son budget\n\nLes élus ont voté mardi un budget de 2,1 milliards d’euros, en hausse de 3 %.\n\nLe Gouvernement Promet Une Aide Pour Les Communes Rurales\n\nLa majorité a défendu des choix « responsables » face à l’inflation.\n", Trigger: true, Note: "a Title Case headline"},
			{Text: "LE CONSEIL RÉGIONAL ADOPTE SON BUDGET\n\nLes élus ont voté mardi un budget de 2,1 milliards d’euros, en hausse de 3 %, a indiqué la présidente de la région.\n\nCE QU’IL FAUT RETENIR :\n\nLa majorité a défendu des choix « responsables » face à l’inflation. L’opposition dénonce une hausse de la dette.\n\nLE VOTE A ÉTÉ ACQUIS À UNE LARGE MAJORITÉ.\n", Trigger: false, Note: "the title, a label ending in a colon, a line ending in a full stop"},
		},
		Fixable: true,
		Origin:  "rules/scraped_headline.go",
		Run:     runScrapedHeadline,
	})
}

func runScrapedHeadline(pass *audit.Pass) {
	doc := pass.Doc
	s := shapeOf(pass)
	if len(s.blocks) < 3 {
		return
	}
	prose := -1 // blocks of prose after the title, counted on first need
	for bi := 1; bi < len(s.blocks); bi++ {
		b := s.blocks[bi]
		if b.First != b.Last {
			continue
		}
		line := doc.Lines[b.First]
		text := doc.Snippet(line)
		last, _ := utf8.DecodeLastRuneInString(text)
		if last == '.' || last == ':' || last == ';' || last == ',' || last == '…' {
			continue
		}
		toks := s.lineTokens(b.First)
		words := 0
		for k := range toks {
			if toks[k].Kind != tokPunct {
				words++
			}
		}
		if words < 5 {
			continue
		}
		up, low := letterCase(text)
		conf := 0.0
		msg := ""
		switch {
		case words >= 6 && up+low >= 12 && float64(up) >= 0.85*float64(up+low):
			conf = 0.75
			if words >= 8 {
				conf = 0.85
			}
			msg = "Headline in capitals between paragraphs: probably a related-story link swept into the body"
		case titleCase(s, toks):
			conf = 0.6
			msg = "Title Case headline between paragraphs: probably a related-story link swept into the body"
		default:
			continue
		}
		if prose < 0 {
			prose = 0
			for _, b := range s.blocks[1:] {
				text := s.blockText(b)
				up, low := letterCase(text)
				if low > up && audit.Words(text) >= 8 {
					prose++
				}
			}
		}
		if prose < 2 {
			return // an article in capitals, or a list of headlines
		}
		if bi+1 < len(s.blocks) {
			conf += 0.05
		}
		pass.Report(audit.Diagnostic{
			Start: line.Start, End: line.End, Message: msg,
			Suggestion: "remove the line",
			Confidence: conf,
			Fixes:      []audit.Fix{audit.DeleteFix(doc, line.Start, line.End, "Remove the related-story headline")},
		})
	}
}

// letterCase counts upper- and lower-case letters in s.
func letterCase(s string) (up, low int) {
	for _, r := range s {
		if unicode.IsUpper(r) {
			up++
		} else if unicode.IsLower(r) {
			low++
		}
	}
	return up, low
}

// maxHeadlineTokens bounds the tokens (words and punctuation) of a line
// that may be a headline: three times the longest headlines seen.
const maxHeadlineTokens = 120

// titleCase reports whether a line capitalises nearly every word, function
// words included: English headline style, never running text in a language
// that writes its function words in lower case.
func titleCase(s *shape, toks []token) bool {
	if len(toks) > maxHeadlineTokens {
		// No headline is that long; and callers ask once per word of a
		// line, so walking a long line each time would be quadratic.
		return false
	}
	words, caps, capsFunction, capsPrep := 0, 0, 0, 0
	for k := range toks {
		t := &toks[k]
		if t.Kind != tokWord {
			continue
		}
		words++
		if t.is(tCapitalised) && (k > 0 || utf8.RuneCountInString(s.text(t)) > 1) {
			caps++
			if l := s.low(t); k > 0 && s.lex.lowerFunction[l] {
				capsFunction++
				if !s.lex.determiners[l] {
					capsPrep++
				}
			}
		}
	}
	return words >= 5 && caps*10 >= words*8 && capsFunction >= 2 && capsPrep >= 1
}
