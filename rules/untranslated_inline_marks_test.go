package rules

import (
	"reflect"
	"slices"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// TestInlineMarks checks that the untranslated.inline family, which reads
// only the marked words of a sentence (capitalised, English, foreign),
// reports what it reports when every word is marked, on the test articles
// and the real ones of ../shared, in French and German.
func TestInlineMarks(t *testing.T) {
	texts := []string{}
	for _, c := range inlineCases {
		texts = append(texts, c.text)
	}
	texts = append(texts, testArticles(t)...)
	rules := map[string]func(*audit.Pass){
		"inline": runUntranslatedInline, "body-name": runUntranslatedBodyName, "place-name": runUntranslatedPlaceName,
	}
	found := 0
	for _, lang := range []string{"fr", "de"} {
		for k, text := range texts {
			for name, run := range rules {
				audit1 := func(every bool) []audit.Diagnostic {
					doc, err := audit.NewDocument("t.txt", []byte(text))
					if err != nil {
						t.Fatal(err)
					}
					doc.Lang = lang
					var got []audit.Diagnostic
					p := audit.NewPass(doc, nil, func(d audit.Diagnostic) { got = append(got, d) })
					art := audit.ResultOf(p, inlineArticleAnalysis)
					if art != nil && !every {
						// The walk that marks the words counts them for mostlyEnglish too;
						// its marks, kept when markNames changes no class, are those of
						// the words' final classes.
						for s := 0; s < art.sentences(); s++ {
							if art.mostlyEnglish(s) != inlineMostlyEnglish(art.sentence(s)) {
								t.Fatalf("%s text %d sentence %d: mostly English %v", lang, k, s, art.mostlyEnglish(s))
							}
							want, _, _ := inlineMarkSentence(doc.Text, art.sentence(s), nil)
							if got := art.marks(s); !slices.Equal(got, want) {
								t.Fatalf("%s text %d sentence %d: marks %v, want %v", lang, k, s, got, want)
							}
						}
					}
					if art != nil && every {
						art.marked, art.markBounds = nil, nil
						for s := 0; s < art.sentences(); s++ {
							art.markBounds = append(art.markBounds, int32(len(art.marked)))
							for i := range art.sentence(s) {
								art.marked = append(art.marked, int32(i))
							}
						}
						art.markBounds = append(art.markBounds, int32(len(art.marked)))
					}
					run(p)
					return got
				}
				got, want := audit1(false), audit1(true)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s %s text %d: %v, want %v", lang, name, k, got, want)
				}
				found += len(want)
			}
		}
	}
	t.Logf("%d findings", found)
}
