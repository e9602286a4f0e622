package reports

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/reports/i18n"
)

// JUnit XML, the test report every CI system reads: one testsuite, one
// testcase per article, a failure for an article the gate failed (listing
// its findings), an error for an input that could not be read, skipped for
// an article not audited that passed anyway. The counts sit in the
// testsuite's attributes, so the cases are held until End; each holds
// only its findings' lines, not the article.

func init() {
	Formats["junit"] = func(o Options) Printer { return &junitPrinter{opts: o} }
}

// JUnitSuites is the document root.
type JUnitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []JUnitSuite `xml:"testsuite"`
}

// JUnitSuite is the run.
type JUnitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []JUnitProperty `xml:"properties>property,omitempty"`
	Cases      []JUnitCase     `xml:"testcase"`
}

// JUnitProperty is a name=value pair of the suite.
type JUnitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// JUnitCase is one article (or unreadable input).
type JUnitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *JUnitProblem `xml:"failure,omitempty"`
	Error     *JUnitProblem `xml:"error,omitempty"`
	Skipped   *JUnitProblem `xml:"skipped,omitempty"`
	SystemOut *JUnitText    `xml:"system-out,omitempty"`
}

// JUnitText is element text kept as CDATA.
type JUnitText struct {
	Text string `xml:",cdata"`
}

// JUnitProblem is a failure, error or skip: a one-line message and the detail.
type JUnitProblem struct {
	Message string `xml:"message,attr,omitempty"`
	Type    string `xml:"type,attr,omitempty"`
	// Text is CDATA, so that the findings' lines read as they are.
	Text string `xml:",cdata"`
}

type junitPrinter struct {
	opts  Options
	first *audit.Result
	cases []JUnitCase
}

func (*junitPrinter) Start(io.Writer) error { return nil }

func (p *junitPrinter) Article(_ io.Writer, r *audit.Result) error {
	if p.first == nil {
		p.first = r
	}
	c := p.opts.catalog(articleLang(r))
	d := r.Doc
	tc := JUnitCase{Name: githubPath(d.Path), ClassName: "mtaudit"}
	if d.Title != "" {
		tc.ClassName = "mtaudit." + junitClass(d.Title)
	}
	lines := findingLines(c, r)
	switch {
	case !r.Audited() && r.Verdict == audit.VerdictPass:
		tc.Skipped = &JUnitProblem{Message: c.Label("text.not_audited") + " " + c.Message(r.NotAudited)}
	case !r.Audited():
		tc.Failure = &JUnitProblem{Type: "unsupported_language", Message: c.Label("text.not_audited") + " " + c.Message(r.NotAudited)}
	case r.Verdict != audit.VerdictPass:
		tc.Failure = &JUnitProblem{Type: "gate",
			Message: c.Label("penalty", "penalty", c.Number(r.Penalty, 2)) + ", " + countLine(c, len(r.Findings), r.CountBySeverity()),
			Text:    xmlSafe(strings.Join(lines, "\n"))}
	default:
		// A passing article's findings are worth reading, not failing.
		if len(lines) > 0 {
			tc.SystemOut = &JUnitText{xmlSafe(strings.Join(lines, "\n"))}
		}
	}
	p.cases = append(p.cases, tc)
	return nil
}

// findingLines are a result's findings as
// "path:line:col: severity: message [rule]" lines, each with its quote.
func findingLines(c *i18n.Catalog, r *audit.Result) []string {
	d := r.Doc
	lt := d.LineTable()
	path := githubPath(d.Path)
	var out []string
	for _, f := range r.Findings {
		if f.Start < 0 || f.End > len(d.Text) || f.Start > f.End {
			continue
		}
		line, col := lt.Position(f.Start)
		msg := localMessage(c, &f)
		if msg == "" {
			msg = c.Label("text.flagged_by", "rule", f.Rule)
		}
		msg, _ = firstLine(msg)
		quote, _ := firstLine(strings.TrimSpace(d.Text[f.Start:f.End]))
		l := fmt.Sprintf("%s:%d:%d: %s: %s [%s] «%s»", path, line, col, f.Severity, msg, f.Rule, quote)
		if f.Suggestion != "" {
			sugg, _ := firstLine(c.Message(f.Suggestion))
			l += " — " + c.Label("text.suggestion") + " " + sugg
		}
		out = append(out, l)
	}
	for _, warn := range r.Warnings {
		first, _ := firstLine(warn)
		out = append(out, path+": warning: "+first)
	}
	return out
}

func (p *junitPrinter) End(w io.Writer, s *Summary) error {
	suite := JUnitSuite{Name: p.opts.Tool.Name, Cases: p.cases}
	if suite.Name == "" {
		suite.Name = "mtaudit"
	}
	for _, e := range s.Errors {
		first, _ := firstLine(e.Error)
		suite.Cases = append(suite.Cases, JUnitCase{Name: githubPath(e.Path), ClassName: "mtaudit",
			Error: &JUnitProblem{Type: "input", Message: first, Text: xmlSafe(e.Error)}})
	}
	for _, tc := range suite.Cases {
		suite.Tests++
		switch {
		case tc.Failure != nil:
			suite.Failures++
		case tc.Error != nil:
			suite.Errors++
		case tc.Skipped != nil:
			suite.Skipped++
		}
	}
	suite.Properties = []JUnitProperty{{Name: "version", Value: p.opts.Tool.Version}}
	if s.Interrupted {
		suite.Properties = append(suite.Properties, JUnitProperty{Name: "interrupted", Value: fmt.Sprintf("%d of %d inputs", s.Articles+len(s.Errors), s.Total)})
	}
	if s.Suppressed > 0 {
		suite.Properties = append(suite.Properties, JUnitProperty{Name: "suppressed", Value: fmt.Sprint(s.Suppressed)})
	}
	doc := JUnitSuites{Name: suite.Name, Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors, Skipped: suite.Skipped, Suites: []JUnitSuite{suite}}
	return writeXML(w, doc)
}

// junitClass makes a title a class name tools can group by: letters and
// digits, runs of anything else one underscore.
func junitClass(title string) string {
	var b strings.Builder
	under := false
	for _, r := range title {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') || r >= 0x80 && !strings.ContainsRune("«»“”’‘", r) {
			b.WriteRune(r)
			under = false
		} else if !under && b.Len() > 0 {
			b.WriteByte('_')
			under = true
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}

// writeXML writes an XML declaration and v indented. encoding/xml escapes
// every value and replaces characters XML 1.0 cannot hold.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// xmlSafe replaces what XML 1.0 cannot hold (most control characters,
// invalid UTF-8), which CDATA does not escape, with U+FFFD.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == utf8.RuneError, r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
			return '\uFFFD'
		}
		return r
	}, s)
}
