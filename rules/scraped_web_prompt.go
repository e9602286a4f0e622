package rules

import (
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "scraped.web-prompt",
		Category: audit.Scraped,
		// Minor, and an id that sorts after the phrase rules of the packs:
		// where a pack rule flags the same line, the merged finding keeps
		// the pack's rule, severity and fix (the engine prefers the more
		// severe finding, then the earlier rule).
		Severity: audit.Minor,
		Title:    "Line or sentence addressed to the reader of a web page",
		Doc: `Flags page furniture by its shape and its vocabulary rather than by a
fixed phrase: a short line (or a short sentence of a line) that speaks to
the reader of a web page. Each unit scores features:

- a call to action opening it, imperative or infinitive (*Abonnez-vous*,
  *Folgen Sie*, *Suscríbete*, *Iscriviti*, *Siga-nos*, *Jetzt
  abonnieren*), or a verb with the reader's or the site's pronoun glued to
  it (*Rejoignez-nous*); a call to action elsewhere in a short unit;
- the reader addressed (*vous*, *du*, *usted*, *tu*, *você*; German
  *Sie*, *Ihr* by their capital in mid-sentence);
- the site speaking of itself before an interface noun (*notre
  newsletter*, *unsere App*, *nuestro boletín*);
- interface nouns (newsletter, comments, app, channel, account,
  notifications) and share targets (Facebook, WhatsApp, e-mail);
- a counter (*Commentaires (12)*, *(3 Kommentare)*, *12 comentarios*);
- on a line of its own: a short line made of that vocabulary with
  function words (*Articles liés*, *Zur Startseite*, *Ver comentarios*),
  a button's verb phrase (*Laisser un commentaire*, *Lasciare un
  commento*: a verb, an article, an interface noun);
- a label and a colon before a headline (*À LIRE : Le gouvernement …*,
  *Auch interessant: …*): the label made of furniture labels, calls to
  action or interface nouns with function words, or any label in
  capitals;
- an arrow before it (►, ▶, →, »), no final stop on a short unit.

A unit that has vocabulary (not only a shape) and scores 3 is flagged; a
sentence that shares its line with article text needs 4. An imperative
found by its ending (*Activez*, *Unterstützen Sie*) or with the reader's
pronoun glued to it scores but is no vocabulary: a recipe's or a
quotation's imperative (*Mélangez la farine*) is left alone. The words come
from the language profile (calls_to_action, interface, reader_address,
reader_address_cased, publisher_address, social_networks,
imperative_endings, furniture_labels), from the label phrases of the
language's scraped pack, and from the English profile for English furniture
left in, so the check runs in every language that fills them.

Not flagged: the article's title (first paragraph), lines of more than 30
words and sentences of more than 25, anything holding or inside a
quotation (speech addresses its listener, not the reader), the reader
addressed without any interface or action word (*Vous avez raison*).

Where it fails: a prompt in plain declarative prose (*Les lecteurs
peuvent s'inscrire sur le site*) scores too little; practical information
that addresses the reader on purpose (*Inscrivez-vous à la mairie avant
le 12 mai*) may score enough. The phrase lists of scraped.subscribe-prompt,
scraped.app-prompt, scraped.comment-form and scraped.share-buttons still
catch the fixed wordings; a line both flag is one finding, the phrase
rule's. The check is minor: a score is weaker evidence than a phrase.

**What to do**: delete the line or sentence (the fix removes a line that
scores high).`,
		Examples: []audit.Example{
			{Lang: "fr", Trigger: true, Note: "a call to action with the site's newsletter", Text: "Le conseil municipal a voté le budget mardi soir.\n\nRecevez chaque matin notre newsletter gratuite\n\nL’opposition a voté contre, dénonçant une hausse des impôts.\n"},
			{Lang: "fr", Trigger: true, Note: "a counter of comments", Text: "Le conseil municipal a voté le budget mardi soir.\n\nCommentaires (12)\n"},
			{Lang: "fr", Trigger: false, Note: "the reader of a quotation, a sentence about an application", Text: "Le conseil municipal a voté le budget mardi soir.\n\n« Vous verrez, l’application sera prête », a promis le maire.\n\nLes habitants pourront télécharger l’application dès juin, selon la mairie.\n"},
			{Lang: "de", Trigger: true, Note: "polite imperative with the reader's pronoun", Text: "Der Stadtrat hat am Dienstag den Haushalt beschlossen.\n\nFolgen Sie uns auf Instagram und Facebook\n\nDie Opposition stimmte dagegen.\n"},
			{Lang: "de", Trigger: true, Note: "a label and a colon before a headline", Text: "Der Stadtrat hat am Dienstag den Haushalt beschlossen.\n\nAuch interessant: Die Bahn erhöht im Winter die Preise\n\nDie Opposition stimmte dagegen.\n"},
			{Lang: "de", Trigger: false, Note: "Sie as a pronoun, a colon in prose", Text: "Der Stadtrat hat am Dienstag den Haushalt beschlossen.\n\nSie folgen damit dem Vorschlag der Verwaltung. Das Ergebnis: Die Gebühren steigen um drei Prozent.\n"},
			{Lang: "es", Trigger: true, Note: "tú imperative with the site's bulletin", Text: "El Ayuntamiento aprobó el martes los presupuestos.\n\nSuscríbete a nuestro boletín y recibe las noticias del día\n\nLa oposición votó en contra.\n"},
			{Lang: "es", Trigger: false, Note: "a call to action inside a quotation", Text: "El Ayuntamiento aprobó el martes los presupuestos.\n\n«Comparte tus ideas con nosotros», pidió la alcaldesa a los vecinos.\n"},
			{Lang: "it", Trigger: true, Note: "imperative with the site's newsletter", Text: "Il consiglio comunale ha approvato martedì il bilancio.\n\nIscriviti alla nostra newsletter per ricevere le notizie\n\nL’opposizione ha votato contro.\n"},
			{Lang: "it", Trigger: false, Note: "an interface noun in article prose", Text: "Il consiglio comunale ha approvato martedì il bilancio.\n\nIl comune ha lanciato una nuova applicazione per segnalare le buche nelle strade.\n"},
			{Lang: "pt", Trigger: true, Note: "imperative with the site's pronoun glued to it", Text: "A câmara municipal aprovou o orçamento na terça-feira.\n\nSiga-nos no Instagram e no Facebook\n\nA oposição votou contra.\n"},
			{Lang: "pt", Trigger: false, Note: "the reader addressed in a quotation", Text: "A câmara municipal aprovou o orçamento na terça-feira.\n\n\"Você vai ver os resultados\", disse o prefeito aos moradores.\n"},
		},
		Fixable: true,
		Origin:  "rules/scraped_web_prompt.go",
		Run:     runWebPrompt,
	})
}

