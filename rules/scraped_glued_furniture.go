package rules

import (
	"sort"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	register(&audit.Rule{
		ID:       "scraped.glued-furniture",
		Category: audit.Scraped,
		Severity: audit.Major,
		Title:    "Page furniture glued to the end of a sentence",
		Doc: `Flags a read-more, share or media label that follows a sentence on the
same line instead of standing on its own: *… au printemps. LIRE AUSSI :
Les syndicats …*, *… les élus. Partager: Facebook Twitter*, *… am
Dienstag. Mehr zum Thema: …*, *… el martes. Te puede interesar: …*.
Scrapers that lose the page's line breaks join the link to the paragraph
before it; the line-start rules (scraped.read-more, scraped.share-buttons)
then miss it.

It looks at every sentence that starts in the middle of a line, and flags
it from the label to the end of the furniture when the sentence opens
with

- a label and a colon or a dash: a label phrase of the language's scraped
  pack (read-more, share and media labels), or up to five words of
  furniture vocabulary from the language profile (furniture labels, calls
  to action, interface nouns, the reader's pronouns; function words and as
  many other words allowed: *Te puede interesar*), or a label in
  capitals; and after it
- a headline (a capital, a number or a quote, three words at least) that
  runs to the end of the line without a final stop; or share targets only
  (*Facebook Twitter E-mail*); or nothing.

A pack label phrase, or a label in capitals, may also stand without a
colon before a headline (*… au printemps. LIRE AUSSI Les syndicats …*) or
alone at the end of the line (*… Lire la suite*), and its headline may end
with a stop: the finding then ends at that stop. A run of two share
targets or more ending the line is flagged without a label.

Where it fails: a label of ordinary words the profile does not list
(*Sur un autre sujet :*) before a headline ending in a stop; a headline
that runs on into the next paragraph's text with no stop between (the
finding then covers both, to the end of the line). A stylistic colon in
prose (*Le résultat : la ville paie*) is not a label: its words are no
furniture vocabulary and the sentence ends with a stop.

Every language whose profile fills furniture_labels, calls_to_action,
interface, reader_address and social_networks; the labels of English
furniture come from the English profile; pack phrases from
rules/packs/<lang>/scraped.yaml when the language has one.

**What to do**: delete the furniture (the fix removes it when it runs to
the end of the line).`,
		Examples: []audit.Example{
			{Lang: "fr", Trigger: true, Note: "a read-more label and headline after a sentence", Text: "Le conseil municipal a voté le budget mardi soir, après trois heures de débat au printemps. LIRE AUSSI : Les syndicats appellent à la grève dans les écoles\n"},
			{Lang: "fr", Trigger: true, Note: "a share bar after a sentence", Text: "Le texte a été adopté à l’unanimité par les élus. Partager : Facebook Twitter E-mail\n"},
			{Lang: "fr", Trigger: false, Note: "a colon in prose", Text: "Le conseil municipal a voté le budget mardi soir. Le résultat : la taxe foncière augmente de 3 %.\n"},
			{Lang: "de", Trigger: true, Note: "a read-more label glued to a sentence", Text: "Der Stadtrat hat den Haushalt am Dienstag beschlossen. Mehr zum Thema: Die Bahn erhöht im Winter die Preise\n"},
			{Lang: "de", Trigger: false, Note: "a colon in prose, a sentence that ends", Text: "Der Stadtrat hat den Haushalt am Dienstag beschlossen. Mehr noch: Die Gebühren steigen um drei Prozent.\n"},
			{Lang: "es", Trigger: true, Note: "a read-more label with a modal", Text: "El Ayuntamiento aprobó los presupuestos el martes. Te puede interesar: El Gobierno sube el salario mínimo\n"},
			{Lang: "es", Trigger: false, Note: "a colon in prose", Text: "El Ayuntamiento aprobó los presupuestos el martes. La razón: los ingresos crecieron un 5 %.\n"},
			{Lang: "it", Trigger: true, Note: "a read-more label glued to a sentence", Text: "Il consiglio comunale ha approvato il bilancio martedì. Leggi anche: Il governo alza le pensioni minime\n"},
			{Lang: "it", Trigger: false, Note: "a colon in prose", Text: "Il consiglio comunale ha approvato il bilancio martedì. Il motivo: le entrate sono cresciute del 5 per cento.\n"},
			{Lang: "pt", Trigger: true, Note: "a share bar glued to a sentence", Text: "A câmara aprovou o orçamento na terça-feira. Partilhe: Facebook Twitter WhatsApp\n"},
			{Lang: "pt", Trigger: false, Note: "networks named in prose", Text: "A câmara aprovou o orçamento na terça-feira. Facebook e Twitter foram usados na campanha.\n"},
		},
		Fixable: true,
		Origin:  "rules/scraped_glued_furniture.go",
		Run:     runGluedFurniture,
	})
}

// gluedMinHeadlineWords is the fewest words a glued headline has.
const gluedMinHeadlineWords = 3

func runGluedFurniture(pass *audit.Pass) {
	s := shapeOf(pass)
	if len(s.toks) == 0 {
		return
	}
	gluedFurniture(pass, s, furnitureTableOf(pass))
}

