package queue

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/services/batch"
)

// TestWorkerRemovesStaleTemporaryFiles: issue 12, defect 7. A worker killed
// mid-write leaves OUT/HH/.HASH.json.tmp-N; the next worker removes it at
// start, but not a fresh one another live worker may be writing.
func TestWorkerRemovesStaleTemporaryFiles(t *testing.T) {
	ns := startServer(t)
	_, js := connect(t, ns)
	out := t.TempDir()
	stale := filepath.Join(out, "ab", ".ab12.json.tmp-12345")
	fresh := filepath.Join(out, "cd", ".cd34.json.tmp-67890")
	result := filepath.Join(out, "ab", "ab12.json")
	for _, p := range []string{stale, fresh, result} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("{"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(result, old, old); err != nil {
		t.Fatal(err)
	}
	w, err := NewWorker(js, engine(t, nil), WorkerConfig{Out: out, Workers: 1, FetchWait: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	waitFor(t, "the stale temporary file to go", func() bool {
		_, err := os.Stat(stale)
		return os.IsNotExist(err)
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fresh, result} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed: %v", p, err)
		}
	}
}

// TestWorkerRefusesArticleOverTheLimit: issue 12, defect 5. An article over
// the configured size limit gets an error entry, without being audited or
// retried.
func TestWorkerRefusesArticleOverTheLimit(t *testing.T) {
	ns := startServer(t)
	nc, js := connect(t, ns)
	stream := Stream{Name: "L", Subject: "l.articles"}
	if _, err := EnsureStream(context.Background(), js, stream); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("Le port rouvre demain. ", 100)
	data, _ := json.Marshal(Article{Path: "gros.txt", Text: big})
	if _, err := js.Publish(context.Background(), "l.articles", data); err != nil {
		t.Fatal(err)
	}
	nc.Flush()
	var audited atomic.Bool
	eng := engine(t, func(*audit.Document) { audited.Store(true) })
	eng.Config().MaxArticleBytes = 1000
	out := t.TempDir()
	w, _ := NewWorker(js, eng, WorkerConfig{Stream: stream, Workers: 1, Out: out, FetchWait: 200 * time.Millisecond})
	ctx, stop := context.WithCancel(context.Background())
	res := make(chan error, 1)
	go func() { res <- w.Run(ctx) }()
	waitFor(t, "the article handled", func() bool { return w.Stats().Errors == 1 })
	stop()
	<-res
	body, err := os.ReadFile(ResultPath(out, batch.Hash(big)))
	if err != nil || !strings.Contains(string(body), "too large") || audited.Load() || w.Stats().Retried != 0 {
		t.Fatalf("entry %s (%v), audited %v, stats %+v", body, err, audited.Load(), w.Stats())
	}
}

// A stop asked for before the worker has set up its consumer is a clean
// stop, not an error (the stale-file test above cancels at about that
// moment, and failed now and then on a busy machine).
func TestWorkerStoppedDuringSetupIsClean(t *testing.T) {
	ns := startServer(t)
	_, js := connect(t, ns)
	w, err := NewWorker(js, engine(t, nil), WorkerConfig{Out: t.TempDir(), Workers: 1, FetchWait: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := w.Run(ctx); err != nil {
		t.Errorf("Run after a stop during set-up = %v, want nil", err)
	}
}
