package queue

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/mtaudit/mtaudit/services/batch"
	"github.com/mtaudit/mtaudit/services/metrics"
)

// records captures structured log records.
type records struct {
	mu  sync.Mutex
	all []slog.Record
}

func (r *records) Enabled(context.Context, slog.Level) bool { return true }
func (r *records) Handle(_ context.Context, rec slog.Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.all = append(r.all, rec.Clone())
	return nil
}
func (r *records) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *records) WithGroup(string) slog.Handler      { return r }

// progress returns the attributes of the progress lines so far.
func (r *records) progress() []map[string]any {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []map[string]any
	for _, rec := range r.all {
		if rec.Message != "progress" {
			continue
		}
		m := map[string]any{}
		rec.Attrs(func(a slog.Attr) bool { m[a.Key] = a.Value.Any(); return true })
		out = append(out, m)
	}
	return out
}

// manualClock gives the worker its ticks and its time.
type manualClock struct {
	ticks chan time.Time
	mu    sync.Mutex
	t     time.Time
}

func newManualClock() *manualClock {
	return &manualClock{ticks: make(chan time.Time), t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
}

func (c *manualClock) install(w *Worker) {
	w.ticker = func(time.Duration) (<-chan time.Time, func()) { return c.ticks, func() {} }
	w.now = func() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
}

// tick advances the clock by d and delivers one tick.
func (c *manualClock) tick(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
	c.ticks <- c.t
}

func runWorker(t *testing.T, w *Worker) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- w.Run(ctx) }()
	return func() {
		cancel()
		if err := <-errc; err != nil {
			t.Errorf("worker: %v", err)
		}
	}
}

// A worker logs its progress at every tick, not only when it stops. The
// ticks and the clock are the test's: no timing is asserted.
func TestWorkerLogsProgress(t *testing.T) {
	ns := startServer(t)
	_, js := connect(t, ns)
	ins, _ := articles(t, 6)
	stream := Stream{Name: "PROG", Subject: "prog.articles"}
	if _, err := Submit(context.Background(), js, stream, seq(ins), nil); err != nil {
		t.Fatal(err)
	}
	logs := &records{}
	w, err := NewWorker(js, engine(t, nil), WorkerConfig{Stream: stream, Workers: 2, Out: t.TempDir(),
		FetchWait: 200 * time.Millisecond, Logger: slog.New(logs), ProgressEvery: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	clock := newManualClock()
	clock.install(w)
	stop := runWorker(t, w)
	defer stop()
	waitFor(t, "six articles done", func() bool { return w.Stats().Done == 6 })
	clock.tick(2 * time.Second)
	waitFor(t, "a progress line", func() bool { return len(logs.progress()) == 1 })
	p := logs.progress()[0]
	want := map[string]any{"processed": int64(6), "failed": int64(0), "retried": int64(0), "in_flight": int64(0),
		"rate": 3.0, "pending": int64(0), "ack_pending": int64(0)}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("%s = %v (%T), want %v; line %v", k, p[k], p[k], v, p)
		}
	}
	// The next line's rate counts only what was finished since.
	clock.tick(time.Second)
	waitFor(t, "a second progress line", func() bool { return len(logs.progress()) == 2 })
	if r := logs.progress()[1]["rate"]; r != 0.0 {
		t.Errorf("rate with nothing new = %v", r)
	}
}

