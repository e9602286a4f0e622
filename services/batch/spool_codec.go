package batch

import (
	"encoding/binary"
	"errors"
	"math"

	"github.com/mtaudit/mtaudit/audit"
)

// The spool's records in a binary form of their own: varints, strings
// behind their length, read back as slices of the record (no copy per
// string). encoding/gob did the same through reflection at about three
// times the cost, on the one goroutine that collects outcomes and the
// one that reads them back. TestSpoolCodecEveryField fills every field of
// a record, down to the findings' edits, and fails when one does not come
// back: a field added to audit.Finding must be added here.

// errSpoolRecord is a record that does not decode: a damaged spool.
var errSpoolRecord = errors.New("damaged record")

type recordWriter struct{ b []byte }

func (w *recordWriter) int(n int)    { w.b = binary.AppendVarint(w.b, int64(n)) }
func (w *recordWriter) str(s string) { w.int(len(s)); w.b = append(w.b, s...) }
func (w *recordWriter) float(f float64) {
	w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(f))
}

func (w *recordWriter) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

func (w *recordWriter) strs(ss []string) {
	w.count(len(ss), ss == nil)
	for _, s := range ss {
		w.str(s)
	}
}

// count writes a slice's length, -1 for nil: a nil slice comes back nil,
// an empty one empty, as JSON prints them differently (null, []).
func (w *recordWriter) count(n int, isNil bool) {
	if isNil {
		n = -1
	}
	w.int(n)
}

func (w *recordWriter) record(r *spooled) {
	w.int(r.Seq)
	w.str(r.Path)
	w.str(r.Hash)
	w.str(r.Name)
	w.str(r.InputErr)
	w.bool(r.Resumed)
	w.int(r.Batch)
	w.bool(r.HasResult)
	d := &r.Doc
	for _, s := range [...]string{d.Path, d.ID, d.Title, d.URL, d.Lang, d.Note} {
		w.str(s)
	}
	w.bool(d.LangGiven)
	w.int(d.Body)
	w.findings(r.Findings)
	w.int(r.Words)
	w.float(r.Penalty)
	w.str(r.Verdict)
	w.bool(r.LLM != nil)
	if s := r.LLM; s != nil {
		for _, n := range [...]int{s.Chunks, s.Requests, s.CacheHits, s.PromptTokens, s.CompletionTokens, s.Findings, s.Unanchored, s.Invalid} {
			w.int(n)
		}
		w.bool(s.Failed)
		w.str(s.Error)
	}
	w.strs(r.Warnings)
	w.str(r.Err)
	w.str(r.NotAudited)
	w.findings(r.Suppressed)
}

func (w *recordWriter) findings(fs []audit.Finding) {
	w.count(len(fs), fs == nil)
	for i := range fs {
		f := &fs[i]
		w.int(f.Start)
		w.int(f.End)
		w.str(f.Rule)
		w.str(string(f.Category))
		w.int(int(f.Severity))
		w.str(f.Message)
		w.str(f.Suggestion)
		w.str(f.Source)
		w.strs(f.Sources)
		w.float(f.Confidence)
		w.count(len(f.Fixes), f.Fixes == nil)
		for _, x := range f.Fixes {
			w.str(x.Message)
			w.count(len(x.Edits), x.Edits == nil)
			for _, e := range x.Edits {
				w.int(e.Start)
				w.int(e.End)
				w.str(e.New)
			}
		}
	}
}

// recordReader reads a record; after the first error every read gives
// zero values and err keeps that error.
type recordReader struct {
	s   string
	err error
}

func (r *recordReader) int() int {
	if r.err != nil {
		return 0
	}
	v, n := varint(r.s)
	if n <= 0 || v < math.MinInt || v > math.MaxInt {
		r.err = errSpoolRecord
		return 0
	}
	r.s = r.s[n:]
	return int(v)
}

