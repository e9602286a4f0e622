package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit/profile"
)

// Articles written for these tests: an English and a Dutch news story, as
// a feed would deliver them untranslated or to the wrong feed.
const (
	englishStory = "Rail operator orders forty new regional trains\n\n" +
		"The national rail operator said on Wednesday that it had ordered forty new regional trains, which will replace carriages that have been in service for more than thirty years.\n\n" +
		"The first trains are expected to enter service in two years, and the whole fleet should be renewed by the end of the decade, the company said.\n"
	dutchStory = "Spoorbedrijf bestelt veertig nieuwe regionale treinen\n\n" +
		"Het nationale spoorbedrijf heeft woensdag bekendgemaakt dat het veertig nieuwe regionale treinen heeft besteld, die rijtuigen vervangen die al meer dan dertig jaar in dienst zijn.\n\n" +
		"De eerste treinen moeten over twee jaar gaan rijden en de hele vloot moet tegen het einde van het decennium vernieuwd zijn, aldus het bedrijf.\n"
)

// supported is how messages list the built-in target languages.
var supported = "supported: " + strings.Join(profile.MustBuiltin().Targets(), ", ")

// langReport reads the language fields of the JSON contract.
type langReport struct {
	Articles []struct {
		Path, Lang, Verdict, Reason string
		Audited                     *bool
		Findings                    []struct{ Rule, Severity, Message, Quote string }
	}
	Errors []struct{ Path, Error string }
}

func parseLangReport(t *testing.T, s string) langReport {
	t.Helper()
	var r langReport
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		t.Fatalf("not the JSON contract: %v\n%s", err, s)
	}
	return r
}

func hasWrongLanguage(r langReport, i int) bool {
	for _, f := range r.Articles[i].Findings {
		if f.Rule == "untranslated.wrong-language" && f.Severity == "critical" && f.Message == "the article is in English, not French" {
			return true
		}
	}
	return false
}

// An English article with a French target fails with a critical finding,
// whether the target comes from --lang or from the configuration.
func TestEnglishArticleWithFrenchTargetFails(t *testing.T) {
	dir := inTempDir(t)
	art := writeFile(t, filepath.Join(dir, "rail.txt"), englishStory)
	cfg := writeFile(t, filepath.Join(dir, "fr.yaml"), "lang: fr\n")
	for _, args := range [][]string{{"--lang", "fr"}, {"--lang", "fr-FR"}, {"--config", cfg}} {
		o := mtaudit(t, append(append([]string{"audit"}, args...), art)...)
		o.expect(t, 1)
		for _, want := range []string{
			// A French target: the report is for French editors.
			"critical: L’article est en anglais, et non en français [untranslated.wrong-language]",
			art + ": fail: français (fr), ",
		} {
			if !strings.Contains(o.stdout, want) {
				t.Errorf("%v: output lacks %q:\n%s", args, want, o.stdout)
			}
		}
		js := mtaudit(t, append(append([]string{"audit", "--format", "json"}, args...), art)...)
		js.expect(t, 1)
		if r := parseLangReport(t, js.stdout); r.Articles[0].Verdict != "fail" || !hasWrongLanguage(r, 0) {
			t.Errorf("%v: %s", args, js.stdout)
		}
	}
	// --disable turns the rule off like any other.
	js := mtaudit(t, "audit", "--lang", "fr", "--disable", "untranslated.wrong-language", "--format", "json", art)
	if r := parseLangReport(t, js.stdout); hasWrongLanguage(r, 0) {
		t.Errorf("--disable untranslated.wrong-language left the finding: %s", js.stdout)
	}
}

// With nothing given, an English article is not audited (English is a
// source language) and fails.
func TestEnglishArticleWithoutTargetIsNotAudited(t *testing.T) {
	dir := inTempDir(t)
	art := writeFile(t, filepath.Join(dir, "rail.txt"), englishStory)
	o := mtaudit(t, "audit", art)
	o.expect(t, 1)
	if !strings.Contains(o.stdout, art+": fail: not audited: English (en) is a source language, not a target; "+supported+"\n") ||
		!strings.Contains(o.stdout, "1 article: 0 pass, 1 fail (1 not audited)") {
		t.Errorf("output:\n%s", o.stdout)
	}
}

