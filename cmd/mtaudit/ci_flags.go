package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/atomicfile"
	"github.com/mtaudit/mtaudit/audit/suppress"
	"github.com/mtaudit/mtaudit/reports"
	"github.com/mtaudit/mtaudit/services/batch"
)

// ciFlags are the audit command's flags for CI and for editors' decisions:
// where the report goes (--output, --quiet) and which findings are left
// out (--baseline, --suppressions) or recorded (--write-baseline).
type ciFlags struct {
	output        string
	quiet         bool
	baseline      string
	writeBaseline string
	suppressions  string
}

func (f *ciFlags) register(fs *pflag.FlagSet) {
	fs.StringVarP(&f.output, "output", "o", "", "write the report to FILE (atomically: a reader sees the old file or the whole new one) instead of standard output")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "print only the summary line on standard output (the report still goes to --output FILE)")
	fs.StringVar(&f.baseline, "baseline", "", "report only findings not recorded in this baseline file (made by --write-baseline)")
	fs.StringVar(&f.writeBaseline, "write-baseline", "", "record every finding of this run in FILE, for --baseline FILE in later runs")
	fs.StringVar(&f.suppressions, "suppressions", "", "leave out the findings dismissed in this file (from the HTML report's Dismiss buttons or serve --suppressions); config key suppressions")
}

// ciRun is one audit run's output and suppression state.
type ciRun struct {
	flags  *ciFlags
	e      *env
	w      io.Writer // where the printer writes
	filter *suppress.Filter
	record *suppress.File

	pipe   *io.PipeWriter
	done   chan error
	closed bool
}

// errAborted removes a partial --output file when the run fails.
var errAborted = errors.New("run failed; output not written")

// abort drops the output file if finish did not run (an error return).
func (c *ciRun) abort() {
	if c.pipe != nil && !c.closed {
		c.closed = true
		c.pipe.CloseWithError(errAborted)
		<-c.done
	}
}

// begin opens the output and loads the baseline and suppressions. cfgDir is
// the directory of the configuration file, which a relative suppressions
// path in it is relative to.
func (f *ciFlags) begin(e *env, cfg *audit.Config, cfgDir string, eng *audit.Engine) (*ciRun, error) {
	c := &ciRun{flags: f, e: e, w: e.stdout}
	var files []*suppress.File
	if f.baseline != "" {
		b, err := suppress.Load(f.baseline)
		if err != nil {
			return nil, fmt.Errorf("baseline: %w", err)
		}
		files = append(files, b)
	}
	if path := suppressionsPath(f.suppressions, cfg, cfgDir); path != "" {
		s, err := suppress.Load(path)
		if err != nil {
			return nil, fmt.Errorf("suppressions: %w", err)
		}
		files = append(files, s)
	}
	c.filter = suppress.NewFilter(suppress.NewSet(files...), eng)
	if f.writeBaseline != "" {
		c.record = &suppress.File{Version: suppress.Version, Kind: suppress.KindBaseline, Entries: []suppress.Entry{}}
	}
	if f.quiet {
		c.w = io.Discard
	}
	if f.output != "" {
		pr, pw := io.Pipe()
		c.pipe, c.done, c.w = pw, make(chan error, 1), pw
		go func() {
			err := atomicfile.Write(f.output, 0o644, func(w io.Writer) error {
				_, err := io.Copy(w, pr)
				return err
			})
			pr.CloseWithError(err) // unblocks a writer if the file failed
			c.done <- err
		}()
	}
	return c, nil
}

// wrap filters results before --out stores them, so that per-article
// reports leave suppressed findings out too. A result resumed from --out
// DIR was filtered when it was stored; batch.Run never stores it again.
func (c *ciRun) wrap(run *batch.Options) {
	if !c.filter.Active() || run.Store == nil {
		return
	}
	store := run.Store
	run.Store = func(o *batch.Outcome) error {
		if o.Result != nil && o.Result.Err == nil {
			c.filter.Apply(o.Result)
		}
		return store(o)
	}
}

// keepsResults says apply changes no result: there are no suppressions to
// take out and no baseline to record.
func (c *ciRun) keepsResults() bool { return !c.filter.Active() && c.record == nil }

// apply records a result for --write-baseline (every finding it had) and
// takes suppressed findings out, counting them in the summary. Call it
// once per outcome, before the summary and the printer see it. A result
// resumed from --out DIR was filtered when it was stored, and with its
// suppressed findings gone the occurrences of the rest would shift: it is
// recorded as it is and not filtered again.
func (c *ciRun) apply(o *batch.Outcome, s *reports.Summary) {
	r := o.Result
	if o.Resumed {
		if c.record != nil {
			for _, k := range suppress.ResultKeys(r) {
				c.record.Entries = append(c.record.Entries, suppress.Entry{Key: k})
			}
		}
		return
	}
	if c.record != nil {
		c.filter.Apply(r)
		all := append(append([]audit.Finding{}, r.Findings...), r.Suppressed...)
		for _, k := range suppress.Keys(r.Doc, all) {
			c.record.Entries = append(c.record.Entries, suppress.Entry{Key: k})
		}
	}
	s.Suppressed += c.filter.Apply(r)
}

// finish closes the output (renaming it into place when the run
// succeeded, removing it when not), writes the baseline and prints the
// summary line under --quiet.
func (c *ciRun) finish(runErr error, s *reports.Summary, opts reports.Options) error {
	if c.pipe != nil && !c.closed {
		c.closed = true
		if runErr != nil {
			c.pipe.CloseWithError(runErr)
		} else {
			c.pipe.Close()
		}
		if err := <-c.done; err != nil && runErr == nil {
			return err
		}
	}
	if runErr != nil {
		return runErr
	}
	if c.record != nil {
		if err := c.record.WriteFile(c.flags.writeBaseline); err != nil {
			return err
		}
		noun := "findings"
		if len(c.record.Entries) == 1 {
			noun = "finding"
		}
		fmt.Fprintf(c.e.stderr, "mtaudit: baseline %s records %d %s\n", c.flags.writeBaseline, len(c.record.Entries), noun)
	}
	if c.flags.quiet {
		fmt.Fprintln(c.e.stdout, reports.SummaryLine(s, opts))
	}
	return nil
}

// suppressionsPath is the suppressions file of a run: the flag's, else the
// configuration's, relative to the configuration file's directory.
func suppressionsPath(flag string, cfg *audit.Config, cfgDir string) string {
	if flag != "" || cfg.Suppressions == "" {
		return flag
	}
	if !filepath.IsAbs(cfg.Suppressions) && cfgDir != "" {
		return filepath.Join(cfgDir, cfg.Suppressions)
	}
	return cfg.Suppressions
}
