package reports

import (
	"fmt"
	"io"

	"github.com/mtaudit/mtaudit/audit"
)

// Placeholder text printer; the full one (excerpts, colour) replaces it.
func init() {
	Formats["text"] = func(o Options) Printer { return &textPrinter{opts: o} }
}

type textPrinter struct{ opts Options }

func (p *textPrinter) Start(io.Writer) error { return nil }
func (p *textPrinter) Article(w io.Writer, r *audit.Result) error {
	lt := r.Doc.LineTable()
	for _, f := range r.Findings {
		l, c := lt.Position(f.Start)
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", r.Doc.Path, l, c, f.Severity, f.Message, f.Rule); err != nil {
			return err
		}
	}
	return nil
}
func (p *textPrinter) End(w io.Writer, s *Summary) error {
	for _, e := range s.Errors {
		fmt.Fprintf(w, "%s: error: %s\n", e.Path, e.Error)
	}
	_, err := fmt.Fprintf(w, "%d articles: %d pass, %d fail, %d errors\n", s.Articles, s.Passed, s.Failed, len(s.Errors))
	return err
}
