package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mtaudit/mtaudit/audit"
)

// blockLongRule holds every audit of a text longer than limit until
// release is closed, and says when one starts.
func blockLongRule(limit int, started chan<- struct{}, release <-chan struct{}) *audit.Rule {
	return &audit.Rule{
		ID: "garbled.test-block-long", Category: audit.Garbled, Severity: audit.Info, Title: "Blocks long texts", Doc: "Blocks.",
		Examples: []audit.Example{{Text: "x", Trigger: true}, {Text: "y"}},
		Run: func(p *audit.Pass) {
			if len(p.Doc.Text) > limit {
				started <- struct{}{}
				<-release
			}
		},
	}
}

// largeArticle is a body well over the test servers' LargeBody.
var largeArticle = strings.Repeat("Le conseil a voté le budget de la commune. ", 200)

// TestLargeBodiesLeaveSlotsForArticles: issue 12, defects 2 and 4. Long
// audits of large bodies hold at most half of the slots: while they run,
// ordinary articles are still answered (no 503), and a large body waiting
// for a slot is refused without being read.
func TestLargeBodiesLeaveSlotsForArticles(t *testing.T) {
	started, release := make(chan struct{}, 8), make(chan struct{})
	cfg := audit.DefaultConfig()
	cfg.Lang = "fr"
	eng, err := audit.NewEngine(append(testRegistry(), blockLongRule(len(sampleArticle)+1, started, release)), cfg)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Options{Engine: eng, Registry: testRegistry(), Tool: testTool, MaxConcurrent: 4,
		QueueWait: 200 * time.Millisecond, LargeBody: 4 << 10})
	if err != nil {
		t.Fatal(err)
	}
	// Count the body bytes the server reads, per request.
	var readMu sync.Mutex
	read := map[string]*atomic.Int64{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := &atomic.Int64{}
		readMu.Lock()
		read[r.Header.Get("X-Test")] = n
		readMu.Unlock()
		r.Body = countingBody{r.Body, n}
		s.ServeHTTP(w, r)
	}))
	defer ts.Close()
	defer close(release)

	large := make(chan answer, 4)
	for i := range 4 {
		go func() {
			a, err := doErr("POST", ts.URL+"/v1/audit", "text/plain", strings.NewReader(largeArticle), "X-Test", "large"+string(rune('0'+i)))
			if err != nil {
				a.body = []byte(err.Error())
			}
			large <- a
		}()
	}
	<-started
	<-started // two large audits hold two of the four slots
	// The other two large ones wait QueueWait and are refused, unread.
	for range 2 {
		select {
		case a := <-large:
			jsonError(t, a, http.StatusServiceUnavailable)
		case <-time.After(time.Minute): // a hang guard, not a timing check
			t.Fatal("no large request was refused: they took every slot")
		}
	}
	readMu.Lock()
	unread := 0
	for id, n := range read {
		if strings.HasPrefix(id, "large") && n.Load() == 0 {
			unread++
		}
	}
	readMu.Unlock()
	if unread != 2 {
		t.Errorf("%d refused large bodies left unread, want 2", unread)
	}
	// Ordinary articles are answered meanwhile.
	for i := range 10 {
		a := do(t, "POST", ts.URL+"/v1/audit", "text/plain", strings.NewReader(sampleArticle), "X-Test", "small")
		if a.status != http.StatusOK {
			t.Fatalf("article %d while large bodies are audited: status %d %s", i, a.status, a.body)
		}
	}
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n.Add(int64(n))
	return n, err
}

// TestLLMRequiredWinsOverTheRequest: issue 12, defect 10. On a server
// started with the LLM pass required, "llm": false does not skip it.
func TestLLMRequiredWinsOverTheRequest(t *testing.T) {
	cfg := audit.DefaultConfig()
	cfg.LLM.Enabled, cfg.LLM.Required = true, true
	llmEng, err := audit.NewEngine(testRegistry(), cfg, audit.WithSemanticPass(failingPass{}))
	if err != nil {
		t.Fatal(err)
	}
	_, ts := newTestServer(t, Options{LLMEngine: llmEng})
	for _, req := range []struct{ url, ct, body string }{
		{"/v1/audit?llm=false", "text/plain", sampleArticle},
		{"/v1/audit", "application/json", `{"text": "Le port rouvre demain.", "llm": false}`},
	} {
		a := do(t, "POST", ts.URL+req.url, req.ct, strings.NewReader(req.body))
		jsonError(t, a, http.StatusBadGateway) // the required pass ran, and failed
	}
}
