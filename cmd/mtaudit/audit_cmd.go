package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"github.com/spf13/cobra"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/reports"
)

func init() { register(newAuditCmd) }

type auditFlags struct {
	engine      engineFlags
	format      string
	out         string
	stdinFormat string
}

func newAuditCmd(e *env) *cobra.Command {
	var f auditFlags
	cmd := &cobra.Command{
		Use:   "audit [flags] PATH...",
		Short: "Audit articles (files, directories, - for stdin) and report findings",
		Long: `Audit machine-translated articles and report what MT left behind.

PATH may be a file, a directory (searched recursively for articles), or - for
standard input. Exit codes: 0 every article passes the gate, 1 some article
fails it, 2 a usage or I/O error (unreadable inputs are listed in the report's
errors and the rest is still audited).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAudit(cmd, e, &f, args)
		},
	}
	fs := cmd.Flags()
	f.engine.register(fs)
	fs.StringVar(&f.format, "format", "text", "output format: "+joinFormats())
	fs.StringVar(&f.out, "out", "", "write one report per article (NAME.md, NAME.json) and summary.md, summary.json into DIR")
	fs.StringVar(&f.stdinFormat, "stdin-format", "txt", "what standard input holds: "+joinExts())
	return cmd
}

func runAudit(cmd *cobra.Command, e *env, f *auditFlags, args []string) error {
	cfg, err := f.engine.loadConfig(cmd.Flags(), e)
	if err != nil {
		return exitWith(exitError, err)
	}
	eng, err := newEngine(cfg, e)
	if err != nil {
		return exitWith(exitError, err)
	}
	opts := reports.Options{Tool: tool(), Color: useColor(e), Context: 60}
	printer, err := reports.New(f.format, opts)
	if err != nil {
		return exitWith(exitError, err)
	}
	var out *outDir
	if f.out != "" {
		if out, err = newOutDir(f.out, opts); err != nil {
			return exitWith(exitError, err)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	files, bad := audit.ExpandPaths(args)
	summary := reports.NewSummary(opts.Tool)
	for _, b := range bad {
		summary.AddError(b.Path, b.Err)
	}
	var results []*audit.Result
	for _, path := range files {
		if ctx.Err() != nil {
			summary.Interrupted = true
			break
		}
		for _, in := range audit.ReadPath(path, e.stdin, "."+f.stdinFormat) {
			if in.Err != nil {
				summary.AddError(in.Path, in.Err)
				continue
			}
			results = append(results, eng.Audit(ctx, in.Doc))
		}
	}
	eng.AuditBatch(results)

	if err := printer.Start(e.stdout); err != nil {
		return exitWith(exitError, err)
	}
	for _, r := range results {
		if r.Err != nil {
			summary.AddError(r.Doc.Path, r.Err)
			continue
		}
		summary.Add(r)
		if err := printer.Article(e.stdout, r); err != nil {
			return exitWith(exitError, err)
		}
		if out != nil {
			if err := out.writeArticle(r, summary); err != nil {
				return exitWith(exitError, err)
			}
		}
	}
	summary.Sort()
	if err := printer.End(e.stdout, summary); err != nil {
		return exitWith(exitError, err)
	}
	if out != nil {
		if err := out.writeSummary(summary); err != nil {
			return exitWith(exitError, err)
		}
	}
	return gateExit(summary)
}

// gateExit maps a finished run to its exit code.
func gateExit(s *reports.Summary) error {
	switch {
	case len(s.Errors) > 0 || s.Interrupted:
		return exitWith(exitError, nil)
	case s.Failed > 0:
		return exitWith(exitFail, nil)
	}
	return nil
}

func tool() reports.Tool { return reports.Tool{Name: "mtaudit", Version: version} }

// useColor: colour only on a terminal, and never when NO_COLOR is set.
func useColor(e *env) bool { return e.stdoutTTY && e.getenv("NO_COLOR") == "" }

func joinFormats() string { return fmt.Sprint(reports.FormatNames()) }
func joinExts() string    { return fmt.Sprint(audit.ReaderExts()) }
