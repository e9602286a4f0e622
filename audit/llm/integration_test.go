package llm

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/mtaudit/mtaudit/audit"
)

// TestIntegrationRealServer talks to a real OpenAI-compatible server:
//
//	MTAUDIT_LLM_BASE_URL=http://localhost:8000/v1 MTAUDIT_LLM_MODEL=… \
//	  go test -run Integration -v ./audit/llm
//
// It checks what any honest server must give: a completed pass, well-formed
// findings inside the article, counted cost, and a cached second run.
func TestIntegrationRealServer(t *testing.T) {
	base := os.Getenv("MTAUDIT_LLM_BASE_URL")
	if base == "" {
		t.Skip("set MTAUDIT_LLM_BASE_URL (and MTAUDIT_LLM_MODEL, MTAUDIT_LLM_API_KEY if the server needs one) to run against a real server")
	}
	model := os.Getenv("MTAUDIT_LLM_MODEL")
	if model == "" {
		t.Fatal("MTAUDIT_LLM_BASE_URL is set but MTAUDIT_LLM_MODEL is not")
	}
	key := os.Getenv("MTAUDIT_LLM_API_KEY")
	if key == "" && base == DefaultBaseURL {
		key = os.Getenv("OPENAI_API_KEY")
	}
	dir := t.TempDir()
	run := func() (*audit.Result, *Pass) {
		p, err := New(Options{BaseURL: base, Model: model, APIKey: key, CacheDir: dir, Timeout: 3 * time.Minute, Concurrency: 2})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		e := testEngine(t, p)
		return e.Audit(context.Background(), mustDoc(t, article)), p
	}
	res, p := run()
	st := res.Stats.LLM
	t.Logf("format %s, stats %+v", p.Format(), *st)
	for _, f := range res.Findings {
		t.Logf("%s %s %q: %s", f.Rule, f.Severity, res.Doc.Text[f.Start:f.End], f.Message)
	}
	if st.Failed {
		t.Fatalf("pass failed: %s", st.Error)
	}
	if st.Requests < 1 || st.PromptTokens == 0 {
		t.Fatalf("no cost counted: %+v", st)
	}
	ruleFindingsKept(t, res)
	for _, f := range res.Findings {
		if f.Source == audit.SourceLLM && (!f.Category.Valid() || f.Start >= f.End || f.Rule != "llm."+string(f.Category)) {
			t.Errorf("malformed LLM finding %+v", f)
		}
	}
	res2, _ := run()
	if res2.Stats.LLM.Requests != 0 || res2.Stats.LLM.CacheHits != st.Chunks {
		t.Fatalf("second run not cached: %+v", res2.Stats.LLM)
	}
}
