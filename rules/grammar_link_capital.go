package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

func init() {
	register(&audit.Rule{
		ID:       "grammar.link-capital",
		Category: audit.Grammar,
		Severity: audit.Minor,
		Title:    "Capitalised function word in mid-sentence (left by link text)",
		Doc: `Flags a capitalised function word — determiner, pronoun,
preposition, conjunction, reflexive, or a day or month name — that follows a
lower-case word in mid-sentence: *considéré comme Un tournant*, *qui
estimé Des mesures*, *a précisé Lundi,*, *pour autant L’essentiel*. Machine
translation keeps the capital of a hyperlink's text when the link stood in the
middle of a sentence. French, Spanish or Italian write days and months in
lower case (a language that capitalises its nouns, German, does not: there
days and months are left alone).

A capitalised verb is flagged the same way when its ending is one names do
not have (infinitives in *-iser*, *-ifier*, *-uire*, *-ettre*, *-endre*, *-enir*,
*-rtir* …, and their future and conditional: *-isera*, *-uirait*) and it
stands where a verb is expected: an infinitive after *à*, *de*, *pour*, *sans*,
*par* or a modal (*doit Garantir les*), a future after the subject (*le
bureau Vérifiera les comptes*), with a lower-case word after it and no other
capitalised use of the word in mid-sentence.

After a closing bracket of an inserted gloss (*[…] Dans les écoles*,
*[…] Porte-parole*) a capitalised common noun is flagged too: a word the
article writes in lower case elsewhere, or a hyphenated common noun.

Days and months are left alone in an article that capitalises them as a
house style: twice or more in mid-sentence and never in lower case (human
translators from English do; link text leaves one capital among lower-case
dates).

In a language that capitalises its nouns (German) a capitalised article
before its noun after a lower-case preposition or conjunction is flagged
too (*von Die Erwartungen*, *dass Die Ersatzteile*); the profile's
article_names lists the nouns of titles that open with an article (*wie
Der Spiegel berichtet*).

Not flagged: the polite forms of address the profile lists as
reader_address (German *wenn Sie Ihre Daten*), a single capital letter (a
label: *el grupo A*, *la vitamina E*, *A&E*), names that begin with a function word (a capitalised article
followed by a capitalised word: *Le Monde*, *La Haye*, *Les Républicains*),
titles after a word that introduces them (*le film Un homme pressé*), words
after a colon, an opening quote or a sentence start, *Mardi gras*. *L’* and
*D’* before a capitalised word are flagged with low confidence, except for a
short list of names (*L’Oréal*, *L’Express*, *L’Équipe*).

Every language: function words, days, months, title introducers, name
particles and the verb endings come from the language profile (a
language whose profile lists no function words gets no finding).

**What to do**: write the word in lower case, and check the sentence around
it: link text often hides a lost word (*qui a revendiqué que des*).`,
		Examples: []audit.Example{
			{Text: "Le ministère a publié un plan de rénovation des écoles.\n\nLes élus considèrent cette réforme comme Une étape décisive pour les communes rurales.\n", Trigger: true, Note: "a capitalised article after a lower-case word"},
			{Text: "Le syndicat a répondu aux critiques.\n\nLa direction a rencontré les représentants du personnel Jeudi, selon un communiqué.\n", Trigger: true, Note: "a day name keeps a capital in mid-sentence"},
			{Text: "La commission a examiné le rapport.\n\nLes experts ont évoqué la place de L’Europe face aux nouvelles puissances.\n", Trigger: true, Note: "L’ before a capitalised word that is not a known name"},
			{Text: "Les négociations reprennent.\n\nLe texte prévoit un cadre commun [joint framework] Sur les échanges agricoles entre les deux pays.\n", Trigger: true, Note: "after an inserted English gloss"},
			{Text: "La région a voté son budget.\n\nLes élus se sont engagés à Maintenir les tarifs, et un cabinet extérieur Vérifiera les comptes chaque année.\n", Trigger: true, Note: "capitalised verbs: an infinitive after à, a future after its subject"},
			{Text: "Le chimiste a rejoint le groupe Bayer en 2019.\n\nIl a été reçu par Guillaume Kaiser, avant de partir pour Bangalore le lendemain.\n", Trigger: false, Note: "names after a preposition, even with a verb-like ending"},
			{Text: "Le quotidien Le Monde a révélé l’affaire.\n\nLa délégation s’est rendue à La Haye avant de rencontrer des élus Les Républicains.\n", Trigger: false, Note: "names that begin with an article"},
			{Text: "La ministre a présenté le film Un homme pressé au festival.\n\nElle a répondu : « Nous verrons bien. » Les discussions reprendront mardi.\n", Trigger: false, Note: "a title after its introducer, a sentence start after a colon or a stop"},
			{Lang: "de", Text: "Die Stadtwerke erhöhen die Preise.\n\nBitte prüfen Sie, ob Ihre neue Adresse stimmt und ob Ihr bisheriger Vertrag gilt, wie Sie es gewohnt sind.\n", Trigger: false, Note: "the polite address takes a capital in German"},
			{Lang: "de", Text: "Die Stadtwerke erhöhen die Preise.\n\nDer Vorstand erwartet, dass Sich die Lage im Herbst bessert.\n", Trigger: true, Note: "a capitalised pronoun after a conjunction"},
			{Lang: "es", Text: "El torneo empieza el sábado.\n\nLos clubes consideran la reforma como Una etapa decisiva.\n", Trigger: true, Note: "a capitalised article after a lower-case word"},
			{Lang: "it", Text: "La regione ha votato il bilancio.\n\nUn ente esterno Organizzerà le verifiche e il comitato Semplificherà le procedure ogni anno.\n", Trigger: true, Note: "capitalised futures of -are verbs after their subject"},
			{Lang: "it", Text: "Il torneo comincia sabato.\n\nI club considerano la riforma come Una tappa decisiva.\n", Trigger: true, Note: "a capitalised article after a lower-case word"},
			{Lang: "es", Text: "El torneo empieza el sábado.\n\nEl equipo juega en el grupo A con Italia y toma vitamina E y vitamina D cada día, informa la cadena A&E.\n", Trigger: false, Note: "a single capital letter is a label"},
			{Lang: "pt", Text: "A greve continua.\n\nOs sindicatos reuniram-se com A direção da empresa na segunda-feira.\n", Trigger: true, Note: "a one-letter article before its noun is link text"},
			{Lang: "pt", Text: "A greve continua.\n\nO clube joga no grupo B com a Itália e os médicos recomendam vitamina D no inverno.\n", Trigger: false, Note: "a single capital letter before a function word is a label"},
			{Lang: "it", Text: "Il torneo comincia sabato.\n\nLa squadra gioca nel girone E con la Francia e assume vitamina E ogni giorno.\n", Trigger: false, Note: "a single capital letter is a label"},
			{Text: "Le groupe L’Oréal a publié ses résultats.\n\nLes ventes de la marque ont progressé au deuxième trimestre, selon L’Express.\n", Trigger: false, Note: "names with an elided article"},
		},
		Origin: "rules/grammar_link_capital.go",
		Run:    runLinkCapital,
	})
}

