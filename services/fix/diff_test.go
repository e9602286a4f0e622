package fix

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnifiedFormat(t *testing.T) {
	lines := func(n int, f string) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, f, i)
		}
		return b.String()
	}
	ten := lines(10, "l%d\n")
	for _, c := range []struct {
		name, old, new, want string
	}{
		{"equal", "a\n", "a\n", ""},
		{"middle", ten, strings.Replace(ten, "l5\n", "L5\n", 1),
			"--- a.txt\n+++ a.txt\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n"},
		{"line removed at start", ten, strings.Replace(ten, "l1\n", "", 1),
			"--- a.txt\n+++ a.txt\n@@ -1,4 +1,3 @@\n-l1\n l2\n l3\n l4\n"},
		{"two hunks", lines(20, "l%d\n"), strings.Replace(strings.Replace(lines(20, "l%d\n"), "l2\n", "", 1), "l18\n", "X\n", 1),
			"--- a.txt\n+++ a.txt\n@@ -1,5 +1,4 @@\n l1\n-l2\n l3\n l4\n l5\n@@ -15,6 +14,6 @@\n l15\n l16\n l17\n-l18\n+X\n l19\n l20\n"},
		{"gap of six joins", ten, strings.Replace(strings.Replace(ten, "l2\n", "", 1), "l9\n", "", 1),
			"--- a.txt\n+++ a.txt\n@@ -1,10 +1,8 @@\n l1\n-l2\n l3\n l4\n l5\n l6\n l7\n l8\n-l9\n l10\n"},
		{"no newline at end", "a\nb", "a\nB",
			"--- a.txt\n+++ a.txt\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file\n"},
		{"newline added at end", "a\nb", "a\nb\n",
			"--- a.txt\n+++ a.txt\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"},
		{"crlf kept", "a\r\nb\r\nc\r\n", "a\r\nc\r\n",
			"--- a.txt\n+++ a.txt\n@@ -1,3 +1,2 @@\n a\r\n-b\r\n c\r\n"},
		{"all removed", "a\nb\n", "",
			"--- a.txt\n+++ a.txt\n@@ -1,2 +0,0 @@\n-a\n-b\n"},
		{"into empty", "", "a\n",
			"--- a.txt\n+++ a.txt\n@@ -0,0 +1 @@\n+a\n"},
	} {
		if got := Unified("a.txt", c.old, c.new); got != c.want {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", c.name, got, c.want)
		}
	}
}

