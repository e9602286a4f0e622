package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"iter"
	"runtime"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/readers" // also registers .html, .jsonl, .xml/.rss/.atom
	"github.com/mtaudit/mtaudit/reports"
	"github.com/mtaudit/mtaudit/services/batch"
)

func init() { register(newAuditCmd) }

type auditFlags struct {
	engine      engineFlags
	format      string
	out         string
	stdinFormat string
	jobs        int
	resume      bool
	noProgress  bool
	exitZero    bool
	messages    messagesFlag
	ci          ciFlags
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
	fs.StringVar(&f.out, "out", "", "write one report per article (NAME.md, NAME.json; NAME.html and index.html with --format html) and summary.md, summary.json into DIR")
	fs.StringVar(&f.stdinFormat, "stdin-format", "txt", "what standard input holds: "+joinExts())
	fs.IntVarP(&f.jobs, "jobs", "j", runtime.NumCPU(), "audit N articles in parallel, on at most N CPUs (output order stays the input order)")
	fs.BoolVar(&f.resume, "resume", false, "with --out: skip articles whose content already has a complete report in DIR")
	fs.BoolVar(&f.exitZero, "exit-zero", false, "report, and exit 0 even when articles fail the gate (2 still means a usage or input error)")
	fs.BoolVar(&f.noProgress, "no-progress", false, "never draw the progress bar (drawn on stderr only when it is a terminal)")
	f.messages.register(fs)
	f.ci.register(fs)
	return cmd
}

func runAudit(cmd *cobra.Command, e *env, f *auditFlags, args []string) error {
	if f.jobs < 1 {
		return exitWith(exitError, fmt.Errorf("-j must be at least 1, not %d", f.jobs))
	}
	setDefaultMemoryLimit(f.jobs)
	defer capCPUs(f.jobs)()
	if f.resume && f.out == "" {
		return exitWith(exitError, errors.New("--resume needs --out DIR"))
	}
	if _, err := stdinExt(f.stdinFormat); err != nil {
		return exitWith(exitError, err)
	}
	// The inputs are listed before the engine loads, and what listing a
	// large tree left over is collected while the heap holds nothing else
	// (a millisecond at 100,000 files): held back while the engine loads
	// (delayFirstGC), the collector would keep it, and the list itself
	// would scale the first collection's threshold (at 100,000 files,
	// 20 MiB of peak RSS either way). One input makes no garbage.
	files, bad := audit.ExpandPaths(args)
	if len(files)+len(bad) > 1 {
		runtime.GC()
	}
	defer delayFirstGC()()
	cfg, err := f.engine.loadConfig(cmd.Flags(), e)
	if err != nil {
		return exitWith(exitError, err)
	}
	eng, err := newEngine(cfg, e)
	if err != nil {
		return exitWith(exitError, err)
	}
	opts := reports.Options{Tool: tool(), Color: useColor(e), Context: 60, Rules: eng.Rules()}
	if err := f.messages.apply(cmd.Flags(), &opts, eng.Target()); err != nil {
		return exitWith(exitError, err)
	}
	ci, err := f.ci.begin(e, cfg, f.engine.configDir(), eng)
	if err != nil {
		return exitWith(exitError, err)
	}
	defer ci.abort()
	opts.SuppressionKeys = ci.filter.Keys
	printer, err := reports.New(f.format, opts)
	if err != nil {
		return exitWith(exitError, err)
	}
	var out *outDir
	if f.out != "" {
		if out, err = newOutDir(f.out, opts, f.resume); err != nil {
			return exitWith(exitError, err)
		}
		out.html = f.format == "html"
		defer out.close()
	}
	// Ctrl-C or SIGTERM stops reading; what is finished is reported.
	ctx, stop := notifyStop(cmd.Context())
	defer stop()

	summary := reports.NewSummary(opts.Tool)
	// Only --out's summary.json, summary.md and index.html list every
	// article; without it the summary's memory stays flat over the run.
	summary.ListArticles(out != nil)
	for _, b := range bad {
		summary.AddError(b.Path, b.Err)
	}
	bar := newProgressBar(e, !f.noProgress, len(bad))
	stdout := ci.w
	if stdout == e.stdout {
		// On a terminal the results clear the bar before they print.
		stdout = bar.results(e, e.stdout)
	}
	stdout, flush := bufferReport(e, ci.w, stdout)
	defer flush() // what was printed before a failure is not lost
	if err := printer.Start(stdout); err != nil {
		return exitWith(exitError, err)
	}
	run := batch.Options{Workers: f.jobs, Progress: func(p batch.Progress) {
		bar.update(p)
		if testHookProgress != nil {
			testHookProgress(p)
		}
	}}
	if out != nil {
		run.Prepare = out.prepare
		run.Resume = func(j *batch.Job) (*audit.Result, bool) { return out.resumed(eng, j) }
		run.Store = out.store
	}
	ci.wrap(&run)
	printArticle := prerender(&run, printer, ci)
	ro := readOptions(cfg, e, f.stdinFormat)
	src := batch.Files(files, func(path string) iter.Seq[audit.Input] {
		return readers.InputsWith(path, ro)
	})
	stats, err := batch.Run(ctx, eng, src, run, func(o *batch.Outcome) error {
		switch {
		case o.Result == nil:
			summary.AddError(o.Input.Path, o.Input.Err)
			return nil
		case o.Result.Err != nil:
			summary.AddError(o.Result.Doc.Path, o.Result.Err)
			return nil
		}
		ci.apply(o, summary)
		summary.Add(o.Result)
		noteReport(summary, o.Result, o.Name)
		return printArticle(stdout, o)
	})
	bar.finish()
	if err != nil {
		return exitWith(exitError, err)
	}
	// The report so far goes out before stderr says more: a log that
	// takes both keeps their order.
	if err := flush(); err != nil {
		return exitWith(exitError, err)
	}
	if stats.Interrupted {
		summary.Interrupted = true
		summary.Total = stats.Total + len(bad)
		fmt.Fprintf(e.stderr, "mtaudit: interrupted: %d of %d inputs done", stats.Emitted+len(bad), summary.Total)
		if out != nil {
			fmt.Fprint(e.stderr, "; run again with --resume to finish")
		}
		fmt.Fprintln(e.stderr)
	}
	summary.Sort()
	if f.format != "text" {
		// The report holds them, but a CI log shows stderr: say it there too.
		reportInputErrors(e, summary)
	}
	if err := printer.End(stdout, summary); err != nil {
		return exitWith(exitError, err)
	}
	if err := flush(); err != nil {
		return exitWith(exitError, err)
	}
	if out != nil {
		if err := out.writeSummary(summary); err != nil {
			return exitWith(exitError, err)
		}
	}
	if err := ci.finish(nil, summary, opts); err != nil {
		return exitWith(exitError, err)
	}
	if err := gateExit(summary); err != nil && !(f.exitZero && summary.Failed > 0 && len(summary.Errors) == 0 && !summary.Interrupted) {
		return err
	}
	return nil
}