func runLinkCapital(pass *audit.Pass) {
	s := shapeOf(pass)
	f := linkCapitalFiltersOf(s.lex)
	var calendar []audit.Diagnostic // capitalised days and months
	// The capitalised words, listed once for the rules that read them.
	for _, ci := range capitalisedWordsOf(pass) {
		i := int(ci)
		t := &s.toks[i]
		p := s.prev(i)
		if p == nil {
			continue
		}
		// The kind of the word before first: the gap is read only then.
		switch {
		case p.Kind == tokWord && p.is(tLowerInitial):
			if !linkAdjacent(s, p, t) {
				continue
			}
			if d, ok := linkCapitalAfterWord(s, i, f); ok {
				if lw := s.low(t); s.lex.days[lw] || s.lex.months[lw] {
					calendar = append(calendar, d)
					continue
				}
				pass.Report(d)
			}
		case p.Kind == tokPunct && (s.text(p) == "]" || s.text(p) == ")"):
			if !linkAdjacent(s, p, t) {
				continue
			}
			if d, ok := linkCapitalAfterBracket(s, i); ok {
				pass.Report(d)
			}
		}
	}
	if !s.calendarHouseStyle(len(calendar)) {
		for _, d := range calendar {
			pass.Report(d)
		}
	}
}

// linkCapitalFilters are the filters of the word sets link-capital looks
// every capitalised word after a lower-case one up in, and the verb
// endings it tries on them.
type linkCapitalFilters struct {
	lowerFunction, days, months *wordFilter
	verbs                       *linkVerbEndings
}

