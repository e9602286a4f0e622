package batch

import (
	"context"
	"iter"
	"testing"
	"time"

	"github.com/mtaudit/mtaudit/audit"
)

// blockedSource yields its inputs, then blocks as a read from a named pipe
// with no writer does, until released.
type blockedSource struct {
	ins     []audit.Input
	release chan struct{}
}

func (s *blockedSource) Inputs() iter.Seq[audit.Input] {
	return func(yield func(audit.Input) bool) {
		for _, in := range s.ins {
			if !yield(in) {
				return
			}
		}
		<-s.release
	}
}

func (s *blockedSource) Known() int { return len(s.ins) + 1 }

// TestCancelStopsARunBlockedInARead: a source stuck in a read must not
// keep the run alive once it is cancelled (Ctrl-C): what was read is
// emitted, and Run returns, interrupted.
func TestCancelStopsARunBlockedInARead(t *testing.T) {
	eng := newEngine(t, testRule())
	src := &blockedSource{ins: inputs(t, 3)[:3], release: make(chan struct{})}
	defer close(src.release)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type outcome struct {
		st  Stats
		err error
		n   int
	}
	done := make(chan outcome, 1)
	go func() {
		n := 0
		st, err := Run(ctx, eng, src, Options{Workers: 2}, func(o *Outcome) error {
			n++
			if n == 3 {
				cancel() // every input read is out; the source now blocks
			}
			return nil
		})
		done <- outcome{st, err, n}
	}()
	select {
	case o := <-done:
		if o.err != nil || o.n != 3 || !o.st.Interrupted {
			t.Fatalf("emitted %d, stats %+v, err %v; want 3 emitted and an interrupted run", o.n, o.st, o.err)
		}
	case <-time.After(2 * time.Minute): // a hang guard, not a timing check
		t.Fatal("Run did not return after its context was cancelled while the source was blocked")
	}
}
