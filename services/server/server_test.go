package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/reports"
)

func newTestServer(t *testing.T, o Options) (*Server, *httptest.Server) {
	t.Helper()
	if o.Engine == nil {
		o.Engine = testEngine(t)
	}
	if o.Registry == nil {
		o.Registry = testRegistry()
	}
	o.Tool = testTool
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

type answer struct {
	status int
	header http.Header
	body   []byte
}

func do(t *testing.T, method, url, contentType string, body io.Reader, hdr ...string) answer {
	t.Helper()
	a, err := doErr(method, url, contentType, body, hdr...)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// doErr is do for goroutines other than the test's.
func doErr(method, url, contentType string, body io.Reader, hdr ...string) (answer, error) {
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		return answer{}, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{}, err
	}
	return answer{resp.StatusCode, resp.Header, b}, nil
}

// post sends the sample article from another goroutine; a transport error
// becomes status 0 with the error as body.
func post(url string) answer {
	a, err := doErr("POST", url+"/v1/audit", "text/plain", strings.NewReader(sampleArticle))
	if err != nil {
		return answer{body: []byte(err.Error())}
	}
	return a
}

// jsonError checks an answer is a JSON error with the status and returns its message.
func jsonError(t *testing.T, a answer, status int) string {
	t.Helper()
	if a.status != status {
		t.Fatalf("status %d, want %d (body %s)", a.status, status, a.body)
	}
	if ct := a.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("error Content-Type %q", ct)
	}
	var e errorBody
	if err := json.Unmarshal(a.body, &e); err != nil || e.Error == "" {
		t.Fatalf("error body %q is not {\"error\": …}", a.body)
	}
	return e.Error
}

func decodeArticle(t *testing.T, a answer) reports.ArticleJSON {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("status %d: %s", a.status, a.body)
	}
	var art reports.ArticleJSON
	dec := json.NewDecoder(bytes.NewReader(a.body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&art); err != nil {
		t.Fatalf("answer is not the contract's article object: %v\n%s", err, a.body)
	}
	return art
}

func categories(a reports.ArticleJSON) map[string]int {
	m := map[string]int{}
	for _, f := range a.Findings {
		m[f.Category]++
	}
	return m
}

func TestAuditPlainText(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	a := do(t, "POST", ts.URL+"/v1/audit?title=R%C3%A9forme&lang=fr", "text/plain; charset=utf-8", strings.NewReader(sampleArticle))
	art := decodeArticle(t, a)
	if art.Title != "Réforme" || art.Lang != "fr" || art.Path != "-" {
		t.Errorf("title %q lang %q path %q", art.Title, art.Lang, art.Path)
	}
	cats := categories(art)
	for _, c := range []string{"untranslated", "scraped", "garbled", "typography"} {
		if cats[c] != 1 {
			t.Errorf("want one %s finding, got %v", c, cats)
		}
	}
	for _, f := range art.Findings {
		if sampleArticle[f.Start:f.End] != f.Quote {
			t.Errorf("quote %q is not the text at [%d,%d)", f.Quote, f.Start, f.End)
		}
	}
	if art.Verdict != audit.VerdictFail || a.header.Get("X-Mtaudit-Verdict") != "fail" {
		t.Errorf("verdict %q, header %q", art.Verdict, a.header.Get("X-Mtaudit-Verdict"))
	}
	// No Content-Type is plain text too (curl --data-binary sets one, other clients may not).
	art = decodeArticle(t, do(t, "POST", ts.URL+"/v1/audit", "", strings.NewReader("Un article propre, sans défaut.\n")))
	if art.Verdict != audit.VerdictPass || len(art.Findings) != 0 {
		t.Errorf("clean article: %+v", art)
	}
}