// --force queues an article again inside the duplicate window; the
// result is stored once, under the content hash, overwritten.
func TestSubmitForce(t *testing.T) {
	ns := startServer(t)
	_, js := connect(t, ns)
	ins, hashes := articles(t, 3)
	stream := Stream{Name: "FORCE", Subject: "force.articles"}
	first, err := Submit(context.Background(), js, stream, seq(ins), nil)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Submit(context.Background(), js, stream, seq(ins), nil)
	if err != nil {
		t.Fatal(err)
	}
	forced, err := SubmitWith(context.Background(), js, stream, SubmitOptions{Force: true}, seq(ins), nil)
	if err != nil {
		t.Fatal(err)
	}
	if first.Published != 3 || again.Duplicates != 3 || forced.Published != 3 || forced.Duplicates != 0 {
		t.Fatalf("first %+v, again %+v, forced %+v", first, again, forced)
	}
	if n := streamMsgs(t, js, "FORCE"); n != 6 {
		t.Fatalf("stream holds %d, want 6", n)
	}
	out := t.TempDir()
	w, err := NewWorker(js, engine(t, nil), WorkerConfig{Stream: stream, Workers: 1, Out: out, FetchWait: 200 * time.Millisecond, KeepText: true})
	if err != nil {
		t.Fatal(err)
	}
	stop := runWorker(t, w)
	waitFor(t, "six audits", func() bool { return w.Stats().Done == 6 })
	stop()
	files := resultFiles(t, out)
	for h := range hashes {
		if files[h] != 1 || files[h+".article"] != 1 {
			t.Errorf("%s: result files %v", h, files)
		}
	}
	if len(files) != 6 {
		t.Errorf("files %v, want one result and one article per hash", files)
	}
	b, err := os.ReadFile(ArticlePath(out, batch.Hash(ins[0].Doc.Text)))
	if err != nil || !bytes.Contains(b, []byte(`"text"`)) {
		t.Errorf("article file: %v %s", err, b)
	}
}

func TestWorkerMetrics(t *testing.T) {
	ns := startServer(t)
	_, js := connect(t, ns)
	ins, _ := articles(t, 4)
	stream := Stream{Name: "MET", Subject: "met.articles"}
	if _, err := Submit(context.Background(), js, stream, seq(ins), nil); err != nil {
		t.Fatal(err)
	}
	reg := metrics.NewRegistry()
	w, err := NewWorker(js, engine(t, nil), WorkerConfig{Stream: stream, Workers: 2, Out: t.TempDir(),
		FetchWait: 200 * time.Millisecond, Metrics: reg, ProgressEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	clock := newManualClock()
	clock.install(w)
	stop := runWorker(t, w)
	defer stop()
	ts := httptest.NewServer(metrics.Handler(reg))
	defer ts.Close()
	waitFor(t, "four articles done", func() bool { return w.Stats().Done == 4 })
	// Before the first tick the queue's depth is unknown (-1); a tick asks.
	if v := metricValue(t, scrapeMetrics(t, ts.URL), "mtaudit_queue_pending"); v != -1 {
		t.Errorf("queue_pending before asking = %v", v)
	}
	clock.tick(time.Second)
	var fams map[string]*dto.MetricFamily
	waitFor(t, "the queue's depth", func() bool {
		fams = scrapeMetrics(t, ts.URL)
		return metricValue(t, fams, "mtaudit_queue_pending") == 0
	})
	for name, want := range map[string]float64{
		"mtaudit_worker_processed_total": 4, "mtaudit_worker_failed_total": 0, "mtaudit_audit_duration_seconds": 4,
		"mtaudit_audits_in_flight": 0, "mtaudit_worker_slots": 2, "mtaudit_queue_ack_pending": 0,
	} {
		if v := metricValue(t, fams, name); v != want {
			t.Errorf("%s = %v, want %v", name, v, want)
		}
	}
	var audits float64
	for _, m := range fams["mtaudit_audits_total"].GetMetric() {
		audits += m.GetCounter().GetValue()
	}
	if audits != 4 {
		t.Errorf("audits_total over verdicts = %v", audits)
	}
}

func scrapeMetrics(t *testing.T, url string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return fams
}

// metricValue is the value of a metric with one sample (or no labels).
func metricValue(t *testing.T, fams map[string]*dto.MetricFamily, name string) float64 {
	t.Helper()
	f := fams[name]
	if f == nil || len(f.Metric) != 1 {
		t.Fatalf("%s: %v", name, f)
	}
	m := f.Metric[0]
	switch {
	case m.Counter != nil:
		return m.Counter.GetValue()
	case m.Gauge != nil:
		return m.Gauge.GetValue()
	case m.Histogram != nil:
		return float64(m.Histogram.GetSampleCount())
	}
	return 0
}
