package rules

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	wordlists "github.com/mtaudit/mtaudit/audit/lexicon"
)

// TestRecentClassify checks classify, which takes the class of a word in
// lower case from its slot in the facts cache's table, and most of a
// hyphenated word's from its entry (hyphenClass), against the
// classification it replaces (classifyRef, which reads the entries), on
// the test articles and the real ones of ../shared, in three languages,
// twice over so that the slots are both cold and warm.
func TestRecentClassify(t *testing.T) {
	texts := append([]string{
		"Le club a gagné la President’s Cup. Les children’s books de Twitter se vendent sur sa page facebook.",
		"Die Firma Blue Origin hat das Department of Homeland Security beauftragt. Reeves sagte, Reeves kommt.",
		"Un week-end de cybersecurity et d'underinvesting: la newsletter, les cookies, l'opinion des diners.",
	}, testArticles(t)...)
	for _, lang := range []string{"fr", "de", "es"} {
		var lx *inlineLexicons
		words, ref := 0, 0
		for round := range 2 {
			for k, text := range texts {
				doc, err := audit.NewDocument("t.txt", []byte(text))
				if err != nil {
					t.Fatal(err)
				}
				doc.Lang = lang
				p := audit.NewPass(doc, nil, func(audit.Diagnostic) {})
				if lx == nil {
					lx = inlineLexiconsFor(p, lang)
				}
				// Some words accepted, to take the accept path.
				lx.accepted = func(w string) bool { return len(w)%3 == 0 }
				for _, s := range doc.Sentences {
					got := inlineScanAppend(nil, nil, doc.Text, s.Start, s.End)
					want := append([]inlineWord(nil), got...)
					lx.classify(doc.Text, got)
					lx.classifyRef(doc.Text, want)
					for i := range got {
						if got[i] != want[i] {
							t.Fatalf("%s round %d text %d: word %q: %+v, want %+v", lang, round, k, got[i].text(), got[i], want[i])
						}
					}
					words += len(got)
				}
				ref++
			}
		}
		lx.releaseFacts()
		t.Logf("%s: %d words in %d texts", lang, words, ref)
	}
}