type linkCapitalFiltersKey struct{ source *profile.Profile }

// linkCapitalFiltersOf returns lx's filters, built once per pair of languages.
func linkCapitalFiltersOf(lx *lexicon) *linkCapitalFilters {
	return lx.target.Derived(linkCapitalFiltersKey{lx.source}, func(*profile.Profile) any {
		return &linkCapitalFilters{
			lowerFunction: setFilter(lx, "lowerFunction", lx.lowerFunction),
			days:          setFilter(lx, "days", lx.days),
			months:        setFilter(lx, "months", lx.months),
			verbs:         linkVerbEndingsOf(lx),
		}
	}).(*linkCapitalFilters)
}

// linkAdjacent is s.adjacent(a, b) of two tokens, the usual gaps (none,
// one space) seen without trimming.
func linkAdjacent(s *shape, a, b *token) bool {
	if a != nil && b != nil {
		if gap := s.doc.Text[a.End:b.Start]; gap == "" || gap == " " {
			return true
		}
	}
	return s.adjacent(a, b)
}

func linkCapitalAfterWord(s *shape, i int, f *linkCapitalFilters) (audit.Diagnostic, bool) {
	lx := s.lex
	t, p, n := &s.toks[i], &s.toks[i-1], s.next(i)
	lw := s.low(t)
	// Days and months are written in lower case, unless every noun takes a capital.
	isDay := !lx.nounsCapitalised && f.days.has(lx.days, lw)
	isMonth := !lx.nounsCapitalised && f.months.has(lx.months, lw)
	// Two fused sentences are garbled.fused-sentence's; that is asked
	// only of a word that would be flagged (most are names).
	if !f.lowerFunction.has(lx.lowerFunction, lw) && !isDay && !isMonth {
		if linkCapitalVerb(s, i, f.verbs) && !fusedAfterWord(s, i) && !s.insideQuotes(i) && !(s.standaloneLine(t.line()) && titleCase(s, s.lineTokens(t.line()))) {
			return audit.Diagnostic{
				Start: int(p.Start), End: int(t.End),
				Message:    "Capitalised verb “" + s.text(t) + "” in mid-sentence: probably left by link text",
				Suggestion: joinLowerFirst(s.text(p), s.text(t)), Confidence: 0.7,
			}, true
		}
		return audit.Diagnostic{}, false
	}
	if fusedAfterWord(s, i) {
		return audit.Diagnostic{}, false // two fused sentences: garbled.fused-sentence
	}
	pl, pt := s.low(p), s.text(p)
	if lx.titleIntroducers[pl] || lx.capitalisedPhrases[pl+" "+lw] {
		return audit.Diagnostic{}, false // "le film Un homme pressé", "à la Une"
	}
	if lx.readerAddress[lw] || s.labelLetter(i) {
		return audit.Diagnostic{}, false // "wenn Sie Ihre Daten", "el grupo A", "la vitamina E"
	}
	if s.standaloneLine(t.line()) && titleCase(s, s.lineTokens(t.line())) {
		return audit.Diagnostic{}, false // a Title Case headline: scraped.headline's
	}
	if p.is(tLowerInitial) && lx.subjectRelatives[pt] {
		if _, _, ok := quiQue(s, i-1); ok {
			return audit.Diagnostic{}, false // grammar.qui-que reports it
		}
	}
	// Inside a capitalised name: "Journal du Dimanche", "Parti de La Gauche".
	if lx.nameParticles[pl] {
		if pp := s.prev(i - 1); pp != nil && pp.Kind == tokWord && pp.is(tUpperInitial) {
			return audit.Diagnostic{}, false
		}
	}
	// The word right after, when it touches.
	if n != nil && !linkAdjacent(s, t, n) {
		n = nil
	}
	nextCap := n != nil && n.Kind == tokWord && n.is(tCapitalised)
	nextAcronym := n != nil && n.Kind == tokWord && n.is(tAllCaps)
	var nl string
	if n != nil {
		nl = s.low(n)
	}
	end := int(t.End)
	conf := 0.85
	calendarMsg := false // the message is built once the word is flagged
	switch {
	case isDay || isMonth:
		if n != nil && n.Kind == tokWord && (lx.dayFeasts[nl] || (lx.complementPrepositions[nl] && !strings.HasSuffix(nl, "’") && s.next(i+1) != nil && s.next(i+1).is(tUpperInitial))) {
			return audit.Diagnostic{}, false
		}
		if isMonth && (n == nil || n.Kind != tokNum) && !lx.monthLeads[pl] {
			return audit.Diagnostic{}, false // "sur Mars", "la révolution d’Octobre"
		}
		if isMonth && lx.ambiguousMonths[lw] && (n == nil || n.Kind != tokNum || utf8.RuneCountInString(s.text(n)) != 4) {
			return audit.Diagnostic{}, false // the planet, "Mai 68"
		}
		if nextCap {
			return audit.Diagnostic{}, false
		}
		conf = 0.75
		calendarMsg = true
	case s.elidedDeterminer(t):
		if n == nil || n.Kind != tokWord {
			return audit.Diagnostic{}, false
		}
		end = int(n.End)
		if incise(s, i-1) {
			return audit.Diagnostic{}, false // "…, écrit L’Écho", "…, relève L’INSEE"
		}
		switch {
		case nextAcronym:
			conf = 0.8
		case nextCap:
			if lx.articleNames[nl] {
				return audit.Diagnostic{}, false
			}
			conf = 0.55
		default:
			conf = 0.85
		}
	default:
		if nextCap && articleBeforeNoun(s, pl, lw, nl) {
			// German capitalises nouns: "von Die Erwartungen" is an
			// article and its noun, not a name, after a lower-case
			// preposition or conjunction.
			conf = 0.75
			end = int(n.End)
			break
		}
		if nextCap {
			return audit.Diagnostic{}, false // a name: "Le Monde", "La Haye"
		}
		if nextAcronym {
			conf = 0.6
		}
		if n != nil && n.Kind == tokWord && !nextCap && !nextAcronym {
			end = int(n.End)
		}
	}
	var msg string
	if calendarMsg {
		msg = "Day or month name capitalised in mid-sentence: " + s.lex.target.Name + " writes it in lower case"
	} else {
		msg = "Capitalised “" + s.text(t) + "” in mid-sentence: probably left by link text"
	}
	return audit.Diagnostic{
		Start: int(p.Start), End: end, Message: msg,
		Suggestion: joinLowerFirst(pt, s.doc.Text[t.Start:end]),
		Confidence: conf,
	}, true
}

