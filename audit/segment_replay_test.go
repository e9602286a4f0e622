package audit

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit/profile"
)

// SegmentFor, which asks the new words only the questions the first split
// asked, gives the sentences of a split with those words from scratch, for
// every built-in profile, on texts whose stops the profiles answer apart
// (abbreviations of one language, ordinal days before a month) and on the
// seed articles where ../shared has them.
func TestSegmentForMatchesFreshSplit(t *testing.T) {
	texts := []string{
		"Hanno portato pane, vino ecc. Poi sono partiti. Il sig. Rossi è rimasto.",
		"Ils ont nagé dans la mer. Le soir, etc. Rien. Mme Durand et M. Dupont.",
		"Die Sitzung fand am 20. Dezember statt. Sie dauerte 2020. Mai kam später. Am 3. Mai. Dr. Müller bzw. Frau Z. kamen.",
		"El Sr. García llegó el 5. Enero. Sra. López, etc. Fin.\n\nOtra línea. Y otra.\r\nUna más.",
		"Mr. Smith went to Washington. U.S. officials said so. Gen. Lee. Jan. 5. St. Louis.",
		"",
		"...",
		"A. B. C. D. 1. 2. 3. avr. Janv. mars. Il. Elle.",
	}
	if paths, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "seeds", "*.txt")); len(paths) > 0 {
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil {
				texts = append(texts, string(b))
			}
		}
	}
	reg := profile.MustBuiltin()
	for _, text := range texts {
		for _, p := range reg.All() {
			doc, err := NewDocument("t", []byte(text))
			if err != nil {
				continue
			}
			doc.SegmentFor(p)
			fresh := &Document{Text: text}
			fresh.segmentWith(segmentWordsFor(p))
			if !slices.Equal(doc.Sentences, fresh.Sentences) || !slices.Equal(doc.stops, fresh.stops) {
				t.Errorf("%s, %.40q: SegmentFor gives %v, a fresh split %v", p.Lang, text, doc.Sentences, fresh.Sentences)
			}
			// And back to another language.
			q := reg.Lookup("fr")
			doc.SegmentFor(q)
			fresh = &Document{Text: text}
			fresh.segmentWith(segmentWordsFor(q))
			if !slices.Equal(doc.Sentences, fresh.Sentences) {
				t.Errorf("%s then fr, %.40q: SegmentFor gives %v, a fresh split %v", p.Lang, text, doc.Sentences, fresh.Sentences)
			}
		}
	}
}

// terminalLeads finds what a byte-by-byte search finds, from every start
// to every end, asked at every position in turn or at every third,
// whatever the bytes around.
func TestTerminalLeads(t *testing.T) {
	texts := []string{
		"", ".", "abcdefgh", "abcdefghi.", "abcdefg.", "Fin… et", "l’armée « oui »?", "a!b", strings.Repeat("x", 40) + "?" + strings.Repeat("y", 20),
		"\xe2\x80\x99\xe2\x80\xa6....!!??", "\x2d\x2f\x20\x3e\x40\x21\xe1\xe3\xc2",
	}
	for b := 0; b < 256; b++ {
		texts = append(texts, strings.Repeat("a", b%11)+string([]byte{byte(b)})+strings.Repeat("z", 9))
	}
	isLead := func(c byte) bool { return c == '.' || c == '!' || c == '?' || c == 0xE2 }
	for _, s := range texts {
		for from := 0; from <= len(s); from++ {
			for end := from; end <= len(s); end++ {
				for _, step := range []int{1, 3} {
					leads := terminalLeads{t: s, end: end, next: [4]int{-1, -1, -1, -1}}
					for i := from; i < end; i += step {
						want := i
						for want < end && !isLead(s[want]) {
							want++
						}
						if got := leads.from(i); got != want {
							t.Fatalf("%q [%d, %d), step %d: from(%d) = %d, want %d", s, from, end, step, i, got, want)
						}
					}
				}
			}
		}
	}
}

// SegmentFor gives a fresh split's sentences on any text, from one
// built-in profile to another.
func FuzzSegmentForMatchesFreshSplit(f *testing.F) {
	for _, s := range []string{"Mr. Smith went. Il sig. Rossi. 20. Dezember.", "A. B. 1. 2. etc. Mme X.\n\nY.", "Sr.\r\nSra. López, etc. Fin", "\xff. Dr.. ..."} {
		f.Add(s, uint8(0), uint8(1))
	}
	reg := profile.MustBuiltin()
	all := reg.All()
	f.Fuzz(func(t *testing.T, text string, from, to uint8) {
		doc, err := NewDocument("t", []byte(text))
		if err != nil {
			return
		}
		for _, p := range []*profile.Profile{all[int(from)%len(all)], all[int(to)%len(all)]} {
			doc.SegmentFor(p)
			fresh := &Document{Text: doc.Text}
			fresh.segmentWith(segmentWordsFor(p))
			if !slices.Equal(doc.Sentences, fresh.Sentences) {
				t.Fatalf("%s, %q: SegmentFor gives %v, a fresh split %v", p.Lang, text, doc.Sentences, fresh.Sentences)
			}
		}
	})
}
