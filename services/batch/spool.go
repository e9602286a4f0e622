package batch

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"unsafe"

	"github.com/mtaudit/mtaudit/audit"
)

// spool holds a run's finished outcomes on disk, in input order, while the
// batch rules wait for the last article: memory stays flat whatever the
// size of the run. The file is removed as soon as it is created (where the
// system allows it), so nothing is left behind, even by a killed run.
//
// A record is the outcome without its text (spool_codec.go), then the
// text: each behind its length. The text goes to the file as it is and
// comes back in one allocation, so the record's buffer is the size of the
// largest record's findings, never of an article.
type spool struct {
	f    *os.File
	w    *bufio.Writer
	meta recordWriter
	n    int
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
	Suppressed []audit.Finding
}

// spooledDoc is the part of a document reports read; segmentation is
// computed again when a batch rule needs it.
type spooledDoc struct {
	Path, ID, Title, URL, Lang string
	LangGiven                  bool
	Note                       string
	Body                       int
}

func newSpool(dir string) (*spool, error) {
	f, err := os.CreateTemp(dir, "mtaudit-batch-*.spool")
	if err != nil {
		return nil, fmt.Errorf("batch spool: %w", err)
	}
	_ = os.Remove(f.Name()) // open files stay readable on Unix
	return &spool{f: f, w: bufio.NewWriterSize(f, 64<<10)}, nil
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
			Note: d.Note, Body: d.Body}
		r.Findings, r.Words, r.Penalty, r.Verdict = res.Findings, res.Words, res.Penalty, res.Verdict
		r.LLM, r.Warnings, r.NotAudited, r.Suppressed = res.Stats.LLM, res.Warnings, res.NotAudited, res.Suppressed
		if res.Err != nil {
			r.Err = res.Err.Error()
		}
	}
	s.n++
	s.meta.b = s.meta.b[:0]
	s.meta.record(&r)
	text := ""
	if o.Result != nil {
		text = o.Result.Doc.Text
	}
	err := s.writeLen(len(s.meta.b))
	if err == nil {
		_, err = s.w.Write(s.meta.b)
	}
	if err == nil {
		err = s.writeLen(len(text))
	}
	if err == nil {
		_, err = s.w.WriteString(text)
	}
	if cap(s.meta.b) > 1<<20 {
		s.meta.b = nil // a huge article's findings are not kept
	}
	if err != nil {
		return fmt.Errorf("batch spool: %w", err)
	}
	return nil
}

func (s *spool) writeLen(n int) error {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(n))
	_, err := s.w.Write(b[:])
	return err
}

// each reads the outcomes back in order, with their batch numbers.
func (s *spool) each(f func(o *Outcome, batch int) bool) error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("batch spool: %w", err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("batch spool: %w", err)
	}
	in := bufio.NewReaderSize(s.f, 64<<10)
	for range s.n {
		var r spooled
		meta, err := readChunk(in)
		if err == nil {
			err = (&recordReader{s: meta}).record(&r)
		}
		var text string
		if err == nil {
			text, err = readChunk(in)
		}
		if err != nil {
			return fmt.Errorf("batch spool: %w", err)
		}
		r.detach()
		o := &Outcome{Job: &Job{Seq: r.Seq, Input: audit.Input{Path: r.Path}, Hash: r.Hash, Name: r.Name}, Resumed: r.Resumed}
		if r.InputErr != "" {
			o.Input.Err = errors.New(r.InputErr)
		}
		if r.HasResult {
			d := r.Doc
			doc := &audit.Document{Path: d.Path, ID: d.ID, Title: d.Title, URL: d.URL, Lang: d.Lang, LangGiven: d.LangGiven,
				Note: d.Note, Text: text, Body: d.Body}
			o.Input.Doc = doc
			o.Result = &audit.Result{Doc: doc, Findings: r.Findings, Words: r.Words, Penalty: r.Penalty, Verdict: r.Verdict,
				Warnings: r.Warnings, NotAudited: r.NotAudited, Suppressed: r.Suppressed}
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

// detach copies the strings that outlive the outcome out of the record's
// chunk: the run's summary keeps each article's path, verdict and reason,
// and the manifest of --out its name and hash. Left pointing into the
// chunk, each would hold the article's whole record (its findings) until
// the end of the run: 42 MB at 100,000 articles.
func (r *spooled) detach() {
	r.Path, r.Hash, r.Name = strings.Clone(r.Path), strings.Clone(r.Hash), strings.Clone(r.Name)
	r.InputErr, r.NotAudited = strings.Clone(r.InputErr), strings.Clone(r.NotAudited)
	r.Doc.Path = strings.Clone(r.Doc.Path)
	switch r.Verdict {
	case audit.VerdictPass:
		r.Verdict = audit.VerdictPass
	case audit.VerdictFail:
		r.Verdict = audit.VerdictFail
	default:
		r.Verdict = strings.Clone(r.Verdict)
	}
}

// readChunk reads a length and that many bytes, as a string over the bytes
// read (no copy: nothing else holds them).
func readChunk(r io.Reader) (string, error) {
	var b [8]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", err
	}
	n := binary.LittleEndian.Uint64(b[:])
	if n == 0 {
		return "", nil
	}
	if n > math.MaxInt {
		return "", fmt.Errorf("record of %d bytes: the spool is damaged", n)
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		return "", err
	}
	return unsafe.String(&buf[0], len(buf)), nil
}

func (s *spool) close() { s.f.Close() }