// calendarHouseStyle reports an article that writes its days and months
// with a capital as a house style: n capitalised in mid-sentence where
// link text would be flagged, n at least two, and none in lower case
// (human translators from English do so; link text leaves one capital
// among lower-case dates).
func (s *shape) calendarHouseStyle(n int) bool {
	if n < 2 {
		return false
	}
	lx := s.lex
	for _, set := range []profile.Set{lx.days, lx.months} {
		for w := range set {
			if s.isLowerWord(w) {
				return false
			}
		}
	}
	return true
}

// articleBeforeNoun reports, in a language that capitalises its nouns, a
// capitalised article after a lower-case preposition or conjunction and
// before a noun that opens no name the profile lists as article_names
// ("dass Die Ersatzteile", not "wie Der Spiegel").
func articleBeforeNoun(s *shape, pl, lw, nl string) bool {
	lx := s.lex
	return lx.nounsCapitalised && lx.articles[lw] && (lx.prepositions[pl] || lx.lowerFunction[pl]) && !lx.determiners[pl] && !lx.articleNames[nl]
}

// labelLetter reports a single capital letter of the Latin alphabet used
// as a label (el grupo A de, la vitamina E ogni, A&E, la generación Y.):
// what follows it is no lower-case content word. A one-letter article
// followed by its noun (que O governo, com A direção) is link text.
func (s *shape) labelLetter(i int) bool {
	w := s.text(&s.toks[i])
	if len(w) != 1 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	n := s.next(i)
	if n == nil || n.Kind != tokWord || !s.adjacent(&s.toks[i], n) || !n.is(tLowerInitial) {
		return true
	}
	nl := s.low(n)
	return s.lex.lowerFunction[nl] || s.lex.auxiliaries[nl]
}

