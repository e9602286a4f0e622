package rules

import (
	"strings"
	"unicode/utf8"
)

// The features scraped.web-prompt scores a line or a sentence on.

// promptUnit is a line or a sentence the web-prompt check scores: the
// tokens [w0, b) after leading arrows and bullets.
type promptUnit struct {
	w0, b  int
	words  int
	lastK  int  // the last token before closing marks
	noStop bool // no final stop, colon or comma
	ask    bool // ends with a question mark
	arrow  bool // an arrow before it
	line   bool // a line of its own, not a sentence of a longer line
}

// score scores the tokens [a, b) of one line as a reader prompt and
// reports whether the unit has the vocabulary of one (not only its shape).
func (tb *furnitureTable) score(a, b, maxWords int, line bool) (int, bool) {
	u, ok := tb.newPromptUnit(a, b, maxWords)
	if !ok {
		return 0, false
	}
	u.line = line
	score, vocab := 0, false
	add := func(points int, isVocab bool) {
		score += points
		vocab = vocab || isVocab
	}
	if u.arrow {
		add(1, false)
		if u.noStop {
			add(1, true)
		}
	}
	tb.scoreLabel(&u, add)
	tb.scoreCalls(&u, add)
	tb.scoreWords(&u, add)
	if u.words <= 6 && tb.counter(u.w0, u.b) {
		add(2, true)
	}
	if u.line && u.noStop && tb.buttonPhrase(u.w0, u.b) {
		add(1, true)
	}
	if vocab && u.noStop && u.words <= 8 {
		score++
	}
	return score, vocab
}

// newPromptUnit reads the unit [a, b); ok is false for a quotation, an
// empty unit or one of more than maxWords words.
func (tb *furnitureTable) newPromptUnit(a, b, maxWords int) (promptUnit, bool) {
	s := tb.s
	u := promptUnit{w0: a, b: b}
	if a >= b || tooManyWords(s, a, b, maxWords) || tb.insideQuotes(a) {
		return u, false // the cheapest test first: most sentences are long
	}
	for k := a; k < b; k++ {
		t := &s.toks[k]
		if isQuoteTok(s, t) {
			return u, false // a quotation: speech addresses its listener
		}
		if t.Kind != tokPunct {
			u.words++
		}
	}
	if u.words == 0 || u.words > maxWords {
		return u, false
	}
	for u.w0 < b && s.toks[u.w0].Kind == tokPunct {
		u.arrow = u.arrow || isFurnitureArrow(s, &s.toks[u.w0])
		u.w0++
	}
	u.lastK = b - 1
	for u.lastK > u.w0 && isClosingMark(s, &s.toks[u.lastK]) {
		u.lastK--
	}
	last := &s.toks[u.lastK]
	lt := s.text(last)
	u.noStop = !(last.Kind == tokPunct && (isStop(lt) || lt == ":" || lt == ";" || lt == ","))
	u.ask = last.Kind == tokPunct && lt == "?"
	return u, true
}

// tooManyWords reports whether [a, b) holds more than limit words and
// numbers, looking no further than the first past limit.
func tooManyWords(s *shape, a, b, limit int) bool {
	if b-a <= limit {
		return false // no more tokens than that
	}
	n := 0
	for k := a; k < b; k++ {
		if s.toks[k].Kind != tokPunct {
			if n++; n > limit {
				return true
			}
		}
	}
	return false
}

// scoreLabel scores a label and a colon before a headline ("À LIRE : Le
// gouvernement …") and, on a line of its own, a short line made of
// furniture vocabulary ("Articles liés", "Zur Startseite", "Ver comentarios").
func (tb *furnitureTable) scoreLabel(u *promptUnit, add func(int, bool)) {
	s := tb.s
	if l, ok := tb.label(u.w0, u.b); ok {
		tail := u.w0 + l.n + 1
		if tail < u.b && isHeadlineStart(s, &s.toks[tail]) && wordsIn(s, tail, u.b) >= 2 && !isCreditRange(s, u.w0, u.b) {
			points := 2
			if u.noStop || l.caps {
				points++
			}
			add(points, l.vocab)
		}
		return
	}
	if !u.line || !u.noStop || u.words > promptLabelLineWords {
		return
	}
	vocab, furniture, other := 0, 0, 0
	for k := u.w0; k < u.b; k++ {
		if s.toks[k].Kind != tokWord {
			continue
		}
		switch {
		case tb.has(k, fLabel|fCall|fIface|fNetwork):
			vocab++
			furniture++
		case tb.has(k, fAddress|fPublisher|fPolite):
			vocab++
		case tb.has(k, fFunction):
		default:
			other++
		}
	}
	if furniture > 0 && (vocab >= 2 && vocab >= other || other == 0) {
		add(2, true)
	}
}

