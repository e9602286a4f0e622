package reports

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// TestTextPrinterEscapesPaths: issue 12, defect 9. A line end or an escape
// in a file name must neither break the path:line:col line nor reach the
// terminal; the path is quoted with Go escapes, as JSON escapes it.
func TestTextPrinterEscapesPaths(t *testing.T) {
	const text = "Le port rouvre demain.\n"
	for _, path := range []string{"a\nb.txt", "\x1b[31mrouge.txt", "bidi\u202etxt.exe", "bad\xffname.txt"} {
		d := mustDoc(t, path, text)
		r := finish(t, &audit.Result{Doc: d, Findings: []audit.Finding{{
			Span: find(t, text, "port", 1), Rule: "garbled.test", Category: audit.Garbled,
			Severity: audit.Critical, Message: "m", Source: audit.SourceRule,
		}}, Warnings: []string{"w"}})
		s := NewSummary(Tool{Name: "mtaudit"})
		s.Add(r)
		s.AddError(path, errors.New("unreadable"))
		p, err := New("text", Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := p.Article(&b, r); err != nil {
			t.Fatal(err)
		}
		if err := p.End(&b, s); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.ContainsAny(out, "\x1b\u202e") || strings.Contains(out, "\xff") {
			t.Errorf("%q: raw control or bidi character in the output:\n%s", path, out)
		}
		quoted := strconv.Quote(path)
		for _, want := range []string{quoted + ":1:4: critical:", quoted + ": warning:", quoted + ": fail:", quoted + ": error:"} {
			if !strings.Contains(out, "\n"+want) && !strings.HasPrefix(out, want) {
				t.Errorf("%q: no line starting %q in:\n%s", path, want, out)
			}
		}
	}
	d := mustDoc(t, "dossier/été 2024.txt", text)
	var b bytes.Buffer
	p, _ := New("text", Options{})
	if err := p.Article(&b, finish(t, &audit.Result{Doc: d, Findings: []audit.Finding{{
		Span: find(t, text, "port", 1), Rule: "garbled.test", Category: audit.Garbled, Severity: audit.Minor, Source: audit.SourceRule,
	}}})); err != nil || !strings.HasPrefix(b.String(), "dossier/été 2024.txt:1:4:") {
		t.Errorf("a printable path must be shown as it is:\n%s", b.String())
	}
}