// varint is binary.Varint over a string.
func varint(s string) (int64, int) {
	var ux uint64
	var shift uint
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		b := s[i]
		if b < 0x80 {
			ux |= uint64(b) << shift
			x := int64(ux >> 1)
			if ux&1 != 0 {
				x = ^x
			}
			return x, i + 1
		}
		ux |= uint64(b&0x7f) << shift
		shift += 7
	}
	return 0, 0
}

func (r *recordReader) str() string {
	n := r.int()
	if r.err != nil || n < 0 || n > len(r.s) {
		r.fail()
		return ""
	}
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

func (r *recordReader) float() float64 {
	if r.err != nil || len(r.s) < 8 {
		r.fail()
		return 0
	}
	b := r.s[:8]
	v := math.Float64frombits(uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56)
	r.s = r.s[8:]
	return v
}

func (r *recordReader) bool() bool {
	if r.err != nil || len(r.s) < 1 || r.s[0] > 1 {
		r.fail()
		return false
	}
	v := r.s[0] == 1
	r.s = r.s[1:]
	return v
}

func (r *recordReader) fail() {
	if r.err == nil {
		r.err = errSpoolRecord
	}
}

// count reads a slice's length: -1 for nil. Each element takes a byte at
// least, so a count beyond what is left is damage, not an allocation.
func (r *recordReader) count() (n int, isNil bool) {
	n = r.int()
	if n == -1 {
		return 0, true
	}
	if r.err != nil || n < 0 || n > len(r.s) {
		r.fail()
		return 0, true
	}
	return n, false
}

func (r *recordReader) strs() []string {
	n, isNil := r.count()
	if isNil {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = r.str()
	}
	return ss
}

func (r *recordReader) record(out *spooled) error {
	out.Seq = r.int()
	out.Path = r.str()
	out.Hash = r.str()
	out.Name = r.str()
	out.InputErr = r.str()
	out.Resumed = r.bool()
	out.Batch = r.int()
	out.HasResult = r.bool()
	d := &out.Doc
	for _, s := range [...]*string{&d.Path, &d.ID, &d.Title, &d.URL, &d.Lang, &d.Note} {
		*s = r.str()
	}
	d.LangGiven = r.bool()
	d.Body = r.int()
	out.Findings = r.findings()
	out.Words = r.int()
	out.Penalty = r.float()
	out.Verdict = r.str()
	if r.bool() {
		s := &audit.LLMStats{}
		for _, n := range [...]*int{&s.Chunks, &s.Requests, &s.CacheHits, &s.PromptTokens, &s.CompletionTokens, &s.Findings, &s.Unanchored, &s.Invalid} {
			*n = r.int()
		}
		s.Failed = r.bool()
		s.Error = r.str()
		out.LLM = s
	}
	out.Warnings = r.strs()
	out.Err = r.str()
	out.NotAudited = r.str()
	out.Suppressed = r.findings()
	if r.err == nil && r.s != "" {
		r.err = errSpoolRecord
	}
	return r.err
}

func (r *recordReader) findings() []audit.Finding {
	n, isNil := r.count()
	if isNil {
		return nil
	}
	fs := make([]audit.Finding, n)
	for i := range fs {
		f := &fs[i]
		f.Start = r.int()
		f.End = r.int()
		f.Rule = r.str()
		f.Category = audit.Category(r.str())
		f.Severity = audit.Severity(r.int())
		f.Message = r.str()
		f.Suggestion = r.str()
		f.Source = r.str()
		f.Sources = r.strs()
		f.Confidence = r.float()
		if k, isNil := r.count(); !isNil {
			f.Fixes = make([]audit.Fix, k)
			for j := range f.Fixes {
				x := &f.Fixes[j]
				x.Message = r.str()
				if m, isNil := r.count(); !isNil {
					x.Edits = make([]audit.Edit, m)
					for e := range x.Edits {
						x.Edits[e] = audit.Edit{Start: r.int(), End: r.int(), New: r.str()}
					}
				}
			}
		}
	}
	return fs
}