// scoreCalls scores calls to action: one opening the unit (a listed call,
// an imperative by its ending, a verb with the reader's pronoun glued to
// it), one elsewhere in a short unit, a button's infinitive ending it.
func (tb *furnitureTable) scoreCalls(u *promptUnit, add func(int, bool)) {
	s, fw, w0 := tb.s, tb.fw, u.w0
	switch t := &s.toks[w0]; {
	case tb.call(w0, u.b) > 0:
		// A capitalised noun may be a call's homograph where every noun
		// takes a capital ("Folgen für die Umwelt"): the polite pronoun
		// after it, or nothing, makes it a call.
		if fw.politeImperative && t.is(tCapitalised) && w0+1 < u.b && s.toks[w0+1].Kind == tokWord && !tb.has(w0+1, fPolite) {
			add(1, true)
		} else {
			add(2, true)
		}
	case tb.has(w0, fGluedPublisher):
		add(2, true) // the site speaking: "Rejoignez-nous"
	case tb.has(w0, fGluedPronoun) || fw.imperative(s, w0, u.b):
		// Any imperative: a recipe's or a quotation's too ("Formez des
		// galettes"), so the vocabulary must come from other words.
		add(2, false)
	}
	if u.words > 12 {
		return
	}
	for k := w0 + 1; k < u.b; k++ {
		if tb.call(k, u.b) == 0 {
			continue
		}
		// A call followed by the polite pronoun ("Dann folgen Sie uns") is
		// an imperative where it stands, unless the unit asks a question.
		if k+1 < u.b && tb.has(k+1, fPolite) && !u.ask {
			add(2, true)
		} else {
			add(1, true)
		}
		// A button's infinitive ends it: "Newsletter abonnieren".
		if u.noStop && u.words <= 6 && u.lastK > w0 && tb.call(u.lastK, u.b) > 0 {
			add(1, true)
		}
		return
	}
}

// scoreWords scores the words of the unit: the reader addressed, the
// site speaking of itself, interface nouns, share targets.
func (tb *furnitureTable) scoreWords(u *promptUnit, add func(int, bool)) {
	s := tb.s
	var address, publisher, publisherIface, iface bool
	networks, others := 0, 0
	for k := u.w0; k < u.b; k++ {
		if s.toks[k].Kind != tokWord {
			continue
		}
		if tb.has(k, fAddress) || (k > u.w0 && tb.has(k, fPolite)) {
			address = true
		}
		if tb.has(k, fIface) {
			iface = true
		}
		if tb.has(k, fPublisher) {
			publisher = true
			for j := k + 1; j < min(u.b, k+3); j++ {
				if tb.has(j, fIface) {
					publisherIface = true
				}
			}
		}
		if n := tb.network(k, u.b); n > 0 {
			networks++
			k += n - 1
		} else {
			others++
		}
	}
	if address {
		add(1, false)
	}
	switch {
	case publisherIface:
		add(2, true) // "notre newsletter"
	case publisher && tb.opensWithCall(u):
		add(1, false) // "Accédez à tous nos contenus"
	}
	if iface {
		add(1, true)
	}
	if networks > 0 {
		add(1, true)
		if networks >= 2 && others == 0 {
			add(2, true) // a share bar
		}
	}
}

// opensWithCall reports whether the unit opens with a call to action or
// an imperative.
func (tb *furnitureTable) opensWithCall(u *promptUnit) bool {
	return tb.call(u.w0, u.b) > 0 || tb.has(u.w0, fGluedPronoun) || tb.fw.imperative(tb.s, u.w0, u.b)
}

// buttonPhrase reports a button's verb phrase: three words, a verb, an
// article or determiner and an interface noun ("Laisser un commentaire",
// "Dejar un comentario", "Lasciare un commento"). A noun heading takes a
// preposition before the article ("Scandale de l’application").
func (tb *furnitureTable) buttonPhrase(a, b int) bool {
	s := tb.s
	var w []int
	for k := a; k < b; k++ {
		if s.toks[k].Kind != tokPunct {
			w = append(w, k)
			if len(w) > 3 {
				return false
			}
		}
	}
	lx := s.lex
	return len(w) == 3 && s.toks[w[0]].Kind == tokWord && !tb.has(w[0], fFunction|fIface) &&
		(lx.articles[s.low(&s.toks[w[1]])] || lx.determiners[s.low(&s.toks[w[1]])]) && tb.has(w[2], fIface)
}

// isCreditRange reports whether the tokens [a, b) hold a photo or agency
// credit ("Photo : Getty Images"): a caption's credit is no furniture.
func isCreditRange(s *shape, a, b int) bool {
	return s.lex.isCredit(s.doc.Text[s.toks[a].Start:s.toks[b-1].End])
}

// wordsIn counts the word and number tokens of [a, b).
func wordsIn(s *shape, a, b int) int {
	n := 0
	for k := a; k < b; k++ {
		if s.toks[k].Kind != tokPunct {
			n++
		}
	}
	return n
}

