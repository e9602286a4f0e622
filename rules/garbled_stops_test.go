package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// TestStopTokens checks the stop tokens, the capitalised words and the
// numbers against walks over every token.
func TestStopTokens(t *testing.T) {
	texts := []string{
		"Titre\n\nIl est parti. Elle reste! Pourquoi? Le P.D.G. a dit 12.5 et 3,5... fin.",
		"U.S. citizens. a.m. p.ex. ex. ! ? !? ... « Oui. » (Non.) https://a.b/c?d=e.",
		"...\n.\n!\n?\nvisite. visite. Vous? vous!",
	}
	for _, r := range goRules {
		for _, ex := range r.Examples {
			texts = append(texts, ex.Text)
		}
	}
	// One table for every text, as the pool reuses them.
	var tm tokenMarks
	for _, text := range texts {
		doc, err := audit.NewDocument("t.txt", []byte(text))
		if err != nil {
			continue // an empty text
		}
		p := audit.NewPass(doc, nil, func(audit.Diagnostic) {})
		s := shapeOf(p)
		var want, wantCaps, wantNums []int32
		for i := range s.toks {
			if tk := &s.toks[i]; tk.Kind == tokPunct && strings.Contains(stopMarks, s.text(tk)) && s.text(tk) != "" {
				want = append(want, int32(i))
			}
			if tk := &s.toks[i]; tk.Kind == tokWord && tk.is(tCapitalised) {
				wantCaps = append(wantCaps, int32(i))
			}
			if s.toks[i].Kind == tokNum {
				wantNums = append(wantNums, int32(i))
			}
		}
		tm.build(s)
		got, gotCaps := tm.stops, tm.caps
		if !slices.Equal(got, want) {
			t.Errorf("%q: stop tokens %v, want %v", text, got, want)
		}
		if !slices.Equal(gotCaps, wantCaps) {
			t.Errorf("%q: capitalised words %v, want %v", text, gotCaps, wantCaps)
		}
		if !slices.Equal(tm.nums, wantNums) {
			t.Errorf("%q: numbers %v, want %v", text, tm.nums, wantNums)
		}
	}
}
