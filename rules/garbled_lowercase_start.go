package rules

import (
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "garbled.lowercase-start",
		Category: audit.Garbled,
		Severity: audit.Minor,
		Title:    "Sentence starting in lower case after a full stop",
		Doc: `Flags a full stop followed by a word in lower case: *… avait créé un
cadre. pour faciliter les échanges*. Either the stop is spurious (machine
translation closed the sentence where a link or a line break stood) or the
next sentence lost its beginning.

Not flagged: abbreviations (*etc.*, *cf.*, *env.*, *av. J.-C.*, *p.*,
*M.*), initials, ellipses (*...*, *…*), addresses and decimals (no space
after the dot: *Reuters.com*, *12.5*), words with an inner capital
(*iPhone*), a stop set off by a space (see garbled.double-stop).

Every language: the abbreviations and the agencies credited in lower case
(*dpa*) come from the language profile.

**What to do**: remove the stray full stop, or restore the missing start of
the sentence.`,
		Examples: []audit.Example{
			{Text: "La mairie lance un appel à projets.\n\nL’association a obtenu un local. pour accueillir les jeunes du quartier le mercredi.\n", Trigger: true, Note: "a stray stop in the middle of a sentence"},
			{Text: "Le musée expose des outils, des poteries, etc. et des bijoux du Ier siècle av. J.-C. dans une nouvelle salle.\n\nLe catalogue (env. deux cents pages) est en vente sur Musee.fr. Il coûte 12.5 euros... ou presque.\n", Trigger: false, Note: "abbreviations, initials, a domain, a decimal, an ellipsis"},
		},
		Origin: "rules/garbled_lowercase_start.go",
		Run:    runLowercaseStart,
	})
}

func runLowercaseStart(pass *audit.Pass) {
	s := shapeOf(pass)
	lx := s.lex
	for _, si := range stopTokensOf(pass) {
		i := int(si)
		stop := &s.toks[i]
		if i < 1 || i+1 >= len(s.toks) || s.text(stop) != "." {
			continue
		}
		w, n := &s.toks[i-1], &s.toks[i+1]
		if w.Line != stop.Line || n.Line != stop.Line || w.End != stop.Start || n.Start == stop.End || !s.adjacent(stop, n) {
			continue
		}
		if w.Kind == tokPunct || n.Kind != tokWord || !n.is(tLowerInitial) || hasInnerCapital(s.text(n)) {
			continue
		}
		if w.Kind == tokWord && (lx.lowerAbbreviations[s.low(w)] || utf8.RuneCountInString(s.text(w)) == 1 || w.is(tAllCaps)) {
			continue // "etc.", "p.", "J.", "U.S."
		}
		if pp := s.prev(i - 1); pp != nil && pp.Kind == tokPunct && pp.End == w.Start && (s.text(pp) == "." || s.text(pp) == "-") {
			continue // "p.ex.", "J.-C."
		}
		if s.low(w) == s.low(n) {
			continue // "visite. visite": garbled.repeated-word reports it
		}
		if lx.agencyTags[s.low(n)] || lastWordOfLine(s, i+1) && utf8.RuneCountInString(s.text(n)) <= 5 {
			continue // "… dernier tour. dpa": an agency's credit
		}
		conf := 0.8
		if w.Kind == tokNum {
			conf = 0.6
		}
		pass.Report(audit.Diagnostic{
			Start: int(w.Start), End: int(n.End),
			Message:    "Sentence starting in lower case after a full stop: a stray stop or a lost beginning",
			Suggestion: s.text(w) + " " + s.text(n),
			Confidence: conf,
		})
	}
}

// hasInnerCapital reports a capital after the first letter ("iPhone", "eBay").
func hasInnerCapital(w string) bool {
	_, n := utf8.DecodeRuneInString(w)
	for _, r := range w[n:] {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// lastWordOfLine reports whether token i is the last word of its line
// (closing punctuation aside).
func lastWordOfLine(s *shape, i int) bool {
	for j := i + 1; s.sameLine(i, j); j++ {
		if s.toks[j].Kind != tokPunct {
			return false
		}
	}
	return true
}
