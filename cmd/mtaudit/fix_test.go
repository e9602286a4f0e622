package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// The golden tests share the package's -update flag when another test file
// defines it, and define it otherwise.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func updatingGoldens() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// fixCLI runs mtaudit with args and returns the exit code and both streams.
func fixCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code = run(args, e)
	return code, out.String(), errb.String()
}

// fixArgs pins what a test must not pick up from the machine: an empty
// configuration (no .mtaudit.yaml from the working directory) and French.
func fixArgs(t *testing.T, args ...string) []string {
	t.Helper()
	cfg := filepath.Join(t.TempDir(), "empty.yaml")
	if err := os.WriteFile(cfg, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return append([]string{"fix", "--config", cfg, "--lang", "fr"}, args...)
}

func fixArticles(t *testing.T) []string {
	t.Helper()
	m, err := filepath.Glob("../../testdata/fix/*.txt")
	if err != nil || len(m) == 0 {
		t.Fatalf("no articles in testdata/fix: %v", err)
	}
	return m
}

// TestFixGolden compares the diff of each testdata/fix article with its
// .diff file (go test -run TestFixGolden -update rewrites them). The diff is
// taken from the repository root, so its names are what patch -p0 needs there.
func TestFixGolden(t *testing.T) {
	for _, path := range fixArticles(t) {
		name := strings.TrimPrefix(filepath.ToSlash(path), "../../")
		t.Run(filepath.Base(name), func(t *testing.T) {
			args := fixArgs(t, name)
			t.Chdir("../..")
			code, out, errOut := fixCLI(t, "", args...)
			if code == exitError {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if want := map[bool]int{true: exitFail, false: exitOK}[out != ""]; code != want {
				t.Errorf("exit %d with diff %q, want %d", code, out, want)
			}
			golden := strings.TrimSuffix(name, ".txt") + ".diff"
			if updatingGoldens() {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if out != string(want) {
				t.Errorf("diff differs from %s (run with -update after checking it):\n--- got\n%s\n--- want\n%s", golden, out, want)
			}
		})
	}
}

// copyArticle copies a testdata article into dir under its base name.
func copyArticle(t *testing.T, src, dir string, mode os.FileMode) (name string, data []byte) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	name = filepath.Base(src)
	if err := os.WriteFile(filepath.Join(dir, name), data, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, name), mode); err != nil {
		t.Fatal(err)
	}
	return name, data
}

// findingsWithFixes audits a file with the real registry and returns the
// findings that still carry a fix.
func findingsWithFixes(t *testing.T, path string) []audit.Finding {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := audit.NewDocument(path, data)
	if err != nil {
		t.Fatal(err)
	}
	cfg := audit.DefaultConfig()
	cfg.Lang = "fr"
	eng, err := newEngine(cfg, &env{getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	var out []audit.Finding
	for _, f := range eng.Audit(context.Background(), doc).Findings {
		if len(f.Fixes) > 0 {
			out = append(out, f)
		}
	}
	return out
}

// TestFixPatchWriteAndIdempotence: for each article, the diff applied with
// patch -p0 and the --write repair give the same bytes; fixing again changes
// nothing; auditing the fixed article finds no finding that carries a fix;
// --backup keeps the original; the file's mode is kept.
func TestFixPatchWriteAndIdempotence(t *testing.T) {
	patch, patchErr := exec.LookPath("patch")
	for _, src := range fixArticles(t) {
		t.Run(filepath.Base(src), func(t *testing.T) {
			diffDir, writeDir := t.TempDir(), t.TempDir()
			name, orig := copyArticle(t, src, diffDir, 0o644)
			copyArticle(t, src, writeDir, 0o600)

			diffArgs := fixArgs(t, name)
			writeArgs := fixArgs(t, "--write", "--backup", name)
			againArgs := fixArgs(t, name)

			t.Chdir(writeDir)
			code, out, errOut := fixCLI(t, "", writeArgs...)
			if code != exitOK || out != "" {
				t.Fatalf("--write: exit %d, stdout %q, stderr %s", code, out, errOut)
			}
			written, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			backup, err := os.ReadFile(name + ".orig")
			changed := !bytes.Equal(written, orig)
			if changed && (err != nil || !bytes.Equal(backup, orig)) {
				t.Errorf("backup %q (%v) is not the original", backup, err)
			}
			if !changed && err == nil {
				t.Errorf("a backup was written for an unchanged file")
			}
			if info, _ := os.Stat(name); info.Mode().Perm() != 0o600 {
				t.Errorf("mode %v after --write, want 0600", info.Mode().Perm())
			}
			// Fixing twice changes nothing the second time.
			if code, out, errOut := fixCLI(t, "", againArgs...); code != exitOK || out != "" {
				t.Errorf("second fix: exit %d, diff:\n%s\n%s", code, out, errOut)
			}
			if fs := findingsWithFixes(t, name); len(fs) > 0 {
				t.Errorf("the fixed article still has findings with fixes: %+v", fs)
			}

			t.Chdir(diffDir)
			code, diff, errOut := fixCLI(t, "", diffArgs...)
			if (code == exitFail) != changed || (diff != "") != changed {
				t.Fatalf("diff mode: exit %d, diff %q, but --write changed=%v; stderr %s", code, diff, changed, errOut)
			}
			if !changed {
				return
			}
			if patchErr != nil {
				t.Skip("patch is not installed")
			}
			cmd := exec.Command(patch, "-p0", "--batch", "--no-backup-if-mismatch")
			cmd.Stdin = strings.NewReader(diff)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("patch -p0: %v\n%s\n%s", err, msg, diff)
			}
			patched, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(patched, written) {
				t.Errorf("patch -p0 gave\n%q\n--write gave\n%q", patched, written)
			}
		})
	}
}

// TestFixKeepsBOMAndCRLF: the repaired CRLF article keeps its mark and line ends.
func TestFixKeepsBOMAndCRLF(t *testing.T) {
	dir := t.TempDir()
	name, orig := copyArticle(t, "../../testdata/fix/crlf-bom-duplicate.txt", dir, 0o644)
	args := fixArgs(t, "--write", name)
	t.Chdir(dir)
	if code, _, errOut := fixCLI(t, "", args...); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got, _ := os.ReadFile(name)
	if !bytes.HasPrefix(got, []byte("\uFEFF")) {
		t.Error("byte-order mark lost")
	}
	if n, crlf := bytes.Count(got, []byte("\n")), bytes.Count(got, []byte("\r\n")); n != crlf {
		t.Errorf("%d line ends, %d of them CRLF", n, crlf)
	}
	if bytes.Equal(got, orig) {
		t.Log("no rule repaired this article yet")
	}
}

func TestFixThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	name, orig := copyArticle(t, "../../testdata/fix/scraped-lines.txt", dir, 0o644)
	if err := os.Symlink(name, filepath.Join(dir, "link.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	args := fixArgs(t, "--write", "link.txt")
	t.Chdir(dir)
	if code, _, errOut := fixCLI(t, "", args...); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if info, err := os.Lstat("link.txt"); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced by a file: %v", err)
	}
	got, _ := os.ReadFile(name)
	if bytes.Equal(got, orig) {
		t.Log("no rule repaired this article yet")
	}
}

func TestFixStdin(t *testing.T) {
	data, err := os.ReadFile("../../testdata/fix/scraped-lines.txt")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := fixCLI(t, string(data), fixArgs(t, "-")...)
	if code == exitError {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != "" && !strings.HasPrefix(out, "--- -\n+++ -\n@@ ") {
		t.Errorf("diff of standard input:\n%s", out)
	}
}

func TestFixErrors(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin.txt")
	os.WriteFile(bin, []byte("a\x00b"), 0o644)
	clean := filepath.Join(dir, "ok.txt")
	os.WriteFile(clean, []byte("Un titre\n\nUn texte sans défaut.\n"), 0o644)
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{filepath.Join(dir, "nope.txt")}, "nope.txt"},
		{"backup without write", []string{"--backup", clean}, "--backup needs --write"},
		{"unknown selector", []string{"--only", "nothing.such-rule", clean}, "nothing.such-rule"},
		{"stdin in place", []string{"--write", "-"}, "standard input"},
		{"binary", []string{bin, clean}, "binary"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := fixCLI(t, "texte", fixArgs(t, c.args...)...)
			if code != exitError || !strings.Contains(errOut, c.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 mentioning %q", code, errOut, c.want)
			}
		})
	}
}

