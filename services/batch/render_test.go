package batch

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// Render sees each outcome once, final: after Store in a run without batch
// rules, after the batch findings in a run with them (the batch rule below
// adds a finding to two of the 200 articles, stored again). What it
// renders reaches emit.
func TestRenderSeesFinalOutcomes(t *testing.T) {
	for _, withBatch := range []bool{false, true} {
		rules := []*audit.Rule{testRule()}
		if withBatch {
			rules = append(rules, summarisingRule())
		}
		eng := newEngine(t, rules...)
		var ins []audit.Input
		for i := range 200 {
			text := fmt.Sprintf("Article %d du port.", i)
			switch i {
			case 7:
				text += " YY"
			case 40, 150:
				text += " ZZ"
			}
			d, _ := audit.NewDocument(fmt.Sprintf("r%03d.txt", i), []byte(text))
			ins = append(ins, audit.Input{Path: d.Path, Doc: d})
		}
		ins[20] = audit.Input{Path: "unreadable.txt", Err: fmt.Errorf("unreadable")}
		var mu sync.Mutex
		rendered, stored := map[string]int{}, map[string]int{}
		opts := Options{
			Workers: 3, SpoolDir: t.TempDir(),
			Store: func(o *Outcome) error {
				mu.Lock()
				defer mu.Unlock()
				if rendered[o.Input.Path] > 0 {
					t.Errorf("%s stored after it was rendered", o.Input.Path)
				}
				stored[o.Input.Path]++
				return nil
			},
			Render: func(o *Outcome) error {
				mu.Lock()
				defer mu.Unlock()
				rendered[o.Input.Path]++
				if o.Result != nil {
					o.Rendered = strconv.AppendInt(nil, int64(len(o.Result.Findings)), 10)
				}
				return nil
			},
		}
		emitted := 0
		_, err := Run(context.Background(), eng, Slice(ins), opts, func(o *Outcome) error {
			emitted++
			mu.Lock()
			n := rendered[o.Input.Path]
			mu.Unlock()
			if n != 1 {
				t.Errorf("batch %v: %s rendered %d times before it was emitted", withBatch, o.Input.Path, n)
			}
			if o.Result == nil {
				return nil
			}
			if want := strconv.Itoa(len(o.Result.Findings)); string(o.Rendered) != want {
				t.Errorf("batch %v: %s rendered with %s findings, emitted with %s", withBatch, o.Input.Path, o.Rendered, want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if emitted != len(ins) {
			t.Errorf("batch %v: %d emitted, want %d", withBatch, emitted, len(ins))
		}
		if withBatch && (stored["r040.txt"] != 2 || stored["r150.txt"] != 2) {
			t.Errorf("the batch findings were not stored again: %v %v", stored["r040.txt"], stored["r150.txt"])
		}
	}
}
