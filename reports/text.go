package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// The text printer writes compiler-style lines an editor or a terminal
// understands:
//
//	path:line:col: severity: message [rule]
//	  …the excerpt with the flagged span…
//	              ^~~~~~~~~
//	  suggestion: …
//
// then one line per failing article, per input error, and a summary line.
func init() {
	Formats["text"] = func(o Options) Printer { return &textPrinter{opts: o} }
}

type textPrinter struct{ opts Options }

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
		msg := f.Message
		if msg == "" {
			msg = "flagged by " + f.Rule
		}
		msg, _ = firstLine(msg)
		fmt.Fprintf(&b, "%s %s %s %s\n",
			p.paint(ansiBold, fmt.Sprintf("%s:%d:%d:", path, line, col)),
			p.paint(severityStyle(f.Severity), f.Severity.String()+":"),
			displayable(msg),
			p.paint(ansiDim, "["+f.Rule+"]"))
		p.writeExcerpt(&b, MakeExcerpt(d.Text, f.Span, p.opts.Context), f.Severity)
		if f.Suggestion != "" {
			s, _ := firstLine(f.Suggestion)
			fmt.Fprintf(&b, "  %s %s\n", p.paint(ansiGreen, "suggestion:"), displayable(s))
		}
	}
	for _, warn := range r.Warnings {
		first, _ := firstLine(warn)
		fmt.Fprintf(&b, "%s %s %s\n", p.paint(ansiBold, path+":"), p.paint(ansiYellow, "warning:"), displayable(first))
	}
	if r.Verdict == audit.VerdictFail {
		fmt.Fprintf(&b, "%s %s penalty %.2f per 100 words, %s\n",
			p.paint(ansiBold, path+":"), p.paint(ansiBold+ansiRed, "fail:"), r.Penalty, countLine(len(r.Findings), r.CountBySeverity()))
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
	for _, e := range s.Errors {
		first, _ := firstLine(e.Error)
		fmt.Fprintf(&b, "%s %s %s\n", p.paint(ansiBold, textPath(e.Path)+":"), p.paint(ansiBold+ansiRed, "error:"), displayable(first))
	}
	if s.Interrupted {
		fmt.Fprintf(&b, "%s\n", p.paint(ansiYellow, interruptedNote(s)))
	}
	b.WriteString(summaryLine(s) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// summaryLine is the one-line account of a run:
// "3 articles: 2 pass, 1 fail; 7 findings (1 critical, 3 major, 3 minor); 1 error".
func summaryLine(s *Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d pass, %d fail; ", plural(s.Articles, "article"), s.Passed, s.Failed)
	bySev := map[audit.Severity]int{}
	for name, n := range s.BySeverity {
		if sev, err := audit.ParseSeverity(name); err == nil {
			bySev[sev] += n
		}
	}
	b.WriteString(countLine(s.Findings, bySev))
	if len(s.Errors) > 0 {
		b.WriteString("; " + plural(len(s.Errors), "error"))
	}
	return b.String()
}

// countLine renders "7 findings (1 critical, 3 major, 3 minor)", most severe first.
func countLine(total int, bySev map[audit.Severity]int) string {
	var parts []string
	for sev := audit.Critical; sev >= audit.Info; sev-- {
		if n := bySev[sev]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sev))
		}
	}
	out := plural(total, "finding")
	if len(parts) > 0 {
		out += " (" + strings.Join(parts, ", ") + ")"
	}
	return out
}

func interruptedNote(s *Summary) string {
	if s.Total > 0 {
		return fmt.Sprintf("interrupted: the run stopped after %d of %d inputs", s.Articles+len(s.Errors), s.Total)
	}
	return "interrupted: the run stopped before every input was audited"
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
