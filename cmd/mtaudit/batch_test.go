package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/mtaudit/mtaudit/internal/corpusgen"
	"github.com/mtaudit/mtaudit/reports"
	"github.com/mtaudit/mtaudit/services/batch"
)

// batchCorpus writes generated articles plus one input of each other
// format (JSON lines with a bad line, a web page, a feed) into a directory.
func batchCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := corpusgen.Write(dir, n, 11, "txt"); err != nil {
		t.Fatal(err)
	}
	g := corpusgen.New(12)
	var jl strings.Builder
	for i := range 4 {
		a := g.Article(i)
		b, _ := json.Marshal(map[string]string{"id": a.ID, "title": a.Title, "text": a.Text})
		jl.Write(append(b, '\n'))
		if i == 1 {
			jl.WriteString("{\"id\": \"cassé\", \"text\": \n")
		}
	}
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("lot.jsonl", jl.String())
	write("page.html", `<html><head><title>Marché couvert</title></head><body><nav>Accueil</nav><article>
<p>Le marché couvert de la ville rouvre ses portes samedi après huit mois de travaux.</p>
<div>Partager : Courriel</div><p>Les commerçants ont retrouvé leurs étals [market stalls] dès l'aube.</p></article></body></html>`)
	write("flux.rss", `<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>
<item><guid>f-1</guid><description>&lt;p&gt;La piscine municipale ferme pour l'hiver.&lt;/p&gt;</description></item>
<item><guid>f-2</guid><description>&lt;p&gt;Le conseil vote le budget lundi soir.&lt;/p&gt;&lt;p&gt;LIRE AUSSI  LES TRAVAUX DU PONT&lt;/p&gt;</description></item>
</channel></rss>`)
	return dir
}

// auditCLI runs the audit command with ctx, as main does, with an empty
// configuration and French, and returns the exit code and both streams.
func auditCLI(t *testing.T, ctx context.Context, tty bool, args ...string) (int, string, string) {
	t.Helper()
	cfg := filepath.Join(t.TempDir(), "empty.yaml")
	if err := os.WriteFile(cfg, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return runCLI(ctx, tty, append([]string{"audit", "--config", cfg, "--lang", "fr"}, args...)...)
}

// runCLI runs any command line with ctx and returns the exit code and both
// streams. It is safe to call from several goroutines.
func runCLI(ctx context.Context, tty bool, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, stderrTTY: tty}
	root := newRoot(e)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	code := exitOK
	var ce *exitCodeError
	switch {
	case errors.As(err, &ce):
		code = ce.code
		if ce.err != nil {
			errb.WriteString(ce.err.Error())
		}
	case err != nil:
		code = exitError
		errb.WriteString(err.Error())
	}
	return code, out.String(), errb.String()
}

// dirFiles reads every report in an output directory (not the manifest,
// whose lines come in completion order), failing on temporary files.
func dirFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.Contains(d.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", d.Name())
		}
		if d.Name() == manifestName {
			return nil
		}
		b, err := os.ReadFile(p)
		files[d.Name()] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameFiles(t *testing.T, what string, a, b map[string]string) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: %d files against %d", what, len(a), len(b))
	}
	for name, data := range a {
		if other, ok := b[name]; !ok {
			t.Errorf("%s: %s missing", what, name)
		} else if other != data {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

func TestAuditParallelOutputIsSequentialOutput(t *testing.T) {
	corpus := batchCorpus(t, 40)
	var outs []string
	var dirs []map[string]string
	for _, j := range []string{"1", "8"} {
		dir := filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := auditCLI(t, context.Background(), false, "-j", j, "--format", "json", "--out", dir, corpus)
		if code == exitOK || code == exitFail {
			t.Fatalf("-j %s: exit %d, want 2 (the corpus has a bad line): %s", j, code, stderr)
		}
		// Off a terminal stderr carries the input errors only, no bar.
		for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
			if line != "" && !(strings.HasPrefix(line, "mtaudit: ") && strings.Contains(line, ": error: ")) {
				t.Errorf("-j %s wrote to stderr off a terminal: %q", j, line)
			}
		}
		outs = append(outs, stdout)
		dirs = append(dirs, dirFiles(t, dir))
	}
	if outs[0] != outs[1] {
		t.Error("-j 1 and -j 8 print different JSON")
	}
	sameFiles(t, "-j 1 against -j 8", dirs[0], dirs[1])

	var rep struct {
		Articles []reports.ArticleJSON `json:"articles"`
		Errors   []reports.ErrorEntry  `json:"errors"`
	}
	if err := json.Unmarshal([]byte(outs[0]), &rep); err != nil {
		t.Fatal(err)
	}
	// 40 texts, 4 JSON lines, a page, two feed items; one bad line.
	if len(rep.Articles) != 47 || len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0].Error, "line 3") {
		t.Fatalf("%d articles, errors %+v", len(rep.Articles), rep.Errors)
	}
	var page *reports.ArticleJSON
	var texts []string
	for i, a := range rep.Articles {
		if strings.HasSuffix(a.Path, ".txt") {
			texts = append(texts, a.Path)
		}
		if strings.HasSuffix(a.Path, "page.html") {
			page = &rep.Articles[i]
		}
	}
	for i := 1; i < len(texts); i++ {
		if texts[i] < texts[i-1] {
			t.Errorf("order: %s after %s", texts[i], texts[i-1])
		}
	}
	if page == nil || !strings.Contains(page.Note, "extracted from HTML") {
		t.Errorf("page: %+v", page)
	}
	// Every article of the run has its two reports.
	if n := len(dirs[0]); n != 2*47+2 {
		t.Errorf("%d files in --out, want %d", n, 2*47+2)
	}
}

