package server

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/services/metrics"
)

// serverMetrics are what GET /metrics shows: the audits (services/metrics)
// and the slots, in flight and waiting.
type serverMetrics struct {
	registry *prometheus.Registry
	audits   *metrics.Audits
	waiting  atomic.Int64 // requests waiting for an audit slot
}

// registerMetrics builds the server's own registry and serves it on
// /metrics. It holds no article text and needs no token: counts only.
func (s *Server) registerMetrics(mux *http.ServeMux) {
	m := &serverMetrics{registry: metrics.NewRegistry()}
	m.audits = metrics.NewAudits(m.registry)
	m.registry.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: metrics.Namespace, Name: "audits_in_flight",
			Help: "Audits running now (slots held)."}, func() float64 { return float64(len(s.slots)) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: metrics.Namespace, Name: "audit_slots",
			Help: "Audits that may run at once (--max-concurrent)."}, func() float64 { return float64(cap(s.slots)) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: metrics.Namespace, Name: "audits_waiting",
			Help: "Requests waiting for an audit slot (the queue)."}, func() float64 { return float64(m.waiting.Load()) }),
	)
	s.metrics = m
	mux.Handle("/metrics", allow(http.MethodGet, metrics.Handler(m.registry)))
}

// audit runs one audit and counts it.
func (s *Server) audit(ctx context.Context, eng *audit.Engine, doc *audit.Document) *audit.Result {
	start := time.Now()
	res := eng.Audit(ctx, doc)
	s.metrics.audits.Observe(res, time.Since(start))
	return res
}

// waitingForSlot counts a request as waiting until the returned func runs.
func (s *Server) waitingForSlot() (done func()) {
	s.metrics.waiting.Add(1)
	return func() { s.metrics.waiting.Add(-1) }
}
