package server

import (
	"encoding/json"
	"strings"
	"testing"
)

// An uploaded HTML page is read by the command line's HTML reader: the
// article body's text is audited, never its tags.
func TestHTMLArticleReadLikeTheCLI(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	page := `<!DOCTYPE html><html><head><title>Budget municipal</title><style>p{color:red}</style></head><body>` +
		`<nav><a href="/">Accueil</a></nav><article><h1>Le conseil vote son budget</h1>` +
		`<p>Le conseil municipal s’est réuni mardi soir pour voter le budget de l’année prochaine.</p>` +
		`<p>Les élus ont approuvé la rénovation de deux écoles et l’extension des pistes cyclables.</p></article></body></html>`
	body, _ := json.Marshal(map[string]string{"text": page, "format": "html"})
	a := do(t, "POST", ts.URL+"/v1/audit", "application/json", strings.NewReader(string(body)))
	if a.status != 200 {
		t.Fatalf("status %d: %s", a.status, a.body)
	}
	var art struct {
		Words    int
		Findings []struct{ Quote string }
	}
	if err := json.Unmarshal(a.body, &art); err != nil {
		t.Fatal(err)
	}
	for _, f := range art.Findings {
		if strings.ContainsAny(f.Quote, "<>") {
			t.Errorf("a finding quotes markup: %q", f.Quote)
		}
	}
	if art.Words < 20 || art.Words > 45 {
		t.Errorf("%d words: the HTML was not read as an article", art.Words)
	}
	// The page's report fragment is headed by the page's title.
	rep := do(t, "POST", ts.URL+"/v1/report", "application/json", strings.NewReader(string(body)))
	if !strings.Contains(string(rep.body), "Budget municipal") {
		t.Errorf("report heading: %s", rep.body)
	}
	// Plain text query form too; an unknown format is a 400.
	if a := do(t, "POST", ts.URL+"/v1/audit?format=html", "text/plain", strings.NewReader(page)); a.status != 200 {
		t.Errorf("?format=html: status %d: %s", a.status, a.body)
	}
	msg := jsonError(t, do(t, "POST", ts.URL+"/v1/audit?format=docx", "text/plain", strings.NewReader("abc")), 400)
	if !strings.Contains(msg, "txt, md or html") {
		t.Errorf("format docx: %q", msg)
	}
}

// Pasted text with no title is headed "Untitled text", not "-".
func TestUntitledReportHeading(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	rep := do(t, "POST", ts.URL+"/v1/report?messages=en", "text/plain",
		strings.NewReader("Le conseil municipal a voté le budget de l’année prochaine mardi soir."))
	if rep.status != 200 {
		t.Fatalf("status %d: %s", rep.status, rep.body)
	}
	if !strings.Contains(string(rep.body), "<h2>Untitled text</h2>") && !strings.Contains(string(rep.body), ">Untitled text<") {
		t.Errorf("untitled heading:\n%s", rep.body)
	}
	if strings.Contains(string(rep.body), "<h2>-</h2>") {
		t.Errorf("heading is -")
	}
}
