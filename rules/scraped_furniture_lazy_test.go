package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// eagerFurnitureClasses classifies every token of s as buildFurnitureTable
// did before its classes were worked out on first use: the reference
// TestFurnitureLazyMatchesEager holds the lazy table to.
func eagerFurnitureClasses(s *shape, fw *furnitureWords) (cls []furnClass, callLen, netLen []uint8) {
	n := len(s.toks)
	tb := &furnitureTable{fw: fw, s: s, shareStarts: map[string]bool{}}
	cls, callLen, netLen = make([]furnClass, n), make([]uint8, n), make([]uint8, n)
	wt := s.wordsOf()
	words := make([]furnWordInfo, len(wt.words))
	for id, w := range wt.words {
		words[id] = fw.classify(w)
	}
	for li := range s.lineTok {
		from, to := int(s.lineTok[li]), n
		if li+1 < len(s.lineTok) {
			to = int(s.lineTok[li+1])
		}
		for i := from; i < to; i++ {
			t := &s.toks[i]
			if t.Kind != tokWord {
				continue
			}
			info := &words[wt.id[i]]
			w, c := info.w, info.c
			if len(fw.politeCased) > 0 && fw.politeCased[s.text(t)] {
				c |= fPolite
			}
			if info.call {
				c |= fCall
				callLen[i] = 1
			} else if w&wPhraseFirst != 0 {
				if k := fw.callPhrases.match(s, i, to); k > 0 {
					c |= fCall
					callLen[i] = uint8(min(k, 255))
				}
			}
			if k := tb.networkIn(i, to, info); k > 0 {
				c |= fNetwork
				netLen[i] = uint8(min(k, 255))
			}
			cls[i] = c
		}
	}
	return cls, callLen, netLen
}

// TestFurnitureLazyMatchesEager checks the classes the table works out on
// first use, and mayVocabulary's verdict, against every token classified
// beforehand, on the real articles and the seeds (when ../shared is there)
// and on furniture of several languages, the tokens read in an order that
// is not the text's.
func TestFurnitureLazyMatchesEager(t *testing.T) {
	texts, _ := readRealArticles(t)
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "seeds", "*"))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			texts = append(texts, string(b))
		}
	}
	extra := []string{
		"Le texte a été adopté. Partager : Facebook Twitter E-mail\nAbonnez-vous à notre newsletter\nÉcrivez-nous ! Partagez-le sur Facebook. ENVOYER par e-mail\nCopier le lien\n",
		"Der Stadtrat hat beschlossen. Mehr zum Thema: Die Bahn erhöht die Preise\nFolgen Sie uns auf Facebook\nJetzt abonnieren\nTeilen Sie diesen Artikel\n",
		"El Ayuntamiento aprobó los presupuestos. Te puede interesar: El Gobierno sube el salario\nSíguenos en Twitter\nCompártelo en WhatsApp\n",
		"Il consiglio ha approvato il bilancio. Leggi anche: Il governo alza le pensioni\nIscriviti alla newsletter\nCondividi su Facebook\n",
		"► Lire aussi\n» Voir la vidéo\nCommentaires (12)\nSport | Football\nÀ lire — Les syndicats\n• Imprimer\n",
	}
	langs := map[string]bool{}
	accentedNone := 0
	check := func(lang, text string) {
		s := shapeFor(t, lang, text)
		fw := furnitureOf(s)
		cls, callLen, netLen := eagerFurnitureClasses(s, fw)
		tb := buildFurnitureTable(s, fw)
		defer tb.release()
		// mayBeFurniture on every line, against the classes it read before,
		// on a table of its own.
		lt := buildFurnitureTable(s, fw)
		defer lt.release()
		for li := range s.lineTok {
			a, b := int(s.lineTok[li]), len(s.toks)
			if li+1 < len(s.lineTok) {
				b = int(s.lineTok[li+1])
			}
			want := false
			for k := a; k < b; k++ {
				t := &s.toks[k]
				want = want || cls[k]&fMayMask != 0 ||
					t.Kind == tokPunct && (isFurnitureArrow(s, t) || isLabelSeparator(s, t) || s.text(t) == "(")
			}
			if got := lt.mayBeFurniture(a, b); got != want {
				t.Fatalf("%s: line %d %q: mayBeFurniture %v", lang, li, s.doc.Text[s.doc.Lines[li].Start:s.doc.Lines[li].End], got)
			}
		}
		// has, as the checks ask it, on a table of its own: a class of the
		// vocabulary first (told without classifying), then any.
		ht := buildFurnitureTable(s, fw)
		defer ht.release()
		for _, f := range []furnClass{fAddress | fPolite, fIface, fGluedPronoun, fNetwork | fCall, fFunction, fLabel | fFunction, fGluedPublisher} {
			for k := range s.toks {
				if got, want := ht.has(k, f), cls[k]&f != 0; got != want {
					t.Fatalf("%s: token %d %q: has(%b) %v, classes %b", lang, k, s.text(&s.toks[k]), f, got, cls[k])
				}
			}
		}
		// mayVocabulary, back to front: its memos must not depend on the
		// order the tokens are read in.
		for k := len(s.toks) - 1; k >= 0; k-- {
			if s.toks[k].Kind != tokWord {
				continue
			}
			if got, want := tb.mayVocabulary(k), cls[k]&fMayMask != 0; got != want {
				t.Fatalf("%s: token %d %q: mayVocabulary %v, classes %b", lang, k, s.text(&s.toks[k]), got, cls[k])
			}
		}
		// knownNone, the memos filled: it says none only of a token with
		// none, and says it of the accented words written as their fold.
		for k := range s.toks {
			if s.toks[k].Kind != tokWord || !tb.knownNone(k) {
				continue
			}
			if cls[k]&fMayMask != 0 {
				t.Fatalf("%s: token %d %q: knownNone, classes %b", lang, k, s.text(&s.toks[k]), cls[k])
			}
			if !isASCII(s.text(&s.toks[k])) {
				accentedNone++
			}
		}
		for k := range s.toks {
			if got := tb.class(k) &^ fKnown; got != cls[k] {
				t.Fatalf("%s: token %d %q: class %b, want %b", lang, k, s.text(&s.toks[k]), got, cls[k])
			}
			if got := tb.call(k, len(s.toks)); got != int(callLen[k]) {
				t.Fatalf("%s: token %d %q: call %d, want %d", lang, k, s.text(&s.toks[k]), got, callLen[k])
			}
			if got := tb.network(k, len(s.toks)); got != int(netLen[k]) {
				t.Fatalf("%s: token %d %q: network %d, want %d", lang, k, s.text(&s.toks[k]), got, netLen[k])
			}
			if cls[k]&fMayMask != 0 {
				langs[lang] = true
			}
		}
	}
	for _, text := range texts {
		check("fr", text)
	}
	for _, lang := range []string{"fr", "de", "es", "it", "pt"} {
		for _, text := range extra {
			check(lang, text)
		}
	}
	if len(langs) < 4 || accentedNone == 0 {
		t.Fatalf("vocabulary found in %d languages only, %d accented words known to be none: the test tests little", len(langs), accentedNone)
	}
}

