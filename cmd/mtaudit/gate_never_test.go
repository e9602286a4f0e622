package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// --fail-on never means no gate: the penalty limit goes too unless one is
// given; --exit-zero reports and exits 0 except on usage or input errors.
func TestFailOnNeverAndExitZero(t *testing.T) {
	dir := inTempDir(t)
	// A short article with a minor finding: its penalty is over 5.
	art := writeFile(t, filepath.Join(dir, "marche.txt"), doubleStopArticle)
	mtaudit(t, "audit", "--rules", "garbled", "--max-penalty", "0.1", art).expect(t, 1)
	mtaudit(t, "audit", "--rules", "garbled", "--fail-on", "never", art).expect(t, 0)
	// A limit given on purpose stays in force.
	mtaudit(t, "audit", "--rules", "garbled", "--fail-on", "never", "--max-penalty", "0.1", art).expect(t, 1)
	never := writeFile(t, filepath.Join(dir, "never.yaml"), "gate:\n  fail_on: never\n")
	mtaudit(t, "audit", "--config", never, "--rules", "garbled", "--max-penalty", "0.1", art).expect(t, 1)
	mtaudit(t, "audit", "--config", never, "--rules", "garbled", art).expect(t, 0)
	limit := writeFile(t, filepath.Join(dir, "limit.yaml"), "gate:\n  fail_on: never\n  max_penalty: 0.1\n")
	mtaudit(t, "audit", "--config", limit, "--rules", "garbled", art).expect(t, 1)
	// never in the file, a severity on the command line: the default limit is back.
	mtaudit(t, "audit", "--config", never, "--rules", "garbled", "--fail-on", "critical", "--max-penalty", "0.1", art).expect(t, 1)

	o := mtaudit(t, "audit", "--fail-on", "sometimes", art)
	o.expect(t, 2)
	if !strings.Contains(o.stderr, "--fail-on") || !strings.Contains(o.stderr, "never") {
		t.Errorf("bad severity: %q", o.stderr)
	}

	mtaudit(t, "audit", "--rules", "garbled", "--fail-on", "minor", "--exit-zero", art).expect(t, 0)
	mtaudit(t, "audit", "--exit-zero", art, filepath.Join(dir, "missing.txt")).expect(t, 2)
	mtaudit(t, "audit", "--exit-zero", "--stdin-format", "pdf", "-").expect(t, 2)
}
