package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/reports/i18n"
)

// The text printer writes compiler-style lines an editor or a terminal
// understands:
//
//	path:line:col: severity: message [rule]
//	  …the excerpt with the flagged span…
//	              ^~~~~~~~~
//	  suggestion: …
//
// then one line per article (its verdict, language, words and penalty, or
// why it was not audited), one per input error, and a summary line.
func init() {
	Formats["text"] = func(o Options) Printer { return &textPrinter{opts: o} }
}

type textPrinter struct {
	opts  Options
	first *audit.Result // the first article, whose language the run's own text takes under auto
}

// ANSI styles, used only when Options.Color is set.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

func severityStyle(s audit.Severity) string {
	switch s {
	case audit.Critical:
		return ansiBold + ansiRed
	case audit.Major:
		return ansiRed
	case audit.Minor:
		return ansiYellow
	}
	return ansiCyan
}

// paint wraps s in an ANSI style when colour is on.
func (p *textPrinter) paint(style, s string) string {
	if !p.opts.Color || s == "" {
		return s
	}
	return style + s + ansiReset
}

func (p *textPrinter) Start(io.Writer) error { return nil }

// textFlushBytes is how much of an article's report is built before it is
// written: one write per article as a rule, but a report of many thousand
// findings is not held whole.
const textFlushBytes = 64 << 10

