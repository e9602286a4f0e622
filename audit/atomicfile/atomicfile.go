// Package atomicfile writes files so that a reader sees the old content or
// the new, never a part: a temporary file in the same directory, synced,
// then renamed over the target.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
)

// WriteFile writes data to path atomically. An existing file keeps its mode;
// a new one gets perm.
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Replace writes data to path atomically for readers (a temporary file
// renamed over the target: a reader sees the old content or the new, never a
// part) but does not sync it to disk. After a power loss the file may be
// empty or old. It is for files that can be rebuilt and are checked when
// used, written by the thousand, where two fsyncs each would dominate the
// run: the per-article reports of --out, which --resume reads back and
// verifies before trusting.
func Replace(path string, data []byte, perm fs.FileMode) error {
	return write(path, perm, false, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeError names the target once: the temporary file's name in an
// *fs.PathError is noise beside it ("write X: open .X.tmp-123: read-only
// file system").
func writeError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && (filepath.Clean(pe.Path) == filepath.Clean(path) || IsTemp(filepath.Base(pe.Path))) {
		err = pe.Err
	}
	return fmt.Errorf("write %s: %w", path, err)
}

// IsTemp reports whether a file name is one of the temporary files Write
// and Replace create (".NAME.tmp-DIGITS"): one left behind by a process
// killed mid-write may be removed.
func IsTemp(name string) bool { return tempName.MatchString(name) }

var tempName = regexp.MustCompile(`^\..+\.tmp-[0-9]+$`)

// beforeRename is a test hook: it runs after the temporary file is complete
// and synced, just before the rename.
var beforeRename = func(tmp string) error { return nil }

// Write streams fill's output to path atomically.
func Write(path string, perm fs.FileMode, fill func(io.Writer) error) error {
	return write(path, perm, true, fill)
}

func write(path string, perm fs.FileMode, durable bool, fill func(io.Writer) error) (err error) {
	if info, statErr := os.Stat(path); statErr == nil {
		perm = info.Mode().Perm()
	} else if !errors.Is(statErr, fs.ErrNotExist) {
		return writeError(path, statErr)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return writeError(path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = fill(f); err != nil {
		return writeError(path, err)
	}
	if err = f.Chmod(perm); err != nil {
		return writeError(path, err)
	}
	if durable {
		if err = f.Sync(); err != nil {
			return writeError(path, err)
		}
	}
	if err = f.Close(); err != nil {
		return writeError(path, err)
	}
	if err = beforeRename(tmp); err != nil {
		return writeError(path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return writeError(path, err)
	}
	if !durable {
		return nil
	}
	// Sync the directory so the rename itself survives a crash.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
