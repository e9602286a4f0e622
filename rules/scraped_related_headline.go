package rules

import (
	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "scraped.related-headline",
		Category: audit.Scraped,
		Severity: audit.Major,
		Title:    "Headline of a linked story on the line after a read-more label",
		Doc: `Flags the line that follows a read-more or related-content label
standing alone on its line (*À LIRE AUSSI*, *Mehr zum Thema*, *VEJA
TAMBÉM*, *Potrebbe interessarti anche*): a short line with a capital and no
final stop is the headline of the linked story, swept into the body with
its label. scraped.read-more flags the label; this check flags the
headline, which reads as a stray sentence in the article.

What counts as a label: the line is one of the read-more, share or media
label phrases of the language's scraped pack (arrows and a colon around it
allowed). What counts as a headline: the next line, 3 to 20 words,
starting with a capital, ending on no full stop, exclamation mark or colon
(a question mark is allowed: headlines ask).

Not flagged: a label followed by a sentence of the article (it ends with a
full stop), by a line in the source language, or by nothing.

Where it fails: a headline with a final stop is taken for article text; a
label missing from the pack (a site's own wording) leaves its headline
unflagged.

**What to do**: delete the headline with its label.`,
		Examples: []audit.Example{
			{Lang: "fr", Trigger: true, Text: "Le conseil municipal a voté le budget mardi soir.\n\nÀ LIRE AUSSI\n\nLe tramway prolongé jusqu’à la gare en 2027\n\nL’opposition a voté contre.\n"},
			{Lang: "fr", Text: "Le conseil municipal a voté le budget mardi soir.\n\nÀ LIRE AUSSI\n\nL’opposition a voté contre le texte, jugé trop coûteux.\n", Note: "the line after the label is a sentence"},
			{Lang: "de", Trigger: true, Text: "Der Stadtrat hat am Dienstag den Haushalt beschlossen.\n\nMehr zum Thema\n\nStadt plant neues Hallenbad am Stadtpark\n\nDie Opposition stimmte dagegen.\n"},
			{Lang: "pt", Trigger: true, Text: "A câmara aprovou o orçamento na terça-feira.\n\nLEIA TAMBÉM\n\nPrefeitura anuncia nova linha de ônibus para a zona sul\n\nA oposição votou contra.\n"},
			{Lang: "de", Text: "Der Stadtrat hat am Dienstag den Haushalt beschlossen.\n\nMehr zum Thema\n\nDie Opposition stimmte dagegen, wie erwartet.\n", Note: "a sentence of the article"},
			{Lang: "pt", Text: "A câmara aprovou o orçamento na terça-feira.\n\nLEIA TAMBÉM\n\nA oposição votou contra e pediu mais investimentos.\n", Note: "a sentence of the article"},
			{Lang: "es", Trigger: true, Text: "El pleno aprobó el presupuesto el martes.\n\nLEE TAMBIÉN\n\nEl Ayuntamiento licita la nueva línea de autobús al aeropuerto\n\nLa oposición votó en contra.\n"},
			{Lang: "it", Trigger: true, Text: "Il consiglio ha approvato il bilancio martedì.\n\nLeggi anche\n\nNuova linea del tram verso l’aeroporto entro il 2027\n\nL’opposizione ha votato contro.\n"},
			{Lang: "it", Text: "Il consiglio ha approvato il bilancio martedì.\n\nLeggi anche\n\nL’opposizione ha votato contro il testo.\n", Note: "a sentence of the article"},
			{Lang: "es", Text: "El pleno aprobó el presupuesto el martes.\n\nLee también\n\nLa oposición votó en contra y pidió más inversión.\n", Note: "a sentence of the article"},
		},
		Origin: "rules/scraped_related_headline.go",
		Run:    runRelatedHeadline,
	})
}

// Limits of a linked headline, in words.
const (
	minHeadlineWords = 3
	maxHeadlineWords = 20
)

func runRelatedHeadline(pass *audit.Pass) {
	s := shapeOf(pass)
	fw := furnitureOf(s)
	if fw.packLabels == nil {
		return
	}
	doc := pass.Doc
	for li := 1; li+1 < len(doc.Lines); li++ {
		if !labelAlone(s, fw, li) {
			continue
		}
		next := li + 1
		if !headlineLine(s, next) || labelAlone(s, fw, next) {
			continue
		}
		from := int(s.lineTok[next])
		if sourceLanguageStretch(s, from, from+len(s.lineTokens(next))) {
			continue
		}
		ln := doc.Lines[next]
		pass.Report(audit.Diagnostic{
			Start: ln.Start, End: ln.End, Confidence: 0.75,
			Message: "Headline of a linked story swept into the article with its read-more label",
		})
		li = next
	}
}

// labelAlone reports a line made of one furniture label phrase, with only
// punctuation (arrows, a colon) around it.
func labelAlone(s *shape, fw *furnitureWords, li int) bool {
	toks := s.lineTokens(li)
	base := int(s.lineTok[li])
	i := 0
	for i < len(toks) && toks[i].Kind == tokPunct {
		i++
	}
	if i == len(toks) {
		return false
	}
	// A label phrase has maxLen tokens at most, and only punctuation
	// stands around it: a line with more words is none (most lines,
	// told without folding and looking a word up).
	words := 0
	for k := i; k < len(toks); k++ {
		if toks[k].Kind != tokPunct {
			if words++; words > fw.packLabels.maxLen {
				return false
			}
		}
	}
	n := fw.packLabels.match(s, base+i, base+len(toks))
	if n == 0 {
		return false
	}
	for k := i + n; k < len(toks); k++ {
		if toks[k].Kind != tokPunct {
			return false
		}
	}
	return true
}

// headlineLine reports a short line that opens with a capital and ends
// without a full stop, an exclamation mark or a colon.
func headlineLine(s *shape, li int) bool {
	toks := s.lineTokens(li)
	if len(toks) == 0 || toks[0].Kind != tokWord || !toks[0].is(tUpperInitial) {
		return false
	}
	words := 0
	for k := range toks {
		if toks[k].Kind == tokWord {
			words++
		}
	}
	if words < minHeadlineWords || words > maxHeadlineWords {
		return false
	}
	if lt := &toks[len(toks)-1]; lt.Kind == tokPunct {
		switch s.text(lt) {
		case ".", "!", ":", "…", ";", ",":
			return false
		}
	}
	return true
}