// imperative reports an imperative opening the unit at token i: a word
// with an imperative ending of the language followed by the start of its
// object ("Activez les notifications", "Iscrivetevi alla newsletter"), by
// a pronoun glued to it ("Partagez-le") or after a negation ("Ne manquez
// rien"). In a language whose polite pronoun is told by its capital, that
// pronoun must follow ("Unterstützen Sie").
func (fw *furnitureWords) imperative(s *shape, i, end int) bool {
	t := &s.toks[i]
	if len(fw.imperativeEndings) == 0 || t.Kind != tokWord || !(t.is(tCapitalised) || t.is(tAllCaps)) {
		return false
	}
	negated := false
	if fw.negation[s.low(t)] && i+1 < end && s.toks[i+1].Kind == tokWord {
		negated = true
		i++
		t = &s.toks[i]
	}
	stem := s.low(t)
	glued := false
	if h := strings.LastIndexByte(stem, '-'); h > 0 {
		stem, glued = stem[:h], true
	}
	if fw.function[stem] || !fw.hasImperativeEnding(stem) {
		return false
	}
	if i+1 >= end || s.toks[i+1].Kind != tokWord {
		return (negated || glued) && !fw.politeImperative
	}
	next := &s.toks[i+1]
	if fw.politeImperative {
		return fw.politeCased[s.text(next)]
	}
	return negated || glued || fw.objects[s.low(next)] || fw.politeCased[s.text(next)]
}

func (fw *furnitureWords) hasImperativeEnding(w string) bool {
	for _, e := range fw.imperativeEndings {
		if len(w) > len(e)+2 && strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// furnitureLabel is a label before a colon or a dash: "À LIRE :", "Mehr
// zum Thema:", "Te puede interesar:".
type furnitureLabel struct {
	n     int  // tokens before the separator
	caps  bool // every word in capitals
	vocab bool // a label phrase of the pack, or furniture vocabulary outweighing other words
	pack  bool // a label phrase of the language's pack
}

// label reads a label opening [w0, b): up to five words before a colon or
// a dash. Its words are furniture labels, calls to action, interface
// nouns or the reader's pronouns (vocabulary), function words, and at most
// as many other words as vocabulary ones ("Te puede interesar"); or it is
// in capitals; or it is a label phrase of the language's pack ("sur le
// même sujet :"). ok is false when there is no separator within five words.
func (tb *furnitureTable) label(w0, b int) (l furnitureLabel, ok bool) {
	s := tb.s
	if p := tb.fw.packLabels.match(s, w0, b); p > 0 {
		// A pack phrase that ends with its colon ("à lire :") or is followed by one.
		if sep := w0 + p; sep < b && isLabelSeparator(s, &s.toks[sep]) {
			return furnitureLabel{n: p, caps: allCapsRun(s, w0, sep), vocab: true, pack: true}, true
		}
		if p > 1 && isLabelSeparator(s, &s.toks[w0+p-1]) {
			return furnitureLabel{n: p - 1, caps: allCapsRun(s, w0, w0+p-1), vocab: true, pack: true}, true
		}
	}
	vocab, other := 0, 0
	for k := w0; k < b && k <= w0+5; k++ {
		t := &s.toks[k]
		if t.Kind == tokPunct {
			if k == w0 || !isLabelSeparator(s, t) {
				return furnitureLabel{}, false
			}
			l := furnitureLabel{n: k - w0, caps: allCapsRun(s, w0, k), vocab: vocab > 0 && vocab >= other}
			return l, l.vocab || l.caps
		}
		if t.Kind != tokWord {
			return furnitureLabel{}, false
		}
		switch {
		case tb.has(k, fLabel|fCall|fIface|fAddress|fPublisher|fNetwork|fPolite):
			vocab++
		case tb.has(k, fFunction):
		default:
			other++
		}
	}
	return furnitureLabel{}, false
}

// allCapsRun reports whether the words of [a, b) are in capitals (a
// one-letter capital counts: "À").
func allCapsRun(s *shape, a, b int) bool {
	n := 0
	for k := a; k < b; k++ {
		t := &s.toks[k]
		if t.Kind != tokWord {
			continue
		}
		if !t.is(tAllCaps) && !(t.is(tUpperInitial) && t.is(tCapitalised) && utf8.RuneCountInString(s.text(t)) == 1) {
			return false
		}
		n++
	}
	return n > 0
}

// counter reports a count of comments or shares: "(12)", "(3 Kommentare)",
// "12 comentarios", "Commentaires (12)" ([a, b) is a short unit).
func (tb *furnitureTable) counter(a, b int) bool {
	s := tb.s
	var num, iface, open, other bool
	for k := a; k < b; k++ {
		t := &s.toks[k]
		switch {
		case t.Kind == tokNum:
			if strings.IndexFunc(s.text(t), func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
				return false // a date, a decimal, an ordinal
			}
			num = true
		case t.Kind == tokWord && tb.has(k, fIface):
			iface = true
		case t.Kind == tokPunct && s.text(t) == "(":
			open = true
		case t.Kind == tokPunct && s.text(t) == ")":
		default:
			other = true
		}
	}
	return num && !other && (iface || open)
}
