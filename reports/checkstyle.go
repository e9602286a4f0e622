package reports

import (
	"encoding/xml"
	"io"

	"github.com/mtaudit/mtaudit/audit"
)

// Checkstyle XML, which Jenkins (warnings-ng), reviewdog, SonarQube and
// many editors read: a <file> per article with an <error> per finding
// (line, column, severity error/warning/info, message, source = the rule).
// Each file element is written as its article comes.

func init() {
	Formats["checkstyle"] = func(o Options) Printer { return &checkstylePrinter{opts: o} }
}

// CheckstyleFile is one article's findings.
type CheckstyleFile struct {
	XMLName xml.Name          `xml:"file"`
	Name    string            `xml:"name,attr"`
	Errors  []CheckstyleError `xml:"error"`
}

// CheckstyleError is one finding.
type CheckstyleError struct {
	Line     int    `xml:"line,attr,omitempty"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

type checkstylePrinter struct{ opts Options }

func (*checkstylePrinter) Start(w io.Writer) error {
	_, err := io.WriteString(w, xml.Header+`<checkstyle version="4.3">`+"\n")
	return err
}

func (p *checkstylePrinter) Article(w io.Writer, r *audit.Result) error {
	d := r.Doc
	c := p.opts.catalog(articleLang(r))
	lt := d.LineTable()
	file := CheckstyleFile{Name: githubPath(d.Path)}
	for _, f := range r.Findings {
		if f.Start < 0 || f.End > len(d.Text) || f.Start > f.End {
			continue
		}
		line, col := lt.Position(f.Start)
		msg := localMessage(c, &f)
		if msg == "" {
			msg = c.Label("text.flagged_by", "rule", f.Rule)
		}
		if f.Suggestion != "" {
			msg += " — " + c.Label("text.suggestion") + " " + c.Message(f.Suggestion)
		}
		file.Errors = append(file.Errors, CheckstyleError{Line: line, Column: col, Severity: checkstyleSeverity(f.Severity),
			Message: msg, Source: "mtaudit." + f.Rule})
	}
	if !r.Audited() && r.Verdict != audit.VerdictPass {
		file.Errors = append(file.Errors, CheckstyleError{Line: 1, Severity: "error",
			Message: c.Label("text.not_audited") + " " + c.Message(r.NotAudited), Source: "mtaudit.gate.unsupported_language"})
	}
	return p.element(w, file)
}

func (p *checkstylePrinter) element(w io.Writer, v any) error {
	// The encoder writes the prefix before the first line too.
	enc := xml.NewEncoder(w)
	enc.Indent("  ", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// End adds a file element per unreadable input and closes the document.
func (p *checkstylePrinter) End(w io.Writer, s *Summary) error {
	for _, e := range s.Errors {
		if err := p.element(w, CheckstyleFile{Name: githubPath(e.Path), Errors: []CheckstyleError{{Severity: "error", Message: e.Error, Source: "mtaudit.input-error"}}}); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "</checkstyle>\n")
	return err
}

// checkstyleSeverity maps a severity to checkstyle's error, warning, info.
func checkstyleSeverity(s audit.Severity) string {
	switch {
	case s >= audit.Major:
		return "error"
	case s == audit.Minor:
		return "warning"
	}
	return "info"
}
