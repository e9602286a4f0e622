package rules

import (
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// TestNameFormsBuiltTogether checks nameFormScratch.build, which builds
// the forms of a document's spellings in two strings, against newNameForm
// one spelling at a time.
func TestNameFormsBuiltTogether(t *testing.T) {
	spellings := []string{"Hallberg", "Halberg", "Choukourov", "Shukurov", "Zhukovsky", "Schukowski",
		"Khachaturov", "Chatschaturow", "Étienne", "États", "Etats", "Ærøskøbing", "Straße", "Łódź",
		"Gribanoff", "Gribanov", "Omikron", "Omicron", "Jean-Marie", "Lé", "A", "",
		"Tsvetkov", "Zwetkow", "Hrytsenko", "Gritsenko", "Navalnyi", "Navalny", "Guillaume", "Gueorgui",
		"Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaf"}
	for _, text := range crossArticleRun(40, 11) {
		doc, err := audit.NewDocument("a.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		for s := range nameOccurrences(shapeOf(audit.NewPass(doc, nil, func(audit.Diagnostic) {}))) {
			spellings = append(spellings, s)
		}
	}
	t.Logf("%d spellings", len(spellings))
	forms := make([]nameForm, len(spellings))
	sc := new(nameFormScratch)
	for round := range 2 { // the second reuses the scratch
		sc.build(forms, spellings)
		for i, s := range spellings {
			if want := newNameForm(s); forms[i] != want {
				t.Fatalf("round %d: %q: built %+v, want %+v", round, s, forms[i], want)
			}
		}
	}
}
