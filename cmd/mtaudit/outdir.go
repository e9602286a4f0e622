package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/atomicfile"
	"github.com/mtaudit/mtaudit/reports"
)

// outDir writes per-article reports and the batch summary, each atomically.
type outDir struct {
	dir   string
	opts  reports.Options
	names map[string]int
}

func newOutDir(dir string, opts reports.Options) (*outDir, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	return &outDir{dir: dir, opts: opts, names: map[string]int{}}, nil
}

var unsafeName = regexp.MustCompile(`[^\p{L}\p{N}._-]+`)

// reportName gives each article a file stem unique within the run.
func (o *outDir) reportName(d *audit.Document) string {
	stem := d.ID
	if stem == "" {
		stem = strings.TrimSuffix(filepath.Base(d.Path), filepath.Ext(d.Path))
	}
	stem = strings.Trim(unsafeName.ReplaceAllString(stem, "_"), "._")
	if stem == "" || stem == "summary" || stem == "index" {
		stem = "article_" + stem
	}
	o.names[stem]++
	if n := o.names[stem]; n > 1 {
		stem = fmt.Sprintf("%s-%d", stem, n)
	}
	return stem
}

// writeArticle writes NAME.md and NAME.json for one result and notes the
// file name in the summary's row for it.
func (o *outDir) writeArticle(r *audit.Result, s *reports.Summary) error {
	stem := o.reportName(r.Doc)
	for _, format := range []string{"markdown", "json"} {
		p, err := reports.New(format, o.opts)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		one := reports.NewSummary(o.opts.Tool)
		one.Add(r)
		if err := p.Start(&buf); err != nil {
			return err
		}
		if err := p.Article(&buf, r); err != nil {
			return err
		}
		if err := p.End(&buf, one); err != nil {
			return err
		}
		ext := map[string]string{"markdown": ".md", "json": ".json"}[format]
		if err := atomicfile.WriteFile(filepath.Join(o.dir, stem+ext), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	if n := len(s.Worst); n > 0 && s.Worst[n-1].Path == r.Doc.Path {
		s.Worst[n-1].Report = stem
	}
	return nil
}

func (o *outDir) writeSummary(s *reports.Summary) error {
	var md, js bytes.Buffer
	if err := reports.WriteSummaryMarkdown(&md, s); err != nil {
		return err
	}
	if err := reports.WriteSummaryJSON(&js, s); err != nil {
		return err
	}
	if err := atomicfile.WriteFile(filepath.Join(o.dir, "summary.md"), md.Bytes(), 0o644); err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(o.dir, "summary.json"), js.Bytes(), 0o644)
}
