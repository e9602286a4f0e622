package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/mtaudit/mtaudit/internal/corpusgen"
)

// runLive runs a command line whose standard error the test reads while
// it runs.
func runLive(ctx context.Context, stderr *lockedBuffer, args ...string) int {
	var out bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: stderr, getenv: func(string) string { return "" }}
	root := newRoot(e)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	var ce *exitCodeError
	switch {
	case errors.As(err, &ce):
		return ce.code
	case err != nil:
		return exitError
	}
	return exitOK
}

// freeAddr is a loopback address nothing listens on now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// eventually polls cond with a generous bound: no timing is asserted.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// scrapeWorker reads the worker's /metrics with Prometheus' text parser
// and returns the value of a single-sample metric (-2 when unreadable).
func scrapeWorker(addr, name string) float64 {
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		return -2
	}
	defer resp.Body.Close()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil || fams[name] == nil || len(fams[name].Metric) != 1 {
		return -2
	}
	m := fams[name].Metric[0]
	if m.Counter != nil {
		return m.Counter.GetValue()
	}
	return m.Gauge.GetValue()
}

// TestQueueOperations: submit, submit --force inside the duplicate
// window, a worker logging progress and serving metrics, then collect
// writing the same reports audit --out writes.
func TestQueueOperations(t *testing.T) {
	ns, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats server not ready")
	}
	defer ns.Shutdown()
	corpus := t.TempDir()
	if _, err := corpusgen.Write(corpus, 4, 21, "txt"); err != nil {
		t.Fatal(err)
	}
	queueArgs := []string{"--nats", ns.ClientURL(), "--stream", "OPS", "--subject", "ops.articles"}
	submit := func(extra ...string) string {
		code, stdout, stderr := runCLI(context.Background(), false, append(append(append([]string{"submit"}, queueArgs...), extra...), corpus)...)
		if code != exitOK {
			t.Fatalf("submit %v: exit %d %s %s", extra, code, stdout, stderr)
		}
		return stdout
	}
	if out := submit(); !strings.Contains(out, "4 new") {
		t.Fatalf("submit: %s", out)
	}
	if out := submit(); !strings.Contains(out, "0 new, 4 already queued") {
		t.Errorf("resubmit: %s", out)
	}
	if out := submit("--force"); !strings.Contains(out, "4 new, 0 already queued") {
		t.Errorf("submit --force: %s", out)
	}

	cfg := filepath.Join(t.TempDir(), "empty.yaml")
	os.WriteFile(cfg, nil, 0o644)
	results := filepath.Join(t.TempDir(), "results")
	addr := freeAddr(t)
	ctx, stop := context.WithCancel(context.Background())
	var stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- runLive(ctx, &stderr, append([]string{"worker", "--config", cfg, "--lang", "fr", "-j", "2", "--out", results,
			"--metrics-addr", addr, "--progress-every", "20ms"}, queueArgs...)...)
	}()
	eventually(t, "eight audits counted on /metrics", func() bool { return scrapeWorker(addr, "mtaudit_worker_processed_total") == 8 })
	eventually(t, "a progress line saying so", func() bool {
		return strings.Contains(stderr.String(), `"msg":"progress","processed":8,"failed":0`)
	})
	stop()
	if code := <-done; code != exitOK {
		t.Fatalf("worker: exit %d\n%s", code, stderr.String())
	}

	reportsDir := filepath.Join(t.TempDir(), "reports")
	code, stdout, errOut := runCLI(context.Background(), false, "collect", "--results", results, "--out", reportsDir)
	if code == exitError || !strings.Contains(stdout, "collected 4 results (0 errors)") {
		t.Fatalf("collect: exit %d %q %q", code, stdout, errOut)
	}
	audited := filepath.Join(t.TempDir(), "audited")
	acode, _, aerr := auditCLI(t, context.Background(), false, "--format", "html", "--out", audited, corpus)
	if acode != code {
		t.Errorf("collect exit %d, audit exit %d (%s)", code, acode, aerr)
	}
	got, want := dirFiles(t, reportsDir), dirFiles(t, audited)
	names := func(m map[string]string) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	if strings.Join(names(got), " ") != strings.Join(names(want), " ") {
		t.Fatalf("collect wrote %v\naudit --out wrote %v", names(got), names(want))
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s differs:\ncollect: %s\naudit:   %s", name, got[name], w)
		}
	}
	t.Logf("collect and audit --out both wrote %v", names(got))
	for _, name := range []string{"summary.md", "index.html"} {
		if got[name] == "" {
			t.Errorf("no %s", name)
		}
	}
}

// Error entries the worker stored, results without their text, and files
// that are no result each become an error of the summary (exit 2); the
// flags are checked.
func TestCollectErrors(t *testing.T) {
	results := t.TempDir()
	h := func(c string) string { return strings.Repeat(c, 64) }
	writeFile(t, filepath.Join(results, "aa", h("a")+".json"), `{"path": "broken.txt", "error": "bad message 3: invalid character"}`)
	writeFile(t, filepath.Join(results, "bb", h("b")+".json"), `{"path": "lost.txt", "lang": "fr", "words": 3, "penalty": 0, "verdict": "pass", "findings": []}`)
	writeFile(t, filepath.Join(results, "cc", h("c")+".json"), `not json`)
	out := filepath.Join(t.TempDir(), "reports")
	code, stdout, stderr := runCLI(context.Background(), false, "collect", "--results", results, "--out", out)
	if code != exitError || !strings.Contains(stdout, "collected 0 results (3 errors)") {
		t.Fatalf("collect: exit %d %q %q", code, stdout, stderr)
	}
	summary, err := os.ReadFile(filepath.Join(out, "summary.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"bad message 3", "--keep-text", "not a result"} {
		if !strings.Contains(string(summary), want) {
			t.Errorf("summary.md lacks %q:\n%s", want, summary)
		}
	}
	for _, args := range [][]string{{"collect", "--results", results}, {"collect", "--results", results, "--out", results}} {
		if code, _, _ := runCLI(context.Background(), false, args...); code != exitError {
			t.Errorf("%v: exit %d", args, code)
		}
	}
}
