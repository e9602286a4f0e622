package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteErrorNamesTheTargetOnce: the error names the file asked for,
// not the temporary file beside it, and not twice.
func TestWriteErrorNamesTheTargetOnce(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "plain")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(notDir, "x.json")
	err := WriteFile(target, []byte("{}"), 0o644)
	if err == nil {
		t.Fatal("write under a file succeeded")
	}
	if msg := err.Error(); strings.Count(msg, "x.json") != 1 || strings.Contains(msg, ".tmp-") {
		t.Errorf("error %q", msg)
	}
	if !IsTemp(".x.json.tmp-123") || IsTemp("x.json") || IsTemp(".x.json.tmp-") {
		t.Error("IsTemp")
	}
}
