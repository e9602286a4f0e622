package batch

import (
	"context"

	"golang.org/x/sync/semaphore"

	"github.com/mtaudit/mtaudit/audit"
)

// window is what may be between reading and emitting: a number of places
// for inputs and a budget of their text bytes. The reader takes an input's
// place and bytes once it has read it; the collector gives them back when
// the outcome is emitted (or spooled), in input order.
type window struct {
	places   chan struct{}
	bytes    *semaphore.Weighted
	maxBytes int64
}

func newWindow(places int, bytes int64) *window {
	return &window{places: make(chan struct{}, places), bytes: semaphore.NewWeighted(bytes), maxBytes: bytes}
}

// weight is what an input takes of the byte budget: its text, all of the
// budget at most (a longer article goes through alone), nothing for an
// input that could not be read.
func (w *window) weight(in audit.Input) int64 {
	if in.Doc == nil {
		return 0
	}
	return min(int64(len(in.Doc.Text)), w.maxBytes)
}

// take waits for a place and n bytes; false when ctx ends first.
func (w *window) take(ctx context.Context, n int64) bool {
	select {
	case w.places <- struct{}{}:
	case <-ctx.Done():
		return false
	}
	return n == 0 || w.bytes.Acquire(ctx, n) == nil
}

// give returns a place and n bytes.
func (w *window) give(n int64) {
	if n > 0 {
		w.bytes.Release(n)
	}
	<-w.places
}