func TestAuditResumeSkipsFinishedArticles(t *testing.T) {
	corpus := batchCorpus(t, 12)
	dir := filepath.Join(t.TempDir(), "out")
	_, first, _ := auditCLI(t, context.Background(), false, "--format", "jsonl", "--out", dir, corpus)

	// A stored report that resume reads back: mark one of its findings.
	stored := filepath.Join(dir, "00003.json")
	data, err := os.ReadFile(stored)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Tool     reports.Tool          `json:"tool"`
		Articles []reports.ArticleJSON `json:"articles"`
		Errors   []reports.ErrorEntry  `json:"errors"`
	}
	if err := json.Unmarshal(data, &rep); err != nil || len(rep.Articles) != 1 || len(rep.Articles[0].Findings) == 0 {
		t.Fatalf("stored report: %v %s", err, data)
	}
	rep.Articles[0].Findings[0].Message = "MARQUE DE REPRISE"
	marked, _ := json.Marshal(rep)
	os.WriteFile(stored, marked, 0o644)
	// A report missing its Markdown twin is not complete: audited again.
	os.Remove(filepath.Join(dir, "00005.md"))

	_, second, _ := auditCLI(t, context.Background(), false, "--resume", "--format", "jsonl", "--out", dir, corpus)
	if !strings.Contains(second, "MARQUE DE REPRISE") {
		t.Error("resume audited an article it had a complete report for")
	}
	if _, err := os.Stat(filepath.Join(dir, "00005.md")); err != nil {
		t.Errorf("incomplete report not redone: %v", err)
	}
	lines1, lines2 := strings.Split(first, "\n"), strings.Split(second, "\n")
	if len(lines1) != len(lines2) {
		t.Fatalf("resumed run printed %d lines, first run %d", len(lines2), len(lines1))
	}
	diff := 0
	for i := range lines1 {
		if lines1[i] != lines2[i] {
			diff++
		}
	}
	if diff != 1 {
		t.Errorf("%d lines differ between the runs, want only the marked one", diff)
	}
	var sum reports.Summary
	b, _ := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err := json.Unmarshal(b, &sum); err != nil || sum.Articles != 19 || sum.Interrupted {
		t.Errorf("summary after resume: %v %+v", err, sum)
	}
}

func TestAuditInterruptedThenResumed(t *testing.T) {
	// 120 texts: cancelled at 15 done, the reader (at most the job and
	// input queues, 8 places per worker each, beyond the workers) never
	// reaches the files after them, however the goroutines are scheduled.
	corpus := batchCorpus(t, 120)
	fresh := filepath.Join(t.TempDir(), "fresh")
	_, want, _ := auditCLI(t, context.Background(), false, "--format", "json", "--out", fresh, corpus)

	dir := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	testHookProgress = func(p batch.Progress) {
		if p.Done == 15 {
			cancel() // as Ctrl-C does
		}
	}
	code, _, stderr := auditCLI(t, ctx, false, "-j", "2", "--format", "json", "--out", dir, corpus)
	testHookProgress = nil
	if code != exitError || !strings.Contains(stderr, "interrupted") || !strings.Contains(stderr, "--resume") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var sum reports.Summary
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	// Total counts a file not yet read as one input: 120 texts and 3 files.
	if err := json.Unmarshal(b, &sum); err != nil || !sum.Interrupted || sum.Total != 123 || sum.Articles >= 120 || sum.Articles < 10 {
		t.Fatalf("summary: %v interrupted=%v total=%d articles=%d", err, sum.Interrupted, sum.Total, sum.Articles)
	}
	// Finished reports are whole, each in the manifest; nothing half written.
	files := dirFiles(t, dir)
	manifest, _ := os.ReadFile(filepath.Join(dir, manifestName))
	entries := strings.Count(string(manifest), "\n")
	reportsOnDisk := 0
	for name, data := range files {
		if strings.HasSuffix(name, ".json") && name != "summary.json" {
			reportsOnDisk++
			if !json.Valid([]byte(data)) {
				t.Errorf("%s is not whole JSON", name)
			}
			if _, ok := files[strings.TrimSuffix(name, ".json")+".md"]; !ok {
				t.Errorf("%s has no Markdown twin", name)
			}
		}
	}
	if reportsOnDisk == 0 || reportsOnDisk > entries {
		t.Errorf("%d reports on disk, %d in the manifest", reportsOnDisk, entries)
	}

	// Resuming finishes the run: the same reports and output as a run
	// never interrupted.
	code, got, _ := auditCLI(t, context.Background(), false, "--resume", "--format", "json", "--out", dir, corpus)
	if code != exitError { // the bad JSON line
		t.Errorf("resume exit %d", code)
	}
	if got != want {
		t.Error("interrupted + resumed output differs from an uninterrupted run")
	}
	sameFiles(t, "resumed against fresh", dirFiles(t, fresh), dirFiles(t, dir))
}

