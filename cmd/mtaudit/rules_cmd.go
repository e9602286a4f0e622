package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
	"github.com/mtaudit/mtaudit/rules"
)

func init() { register(newRulesCmd) }

func newRulesCmd(e *env) *cobra.Command {
	var format, langTag string
	cmd := &cobra.Command{
		Use:   "rules [ID|CATEGORY]",
		Short: "List the rules, or show one rule's documentation and examples",
		Long: `List every rule: id, category, default severity and title.

With a rule id, print the rule's documentation, the examples it must and must
not flag, and where it is defined. With a category, list that category's rules.
The LANGS column names the target languages each rule runs for; --lang keeps
the rules that run for one language (a BCP 47 tag: de, pt-BR). --format
markdown prints the list as the table of docs/rules.md.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" && format != "markdown" {
				return exitWith(exitError, fmt.Errorf("unknown format %q (want text, json or markdown)", format))
			}
			all, err := rules.All()
			if err != nil {
				return exitWith(exitError, err)
			}
			reg, err := profile.Builtin()
			if err != nil {
				return exitWith(exitError, err)
			}
			targets := reg.Targets()
			list := all
			if langTag != "" {
				p, err := reg.Get(langTag)
				if err != nil || !p.Target {
					return exitWith(exitError, fmt.Errorf("--lang: %w", &profile.UnsupportedError{Tag: langTag, Supported: targets}))
				}
				list = nil
				for _, r := range all {
					if r.AppliesTo(p.Lang) {
						list = append(list, r)
					}
				}
			}
			if len(args) == 1 {
				arg := strings.TrimSpace(args[0])
				if r := findRule(all, arg); r != nil {
					return showRule(e.stdout, r, targets, format)
				}
				if !audit.Category(arg).Valid() {
					return exitWith(exitError, fmt.Errorf("no rule %q (run 'mtaudit rules' for the list)", arg))
				}
				var inCat []*audit.Rule
				for _, r := range list {
					if string(r.Category) == arg {
						inCat = append(inCat, r)
					}
				}
				list = inCat
			}
			return listRules(e.stdout, list, targets, format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, json or markdown")
	cmd.Flags().StringVar(&langTag, "lang", "", "list only the rules that run for this target language")
	return cmd
}

func findRule(all []*audit.Rule, id string) *audit.Rule {
	for _, r := range all {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// ruleJSON is a rule as `mtaudit rules --format json` prints it.
type ruleJSON struct {
	ID       string          `json:"id"`
	Category string          `json:"category"`
	Severity string          `json:"severity"`
	Title    string          `json:"title"`
	Batch    bool            `json:"batch,omitempty"`
	Fixable  bool            `json:"fixable,omitempty"`
	Langs    []string        `json:"langs,omitempty"`
	Origin   string          `json:"origin,omitempty"`
	Doc      string          `json:"doc,omitempty"`
	Examples []audit.Example `json:"examples,omitempty"`
}

// ruleLangs names the target languages a rule runs for: its own list, or
// every target language when it names none (a language-neutral mechanism).
func ruleLangs(r *audit.Rule, targets []string) []string {
	if len(r.Langs) > 0 {
		return r.Langs
	}
	return targets
}

func toJSON(r *audit.Rule, targets []string, full bool) ruleJSON {
	j := ruleJSON{ID: r.ID, Category: string(r.Category), Severity: r.Severity.String(), Title: r.Title,
		Batch: r.RunBatch != nil, Fixable: r.Fixable, Langs: ruleLangs(r, targets), Origin: r.Origin}
	if full {
		j.Doc, j.Examples = r.Doc, r.Examples
	}
	return j
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func listRules(w io.Writer, list []*audit.Rule, targets []string, format string) error {
	switch format {
	case "json":
		out := make([]ruleJSON, 0, len(list))
		for _, r := range list {
			out = append(out, toJSON(r, targets, false))
		}
		return writeJSON(w, out)
	case "markdown":
		return rulesMarkdown(w, list, targets)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCATEGORY\tSEVERITY\tLANGS\tTITLE")
	for _, r := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Category, r.Severity,
			strings.Join(ruleLangs(r, targets), ","), oneLineText(r.Title))
	}
	return tw.Flush()
}

// rulesMarkdown prints a table with a column per target language.
func rulesMarkdown(w io.Writer, list []*audit.Rule, targets []string) error {
	var b strings.Builder
	b.WriteString("| rule | category | severity |")
	for _, l := range targets {
		b.WriteString(" " + l + " |")
	}
	b.WriteString(" title |\n|---|---|---|")
	for range targets {
		b.WriteString(":-:|")
	}
	b.WriteString("---|\n")
	for _, r := range list {
		fmt.Fprintf(&b, "| `%s` | %s | %s |", r.ID, r.Category, r.Severity)
		for _, l := range targets {
			mark := ""
			if r.AppliesTo(l) {
				mark = "✓"
			}
			b.WriteString(" " + mark + " |")
		}
		fmt.Fprintf(&b, " %s |\n", strings.ReplaceAll(oneLineText(r.Title), "|", "\\|"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func showRule(w io.Writer, r *audit.Rule, targets []string, format string) error {
	if format == "json" {
		return writeJSON(w, toJSON(r, targets, true))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", r.ID)
	fmt.Fprintf(&b, "%s\n\n", oneLineText(r.Title))
	fmt.Fprintf(&b, "- Category: %s\n- Default severity: %s\n", r.Category, r.Severity)
	if r.RunBatch != nil {
		b.WriteString("- Runs across all the articles of a run\n")
	}
	fmt.Fprintf(&b, "- Languages: %s\n", strings.Join(ruleLangs(r, targets), ", "))
	if r.Fixable {
		b.WriteString("- Offers safe fixes\n")
	}
	if r.Origin != "" {
		fmt.Fprintf(&b, "- Defined in: %s\n", r.Origin)
	}
	fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(r.Doc))
	for _, sec := range []struct {
		title   string
		trigger bool
	}{{"Must trigger", true}, {"Must not trigger", false}} {
		var ex []audit.Example
		for _, e := range r.Examples {
			if e.Trigger == sec.trigger {
				ex = append(ex, e)
			}
		}
		if len(ex) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## %s\n", sec.title)
		for _, e := range ex {
			b.WriteString("\n")
			for _, line := range strings.Split(strings.TrimRight(e.Text, "\n"), "\n") {
				if strings.TrimSpace(line) == "" {
					b.WriteString("\n")
				} else {
					b.WriteString("    " + line + "\n")
				}
			}
			if e.Note != "" {
				fmt.Fprintf(&b, "  (%s)\n", oneLineText(e.Note))
			}
		}
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }
