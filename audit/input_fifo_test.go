//go:build unix

package audit

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// withinGuard runs f and fails the test if it has not returned after a
// long time: a hang guard, not a timing check.
func withinGuard(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatalf("%s did not return (blocked on a named pipe?)", what)
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
}

// TestNamedPipesAreErrorsNotReads: a named pipe among the inputs, in a
// directory or named on the command line, is an error entry; it is never
// opened for a blocking read, and the regular files beside it are read.
func TestNamedPipesAreErrorsNotReads(t *testing.T) {
	dir := t.TempDir()
	mkfifo(t, filepath.Join(dir, "inside.txt"))
	ok := filepath.Join(dir, "ok.txt")
	if err := os.WriteFile(ok, []byte("Le port rouvre demain.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("inside.txt", filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	var files []string
	var bad []Input
	withinGuard(t, "ExpandPaths", func() { files, bad = ExpandPaths([]string{dir, filepath.Join(dir, "inside.txt")}) })
	if len(files) != 1 || files[0] != ok {
		t.Errorf("files %v, want only %s", files, ok)
	}
	if len(bad) != 3 {
		t.Fatalf("bad %+v, want the pipe, the link to it and the pipe named", bad)
	}
	for _, b := range bad {
		var nr *NotRegularError
		if !errors.As(b.Err, &nr) || !strings.Contains(b.Err.Error(), "named pipe") {
			t.Errorf("%s: %v, want a named-pipe error", b.Path, b.Err)
		}
	}
	// A pipe that appears after the listing is refused when read.
	var ins []Input
	withinGuard(t, "ReadPathWith", func() { ins = ReadPathWith(filepath.Join(dir, "inside.txt"), ReadOptions{}) })
	var nr *NotRegularError
	if len(ins) != 1 || !errors.As(ins[0].Err, &nr) {
		t.Fatalf("read of a pipe: %+v", ins)
	}
}
