package server

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit/suppress"
)

// A dismissal posted to /v1/suppressions is written to the file and
// honoured by the next audit; DELETE takes it back.
func TestSuppressionsEndpoint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "suppressions.json")
	_, ts := newTestServer(t, Options{Suppressions: path})
	audit := func() map[string]int {
		art := decodeArticle(t, do(t, "POST", ts.URL+"/v1/audit", "application/json",
			strings.NewReader(`{"id": "cms-42", "text": `+jsonString(sampleArticle)+`, "lang": "fr"}`)))
		return categories(art)
	}
	if audit()["untranslated"] != 1 {
		t.Fatal("the sample should have one untranslated finding")
	}
	// The report's Dismiss button carries the key.
	rep := do(t, "POST", ts.URL+"/v1/report", "application/json", strings.NewReader(`{"id": "cms-42", "text": `+jsonString(sampleArticle)+`, "lang": "fr"}`))
	m := regexp.MustCompile(`data-k-article="([^"]*)" data-k-rule="(untranslated[^"]*)" data-k-quote="([^"]*)" data-k-occ="(\d+)"`).FindStringSubmatch(string(rep.body))
	if m == nil {
		t.Fatalf("no key on the untranslated finding:\n%s", rep.body)
	}
	key := map[string]any{"article": m[1], "rule": m[2], "quote": htmlUnescape(m[3]), "occurrence": 1}
	body := func(extra map[string]any) string {
		v := map[string]any{}
		for k, x := range key {
			v[k] = x
		}
		for k, x := range extra {
			v[k] = x
		}
		b, _ := json.Marshal(v)
		return string(b)
	}

	// Refusals: not JSON, unknown field, no reason.
	jsonError(t, do(t, "POST", ts.URL+"/v1/suppressions", "text/plain", strings.NewReader(body(map[string]any{"reason": "x"}))), http.StatusUnsupportedMediaType)
	if msg := jsonError(t, do(t, "POST", ts.URL+"/v1/suppressions", "application/json", strings.NewReader(body(map[string]any{"reason": "x", "why": 1}))), http.StatusBadRequest); !strings.Contains(msg, "why") {
		t.Errorf("unknown field error: %s", msg)
	}
	jsonError(t, do(t, "POST", ts.URL+"/v1/suppressions", "application/json", strings.NewReader(body(nil))), http.StatusBadRequest)

	a := do(t, "POST", ts.URL+"/v1/suppressions", "application/json", strings.NewReader(body(map[string]any{"reason": "a brand name", "by": "ed"})))
	if a.status != http.StatusCreated {
		t.Fatalf("POST: %d %s", a.status, a.body)
	}
	f, err := suppress.Load(path)
	if err != nil || len(f.Entries) != 1 || f.Entries[0].Reason != "a brand name" || f.Entries[0].At == "" || f.Entries[0].Article != "cms-42" {
		t.Fatalf("file after POST: %v %+v", err, f)
	}
	if n := audit()["untranslated"]; n != 0 {
		t.Errorf("the dismissed finding is still reported")
	}
	// Another article's same text is not affected.
	other := decodeArticle(t, do(t, "POST", ts.URL+"/v1/audit", "application/json",
		strings.NewReader(`{"id": "cms-43", "text": `+jsonString(sampleArticle)+`, "lang": "fr"}`)))
	if categories(other)["untranslated"] != 1 {
		t.Errorf("a dismissal for cms-42 applied to cms-43")
	}
	g := do(t, "GET", ts.URL+"/v1/suppressions", "", nil)
	if g.status != http.StatusOK || !strings.Contains(string(g.body), "a brand name") {
		t.Errorf("GET: %d %s", g.status, g.body)
	}
	d := do(t, "DELETE", ts.URL+"/v1/suppressions", "application/json", strings.NewReader(body(nil)))
	if d.status != http.StatusOK || audit()["untranslated"] != 1 {
		t.Errorf("DELETE: %d %s; finding back: %v", d.status, d.body, audit())
	}
	jsonError(t, do(t, "DELETE", ts.URL+"/v1/suppressions", "application/json", strings.NewReader(body(nil))), http.StatusNotFound)
	jsonError(t, do(t, "PUT", ts.URL+"/v1/suppressions", "application/json", strings.NewReader(body(nil))), http.StatusMethodNotAllowed)

	// A server started without a file says so.
	_, plain := newTestServer(t, Options{})
	if msg := jsonError(t, do(t, "GET", plain.URL+"/v1/suppressions", "", nil), http.StatusNotFound); !strings.Contains(msg, "--suppressions") {
		t.Errorf("no-file answer: %s", msg)
	}
}

// A damaged suppressions file stops the server at start, with its name.
func TestSuppressionsFileMustParse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	if err := os.WriteFile(path, []byte(`{"version": 9, "entries": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{Engine: testEngine(t), Suppressions: path}); err == nil || !strings.Contains(err.Error(), "s.json") {
		t.Errorf("New with a bad file: %v", err)
	}
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}