func TestQuoteName(t *testing.T) {
	for in, want := range map[string]string{
		"articles/été.txt": "articles/été.txt",
		"a b.txt":          `"a b.txt"`,
		`a"b\c.txt`:        `"a\"b\\c.txt"`,
		"a\tb\nc\x01.txt":  `"a\tb\nc\001.txt"`,
	} {
		if got := quoteName(in); got != want {
			t.Errorf("quoteName(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestUnifiedPatchRoundTrip feeds diffs of random repairs to GNU patch -p0
// and checks the patched file is the repaired text, byte for byte.
func TestUnifiedPatchRoundTrip(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("patch is not installed")
	}
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(3, 4))
	names := []string{"a.txt", "sub dir/é b.txt", `odd"name.md`}
	if err := os.MkdirAll(filepath.Join(dir, "sub dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	cases := 0
	for i := 0; cases < 60 && i < 1000; i++ {
		old := randomLongArticle(r)
		res, err := randomResult(r, old)
		if err != nil {
			continue
		}
		plan, err := PlanFor(res, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !plan.Changed() || plan.Text == old {
			continue
		}
		cases++
		name := names[i%len(names)]
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
			t.Fatal(err)
		}
		d := Unified(name, old, plan.Text)
		cmd := exec.Command(patch, "-p0", "--batch", "--quiet", "--no-backup-if-mismatch")
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(d)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stderr, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("patch failed: %v\n%s\ndiff:\n%s", err, stderr.String(), d)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != plan.Text {
			t.Fatalf("patched file differs from the repair\nold %q\nwant %q\ngot  %q\ndiff:\n%s", old, plan.Text, got, d)
		}
		os.Remove(path + ".orig")
		os.Remove(path + ".rej")
	}
	if cases < 60 {
		t.Fatalf("only %d cases changed anything", cases)
	}
}

// randomLongArticle makes articles of many lines so that hunks have context
// and gaps, ending with or without a line end, LF or CRLF.
func randomLongArticle(r *rand.Rand) string {
	nl := "\n"
	if r.IntN(3) == 0 {
		nl = "\r\n"
	}
	var b strings.Builder
	if r.IntN(5) == 0 {
		b.WriteString("\uFEFF")
	}
	b.WriteString("Titre" + nl + nl)
	for n := 5 + r.IntN(40); n > 0; n-- {
		for w := r.IntN(4); w >= 0; w-- {
			b.WriteString(pieces[r.IntN(4)])
		}
		b.WriteString(nl)
		if r.IntN(3) == 0 {
			b.WriteString(nl)
		}
	}
	s := b.String()
	if r.IntN(3) == 0 {
		s = strings.TrimRight(s, "\r\n")
	}
	return s
}

func FuzzUnified(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nc\n")
	f.Add("a\r\nb", "a\r\nb\r\n")
	f.Add("", "x")
	f.Add("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "1\nx\n3\n4\n5\n6\n7\n8\n9\n10\ny\n12")
	f.Fuzz(func(t *testing.T, old, new string) {
		d := Unified("f.txt", old, new)
		if (d == "") != (old == new) {
			t.Fatalf("diff %q for %q → %q", d, old, new)
		}
		if got := applyUnified(t, old, d); got != new {
			t.Fatalf("applying the diff to %q gave %q, want %q\n%s", old, got, new, d)
		}
	})
}

// applyUnified is a strict little patcher: every hunk must sit exactly at
// its stated line, its context and removed lines must match the old text,
// and its counts must add up.
func applyUnified(t *testing.T, old, d string) string {
	t.Helper()
	if d == "" {
		return old
	}
	oldLines := splitLines(old)
	var out strings.Builder
	lines := strings.SplitAfter(d, "\n")
	if !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") {
		t.Fatalf("bad headers in\n%s", d)
	}
	next := 0 // index into oldLines of the next line not yet copied
	i := 2
	for i < len(lines) && lines[i] != "" {
		var oStart, oc, nStart, nc int
		h := lines[i]
		if _, err := fmt.Sscanf(fixRange(h), "@@ -%d,%d +%d,%d @@\n", &oStart, &oc, &nStart, &nc); err != nil {
			t.Fatalf("bad hunk header %q: %v", h, err)
		}
		start := oStart - 1
		if oc == 0 {
			start = oStart
		}
		if start < next {
			t.Fatalf("hunk %q overlaps the previous one", h)
		}
		for _, l := range oldLines[next:start] {
			out.WriteString(l)
		}
		newSoFar := len(splitLines(out.String()))
		if (nc == 0 && nStart != newSoFar) || (nc > 0 && nStart != newSoFar+1) {
			t.Fatalf("hunk %q: new side should start after line %d", h, newSoFar)
		}
		next = start
		i++
		var gotOld, gotNew int
		for i < len(lines) && lines[i] != "" && !strings.HasPrefix(lines[i], "@@") {
			l := lines[i]
			text := l[1:]
			if i+1 < len(lines) && strings.HasPrefix(lines[i+1], `\ No newline`) {
				text = strings.TrimSuffix(text, "\n")
				i++
			}
			i++
			switch l[0] {
			case ' ', '-':
				if next >= len(oldLines) || oldLines[next] != text {
					t.Fatalf("hunk line %q does not match old line %d", l, next+1)
				}
				next++
				gotOld++
				if l[0] == ' ' {
					out.WriteString(text)
					gotNew++
				}
			case '+':
				out.WriteString(text)
				gotNew++
			default:
				t.Fatalf("bad diff line %q", l)
			}
		}
		if gotOld != oc || gotNew != nc {
			t.Fatalf("hunk %q counts %d,%d lines", h, gotOld, gotNew)
		}
	}
	for _, l := range oldLines[next:] {
		out.WriteString(l)
	}
	return out.String()
}

// fixRange writes "-l" and "+l" hunk sides as "-l,1" so one format reads all.
func fixRange(h string) string {
	f := strings.Fields(strings.TrimSpace(h))
	for i := 1; i <= 2 && i < len(f); i++ {
		if !strings.Contains(f[i], ",") {
			f[i] += ",1"
		}
	}
	return strings.Join(f, " ") + "\n"
}
