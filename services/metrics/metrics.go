// Package metrics counts audits for Prometheus: what `mtaudit serve` and
// `mtaudit worker` expose on /metrics, in the text format. Each server
// builds its own registry (never the global one), so two servers in one
// process, or in one test, count apart.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/mtaudit/mtaudit/audit"
)

// Namespace prefixes every metric name.
const Namespace = "mtaudit"

// LatencyBuckets span a short article audited by the rules alone
// (milliseconds) to one that waits for an LLM (a minute).
var LatencyBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120}

// Audits counts finished audits, their findings and their LLM cost.
type Audits struct {
	audits      *prometheus.CounterVec
	findings    *prometheus.CounterVec
	latency     prometheus.Histogram
	llmRequests prometheus.Counter
	llmCached   prometheus.Counter
	llmTokens   *prometheus.CounterVec
	llmFailures prometheus.Counter
}

// NewRegistry is a registry holding the Go runtime and process collectors.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// NewAudits registers the audit metrics on reg.
func NewAudits(reg prometheus.Registerer) *Audits {
	f := func(c prometheus.Collector) { reg.MustRegister(c) }
	a := &Audits{
		audits: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "audits_total",
			Help: "Articles audited, by verdict (pass, fail, or error when the audit itself failed)."}, []string{"verdict"}),
		findings: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "findings_total",
			Help: "Findings reported, by category and severity."}, []string{"category", "severity"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{Namespace: Namespace, Name: "audit_duration_seconds",
			Help: "Time to audit one article, LLM pass included.", Buckets: LatencyBuckets}),
		llmRequests: prometheus.NewCounter(prometheus.CounterOpts{Namespace: Namespace, Name: "llm_requests_total",
			Help: "Requests sent to the LLM."}),
		llmCached: prometheus.NewCounter(prometheus.CounterOpts{Namespace: Namespace, Name: "llm_cache_hits_total",
			Help: "LLM chunks answered from the cache."}),
		llmTokens: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "llm_tokens_total",
			Help: "LLM tokens, by kind (prompt, completion)."}, []string{"kind"}),
		llmFailures: prometheus.NewCounter(prometheus.CounterOpts{Namespace: Namespace, Name: "llm_failures_total",
			Help: "Articles whose LLM pass failed."}),
	}
	f(a.audits)
	f(a.findings)
	f(a.latency)
	f(a.llmRequests)
	f(a.llmCached)
	f(a.llmTokens)
	f(a.llmFailures)
	// Series that exist from the start, so that rates and alerts work
	// before the first audit.
	for _, v := range []string{audit.VerdictPass, audit.VerdictFail, "error"} {
		a.audits.WithLabelValues(v)
	}
	for _, k := range []string{"prompt", "completion"} {
		a.llmTokens.WithLabelValues(k)
	}
	return a
}

// Observe counts one finished audit that took d.
func (a *Audits) Observe(res *audit.Result, d time.Duration) {
	if a == nil || res == nil {
		return
	}
	a.latency.Observe(d.Seconds())
	verdict := res.Verdict
	if res.Err != nil || verdict == "" {
		verdict = "error"
	}
	a.audits.WithLabelValues(verdict).Inc()
	for _, f := range res.Findings {
		a.findings.WithLabelValues(string(f.Category), f.Severity.String()).Inc()
	}
	if s := res.Stats.LLM; s != nil {
		a.llmRequests.Add(float64(s.Requests))
		a.llmCached.Add(float64(s.CacheHits))
		a.llmTokens.WithLabelValues("prompt").Add(float64(s.PromptTokens))
		a.llmTokens.WithLabelValues("completion").Add(float64(s.CompletionTokens))
		if s.Failed {
			a.llmFailures.Inc()
		}
	}
}

// Handler serves reg in the Prometheus text format (or what the scraper
// negotiates).
func Handler(reg *prometheus.Registry) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg})
}
