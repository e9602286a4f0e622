package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// ltClientDir installs the npm LanguageTool client of testdata/ltclient
// (package-lock.json pins it) once per lock file, in the user's cache, and
// returns its directory. It skips the test when node or npm is missing or
// the registry cannot be reached.
func ltClientDir(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("installs an npm package")
	}
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	src, err := filepath.Abs(filepath.Join("testdata", "ltclient"))
	if err != nil {
		t.Fatal(err)
	}
	lock, err := os.ReadFile(filepath.Join(src, "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	sum := sha256.Sum256(lock)
	dir := filepath.Join(cache, "mtaudit-test", "ltclient-"+hex.EncodeToString(sum[:8]))
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "language-grammar-api")); err == nil {
		return dir
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"package.json", "package-lock.json"} {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("npm ci (registry unreachable?): %v\n%s", err, out)
	}
	return dir
}

// TestLTClientLibrary runs language-grammar-api, a LanguageTool client
// library from the npm registry, against the server: it must read our
// answers as LanguageTool's, and its own UTF-16 string indexing must land
// each match on the flagged characters, astral ones before them included.
func TestLTClientLibrary(t *testing.T) {
	dir := ltClientDir(t)
	_, ts := newTestServer(t, Options{})
	script, err := filepath.Abs(filepath.Join("testdata", "ltclient", "check.js"))
	if err != nil {
		t.Fatal(err)
	}
	text := "Le ministre 🇫🇷 a promis 𝒳 des [job guarantees] aux syndicats, a précisé le porte-parole: la date est fixée.\n\nPartager Facebook Twitter\n"
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// The client checks its endpoint is a URL with a host; 127.0.0.1 is one.
	cmd := exec.CommandContext(ctx, "node", script, ts.URL+"/v2", text)
	cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(dir, "node_modules"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var got struct {
		Software  string
		Language  ltLanguage
		Languages []string
		Matches   []struct {
			Rule, IssueType, Found, InContext string
			Replacements                      []string
		}
		Unknown string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Software != "mtaudit" || got.Language.Code != "fr-FR" || !strings.Contains(strings.Join(got.Languages, ","), "fr") {
		t.Errorf("software %q, language %+v, languages %v", got.Software, got.Language, got.Languages)
	}
	want := map[string]string{"untranslated.test-bracket": "[job guarantees]", "scraped.test-furniture": "Partager Facebook Twitter"}
	for _, m := range got.Matches {
		if m.Rule == "typography.test-colon" {
			t.Errorf("disabledRules ignored: %+v", m)
		}
		if w, ok := want[m.Rule]; ok {
			if m.Found != w || m.InContext != w {
				t.Errorf("%s: client reads %q in the text, %q in the context; want %q", m.Rule, m.Found, m.InContext, w)
			}
			delete(want, m.Rule)
		}
	}
	if len(want) > 0 {
		t.Errorf("matches missing: %v (got %+v)", want, got.Matches)
	}
	if !strings.HasPrefix(got.Unknown, "Error: 'xx-YY' is not a language code known to LanguageTool.") {
		t.Errorf("unknown language: %q", got.Unknown)
	}
}