func TestAuditProgressOnlyOnTerminal(t *testing.T) {
	corpus := batchCorpus(t, 5)
	// The first update is always drawn, however short the run.
	_, _, stderr := auditCLI(t, context.Background(), true, "--format", "jsonl", corpus)
	if !strings.Contains(stderr, "\r\x1b[K[") || !strings.Contains(stderr, "art/s") {
		t.Errorf("progress line: %q", stderr)
	}
	_, _, quiet := auditCLI(t, context.Background(), false, "--format", "jsonl", corpus)
	if strings.Contains(quiet, "\r") {
		t.Errorf("progress drawn off a terminal: %q", quiet)
	}
}

func TestProgressLine(t *testing.T) {
	got := progressLine(batch.Progress{Done: 250, Total: 1000, Elapsed: 5e9}, 10)
	if want := "[==>       ] 250/1000  50.0 art/s  0:15 left"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAuditBatchFlagErrors(t *testing.T) {
	corpus := batchCorpus(t, 1)
	for _, args := range [][]string{{"-j", "0", corpus}, {"--resume", corpus}} {
		if code, _, stderr := auditCLI(t, context.Background(), false, args...); code != exitError {
			t.Errorf("%v: exit %d, %s", args, code, stderr)
		}
	}
}

func TestSubmitAndWorkerCommands(t *testing.T) {
	ns, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats server not ready")
	}
	defer ns.Shutdown()
	corpus := batchCorpus(t, 20)
	queueArgs := []string{"--nats", ns.ClientURL(), "--stream", "T", "--subject", "t.articles"}

	code, stdout, stderr := runCLI(context.Background(), false, append(append([]string{"submit"}, queueArgs...), corpus)...)
	// 27 articles queued; the bad JSON line is reported and makes the exit 2.
	if code != exitError || !strings.Contains(stdout, "27 new") || !strings.Contains(stderr, "line 3") {
		t.Fatalf("submit: exit %d, %q, %q", code, stdout, stderr)
	}
	_, stdout, _ = runCLI(context.Background(), false, append(append([]string{"submit"}, queueArgs...), filepath.Join(corpus, "00001.txt"))...)
	if !strings.Contains(stdout, "0 new, 1 already queued") {
		t.Errorf("resubmit: %q", stdout)
	}

	cfg := filepath.Join(t.TempDir(), "empty.yaml")
	os.WriteFile(cfg, nil, 0o644)
	out := filepath.Join(t.TempDir(), "results")
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan string, 1)
	go func() {
		code, _, stderr := runCLI(ctx, false, append([]string{"worker", "--config", cfg, "--lang", "fr", "-j", "2", "--ack-wait", "2s", "--out", out}, queueArgs...)...)
		done <- fmt.Sprintf("%d %s", code, stderr)
	}()
	deadline := time.Now().Add(3 * time.Minute) // a hang guard
	for len(resultNames(out)) < 27 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	stop() // SIGTERM does this: finish the articles in hand, then exit 0
	res := <-done
	if !strings.HasPrefix(res, "0 ") || !strings.Contains(res, "stopped: 27 articles done") {
		t.Errorf("worker: %s", res)
	}
	names := resultNames(out)
	if len(names) != 27 {
		t.Fatalf("%d results stored, want 27", len(names))
	}
	for _, p := range names {
		var a reports.ArticleJSON
		b, _ := os.ReadFile(p)
		if err := json.Unmarshal(b, &a); err != nil || a.Path == "" {
			t.Errorf("%s: %v", p, err)
		}
	}
	if code, _, stderr := runCLI(context.Background(), false, append([]string{"worker"}, queueArgs...)...); code != exitError || !strings.Contains(stderr, "--out") {
		t.Errorf("worker without output: exit %d, %q", code, stderr)
	}
}

func resultNames(dir string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	return m
}