// gluedFurniture reports the glued furniture of s, whose furniture table
// is tb.
func gluedFurniture(pass *audit.Pass, s *shape, tb *furnitureTable) {
	doc := s.doc
	covered := 0 // the end of the last finding: a sentence inside it is part of it
	lines := lineCursor{doc: doc}
	for si := 1; si < len(doc.Sentences); si++ {
		sen := doc.Sentences[si]
		if sen.Start < covered {
			continue
		}
		li := lines.at(sen.Start)
		if li < 0 {
			continue
		}
		line := doc.Lines[li]
		if sen.Start <= line.Start {
			continue // the sentence opens its line: the line-start rules' case
		}
		a := firstTokenAt(s, sen.Start)
		end := len(s.toks)
		if li+1 < len(s.lineTok) {
			end = int(s.lineTok[li+1])
		}
		if a >= end || tb.insideQuotes(a) {
			continue
		}
		if stop, ok := tb.gluedEnd(a, end); ok && !isCreditRange(s, a, stop) {
			covered = reportGlued(pass, s, a, stop, end)
		}
	}
}

// lineCursor finds the lines of ascending offsets (doc.LineAt) in one
// walk over the lines: the first line ending after an offset never moves
// back.
type lineCursor struct {
	doc  *audit.Document
	next int // the first line that may end after the next offset
}

// at returns the index of the line containing off, or -1; off is at
// least the last offset asked.
func (c *lineCursor) at(off int) int {
	lines := c.doc.Lines
	for c.next < len(lines) && lines[c.next].End <= off {
		c.next++
	}
	if c.next == len(lines) || lines[c.next].Start > off {
		return -1
	}
	return c.next
}

// firstTokenAt returns the index of the first token starting at or after off.
func firstTokenAt(s *shape, off int) int {
	return sort.Search(len(s.toks), func(k int) bool { return int(s.toks[k].Start) >= off })
}

// gluedEnd returns the end (a token index, exclusive) of page furniture
// opening the tokens [a, end) of a line, after a sentence on the same line.
func (tb *furnitureTable) gluedEnd(a, end int) (int, bool) {
	s := tb.s
	w := a
	for w < end && isFurnitureArrow(s, &s.toks[w]) {
		w++
	}
	if w == end {
		return 0, false
	}
	if l, ok := tb.label(w, end); ok {
		tail := w + l.n + 1
		strong := l.pack || (l.caps && l.vocab)
		switch {
		case tail >= end:
			return end, l.vocab
		case tb.shareRun(tail, end) > 0:
			return end, true
		case isHeadlineStart(s, &s.toks[tail]) && hasWords(s, tail, end, gluedMinHeadlineWords):
			stop := firstStop(s, tail, end)
			if stop == end {
				return end, l.vocab || l.caps
			}
			return stop + 1, strong
		}
		return 0, false
	}
	if p := tb.fw.packLabels.match(s, w, end); p > 0 {
		tail := w + p
		caps := allCapsRun(s, w, tail)
		switch {
		case tail >= end:
			return end, p > 1 || caps
		case tb.shareRun(tail, end) > 0:
			return end, true
		case caps && isHeadlineStart(s, &s.toks[tail]) && s.toks[tail].Kind == tokWord && !s.toks[tail].is(tAllCaps) && hasWords(s, tail, end, gluedMinHeadlineWords):
			return firstStop(s, tail, end) + 1, true
		}
		return 0, false
	}
	if n := tb.shareRun(w, end); n >= 2 {
		return end, true
	}
	return 0, false
}

// shareRun returns how many share targets make up the tokens [a, end)
// with punctuation between them, or 0 when another word stands among them.
func (tb *furnitureTable) shareRun(a, end int) int {
	s := tb.s
	n := 0
	for k := a; k < end; k++ {
		t := &s.toks[k]
		if t.Kind == tokPunct {
			continue
		}
		m := tb.network(k, end)
		if m == 0 {
			return 0
		}
		n++
		k += m - 1
	}
	return n
}

// hasWords reports whether [a, end) holds at least n words, looking no
// further than the n-th.
func hasWords(s *shape, a, end, n int) bool {
	for k := a; k < end && n > 0; k++ {
		if s.toks[k].Kind != tokPunct {
			n--
		}
	}
	return n == 0
}

// firstStop returns the index of the first sentence-ending token in
// [a, end), or end when there is none (a final stop counts).
func firstStop(s *shape, a, end int) int {
	for k := a; k < end; k++ {
		if isStopTok(s, &s.toks[k]) {
			return k
		}
	}
	return end
}

// reportGlued flags the glued furniture from token a to token stop (exclusive)
// of a line whose tokens end at end, and returns the finding's end.
func reportGlued(pass *audit.Pass, s *shape, a, stop, end int) int {
	stop = min(stop, end)
	doc := s.doc
	start, fin := int(s.toks[a].Start), int(s.toks[stop-1].End)
	d := audit.Diagnostic{
		Start: start, End: fin,
		Message:    "Page furniture (a link label, a headline or share buttons) glued to the end of a sentence",
		Confidence: 0.8,
	}
	if stop == end {
		// Remove it with the blanks before it, up to the sentence it follows.
		from := start
		for from > 0 {
			r, n := utf8.DecodeLastRuneInString(doc.Text[:from])
			if r == '\n' || r == '\r' || !isBlank(r) {
				break
			}
			from -= n
		}
		d.Fixes = []audit.Fix{{Message: "Remove the glued furniture", Edits: []audit.Edit{{Start: from, End: fin}}}}
	}
	pass.Report(d)
	return fin
}
