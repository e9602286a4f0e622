package batch

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mtaudit/mtaudit/audit"
)

// The window bounds the text in flight as well as the number of inputs:
// with places for 1,000 inputs and 600 bytes, the inputs between numbering
// and emitting never hold more than 600 bytes; an article longer than the
// whole budget still goes through, alone, and every input is emitted in
// order.
func TestWindowBoundsBytes(t *testing.T) {
	eng := newEngine(t, testRule())
	const budget = 600
	ins := inputs(t, 300)
	long, err := audit.NewDocument("long.txt", []byte(strings.Repeat("Le port rouvre demain. ", 200)))
	if err != nil {
		t.Fatal(err)
	}
	ins[100] = audit.Input{Path: long.Path, Doc: long}
	weight := func(j *Job) int64 {
		if j.Input.Doc == nil {
			return 0
		}
		return min(int64(len(j.Input.Doc.Text)), budget)
	}
	var inFlight, peak atomic.Int64
	opts := Options{
		Workers: 4, Window: 1000, WindowBytes: budget,
		Prepare: func(j *Job) {
			if n := inFlight.Add(weight(j)); n > peak.Load() {
				peak.Store(n)
			}
		},
	}
	var got []string
	_, err = Run(context.Background(), eng, Slice(ins), opts, func(o *Outcome) error {
		inFlight.Add(-weight(o.Job))
		got = append(got, o.Input.Path)
		time.Sleep(50 * time.Microsecond) // a slow consumer: the reader catches up with the window
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(ins) {
		t.Fatalf("%d outcomes emitted, want %d", len(got), len(ins))
	}
	for i, in := range ins {
		if got[i] != in.Path {
			t.Fatalf("outcome %d is %s, want %s", i, got[i], in.Path)
		}
	}
	if peak.Load() > budget {
		t.Errorf("%d bytes of text between reading and emitting, budget %d", peak.Load(), budget)
	}
}
