package batch

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mtaudit/mtaudit/audit"
)

// testRule flags every "XX" and, to shuffle completion order, sleeps a
// little on articles whose text says so.
func testRule() *audit.Rule {
	return &audit.Rule{
		ID: "garbled.test-xx", Category: audit.Garbled, Severity: audit.Minor,
		Title: "test marker", Doc: "Flags XX.",
		Examples: []audit.Example{{Text: "a XX b", Trigger: true}, {Text: "a b"}},
		Run: func(p *audit.Pass) {
			t := p.Doc.Text
			if strings.Contains(t, "lent") {
				time.Sleep(time.Duration(len(t)%5) * time.Millisecond)
			}
			for i := 0; ; {
				k := strings.Index(t[i:], "XX")
				if k < 0 {
					return
				}
				p.Reportf(i+k, i+k+2, "marker")
				i += k + 2
			}
		},
	}
}

// batchRule flags the first "XX" of the first article when the run has
// another article holding "YY": a finding only a whole run can give.
func batchRule() *audit.Rule {
	return &audit.Rule{
		ID: "name.test-batch", Category: audit.Name, Severity: audit.Major,
		Title: "test batch", Doc: "Flags across articles.",
		Examples: []audit.Example{{Text: "XX", Trigger: true}, {Text: "a"}},
		RunBatch: func(p *audit.BatchPass) {
			for i, d := range p.Docs {
				if strings.Contains(d.Text, "YY") {
					for k, d0 := range p.Docs {
						if k != i {
							if at := strings.Index(d0.Text, "ZZ"); at >= 0 {
								p.Report(k, audit.Diagnostic{Start: at, End: at + 2, Message: "seen elsewhere"})
							}
						}
					}
					return
				}
			}
		},
	}
}

