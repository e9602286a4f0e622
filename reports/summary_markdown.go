package reports

import (
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
)

// WriteSummaryMarkdown writes the batch summary for editors: the counts, a
// table of articles worst first (linked to their reports when written),
// counts per category and per rule, the LLM pass's cost, and the inputs that
// could not be audited. Call s.Sort first for the worst-first order. Its
// text is in the run's language under messages "auto" (see
// WriteSummaryMarkdownWith).
func WriteSummaryMarkdown(w io.Writer, s *Summary) error {
	return WriteSummaryMarkdownWith(w, s, Options{Tool: s.Tool})
}

// WriteSummaryMarkdownWith is WriteSummaryMarkdown in the language
// o.Messages and o.Lang choose.
func WriteSummaryMarkdownWith(w io.Writer, s *Summary, o Options) error {
	tr := o.runCatalog(s.firstLang)
	label := func(key string) string { return escapeMarkdown(tr.Label(key)) }
	var b strings.Builder
	b.WriteString("# " + label("summary.title") + "\n\n")
	if s.Tool.Name != "" {
		fmt.Fprintf(&b, "%s %s  \n", escapeMarkdown(s.Tool.Name), escapeMarkdown(s.Tool.Version))
	}
	b.WriteString(escapeMarkdown(summaryLine(tr, s)) + "\n")
	if s.Interrupted {
		b.WriteString("\n> **" + escapeMarkdown(interruptedNote(tr, s)) + "**\n")
	}

	cats := presentCategories(s)
	if len(s.Worst) > 0 {
		b.WriteString("\n## " + label("summary.worst") + "\n\n")
		head := []string{"#", label("column.article"), label("column.verdict"), label("column.penalty"), label("column.words"), label("column.findings")}
		align := []string{"---:", "---", "---", "---:", "---:", "---:"}
		for _, c := range cats {
			head = append(head, escapeTableCell(categoryName(tr, string(c))))
			align = append(align, "---:")
		}
		writeRow(&b, head)
		writeRow(&b, align)
		for i, a := range s.Worst {
			name := escapeTableCell(a.Path)
			if a.Report != "" {
				name = fmt.Sprintf("[%s](%s)", name, url.PathEscape(a.Report+".md"))
			}
			verdict := escapeTableCell(verdictName(tr, a.Verdict))
			if a.Verdict == audit.VerdictFail {
				verdict = "**" + verdict + "**"
			}
			row := []string{fmt.Sprint(i + 1), name, verdict, tr.Number(a.Penalty, 2), fmt.Sprint(a.Words), fmt.Sprint(a.Findings)}
			for _, c := range cats {
				row = append(row, countCell(a.ByCategory[string(c)]))
			}
			writeRow(&b, row)
		}
	}

	if s.Findings > 0 {
		b.WriteString("\n## " + label("summary.by_category") + "\n\n")
		writeRow(&b, []string{label("column.category"), label("column.findings")})
		writeRow(&b, []string{"---", "---:"})
		for _, c := range cats {
			writeRow(&b, []string{escapeTableCell(categoryName(tr, string(c))), fmt.Sprint(s.ByCategory[string(c)])})
		}
		for _, c := range otherKeys(s.ByCategory) {
			writeRow(&b, []string{escapeTableCell(c), fmt.Sprint(s.ByCategory[c])})
		}

		b.WriteString("\n## " + label("summary.by_rule") + "\n\n")
		writeRow(&b, []string{label("column.rule"), label("column.findings")})
		writeRow(&b, []string{"---", "---:"})
		rules := make([]string, 0, len(s.ByRule))
		for r := range s.ByRule {
			rules = append(rules, r)
		}
		sort.Slice(rules, func(i, j int) bool {
			if s.ByRule[rules[i]] != s.ByRule[rules[j]] {
				return s.ByRule[rules[i]] > s.ByRule[rules[j]]
			}
			return rules[i] < rules[j]
		})
		for _, r := range rules {
			writeRow(&b, []string{codeSpan(r), fmt.Sprint(s.ByRule[r])})
		}
	}

	if st := s.LLM; st != nil {
		b.WriteString("\n## " + label("summary.llm") + "\n\n")
		writeRow(&b, []string{label("column.requests"), label("column.from_cache"), label("column.prompt_tokens"), label("column.completion_tokens"),
			label("column.findings"), label("column.dropped_unanchored"), label("column.dropped_invalid")})
		writeRow(&b, []string{"---:", "---:", "---:", "---:", "---:", "---:", "---:"})
		writeRow(&b, []string{fmt.Sprint(st.Requests), fmt.Sprint(st.CacheHits), fmt.Sprint(st.PromptTokens),
			fmt.Sprint(st.CompletionTokens), fmt.Sprint(st.Findings), fmt.Sprint(st.Unanchored), fmt.Sprint(st.Invalid)})
		if st.Failed {
			b.WriteString("\n> **" + label("warning_label") + "** " + label("summary.llm_failed") + "\n")
		}
	}

	if len(s.Errors) > 0 {
		b.WriteString("\n## " + label("inputs_not_audited") + "\n\n")
		writeErrorList(&b, s.Errors)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// presentCategories lists, in the spec's order, the categories with findings.
func presentCategories(s *Summary) []audit.Category {
	var out []audit.Category
	for _, c := range audit.Categories {
		if s.ByCategory[string(c)] > 0 {
			out = append(out, c)
		}
	}
	return out
}

// otherKeys lists counted categories outside the nine (none, unless a
// source outside the rules produced one), sorted.
func otherKeys(m map[string]int) []string {
	var out []string
	for k, n := range m {
		if n > 0 && !audit.Category(k).Valid() {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func countCell(n int) string {
	if n == 0 {
		return "·"
	}
	return fmt.Sprint(n)
}

func writeRow(b *strings.Builder, cells []string) {
	b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}

// escapeTableCell escapes text for a table cell (escapeMarkdown covers "|").
func escapeTableCell(s string) string { return escapeMarkdown(s) }
