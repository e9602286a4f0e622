package main

import (
	"bytes"
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/atomicfile"
	"github.com/mtaudit/mtaudit/reports"
	"github.com/mtaudit/mtaudit/services/eval"
)

func init() { register(newEvalCmd) }

type evalFlags struct {
	engine       engineFlags
	gold         string
	verbose      bool
	format       string
	only         string
	report       string
	minRecall    float64
	minPrecision float64
}

func newEvalCmd(e *env) *cobra.Command {
	var f evalFlags
	cmd := &cobra.Command{
		Use:   "eval --gold DIR [flags]",
		Short: "Audit annotated articles and score the findings against their gold files",
		Long: `Audit DIR's *.txt articles as one run and score the findings against the
NAME.gold.json beside each, as shared/spec/findings.md defines: a finding
matches a gold item when their spans overlap and their categories are equal.

Prints recall and precision per category, then the line
'recall R precision P fp_clean N'. Items marked needs=llm count only with
--llm (which also runs the LLM pass). Exit codes: 0 scored (and above the
--min-recall and --min-precision floors), 1 below a floor, 2 a usage or I/O
error.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEval(cmd, e, &f)
		},
	}
	fs := cmd.Flags()
	f.engine.register(fs)
	fs.StringVar(&f.gold, "gold", "", "directory of NAME.txt articles with NAME.gold.json annotations (required)")
	fs.BoolVarP(&f.verbose, "verbose", "v", false, "list every miss and false positive")
	fs.StringVar(&f.format, "format", "text", "output format: text or json")
	fs.StringVar(&f.only, "only", "", "score one category alone")
	fs.StringVar(&f.report, "report", "", "also write the run's JSON report (the audit contract) to FILE")
	fs.Float64Var(&f.minRecall, "min-recall", 0, "exit 1 when overall recall is below this")
	fs.Float64Var(&f.minPrecision, "min-precision", 0, "exit 1 when overall precision is below this")
	_ = cmd.MarkFlagRequired("gold")
	return cmd
}

func runEval(cmd *cobra.Command, e *env, f *evalFlags) error {
	if f.format != "text" && f.format != "json" {
		return exitWith(exitError, fmt.Errorf("unknown format %q (want text or json)", f.format))
	}
	if f.only != "" && !audit.Category(f.only).Valid() {
		return exitWith(exitError, fmt.Errorf("--only: unknown category %q", f.only))
	}
	gold, err := eval.LoadDir(f.gold)
	if err != nil {
		return exitWith(exitError, err)
	}
	if len(gold) == 0 {
		return exitWith(exitError, fmt.Errorf("%s holds no *%s files", f.gold, eval.GoldSuffix))
	}
	cfg, err := f.engine.loadConfig(cmd.Flags(), e)
	if err != nil {
		return exitWith(exitError, err)
	}
	eng, err := newEngine(cfg, e)
	if err != nil {
		return exitWith(exitError, err)
	}
	ctx, stop := notifyStop(context.Background())
	defer stop()
	results, bad, err := eval.Audit(ctx, eng, f.gold)
	if err != nil {
		return exitWith(exitError, fmt.Errorf("audit %s: %w", f.gold, err))
	}
	// An input that cannot be audited is an error of the run: scoring
	// without it would quietly count its gold items as misses.
	failed := false
	for _, b := range bad {
		fmt.Fprintf(e.stderr, "%s: error: %v\n", b.Path, b.Err)
		failed = true
	}
	var scored []*audit.Result
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintf(e.stderr, "%s: error: %v\n", r.Doc.Path, r.Err)
			failed = true
			continue
		}
		for _, w := range r.Warnings {
			fmt.Fprintf(e.stderr, "%s: warning: %s\n", r.Doc.Path, w)
		}
		scored = append(scored, r)
	}
	if f.report != "" {
		if err := writeEvalReport(f.report, scored, bad); err != nil {
			return exitWith(exitError, err)
		}
	}
	score := eval.Compute(gold, eval.FromResults(scored), eval.Options{LLM: cfg.LLM.Enabled, Only: f.only})
	if f.format == "json" {
		err = score.WriteJSON(e.stdout)
	} else {
		err = score.WriteText(e.stdout, f.verbose)
	}
	if err != nil {
		return exitWith(exitError, err)
	}
	if failed {
		return exitWith(exitError, fmt.Errorf("some articles could not be audited"))
	}
	var below []string
	if score.Recall < f.minRecall {
		below = append(below, fmt.Sprintf("recall %.3f is below %.3f", score.Recall, f.minRecall))
	}
	if score.Precision < f.minPrecision {
		below = append(below, fmt.Sprintf("precision %.3f is below %.3f", score.Precision, f.minPrecision))
	}
	if len(below) > 0 {
		return exitWith(exitFail, fmt.Errorf("%s", joinSentences(below)))
	}
	return nil
}

// writeEvalReport writes the run as the audit command's JSON report, so
// shared/tools/score.py can score the very same findings.
func writeEvalReport(path string, results []*audit.Result, bad []audit.Input) error {
	p, err := reports.New("json", reports.Options{Tool: tool()})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	s := reports.NewSummary(tool())
	if err := p.Start(&buf); err != nil {
		return err
	}
	for _, r := range results {
		s.Add(r)
		if err := p.Article(&buf, r); err != nil {
			return err
		}
	}
	for _, b := range bad {
		s.AddError(b.Path, b.Err)
	}
	if err := p.End(&buf, s); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, buf.Bytes(), 0o644)
}

func joinSentences(parts []string) string {
	out := parts[0]
	for _, p := range parts[1:] {
		out += "; " + p
	}
	return out
}