func TestAuditJSON(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	body := `{"text": ` + jsonString(sampleArticle) + `, "title": "Retraites", "lang": "FR", "id": "cms-42", "url": "https://exemple.invalid/a", "llm": false}`
	art := decodeArticle(t, do(t, "POST", ts.URL+"/v1/audit", "application/json", strings.NewReader(body)))
	if art.Title != "Retraites" || art.Lang != "fr" || art.ID != "cms-42" || art.URL != "https://exemple.invalid/a" {
		t.Errorf("fields not carried: %+v", art)
	}
	if len(art.Findings) != 4 {
		t.Errorf("%d findings, want 4", len(art.Findings))
	}
	var fixes int
	for _, f := range art.Findings {
		fixes += len(f.Fixes)
	}
	if fixes != 1 {
		t.Errorf("the furniture finding's fix is missing (%d fixes)", fixes)
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestBadRequests(t *testing.T) {
	_, ts := newTestServer(t, Options{MaxBody: 1000})
	for _, tc := range []struct {
		name, ct, body string
		status         int
		want           string
	}{
		{"malformed JSON", "application/json", `{"text": "abc"`, 400, "malformed JSON"},
		{"syntax error", "application/json", `{"text": abc}`, 400, "syntax error"},
		{"unknown field", "application/json", `{"text": "abc", "texte": "x"}`, 400, "unknown field"},
		{"wrong type", "application/json", `{"text": 42}`, 400, `"text"`},
		{"no text", "application/json", `{"title": "x"}`, 400, `"text" is required`},
		{"trailing data", "application/json", `{"text": "abc"} {"text": "def"}`, 400, "after the object"},
		{"not an object", "application/json", `["abc"]`, 400, "malformed JSON"},
		{"bad lang", "application/json", `{"text": "abc", "lang": "français; DROP"}`, 400, "not a BCP 47 language tag (supported: "},
		{"llm not configured", "application/json", `{"text": "abc", "llm": true}`, 400, "LLM pass is not configured"},
		{"bad llm query", "text/plain", "abc", 400, "not a boolean"},
		{"non-UTF-8 text", "text/plain", "caf\xe9 cr\xe8me", 422, "not UTF-8"},
		{"non-UTF-8 JSON", "application/json", "{\"text\": \"caf\xe9\"}", 422, "not UTF-8"},
		{"empty text", "text/plain", " \n\t ", 422, "empty article"},
		{"NUL in JSON text", "application/json", `{"text": "a\u0000b"}`, 422, "binary"},
		{"form type", "application/x-www-form-urlencoded", "text=abc", 415, "not supported"},
		{"latin-1 charset", "text/plain; charset=iso-8859-1", "abc", 415, "charset"},
		{"too large", "text/plain", strings.Repeat("é", 600), 413, "exceeds 1000 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := ts.URL + "/v1/audit"
			if tc.name == "bad llm query" {
				url += "?llm=maybe"
			}
			msg := jsonError(t, do(t, "POST", url, tc.ct, strings.NewReader(tc.body)), tc.status)
			if !strings.Contains(msg, tc.want) {
				t.Errorf("error %q does not say %q", msg, tc.want)
			}
			if strings.Contains(msg, "abc") || strings.Contains(msg, "caf") {
				t.Errorf("error quotes the request: %q", msg)
			}
		})
	}
}

// A body with no Content-Length (chunked) is bounded while read.
func TestBodyLimitChunked(t *testing.T) {
	_, ts := newTestServer(t, Options{MaxBody: 1 << 10})
	r, w := io.Pipe()
	go func() {
		for i := 0; i < 64; i++ {
			if _, err := w.Write(bytes.Repeat([]byte("mot "), 64)); err != nil {
				return
			}
		}
		w.Close()
	}()
	req, _ := http.NewRequest("POST", ts.URL+"/v1/audit", r)
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge || req.ContentLength > 0 {
		t.Errorf("status %d for a chunked body over the limit, want 413", resp.StatusCode)
	}
	r.Close()
}

func TestRoutesAndMethods(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	if a := do(t, "GET", ts.URL+"/healthz", "", nil); a.status != 200 || !strings.Contains(string(a.body), `"ok"`) {
		t.Errorf("healthz: %d %s", a.status, a.body)
	}
	a := do(t, "POST", ts.URL+"/healthz", "", nil)
	jsonError(t, a, http.StatusMethodNotAllowed)
	if a.header.Get("Allow") != "GET, HEAD" {
		t.Errorf("Allow %q", a.header.Get("Allow"))
	}
	a = do(t, "GET", ts.URL+"/v1/audit", "", nil)
	jsonError(t, a, http.StatusMethodNotAllowed)
	if a.header.Get("Allow") != "POST" {
		t.Errorf("Allow %q", a.header.Get("Allow"))
	}
	jsonError(t, do(t, "GET", ts.URL+"/v1/nothing", "", nil), http.StatusNotFound)
	jsonError(t, do(t, "GET", ts.URL+"/favicon.ico", "", nil), http.StatusNotFound)
	if a := do(t, "HEAD", ts.URL+"/", "", nil); a.status != 200 || len(a.body) != 0 {
		t.Errorf("HEAD /: %d, %d bytes", a.status, len(a.body))
	}
	for _, h := range []string{"X-Content-Type-Options", "Content-Security-Policy", "Cache-Control"} {
		if a.header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
}

func TestRules(t *testing.T) {
	eng, err := audit.NewEngine(testRegistry(), &audit.Config{
		Gate: audit.DefaultConfig().Gate, Disable: []string{"typography"},
		Severity: map[string]audit.Severity{"garbled.test-repeat": audit.Major},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, ts := newTestServer(t, Options{Engine: eng})
	a := do(t, "GET", ts.URL+"/v1/rules", "", nil)
	var out struct {
		Tool  reports.Tool `json:"tool"`
		LLM   bool         `json:"llm"`
		Rules []ruleJSON   `json:"rules"`
	}
	if err := json.Unmarshal(a.body, &out); err != nil || a.status != 200 {
		t.Fatalf("%d %v %s", a.status, err, a.body)
	}
	if len(out.Rules) != len(testRegistry()) || out.Tool.Name != "mtaudit" || out.LLM {
		t.Fatalf("rules answer %+v", out)
	}
	byID := map[string]ruleJSON{}
	for _, r := range out.Rules {
		byID[r.ID] = r
	}
	if r := byID["typography.test-colon"]; r.Enabled {
		t.Errorf("disabled rule listed as enabled")
	}
	if r := byID["garbled.test-repeat"]; !r.Enabled || r.Severity != "major" || r.DefaultSeverity != "minor" {
		t.Errorf("configured severity not shown: %+v", r)
	}
	if r := byID["scraped.test-furniture"]; !r.Fixable || r.Title == "" || r.Doc == "" || len(r.Examples) != 2 {
		t.Errorf("metadata missing: %+v", r)
	}
}

func TestTokenAuth(t *testing.T) {
	const token = "s3cret-token-value"
	var logs bytes.Buffer
	_, ts := newTestServer(t, Options{Token: token, Logger: slog.New(slog.NewJSONHandler(&logs, nil))})

	a := do(t, "POST", ts.URL+"/v1/audit", "text/plain", strings.NewReader(sampleArticle))
	jsonError(t, a, http.StatusUnauthorized)
	if got := a.header.Get("WWW-Authenticate"); got != `Bearer realm="mtaudit"` {
		t.Errorf("challenge %q", got)
	}
	a = do(t, "POST", ts.URL+"/v1/audit", "text/plain", strings.NewReader(sampleArticle), "Authorization", "Bearer wrong")
	jsonError(t, a, http.StatusUnauthorized)
	if got := a.header.Get("WWW-Authenticate"); !strings.Contains(got, `error="invalid_token"`) {
		t.Errorf("challenge for a wrong token %q", got)
	}
	jsonError(t, do(t, "GET", ts.URL+"/v1/rules", "", nil, "Authorization", "Basic "+token), http.StatusUnauthorized)
	jsonError(t, do(t, "GET", ts.URL+"/v1/rules", "", nil, "Authorization", "Bearer "+token+"x"), http.StatusUnauthorized)
	decodeArticle(t, do(t, "POST", ts.URL+"/v1/audit", "text/plain", strings.NewReader(sampleArticle), "Authorization", "Bearer "+token))
	if a := do(t, "GET", ts.URL+"/v1/rules", "", nil, "Authorization", "bearer "+token); a.status != 200 {
		t.Errorf("scheme is case-insensitive: %d", a.status)
	}
	// Health and the page stay public; the page asks for the token.
	if a := do(t, "GET", ts.URL+"/healthz", "", nil); a.status != 200 {
		t.Errorf("healthz behind auth: %d", a.status)
	}
	page := do(t, "GET", ts.URL+"/", "", nil)
	if page.status != 200 || !bytes.Contains(page.body, []byte(`id="token"`)) {
		t.Errorf("page without token field: %d", page.status)
	}
	if strings.Contains(logs.String(), token) {
		t.Errorf("the token reached the logs")
	}
}

// Past the bound on concurrent audits a request waits QueueWait, then gets
// 503 with Retry-After; requests in flight are not disturbed.
func TestConcurrencyBound(t *testing.T) {
	started, release := make(chan struct{}, 4), make(chan struct{})
	eng := testEngine(t, blockingRule(started, release))
	_, ts := newTestServer(t, Options{Engine: eng, MaxConcurrent: 1, QueueWait: 50 * time.Millisecond})

	first := make(chan answer, 1)
	go func() { first <- post(ts.URL) }()
	<-started // the first audit holds the only slot
	a := do(t, "POST", ts.URL+"/v1/audit", "text/plain", strings.NewReader(sampleArticle))
	jsonError(t, a, http.StatusServiceUnavailable)
	if a.header.Get("Retry-After") == "" {
		t.Errorf("503 without Retry-After")
	}
	// Validation happens before a slot is taken: a bad request is still 400.
	jsonError(t, do(t, "POST", ts.URL+"/v1/audit", "application/json", strings.NewReader("{")), http.StatusBadRequest)
	close(release)
	decodeArticle(t, <-first)
	decodeArticle(t, do(t, "POST", ts.URL+"/v1/audit", "text/plain", strings.NewReader(sampleArticle)))
}

// Within QueueWait a request waits for a slot instead of failing.
func TestConcurrencyQueue(t *testing.T) {
	started, release := make(chan struct{}, 4), make(chan struct{})
	eng := testEngine(t, blockingRule(started, release))
	_, ts := newTestServer(t, Options{Engine: eng, MaxConcurrent: 1, QueueWait: time.Minute})
	answers := make(chan answer, 2)
	for i := 0; i < 2; i++ {
		go func() { answers <- post(ts.URL) }()
	}
	<-started
	select {
	case <-started:
		t.Fatal("two audits ran at once with MaxConcurrent 1")
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	for i := 0; i < 2; i++ {
		decodeArticle(t, <-answers)
	}
}

// A required LLM pass that fails makes the article an error: 502.
func TestLLMFailureIs502(t *testing.T) {
	llmEng, err := audit.NewEngine(testRegistry(), audit.DefaultConfig(), audit.WithSemanticPass(failingPass{}))
	if err != nil {
		t.Fatal(err)
	}
	_, ts := newTestServer(t, Options{LLMEngine: llmEng})
	msg := jsonError(t, do(t, "POST", ts.URL+"/v1/audit", "text/plain", strings.NewReader(sampleArticle)), http.StatusBadGateway)
	if !strings.Contains(msg, "LLM pass required but failed") {
		t.Errorf("error %q", msg)
	}
	// The rules-only engine still answers when asked.
	decodeArticle(t, do(t, "POST", ts.URL+"/v1/audit?llm=false", "text/plain", strings.NewReader(sampleArticle)))
	// The page offers the LLM pass only when it is configured.
	if page := do(t, "GET", ts.URL+"/", "", nil); !bytes.Contains(page.body, []byte(`id="llm"`)) {
		t.Errorf("page lacks the LLM checkbox")
	}
	_, plain := newTestServer(t, Options{})
	if page := do(t, "GET", plain.URL+"/", "", nil); bytes.Contains(page.body, []byte(`id="llm"`)) {
		t.Errorf("page offers an LLM pass the server does not have")
	}
}

func TestPanicIs500(t *testing.T) {
	var logs bytes.Buffer
	s := &Server{log: slog.New(slog.NewJSONHandler(&logs, nil))}
	h := s.logRequests(s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("article text: Le ministre a promis")
	})))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/v1/audit", nil))
	jsonError(t, answer{rec.Code, rec.Header(), rec.Body.Bytes()}, http.StatusInternalServerError)
	if strings.Contains(logs.String(), "Le ministre") {
		t.Errorf("the panic value reached the log")
	}
	if !strings.Contains(logs.String(), `"status":500`) {
		t.Errorf("no log line with status 500: %s", logs.String())
	}
}

// The report fragment is the HTML printer's section, article text escaped.
func TestReportFragment(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	text := sampleArticle + "\n<script>window.__pwned = 1</script> [left in English]\n"
	a := do(t, "POST", ts.URL+"/v1/report", "application/json", strings.NewReader(`{"text": `+jsonString(text)+`, "title": "<b>t</b>"}`))
	if a.status != 200 || !strings.HasPrefix(a.header.Get("Content-Type"), "text/html") {
		t.Fatalf("status %d, type %q: %s", a.status, a.header.Get("Content-Type"), a.body)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(a.body))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Find("script").Length() != 0 {
		t.Errorf("the fragment holds a script element")
	}
	if got := doc.Find("section.article .text").Text(); got != text {
		t.Errorf("fragment text %q", got)
	}
	if doc.Find("section.article h2").Text() != "<b>t</b>" {
		t.Errorf("title not shown literally")
	}
	if n := doc.Find("li.fi").Length(); n != 5 || doc.Find(".hl").Length() < 5 {
		t.Errorf("%d findings listed, want 5", n)
	}
	if a.header.Get("X-Mtaudit-Findings") != "5" || a.header.Get("X-Mtaudit-Verdict") == "" {
		t.Errorf("headers %v", a.header)
	}
}

// The page is self-contained and its CSP allows exactly its own scripts.
func TestPage(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	a := do(t, "GET", ts.URL+"/", "", nil)
	if a.status != 200 {
		t.Fatal(a.status)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(a.body))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Find("form#audit-form textarea#text").Length() != 1 || doc.Find("input#file[type=file]").Length() != 1 {
		t.Errorf("form lacks the text area or the upload")
	}
	if doc.Find("select#lang option[value=fr]").Length() != 1 {
		t.Errorf("no French in the language choice")
	}
	if doc.Find("link, img, [src]").Length() != 0 {
		t.Errorf("page loads external resources")
	}
	csp := a.header.Get("Content-Security-Policy")
	doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		if !strings.Contains(csp, hashOf(s.Text())) {
			t.Errorf("CSP %q does not allow a page script", csp)
		}
	})
	if !strings.Contains(csp, "connect-src 'self'") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("CSP %q", csp)
	}
}

