package reports

import (
	"fmt"
	"io"

	"github.com/mtaudit/mtaudit/audit"
)

// Placeholder Markdown printer; the full editor report replaces it.
func init() {
	Formats["markdown"] = func(o Options) Printer { return &markdownPrinter{opts: o} }
}

type markdownPrinter struct{ opts Options }

func (p *markdownPrinter) Start(io.Writer) error { return nil }
func (p *markdownPrinter) Article(w io.Writer, r *audit.Result) error {
	_, err := fmt.Fprintf(w, "# %s\n\n**%s** — penalty %.2f\n\n", r.Doc.Path, r.Verdict, r.Penalty)
	return err
}
func (p *markdownPrinter) End(io.Writer, *Summary) error { return nil }

// WriteSummaryMarkdown writes the batch summary for editors.
func WriteSummaryMarkdown(w io.Writer, s *Summary) error {
	_, err := fmt.Fprintf(w, "# Summary\n\n%d articles, %d pass, %d fail\n", s.Articles, s.Passed, s.Failed)
	return err
}
