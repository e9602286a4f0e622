package i18n

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mtaudit/mtaudit/audit/lang"
)

// testEnglish is a small English catalog for the tests' own catalogs.
const testEnglish = `lang: en
name: English
labels:
  verdict:
    pass: pass
  count:
    finding: {one: "{n} finding", other: "{n} findings"}
  position: "line {line}, column {column}"
`

// testCatalog loads en.yaml and xx.yaml (a test language) from memory.
func testCatalog(t *testing.T, xx string) *Catalog {
	t.Helper()
	r, err := Load(fstest.MapFS{
		"d/en.yaml": {Data: []byte(testEnglish)},
		"d/xx.yaml": {Data: []byte(xx)},
	}, "d")
	if err != nil {
		t.Fatal(err)
	}
	return r.Get("xx")
}

const testXX = `lang: xx
name: Test
decimal: ","
plural_one: [0, 1]
list_separator: " ; "
no_break_before: ":;%»"
no_break_after: "«"
labels:
  verdict:
    pass: ok
  count:
    finding: {one: "{n} signal", other: "{n} signaux"}
  position: "ligne {line} (col. {column})"
terms:
  English: {default: anglais, fem: anglaise}
  "straight apostrophe (')": "apostrophe droite (')"
messages:
  'Paragraph repeats the text at line {1:num}': 'Ce paragraphe reprend la ligne {1}'
  'Paragraph nearly repeats the text at line {1:num} ({2:num}% of the words)': 'Ce paragraphe reprend presque la ligne {1} ({2} % des mots)'
  '{1} word "{2}" left untranslated': 'Mot {1} « {2} » non traduit'
  '{1} phrase "{2}" left untranslated': 'Expression {1:fem} « {2} » non traduite'
  'Name spelled "{1}" here, but "{2}" elsewhere': 'Ailleurs « {2} », ici « {1} »'
  'No space before {1}, where the article puts {2} {3:num} times': 'Pas d’espace avant {1} : l’article met {2} {3} fois'
  '{1} in an article that uses the other one': '{1} dans un article qui emploie l’autre'
  'Double full stop: the end may be lost': 'Double point : la fin a pu disparaître'
  'x "{1}" translates "y"; in French it means z': 'x « {1} » traduit y ; en français, z'
  'the article is in {1}': 'L’article est en {1}'
`

func TestTemplateMatching(t *testing.T) {
	c := testCatalog(t, testXX)
	for _, tc := range []struct{ in, want string }{
		// A placeholder, a typed number.
		{"Paragraph repeats the text at line 12", "Ce paragraphe reprend la ligne 12"},
		// The most specific template wins ("nearly repeats" is not "repeats"
		// with a longer capture).
		{"Paragraph nearly repeats the text at line 3 (88% of the words)", "Ce paragraphe reprend presque la ligne 3 (88\u00a0% des mots)"},
		// Quotes and punctuation are literal; captures keep theirs.
		{`English word "it's: “odd”" left untranslated`, "Mot anglais «\u00a0it's: “odd”\u00a0» non traduit"},
		// A term in a form the translation asks for.
		{`English phrase "take place" left untranslated`, "Expression anglaise «\u00a0take place\u00a0» non traduite"},
		// A captured word that is no term stays as it is.
		{`Klingon word "qapla'" left untranslated`, "Mot Klingon «\u00a0qapla'\u00a0» non traduit"},
		// Placeholders reordered.
		{`Name spelled "Dupre" here, but "Dupré" elsewhere`, "Ailleurs «\u00a0Dupré\u00a0», ici «\u00a0Dupre\u00a0»"},
		// {3:num} tells the capture before it where to stop.
		{"No space before :, where the article puts a no-break space 4 times", "Pas d’espace avant :\u00a0: l’article met a no-break space 4 fois"},
		// A capitalised term at the start: translated, capital kept.
		{"Straight apostrophe (') in an article that uses the other one", "Apostrophe droite (') dans un article qui emploie l’autre"},
		// The first letter of a template matches in either case; the
		// output follows the message.
		{"double full stop: the end may be lost", "double point\u00a0: la fin a pu disparaître"},
		// A list joined by "; ": each part translated, joined the catalog's way.
		{"Paragraph repeats the text at line 2; double full stop: the end may be lost",
			"Ce paragraphe reprend la ligne 2\u00a0; double point\u00a0: la fin a pu disparaître"},
		// "; " inside one template: its parts match nothing alone.
		{`x "bar" translates "y"; in French it means z`, "x «\u00a0bar\u00a0» traduit y\u00a0; en français, z"},
		// A lower-case template keeps the translation's capital.
		{"the article is in English", "L’article est en anglais"},
	} {
		got, ok := c.Translate(tc.in)
		if !ok || got != tc.want {
			t.Errorf("Translate(%q) = %q, %v\nwant %q", tc.in, got, ok, tc.want)
		}
	}
}

