package rules

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/mtaudit/mtaudit/audit"
)

// FuzzShapeRules runs the shape rules on arbitrary text: no panic, every
// span in bounds and on rune boundaries, every fix valid (see runShape).
func FuzzShapeRules(f *testing.F) {
	for _, r := range shapeRules(f) {
		for _, e := range r.Examples {
			f.Add(e.Text)
		}
	}
	for _, name := range []string{"shape-clean.txtar", "grammar.link-capital.txtar", "garbled.orphan.txtar"} {
		if data, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			for _, file := range txtar.Parse(data).Files {
				f.Add(string(file.Data))
			}
		}
	}
	for _, s := range []string{
		"..", " .", ". .", "a ..", "\n\n..\n\n", "L’", "l'", "qui", "qui L’", "2021 Le", "] Sur", ")",
		"A\u00a0 ..", "\ufeffLE TITRE EN CAPITALES ICI\n\nx\n\nUNE LIGNE EN CAPITALES ICI\n\ny",
		"x. x. x.", "M. m. m", "Mardi.", "a\r\nb. c\r\n", "« qui Le »", "[", "]]", "-- a --",
		"\u202f.\u202f..", "é́. é́", "Ⅻ. ⅻ", "İ. i̇",
	} {
		f.Add(s)
	}
	rules := shapeRules(f)
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := audit.NewDocument("fuzz", []byte(text))
		if err != nil {
			return // not article text: the reader reports it
		}
		doc.Lang = "fr"
		runShape(t, rules, doc)
	})
}
