package audit

import (
	"context"
	"testing"
)

func TestSnapSpan(t *testing.T) {
	const text = "Partager :\r\n\r\nLa séance\r\n"
	cases := []struct {
		in, want Span
		ok       bool
	}{
		{Span{0, 11}, Span{0, 10}, true},   // "Partager :\r": the CR left out
		{Span{0, 12}, Span{0, 12}, true},   // the whole line end: kept
		{Span{11, 16}, Span{12, 16}, true}, // starting on the LF: moved past it
		{Span{10, 11}, Span{}, false},      // a CR alone
		{Span{11, 12}, Span{}, false},      // an LF alone
		{Span{19, 20}, Span{}, false},      // inside "é"
		{Span{5, 5}, Span{}, false},
		{Span{-1, 3}, Span{}, false},
		{Span{3, len(text) + 1}, Span{}, false},
	}
	for _, c := range cases {
		got, ok := SnapSpan(text, c.in)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("SnapSpan(%v) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// TestEngineNeverSplitsALineEnd: issue 12, defect 6. Whatever span a rule
// reports, no finding starts or ends inside a CRLF.
func TestEngineNeverSplitsALineEnd(t *testing.T) {
	const text = "Partager :\r\n\r\nLa séance a duré trois heures.\r\n"
	crlfRule := testRule("scraped.crlf", Scraped, Major, func(p *Pass) {
		p.Reportf(0, 11, "line with its CR")     // "Partager :\r"
		p.Reportf(11, 20, "from the LF")         // "\n\r\nLa s"
		p.Reportf(10, 11, "the CR alone")        // dropped
		p.Reportf(19, 20, "inside a rune (bad)") // dropped
	})
	e, err := NewEngine([]*Rule{crlfRule}, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	res := e.Audit(context.Background(), mustDoc(t, text))
	for _, f := range res.Findings {
		if (f.Start > 0 && text[f.Start-1] == '\r' && text[f.Start] == '\n') ||
			(f.End < len(text) && text[f.End-1] == '\r' && text[f.End] == '\n') {
			t.Errorf("finding %v %q splits a CRLF", f.Span, text[f.Start:f.End])
		}
	}
	if len(res.Findings) != 2 || text[res.Findings[0].Start:res.Findings[0].End] != "Partager :" ||
		text[res.Findings[1].Start:res.Findings[1].End] != "\r\nLa sé" {
		t.Errorf("findings %+v", res.Findings)
	}
	if len(res.Warnings) != 2 {
		t.Errorf("warnings %q, want the two unusable spans", res.Warnings)
	}
}
