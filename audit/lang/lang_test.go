package lang

import (
	"strings"
	"testing"
)

func TestCheapDecidesPlainProse(t *testing.T) {
	cases := map[string]string{
		"Le conseil municipal a adopté le budget et les élus ont voté pour la réforme des transports dans la ville.": "fr",
		"The council adopted the budget and the members voted for the reform of the transport network in the city.":  "en",
		"Der Stadtrat hat den Haushalt beschlossen und die Mitglieder haben für die Reform des Verkehrs gestimmt.":   "de",
	}
	for text, want := range cases {
		if got, ok := Cheap(text); !ok || got != want {
			t.Errorf("Cheap(%q) = %q, %v; want %q, true", text, got, ok, want)
		}
	}
	if _, ok := Cheap("Bonjour"); ok {
		t.Error("Cheap should not decide on one word")
	}
}

func TestLinguaOnShortSnippets(t *testing.T) {
	for text, want := range map[string]string{
		"border checks":            "en",
		"contrôles aux frontières": "fr",
		"The council voted today.": "en",
		"Le conseil a voté mardi.": "fr",
	} {
		if got := Lingua(text); got != want {
			t.Errorf("Lingua(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestDocumentDefaultsToFrench(t *testing.T) {
	if got := Document("12 34 56"); got != "fr" {
		t.Errorf("Document of digits = %q, want fr", got)
	}
	long := ""
	for i := 0; i < 400; i++ {
		long += "Le conseil a voté la réforme des retraites. "
	}
	if got := Document(long); got != "fr" {
		t.Errorf("Document of long French = %q", got)
	}
}

func TestDocumentStaysFrenchOnWeakEvidence(t *testing.T) {
	for _, text := range []string{
		"Le ministre a promis des [job guarantees].\n\nPartager: Facebook Twitter\n",
		"Apple Watch Series 9 : le test",
	} {
		if got := Document(text); got != "fr" {
			t.Errorf("Document(%q) = %q, want fr", text, got)
		}
	}
	english := "The council adopted the budget on Tuesday and the members voted for the reform of the transport network in the city, which will be built by 2027."
	if got := Document(english); got != "en" {
		t.Errorf("an English article: Document = %q, want en", got)
	}
}

// Scores must count exactly what Tokens splits, whatever the text.
func TestScoresMatchesTokens(t *testing.T) {
	for _, text := range []string{
		"", "Le Conseil d'État et LES élus", "l’armée—qui?? THE end.", "Übermäßig große Straßenbahnen und die Stadt",
		"anticonstitutionnellement-extraordinairementlongmotquidépasselatamponlimite et le", "ÉTÉ été Été", "x\u00a0y\u202fle",
	} {
		got, n := Scores(text)
		want := map[string]int{}
		toks := Tokens(text)
		for _, tok := range toks {
			for _, l := range wordLang[tok] {
				want[l]++
			}
		}
		if n != len(toks) || len(got) != len(want) {
			t.Errorf("Scores(%q) = %v, %d; Tokens gives %v, %d", text, got, n, want, len(toks))
			continue
		}
		for l, c := range want {
			if got[l] != c {
				t.Errorf("Scores(%q)[%s] = %d, want %d", text, l, got[l], c)
			}
		}
	}
}

func TestBetweenAndName(t *testing.T) {
	if got := Between("the minister said that it would", "de", "en"); got != "en" {
		t.Errorf("Between(English, de, en) = %q", got)
	}
	if got := Between("der Minister sagte, dass es", "de", "en"); got != "de" {
		t.Errorf("Between(German, de, en) = %q", got)
	}
	if got := Between("text", "xx", "en"); got != "" {
		t.Errorf("Between with an unsupported language = %q, want \"\"", got)
	}
	if Name("nl") != "Dutch" || Name("xx") != "xx" {
		t.Errorf("Name(nl) = %q, Name(xx) = %q", Name("nl"), Name("xx"))
	}
	if !Short("a few words") || Short(strings.Repeat("word ", 40)) {
		t.Error("Short misjudges")
	}
}
