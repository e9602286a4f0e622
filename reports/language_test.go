package reports

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// A Dutch article the engine did not audit, and a French one audited with
// its language given.
func languageResults(t *testing.T) []*audit.Result {
	t.Helper()
	nl := mustDoc(t, "verslag.txt", "De gemeenteraad heeft dinsdag ingestemd met een nieuwe tramlijn.\n")
	nl.Lang = "nl"
	notAudited := finish(t, &audit.Result{Doc: nl, NotAudited: "no profile for Dutch (nl); supported: fr"})
	fr := mustDoc(t, "article.txt", cleanText)
	fr.LangGiven = true
	return []*audit.Result{notAudited, finish(t, &audit.Result{Doc: fr})}
}

func TestReportsNameTheLanguage(t *testing.T) {
	results := languageResults(t)
	s := NewSummary(testTool)
	for _, r := range results {
		s.Add(r)
	}
	text := string(render(t, "text", Options{Tool: testTool, Messages: "en"}, results, s))
	for _, want := range []string{
		"verslag.txt: fail: not audited: no profile for Dutch (nl); supported: fr\n",
		"article.txt: pass: French (fr), 25 words, penalty 0.00 per 100 words, 0 findings\n",
		"2 articles: 1 pass, 1 fail (1 not audited); 0 findings\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q:\n%s", want, text)
		}
	}
	md := string(render(t, "markdown", Options{Tool: testTool, Messages: "en"}, results, s))
	for _, want := range []string{"> **Not audited:** no profile for Dutch (nl); supported: fr", "Dutch (`nl`, detected)", "French (`fr`) · 25 words"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	sarif := string(render(t, "sarif", Options{Tool: testTool, Messages: "en"}, results, s))
	if !strings.Contains(sarif, "verslag.txt: not audited: no profile for Dutch (nl); supported: fr") {
		t.Errorf("sarif lacks the not-audited notification:\n%s", sarif)
	}
	html := string(render(t, "html", Options{Tool: testTool, Messages: "en"}, results, s))
	for _, want := range []string{"<b>Not audited:</b> no profile for Dutch (nl); supported: fr", "<b>Dutch (nl, detected)</b>"} {
		if !strings.Contains(html, want) {
			t.Errorf("html lacks %q", want)
		}
	}
}

// The JSON contract: "audited": false and "reason" only for an article
// not audited; an audited one keeps exactly the fields it had.
func TestArticleJSONAudited(t *testing.T) {
	results := languageResults(t)
	var got []map[string]any
	for _, r := range results {
		b, err := json.Marshal(Article(r))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		got = append(got, m)
	}
	if got[0]["audited"] != false || got[0]["reason"] != "no profile for Dutch (nl); supported: fr" || got[0]["verdict"] != "fail" || got[0]["lang"] != "nl" {
		t.Errorf("not audited article: %v", got[0])
	}
	if _, ok := got[1]["audited"]; ok {
		t.Errorf("an audited article carries no audited field: %v", got[1])
	}
	if _, ok := got[1]["reason"]; ok {
		t.Errorf("an audited article carries no reason: %v", got[1])
	}
}
