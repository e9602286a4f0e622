package queue

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/mtaudit/mtaudit/audit/atomicfile"
)

// staleTempAge is how old a temporary result file must be before a
// starting worker removes it: writing one takes milliseconds, so an older
// one was left by a worker killed mid-write, while a younger one may be
// another live worker's (several may share the directory).
const staleTempAge = 10 * time.Minute

// removeStaleTemps removes the temporary files older than before that
// atomic writes left in dir and its shard directories (dir/HH), and says
// how many it removed.
func removeStaleTemps(dir string, before time.Time) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && filepath.Dir(p) != dir {
				return fs.SkipDir // results live in dir/HH only
			}
			return nil
		}
		if !d.Type().IsRegular() || !atomicfile.IsTemp(d.Name()) {
			return nil
		}
		info, err := d.Info()
		if err != nil || !info.ModTime().Before(before) {
			return nil
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		n++
		return nil
	})
	return n, err
}
