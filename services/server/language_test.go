package server

import (
	"reflect"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
	"github.com/mtaudit/mtaudit/rules"
)

// Articles written for these tests.
const (
	englishArticle = "Harbour workers end strike after pay deal\n\n" +
		"Dock workers at the main container port returned to work on Thursday after unions accepted a pay offer that ends a two-week strike.\n\n" +
		"The agreement raises wages by four percent this year and by three percent next year, the port authority said in a statement.\n"
	dutchArticle = "Havenarbeiders beëindigen staking na loonakkoord\n\n" +
		"De havenarbeiders van de grootste containerhaven zijn donderdag weer aan het werk gegaan nadat de vakbonden een loonbod hadden aanvaard.\n\n" +
		"Het akkoord verhoogt de lonen dit jaar met vier procent en volgend jaar met drie procent, aldus het havenbedrijf.\n"
)

// supported is how messages list the built-in target languages.
var supported = "supported: " + strings.Join(profile.MustBuiltin().Targets(), ", ")

// realServer serves the real registry, whose untranslated.wrong-language
// rule checks a given target language.
func realServer(t *testing.T) string {
	t.Helper()
	registry, err := rules.All()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := audit.NewEngine(registry, audit.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	_, ts := newTestServer(t, Options{Engine: eng, Registry: registry})
	return ts.URL
}

func TestWrongLanguageWithGivenTarget(t *testing.T) {
	url := realServer(t)
	a := do(t, "POST", url+"/v1/audit?lang=fr-FR", "text/plain", strings.NewReader(englishArticle))
	art := decodeArticle(t, a)
	var critical *string
	for _, f := range art.Findings {
		if f.Rule == "untranslated.wrong-language" && f.Severity == "critical" {
			critical = &f.Message
		}
	}
	if art.Lang != "fr" || art.Verdict != "fail" || a.header.Get("X-Mtaudit-Verdict") != "fail" || critical == nil || *critical != "the article is in English, not French" {
		t.Errorf("English posted as fr-FR: lang %q verdict %q findings %+v", art.Lang, art.Verdict, art.Findings)
	}
}

// The tags CMSs send select the base profile: same answer as "fr".
func TestRegionalTagSameFindings(t *testing.T) {
	url := realServer(t)
	var answers [][]byte
	for _, tag := range []string{"fr", "fr-FR", "fr_CA", "FR"} {
		art := decodeArticle(t, do(t, "POST", url+"/v1/audit?lang="+tag, "text/plain", strings.NewReader(sampleArticle)))
		if art.Lang != "fr" || art.Verdict != "fail" || len(art.Findings) == 0 {
			t.Errorf("lang=%s: lang %q verdict %q, %d findings", tag, art.Lang, art.Verdict, len(art.Findings))
		}
		answers = append(answers, do(t, "POST", url+"/v1/audit?lang="+tag, "text/plain", strings.NewReader(sampleArticle)).body)
	}
	for i := 1; i < len(answers); i++ {
		if !reflect.DeepEqual(answers[0], answers[i]) {
			t.Errorf("answer %d differs from lang=fr:\n%s\n%s", i, answers[0], answers[i])
		}
	}
}

func TestUnsupportedLangIsBadRequest(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	for _, tag := range []string{"xx", "nl", "en", "fr-"} {
		a := do(t, "POST", ts.URL+"/v1/audit?lang="+tag, "text/plain", strings.NewReader(sampleArticle))
		if a.status != 400 || !strings.Contains(string(a.body), supported) {
			t.Errorf("lang=%s: status %d %s; want 400 naming the supported languages", tag, a.status, a.body)
		}
		a = do(t, "POST", ts.URL+"/v1/audit", "application/json", strings.NewReader(`{"text": "abc", "lang": "`+tag+`"}`))
		if a.status != 400 || !strings.Contains(string(a.body), supported) {
			t.Errorf("JSON lang %s: status %d %s", tag, a.status, a.body)
		}
	}
}

// With no language given, an article in a language without a target
// profile is answered as not audited, and fails.
func TestNotAuditedArticle(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	a := do(t, "POST", ts.URL+"/v1/audit", "text/plain", strings.NewReader(dutchArticle))
	art := decodeArticle(t, a)
	if art.Audited == nil || *art.Audited || art.Reason != "no profile for Dutch (nl); "+supported ||
		art.Lang != "nl" || art.Verdict != "fail" || a.header.Get("X-Mtaudit-Verdict") != "fail" {
		t.Errorf("Dutch article: %s", a.body)
	}
	if !strings.Contains(string(a.body), `"audited":false`) {
		t.Errorf("the answer lacks \"audited\":false: %s", a.body)
	}
	fr := do(t, "POST", ts.URL+"/v1/audit", "text/plain", strings.NewReader(sampleArticle))
	if strings.Contains(string(fr.body), `"audited"`) || strings.Contains(string(fr.body), `"reason"`) {
		t.Errorf("an audited article's answer keeps the contract's fields only: %s", fr.body)
	}
	// The report section says it too.
	rep := do(t, "POST", ts.URL+"/v1/report", "text/plain", strings.NewReader(dutchArticle))
	if rep.status != 200 || !strings.Contains(string(rep.body), "Not audited:") {
		t.Errorf("report: %d %s", rep.status, rep.body)
	}
}
