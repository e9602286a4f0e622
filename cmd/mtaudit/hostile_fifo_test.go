//go:build unix

package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestAuditNamedPipeIsAnErrorEntry: issue 12, defect 1. A named pipe in a
// directory used to hang the run with "articles": [ printed; now it is an
// error entry and the file beside it is audited.
func TestAuditNamedPipeIsAnErrorEntry(t *testing.T) {
	dir := inTempDir(t)
	writeFile(t, filepath.Join(dir, "d", "ok.txt"), calmArticle)
	if err := syscall.Mkfifo(filepath.Join(dir, "d", "inside.txt"), 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	o := runGuarded(t, cli{}, "audit", "--format", "json", "d")
	o.expect(t, exitError)
	var rep jsonReport
	if err := json.Unmarshal([]byte(o.stdout), &rep); err != nil {
		t.Fatalf("report: %v\n%s", err, o.stdout)
	}
	if len(rep.Articles) != 1 || rep.Articles[0].Path != filepath.Join("d", "ok.txt") {
		t.Errorf("articles %+v, want d/ok.txt", rep.Articles)
	}
	if len(rep.Errors) != 1 || rep.Errors[0].Path != filepath.Join("d", "inside.txt") || !strings.Contains(rep.Errors[0].Error, "named pipe") {
		t.Errorf("errors %+v, want the named pipe", rep.Errors)
	}
}
