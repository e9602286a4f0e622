package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/atomicfile"
	"github.com/mtaudit/mtaudit/reports/i18n"
	"github.com/mtaudit/mtaudit/services/fix"
)

func init() { register(newFixCmd) }

type fixFlags struct {
	engine   engineFlags
	write    bool
	backup   bool
	only     []string
	messages messagesFlag
}

func newFixCmd(e *env) *cobra.Command {
	var f fixFlags
	cmd := &cobra.Command{
		Use:   "fix [flags] PATH...",
		Short: "Show the safe repairs of articles as a unified diff, or make them with --write",
		Long: `Show the safe repairs the rules attach to their findings (remove a scraped
line, drop the later copy of a repeated paragraph, spell a name the canonical
way, ...) as a unified diff that 'patch -p0' applies from the working
directory, like 'gofmt -d'. With --write, make them in place.

Only rule findings whose rule is declared fixable are repaired; negation,
mistranslation and LLM findings never are, and fix runs no LLM pass. Repairs
that overlap: the first by position wins, the others are reported as skipped
on standard error. After repairing, the text is audited again until nothing
more is to be repaired, so fixing a fixed article changes nothing. Line ends,
a byte-order mark and every byte outside the edits are kept.

PATH may be a file, a directory (searched recursively), or - for standard
input (diff only). Only plain-text and Markdown files can be repaired: an
article extracted from HTML, JSON lines or a feed is an error.

Exit codes: 0 nothing would change (or, with --write, the repairs were
written), 1 some article would change, 2 a usage or I/O error.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFix(cmd, e, &f, args)
		},
	}
	fs := cmd.Flags()
	f.engine.registerRules(fs) // fix neither gates nor runs the LLM pass
	fs.BoolVarP(&f.write, "write", "w", false, "make the repairs in place (atomically; the file's mode is kept)")
	fs.BoolVar(&f.backup, "backup", false, "with --write, keep the original as NAME.orig")
	fs.StringSliceVar(&f.only, "only", nil, "make only these rules' repairs (ids, categories, or prefixes ending in *)")
	f.messages.register(fs)
	fs.Lookup("messages").Usage = "language of the repairs' messages in the notes on standard error: " + i18n.Auto +
		" (each article's language, English where a message has no translation yet) or one of " + strings.Join(i18n.MustBuiltin().Languages(), ", ")
	return cmd
}

// fixInput is one article to repair and the bytes it was read from.
type fixInput struct {
	path string // as given or found
	data []byte
	doc  *audit.Document
}

func runFix(cmd *cobra.Command, e *env, f *fixFlags, args []string) error {
	if f.backup && !f.write {
		return exitWith(exitError, errors.New("--backup needs --write"))
	}
	cfg, err := f.engine.loadConfig(cmd.Flags(), e)
	if err != nil {
		return exitWith(exitError, err)
	}
	if cfg.LLM.Enabled {
		fmt.Fprintln(e.stderr, "mtaudit fix: the LLM pass is not run: its findings are never repaired automatically")
		cfg.LLM.Enabled = false
	}
	eng, err := newEngine(cfg, e)
	if err != nil {
		return exitWith(exitError, err)
	}
	if err := checkSelectors(f.only, eng); err != nil {
		return exitWith(exitError, err)
	}
	messages, err := i18n.MustBuiltin().Setting(f.messages.value)
	if err != nil {
		return exitWith(exitError, err)
	}
	ctx, stop := notifyStop(context.Background())
	defer stop()

	failed := false
	fail := func(path string, err error) {
		failed = true
		fmt.Fprintf(e.stderr, "mtaudit: %s: %v\n", path, err)
	}
	var inputs []fixInput
	seen := map[string]bool{}
	for _, arg := range args {
		// A file found in a directory that holds no plain text (HTML, a
		// feed) is passed over; one named on the command line is an error.
		info, err := os.Stat(arg)
		walked := err == nil && info.IsDir()
		files, bad := audit.ExpandPaths([]string{arg})
		for _, b := range bad {
			fail(b.Path, b.Err)
		}
		limit := int64(readOptions(cfg, e, "txt").ArticleLimit())
		inputs = append(inputs, readFixInputs(files, e.stdin, limit, f.write, walked, seen, e.stderr, fail)...)
	}

	docs := make([]*audit.Document, len(inputs))
	for i, in := range inputs {
		docs[i] = in.doc
	}
	auditor := func(ctx context.Context, docs []*audit.Document) []*audit.Result {
		rs := make([]*audit.Result, len(docs))
		for i, d := range docs {
			rs[i] = eng.Audit(ctx, d)
		}
		eng.AuditBatch(rs)
		return rs
	}
	opts := fix.Options{Only: f.only, Fixable: func(id string) bool {
		r := eng.Rule(id)
		return r != nil && r.Fixable
	}}
	outs, err := fix.Run(ctx, docs, auditor, opts)
	if err != nil {
		return exitWith(exitError, fmt.Errorf("fix: %w", err))
	}

	var changed, repairs, skipped, refused int
	for i, o := range outs {
		in := inputs[i]
		reportFixNotes(e.stderr, in.path, o, i18n.For(messages, o.Doc.Lang))
		skipped += len(o.Skipped)
		refused += len(o.Refused)
		if o.Err != nil {
			fail(in.path, o.Err)
			continue
		}
		if !o.Changed() {
			continue
		}
		changed++
		repairs += len(o.Applied)
		if !f.write {
			if _, err := io.WriteString(e.stdout, fix.Unified(in.path, o.Doc.Text, o.Text)); err != nil {
				return exitWith(exitError, err)
			}
			continue
		}
		if ctx.Err() != nil {
			fail(in.path, errors.New("interrupted: not written"))
			continue
		}
		if err := writeRepaired(in, o.Text, f.backup); err != nil {
			fail(in.path, err)
		}
	}
	fmt.Fprintln(e.stderr, fixSummary(len(outs), changed, repairs, skipped, refused, f.write))
	switch {
	case failed:
		return exitWith(exitError, nil)
	case changed > 0 && !f.write:
		return exitWith(exitFail, nil)
	}
	return nil
}

// checkSelectors rejects --only selectors that name no rule.
func checkSelectors(only []string, eng *audit.Engine) error {
	for _, sel := range only {
		known := false
		for _, r := range eng.Rules() {
			if audit.MatchSelector(sel, r.ID, r.Category) {
				known = true
				break
			}
		}
		if !known {
			return fmt.Errorf("--only: no enabled rule or category matches %q (see 'mtaudit rules')", sel)
		}
	}
	return nil
}

// readFixInputs reads each file once. A file can be repaired only when its
// article is the file's bytes themselves, not text extracted from it.
func readFixInputs(files []string, stdin io.Reader, limit int64, write, walked bool, seen map[string]bool, stderr io.Writer, fail func(string, error)) []fixInput {
	var out []fixInput
	for _, path := range files {
		key := path
		if path != "-" {
			if abs, err := filepath.Abs(path); err == nil {
				key = abs
			}
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		var data []byte
		var err error
		if path == "-" {
			if write {
				fail(path, errors.New("standard input cannot be repaired in place (--write)"))
				continue
			}
			if stdin == nil {
				fail(path, errors.New("no standard input"))
				continue
			}
			data, err = audit.ReadAtMost(stdin, limit)
		} else {
			data, err = audit.ReadFile(path, limit)
		}
		if err != nil {
			fail(path, err)
			continue
		}
		read := audit.ReadText
		if r, ok := audit.ReaderFor(path); ok && path != "-" {
			read = r
		}
		ins := read(path, data)
		switch {
		case len(ins) == 1 && ins[0].Err != nil:
			fail(path, ins[0].Err)
		case len(ins) != 1 || ins[0].Doc == nil || ins[0].Doc.Text != string(data):
			if walked {
				fmt.Fprintf(stderr, "mtaudit fix: %s: passed over: its article text is extracted from the file\n", path)
				continue
			}
			fail(path, errors.New("not repairable: the article text is extracted from the file (fix works on plain-text and Markdown files)"))
		default:
			out = append(out, fixInput{path: path, data: data, doc: ins[0].Doc})
		}
	}
	return out
}

// beforeFixWrite is a test hook: it runs after the repair is computed and
// before the file is checked and replaced.
var beforeFixWrite = func(path string) {}

// writeRepaired replaces the file with the repaired text, atomically, after
// checking that nobody changed it since it was read. Through a symbolic
// link, the file it points to is replaced and the link kept.
func writeRepaired(in fixInput, text string, backup bool) error {
	beforeFixWrite(in.path)
	target, err := filepath.EvalSymlinks(in.path)
	if err != nil {
		return err
	}
	info, err := os.Stat(target)
	if err != nil {
		return err
	}
	now, err := os.ReadFile(target)
	if err != nil {
		return err
	}
	if !bytes.Equal(now, in.data) {
		return errors.New("changed since it was read: not written")
	}
	if backup {
		if err := atomicfile.WriteFile(target+".orig", in.data, info.Mode().Perm()); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
	}
	return atomicfile.WriteFile(target, []byte(text), info.Mode().Perm())
}

// reportFixNotes tells, on standard error, what was skipped or refused,
// with the repairs' messages in the catalog's language.
func reportFixNotes(w io.Writer, path string, o *fix.Outcome, c *i18n.Catalog) {
	for _, s := range o.Skipped {
		round := ""
		if s.Round > 1 {
			round = fmt.Sprintf(" (round %d, in the text repaired so far)", s.Round)
		}
		fmt.Fprintf(w, "%s:%d:%d: skipped %s %s: conflicts with %s %s at %d:%d, the earlier repair%s\n",
			path, s.Line, s.Col, s.Rule, quoteNote(c, s.Message), s.By.Rule, quoteNote(c, s.By.Message), s.ByLine, s.ByCol, round)
	}
	for _, s := range o.Refused {
		where := ""
		if o.Changed() {
			where = " (in the repaired text)"
		}
		fmt.Fprintf(w, "%s:%d:%d: not repaired%s: %s %s: %s\n", path, s.Line, s.Col, where, s.Rule, quoteNote(c, s.Message), s.Reason)
	}
	if o.Pending > 0 {
		fmt.Fprintf(w, "%s: %d repairs still offered after %d rounds (rules disagree?); run fix again to see them\n", path, o.Pending, fix.MaxRounds)
	}
}

// quoteNote quotes a repair's message in the catalog's language; the
// no-break spaces of French typography stay as they are.
func quoteNote(c *i18n.Catalog, msg string) string { return strconv.QuoteToGraphic(c.Message(msg)) }

func fixSummary(articles, changed, repairs, skipped, refused int, write bool) string {
	if changed == 0 {
		s := fmt.Sprintf("mtaudit fix: nothing to repair in %d %s", articles, fixPlural(articles, "article", "articles"))
		if refused > 0 {
			s += fmt.Sprintf(" (%d %s not made: see above)", refused, fixPlural(refused, "repair", "repairs"))
		}
		return s
	}
	verb := "would change"
	if write {
		verb = "repaired"
	}
	s := fmt.Sprintf("mtaudit fix: %d of %d %s %s: %d %s", changed, articles, fixPlural(articles, "article", "articles"), verb,
		repairs, fixPlural(repairs, "repair", "repairs"))
	if skipped > 0 {
		s += fmt.Sprintf(", %d skipped (conflicts)", skipped)
	}
	if refused > 0 {
		s += fmt.Sprintf(", %d not made (policy)", refused)
	}
	return s
}

func fixPlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
