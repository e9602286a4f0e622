package main

import (
	"io"

	"github.com/mtaudit/mtaudit/reports"
	"github.com/mtaudit/mtaudit/services/batch"
)

// prerender has the run's workers render each article when the printer
// can (reports.Prerenderer) and nothing between the workers and the
// printer changes a result (no suppressions to take out, no baseline to
// record): the goroutine that keeps the input order then only writes. It
// returns how that goroutine prints an outcome.
func prerender(run *batch.Options, printer reports.Printer, ci *ciRun) func(w io.Writer, o *batch.Outcome) error {
	pr, ok := printer.(reports.Prerenderer)
	if !ok || !ci.keepsResults() {
		return func(w io.Writer, o *batch.Outcome) error { return printer.Article(w, o.Result) }
	}
	run.Render = func(o *batch.Outcome) error {
		if o.Result == nil || o.Result.Err != nil {
			return nil
		}
		b, err := pr.RenderArticle(o.Result)
		o.Rendered = b
		return err
	}
	return func(w io.Writer, o *batch.Outcome) error {
		if o.Rendered == nil {
			return printer.Article(w, o.Result)
		}
		return pr.WriteRendered(w, o.Rendered)
	}
}