// TestFixExtractedText: an article whose text is extracted from its file
// (as from HTML) cannot be repaired in place: an error when named, passed
// over when found in a directory.
func TestFixExtractedText(t *testing.T) {
	audit.RegisterReader(".fixtest-extracted", func(path string, data []byte) []audit.Input {
		doc, err := audit.NewDocument(path, bytes.TrimPrefix(data, []byte("<p>")))
		return []audit.Input{{Path: path, Doc: doc, Err: err}}
	})
	dir := t.TempDir()
	page := filepath.Join(dir, "page.fixtest-extracted")
	os.WriteFile(page, []byte("<p>Un titre\n\nUn texte.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("Un titre\n\nUn texte sans défaut.\n"), 0o644)

	code, _, errOut := fixCLI(t, "", fixArgs(t, page)...)
	if code != exitError || !strings.Contains(errOut, "not repairable") {
		t.Errorf("named: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = fixCLI(t, "", fixArgs(t, dir)...)
	if code == exitError || !strings.Contains(errOut, "passed over") {
		t.Errorf("in a directory: exit %d, stderr %q", code, errOut)
	}
}

// TestFixUnwritableDirectory: a write that cannot complete leaves the
// original whole and exits 2.
func TestFixUnwritableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes anywhere")
	}
	dir := t.TempDir()
	name, orig := copyArticle(t, "../../testdata/fix/scraped-lines.txt", dir, 0o644)
	args := fixArgs(t, "--write", name)
	os.Chmod(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	t.Chdir(dir)
	code, _, errOut := fixCLI(t, "", args...)
	got, _ := os.ReadFile(name)
	if !bytes.Equal(got, orig) {
		t.Fatal("original changed")
	}
	if code != exitOK && code != exitError {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// TestFixChangedMeanwhile: a file edited by someone else between the read
// and the write is not overwritten.
func TestFixChangedMeanwhile(t *testing.T) {
	dir := t.TempDir()
	name, _ := copyArticle(t, "../../testdata/fix/names-typography.txt", dir, 0o644)
	args := fixArgs(t, "--write", name)
	t.Chdir(dir)
	saved := beforeFixWrite
	t.Cleanup(func() { beforeFixWrite = saved })
	called := false
	beforeFixWrite = func(path string) {
		called = true
		os.WriteFile(path, []byte("Édité entre-temps..\n"), 0o644)
	}
	code, _, errOut := fixCLI(t, "", args...)
	if !called {
		t.Skip("no rule repairs this article yet")
	}
	if code != exitError || !strings.Contains(errOut, "changed since it was read") {
		t.Errorf("exit %d, stderr %s", code, errOut)
	}
	if got, _ := os.ReadFile(name); string(got) != "Édité entre-temps..\n" {
		t.Errorf("the other edit was overwritten: %q", got)
	}
}

// TestFixOnly: with --only CATEGORY, the written article has no finding of
// that category with a fix left, and findings of other categories keep theirs.
func TestFixOnly(t *testing.T) {
	for _, src := range fixArticles(t) {
		before := findingsWithFixes(t, src)
		if len(before) == 0 {
			continue
		}
		cat := before[0].Category
		dir := t.TempDir()
		name, _ := copyArticle(t, src, dir, 0o644)
		args := fixArgs(t, "--write", "--only", string(cat), name)
		t.Run(filepath.Base(src)+"/"+string(cat), func(t *testing.T) {
			t.Chdir(dir)
			if code, _, errOut := fixCLI(t, "", args...); code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			// Findings of other categories away from every repaired span
			// must keep their fixes.
			others := 0
			for _, f := range before {
				near := false
				for _, g := range before {
					near = near || (g.Category == cat && g.Span.Overlaps(f.Span))
				}
				if f.Category != cat && !near {
					others++
				}
			}
			after := findingsWithFixes(t, name)
			for _, f := range after {
				if f.Category == cat {
					t.Errorf("%s finding still has a fix after --only %s: %+v", cat, cat, f)
				}
			}
			if len(after) < others {
				t.Errorf("--only %s repaired other categories: %d findings with fixes left, %d before", cat, len(after), others)
			}
		})
	}
}

// The notes on repairs not made quote the repair's message in the
// article's language, or the one --messages names.
func TestFixNotesInTheArticleLanguage(t *testing.T) {
	const article = "Le scrutin aura lieu le 5 Peut, a annoncé la commission électorale.\n"
	for messages, want := range map[string]string{
		"":   `mistranslation.may-peut "Remplacer «` + "\u00a0" + `Peut` + "\u00a0" + `» par «` + "\u00a0" + `mai` + "\u00a0" + `»"`,
		"en": `mistranslation.may-peut "Replace \"Peut\" with \"mai\""`,
	} {
		args := []string{"-"}
		if messages != "" {
			args = []string{"--messages", messages, "-"}
		}
		_, _, errOut := fixCLI(t, article, fixArgs(t, args...)...)
		if !strings.Contains(errOut, "not repaired") || !strings.Contains(errOut, want) {
			t.Errorf("--messages %q: notes lack %s:\n%s", messages, want, errOut)
		}
	}
}

// fix takes only the flags it acts on: no gate, no LLM pass.
func TestFixHelpListsOnlyItsFlags(t *testing.T) {
	o := mtaudit(t, "fix", "--help")
	o.expect(t, 0)
	for _, flag := range []string{"--llm", "--fail-on", "--max-penalty", "--exit-zero"} {
		if strings.Contains(o.stdout, flag) {
			t.Errorf("fix --help lists %s:\n%s", flag, o.stdout)
		}
	}
	for _, flag := range []string{"--write", "--only", "--rules", "--config"} {
		if !strings.Contains(o.stdout, flag) {
			t.Errorf("fix --help lacks %s", flag)
		}
	}
	mtaudit(t, "fix", "--fail-on", "major", "x.txt").expect(t, 2)
}
