package reports

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
)

// GitHub Actions workflow commands: one annotation a finding
// (::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message),
// which the runner shows on the changed file in a pull request. Values are
// escaped as the Actions toolkit does (escapeProperty, escapeData): a
// newline or a "::" in article text cannot start a command of its own.

func init() {
	Formats["github"] = func(o Options) Printer { return &githubPrinter{opts: o} }
}

type githubPrinter struct {
	opts  Options
	first *audit.Result
}

func (*githubPrinter) Start(io.Writer) error { return nil }

func (p *githubPrinter) Article(w io.Writer, r *audit.Result) error {
	if p.first == nil {
		p.first = r
	}
	c := p.opts.catalog(articleLang(r))
	d := r.Doc
	file := githubPath(d.Path)
	lt := d.LineTable()
	var b strings.Builder
	for _, f := range r.Findings {
		if f.Start < 0 || f.End > len(d.Text) || f.Start > f.End {
			continue
		}
		line, col := lt.Position(f.Start)
		endLine, endCol := lt.Position(f.End)
		msg := localMessage(c, &f)
		if msg == "" {
			msg = c.Label("text.flagged_by", "rule", f.Rule)
		}
		if f.Suggestion != "" {
			msg += "\n" + c.Label("text.suggestion") + " " + c.Message(f.Suggestion)
		}
		msg += "\n« " + d.Text[f.Start:f.End] + " »"
		fmt.Fprintf(&b, "::%s file=%s,line=%d,endLine=%d,col=%d,endColumn=%d,title=%s::%s\n",
			githubLevel(f.Severity), githubProperty(file), line, endLine, col, endCol,
			githubProperty(f.Rule+" ("+f.Severity.String()+")"), githubData(msg))
	}
	if !r.Audited() && r.Verdict != audit.VerdictPass {
		fmt.Fprintf(&b, "::error file=%s,title=%s::%s\n", githubProperty(file),
			githubProperty("mtaudit"), githubData(c.Label("text.not_audited")+" "+c.Message(r.NotAudited)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (p *githubPrinter) End(w io.Writer, s *Summary) error {
	var b strings.Builder
	for _, e := range s.Errors {
		fmt.Fprintf(&b, "::error file=%s,title=%s::%s\n", githubProperty(githubPath(e.Path)), githubProperty("mtaudit"), githubData(e.Error))
	}
	c := p.opts.runCatalog(articleLang(p.first))
	if s.Interrupted {
		fmt.Fprintf(&b, "::error title=mtaudit::%s\n", githubData(interruptedNote(c, s)))
	}
	// The summary line is a plain log line, not an annotation.
	b.WriteString(githubData(summaryLine(c, s)) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// githubLevel maps a severity to a workflow command.
func githubLevel(s audit.Severity) string {
	switch {
	case s >= audit.Major:
		return "error"
	case s == audit.Minor:
		return "warning"
	}
	return "notice"
}

// githubPath is the path as annotations want it: forward slashes, no "./".
func githubPath(p string) string {
	return strings.TrimPrefix(filepath.ToSlash(p), "./")
}

// githubData escapes a command's message (the toolkit's escapeData).
func githubData(s string) string {
	return githubDataEscaper.Replace(s)
}

// githubProperty escapes a command's property value (escapeProperty).
func githubProperty(s string) string {
	return githubPropertyEscaper.Replace(s)
}

var (
	githubDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