func TestDutchArticleWithoutTarget(t *testing.T) {
	dir := inTempDir(t)
	art := writeFile(t, filepath.Join(dir, "spoor.txt"), dutchStory)
	o := mtaudit(t, "audit", art)
	o.expect(t, 1)
	if !strings.Contains(o.stdout, art+": fail: not audited: no profile for Dutch (nl); "+supported+"\n") {
		t.Errorf("output:\n%s", o.stdout)
	}
	js := mtaudit(t, "audit", "--format", "json", art)
	js.expect(t, 1)
	r := parseLangReport(t, js.stdout)
	a := r.Articles[0]
	if a.Audited == nil || *a.Audited || a.Reason != "no profile for Dutch (nl); "+supported || a.Lang != "nl" || a.Verdict != "fail" || len(a.Findings) != 0 {
		t.Errorf("JSON: %s", js.stdout)
	}
	md := mtaudit(t, "audit", "--format", "markdown", art)
	if !strings.Contains(md.stdout, "> **Not audited:** no profile for Dutch (nl); "+supported) {
		t.Errorf("markdown:\n%s", md.stdout)
	}
	// The gate may let such articles through, and says so.
	cfg := writeFile(t, filepath.Join(dir, "pass.yaml"), "gate:\n  unsupported_language: pass\n")
	o = mtaudit(t, "audit", "--config", cfg, art)
	o.expect(t, 0)
	if !strings.Contains(o.stdout, art+": pass: not audited: no profile for Dutch (nl)") {
		t.Errorf("with unsupported_language: pass:\n%s", o.stdout)
	}
}

func TestUnknownLangIsUsageError(t *testing.T) {
	dir := inTempDir(t)
	art := writeFile(t, filepath.Join(dir, "conseil.txt"), plainArticle)
	for _, args := range [][]string{{"--lang", "xx"}, {"--lang", "nl"}, {"--lang", "en"}, {"--lang", "fr-"}} {
		o := mtaudit(t, append(append([]string{"audit"}, args...), art)...)
		o.expect(t, 2)
		if !strings.Contains(o.stderr, supported) {
			t.Errorf("%v: stderr does not name the supported languages: %s", args, o.stderr)
		}
	}
	cfg := writeFile(t, filepath.Join(dir, "bad.yaml"), "lang: xx\n")
	o := mtaudit(t, "audit", "--config", cfg, art)
	o.expect(t, 2)
	if !strings.Contains(o.stderr, supported) {
		t.Errorf("config lang: xx: %s", o.stderr)
	}
}

// fr-FR and fr select the same profile: the same findings, byte for byte.
func TestRegionalTagSameFindings(t *testing.T) {
	dir := inTempDir(t)
	art := writeFile(t, filepath.Join(dir, "marche.txt"), doubleStopArticle)
	want := mtaudit(t, "audit", "--format", "json", "--lang", "fr", art)
	if len(parseReport(t, want.stdout).Articles[0].Findings) == 0 {
		t.Fatalf("the test article has no finding: %s", want.stdout)
	}
	for _, tag := range []string{"fr-FR", "fr_CA", "FR"} {
		got := mtaudit(t, "audit", "--format", "json", "--lang", tag, art)
		if got.stdout != want.stdout || got.code != want.code {
			t.Errorf("--lang %s differs from --lang fr:\n%s\n%s", tag, got.stdout, want.stdout)
		}
	}
}

func TestTextOutputNamesTheLanguage(t *testing.T) {
	dir := inTempDir(t)
	art := writeFile(t, filepath.Join(dir, "conseil.txt"), plainArticle)
	o := mtaudit(t, "audit", art)
	o.expect(t, 0)
	if !strings.Contains(o.stdout, art+": pass: français (fr, détecté), ") {
		t.Errorf("output:\n%s", o.stdout)
	}
	o = mtaudit(t, "audit", "--lang", "fr", "--messages", "en", art)
	if !strings.Contains(o.stdout, art+": pass: French (fr), ") {
		t.Errorf("output with --lang fr --messages en:\n%s", o.stdout)
	}
}

