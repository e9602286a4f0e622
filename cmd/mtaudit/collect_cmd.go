package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/reports"
	"github.com/mtaudit/mtaudit/rules"
	"github.com/mtaudit/mtaudit/services/batch"
	"github.com/mtaudit/mtaudit/services/queue"
)

func init() { register(newCollectCmd) }

type collectFlags struct {
	results  string
	out      string
	html     bool
	messages messagesFlag
}

func newCollectCmd(e *env) *cobra.Command {
	var f collectFlags
	cmd := &cobra.Command{
		Use:   "collect --results DIR --out DIR",
		Short: "Write the reports of results stored by mtaudit workers",
		Long: `Read the results 'mtaudit worker --out DIR' stored (DIR/HH/HASH.json, with the
article's text beside it in HH/HASH.article) and write what 'mtaudit audit
--out' writes: NAME.md and NAME.json per article, NAME.html and index.html
(unless --html=false), summary.md and summary.json. Articles are named and
ordered by their path, as audit names them. Each result keeps the verdict
the worker gave it. Exit codes as for audit: 0 every article passes, 1 some
fail the gate, 2 some result could not be read.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runCollect(cmd, e, &f) },
	}
	fs := cmd.Flags()
	fs.StringVar(&f.results, "results", "", "directory a worker stored its results in (worker --out)")
	fs.StringVar(&f.out, "out", "", "directory to write the reports to")
	fs.BoolVar(&f.html, "html", true, "also write NAME.html per article and index.html")
	f.messages.register(fs)
	return cmd
}

// storedResult is one result file, named by the article's content hash.
type storedResult struct {
	file, hash, path string
}

func runCollect(cmd *cobra.Command, e *env, f *collectFlags) error {
	if f.results == "" || f.out == "" {
		return exitWith(exitError, errors.New("collect needs --results DIR and --out DIR"))
	}
	if filepath.Clean(f.results) == filepath.Clean(f.out) {
		return exitWith(exitError, errors.New("--out must not be the --results directory"))
	}
	registry, err := rules.All()
	if err != nil {
		return exitWith(exitError, err)
	}
	opts := reports.Options{Tool: tool(), Context: 60, Rules: registry}
	if err := f.messages.apply(cmd.Flags(), &opts, ""); err != nil {
		return exitWith(exitError, err)
	}
	stored, err := listResults(f.results)
	if err != nil {
		return exitWith(exitError, err)
	}
	out, err := newOutDir(f.out, opts, false)
	if err != nil {
		return exitWith(exitError, err)
	}
	defer out.close()
	out.html = f.html

	summary := reports.NewSummary(opts.Tool)
	for i, s := range stored {
		res, err := loadResult(f.results, s)
		if err != nil {
			summary.AddError(s.path, err)
			continue
		}
		j := &batch.Job{Seq: i, Input: audit.Input{Path: res.Doc.Path, Doc: res.Doc}, Hash: s.hash}
		out.prepare(j)
		if err := out.store(&batch.Outcome{Job: j, Result: res}); err != nil {
			return exitWith(exitError, err)
		}
		summary.Add(res)
		noteReport(summary, res, j.Name)
	}
	summary.Sort()
	if err := out.writeSummary(summary); err != nil {
		return exitWith(exitError, err)
	}
	fmt.Fprintf(e.stdout, "collected %d results (%d errors) into %s\n", len(stored)-len(summary.Errors), len(summary.Errors), f.out)
	return gateExit(summary)
}

// listResults finds DIR/HH/HASH.json and reads each one's article path,
// then orders them by path and hash: reports are named as audit names
// them, whatever order the workers finished in. Only the paths are kept.
func listResults(dir string) ([]storedResult, error) {
	shards, err := os.ReadDir(dir)
	if err != nil {
		return nil, pathError("read", dir, err)
	}
	var out []storedResult
	for _, sh := range shards {
		if !sh.IsDir() {
			continue
		}
		files, err := os.ReadDir(filepath.Join(dir, sh.Name()))
		if err != nil {
			return nil, pathError("read", filepath.Join(dir, sh.Name()), err)
		}
		for _, fe := range files {
			name := fe.Name()
			if !fe.Type().IsRegular() || !strings.HasSuffix(name, ".json") {
				continue
			}
			s := storedResult{file: filepath.Join(dir, sh.Name(), name), hash: strings.TrimSuffix(name, ".json")}
			var head struct {
				Path string `json:"path"`
			}
			if b, err := os.ReadFile(s.file); err == nil && json.Unmarshal(b, &head) == nil && head.Path != "" {
				s.path = head.Path
			} else {
				s.path = s.file
			}
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].path != out[j].path {
			return out[i].path < out[j].path
		}
		return out[i].hash < out[j].hash
	})
	return out, nil
}

// loadResult rebuilds a stored result on the article stored beside it.
// An error entry the worker stored comes back as its error.
func loadResult(dir string, s storedResult) (*audit.Result, error) {
	b, err := os.ReadFile(s.file)
	if err != nil {
		return nil, pathError("read", s.file, err)
	}
	var entry struct {
		Error    *string         `json:"error"`
		Findings json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal(b, &entry); err != nil {
		return nil, fmt.Errorf("%s: not a result: %v", s.file, err)
	}
	if entry.Error != nil && entry.Findings == nil {
		return nil, errors.New(*entry.Error)
	}
	var a reports.ArticleJSON
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, fmt.Errorf("%s: not a result: %v", s.file, err)
	}
	artFile := queue.ArticlePath(dir, s.hash)
	ab, err := os.ReadFile(artFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no article text beside %s: run the worker with --keep-text to collect reports", s.file)
	}
	if err != nil {
		return nil, pathError("read", artFile, err)
	}
	var art queue.Article
	if err := json.Unmarshal(ab, &art); err != nil {
		return nil, fmt.Errorf("%s: %v", artFile, err)
	}
	doc, err := art.Document()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", artFile, err)
	}
	if batch.Hash(doc.Text) != s.hash {
		return nil, fmt.Errorf("%s does not hold the text its name says (hash differs)", artFile)
	}
	res, ok := rebuild(doc, &a)
	if !ok {
		return nil, fmt.Errorf("%s does not match its article's text", s.file)
	}
	// The worker's score and verdict stand: its configuration gave them.
	res.Words, res.Penalty, res.Verdict = a.Words, a.Penalty, a.Verdict
	// The worker stores a language with the text only when it was given.
	res.Doc.LangGiven = art.Lang != ""
	return res, nil
}
