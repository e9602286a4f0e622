package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/internal/corpusgen"
	"github.com/mtaudit/mtaudit/reports"
	"github.com/mtaudit/mtaudit/services/batch"
)

// startServer runs a real NATS server with JetStream in a temporary directory.
func startServer(t *testing.T) *server.Server {
	t.Helper()
	ns, err := server.NewServer(&server.Options{
		Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats server not ready")
	}
	t.Cleanup(ns.Shutdown)
	return ns
}

func connect(t *testing.T, ns *server.Server) (*nats.Conn, jetstream.JetStream) {
	t.Helper()
	nc, err := nats.Connect(ns.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return nc, js
}

// markerRule flags "XX"; hook, when set, runs on every article first.
func markerRule(hook func(*audit.Document)) *audit.Rule {
	return &audit.Rule{
		ID: "garbled.test-xx", Category: audit.Garbled, Severity: audit.Minor,
		Title: "test marker", Doc: "Flags XX.",
		Examples: []audit.Example{{Text: "a XX b", Trigger: true}, {Text: "a b"}},
		Run: func(p *audit.Pass) {
			if hook != nil {
				hook(p.Doc)
			}
			if i := strings.Index(p.Doc.Text, "XX"); i >= 0 {
				p.Reportf(i, i+2, "marker")
			}
		},
	}
}

func engine(t *testing.T, hook func(*audit.Document), opts ...audit.Option) *audit.Engine {
	t.Helper()
	cfg := audit.DefaultConfig()
	cfg.Lang = "fr"
	eng, err := audit.NewEngine([]*audit.Rule{markerRule(hook)}, cfg, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// articles makes n distinct generated articles.
func articles(t *testing.T, n int) ([]audit.Input, map[string]bool) {
	t.Helper()
	g := corpusgen.New(42)
	hashes := map[string]bool{}
	var ins []audit.Input
	for i := range n {
		a := g.Article(i)
		d, err := audit.NewDocument(fmt.Sprintf("gen/%05d.txt", i), []byte(a.Text))
		if err != nil {
			t.Fatal(err)
		}
		d.ID = a.ID
		ins = append(ins, audit.Input{Path: d.Path, Doc: d})
		hashes[batch.Hash(a.Text)] = true
	}
	if len(hashes) != n {
		t.Fatalf("generator gave %d distinct texts of %d", len(hashes), n)
	}
	return ins, hashes
}

func seq(ins []audit.Input) func(func(audit.Input) bool) {
	return func(yield func(audit.Input) bool) {
		for _, in := range ins {
			if !yield(in) {
				return
			}
		}
	}
}

func streamMsgs(t *testing.T, js jetstream.JetStream, name string) uint64 {
	t.Helper()
	st, err := js.Stream(context.Background(), name)
	if err != nil {
		return 0
	}
	info, err := st.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info.State.Msgs
}

// waitFor polls cond until it holds; the bound only ends a hang, it is not
// a timing check.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// resultFiles lists the stored result files by hash, and fails on any
// temporary file left behind.
func resultFiles(t *testing.T, dir string) map[string]int {
	t.Helper()
	files := map[string]int{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.Contains(d.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", p)
		}
		files[strings.TrimSuffix(d.Name(), ".json")]++
		return nil
	})
	return files
}

func TestThreeWorkersOneKilled(t *testing.T) {
	ns := startServer(t)
	_, js := connect(t, ns)
	ins, hashes := articles(t, 1000)
	stream := Stream{Name: "WORK", Subject: "work.articles"}

	st, err := Submit(context.Background(), js, stream, seq(ins), func(p string, err error) { t.Errorf("%s: %v", p, err) })
	if err != nil {
		t.Fatal(err)
	}
	// Submitting again is de-duplicated by the content hash.
	again, err := Submit(context.Background(), js, stream, seq(ins[:10]), nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Published != 1000 || again.Duplicates != 10 || again.Published != 0 || streamMsgs(t, js, "WORK") != 1000 {
		t.Fatalf("submit %+v, again %+v, stream holds %d", st, again, streamMsgs(t, js, "WORK"))
	}

	out := t.TempDir()
	cfg := WorkerConfig{
		Stream: stream, AckWait: time.Second, Workers: 2, Out: out,
		Results: "work.results", FetchWait: 500 * time.Millisecond,
	}

	// The doomed worker: one goroutine stops after storing a result, before
	// its ack; the other stops in the middle of an audit. Then its
	// connection is closed abruptly while it holds both messages.
	release := make(chan struct{})
	var blocked sync.WaitGroup
	blocked.Add(2)
	var audits atomic.Int64
	doomedEng := engine(t, func(*audit.Document) {
		if audits.Add(1) == 40 {
			blocked.Done()
			<-release
		}
	})
	doomedConn, doomedJS := connect(t, ns)
	doomed, err := NewWorker(doomedJS, doomedEng, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var acks atomic.Int64
	doomed.testHookBeforeAck = func(string) {
		if acks.Add(1) == 20 {
			blocked.Done()
			<-release
		}
	}
	doomedCtx, killDoomed := context.WithCancel(context.Background())
	doomedDone := make(chan error, 1)
	go func() { doomedDone <- doomed.Run(doomedCtx) }()
	t.Cleanup(func() {
		close(release)
		<-doomedDone
	})
	blocked.Wait()

	var survivors []*Worker
	var runs sync.WaitGroup
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	for range 2 {
		_, wjs := connect(t, ns)
		w, err := NewWorker(wjs, engine(t, nil), cfg)
		if err != nil {
			t.Fatal(err)
		}
		survivors = append(survivors, w)
		runs.Add(1)
		go func() {
			defer runs.Done()
			if err := w.Run(ctx); err != nil {
				t.Errorf("worker: %v", err)
			}
		}()
	}
	waitFor(t, "survivors to start", func() bool {
		return survivors[0].Stats().Done+survivors[1].Stats().Done >= 100
	})
	killDoomed()
	doomedConn.Close()

	waitFor(t, "every article done", func() bool {
		return streamMsgs(t, js, "WORK") == 0 && streamMsgs(t, js, DefaultResultsStream) >= 1000
	})
	stop()
	runs.Wait()

	// Exactly one result per article in the results stream...
	if n := streamMsgs(t, js, DefaultResultsStream); n != 1000 {
		t.Errorf("results stream holds %d messages, want 1000", n)
	}
	got := readResults(t, js, DefaultResultsStream)
	if len(got) != 1000 {
		t.Errorf("%d distinct hashes in results", len(got))
	}
	for h, n := range got {
		if !hashes[h] || n != 1 {
			t.Errorf("result %s: %d copies, submitted %v", h, n, hashes[h])
		}
	}
	// ...and on disk.
	files := resultFiles(t, out)
	if len(files) != 1000 {
		t.Errorf("%d result files, want 1000", len(files))
	}
	for h := range hashes {
		if files[h] != 1 {
			t.Errorf("article %s: %d files", h, files[h])
		}
	}
	// The doomed worker's two articles came back to the survivors. A slow
	// but live worker may also see an article redelivered (at least once
	// delivery); the results above stay exactly one per article.
	var done, redelivered int64
	for _, w := range survivors {
		done += w.Stats().Done
		redelivered += w.Stats().Redelivered
	}
	done += doomed.Stats().Done
	if done < 1000 || redelivered < 2 {
		t.Errorf("acknowledged %d (want ≥ 1000), redelivered %d (want ≥ 2)", done, redelivered)
	}
}

// readResults counts result messages per hash, checking each is an
// article object of the JSON contract.
func readResults(t *testing.T, js jetstream.JetStream, stream string) map[string]int {
	t.Helper()
	ctx := context.Background()
	cons, err := js.OrderedConsumer(ctx, stream, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	n := streamMsgs(t, js, stream)
	for range n {
		msg, err := cons.Next(jetstream.FetchMaxWait(5 * time.Second))
		if err != nil {
			t.Fatal(err)
		}
		var a reports.ArticleJSON
		if err := json.Unmarshal(msg.Data(), &a); err != nil || a.Path == "" || a.Verdict == "" {
			t.Errorf("result is not an article object: %v %s", err, msg.Data())
		}
		out[msg.Headers().Get(HashHeader)]++
	}
	return out
}

func TestWorkerStopsGracefully(t *testing.T) {
	ns := startServer(t)
	_, js := connect(t, ns)
	ins, _ := articles(t, 20)
	stream := Stream{Name: "G", Subject: "g.articles"}
	if _, err := Submit(context.Background(), js, stream, seq(ins), nil); err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{}, 100)
	eng := engine(t, func(*audit.Document) {
		started <- struct{}{}
		time.Sleep(300 * time.Millisecond) // a slow audit, in progress at the stop
	})
	out := t.TempDir()
	w, err := NewWorker(js, eng, WorkerConfig{Stream: stream, Workers: 1, Out: out, AckWait: time.Second, FetchWait: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	res := make(chan error, 1)
	go func() { res <- w.Run(ctx) }()
	<-started
	stop()
	if err := <-res; err != nil {
		t.Fatal(err)
	}
	// The article in hand was finished: stored and acknowledged.
	if w.Stats().Done != 1 || len(resultFiles(t, out)) != 1 || streamMsgs(t, js, "G") != 19 {
		t.Errorf("stats %+v, files %d, left %d", w.Stats(), len(resultFiles(t, out)), streamMsgs(t, js, "G"))
	}
	cons, err := js.Consumer(context.Background(), "G", DefaultConsumer)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := cons.Info(context.Background())
	if info.NumAckPending != 0 {
		t.Errorf("%d messages left unacknowledged", info.NumAckPending)
	}
}

// failingPass is an LLM pass that fails a number of times, required.
type failingPass struct{ fails atomic.Int64 }

func (p *failingPass) Check(context.Context, *audit.Document) ([]audit.Finding, *audit.LLMStats, error) {
	if p.fails.Add(-1) >= 0 {
		return nil, nil, errors.New("server down")
	}
	return nil, &audit.LLMStats{Requests: 1}, nil
}
func (p *failingPass) Required() bool { return true }

func TestWorkerRetriesThenGivesUp(t *testing.T) {
	defer func(f func(uint64) time.Duration) { retryDelay = f }(retryDelay)
	retryDelay = func(uint64) time.Duration { return 10 * time.Millisecond }
	ns := startServer(t)
	_, js := connect(t, ns)
	ins, hashes := articles(t, 2)
	stream := Stream{Name: "R", Subject: "r.articles"}
	if _, err := Submit(context.Background(), js, stream, seq(ins[:1]), nil); err != nil {
		t.Fatal(err)
	}
	pass := &failingPass{}
	pass.fails.Store(2)
	out := t.TempDir()
	w, _ := NewWorker(js, engine(t, nil, audit.WithSemanticPass(pass)), WorkerConfig{Stream: stream, Workers: 1, Out: out, MaxDeliver: 3, FetchWait: 200 * time.Millisecond})
	ctx, stop := context.WithCancel(context.Background())
	res := make(chan error, 1)
	go func() { res <- w.Run(ctx) }()
	waitFor(t, "retried article", func() bool { return w.Stats().Done == 1 })
	if w.Stats().Retried != 2 {
		t.Errorf("stats %+v", w.Stats())
	}
	// An article that fails every delivery ends as a stored error entry.
	pass.fails.Store(100)
	if _, err := Submit(context.Background(), js, stream, seq(ins[1:]), nil); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "error entry", func() bool { return w.Stats().Errors == 1 })
	stop()
	<-res
	var h string
	for k := range hashes {
		if k == batch.Hash(ins[1].Doc.Text) {
			h = k
		}
	}
	data, err := os.ReadFile(ResultPath(out, h))
	if err != nil || !strings.Contains(string(data), "server down") {
		t.Errorf("error entry: %v %s", err, data)
	}
	waitFor(t, "work gone from the stream", func() bool { return streamMsgs(t, js, "R") == 0 })
}

func TestWorkerBadMessages(t *testing.T) {
	ns := startServer(t)
	nc, js := connect(t, ns)
	stream := Stream{Name: "B", Subject: "b.articles"}
	if _, err := EnsureStream(context.Background(), js, stream); err != nil {
		t.Fatal(err)
	}
	empty, _ := json.Marshal(Article{Path: "vide.txt", Text: "   "})
	bad := nats.NewMsg("b.articles")
	bad.Data = []byte("not json")
	bad.Header.Set(HashHeader, "../../../etc/passwd")
	for _, m := range []*nats.Msg{bad, {Subject: "b.articles", Data: empty}} {
		if _, err := js.PublishMsg(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	nc.Flush()
	out := t.TempDir()
	w, _ := NewWorker(js, engine(t, nil), WorkerConfig{Stream: stream, Workers: 1, Out: out, FetchWait: 200 * time.Millisecond})
	ctx, stop := context.WithCancel(context.Background())
	res := make(chan error, 1)
	go func() { res <- w.Run(ctx) }()
	waitFor(t, "bad messages handled", func() bool { return w.Stats().Errors == 2 })
	// A termination is sent without waiting for the server: the stream
	// empties soon after, not at once.
	waitFor(t, "bad messages gone from the stream", func() bool { return streamMsgs(t, js, "B") == 0 })
	stop()
	<-res
	files := resultFiles(t, out)
	// The empty article's error is stored under its hash; the unreadable
	// message has no trustworthy hash and is only terminated.
	if len(files) != 1 || files[batch.Hash("   ")] != 1 {
		t.Errorf("files %v", files)
	}
}

func TestEnsureStreamRefusesAnotherKind(t *testing.T) {
	ns := startServer(t)
	_, js := connect(t, ns)
	if _, err := js.CreateStream(context.Background(), jetstream.StreamConfig{Name: "L", Subjects: []string{"l.x"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := EnsureStream(context.Background(), js, Stream{Name: "L", Subject: "l.x"}); err == nil || !strings.Contains(err.Error(), "work queue") {
		t.Errorf("err = %v", err)
	}
	if _, err := NewWorker(js, engine(t, nil), WorkerConfig{}); err == nil {
		t.Error("worker without output accepted")
	}
}