// Limits of a unit the web-prompt check scores.
const (
	promptMaxLineWords     = 30
	promptMaxSentenceWords = 25
	promptLineThreshold    = 3
	promptSentenceBonus    = 1  // a sentence inside a line of prose needs one point more
	promptFixScore         = 5  // a standalone line scoring this much is removed by the fix
	promptLabelLineWords   = 5  // a line of furniture vocabulary alone ("Articles liés") is this short
	promptShortLineWords   = 12 // a line this short is no prose a prompt is glued to
)

func runWebPrompt(pass *audit.Pass) {
	s := shapeOf(pass)
	if len(s.toks) == 0 || len(s.blocks) < 2 {
		return
	}
	webPrompts(pass, s, furnitureTableOf(pass))
}

// webPrompts reports the reader prompts of s, whose furniture table is tb.
func webPrompts(pass *audit.Pass, s *shape, tb *furnitureTable) {
	doc := s.doc
	title := s.blocks[0]
	var sentences sentenceCursor
	for li := title.Last + 1; li < len(doc.Lines); li++ {
		toks := s.lineTokens(li)
		if len(toks) == 0 {
			continue
		}
		first := int(s.lineTok[li])
		end := first + len(toks)
		line := doc.Lines[li]
		// Sentences of the line after the first, when it holds several.
		si := sentences.atOrAfter(doc, line.Start)
		several := si < len(doc.Sentences) && doc.Sentences[si].End < line.End
		standalone := s.standaloneLine(li)
		if !several && (!standalone || tooManyWords(s, first, end, promptMaxLineWords)) {
			// One sentence: only a short line of its own is scored (below),
			// and most lines of prose are neither: no need to read them.
			continue
		}
		if several && !tb.mayBeFurniture(first, end) || !several && !tb.mayBeLineFurniture(first, end) {
			continue
		}
		if standalone && (!several || tb.everySentenceHasVocabulary(si, line)) {
			if sc, ok := tb.score(first, end, promptMaxLineWords, true); ok && sc >= promptLineThreshold {
				d := audit.Diagnostic{
					Start: line.Start, End: line.End,
					Message:    "Line addressed to the reader of a web page (call to action, interface words): page furniture swept into the article",
					Confidence: promptConfidence(sc, 0),
				}
				if sc >= promptFixScore {
					d.Fixes = []audit.Fix{audit.DeleteFix(doc, doc.Lines[li].Start, doc.Lines[li].End, "Remove the reader prompt")}
				}
				pass.Report(d)
				continue
			}
		}
		if !several {
			continue // one sentence: the line itself, scored above or too long
		}
		// A sentence sharing its line with prose needs a point more than one
		// of a short line of furniture ("Cet article vous a plu ? Partagez-le").
		bonus := promptSentenceBonus
		if wordsIn(s, first, end) <= promptShortLineWords {
			bonus = 0
		}
		for ; si < len(doc.Sentences) && doc.Sentences[si].Start < line.End; si++ {
			sen := doc.Sentences[si].Span
			a, b := tokenRange(s, max(sen.Start, line.Start), min(sen.End, line.End))
			if !tb.mayBeFurniture(a, b) {
				// No vocabulary: never reported (most sentences of a line
				// of prose, whose one colon or dash let the line through).
				continue
			}
			sc, ok := tb.score(a, b, promptMaxSentenceWords, false)
			if !ok || sc < promptLineThreshold+bonus {
				continue
			}
			pass.Report(audit.Diagnostic{
				Start: int(s.toks[a].Start), End: int(s.toks[b-1].End),
				Message:    "Sentence addressed to the reader of a web page (call to action, interface words): page furniture glued to the article",
				Confidence: promptConfidence(sc, bonus),
			})
		}
	}
}