func (p *textPrinter) Article(w io.Writer, r *audit.Result) error {
	var b strings.Builder
	d := r.Doc
	c := p.opts.catalog(articleLang(r))
	if p.first == nil {
		p.first = r
	}
	path := textPath(d.Path)
	lt := d.LineTable()
	for _, f := range r.Findings {
		if b.Len() >= textFlushBytes {
			if _, err := io.WriteString(w, b.String()); err != nil {
				return err
			}
			b.Reset()
		}
		line, col := lt.Position(f.Start)
		msg := localMessage(c, &f)
		if msg == "" {
			msg = c.Label("text.flagged_by", "rule", f.Rule)
		}
		msg, _ = firstLine(msg)
		fmt.Fprintf(&b, "%s %s %s %s\n",
			p.paint(ansiBold, fmt.Sprintf("%s:%d:%d:", path, line, col)),
			p.paint(severityStyle(f.Severity), f.Severity.String()+":"),
			displayable(msg),
			p.paint(ansiDim, "["+f.Rule+"]"))
		p.writeExcerpt(&b, MakeExcerpt(d.Text, f.Span, p.opts.Context), f.Severity)
		if f.Suggestion != "" {
			s, _ := firstLine(c.Message(f.Suggestion))
			fmt.Fprintf(&b, "  %s %s\n", p.paint(ansiGreen, c.Label("text.suggestion")), displayable(s))
		}
	}
	for _, warn := range r.Warnings {
		first, _ := firstLine(warn)
		fmt.Fprintf(&b, "%s %s %s\n", p.paint(ansiBold, path+":"), p.paint(ansiYellow, "warning:"), displayable(first))
	}
	verdict := p.paint(ansiBold+ansiGreen, r.Verdict+":")
	if r.Verdict != audit.VerdictPass {
		verdict = p.paint(ansiBold+ansiRed, r.Verdict+":")
	}
	if !r.Audited() {
		fmt.Fprintf(&b, "%s %s %s %s\n", p.paint(ansiBold, path+":"), verdict, c.Label("text.not_audited"), displayable(c.Message(r.NotAudited)))
	} else {
		fmt.Fprintf(&b, "%s %s %s, %s, %s, %s\n",
			p.paint(ansiBold, path+":"), verdict, languageLabel(c, d), c.Count("count.word", r.Words),
			c.Label("penalty", "penalty", c.Number(r.Penalty, 2)), countLine(c, len(r.Findings), r.CountBySeverity()))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// textPath shows a path as it is when every character prints, else
// quoted with Go escapes ("a\nb.txt", "\x1b[31m.txt"): a line end in a file
// name must not break the path:line:col line, an escape sequence must not
// reach the terminal, and the quoted form still names the file exactly.
func textPath(p string) string {
	if !utf8.ValidString(p) || strings.IndexFunc(p, func(r rune) bool { return !strconv.IsPrint(r) }) >= 0 {
		return strconv.Quote(p)
	}
	return p
}

// writeExcerpt writes the excerpt line and, under it, a caret line marking the span.
func (p *textPrinter) writeExcerpt(b *strings.Builder, x Excerpt, sev audit.Severity) {
	const indent = "  "
	lead := ""
	if x.ClippedBefore {
		lead = "…"
	}
	tail := ""
	if x.ClippedAfter || x.SpanClipped {
		tail = "…"
	}
	b.WriteString(indent + lead + x.Before + p.paint(severityStyle(sev), x.Span) + x.After + tail + "\n")
	width := max(displayWidth(x.Span), 1)
	marks := "^" + strings.Repeat("~", width-1)
	b.WriteString(indent + strings.Repeat(" ", displayWidth(lead+x.Before)) + p.paint(severityStyle(sev), marks) + "\n")
}

func (p *textPrinter) End(w io.Writer, s *Summary) error {
	var b strings.Builder
	c := p.opts.runCatalog(articleLang(p.first))
	for _, e := range s.Errors {
		first, _ := firstLine(e.Error)
		fmt.Fprintf(&b, "%s %s %s\n", p.paint(ansiBold, textPath(e.Path)+":"), p.paint(ansiBold+ansiRed, "error:"), displayable(first))
	}
	if s.Interrupted {
		fmt.Fprintf(&b, "%s\n", p.paint(ansiYellow, interruptedNote(c, s)))
	}
	b.WriteString(summaryLine(c, s) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// summaryLine is the one-line account of a run:
// "3 articles: 2 pass, 1 fail (1 not audited); 7 findings (1 critical, 3 major, 3 minor); 1 error".
func summaryLine(c *i18n.Catalog, s *Summary) string {
	var b strings.Builder
	b.WriteString(c.Label("summary_line", "articles", c.Count("count.article", s.Articles),
		"passed", c.Count("count.passed", s.Passed), "failed", c.Count("count.failed", s.Failed)))
	if s.NotAudited > 0 {
		b.WriteString(" (" + c.Count("count.not_audited", s.NotAudited) + ")")
	}
	b.WriteString(c.ListSeparator())
	bySev := map[audit.Severity]int{}
	for name, n := range s.BySeverity {
		if sev, err := audit.ParseSeverity(name); err == nil {
			bySev[sev] += n
		}
	}
	b.WriteString(countLine(c, s.Findings, bySev))
	if len(s.Errors) > 0 {
		b.WriteString(c.ListSeparator() + c.Count("count.error", len(s.Errors)))
	}
	if s.Suppressed > 0 {
		b.WriteString(c.ListSeparator() + c.Count("count.suppressed", s.Suppressed))
	}
	return b.String()
}

// countLine renders "7 findings (1 critical, 3 major, 3 minor)", most severe first.
func countLine(c *i18n.Catalog, total int, bySev map[audit.Severity]int) string {
	var parts []string
	for sev := audit.Critical; sev >= audit.Info; sev-- {
		if n := bySev[sev]; n > 0 {
			parts = append(parts, c.Count("count."+sev.String(), n))
		}
	}
	out := c.Count("count.finding", total)
	if len(parts) > 0 {
		out += " (" + strings.Join(parts, ", ") + ")"
	}
	return out
}

func interruptedNote(c *i18n.Catalog, s *Summary) string {
	if s.Total > 0 {
		return c.Label("interrupted_after", "done", strconv.Itoa(s.Articles+len(s.Errors)), "total", strconv.Itoa(s.Total))
	}
	return c.Label("interrupted")
}