func newEngine(t testing.TB, rules ...*audit.Rule) *audit.Engine {
	t.Helper()
	cfg := audit.DefaultConfig()
	cfg.Lang = "fr"
	eng, err := audit.NewEngine(rules, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// inputs builds n articles, every seventh unreadable.
func inputs(t testing.TB, n int) []audit.Input {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	var ins []audit.Input
	for i := range n {
		path := fmt.Sprintf("a%04d.txt", i)
		if i%7 == 3 {
			ins = append(ins, audit.Input{Path: path, Err: errors.New("unreadable")})
			continue
		}
		words := []string{"Le", "port", "rouvre", "XX", "lent", "demain", "quai"}
		var b strings.Builder
		for range 5 + rng.IntN(40) {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteByte(' ')
		}
		b.WriteString(fmt.Sprintf("fin %d.", i))
		doc, err := audit.NewDocument(path, []byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, audit.Input{Path: path, Doc: doc})
	}
	return ins
}

// fresh copies inputs so that runs do not share documents.
func fresh(t testing.TB, ins []audit.Input) []audit.Input {
	out := make([]audit.Input, len(ins))
	for i, in := range ins {
		out[i] = in
		if in.Doc != nil {
			d, err := audit.NewDocument(in.Doc.Path, []byte(in.Doc.Text))
			if err != nil {
				t.Fatal(err)
			}
			out[i].Doc = d
		}
	}
	return out
}

type emitted struct {
	path     string
	err      bool
	findings []audit.Finding
	penalty  float64
}

func runAll(t *testing.T, eng *audit.Engine, ins []audit.Input, opts Options) ([]emitted, Stats) {
	t.Helper()
	var got []emitted
	st, err := Run(context.Background(), eng, Slice(ins), opts, func(o *Outcome) error {
		if o.Seq != len(got) {
			t.Errorf("emitted seq %d at position %d", o.Seq, len(got))
		}
		e := emitted{path: o.Input.Path, err: o.Result == nil}
		if o.Result != nil {
			e.findings, e.penalty = o.Result.Findings, o.Result.Penalty
		}
		got = append(got, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got, st
}

func TestOrderIsInputOrderWhateverWorkers(t *testing.T) {
	eng := newEngine(t, testRule())
	ins := inputs(t, 300)
	one, st1 := runAll(t, eng, fresh(t, ins), Options{Workers: 1})
	eight, st8 := runAll(t, eng, fresh(t, ins), Options{Workers: 8, Window: 16})
	if len(one) != len(ins) {
		t.Fatalf("emitted %d of %d", len(one), len(ins))
	}
	if !reflect.DeepEqual(one, eight) {
		t.Error("-j 1 and -j 8 emitted different outcomes")
	}
	want := Stats{Total: 300, Emitted: 300, Audited: 257, Unreadable: 43}
	if st1 != want || st8 != want {
		t.Errorf("stats %+v and %+v, want %+v", st1, st8, want)
	}
	for i, e := range one {
		if e.path != ins[i].Path {
			t.Fatalf("position %d holds %s", i, e.path)
		}
		if e.err != (ins[i].Err != nil) {
			t.Errorf("%s: error %v", e.path, e.err)
		}
		if !e.err && len(e.findings) != strings.Count(ins[i].Doc.Text, "XX") {
			t.Errorf("%s: %d findings", e.path, len(e.findings))
		}
	}
}

func TestPrepareInOrderStoreBeforeEmit(t *testing.T) {
	eng := newEngine(t, testRule())
	ins := inputs(t, 120)
	var prepared []int
	var mu sync.Mutex
	stored := map[int]int{}
	opts := Options{
		Workers: 4,
		Prepare: func(j *Job) {
			prepared = append(prepared, j.Seq)
			j.Name = "n" + j.Input.Path
			if j.Input.Doc != nil && j.Hash != Hash(j.Input.Doc.Text) {
				t.Errorf("hash of %s", j.Input.Path)
			}
		},
		Store: func(o *Outcome) error {
			mu.Lock()
			defer mu.Unlock()
			stored[o.Seq]++
			return nil
		},
	}
	n := 0
	_, err := Run(context.Background(), eng, Slice(ins), opts, func(o *Outcome) error {
		mu.Lock()
		defer mu.Unlock()
		if o.Name != "n"+o.Input.Path {
			t.Errorf("name %q lost", o.Name)
		}
		if o.Result != nil && stored[o.Seq] != 1 {
			t.Errorf("%s emitted after %d stores", o.Input.Path, stored[o.Seq])
		}
		if o.Result == nil && stored[o.Seq] != 0 {
			t.Errorf("unreadable %s stored", o.Input.Path)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range prepared {
		if s != i {
			t.Fatalf("prepare order %v", prepared[:i+1])
		}
	}
	if n != len(ins) || len(prepared) != len(ins) {
		t.Errorf("emitted %d, prepared %d of %d", n, len(prepared), len(ins))
	}
}

func TestResumeSkipsAuditAndStore(t *testing.T) {
	var audits atomic.Int64
	rule := testRule()
	run := rule.Run
	rule.Run = func(p *audit.Pass) { audits.Add(1); run(p) }
	eng := newEngine(t, rule)
	ins := inputs(t, 70)
	var stores atomic.Int64
	opts := Options{
		Workers: 3,
		Resume: func(j *Job) (*audit.Result, bool) {
			if j.Seq%2 == 0 {
				return &audit.Result{Doc: j.Input.Doc, Verdict: audit.VerdictPass}, true
			}
			return nil, false
		},
		Store: func(o *Outcome) error {
			if o.Resumed {
				t.Errorf("resumed %s stored", o.Input.Path)
			}
			stores.Add(1)
			return nil
		},
	}
	_, st := runAll(t, eng, ins, opts)
	readable := 0
	for _, in := range ins {
		if in.Doc != nil {
			readable++
		}
	}
	if st.Resumed+st.Audited != readable || st.Resumed == 0 || int(audits.Load()) != st.Audited || int(stores.Load()) != st.Audited {
		t.Errorf("stats %+v, audits %d, stores %d, readable %d", st, audits.Load(), stores.Load(), readable)
	}
}

func TestCancelStopsCleanly(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var audits atomic.Int64
	rule := testRule()
	rule.Run = func(p *audit.Pass) {
		if audits.Add(1) == 40 {
			cancel()
		}
	}
	eng := newEngine(t, rule)
	ins := inputs(t, 2000)
	var mu sync.Mutex
	stored := map[int]bool{}
	var emittedAudited []int
	var last Progress
	st, err := Run(ctx, eng, Slice(ins), Options{
		Workers: 4,
		Store: func(o *Outcome) error {
			mu.Lock()
			defer mu.Unlock()
			stored[o.Seq] = true
			return nil
		},
		Progress: func(p Progress) { last = p },
	}, func(o *Outcome) error {
		if o.Result != nil {
			emittedAudited = append(emittedAudited, o.Seq)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !st.Interrupted || st.Emitted >= len(ins) || st.Audited == 0 {
		t.Fatalf("stats %+v", st)
	}
	// What is stored is exactly what is emitted: nothing half done either way.
	if len(stored) != len(emittedAudited) {
		t.Errorf("stored %d, emitted %d", len(stored), len(emittedAudited))
	}
	for _, s := range emittedAudited {
		if !stored[s] {
			t.Errorf("seq %d emitted but not stored", s)
		}
	}
	if last.Done != st.Emitted || st.Total != len(ins) {
		t.Errorf("progress %+v, stats %+v", last, st)
	}
}

func TestStoreErrorStopsRun(t *testing.T) {
	eng := newEngine(t, testRule())
	boom := errors.New("disk full")
	var n atomic.Int64
	st, err := Run(context.Background(), eng, Slice(inputs(t, 500)), Options{
		Workers: 2,
		Store: func(o *Outcome) error {
			if n.Add(1) == 10 {
				return boom
			}
			return nil
		},
	}, func(*Outcome) error { return nil })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if st.Emitted >= 500 {
		t.Errorf("run went on: %+v", st)
	}
}

func TestEmitErrorStopsRun(t *testing.T) {
	eng := newEngine(t, testRule())
	boom := errors.New("broken pipe")
	calls := 0
	_, err := Run(context.Background(), eng, Slice(inputs(t, 300)), Options{Workers: 2}, func(*Outcome) error {
		calls++
		if calls == 5 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || calls != 5 {
		t.Fatalf("err = %v after %d calls", err, calls)
	}
}

func TestBatchRulesRunOverTheWholeRun(t *testing.T) {
	eng := newEngine(t, testRule(), batchRule())
	if !HasBatchRules(eng) {
		t.Fatal("batch rule not seen")
	}
	texts := []string{"Premier ZZ article.", "Deuxième sans rien.", "Troisième avec YY.", "Quatrième ZZ aussi."}
	var ins []audit.Input
	for i, s := range texts {
		d, _ := audit.NewDocument(fmt.Sprintf("b%d.txt", i), []byte(s))
		ins = append(ins, audit.Input{Path: d.Path, Doc: d})
	}
	var mu sync.Mutex
	stores := map[string]int{}
	got, st := runAll(t, eng, ins, Options{Workers: 3, Store: func(o *Outcome) error {
		mu.Lock()
		defer mu.Unlock()
		stores[o.Input.Path]++
		return nil
	}})
	if !st.BatchRules {
		t.Error("stats do not say batch rules ran")
	}
	want := []int{1, 0, 0, 1}
	for i, e := range got {
		if len(e.findings) != want[i] {
			t.Errorf("%s: %d findings, want %d", e.path, len(e.findings), want[i])
		}
	}
	// Touched results are stored again after the batch rules.
	if stores["b0.txt"] != 2 || stores["b1.txt"] != 1 || stores["b3.txt"] != 2 {
		t.Errorf("stores %v", stores)
	}
}

func TestWindowBoundsInFlight(t *testing.T) {
	eng := newEngine(t, testRule())
	var inFlight, peak atomic.Int64
	opts := Options{
		Workers: 4, Window: 10,
		Prepare: func(*Job) {
			if n := inFlight.Add(1); n > peak.Load() {
				peak.Store(n)
			}
		},
	}
	_, err := Run(context.Background(), eng, Slice(inputs(t, 400)), opts, func(*Outcome) error {
		inFlight.Add(-1)
		time.Sleep(50 * time.Microsecond) // a slow consumer
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if peak.Load() > 10 {
		t.Errorf("%d inputs in flight, window 10", peak.Load())
	}
}

// A run with no callback keyed on the content hash does not hash; one
// with Store does, every readable input.
func TestHashOnlyForTheCallbacks(t *testing.T) {
	eng := newEngine(t, testRule())
	for _, store := range []bool{false, true} {
		var opts Options
		if store {
			opts.Store = func(*Outcome) error { return nil }
		}
		_, err := Run(context.Background(), eng, Slice(inputs(t, 30)), opts, func(o *Outcome) error {
			want := ""
			if store && o.Input.Doc != nil {
				want = Hash(o.Input.Doc.Text)
			}
			if o.Hash != want {
				t.Errorf("store %v: %s hash %q, want %q", store, o.Input.Path, o.Hash, want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// countingSource counts the inputs taken from it.
type countingSource struct {
	Source
	taken *atomic.Int64
}

func (s countingSource) Inputs() iter.Seq[audit.Input] {
	return func(yield func(audit.Input) bool) {
		for in := range s.Source.Inputs() {
			s.taken.Add(1)
			if !yield(in) {
				return
			}
		}
	}
}

// The reader runs ahead of the workers, but only as far as the window: an
// input read and not yet emitted holds a place in it, but for the one
// input the reader holds while it waits for a place.
func TestWindowBoundsReadAhead(t *testing.T) {
	eng := newEngine(t, testRule())
	var taken, emitted, peak atomic.Int64
	src := countingSource{Slice(inputs(t, 400)), &taken}
	_, err := Run(context.Background(), eng, src, Options{Workers: 4, Window: 10}, func(*Outcome) error {
		if n := taken.Load() - emitted.Load(); n > peak.Load() {
			peak.Store(n)
		}
		emitted.Add(1)
		time.Sleep(50 * time.Microsecond) // a slow consumer: the reader catches up with the window
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if emitted.Load() != 400 {
		t.Fatalf("%d outcomes emitted, want 400", emitted.Load())
	}
	if peak.Load() > 11 {
		t.Errorf("%d inputs read ahead of the emitted ones, window 10", peak.Load())
	}
}

// Known moves once per change: while a file is being read, before its
// first input is handed over, it still counts as one (a run cancelled at
// that moment counts it once, not zero times); each further input adds
// one; a file with no input gives its place back.
func TestFilesSourceKnownAndOrder(t *testing.T) {
	var src Source
	var during []int
	open := func(p string) iter.Seq[audit.Input] {
		return func(yield func(audit.Input) bool) {
			n := map[string]int{"x": 3, "empty": 0, "y": 2}[p]
			for i := range n {
				during = append(during, src.Known())
				d, _ := audit.NewDocument(fmt.Sprintf("%s#%d", p, i), []byte("Texte "+p))
				if !yield(audit.Input{Path: d.Path, Doc: d}) {
					return
				}
			}
		}
	}
	src = Files([]string{"x", "empty", "y"}, open)
	if src.Known() != 3 {
		t.Fatalf("known before %d", src.Known())
	}
	var paths []string
	for in := range src.Inputs() {
		paths = append(paths, in.Path)
	}
	// x: 3 files known, then x#0 took x's place (3), x#1 and x#2 add one
	// each; "empty" gives its place back; y#0 takes y's place.
	if want := []int{3, 3, 4, 4, 4}; !slices.Equal(during, want) {
		t.Errorf("known while reading %v, want %v", during, want)
	}
	if strings.Join(paths, " ") != "x#0 x#1 x#2 y#0 y#1" || src.Known() != 5 {
		t.Errorf("paths %v known %d", paths, src.Known())
	}
}

func TestHash(t *testing.T) {
	if Hash("abc") != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Error("Hash is not hex SHA-256")
	}
}
