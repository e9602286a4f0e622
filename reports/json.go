package reports

import (
	"encoding/json"
	"io"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	Formats["json"] = func(o Options) Printer { return &jsonPrinter{opts: o} }
	Formats["jsonl"] = func(o Options) Printer { return &jsonlPrinter{opts: o} }
}

// jsonPrinter writes the one-object contract: {"tool", "articles", "errors"}.
// Articles are written as they come, so memory stays flat on large runs.
type jsonPrinter struct {
	opts Options
	n    int
}

func (p *jsonPrinter) Start(w io.Writer) error {
	tool, _ := json.Marshal(p.opts.Tool)
	_, err := io.WriteString(w, "{\n  \"tool\": "+string(tool)+",\n  \"articles\": [")
	return err
}

func (p *jsonPrinter) Article(w io.Writer, r *audit.Result) error { return renderThenWrite(p, w, r) }

func (p *jsonPrinter) RenderArticle(r *audit.Result) ([]byte, error) {
	return marshal(p.opts.articleJSON(r), "    ")
}

func (p *jsonPrinter) WriteRendered(w io.Writer, b []byte) error {
	sep := "\n"
	if p.n > 0 {
		sep = ",\n"
	}
	p.n++
	// Written as it is: a copy of a report as big as its article is not
	// for nothing on a huge one.
	if _, err := io.WriteString(w, sep+"    "); err != nil {
		return err
	}
	_, err := w.Write(b)
	return err
}

func (p *jsonPrinter) End(w io.Writer, s *Summary) error {
	errs, err := marshal(s.Errors, "  ")
	if err != nil {
		return err
	}
	tail := "]"
	if p.n > 0 {
		tail = "\n  ]"
	}
	_, err = io.WriteString(w, tail+",\n  \"errors\": "+string(errs)+"\n}\n")
	return err
}

// jsonlPrinter writes one article object a line; errors follow as
// {"path", "error"} lines so nothing is dropped.
type jsonlPrinter struct{ opts Options }

func (*jsonlPrinter) Start(io.Writer) error { return nil }

func (p *jsonlPrinter) Article(w io.Writer, r *audit.Result) error { return renderThenWrite(p, w, r) }

func (p *jsonlPrinter) RenderArticle(r *audit.Result) ([]byte, error) {
	return marshalLine(p.opts.articleJSON(r), "")
}

func (*jsonlPrinter) WriteRendered(w io.Writer, b []byte) error {
	_, err := w.Write(b)
	return err
}

func (*jsonlPrinter) End(w io.Writer, s *Summary) error {
	for _, e := range s.Errors {
		b, err := marshal(e, "")
		if err != nil {
			return err
		}
		if _, err := w.Write(append(b, '\n')); err != nil {
			return err
		}
	}
	return nil
}

// marshal encodes without HTML escaping (quotes hold article text) and
// indents nested lines with prefix.
func marshal(v any, prefix string) ([]byte, error) {
	b, err := marshalLine(v, prefix)
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	return b, err
}

// marshalLine is marshal with the encoder's closing newline kept: a
// JSON-lines record as it is written, without a copy to add it back.
func marshalLine(v any, prefix string) ([]byte, error) {
	var buf jsonBuffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if prefix != "" {
		enc.SetIndent(prefix, "  ")
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.b, nil
}

type jsonBuffer struct{ b []byte }

func (j *jsonBuffer) Write(p []byte) (int, error) { j.b = append(j.b, p...); return len(p), nil }
