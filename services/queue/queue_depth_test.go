package queue

import (
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

// A scrape shows both counts of one answer: while answers (n, n) are
// stored as fast as they come, every gathering reads pending equal to
// ack_pending, and -1 for both before the first answer.
func TestQueueDepthIsOneAnswer(t *testing.T) {
	var q queueState
	reg := prometheus.NewRegistry()
	reg.MustRegister(newQueueDepthCollector(&q))
	gather := func() (pending, ack float64) {
		fams, err := reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fams {
			v := f.GetMetric()[0].GetGauge().GetValue()
			switch f.GetName() {
			case "mtaudit_queue_pending":
				pending = v
			case "mtaudit_queue_ack_pending":
				ack = v
			}
		}
		return pending, ack
	}
	if p, a := gather(); p != -1 || a != -1 {
		t.Fatalf("before any answer: pending %v, ack_pending %v, want -1 and -1", p, a)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Go(func() {
		for n := int64(0); ; n++ {
			select {
			case <-stop:
				return
			default:
				q.store(n, n)
			}
		}
	})
	for range 2000 {
		if p, a := gather(); p != a {
			t.Errorf("one scrape shows pending %v and ack_pending %v", p, a)
			break
		}
	}
	close(stop)
	wg.Wait()
}