// bufferReport buffers the report on its way to a file or a pipe (dest is
// where it goes: the run's standard output, or --output's pipe): a printer
// writes each article on its own, and unbuffered that was a system call
// per article on the goroutine that emits them in order. A terminal gets
// each article as it comes. flush writes out what is buffered; it may be
// called any number of times.
func bufferReport(e *env, dest, w io.Writer) (_ io.Writer, flush func() error) {
	if dest == io.Discard || (dest == e.stdout && e.stdoutTTY) {
		return w, func() error { return nil }
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	return bw, bw.Flush
}

// testHookProgress lets tests act mid-run (stop it as Ctrl-C would).
var testHookProgress func(batch.Progress)

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
func joinExts() string    { return strings.Join(stdinFormats(), ", ") }

// reportInputErrors writes one stderr line per input that could not be
// audited: "mtaudit: PATH: error: REASON", the path quoted with Go escapes
// when it holds a character that does not print (a line end, an escape
// sequence), the reason's first line with control characters blanked.
func reportInputErrors(e *env, s *reports.Summary) {
	for _, in := range s.Errors {
		reason, _, _ := strings.Cut(in.Error, "\n")
		reason = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return ' '
			}
			return r
		}, reason)
		fmt.Fprintf(e.stderr, "mtaudit: %s: error: %s\n", escapePath(in.Path), reason)
	}
}

// escapePath shows a path as it is when every character prints, else
// quoted with Go escapes, so that it stays one line and names the file.
func escapePath(p string) string {
	if !utf8.ValidString(p) || strings.IndexFunc(p, func(r rune) bool { return !strconv.IsPrint(r) }) >= 0 {
		return strconv.Quote(p)
	}
	return p
}
