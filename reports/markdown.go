package reports

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/reports/i18n"
)

// The Markdown printer writes the editor's report of an article: the
// verdict and penalty on top, then the findings grouped by severity, most
// severe first, each with its excerpt (the flagged span in bold), the message
// and the suggestion. Article text is escaped so it can never add
// formatting, links or HTML to the report.
func init() {
	Formats["markdown"] = func(o Options) Printer { return &markdownPrinter{opts: o} }
}

type markdownPrinter struct {
	opts  Options
	n     int
	first string // the first article's language, for the run's own text under auto
}

func (p *markdownPrinter) Start(io.Writer) error { return nil }

func (p *markdownPrinter) Article(w io.Writer, r *audit.Result) error {
	var b strings.Builder
	if p.n > 0 {
		b.WriteString("\n---\n\n")
	}
	if p.n == 0 {
		p.first = articleLang(r)
	}
	p.n++
	writeArticleMarkdown(&b, r, p.opts)
	_, err := io.WriteString(w, b.String())
	return err
}

// End adds the run's errors and, for several articles, a closing count.
func (p *markdownPrinter) End(w io.Writer, s *Summary) error {
	var b strings.Builder
	c := p.opts.runCatalog(p.first)
	if len(s.Errors) > 0 {
		if p.n > 0 {
			b.WriteString("\n---\n\n")
		}
		b.WriteString("## " + escapeMarkdown(c.Label("inputs_not_audited")) + "\n\n")
		writeErrorList(&b, s.Errors)
	}
	if s.Interrupted {
		b.WriteString("\n> **" + escapeMarkdown(interruptedNote(c, s)) + "**\n")
	}
	if s.Articles > 1 || len(s.Errors) > 0 {
		b.WriteString("\n" + escapeMarkdown(summaryLine(c, s)) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeArticleMarkdown(b *strings.Builder, r *audit.Result, o Options) {
	d := r.Doc
	c := o.catalog(articleLang(r))
	title := d.Title
	if strings.TrimSpace(title) == "" {
		title = filepath.Base(d.Path)
	}
	fmt.Fprintf(b, "# %s\n\n", escapeMarkdown(oneLine(title)))

	meta := []string{codeSpan(d.Path)}
	if d.ID != "" {
		meta = append(meta, "id "+codeSpan(d.ID))
	}
	if d.Lang != "" {
		meta = append(meta, languageText(c, d, escapeMarkdown, codeSpan))
	}
	meta = append(meta, escapeMarkdown(c.Count("count.word", r.Words)))
	b.WriteString(strings.Join(meta, " · ") + "  \n")
	if d.URL != "" {
		// Shown as code, not a link: the address comes from the input.
		b.WriteString(escapeMarkdown(c.Label("source_label")) + " " + codeSpan(d.URL) + "  \n")
	}
	if d.Note != "" {
		b.WriteString(escapeMarkdown(c.Label("note_label")) + " " + escapeMarkdown(oneLine(d.Note)) + "  \n")
	}
	fmt.Fprintf(b, "\n**%s %s** · %s · %s\n",
		escapeMarkdown(c.Label("verdict_label")), escapeMarkdown(strings.ToUpper(verdictName(c, r.Verdict))),
		formatParts(c, "penalty", escapeMarkdown, "penalty", "**"+c.Number(r.Penalty, 2)+"**"),
		escapeMarkdown(countLine(c, len(r.Findings), r.CountBySeverity())))
	if !r.Audited() {
		fmt.Fprintf(b, "\n> **%s** %s\n", escapeMarkdown(c.Label("not_audited_label")), escapeMarkdown(oneLine(c.Message(r.NotAudited))))
	}
	if cats := categoryCounts(c, r); cats != "" {
		b.WriteString("\n" + cats + "\n")
	}
	for _, warn := range r.Warnings {
		first, more := firstLine(warn)
		fmt.Fprintf(b, "\n> **%s** %s\n", escapeMarkdown(c.Label("warning_label")), escapeMarkdown(first))
		if more {
			b.WriteString("\n" + fencedBlock(warn))
		}
	}
	if r.Stats.LLM != nil {
		st := r.Stats.LLM
		line := c.Label("llm.pass", "requests", strconv.Itoa(st.Requests), "cached", strconv.Itoa(st.CacheHits),
			"prompt", strconv.Itoa(st.PromptTokens), "completion", strconv.Itoa(st.CompletionTokens),
			"findings", c.Count("count.finding", st.Findings))
		b.WriteString("\n" + escapeMarkdown(line))
		if st.Unanchored > 0 {
			b.WriteString(", " + escapeMarkdown(c.Label("llm.unanchored", "n", strconv.Itoa(st.Unanchored))))
		}
		if st.Invalid > 0 {
			b.WriteString(", " + escapeMarkdown(c.Label("llm.invalid", "n", strconv.Itoa(st.Invalid))))
		}
		if st.Failed {
			b.WriteString(", **" + escapeMarkdown(c.Label("llm.failed")) + "**")
		}
		b.WriteString(".\n")
	}
	if len(r.Findings) == 0 {
		b.WriteString("\n" + escapeMarkdown(c.Label("no_findings")) + "\n")
		return
	}
	lt := d.LineTable()
	num := 0
	for sev := audit.Critical; sev >= audit.Info; sev-- {
		var group []audit.Finding
		for _, f := range r.Findings {
			if f.Severity == sev {
				group = append(group, f)
			}
		}
		if len(group) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n## %s (%d)\n", escapeMarkdown(capitalise(severityName(c, sev))), len(group))
		for _, f := range group {
			num++
			line, col := lt.Position(f.Start)
			fmt.Fprintf(b, "\n### %d. %s — %s\n\n", num, codeSpan(f.Rule),
				escapeMarkdown(c.Label("position", "line", strconv.Itoa(line), "column", strconv.Itoa(col))))
			details := []string{escapeMarkdown(c.Label("category_label")) + " " + escapeMarkdown(categoryName(c, string(f.Category)))}
			if src := sourceOr(f.Source); src != audit.SourceRule || len(f.Sources) > 1 {
				srcs := []string{src}
				if len(f.Sources) > 1 {
					srcs = f.Sources
				}
				details = append(details, escapeMarkdown(c.Label("found_by", "sources", sourceNames(c, srcs))))
			}
			if f.Confidence > 0 {
				details = append(details, escapeMarkdown(c.Label("confidence", "value", c.Number(f.Confidence, 2))))
			}
			b.WriteString(strings.Join(details, " · ") + "\n\n")
			b.WriteString("> " + markedExcerpt(MakeExcerpt(d.Text, f.Span, o.Context)) + "\n\n")
			msg := localMessage(c, &f)
			if msg == "" {
				msg = c.Label("flagged_by", "rule", f.Rule)
			}
			b.WriteString(escapeMarkdown(oneLine(msg)) + "\n")
			if f.Suggestion != "" {
				b.WriteString("\n**" + escapeMarkdown(c.Label("suggestion_label")) + "** " + escapeMarkdown(oneLine(c.Message(f.Suggestion))) + "\n")
			}
			// "Fix" only where `mtaudit fix` applies it; elsewhere the edit
			// is a suggestion (said once: the suggestion line may say it).
			for _, fx := range f.Fixes {
				switch {
				case audit.RepairRefusal(f, o.fixable()) == "":
					b.WriteString("\n**" + escapeMarkdown(c.Label("fix_available")) + "** " + escapeMarkdown(oneLine(c.Message(fx.Message))) + "\n")
				case f.Suggestion == "":
					b.WriteString("\n**" + escapeMarkdown(c.Label("suggestion_label")) + "** " + escapeMarkdown(oneLine(c.Message(fx.Message))) + "\n")
				}
			}
		}
	}
}

// categoryCounts renders "untranslated 2 · name 1" in the spec's order.
func categoryCounts(c *i18n.Catalog, r *audit.Result) string {
	counts := r.CountByCategory()
	var parts []string
	for _, cat := range audit.Categories {
		if n := counts[cat]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", escapeMarkdown(categoryName(c, string(cat))), n))
		}
	}
	return strings.Join(parts, " · ")
}

// markedExcerpt renders an excerpt on one Markdown line with the span in bold.
func markedExcerpt(x Excerpt) string {
	var b strings.Builder
	if x.ClippedBefore {
		b.WriteString("…")
	}
	// Bold delimiters next to spaces do not open or close emphasis, so
	// spaces at the span's edges move outside them.
	before, span, after := widenForEmphasis(x.Before, x.Span, x.After)
	lead := span[:len(span)-len(strings.TrimLeft(span, " "))]
	span = span[len(lead):]
	trail := span[len(strings.TrimRight(span, " ")):]
	span = span[:len(span)-len(trail)]
	head := escapeMarkdown(before + lead)
	if !x.ClippedBefore {
		head = escapeLineStart(head)
	}
	b.WriteString(head)
	if span != "" {
		b.WriteString("**" + escapeMarkdown(span) + "**")
	}
	if x.SpanClipped {
		b.WriteString("…")
	}
	b.WriteString(escapeMarkdown(trail + after))
	if x.ClippedAfter {
		b.WriteString("…")
	}
	return b.String()
}

// widenForEmphasis grows the span to whole words where it starts or ends
// with punctuation inside a word (the apostrophe of "d’un"): CommonMark does
// not open or close "**" between a letter and punctuation.
func widenForEmphasis(before, span, after string) (string, string, string) {
	if span == "" {
		return before, span, after
	}
	first, _ := utf8.DecodeRuneInString(span)
	if isPunct(first) {
		for before != "" {
			r, size := utf8.DecodeLastRuneInString(before)
			if !isWordRune(r) {
				break
			}
			before, span = before[:len(before)-size], before[len(before)-size:]+span
		}
	}
	last, _ := utf8.DecodeLastRuneInString(span)
	if isPunct(last) {
		for after != "" {
			r, size := utf8.DecodeRuneInString(after)
			if !isWordRune(r) {
				break
			}
			span, after = span+after[:size], after[size:]
		}
	}
	return before, span, after
}

func isPunct(r rune) bool    { return unicode.IsPunct(r) || unicode.IsSymbol(r) }
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// markdownSpecial are the characters that may start formatting, links or
// HTML anywhere in a line.
const markdownSpecial = "\\`*_[]<>|~#&="

// escapeMarkdown backslash-escapes what could format text, so an article
// cannot inject emphasis, links, tables or HTML into a report. Line ends
// become spaces: every caller wants one line.
func escapeMarkdown(s string) string {
	s = oneLine(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		if r < 128 && strings.ContainsRune(markdownSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// escapeLineStart escapes what starts a block at the beginning of a line:
// list markers ("- ", "+ ", "1. ") and a heading or quote marker (already
// escaped by escapeMarkdown).
func escapeLineStart(s string) string {
	t := strings.TrimLeft(s, " ")
	pad := s[:len(s)-len(t)]
	if t == "" {
		return s
	}
	switch t[0] {
	case '-', '+':
		return pad + "\\" + t
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i > 0 && i < len(t) && (t[i] == '.' || t[i] == ')') {
		return pad + t[:i] + "\\" + t[i:]
	}
	return s
}

// oneLine joins lines with spaces and replaces other control characters.
func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\r\n", " ")
	s = strings.ReplaceAll(s, "\n", " ")
	return displayable(s)
}

// codeSpan renders s as inline code, with a fence longer than any run of
// backticks inside it.
func codeSpan(s string) string {
	s = oneLine(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// fencedBlock renders s as a fenced code block.
func fencedBlock(s string) string {
	fence := "```"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	return fence + "\n" + displayableBlock(s) + "\n" + fence + "\n"
}

// displayableBlock is displayable but keeps line ends.
func displayableBlock(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = displayable(l)
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// writeErrorList writes the inputs that could not be audited as a list.
func writeErrorList(b *strings.Builder, errs []ErrorEntry) {
	for _, e := range errs {
		fmt.Fprintf(b, "- %s: %s\n", codeSpan(e.Path), escapeMarkdown(e.Error))
	}
}
