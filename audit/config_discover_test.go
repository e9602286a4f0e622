package audit

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFindConfig(t *testing.T) {
	root := t.TempDir()
	write := func(rel, data string) string {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	outer := write("home/"+ConfigFileName, "lang: fr\n")
	inner := write("home/repo/"+ConfigFileName, "lang: de\n")
	write("home/repo/.git/HEAD", "ref: main\n")
	write("home/repo/news/2026/a.txt", "x")
	write("home/other/deep/b.txt", "x")
	write("home/vcs/.git/HEAD", "ref: main\n")
	write("home/vcs/sub/c.txt", "x")

	for _, tc := range []struct{ dir, want string }{
		{"home/repo/news/2026", inner}, // nearest parent
		{"home/repo", inner},           // the directory itself
		{"home/other/deep", outer},     // no repository: up to the file
		{"home/vcs/sub", ""},           // stops at the checkout's root
		{"home", outer},
	} {
		got, err := FindConfig(filepath.Join(root, tc.dir))
		if err != nil || got != tc.want {
			t.Errorf("FindConfig(%s) = %q, %v; want %q", tc.dir, got, err, tc.want)
		}
	}
}
