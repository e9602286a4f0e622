package queue

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/mtaudit/mtaudit/services/metrics"
)

// DefaultProgressEvery is how often a worker logs its progress.
const DefaultProgressEvery = 10 * time.Second

// Progress is one progress report of a worker.
type Progress struct {
	Processed int64 // results stored and acknowledged so far
	Failed    int64 // error entries stored so far
	Retried   int64 // audits handed back for another try so far
	InFlight  int64 // articles being audited now
	// Rate is articles finished (processed or failed) per second since
	// the previous report.
	Rate float64
	// Pending and AckPending are the consumer's articles not yet delivered
	// and delivered but not acknowledged, as the server last said; -1 when
	// it could not be asked.
	Pending, AckPending int64
}

// progressLoop logs a progress line at every tick until ctx is done.
func (w *Worker) progressLoop(ctx context.Context, cons jetstream.Consumer) {
	if w.cfg.ProgressEvery < 0 && w.cfg.metrics == nil {
		return
	}
	every := w.cfg.ProgressEvery
	if every <= 0 {
		every = DefaultProgressEvery
	}
	ticks, stop := w.ticker(every)
	defer stop()
	last, lastAt := int64(0), w.now()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticks:
		}
		p := Progress{Processed: w.done.Load(), Failed: w.errs.Load(), Retried: w.retried.Load(), InFlight: w.inFlight.Load(), Pending: -1, AckPending: -1}
		now := w.now()
		finished := p.Processed + p.Failed
		if secs := now.Sub(lastAt).Seconds(); secs > 0 {
			p.Rate = float64(finished-last) / secs
		}
		last, lastAt = finished, now
		ictx, cancel := context.WithTimeout(ctx, min(every, 5*time.Second))
		if info, err := cons.Info(ictx); err == nil {
			p.Pending, p.AckPending = int64(info.NumPending), int64(info.NumAckPending)
			w.queue.store(p.Pending, p.AckPending)
		}
		cancel()
		if w.cfg.ProgressEvery >= 0 {
			w.logProgress(ctx, p)
		}
	}
}

func (w *Worker) logProgress(ctx context.Context, p Progress) {
	w.cfg.Logger.LogAttrs(ctx, slog.LevelInfo, "progress",
		slog.Int64("processed", p.Processed),
		slog.Int64("failed", p.Failed),
		slog.Int64("retried", p.Retried),
		slog.Int64("in_flight", p.InFlight),
		slog.Float64("rate", float64(int64(p.Rate*100))/100),
		slog.Int64("pending", p.Pending),
		slog.Int64("ack_pending", p.AckPending),
	)
}

// realTicker is time.NewTicker as ticks and a stop function; tests give
// the worker their own ticks instead.
func realTicker(d time.Duration) (<-chan time.Time, func()) {
	t := time.NewTicker(d)
	return t.C, t.Stop
}

// workerMetrics registers a worker's metrics on reg: the audits
// (services/metrics) and the worker's own counts, read from its counters.
func (w *Worker) registerMetrics(reg prometheus.Registerer) {
	w.cfg.metrics = metrics.NewAudits(reg)
	counter := func(name, help string, v *atomic.Int64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Namespace: metrics.Namespace, Name: name, Help: help},
			func() float64 { return float64(v.Load()) })
	}
	gauge := func(name, help string, v *atomic.Int64) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: metrics.Namespace, Name: name, Help: help},
			func() float64 { return float64(v.Load()) })
	}
	reg.MustRegister(
		counter("worker_processed_total", "Results stored and acknowledged.", &w.done),
		counter("worker_failed_total", "Error entries stored (bad message, required LLM pass failed for good).", &w.errs),
		counter("worker_retried_total", "Audits that failed and were handed back for another try.", &w.retried),
		counter("worker_redelivered_total", "Results acknowledged for articles delivered more than once.", &w.redelivered),
		gauge("audits_in_flight", "Articles being audited now.", &w.inFlight),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: metrics.Namespace, Name: "worker_slots",
			Help: "Articles this worker audits at once (-j)."}, func() float64 { return float64(w.cfg.Workers) }),
		newQueueDepthCollector(&w.queue),
	)
}