// mayBeFurniture reports whether the tokens [a, b) can hold a unit with
// furniture vocabulary: a word of it, the reader's pronoun (in a label),
// an arrow, a bracket (a counter), a label's separator (a pack's label
// phrase). Lines of prose without any cost one pass over their classes.
// A unit (a sentence) without any has no vocabulary to score (score's
// second result): TestLineFurnitureFilter holds the two to that.
func (tb *furnitureTable) mayBeFurniture(a, b int) bool {
	s := tb.s
	for k := a; k < b; k++ {
		t := &s.toks[k]
		switch t.Kind {
		case tokWord:
			// Most words are known to be none, told without a call.
			if !tb.knownNone(k) && tb.mayVocabulary(k) {
				return true
			}
		case tokPunct:
			// A punctuation token is one rune: an ASCII one is a label's
			// separator or a counter's bracket, or none of the marks.
			if c := s.doc.Text[t.Start]; c < utf8.RuneSelf {
				if c == ':' || c == '-' || c == '|' || c == '(' {
					return true
				}
			} else if isFurnitureArrow(s, t) || isLabelSeparator(s, t) {
				return true
			}
		}
	}
	return false
}

// mayBeLineFurniture is mayBeFurniture for a line of one sentence, the
// one unit scored: a finding wants the vocabulary of a prompt (score's
// second result), which only these give it: a word of the vocabulary; an
// arrow before its first word (with no final stop); a bracket in a unit
// of six words at most (a counter); a separator that may end a label
// phrase of the pack opening it.
func (tb *furnitureTable) mayBeLineFurniture(a, b int) bool {
	s := tb.s
	w0 := a
	for w0 < b && s.toks[w0].Kind == tokPunct {
		if isFurnitureArrow(s, &s.toks[w0]) {
			return true
		}
		w0++
	}
	sepEnd := w0 + tb.fw.packLabels.maxLen // the last token a pack label's separator may be
	words, bracket := 0, false
	for k := w0; k < b; k++ {
		t := &s.toks[k]
		switch t.Kind {
		case tokWord:
			words++
			if !tb.knownNone(k) && tb.mayVocabulary(k) {
				return true
			}
		case tokNum:
			words++
		case tokPunct:
			if k <= sepEnd && isLabelSeparator(s, t) {
				return true
			}
			bracket = bracket || s.doc.Text[t.Start] == '('
		}
	}
	return bracket && words <= 6
}

// everySentenceHasVocabulary reports whether every sentence of a line,
// from sentence si on, holds furniture vocabulary: a line of several
// prompts ("Abonnez-vous ! Recevez notre newsletter") is flagged whole, a
// sentence of prose followed by a prompt is not.
func (tb *furnitureTable) everySentenceHasVocabulary(si int, line audit.Span) bool {
	doc := tb.s.doc
	for ; si < len(doc.Sentences) && doc.Sentences[si].Start < line.End; si++ {
		sen := doc.Sentences[si].Span
		a, b := tokenRange(tb.s, max(sen.Start, line.Start), min(sen.End, line.End))
		if !tb.mayBeFurniture(a, b) {
			return false // no vocabulary, told without scoring
		}
		if _, vocab := tb.score(a, b, promptMaxSentenceWords, false); !vocab {
			return false
		}
	}
	return true
}

func promptConfidence(score, bonus int) float64 {
	return min(0.9, 0.6+0.05*float64(score-promptLineThreshold-bonus))
}

// sentenceCursor is sentenceAtOrAfter for offsets that never decrease
// (the starts of a document's lines, in order): it walks forward from the
// last answer, where a search per line cost more than the lines' test.
type sentenceCursor struct{ next int }

// atOrAfter returns the index of the first sentence ending after off; off
// is at least the last call's.
func (c *sentenceCursor) atOrAfter(doc *audit.Document, off int) int {
	for c.next < len(doc.Sentences) && doc.Sentences[c.next].End <= off {
		c.next++
	}
	return c.next
}

// sentenceAtOrAfter returns the index of the first sentence ending after off.
func sentenceAtOrAfter(doc *audit.Document, off int) int {
	lo, hi := 0, len(doc.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		if doc.Sentences[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// tokenRange returns the indices [a, b) of the tokens within [start, end).
func tokenRange(s *shape, start, end int) (int, int) {
	toks, a := s.tokensIn(audit.Span{Start: start, End: end})
	return a, a + len(toks)
}