// A JSON-lines article's own lang: a regional tag selects the profile, an
// unsupported one is an error for that article alone.
func TestJSONLArticleLang(t *testing.T) {
	dir := inTempDir(t)
	line := func(id, lang, text string) string {
		b, _ := json.Marshal(map[string]string{"id": id, "lang": lang, "text": text})
		return string(b) + "\n"
	}
	feed := writeFile(t, filepath.Join(dir, "feed.jsonl"),
		line("a", "fr-FR", plainArticle)+line("b", "xx", plainArticle)+line("c", "fr", englishStory)+line("d", "", dutchStory))
	o := mtaudit(t, "audit", "--format", "json", feed)
	o.expect(t, 2) // an input error
	r := parseLangReport(t, o.stdout)
	if len(r.Articles) != 3 || len(r.Errors) != 1 {
		t.Fatalf("want 3 articles and 1 error: %s", o.stdout)
	}
	if !strings.Contains(r.Errors[0].Error, `"xx"`) || !strings.Contains(r.Errors[0].Error, supported) {
		t.Errorf("error entry: %+v", r.Errors[0])
	}
	if a := r.Articles[0]; a.Lang != "fr" || a.Verdict != "pass" {
		t.Errorf("fr-FR article: %+v", a)
	}
	if !hasWrongLanguage(r, 1) {
		t.Errorf("English article with lang fr: %+v", r.Articles[1])
	}
	if a := r.Articles[2]; a.Audited == nil || *a.Audited || a.Lang != "nl" {
		t.Errorf("Dutch article without lang: %+v", a)
	}
}

// --messages: the default follows the article; a language or en is taken
// as given; JSON keeps English and adds the translation when asked.
func TestMessagesFlag(t *testing.T) {
	dir := inTempDir(t)
	art := writeFile(t, filepath.Join(dir, "rail.txt"), englishStory)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "critical: L’article est en anglais, et non en français [untranslated.wrong-language]"},
		{[]string{"--messages", "de"}, "critical: Der Artikel ist auf Englisch verfasst, nicht auf Französisch [untranslated.wrong-language]"},
		{[]string{"--messages", "en"}, "critical: the article is in English, not French [untranslated.wrong-language]"},
		{[]string{"--format", "markdown", "--messages", "it"}, "**Esito: NON SUPERATO**"},
	} {
		o := mtaudit(t, append(append([]string{"audit", "--lang", "fr"}, tc.args...), art)...)
		o.expect(t, 1)
		if !strings.Contains(o.stdout, tc.want) {
			t.Errorf("%v: output lacks %q:\n%s", tc.args, tc.want, o.stdout)
		}
	}
	js := mtaudit(t, "audit", "--lang", "fr", "--format", "json", art)
	if strings.Contains(js.stdout, "localized") || !hasWrongLanguage(parseLangReport(t, js.stdout), 0) {
		t.Errorf("JSON without --messages changed:\n%s", js.stdout)
	}
	js = mtaudit(t, "audit", "--lang", "fr", "--format", "json", "--messages", "es", art)
	if !strings.Contains(js.stdout, `"message_localized": "El artículo está en inglés, no en francés"`) ||
		!strings.Contains(js.stdout, `"messages": "es"`) || !hasWrongLanguage(parseLangReport(t, js.stdout), 0) {
		t.Errorf("JSON with --messages es:\n%s", js.stdout)
	}
	bad := mtaudit(t, "audit", "--messages", "nl", art)
	bad.expect(t, 2)
	if !strings.Contains(bad.stderr, "want auto or de, en, es, fr, it, pt") {
		t.Errorf("stderr: %s", bad.stderr)
	}
}

// Without --out the run's summary keeps no row per article, but SARIF
// still reports an article that was not audited, and --out's summary.json
// still lists every article.
func TestNotAuditedInSARIFAndSummaryRows(t *testing.T) {
	dir := inTempDir(t)
	arts := filepath.Join(dir, "in")
	writeFile(t, filepath.Join(arts, "spoor.txt"), dutchStory)
	writeFile(t, filepath.Join(arts, "lait.txt"), "Le prix du lait payé aux producteurs a augmenté de trois pour cent au premier trimestre, selon la coopérative, qui attend une hausse semblable au printemps.\n")
	o := mtaudit(t, "audit", "--format", "sarif", arts)
	if !strings.Contains(o.stdout, "spoor.txt: not audited: no profile for Dutch (nl)") {
		t.Errorf("SARIF without --out lacks the notification:\n%s", o.stdout)
	}
	out := filepath.Join(dir, "out")
	mtaudit(t, "audit", "--format", "jsonl", "--out", out, arts)
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Worst []struct{ Path string } `json:"worst"`
	}
	if err := json.Unmarshal(b, &s); err != nil || len(s.Worst) != 2 {
		t.Errorf("summary.json rows: %v %+v", err, s.Worst)
	}
}
