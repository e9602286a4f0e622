package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/atomicfile"
	"github.com/mtaudit/mtaudit/reports"
	"github.com/mtaudit/mtaudit/services/batch"
)

// manifestName is the --out directory's record of finished articles: one
// JSON line {"hash", "name"} appended after an article's reports are all in
// place. --resume trusts it, so a line means a complete report.
const manifestName = ".mtaudit-manifest.jsonl"

// articleFormats are the reports written per article, NAME + ext.
var articleFormats = []struct{ format, ext string }{
	{"markdown", ".md"},
	{"json", ".json"},
}

// outDir writes per-article reports and the batch summary, each file
// atomically, and keeps the manifest --resume reads.
type outDir struct {
	dir    string
	opts   reports.Options
	resume bool
	html   bool // --format html: NAME.html per article and index.html too

	// Read-only after newOutDir: what the manifest said at the start.
	owner map[string]string   // report name → hash of the article it holds
	done  map[string][]string // hash → report names holding it, in manifest order

	used map[string]bool // report names taken in this run; Prepare's alone

	mu       sync.Mutex
	manifest *os.File
}

type manifestEntry struct {
	Hash string `json:"hash"`
	Name string `json:"name"`
}

// newOutDir prepares DIR. Without resume the manifest starts empty (reports
// of an earlier run are overwritten as names come up); with resume it is
// read and extended. Temporary files left by a killed run are removed.
func newOutDir(dir string, opts reports.Options, resume bool) (*outDir, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, pathError("create", dir, err)
	}
	o := &outDir{dir: dir, opts: opts, resume: resume, owner: map[string]string{}, done: map[string][]string{}, used: map[string]bool{}}
	if err := o.removeStaleTemps(); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, manifestName)
	flags := os.O_CREATE | os.O_WRONLY | os.O_APPEND
	if resume {
		if err := o.readManifest(path); err != nil {
			return nil, err
		}
	} else {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return nil, pathError("open", path, err)
	}
	o.manifest = f
	return o, nil
}

// pathError says what failed on which path, once: the *fs.PathError the
// os package returns already names the path ("open X: open X: read-only
// file system" otherwise).
func pathError(op, path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && filepath.Clean(pe.Path) == filepath.Clean(path) {
		err = pe.Err
	}
	return fmt.Errorf("%s %s: %w", op, path, err)
}

func (o *outDir) close() error { return o.manifest.Close() }

