package audit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ConfigFileName is the configuration file mtaudit looks for.
const ConfigFileName = ".mtaudit.yaml"

// vcsMarkers mark a repository's root: the search for a configuration
// file stops there, so a file in a parent of the checkout (a home
// directory) never applies to a project by accident.
var vcsMarkers = []string{".git", ".hg", ".svn", ".jj"}

// FindConfig returns the nearest ConfigFileName in dir or its parents, as
// .editorconfig and ruff do: dir first, then each parent, stopping after
// the filesystem root or after a directory that is the root of a version
// control checkout (holds .git, .hg, .svn or .jj). It returns "" when
// there is none. A path that exists but cannot be read is an error.
func FindConfig(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; {
		path := filepath.Join(d, ConfigFileName)
		switch info, err := os.Stat(path); {
		case err == nil && !info.IsDir():
			return path, nil
		case err == nil:
			return "", fmt.Errorf("config %s is a directory", path)
		case !errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("read config: %w", err)
		}
		if isVCSRoot(d) {
			return "", nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", nil
		}
		d = parent
	}
}

func isVCSRoot(dir string) bool {
	for _, m := range vcsMarkers {
		if _, err := os.Lstat(filepath.Join(dir, m)); err == nil {
			return true
		}
	}
	return false
}