// elidedDeterminer reports an elided determiner ("L’", "d’").
func (s *shape) elidedDeterminer(t *token) bool {
	l := s.low(t)
	return strings.HasSuffix(l, "’") && s.lex.determiners[l]
}

// incise reports whether the word at index i is a verb of an inverted
// incise: after a comma or a closing quote ("…, écrit le journal").
func incise(s *shape, i int) bool {
	p := s.prev(i)
	if p == nil || p.Kind != tokPunct {
		return false
	}
	pt := s.text(p)
	return pt == "," || pt == "»" || pt == "\"" || pt == "”" || isQuoteMark(pt, s.lex.targetCloseQuotes)
}

func linkCapitalAfterBracket(s *shape, i int) (audit.Diagnostic, bool) {
	lx := s.lex
	t, br := &s.toks[i], &s.toks[i-1]
	open := "["
	if s.text(br) == ")" {
		open = "("
	}
	// Find the matching opener on this line.
	j := i - 2
	for ; j >= 0 && s.sameLine(j, i); j-- {
		if s.toks[j].Kind == tokPunct && s.text(&s.toks[j]) == open {
			break
		}
	}
	if j < 0 || !s.sameLine(j, i) || j == i-2 {
		return audit.Diagnostic{}, false
	}
	inner := s.doc.Text[s.toks[j].End:br.Start]
	if strings.Trim(inner, ".…!? 0123456789") == "" {
		return audit.Diagnostic{}, false // "[…]", "[3]", "(!)"
	}
	// A bracket that opens a line or follows a stop ends a sentence.
	if s.sentenceStart(j) {
		return audit.Diagnostic{}, false
	}
	n := s.next(i)
	if n != nil && s.adjacent(t, n) && n.Kind == tokWord && (n.is(tCapitalised) || n.is(tAllCaps)) {
		return audit.Diagnostic{}, false // a name of several words
	}
	lw := s.low(t)
	if lx.readerAddress[lw] || s.labelLetter(i) {
		return audit.Diagnostic{}, false
	}
	conf := 0.0
	switch {
	case lx.lowerFunction[lw] && !s.elidedDeterminer(t):
		conf = 0.85
	case !lx.nounsCapitalised && (lx.days[lw] || (lx.months[lw] && !lx.ambiguousMonths[lw])):
		conf = 0.75
	case s.hyphenatedCommonNoun(s.text(t)):
		conf = 0.7
	case s.isLowerWord(lw) && s.capitalisedMid(lw) <= 1:
		conf = 0.65
	}
	if conf == 0 {
		return audit.Diagnostic{}, false
	}
	if s.text(br) == ")" {
		conf -= 0.1
	}
	return audit.Diagnostic{
		Start: int(t.Start), End: int(t.End),
		Message:    "Capitalised “" + s.text(t) + "” after an inserted bracket: probably left by link text",
		Suggestion: lowerFirst(s.text(t)), Confidence: conf,
	}, true
}

// hyphenatedCommonNoun reports whether w is capitalised only at its start
// and ends in a lower-case part that is not a name particle ("Porte-parole",
// not "Saint-Denis" or "Aix-en-Provence").
func (s *shape) hyphenatedCommonNoun(w string) bool {
	parts := strings.Split(w, "-")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts[1:] {
		if p == "" || !isLowerInitial(p) {
			return false
		}
	}
	last := parts[len(parts)-1]
	return !s.lex.nameParticles[last] && utf8.RuneCountInString(last) > 2
}

// lowerFirst lower-cases the first letter of s.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return strings.ToLower(string(r)) + s[n:]
}

// joinLowerFirst is prefix + " " + lowerFirst(s), built in one
// allocation (strings.ToLower of one rune is unicode.ToLower's).
func joinLowerFirst(prefix, s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return prefix + " " + s
	}
	var b strings.Builder
	b.Grow(len(prefix) + 1 + utf8.UTFMax + len(s) - n)
	b.WriteString(prefix)
	b.WriteByte(' ')
	b.WriteRune(unicode.ToLower(r))
	b.WriteString(s[n:])
	return b.String()
}
