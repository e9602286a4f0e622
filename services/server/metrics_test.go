package server

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// scrape reads /metrics with Prometheus' own text parser.
func scrape(t *testing.T, base string) map[string]*dto.MetricFamily {
	t.Helper()
	a := do(t, "GET", base+"/metrics", "", nil)
	if a.status != http.StatusOK || !strings.HasPrefix(a.header.Get("Content-Type"), "text/plain") {
		t.Fatalf("/metrics: %d %q", a.status, a.header.Get("Content-Type"))
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(bytes.NewReader(a.body))
	if err != nil {
		t.Fatalf("parse /metrics: %v\n%s", err, a.body)
	}
	return fams
}

// value is the sample of family name whose labels include want.
func value(t *testing.T, fams map[string]*dto.MetricFamily, name string, want map[string]string) float64 {
	t.Helper()
	f := fams[name]
	if f == nil {
		t.Fatalf("no metric %s", name)
	}
next:
	for _, m := range f.Metric {
		got := map[string]string{}
		for _, l := range m.Label {
			got[l.GetName()] = l.GetValue()
		}
		for k, v := range want {
			if got[k] != v {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		}
	}
	return 0
}

func TestMetrics(t *testing.T) {
	_, ts := newTestServer(t, Options{MaxConcurrent: 3})
	before := scrape(t, ts.URL)
	if v := value(t, before, "mtaudit_audits_total", map[string]string{"verdict": "fail"}); v != 0 {
		t.Errorf("fail audits before any request: %v", v)
	}
	if a := post(ts.URL); a.status != http.StatusOK {
		t.Fatalf("audit: %d %s", a.status, a.body)
	}
	ltPost(t, ts.URL, url.Values{"text": {"Le ministre a promis des [job guarantees] aux syndicats."}, "language": {"fr"}})
	fams := scrape(t, ts.URL)
	total := 0.0
	for _, v := range []string{"pass", "fail", "error"} {
		total += value(t, fams, "mtaudit_audits_total", map[string]string{"verdict": v})
	}
	if total != 2 {
		t.Errorf("audits_total = %v over the verdicts, want 2", total)
	}
	// One bracketed English phrase in each request.
	if v := value(t, fams, "mtaudit_findings_total", map[string]string{"category": "untranslated", "severity": "major"}); v < 2 {
		t.Errorf("untranslated findings = %v, want ≥ 2", v)
	}
	if v := value(t, fams, "mtaudit_findings_total", map[string]string{"category": "scraped"}); v < 1 {
		t.Errorf("scraped findings = %v", v)
	}
	if v := value(t, fams, "mtaudit_audit_duration_seconds", nil); v != 2 {
		t.Errorf("latency histogram count = %v, want 2", v)
	}
	if v := value(t, fams, "mtaudit_audits_in_flight", nil); v != 0 {
		t.Errorf("in flight after the requests = %v", v)
	}
	if v := value(t, fams, "mtaudit_audit_slots", nil); v != 3 {
		t.Errorf("slots = %v, want 3", v)
	}
	if v := value(t, fams, "mtaudit_audits_waiting", nil); v != 0 {
		t.Errorf("waiting = %v", v)
	}
	for _, name := range []string{"mtaudit_llm_requests_total", "mtaudit_llm_tokens_total", "go_goroutines"} {
		if fams[name] == nil {
			t.Errorf("no %s", name)
		}
	}
}

// Two servers in one process count apart: each has its own registry.
func TestMetricsPerServer(t *testing.T) {
	_, a := newTestServer(t, Options{})
	_, b := newTestServer(t, Options{})
	post(a.URL)
	if v := value(t, scrape(t, b.URL), "mtaudit_audit_duration_seconds", nil); v != 0 {
		t.Errorf("server b counts server a's audit: %v", v)
	}
}

func TestMetricsInFlight(t *testing.T) {
	started, release := make(chan struct{}, 1), make(chan struct{})
	_, ts := newTestServer(t, Options{Engine: testEngine(t, blockingRule(started, release))})
	done := make(chan answer, 1)
	go func() { done <- post(ts.URL) }()
	<-started
	v := value(t, scrape(t, ts.URL), "mtaudit_audits_in_flight", nil)
	close(release)
	<-done
	if v != 1 {
		t.Errorf("in flight during an audit = %v, want 1", v)
	}
}
