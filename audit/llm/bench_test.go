package llm

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/llm/llmtest"
)

// batchTexts are n distinct articles (distinct chunks: no cache sharing).
func batchTexts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("Dépêche numéro %d\n\n%s\n\nLe bilan provisoire fait état de %d blessés, selon la préfecture.", i, article, i+3)
	}
	return out
}

// auditPool audits texts with a pool of workers calling eng.Audit at once,
// as the batch runner does.
func auditPool(tb testing.TB, e *audit.Engine, texts []string, workers int) []*audit.Result {
	results := make([]*audit.Result, len(texts))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(texts) {
					return
				}
				results[i] = audit1(tb, e, texts[i])
			}
		}()
	}
	wg.Wait()
	return results
}

func sumStats(tb testing.TB, results []*audit.Result) audit.LLMStats {
	var s audit.LLMStats
	for i, r := range results {
		if r.Stats.LLM == nil || r.Stats.LLM.Failed {
			tb.Fatalf("article %d: %+v %v", i, r.Stats.LLM, r.Warnings)
		}
		s.Add(r.Stats.LLM)
	}
	return s
}

// TestBatchSecondRunSendsNoRequest is the benchmark's claim without the
// timing: a second run over the same articles is served from the cache.
func TestBatchSecondRunSendsNoRequest(t *testing.T) {
	srv := llmtest.New(llmtest.Gold([]llmtest.Item{itemSense}))
	srv.Delay = 2 * time.Millisecond
	defer srv.Close()
	dir := t.TempDir()
	texts := batchTexts(40)
	run := func() audit.LLMStats {
		p, _ := newTestPass(t, srv.URL, func(o *Options) { o.Concurrency = 16; o.CacheDir = dir })
		defer p.Close()
		return sumStats(t, auditPool(t, testEngine(t, p), texts, 16))
	}
	first := run()
	n := srv.Count()
	second := run()
	if first.Requests != len(texts) || n != len(texts) || first.Findings != len(texts) {
		t.Fatalf("first run %+v, server saw %d", first, n)
	}
	if srv.Count() != n || second.Requests != 0 || second.CacheHits != len(texts) || second.Findings != len(texts) {
		t.Fatalf("second run sent %d requests: %+v", srv.Count()-n, second)
	}
}

// BenchmarkBatch100At16 audits 100 articles with a pool of 16 workers
// against a server taking 300 ms per answer, with --llm-concurrency 16,
// then audits them again (served from the cache). Reported: seconds of
// each run and the requests each sent.
//
//	go test -run XXX -bench Batch100 -benchtime 1x ./audit/llm
func BenchmarkBatch100At16(b *testing.B) {
	srv := llmtest.New(llmtest.Gold([]llmtest.Item{itemSense}))
	srv.Delay = 300 * time.Millisecond
	defer srv.Close()
	texts := batchTexts(100)
	var first, second time.Duration
	var req1, req2 int
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		run := func() (time.Duration, int) {
			p, _ := newTestPass(b, srv.URL, func(o *Options) { o.Concurrency = 16; o.CacheDir = dir })
			defer p.Close()
			e := testEngine(b, p)
			n := srv.Count()
			start := time.Now()
			sumStats(b, auditPool(b, e, texts, 16))
			return time.Since(start), srv.Count() - n
		}
		d1, r1 := run()
		d2, r2 := run()
		first += d1
		second += d2
		req1 += r1
		req2 += r2
	}
	b.ReportMetric(first.Seconds()/float64(b.N), "s/first-run")
	b.ReportMetric(second.Seconds()/float64(b.N), "s/second-run")
	b.ReportMetric(float64(req1)/float64(b.N), "requests/first-run")
	b.ReportMetric(float64(req2)/float64(b.N), "requests/second-run")
	b.ReportMetric(float64(srv.MaxInFlight()), "max-in-flight")
}
