package batch

import (
	"iter"
	"slices"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// Files yields each file's inputs in order and lets go of each path once
// the file is opened (the list of a large tree is let go as the run goes).
func TestFilesReleasesPathsAsOpened(t *testing.T) {
	paths := []string{"a.txt", "b.txt", "c.txt"}
	var opened []string
	src := Files(paths, func(p string) iter.Seq[audit.Input] {
		opened = append(opened, p)
		return func(yield func(audit.Input) bool) { yield(audit.Input{Path: p}) }
	})
	if src.Known() != 3 {
		t.Fatalf("known before = %d", src.Known())
	}
	var got []string
	for in := range src.Inputs() {
		got = append(got, in.Path)
		if n := len(got); paths[n-1] != "" || (n < 3 && paths[n] == "") {
			t.Errorf("after %d inputs the list is %q", n, paths)
		}
	}
	if want := []string{"a.txt", "b.txt", "c.txt"}; !slices.Equal(got, want) || !slices.Equal(opened, want) {
		t.Errorf("inputs %q, opened %q", got, opened)
	}
	if src.Known() != 3 {
		t.Errorf("known after = %d", src.Known())
	}
}