// TestRecentOfKeys checks that the facts cache's table, which tells
// a word of up to inlineTagBytes bytes by its tag, hands back the entry of
// the word asked for: words alike in their first bytes, their length or
// their last bytes, and every word of the test articles.
func TestRecentOfKeys(t *testing.T) {
	doc, err := audit.NewDocument("t.txt", []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	lx := inlineLexiconsFor(audit.NewPass(doc, nil, func(audit.Diagnostic) {}), "fr")
	defer lx.releaseFacts()
	var words []string
	for _, base := range []string{"a", "ab", "abc", "abcd", "abcdef", "abcdefg", "abcdefgh", "abcdefghi", "été", "Été"} {
		words = append(words, base, base+"s", strings.ToUpper(base), "x"+base, base+base)
	}
	words = append(words, "", strings.Repeat("a", 255), strings.Repeat("a", 256), strings.Repeat("a", 300),
		strings.Repeat("a", 256)+"b", strings.Repeat("a", 300)+"b", "abcdefgXabcd", "abcdefgYabcd",
		// Alike in their first 7 bytes (the tag) or 11 (the slot's more).
		"abcdefghij", "abcdefghiX", "abcdefghijk", "abcdefghijX", "abcdefghijkl", "abcdefgXijkl",
		"abcdefghijXl", "abcdefghijkX", "abcdefghijklm", "abcdefghijkXm", "abcdefghijklX")
	for _, text := range testArticles(t) {
		for _, w := range txAppendWords(nil, text, 0, len(text)) {
			words = append(words, w.in(text))
		}
	}
	for round := range 2 {
		for _, w := range words {
			if got := lx.spelled(w).key; got != w {
				t.Fatalf("round %d: spelled(%q) is the entry of %q", round, w, got)
			}
		}
	}
}

// TestAppendClassified checks appendClassified, which appends and
// classifies most words in one walk, against inlineAppendRuns then
// classify, and appendMarked's marks against inlineMarkSentence's, on
// the test articles and the real ones of ../shared, in three languages,
// twice over (the slots cold, then warm), sentence by sentence after a
// word already in the buffer.
func TestAppendClassified(t *testing.T) {
	texts := append([]string{
		"Un week-end de cybersecurity et d'underinvesting: la newsletter, les cookies. Le e-mail - et l'anti-Trump.",
		"Le club a gagné la President’s Cup. Les children’s books de Twitter se vendent sur sa page facebook.",
		// Gaps of one byte that open a clause, or not, and of one rune.
		"Il a dit:Hello et \"cool\"Stuff fini,Weekend;Sale. Le«Truc»Deal et l'ami—Paris–Berlin.",
	}, testArticles(t)...)
	for _, lang := range []string{"fr", "de", "es"} {
		var lx *inlineLexicons
		for round := range 2 {
			for k, text := range texts {
				doc, err := audit.NewDocument("t.txt", []byte(text))
				if err != nil {
					t.Fatal(err)
				}
				doc.Lang = lang
				if lx == nil {
					lx = inlineLexiconsFor(audit.NewPass(doc, nil, func(audit.Diagnostic) {}), lang)
				}
				lx.accepted = func(w string) bool { return len(w)%3 == 0 }
				var scratch []txWord
				for _, s := range doc.Sentences {
					raw := txAppendWords(scratch[:0], doc.Text, s.Start, s.End)
					scratch = raw
					prefix := []inlineWord{{Start: 1, End: 2, class: inlineName}}
					want := inlineAppendRuns(slices.Clone(prefix), doc.Text, s.Start, raw)
					lx.classify(doc.Text, want[1:])
					got := lx.appendClassified(slices.Clone(prefix), doc.Text, s.Start, raw)
					if !slices.Equal(got, want) {
						for i := range got {
							if i < len(want) && got[i] != want[i] {
								t.Fatalf("%s round %d text %d: word %d %q: %+v, want %+v", lang, round, k, i, want[i].in(doc.Text), got[i], want[i])
							}
						}
						t.Fatalf("%s round %d text %d: %d words, want %d", lang, round, k, len(got), len(want))
					}
					// appendMarked marks them as inlineMarkSentence does.
					prevMarks := []int32{7}
					_, marks, n, seen := lx.appendMarked(slices.Clone(prefix), slices.Clone(prevMarks), doc.Text, s.Start, raw)
					wantMarks, wantN, wantSeen := inlineMarkSentence(doc.Text, want[1:], slices.Clone(prevMarks))
					if !slices.Equal(marks, wantMarks) || n != wantN || seen != wantSeen {
						t.Fatalf("%s round %d text %d: marks %v %d %b, want %v %d %b", lang, round, k, marks, n, seen, wantMarks, wantN, wantSeen)
					}
				}
			}
		}
		lx.releaseFacts()
	}
}

// TestFactsCacheTable checks the cache's open-addressed table across its
// growth: every word, asked for as a fold (facts) or as a spelling
// (spelled) in either order, keeps one entry, found again after the table
// has doubled many times, with its fold and spelling set once read as a
// spelling; and a reset cache starts empty.
func TestFactsCacheTable(t *testing.T) {
	doc, err := audit.NewDocument("t.txt", []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	lx := inlineLexiconsFor(audit.NewPass(doc, nil, func(audit.Diagnostic) {}), "fr")
	defer lx.releaseFacts()
	lx.cache().reset() // (the pool's cache may hold the other tests' words)
	// Words alike in their first seven bytes, their length and their
	// last four (one tag, one hash), and plain ones, far past the first
	// table's size.
	var words []string
	for i := range 3 * minInlineSlots {
		words = append(words, fmt.Sprintf("w%d", i), fmt.Sprintf("abcdefg%dwxyz", i), fmt.Sprintf("Mot%d", i))
	}
	facts := map[string]*inlineFacts{}
	for i, w := range words {
		var f *inlineFacts
		if i%2 == 0 {
			f = lx.facts(w)
		} else {
			f = lx.spelled(w)
		}
		if f.key != w {
			t.Fatalf("entry of %q has key %q", w, f.key)
		}
		facts[w] = f
	}
	c := lx.factCache
	if len(c.slots) < 2*c.n {
		t.Fatalf("%d entries in %d slots: more than half full", c.n, len(c.slots))
	}
	for _, w := range words {
		s := lx.spelled(w)
		if s != facts[w] {
			t.Fatalf("spelled(%q) is a new entry after growth", w)
		}
		if fold := wordlists.Fold(w); s.folded == nil || s.folded.key != fold {
			t.Fatalf("spelled(%q): fold not set to %q", w, fold)
		}
		if lx.facts(w) != s {
			t.Fatalf("facts(%q) and spelled(%q) differ", w, w)
		}
	}
	if c.n != len(words)+len(words)/3 { // (each "Mot…" adds its fold "mot…")
		t.Fatalf("%d entries, want %d", c.n, len(words)+len(words)/3)
	}
	// probe, find's look-up with the hash written out, finds every word
	// where find does, and no word the table lacks.
	probeWords := append([]string{"", "a", "ab", "abc", "abcd", "abcdefg", "abcdefgh", "abcdefghi", "été", "Été"}, words...)
	for _, w := range probeWords {
		if want := c.find(w); want.s == nil {
			if c.probe(w) != nil {
				t.Fatalf("probe(%q) found a word the table lacks", w)
			}
			lx.spelled(w)
		}
		if got, want := c.probe(w), c.find(w); got != want {
			t.Fatalf("probe(%q) = %p, find's slot %p", w, got, want)
		}
	}
	c.reset()
	if c.n != 0 || lx.facts("w1").known != 0 || c.n != 1 {
		t.Fatalf("reset cache: %d entries", c.n)
	}
}

// TestNextMarkByte checks nextMarkByte against the byte-by-byte scan it
// replaces, from every offset of texts with and without marks.
func TestNextMarkByte(t *testing.T) {
	texts := []string{"", "a", "abcdefgh", "abcdefghijklmnopq(", "« guillemets » et “anglais” (parenthèse) [crochet] \"droit\" ‹ › „x“ fin",
		strings.Repeat("x", 17) + "»" + strings.Repeat("y", 9) + "\"", "l’été à 10 h"}
	texts = append(texts, testArticles(t)...)
	for _, text := range texts {
		for _, end := range []int{len(text), len(text) / 2} {
			for i := 0; i <= end; i++ {
				want := i
				for want < end && inlineMarkByte[text[want]] == 0 {
					want++
				}
				if got := nextMarkByte(text, i, end); got != want {
					t.Fatalf("nextMarkByte(%q, %d, %d) = %d, want %d", text[:min(len(text), 40)], i, end, got, want)
				}
			}
		}
	}
}

// classifyRef is classify as it was before the table of recent spellings
// held the classes of words in lower case: the reference of TestRecentClassify.
func (lx *inlineLexicons) classifyRef(text string, words []inlineWord) {
	for i := range words {
		w := &words[i]
		// One lookup of the word as written gives its fold and the facts
		// of the fold, which every test below reads.
		s := lx.spelled(text[w.Start:w.End])
		f := s.folded
		fold := f.key
		w.spell, w.lowerFold = s, s.spelling&spellingLowerFold != 0
		w.function = lx.functionF(f)
		if !w.capital && !w.hyphenIn && !w.hyphenOut {
			// Most words: the class of the spelling, worked out once.
			if s.lowClass == 0 {
				c, accept := lx.lowerClass(s, w.function)
				s.lowClass, s.lowAccept = uint8(c)+1, accept
			}
			w.class = inlineClass(s.lowClass - 1)
			if s.lowAccept && lx.accepted(text[w.Start:w.End]) {
				w.class = inlineShared
			}
			continue
		}
		if s.spelling&spellingAllCaps != 0 {
			w.class = inlineName // an acronym
			continue
		}
		if s.spelling&spellingCamel != 0 {
			w.class = inlineName // a brand: iPhone, eBay
			continue
		}
		// A capital in mid-sentence marks a name, except in languages that
		// capitalise nouns, where only a known English name is one.
		if w.capital && !w.initial && !w.function && !lx.nounCaps {
			w.class = inlineName
			continue
		}
		// A known English name, unless it starts the sentence as a word of
		// the language ("La", "Un").
		if w.capital && !w.function && lx.englishNameF(f) && (lx.nounCaps || !lx.targetF(f)) {
			w.class = inlineName
			continue
		}
		english := w.function || lx.englishWordF(f)
		// A long word in lower case that is no word of the language may be
		// an English compound or prefixed word the list lacks
		// ("cybersecurity", "underinvesting"). Not in languages that
		// compound nouns themselves ("Supercool").
		if !english && !w.capital && !lx.nounCaps && len(fold) >= minEnglishCompound && txASCII(fold) && !lx.targetF(f) {
			english = lx.englishCompound(f)
		}
		// An English name or brand written in lower case ("sa page
		// facebook") that is no common English word: a name still.
		if !w.capital && !w.function && !lx.englishListF(f) && lx.englishNameF(f) {
			w.class = inlineName
			continue
		}
		// A hyphenated compound the target language writes ("week-end")
		// makes each of its parts a target word.
		if c, ok := hyphenCompound(text, words, i); ok && lx.targetListF(lx.spelled(c).folded) {
			w.class = inlineTarget
			continue
		}
		switch {
		case english && lx.targetF(f):
			w.class = inlineShared
		case english && (lx.accepted(text[w.Start:w.End]) || lx.targetAccentedF(f)):
			// Accepted, or a word of the language with an accent dropped
			// ("opinion" for opinión, "diners" for dîners).
			w.class = inlineShared
		case english:
			w.class = inlineEnglish
		default:
			w.class = inlineTarget
			// A capitalised word is never taken for a pivot's: capitalised
			// words of one Romance language are names in another ("Londres").
			if len(lx.pivots) > 0 && !w.capital && utf8.RuneCountInString(text[w.Start:w.End]) >= minPivotRunes &&
				!lx.targetF(f) && lx.pivotLang(f) != "" && !lx.targetAccentedF(f) {
				w.class = inlineForeign // (its language is f.pivot: foreign)
			}
		}
	}
}

// TestInlineAppendRuns checks inlineAppendRuns against the word by word
// appends it replaces (inlineAppendRunsRef), on every sentence of the test
// articles and of texts of hyphens, marks and accents.
func TestInlineAppendRuns(t *testing.T) {
	texts := append([]string{
		"Jean-Marie dit: « Week-end » à l’Élysée—“Quoi”? ¿Qué? ¡Sí! (Le) – fin -x- ÉTAT--ouest",
		"a", "- - -", "Été d’Ōsaka, İstanbul",
	}, testArticles(t)...)
	var scratch []txWord
	for _, text := range texts {
		doc, err := audit.NewDocument("t.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		spans := []audit.Span{{Start: 0, End: len(doc.Text)}}
		for _, s := range doc.Sentences {
			spans = append(spans, s.Span)
		}
		for _, s := range spans {
			raw := txAppendWords(scratch[:0], doc.Text, s.Start, s.End)
			scratch = raw
			prefix := []inlineWord{{Start: 1, End: 2}}
			got := inlineAppendRuns(slices.Clone(prefix), doc.Text, s.Start, raw)
			want := inlineAppendRunsRef(slices.Clone(prefix), doc.Text, s.Start, raw)
			if !slices.Equal(got, want) {
				t.Fatalf("sentence %q: %+v, want %+v", doc.Text[s.Start:s.End], got, want)
			}
		}
	}
}

// inlineAppendRunsRef is inlineAppendRuns as it was, one append per run.
func inlineAppendRunsRef(out []inlineWord, text string, start int, raw []txWord) []inlineWord {
	first := len(out)
	for k, w := range raw {
		out = append(out, inlineWord{Start: w.Start, End: w.End})
		iw := &out[len(out)-1]
		word := text[w.Start:w.End]
		if c := word[0]; c < utf8.RuneSelf {
			iw.capital = 'A' <= c && c <= 'Z'
		} else {
			r, _ := utf8.DecodeRuneInString(word)
			iw.capital = unicode.IsUpper(r)
		}
		gap := text[start:w.Start]
		if k > 0 {
			gap = text[raw[k-1].End:w.Start]
			iw.hyphenIn = gap == "-"
			if iw.hyphenIn && len(out)-1 > first {
				out[len(out)-2].hyphenOut = true
			}
		}
		iw.initial = k == 0 || gap != " " && opensClause(gap)
	}
	return out
}
