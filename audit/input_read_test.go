package audit

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestReadFileFastMatchesOS: ReadFile's direct reading of regular files
// gives what reading them through os.File gives, bytes or error, for
// files of every size around the limit, an empty file, a directory and a
// missing path.
func TestReadFileFastMatchesOS(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	paths := []string{
		write("empty.txt", nil),
		write("one.txt", []byte("x")),
		write("small.txt", []byte("Le conseil a voté.\n")),
		write("big.txt", bytes.Repeat([]byte("mot é "), 50000)),
		dir,
		filepath.Join(dir, "missing.txt"),
	}
	for _, p := range paths {
		for _, limit := range []int64{-1, 0, 1, 19, 20, 300000, 1 << 20} {
			got, gotErr := ReadFile(p, limit)
			want, wantErr := readFileOS(p, limit)
			if !bytes.Equal(got, want) || errText(gotErr) != errText(wantErr) {
				t.Errorf("%s, limit %d: %d bytes, %v; os.File: %d bytes, %v", filepath.Base(p), limit, len(got), gotErr, len(want), wantErr)
			}
		}
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.txt"), -1); !errors.Is(err, syscall.ENOENT) {
		t.Errorf("missing file: %v, want ENOENT", err)
	}
	var tl *TooLargeError
	if _, err := ReadFile(paths[3], 1000); !errors.As(err, &tl) || tl.Size != 350000 {
		t.Errorf("over the limit: %v, want a TooLargeError of 350000 bytes", err)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
