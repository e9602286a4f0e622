package eval

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
)

// Audit reads dir's *.txt articles (not recursively) and audits them as one
// run: the per-document rules on each, then the batch rules across all.
// Inputs that cannot be read come back as errors, the rest is still audited.
func Audit(ctx context.Context, eng *audit.Engine, dir string) ([]*audit.Result, []audit.Input, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	var paths []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".txt") && !strings.HasPrefix(e.Name(), ".") {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(paths)
	var results []*audit.Result
	var bad []audit.Input
	for _, p := range paths {
		if ctx.Err() != nil {
			return results, bad, ctx.Err()
		}
		for _, in := range audit.ReadPath(p, nil, "") {
			if in.Err != nil {
				bad = append(bad, in)
				continue
			}
			results = append(results, eng.Audit(ctx, in.Doc))
		}
	}
	eng.AuditBatch(results)
	return results, bad, nil
}
