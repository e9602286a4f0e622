package queue

import (
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mtaudit/mtaudit/services/metrics"
)

// queueState is what the consumer's info last said, for metrics: both
// counts of one answer, swapped together, so that a scrape never shows
// one answer's pending beside another's (or the unknown -1's) ack_pending.
type queueState struct{ last atomic.Pointer[queueDepth] }

type queueDepth struct{ pending, ackPending int64 }

var unknownDepth = &queueDepth{pending: -1, ackPending: -1}

func (q *queueState) store(pending, ackPending int64) {
	q.last.Store(&queueDepth{pending: pending, ackPending: ackPending})
}

func (q *queueState) load() *queueDepth {
	if d := q.last.Load(); d != nil {
		return d
	}
	return unknownDepth
}

// queueDepthCollector reports one queueState answer as two gauges.
type queueDepthCollector struct {
	q                   *queueState
	pending, ackPending *prometheus.Desc
}

func newQueueDepthCollector(q *queueState) *queueDepthCollector {
	desc := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc(prometheus.BuildFQName(metrics.Namespace, "", name), help, nil, nil)
	}
	return &queueDepthCollector{q: q,
		pending:    desc("queue_pending", "Articles queued and not yet delivered, as the server last said (-1: unknown)."),
		ackPending: desc("queue_ack_pending", "Articles delivered and not yet acknowledged, as the server last said (-1: unknown)."),
	}
}

func (c *queueDepthCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.pending
	ch <- c.ackPending
}

func (c *queueDepthCollector) Collect(ch chan<- prometheus.Metric) {
	d := c.q.load()
	ch <- prometheus.MustNewConstMetric(c.pending, prometheus.GaugeValue, float64(d.pending))
	ch <- prometheus.MustNewConstMetric(c.ackPending, prometheus.GaugeValue, float64(d.ackPending))
}
