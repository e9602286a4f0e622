package atomicfile

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// tempFiles lists the leftover temporary files of target in dir.
func tempFiles(t *testing.T, dir, target string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "."+target+".tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestWriteFileReplacesAndKeepsMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(path, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); got != "new" {
		t.Fatalf("content %q", got)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", info.Mode().Perm())
	}
	if left := tempFiles(t, dir, "a.txt"); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	// A new file gets perm.
	fresh := filepath.Join(dir, "b.txt")
	if err := WriteFile(fresh, []byte("b"), 0o600); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(fresh); info.Mode().Perm() != 0o600 {
		t.Errorf("new file mode %v", info.Mode().Perm())
	}
}

// TestInterruptedBeforeRename: a failure after the temporary file is
// complete but before the rename leaves the original whole and no litter.
func TestInterruptedBeforeRename(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(path, []byte("original article\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	saved := beforeRename
	t.Cleanup(func() { beforeRename = saved })
	sawTemp := ""
	beforeRename = func(tmp string) error {
		sawTemp = readFile(t, tmp)
		return errors.New("interrupted")
	}
	err := WriteFile(path, []byte("repaired article\n"), 0o644)
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("err = %v", err)
	}
	if sawTemp != "repaired article\n" {
		t.Errorf("temporary file held %q before the rename", sawTemp)
	}
	if got := readFile(t, path); got != "original article\n" {
		t.Fatalf("original changed to %q", got)
	}
	if left := tempFiles(t, dir, "a.txt"); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestFillFailureKeepsOriginal: an error while writing the content aborts.
func TestFillFailureKeepsOriginal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	os.WriteFile(path, []byte("original"), 0o644)
	err := Write(path, 0o644, func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("disk on fire")
	})
	if err == nil || readFile(t, path) != "original" || len(tempFiles(t, dir, "a.txt")) != 0 {
		t.Fatalf("err %v, content %q, temps %v", err, readFile(t, path), tempFiles(t, dir, "a.txt"))
	}
}

// TestProcessDiesBeforeRename kills a real process between the complete
// temporary file and the rename: the original must be whole afterwards.
func TestProcessDiesBeforeRename(t *testing.T) {
	if target := os.Getenv("ATOMICFILE_DIE_TARGET"); target != "" {
		beforeRename = func(string) error {
			os.Exit(3) // the process dies: no deferred clean-up runs
			return nil
		}
		WriteFile(target, []byte("repaired article\n"), 0o644)
		os.Exit(0) // not reached
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(path, []byte("original article\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestProcessDiesBeforeRename$")
	cmd.Env = append(os.Environ(), "ATOMICFILE_DIE_TARGET="+path)
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 3 {
		t.Fatalf("child did not die before the rename: %v", err)
	}
	if got := readFile(t, path); got != "original article\n" {
		t.Fatalf("original changed to %q", got)
	}
	// The complete temporary file is what a crash leaves; it never replaced the target.
	left := tempFiles(t, dir, "a.txt")
	if len(left) != 1 || readFile(t, left[0]) != "repaired article\n" {
		t.Errorf("leftover temporaries %v", left)
	}
}

// TestReplaceIsAtomicForReaders: the unsynced variant still renames a whole
// temporary file over the target, keeps the mode, and leaves the original
// whole when interrupted before the rename.
func TestReplaceIsAtomicForReaders(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	saved := beforeRename
	t.Cleanup(func() { beforeRename = saved })
	beforeRename = func(string) error { return errors.New("interrupted") }
	if err := Replace(path, []byte("new"), 0o644); err == nil {
		t.Fatal("want the interruption reported")
	}
	if got := readFile(t, path); got != "old" {
		t.Fatalf("original changed to %q", got)
	}
	if left := tempFiles(t, dir, "r.json"); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	beforeRename = saved
	if err := Replace(path, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); got != "new" || info.Mode().Perm() != 0o600 {
		t.Fatalf("content %q mode %v, want new and 0600 kept", got, info.Mode().Perm())
	}
}