func TestUnmatchedMessageStaysEnglish(t *testing.T) {
	c := testCatalog(t, testXX)
	for _, msg := range []string{
		"Something no template knows",
		"Paragraph repeats the text at line twelve",     // {1:num} wants digits
		"Paragraph repeats the text at line 12, again",  // the template is anchored at both ends
		"A Paragraph repeats the text at line 12",       // … and at the start
		"Paragraph repeats the text at line 2; unknown", // one part of the list matches nothing
		"",                             // nothing to translate
		"word \"x\" left untranslated", // {1} needs at least one character
	} {
		got, ok := c.Translate(msg)
		if ok || got != msg {
			t.Errorf("Translate(%q) = %q, %v; want the message unchanged", msg, got, ok)
		}
		if c.Message(msg) != msg {
			t.Errorf("Message(%q) = %q", msg, c.Message(msg))
		}
	}
	// English translates nothing.
	en := MustBuiltin().English()
	if got, ok := en.Translate("Paragraph repeats the text at line 12"); ok || got != "Paragraph repeats the text at line 12" {
		t.Errorf("English catalog translated a message: %q", got)
	}
}

func TestLabels(t *testing.T) {
	c := testCatalog(t, testXX)
	if got := c.Label("position", "line", "3", "column", "7"); got != "ligne 3 (col. 7)" {
		t.Errorf("Label = %q", got)
	}
	for n, want := range map[int]string{0: "0 signal", 1: "1 signal", 2: "2 signaux"} {
		if got := c.Count("count.finding", n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
	if got := c.Number(3.456, 2); got != "3,46" {
		t.Errorf("Number = %q", got)
	}
	// A label the catalog lacks comes from English; an unknown one shows its key.
	tr := testCatalog(t, "lang: xx\nname: Test\n")
	if got := tr.Label("verdict.pass"); got != "pass" {
		t.Errorf("fallback label = %q", got)
	}
	if got := tr.Label("no.such"); got != "[no.such]" {
		t.Errorf("unknown label = %q", got)
	}
	parts := c.Parts("position")
	if len(parts) != 5 || parts[0].Text != "ligne " || parts[1].Arg != "line" || parts[3].Arg != "column" || parts[4].Text != ")" {
		t.Errorf("Parts = %+v", parts)
	}
}

func TestDecodeStrict(t *testing.T) {
	for _, tc := range []struct{ name, xx, want string }{
		{"typo in a key", "lang: xx\nname: T\nlabls: {}\n", `xx.yaml:3: unknown key "labls" (did you mean "labels"?)`},
		{"unknown label", "lang: xx\nname: T\nlabels:\n  verdict:\n    pas: ok\n", `xx.yaml:5: unknown label "verdict.pas" (did you mean "verdict.pass"?)`},
		{"unknown group", "lang: xx\nname: T\nlabels:\n  verdit:\n    pass: ok\n", `xx.yaml:4: unknown label group "verdit"`},
		{"label placeholder", "lang: xx\nname: T\nlabels:\n  position: \"{row}\"\n", `xx.yaml:4: label "position" uses {row}, which English does not give`},
		{"plural expected", "lang: xx\nname: T\nlabels:\n  count:\n    finding: x\n", `xx.yaml:5: label "count.finding" must be counted`},
		{"plural form", "lang: xx\nname: T\nlabels:\n  count:\n    finding: {one: a, many: b}\n", `xx.yaml:5: label "count.finding": unknown plural form "many"`},
		{"message placeholder", "lang: xx\nname: T\nmessages:\n  'Line {1:num} repeats': 'La ligne {2} répète'\n", `xx.yaml:4: message "Line {1:num} repeats": translation uses {2}`},
		{"side by side", "lang: xx\nname: T\nmessages:\n  'Line {1}{2} repeats': 'x'\n", `xx.yaml:4: message "Line {1}{2} repeats": template: placeholders {1} and {2} side by side`},
		{"numbering", "lang: xx\nname: T\nmessages:\n  'Line {2} repeats again': 'x'\n", `{1} is missing`},
		{"too general", "lang: xx\nname: T\nmessages:\n  '{1}: {2}': 'x'\n", `it would match too much`},
		{"bad type", "lang: xx\nname: T\nmessages:\n  'Line {1:adj} repeats': 'x'\n", `the only type of an English placeholder is {1:num}`},
		{"empty translation", "lang: xx\nname: T\nmessages:\n  'Line repeats': ''\n", `xx.yaml:4: message "Line repeats" has no translation`},
		{"twice", "lang: xx\nname: T\nmessages:\n  'Line repeats': 'a'\n  'line repeats': 'b'\n", `xx.yaml:5: message "line repeats" given twice (first at line 4)`},
		{"lang and file", "lang: yy\nname: T\n", `xx.yaml:1: lang "yy" does not match the file name "xx.yaml"`},
		{"no name", "lang: xx\n", `xx.yaml:1: name is required`},
		{"term without default", "lang: xx\nname: T\nterms:\n  English: {fem: anglaise}\n", `xx.yaml:4: term "English" needs a default form`},
	} {
		_, err := Load(fstest.MapFS{"d/en.yaml": {Data: []byte(testEnglish)}, "d/xx.yaml": {Data: []byte(tc.xx)}}, "d")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
	// English defines the labels and translates nothing.
	_, err := Load(fstest.MapFS{"d/en.yaml": {Data: []byte(testEnglish + "messages:\n  'a b c d e f g': 'x'\n")}}, "d")
	if err == nil || !strings.Contains(err.Error(), "en.yaml:1: the English catalog holds labels only") {
		t.Errorf("English with messages: %v", err)
	}
	if _, err := Load(fstest.MapFS{"d/xx.yaml": {Data: []byte(testXX)}}, "d"); err == nil || !strings.Contains(err.Error(), "no en.yaml") {
		t.Errorf("no English catalog: %v", err)
	}
}

func TestBuiltinCatalogs(t *testing.T) {
	r, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Languages(); !slices.Equal(got, []string{"de", "en", "es", "fr", "it", "pt"}) {
		t.Errorf("languages %v", got)
	}
	// Every catalog translates every label.
	for _, l := range r.Languages() {
		c := r.Get(l)
		for _, key := range r.LabelKeys() {
			if !c.HasLabel(key) {
				t.Errorf("%s: no label %q (English: %q)", c, key, r.English().Label(key))
			}
		}
	}
	// French typography: no-break spaces where the catalog's text has spaces.
	fr := r.Get("fr")
	if got := fr.Label("verdict_label"); got != "Verdict\u00a0:" {
		t.Errorf("fr verdict label %q", got)
	}
	if got := fr.Message("Double full stop: the end of the sentence may have been lost"); !strings.Contains(got, "point\u00a0:") {
		t.Errorf("fr message without no-break space: %q", got)
	}
}

// Language names the reports and messages print come from the profiles and
// from lingua-go's names (audit/lang.Name) of the languages the detector
// tells apart; every catalog names each of them.
func TestLanguageNamesAreTerms(t *testing.T) {
	r := MustBuiltin()
	for _, code := range []string{"en", "fr", "de", "es", "it", "pt", "nl", "id", "ca", "ro", "pl", "sv", "da", "tr", "ru"} {
		name := lang.Name(code)
		for _, l := range r.Languages() {
			if l == English {
				continue
			}
			if c := r.Get(l); c.Term(name) == name {
				t.Errorf("%s: no term for %s", c, name)
			}
		}
	}
}

func TestSetting(t *testing.T) {
	r := MustBuiltin()
	for in, want := range map[string]string{"": "auto", "auto": "auto", "AUTO": "auto", "fr": "fr", "FR": "fr", "pt-BR": "pt", "de_CH": "de", "en": "en"} {
		if got, err := r.Setting(in); err != nil || got != want {
			t.Errorf("Setting(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := r.Setting("nl"); err == nil || !strings.Contains(err.Error(), "want auto or de, en, es, fr, it, pt") {
		t.Errorf("Setting(nl): %v", err)
	}
	for _, tc := range []struct{ setting, doc, want string }{
		{"auto", "fr", "fr"}, {"", "de", "de"}, {"auto", "nl", "en"}, {"auto", "", "en"}, {"es", "fr", "es"}, {"en", "fr", "en"},
	} {
		if got := r.For(tc.setting, tc.doc).Lang(); got != tc.want {
			t.Errorf("For(%q, %q) = %s, want %s", tc.setting, tc.doc, got, tc.want)
		}
	}
}

// BenchmarkTranslate: one message of each kind a report prints, against
// the French catalog (an exact template, one with placeholders, a list,
// and one that matches nothing).
func BenchmarkTranslate(b *testing.B) {
	c := MustBuiltin().Get("fr")
	msgs := []string{
		"Read-more link swept into the article from the web page",
		`Name spelled "Halberg" here, but the article spells it "Hallberg" 2 times, "Halberg" once`,
		"No space after «, where the article puts a no-break space 4 times (1 without); no space before », where the article puts a no-break space 4 times (1 without)",
		"A message no catalog knows, as an LLM finding's",
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range msgs {
			c.Translate(m)
		}
	}
}