// TestLineCursor checks lineCursor against Document.LineAt on every
// offset of texts with blank lines, trailing blanks and CRLF ends, and
// on the sentence starts of the real articles.
func TestLineCursor(t *testing.T) {
	texts := []string{
		"\n\nx\n", "Un.\n\nDeux trois.  \n  Quatre.\r\nCinq", "a\nb\n\n\nc d. E f.\n",
	}
	for _, text := range texts {
		doc, err := audit.NewDocument("t", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		c := lineCursor{doc: doc}
		for off := 0; off <= len(text); off++ {
			if got, want := c.at(off), doc.LineAt(off); got != want {
				t.Fatalf("%q: at(%d) = %d, want %d", text, off, got, want)
			}
		}
	}
	real, _ := readRealArticles(t)
	for _, text := range real {
		doc, err := audit.NewDocument("t", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		c := lineCursor{doc: doc}
		for _, sen := range doc.Sentences {
			if got, want := c.at(sen.Start), doc.LineAt(sen.Start); got != want {
				t.Fatalf("sentence at %d: at = %d, want %d", sen.Start, got, want)
			}
		}
	}
}

// TestLineFurnitureFilter checks that mayBeLineFurniture lets through every
// line of one sentence whose score has the vocabulary of a prompt (the
// lines web-prompt may report), and mayBeFurniture every such sentence of
// a line of several, on the real articles, the seeds and lines of
// furniture in several languages.
func TestLineFurnitureFilter(t *testing.T) {
	texts, _ := readRealArticles(t)
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "seeds", "*"))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			texts = append(texts, string(b))
		}
	}
	furniture := "Titre\n\n► Lire aussi\n\n» Voir la vidéo\n\nCommentaires (12)\n\n(12)\n\n12 (3)\n\nÀ LIRE : Les syndicats appellent à la grève\n\n" +
		"Sur le même sujet : La réforme des retraites\n\nPartager : Facebook Twitter\n\nAbonnez-vous à notre newsletter\n\nFacebook Twitter E-mail\n\n" +
		"Laisser un commentaire\n\n→ Retrouvez toute l’actualité\n\nLire la suite\n\nCet article vous a plu ? Partagez-le\n\n" +
		"Le texte a été adopté mardi. Abonnez-vous à notre newsletter. Le vote a eu lieu à main levée.\n\n" +
		"Le maire a démissionné. Rejoignez-nous sur Facebook ! À LIRE : Les syndicats appellent à la grève.\n\n" +
		"Les débats ont duré (trois heures). Commentaires (12). Partager : Facebook Twitter. Le reste suit.\n\n" +
		"Le vote a eu lieu à main levée. (12)\n\nLe maire a démissionné. Sur le même sujet : La réforme des retraites\n"
	checked, sentences := 0, 0
	check := func(lang, text string) {
		s := shapeFor(t, lang, text)
		if len(s.toks) == 0 || len(s.blocks) < 2 {
			return
		}
		tb := buildFurnitureTable(s, furnitureOf(s))
		defer tb.release()
		doc := s.doc
		for li := range doc.Lines {
			toks := s.lineTokens(li)
			if len(toks) == 0 {
				continue
			}
			first := int(s.lineTok[li])
			end := first + len(toks)
			line := doc.Lines[li]
			si := sentenceAtOrAfter(doc, line.Start)
			if si < len(doc.Sentences) && doc.Sentences[si].End < line.End {
				// Several sentences: mayBeFurniture's, on each.
				for ; si < len(doc.Sentences) && doc.Sentences[si].Start < line.End; si++ {
					sen := doc.Sentences[si].Span
					a, b := tokenRange(s, max(sen.Start, line.Start), min(sen.End, line.End))
					if _, vocab := tb.score(a, b, promptMaxSentenceWords, false); vocab {
						sentences++
						if !tb.mayBeFurniture(a, b) {
							t.Fatalf("%s: sentence %q has a prompt's vocabulary, turned away", lang, doc.Text[sen.Start:sen.End])
						}
					}
				}
				continue
			}
			if _, vocab := tb.score(first, end, promptMaxLineWords, true); vocab {
				checked++
				if !tb.mayBeLineFurniture(first, end) {
					t.Fatalf("%s: line %q has a prompt's vocabulary, turned away", lang, doc.Text[line.Start:line.End])
				}
			}
		}
	}
	for _, text := range texts {
		check("fr", text)
	}
	for _, lang := range []string{"fr", "de", "es", "it", "pt"} {
		check(lang, furniture)
	}
	if checked < 20 || sentences < 20 {
		t.Fatalf("%d lines and %d sentences with a prompt's vocabulary: the test tests little", checked, sentences)
	}
}

