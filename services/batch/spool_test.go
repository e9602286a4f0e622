package batch

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// TestSpoolRoundTrip: what the spool gives back prints and stores like
// what went in: an unreadable input, an article that failed, an audited
// one with findings, fixes, warnings and LLM figures, a huge one.
func TestSpoolRoundTrip(t *testing.T) {
	sp, err := newSpool(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer sp.close()
	doc := &audit.Document{Path: "a.txt", ID: "a-1", Title: "T", URL: "https://x.example/a", Lang: "fr", LangGiven: true,
		Note: "n", Text: "\uFEFFLe texte XX ici.", Body: 3}
	res := &audit.Result{Doc: doc, Words: 4, Penalty: 1.5, Verdict: audit.VerdictFail, Warnings: []string{"w"},
		Findings: []audit.Finding{{Span: audit.Span{Start: 13, End: 15}, Rule: "garbled.x", Category: audit.Garbled,
			Severity: audit.Major, Message: "m", Suggestion: "s", Source: audit.SourceRule, Sources: []string{"llm", "rule"}, Confidence: 0.7,
			Fixes: []audit.Fix{{Message: "Fix it", Edits: []audit.Edit{{Start: 13, End: 15, New: "YY"}}}}}}}
	res.Stats.LLM = &audit.LLMStats{Chunks: 2, Failed: true, Error: "e"}
	huge := &audit.Document{Path: "h.txt", Lang: "fr", Text: strings.Repeat("Une phrase. ", 200000)}
	in := []*Outcome{
		{Job: &Job{Seq: 0, Input: audit.Input{Path: "bad.txt", Err: errors.New("unreadable")}}},
		{Job: &Job{Seq: 1, Input: audit.Input{Path: "e.txt", Doc: &audit.Document{Path: "e.txt", Text: "x"}}, Hash: "h1", Name: "e"},
			Result: &audit.Result{Doc: &audit.Document{Path: "e.txt", Text: "x"}, Err: errors.New("LLM pass required but failed")}},
		{Job: &Job{Seq: 2, Input: audit.Input{Path: "a.txt", Doc: doc}, Hash: "h2", Name: "a"}, Result: res, Resumed: true},
		{Job: &Job{Seq: 3, Input: audit.Input{Path: "h.txt", Doc: huge}, Hash: "h3", Name: "h"}, Result: &audit.Result{Doc: huge, NotAudited: "why"}},
	}
	for k, o := range in {
		if err := sp.put(o, k-1); err != nil {
			t.Fatal(err)
		}
	}
	k := 0
	err = sp.each(func(o *Outcome, n int) bool {
		want := in[k]
		if n != k-1 || o.Seq != want.Seq || o.Input.Path != want.Input.Path || o.Hash != want.Hash || o.Name != want.Name || o.Resumed != want.Resumed {
			t.Errorf("outcome %d: %+v batch %d", k, o.Job, n)
		}
		if (o.Input.Err == nil) != (want.Input.Err == nil) || (o.Input.Err != nil && o.Input.Err.Error() != want.Input.Err.Error()) {
			t.Errorf("outcome %d: input error %v", k, o.Input.Err)
		}
		if (o.Result == nil) != (want.Result == nil) {
			t.Fatalf("outcome %d: result %v", k, o.Result)
		}
		if r, w := o.Result, want.Result; r != nil {
			if (r.Err == nil) != (w.Err == nil) || (r.Err != nil && r.Err.Error() != w.Err.Error()) {
				t.Errorf("outcome %d: error %v", k, r.Err)
			}
			wd := *w.Doc
			wd.Lines, wd.Paragraphs, wd.Sentences = nil, nil, nil
			if !reflect.DeepEqual(*r.Doc, wd) {
				t.Errorf("outcome %d: document %+v", k, r.Doc.Path)
			}
			if o.Input.Doc != r.Doc {
				t.Errorf("outcome %d: input and result documents differ", k)
			}
			if !reflect.DeepEqual(r.Findings, w.Findings) || !reflect.DeepEqual(r.Warnings, w.Warnings) || !reflect.DeepEqual(r.Stats, w.Stats) ||
				r.Words != w.Words || r.Penalty != w.Penalty || r.Verdict != w.Verdict || r.NotAudited != w.NotAudited {
				t.Errorf("outcome %d: result %+v, want %+v", k, r, w)
			}
		}
		k++
		return true
	})
	if err != nil || k != len(in) {
		t.Fatalf("read back %d of %d: %v", k, len(in), err)
	}
}

// summarisingRule is batchRule as a summarising rule: each article's
// summary says whether it holds YY and where its ZZ is; the run keeps two
// numbers per article, not the article.
func summarisingRule() *audit.Rule {
	r := batchRule()
	r.ID = "name.test-summary"
	r.Summarize = func(p *audit.Pass) any {
		return [2]int{strings.Index(p.Doc.Text, "YY"), strings.Index(p.Doc.Text, "ZZ")}
	}
	r.Gather = func(*audit.BatchPass) audit.Gatherer { return &zzGatherer{} }
	return r
}

type zzGatherer struct {
	yy, zz []int // per article
	any    bool
}

func (g *zzGatherer) Add(i int, _ string, parts []audit.Part) {
	y, z := -1, -1
	for _, p := range parts {
		v := p.Value.([2]int)
		if v[0] >= 0 && y < 0 {
			y = p.Offset + v[0]
		}
		if v[1] >= 0 && z < 0 {
			z = p.Offset + v[1]
		}
	}
	g.yy, g.zz = append(g.yy, y), append(g.zz, z)
}

func (g *zzGatherer) Finish() {
	for _, y := range g.yy {
		g.any = g.any || y >= 0
	}
}

func (g *zzGatherer) Flagged(i int) bool { return g.any && g.yy[i] < 0 && g.zz[i] >= 0 }

func (g *zzGatherer) Report(i int, parts []audit.Part, report func(audit.Diagnostic)) {
	at := g.zz[i]
	report(audit.Diagnostic{Start: at, End: at + 2, Message: "seen elsewhere"})
}

// TestSummarisingBatchRuleThroughTheSpool: a batch rule that keeps only
// summaries gives its findings through a run, stored again once (with
// Rewrite) where they changed a result.
func TestSummarisingBatchRuleThroughTheSpool(t *testing.T) {
	eng := newEngine(t, testRule(), summarisingRule())
	texts := []string{"Premier ZZ article.", "Deuxième sans rien.", "Troisième avec YY.", "Quatrième ZZ aussi."}
	var ins []audit.Input
	for i, s := range texts {
		d, _ := audit.NewDocument(fmt.Sprintf("s%d.txt", i), []byte(s))
		ins = append(ins, audit.Input{Path: d.Path, Doc: d})
	}
	var mu sync.Mutex
	stores, rewrites := map[string]int{}, map[string]int{}
	got, st := runAll(t, eng, ins, Options{Workers: 2, SpoolDir: t.TempDir(), Store: func(o *Outcome) error {
		mu.Lock()
		defer mu.Unlock()
		stores[o.Input.Path]++
		if o.Rewrite {
			rewrites[o.Input.Path]++
		}
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
	if stores["s0.txt"] != 2 || stores["s1.txt"] != 1 || rewrites["s0.txt"] != 1 || rewrites["s1.txt"] != 0 || rewrites["s3.txt"] != 1 {
		t.Errorf("stores %v, rewrites %v", stores, rewrites)
	}
}

// TestInterruptedRunSkipsBatchRules: over part of a run, batch findings
// would be wrong, and stored would be carried into a resumed run.
func TestInterruptedRunSkipsBatchRules(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rule := testRule()
	var mu sync.Mutex
	audits := 0
	rule.Run = func(p *audit.Pass) {
		mu.Lock()
		defer mu.Unlock()
		if audits++; audits == 30 {
			cancel()
		}
	}
	eng := newEngine(t, rule, summarisingRule())
	var ins []audit.Input
	for i := range 400 {
		text := "Un article ZZ."
		if i == 0 {
			text = "Le premier avec YY."
		}
		d, _ := audit.NewDocument(fmt.Sprintf("i%03d.txt", i), []byte(text))
		ins = append(ins, audit.Input{Path: d.Path, Doc: d})
	}
	findings := 0
	st, err := Run(ctx, eng, Slice(ins), Options{Workers: 2}, func(o *Outcome) error {
		if o.Result != nil {
			findings += len(o.Result.Findings)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !st.Interrupted || st.BatchRules || st.Emitted == 0 {
		t.Errorf("stats %+v", st)
	}
	if findings != 0 {
		t.Errorf("an interrupted run gave %d batch findings", findings)
	}
}

// zzInputs are n articles for summarisingRule: the first has YY, every
// third ZZ (so flagged), the rest neither.
func zzInputs(t *testing.T, n int) []audit.Input {
	t.Helper()
	var ins []audit.Input
	for i := range n {
		text := fmt.Sprintf("Article numéro %d sans rien.", i)
		switch {
		case i == 0:
			text = "Le premier avec YY."
		case i%3 == 0:
			text = fmt.Sprintf("Article numéro %d avec ZZ.", i)
		}
		d, _ := audit.NewDocument(fmt.Sprintf("z%03d.txt", i), []byte(text))
		ins = append(ins, audit.Input{Path: d.Path, Doc: d})
	}
	return ins
}

// TestBatchTailInOrderWhateverWorkers: the outcomes read back from the
// spool get their batch findings on several workers and are emitted in
// input order, the same whatever the number of workers.
func TestBatchTailInOrderWhateverWorkers(t *testing.T) {
	eng := newEngine(t, testRule(), summarisingRule())
	one, _ := runAll(t, eng, zzInputs(t, 400), Options{Workers: 1, SpoolDir: t.TempDir()})
	four, st := runAll(t, eng, zzInputs(t, 400), Options{Workers: 4, SpoolDir: t.TempDir()})
	if !st.BatchRules || len(four) != 400 {
		t.Fatalf("stats %+v, %d emitted", st, len(four))
	}
	for i, e := range four {
		want := 0
		if i > 0 && i%3 == 0 {
			want = 1
		}
		if len(e.findings) != want {
			t.Errorf("%s: %d findings, want %d", e.path, len(e.findings), want)
		}
	}
	if !reflect.DeepEqual(one, four) {
		t.Error("1 and 4 workers emitted different outcomes")
	}
}

// TestBatchTailStopsAtEmitError: an emit error while the spool is read
// back stops the run with that error; nothing is emitted after it.
func TestBatchTailStopsAtEmitError(t *testing.T) {
	eng := newEngine(t, testRule(), summarisingRule())
	boom := errors.New("broken pipe")
	calls := 0
	_, err := Run(context.Background(), eng, Slice(zzInputs(t, 400)), Options{Workers: 4, SpoolDir: t.TempDir()},
		func(*Outcome) error {
			calls++
			if calls == 50 {
				return boom
			}
			return nil
		})
	if !errors.Is(err, boom) || calls != 50 {
		t.Fatalf("err = %v after %d calls", err, calls)
	}
}

// TestBatchTailStopsAtStoreError: a report stored again after the batch
// rules fails; the run stops with that error before emitting that outcome.
func TestBatchTailStopsAtStoreError(t *testing.T) {
	eng := newEngine(t, testRule(), summarisingRule())
	boom := errors.New("disk full")
	var rewrites atomic.Int64
	emitted := 0
	_, err := Run(context.Background(), eng, Slice(zzInputs(t, 400)), Options{Workers: 4, SpoolDir: t.TempDir(),
		Store: func(o *Outcome) error {
			if o.Rewrite && rewrites.Add(1) == 20 {
				return boom
			}
			return nil
		}},
		func(*Outcome) error { emitted++; return nil })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if emitted >= 400 {
		t.Errorf("all %d outcomes emitted after a store error", emitted)
	}
}

// TestSpoolKeptStringsHoldNoRecord: the strings a run keeps after an
// outcome is emitted (the summary's path, verdict and reason, the
// manifest's name and hash) are copies, not views of the record read
// back, which would keep every record's findings until the run ends.
func TestSpoolKeptStringsHoldNoRecord(t *testing.T) {
	sp, err := newSpool(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer sp.close()
	const n, message = 400, 64 << 10 // 25 MB of findings in all
	for i := range n {
		doc := &audit.Document{Path: fmt.Sprintf("a%03d.txt", i), Lang: "fr", Text: "x"}
		res := &audit.Result{Doc: doc, Verdict: audit.VerdictFail, NotAudited: "why",
			Findings: []audit.Finding{{Rule: "garbled.x", Category: audit.Garbled, Message: strings.Repeat("m", message)}}}
		o := &Outcome{Job: &Job{Seq: i, Input: audit.Input{Path: doc.Path, Doc: doc}, Hash: "h", Name: "n"}, Result: res}
		if err := sp.put(o, i); err != nil {
			t.Fatal(err)
		}
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var kept []string
	err = sp.each(func(o *Outcome, _ int) bool {
		kept = append(kept, o.Input.Path, o.Result.Doc.Path, o.Result.Verdict, o.Result.NotAudited, o.Name, o.Hash)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > n*message/4 {
		t.Errorf("the kept strings of %d records hold %d bytes of heap", n, grown)
	}
	runtime.KeepAlive(kept)
}
