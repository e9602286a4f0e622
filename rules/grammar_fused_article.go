package rules

import (
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "grammar.fused-article",
		Category: audit.Grammar,
		Severity: audit.Minor,
		Title:    "Name or acronym fused with the next sentence's capitalised article",
		Doc: `Flags an acronym or a capitalised word followed directly by a
capitalised article (*Le*, *La*, *Les*, *L’*, *Un*, *Une*, *Des*) and a
lower-case word, with no stop between: *… l’ONU Le secrétaire général a
déclaré …*. Machine translation fuses a link's text with the sentence after
it, or leaves an English noun modifier (*NATO Secretary General*) in front of
a noun phrase of the article's language.

How the fused-text rules share the work, by the word before the capital:

- an acronym or a capitalised word: **grammar.fused-article** (this rule);
- a lower-case word: **grammar.link-capital**;
- a number, a year or a date (*avril 2019 Le ministère*):
  **garbled.fused-sentence**.

Not flagged: names that begin with an article (*Marine Le Pen*, *à Paris
La Défense*: the word after the article is capitalised), headlines in
capitals, headings without final punctuation.

Every language whose profile lists its articles; furniture labels come
from the target and the source profiles.

**What to do**: put the acronym after the noun it qualifies (*Le secrétaire
général de l’ONU*) or add the missing full stop.`,
		Examples: []audit.Example{
			{Text: "Les pays membres se réunissent à Genève.\n\nOMS Le directeur général a appelé mardi à renforcer la surveillance des épidémies.\n", Trigger: true, Note: "an acronym fused with the article of its noun phrase"},
			{Text: "La conférence s’ouvre demain.\n\nLa délégation de Norvège La ministre des affaires étrangères a salué l’accord.\n", Trigger: true, Note: "a name fused with the next subject"},
			{Text: "La candidate du RN a tenu un meeting.\n\nMarine Le Pen a visité le quartier de Paris La Défense, puis la ville de Le Mans.\n", Trigger: false, Note: "names that contain an article"},
		},
		Origin: "rules/grammar_fused_article.go",
		Run:    runFusedArticle,
	})
}

func runFusedArticle(pass *audit.Pass) {
	s := shapeOf(pass)
	lx := s.lex
	articles := setFilter(lx, "articles", lx.articles)
	for _, ci := range capitalisedWordsOf(pass) {
		i := int(ci)
		t := &s.toks[i] // a capitalised word
		if !articles.has(lx.articles, s.low(t)) {
			continue
		}
		p := s.prev(i)
		if p == nil || p.Kind != tokWord || !s.adjacent(p, t) || p.is(tLowerInitial) {
			continue
		}
		if !p.is(tAllCaps) && !s.isNameToken(p) {
			continue
		}
		n := s.next(i)
		if n == nil || n.Kind != tokWord || !s.adjacent(t, n) || !n.is(tLowerInitial) {
			continue
		}
		if capsLine(s, t.line()) || s.isHeadlineLine(t.line()) || (p.is(tLineStart) && (lx.furnitureLabels[s.low(p)] || s.doc.Text[p.End:t.Start] != " ")) {
			continue // a label set before a line: "VIDÉO  Le maire…" is page furniture
		}
		conf := 0.75
		if p.is(tAllCaps) {
			conf = 0.8
		}
		pt := s.text(p)
		pass.Report(audit.Diagnostic{
			Start: int(p.Start), End: int(n.End),
			Message:    "“" + pt + "” runs into a capitalised article: a link's text or a sentence fused with the next",
			Suggestion: lowerFirst(s.doc.Text[t.Start:n.End]) + " … " + pt,
			Confidence: conf,
		})
	}
}

// capsLine reports whether most words of line li are in capitals (a
// headline or a label, whose articles are capitalised on purpose).
func capsLine(s *shape, li int) bool {
	words, caps := 0, 0
	toks := s.lineTokens(li)
	// A long line is judged by its head: callers ask once per candidate
	// word, so walking the whole line each time would be quadratic.
	const maxTokens = 200
	if len(toks) > maxTokens {
		toks = toks[:maxTokens]
	}
	for k := range toks {
		t := &toks[k]
		if t.Kind != tokWord {
			continue
		}
		words++
		if t.is(tAllCaps) || (t.is(tUpperInitial) && utf8.RuneCountInString(s.text(t)) == 1) {
			caps++
		}
	}
	return words > 0 && caps*2 >= words
}
