package batch

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/mtaudit/mtaudit/audit"
)

// spool holds a run's finished outcomes on disk, in input order, while the
// batch rules wait for the last article: memory stays flat whatever the
// size of the run. The file is removed as soon as it is created (where the
// system allows it), so nothing is left behind, even by a killed run.
type spool struct {
	f   *os.File
	w   *bufio.Writer
	enc *gob.Encoder
	n   int
}

// spooled is one outcome as stored: what emitting and storing it need.
type spooled struct {
	Seq        int
	Path       string
	Hash, Name string
	InputErr   string // unreadable input: Input.Err's text
	Resumed    bool
	Batch      int // its number in the batch run, -1 for none

	HasResult  bool
	Doc        spooledDoc
	Findings   []audit.Finding
	Words      int
	Penalty    float64
	Verdict    string
	LLM        *audit.LLMStats
	Warnings   []string
	Err        string // Result.Err's text
	NotAudited string
}

// spooledDoc is the part of a document reports read; segmentation is
// computed again when a batch rule needs it.
type spooledDoc struct {
	Path, ID, Title, URL, Lang string
	LangGiven                  bool
	Note, Text                 string
	Body                       int
}

func newSpool(dir string) (*spool, error) {
	f, err := os.CreateTemp(dir, "mtaudit-batch-*.spool")
	if err != nil {
		return nil, fmt.Errorf("batch spool: %w", err)
	}
	_ = os.Remove(f.Name()) // open files stay readable on Unix
	w := bufio.NewWriterSize(f, 256<<10)
	return &spool{f: f, w: w, enc: gob.NewEncoder(w)}, nil
}

func (s *spool) put(o *Outcome, batch int) error {
	r := spooled{Seq: o.Seq, Path: o.Input.Path, Hash: o.Hash, Name: o.Name, Resumed: o.Resumed, Batch: batch}
	if o.Input.Err != nil {
		r.InputErr = o.Input.Err.Error()
	}
	if res := o.Result; res != nil {
		d := res.Doc
		r.HasResult = true
		r.Doc = spooledDoc{Path: d.Path, ID: d.ID, Title: d.Title, URL: d.URL, Lang: d.Lang, LangGiven: d.LangGiven,
			Note: d.Note, Text: d.Text, Body: d.Body}
		r.Findings, r.Words, r.Penalty, r.Verdict = res.Findings, res.Words, res.Penalty, res.Verdict
		r.LLM, r.Warnings, r.NotAudited = res.Stats.LLM, res.Warnings, res.NotAudited
		if res.Err != nil {
			r.Err = res.Err.Error()
		}
	}
	s.n++
	if err := s.enc.Encode(&r); err != nil {
		return fmt.Errorf("batch spool: %w", err)
	}
	return nil
}

// each reads the outcomes back in order, with their batch numbers.
func (s *spool) each(f func(o *Outcome, batch int) bool) error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("batch spool: %w", err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("batch spool: %w", err)
	}
	dec := gob.NewDecoder(bufio.NewReaderSize(s.f, 256<<10))
	for range s.n {
		var r spooled
		if err := dec.Decode(&r); err != nil {
			return fmt.Errorf("batch spool: %w", err)
		}
		o := &Outcome{Job: &Job{Seq: r.Seq, Input: audit.Input{Path: r.Path}, Hash: r.Hash, Name: r.Name}, Resumed: r.Resumed}
		if r.InputErr != "" {
			o.Input.Err = errors.New(r.InputErr)
		}
		if r.HasResult {
			d := r.Doc
			doc := &audit.Document{Path: d.Path, ID: d.ID, Title: d.Title, URL: d.URL, Lang: d.Lang, LangGiven: d.LangGiven,
				Note: d.Note, Text: d.Text, Body: d.Body}
			o.Input.Doc = doc
			o.Result = &audit.Result{Doc: doc, Findings: r.Findings, Words: r.Words, Penalty: r.Penalty, Verdict: r.Verdict,
				Warnings: r.Warnings, NotAudited: r.NotAudited}
			o.Result.Stats.LLM = r.LLM
			if r.Err != "" {
				o.Result.Err = errors.New(r.Err)
			}
		}
		if !f(o, r.Batch) {
			return nil
		}
	}
	return nil
}

func (s *spool) close() { s.f.Close() }