// TestSentenceCursor checks the cursor web-prompt walks the lines with
// against sentenceAtOrAfter's search, at every line start and a few
// offsets between, on the real articles and texts whose lines split
// sentences.
func TestSentenceCursor(t *testing.T) {
	texts, _ := readRealArticles(t)
	texts = append(texts, "Un. Deux trois\nquatre. Cinq\n\nSix sept. Huit", "Titre\n\n\n", "Une phrase sans fin")
	checked := 0
	for _, text := range texts {
		doc, err := audit.NewDocument("t.txt", []byte(text))
		if err != nil {
			continue // an empty article
		}
		var c sentenceCursor
		for _, line := range doc.Lines {
			for _, off := range []int{line.Start, line.Start + 1, (line.Start + line.End) / 2, line.End} {
				if got, want := c.atOrAfter(doc, off), sentenceAtOrAfter(doc, off); got != want {
					t.Fatalf("%q at %d: %d, want %d", text, off, got, want)
				}
				checked++
			}
		}
	}
	if checked < 100 {
		t.Fatalf("%d offsets checked", checked)
	}
}

// labelAloneRef is labelAlone without its count of the line's words: the
// reference TestLabelAloneCount holds it to.
func labelAloneRef(s *shape, fw *furnitureWords, li int) bool {
	toks := s.lineTokens(li)
	base := int(s.lineTok[li])
	i := 0
	for i < len(toks) && toks[i].Kind == tokPunct {
		i++
	}
	if i == len(toks) {
		return false
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

// TestLabelAloneCount checks that labelAlone, which turns lines of many
// words away before looking a label up, answers as the plain look-up on
// every line of the real articles and of label lines in five languages.
func TestLabelAloneCount(t *testing.T) {
	texts, _ := readRealArticles(t)
	labels := "Titre\n\nÀ LIRE AUSSI\n\n► Lire aussi :\n\nSur le même sujet\n\nSur le même sujet : la suite\n\nLire aussi ces articles\n\nMehr zum Thema\n\nLEIA TAMBÉM\n\nLee también\n\nLeggi anche\n\n» À lire également «\n"
	found := 0
	check := func(lang, text string) {
		s := shapeFor(t, lang, text)
		fw := furnitureOf(s)
		if fw.packLabels == nil {
			return
		}
		for li := range s.doc.Lines {
			got, want := labelAlone(s, fw, li), labelAloneRef(s, fw, li)
			if got != want {
				t.Fatalf("%s: line %q: labelAlone %v, want %v", lang, s.doc.Text[s.doc.Lines[li].Start:s.doc.Lines[li].End], got, want)
			}
			if want {
				found++
			}
		}
	}
	for _, text := range texts {
		check("fr", text)
	}
	for _, lang := range []string{"fr", "de", "es", "it", "pt"} {
		check(lang, labels)
	}
	if found < 5 {
		t.Fatalf("%d label lines: the test tests little", found)
	}
}
