// Package reports turns audit results into bytes: one file per format, each
// a Printer over an io.Writer, chosen by name from Formats. Nothing here
// touches stdout, flags or exit codes.
package reports

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/suppress"
)

// Tool identifies the producer in every report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// ErrorEntry is an input that could not be audited.
type ErrorEntry struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

// Options tune printers.
type Options struct {
	Tool Tool
	// Color asks text output for ANSI colour (the command decides: terminal, NO_COLOR).
	Color bool
	// Context is how many bytes of text around a finding excerpts show.
	Context int
	// Rules describes the rules behind the findings (the registry or the
	// enabled rules), for formats that carry rule metadata (sarif, html).
	Rules []*audit.Rule
	// Messages is the language of messages, suggestions and labels: "" or
	// "auto" for each article's own (English where there is no catalog),
	// or a catalog's language ("en", "fr"); see messages.go.
	Messages string
	// Lang is the run's configured target language, if any: under auto,
	// the run's own text (summary line, batch table) is in it.
	Lang string
	// LocalizeJSON adds the translated message and suggestion to JSON
	// findings beside the English ones. Callers set it when a messages
	// language was asked for explicitly.
	LocalizeJSON bool
	// SuppressionKeys gives the keys of a result's findings (parallel to
	// its Findings) when findings were suppressed from it, so that keys
	// count the suppressed ones too (suppress.Filter.Keys); nil computes
	// them from the findings alone.
	SuppressionKeys func(*audit.Result) []suppress.Key
}

// suppressionKeys returns the keys of r's findings.
func (o *Options) suppressionKeys(r *audit.Result) []suppress.Key {
	if o.SuppressionKeys != nil {
		if k := o.SuppressionKeys(r); len(k) == len(r.Findings) {
			return k
		}
	}
	return suppress.ResultKeys(r)
}

// Printer writes a run's results as they come: Start once, Article per
// result in input order, End once with the batch summary (which holds the errors).
type Printer interface {
	Start(w io.Writer) error
	Article(w io.Writer, r *audit.Result) error
	End(w io.Writer, s *Summary) error
}

// Prerenderer is a Printer whose article is made apart from its writing:
// RenderArticle may run on several goroutines at once, ahead of the
// writing, and WriteRendered then writes what it made, in input order, in
// place of Article. A run renders on its workers, and the one goroutine
// that keeps the input order only writes.
type Prerenderer interface {
	Printer
	RenderArticle(r *audit.Result) ([]byte, error)
	WriteRendered(w io.Writer, article []byte) error
}

// renderThenWrite is a Prerenderer's Article: the two steps in a row.
func renderThenWrite(p Prerenderer, w io.Writer, r *audit.Result) error {
	b, err := p.RenderArticle(r)
	if err != nil {
		return err
	}
	return p.WriteRendered(w, b)
}

// Formats maps a format name to its printer's constructor. Format files add
// themselves from init.
var Formats = map[string]func(Options) Printer{}

// New returns the printer for a format name.
func New(format string, o Options) (Printer, error) {
	c, ok := Formats[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(FormatNames(), ", "))
	}
	return c(o), nil
}

// FormatNames lists the known formats, sorted.
func FormatNames() []string {
	var out []string
	for k := range Formats {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// fixable reports whether o.Rules declares a rule Fixable; nil (trust every
// rule, as services/fix does) when no rules are given.
func (o Options) fixable() func(rule string) bool {
	if len(o.Rules) == 0 {
		return nil
	}
	fixable := map[string]bool{}
	for _, r := range o.Rules {
		fixable[r.ID] = r.Fixable
	}
	return func(rule string) bool { return fixable[rule] }
}
