package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// With a machine-readable format on stdout, each unreadable input is also
// one line on stderr, its path escaped, so a CI log says what exit 2 means.
func TestInputErrorsOnStderr(t *testing.T) {
	dir := inTempDir(t)
	good := writeFile(t, filepath.Join(dir, "good.txt"), plainArticle)
	binary := writeFile(t, filepath.Join(dir, "bad\nname.txt"), "\x00\x01\x02binary")
	missing := filepath.Join(dir, "missing.txt")
	for _, format := range []string{"json", "jsonl", "sarif", "markdown"} {
		o := mtaudit(t, "audit", "--format", format, good, binary, missing)
		o.expect(t, 2)
		lines := strings.Split(strings.TrimRight(o.stderr, "\n"), "\n")
		if len(lines) != 2 {
			t.Fatalf("%s: want one stderr line per input error, got:\n%s", format, o.stderr)
		}
		if !strings.Contains(o.stderr, "mtaudit: "+missing+": error: ") ||
			!strings.Contains(o.stderr, `mtaudit: "`+strings.ReplaceAll(binary, "\n", `\n`)+`": error: `) {
			t.Errorf("%s: stderr:\n%s", format, o.stderr)
		}
	}
	// Text output lists them on stdout already.
	o := mtaudit(t, "audit", good, missing)
	o.expect(t, 2)
	if o.stderr != "" || !strings.Contains(o.stdout, missing+": error:") {
		t.Errorf("text: stdout %q stderr %q", o.stdout, o.stderr)
	}
}