func hashOf(script string) string {
	sum := sha256.Sum256([]byte(script))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// One structured line per request with method, path, status, duration and
// size; never the article text, the query or the token.
func TestLogs(t *testing.T) {
	var logs bytes.Buffer
	const token = "tok-9f8e7d"
	_, ts := newTestServer(t, Options{Token: token, Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	marker := "Zanzibar-marqueur-unique"
	decodeArticle(t, do(t, "POST", ts.URL+"/v1/audit?title="+marker, "text/plain",
		strings.NewReader(sampleArticle+marker+"\n"), "Authorization", "Bearer "+token))
	jsonError(t, do(t, "POST", ts.URL+"/v1/audit", "application/json", strings.NewReader(`{"text": "`+marker+`"`),
		"Authorization", "Bearer "+token), 400)
	if strings.Contains(logs.String(), marker) || strings.Contains(logs.String(), token) {
		t.Fatalf("article text or token in the logs:\n%s", logs.String())
	}
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line is not JSON: %q", l)
		}
		lines = append(lines, m)
	}
	if len(lines) != 2 {
		t.Fatalf("%d log lines, want 2", len(lines))
	}
	for i, want := range []float64{200, 400} {
		m := lines[i]
		if m["method"] != "POST" || m["path"] != "/v1/audit" || m["status"] != want {
			t.Errorf("line %d: %v", i, m)
		}
		if _, ok := m["duration_ms"]; !ok {
			t.Errorf("line %d has no duration", i)
		}
		if size, _ := m["size"].(float64); size <= 0 {
			t.Errorf("line %d: size %v", i, m["size"])
		}
	}
}
