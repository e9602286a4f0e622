package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/services/batch"
)

// namesCorpus writes n French articles about invented people, each
// consistent with itself, about one in six spelling a surname otherwise
// than the rest of the run: a run where name.batch fires.
func namesCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(5, 9))
	firsts := []string{"Rodion", "Vesna", "Kasimir", "Oksana", "Teodor"}
	lasts := []string{"Dragunov", "Pellerin", "Hallgren", "Zhelezin", "Baumeler"}
	variants := map[string]string{"Dragunov": "Dragunoff", "Pellerin": "Pelerin", "Hallgren": "Halgren", "Zhelezin": "Jelezin", "Baumeler": "Baumeller"}
	lines := []string{
		"Le ministre %s %s a reçu son homologue mardi.",
		"%s %s a annoncé de nouveaux pourparlers.",
		"Selon %s %s, les négociations reprendront jeudi.",
	}
	for i := range n {
		var b strings.Builder
		for range 2 {
			f, l := firsts[rng.IntN(len(firsts))], lasts[rng.IntN(len(lasts))]
			if rng.IntN(6) == 0 {
				l = variants[l]
			}
			for range 1 + rng.IntN(2) {
				fmt.Fprintf(&b, lines[rng.IntN(len(lines))]+" ", f, l)
			}
			b.WriteString("\n\n")
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("n%03d.txt", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestAuditInterruptedThenResumedWithBatchRules: a run cut short does not
// run the batch rules, so its stored reports hold no counts of a partial
// run; resumed, the output is byte for byte an uninterrupted run's, and
// the manifest has one line per article. Resuming a finished directory
// gives it again (the stored batch findings are not counted twice).
func TestAuditInterruptedThenResumedWithBatchRules(t *testing.T) {
	const n = 90
	corpus := namesCorpus(t, n)
	fresh := filepath.Join(t.TempDir(), "fresh")
	_, want, _ := auditCLI(t, context.Background(), false, "--format", "jsonl", "--out", fresh, corpus)
	if c := strings.Count(want, `"rule":"name.batch"`); c < 5 {
		t.Fatalf("the corpus gives %d name.batch findings; the test needs a run where it fires", c)
	}
	manifestLines := func(dir string) int {
		b, err := os.ReadFile(filepath.Join(dir, manifestName))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Count(string(b), "\n")
	}
	if m := manifestLines(fresh); m != n {
		t.Errorf("uninterrupted run: %d manifest lines for %d articles", m, n)
	}

	dir := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	testHookProgress = func(p batch.Progress) {
		if p.Done == 30 {
			cancel() // as Ctrl-C does
		}
	}
	code, partial, stderr := auditCLI(t, ctx, false, "-j", "2", "--format", "jsonl", "--out", dir, corpus)
	testHookProgress = nil
	if code != exitError || !strings.Contains(stderr, "interrupted") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if strings.Contains(partial, `"rule":"name.batch"`) {
		t.Error("an interrupted run printed batch findings over part of the run")
	}

	code, got, stderr := auditCLI(t, context.Background(), false, "--resume", "--format", "jsonl", "--out", dir, corpus)
	if code == exitError {
		t.Fatalf("resume exit %d: %s", code, stderr)
	}
	if got != want {
		t.Errorf("interrupted + resumed output differs from an uninterrupted run:\n%s", firstDiff(got, want))
	}
	sameFiles(t, "resumed against fresh", dirFiles(t, fresh), dirFiles(t, dir))
	if m := manifestLines(dir); m != n {
		t.Errorf("after resume: %d manifest lines for %d articles", m, n)
	}

	_, again, _ := auditCLI(t, context.Background(), false, "--resume", "--format", "jsonl", "--out", dir, corpus)
	if again != want {
		t.Errorf("resuming a finished run differs:\n%s", firstDiff(again, want))
	}
	if m := manifestLines(dir); m != n {
		t.Errorf("after a second resume: %d manifest lines for %d articles", m, n)
	}
}

// firstDiff shows the first line where two outputs part.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(g), len(w))
}