func (o *outDir) removeStaleTemps() error {
	ents, err := os.ReadDir(o.dir)
	if err != nil {
		return pathError("read", o.dir, err)
	}
	for _, e := range ents {
		if e.Type().IsRegular() && atomicfile.IsTemp(e.Name()) {
			if err := os.Remove(filepath.Join(o.dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return pathError("remove stale", filepath.Join(o.dir, e.Name()), err)
			}
		}
	}
	return nil
}

// readManifest loads the entries; the last entry for a name wins, and a
// torn last line (a run killed while appending) is ignored.
func (o *outDir) readManifest(path string) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return pathError("read", path, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	var order []manifestEntry
	for sc.Scan() {
		var m manifestEntry
		if json.Unmarshal(sc.Bytes(), &m) != nil || m.Hash == "" || m.Name == "" {
			continue
		}
		o.owner[m.Name] = m.Hash
		order = append(order, m)
	}
	for _, m := range order {
		if o.owner[m.Name] == m.Hash && !contains(o.done[m.Hash], m.Name) {
			o.done[m.Hash] = append(o.done[m.Hash], m.Name)
		}
	}
	return nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// unsafeName is compiled on first use: only runs with --out name files,
// and its Unicode classes cost a run that does not at start-up.
var unsafeName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^\p{L}\p{N}._-]+`) })

// maxStem keeps file names well under file-system limits (feed ids are
// often whole URLs).
const maxStem = 120

// baseName is an article's file stem before numbering.
func baseName(d *audit.Document) string {
	stem := d.ID
	if stem == "" {
		stem = strings.TrimSuffix(filepath.Base(d.Path), filepath.Ext(d.Path))
	}
	stem = strings.Trim(unsafeName().ReplaceAllString(stem, "_"), "._")
	for len(stem) > maxStem {
		_, n := utf8.DecodeLastRuneInString(stem)
		stem = stem[:len(stem)-n]
	}
	if stem == "" || stem == "summary" || stem == "index" {
		stem = "article_" + stem
	}
	return stem
}

func numbered(base string, n int) string {
	if n == 1 {
		return base
	}
	return base + "-" + strconv.Itoa(n)
}

// prepare names a job's reports; batch.Run calls it in input order, so
// names are the same whatever -j is. With --resume an article whose content
// already has a complete report keeps that report's name; a new article
// never takes a name whose report holds other content.
func (o *outDir) prepare(j *batch.Job) {
	if j.Input.Doc == nil {
		return
	}
	base := baseName(j.Input.Doc)
	if o.resume {
		for n := 1; ; n++ {
			name := numbered(base, n)
			if _, taken := o.owner[name]; !taken && !o.used[name] {
				break
			}
			if o.owner[name] == j.Hash && !o.used[name] {
				o.used[name], j.Name = true, name
				return
			}
		}
		for _, name := range o.done[j.Hash] {
			if !o.used[name] {
				o.used[name], j.Name = true, name
				return
			}
		}
	}
	for n := 1; ; n++ {
		name := numbered(base, n)
		if _, taken := o.owner[name]; !taken && !o.used[name] {
			o.used[name], j.Name = true, name
			return
		}
	}
}

// resumed loads a job's stored report when --resume is on and the manifest
// says its name holds this content. The result is rebuilt on the document
// just read (quotes are checked against it) and re-scored by the engine, so
// it prints exactly like a fresh audit and follows the current gate.
func (o *outDir) resumed(eng *audit.Engine, j *batch.Job) (*audit.Result, bool) {
	if !o.resume || j.Name == "" || o.owner[j.Name] != j.Hash {
		return nil, false
	}
	for _, f := range o.formats() {
		if _, err := os.Stat(filepath.Join(o.dir, j.Name+f.ext)); err != nil {
			return nil, false
		}
	}
	data, err := os.ReadFile(filepath.Join(o.dir, j.Name+".json"))
	if err != nil {
		return nil, false
	}
	var rep struct {
		Articles []reports.ArticleJSON `json:"articles"`
	}
	if json.Unmarshal(data, &rep) != nil || len(rep.Articles) != 1 {
		return nil, false
	}
	// The language was given when the configuration or the input named it,
	// as the engine would have decided.
	given := eng.Config().Lang != "" || j.Input.Doc.Lang != ""
	res, ok := rebuild(j.Input.Doc, &rep.Articles[0])
	if !ok {
		return nil, false
	}
	// The batch rules run again over the whole of this run: the findings
	// they gave in the stored one are theirs to give again.
	res.Findings = slices.DeleteFunc(res.Findings, func(f audit.Finding) bool {
		r := eng.Rule(f.Rule)
		return r != nil && r.RunBatch != nil
	})
	res.Doc.LangGiven = given
	eng.Finish(res)
	return res, true
}

// rebuild turns a stored article object back into a result on doc.
func rebuild(doc *audit.Document, a *reports.ArticleJSON) (*audit.Result, bool) {
	doc.Lang = a.Lang
	res := &audit.Result{Doc: doc, Warnings: a.Warnings}
	if a.Audited != nil && !*a.Audited {
		res.NotAudited = a.Reason
		if res.NotAudited == "" {
			return nil, false
		}
	}
	if a.Stats != nil {
		res.Stats = *a.Stats
	}
	for _, f := range a.Findings {
		// A span the engine would not give today (one ending inside a
		// CRLF, from an older version) means auditing again.
		span := audit.Span{Start: f.Start, End: f.End}
		if snapped, ok := audit.SnapSpan(doc.Text, span); !ok || snapped != span || doc.Text[f.Start:f.End] != f.Quote {
			return nil, false
		}
		sev, err := audit.ParseSeverity(f.Severity)
		if err != nil || !audit.Category(f.Category).Valid() {
			return nil, false
		}
		res.Findings = append(res.Findings, audit.Finding{
			Span: audit.Span{Start: f.Start, End: f.End}, Rule: f.Rule, Category: audit.Category(f.Category),
			Severity: sev, Message: f.Message, Suggestion: f.Suggestion, Source: f.Source,
			Sources: f.Sources, Confidence: f.Confidence, Fixes: f.Fixes,
		})
	}
	return res, true
}

// store writes an outcome's reports, each atomically, then records it in
// the manifest. batch.Run calls it from several goroutines. An outcome
// stored again after the batch rules (Rewrite) is in the manifest already:
// one line per article.
func (o *outDir) store(out *batch.Outcome) error {
	if err := o.writeArticle(out.Result, out.Name); err != nil {
		return err
	}
	if out.Rewrite {
		return nil
	}
	line, err := json.Marshal(manifestEntry{Hash: out.Hash, Name: out.Name})
	if err != nil {
		return err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, err := o.manifest.Write(append(line, '\n')); err != nil {
		return pathError("write", filepath.Join(o.dir, manifestName), err)
	}
	return nil
}

// writeArticle writes NAME.md and NAME.json for one result.
func (o *outDir) writeArticle(r *audit.Result, stem string) error {
	// One summary of the one article serves every format.
	one := reports.NewSummary(o.opts.Tool)
	one.Add(r)
	var buf bytes.Buffer
	for _, f := range o.formats() {
		p, err := reports.New(f.format, o.opts)
		if err != nil {
			return err
		}
		buf.Reset()
		if err := p.Start(&buf); err != nil {
			return err
		}
		if err := p.Article(&buf, r); err != nil {
			return err
		}
		if err := p.End(&buf, one); err != nil {
			return err
		}
		// Not synced one by one: --resume verifies a report before reusing it.
		if err := atomicfile.Replace(filepath.Join(o.dir, stem+f.ext), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// noteReport records the report name in the summary's row just added.
func noteReport(s *reports.Summary, r *audit.Result, name string) {
	if n := len(s.Worst); n > 0 && s.Worst[n-1].Path == r.Doc.Path {
		s.Worst[n-1].Report = name
	}
}

func (o *outDir) writeSummary(s *reports.Summary) error {
	var md, js bytes.Buffer
	if err := reports.WriteSummaryMarkdownWith(&md, s, o.opts); err != nil {
		return err
	}
	if err := reports.WriteSummaryJSON(&js, s); err != nil {
		return err
	}
	if err := atomicfile.WriteFile(filepath.Join(o.dir, "summary.md"), md.Bytes(), 0o644); err != nil {
		return err
	}
	if err := o.writeIndexHTML(s); err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(o.dir, "summary.json"), js.Bytes(), 0o644)
}

// formats are the per-article reports of this run: with --format html,
// NAME.html beside the others.
func (o *outDir) formats() []struct{ format, ext string } {
	if !o.html {
		return articleFormats
	}
	return append(append(articleFormats[:0:0], articleFormats...), struct{ format, ext string }{"html", ".html"})
}

// writeIndexHTML writes index.html, the batch's table linking each
// NAME.html, with --format html.
func (o *outDir) writeIndexHTML(s *reports.Summary) error {
	if !o.html {
		return nil
	}
	var buf bytes.Buffer
	if err := reports.WriteIndexHTML(&buf, s, o.opts); err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(o.dir, "index.html"), buf.Bytes(), 0o644)
}
