package audit

import (
	"strings"
	"testing"
)

func apply(text string, fx Fix) string {
	var b strings.Builder
	prev := 0
	for _, e := range fx.Edits {
		b.WriteString(text[prev:e.Start] + e.New)
		prev = e.End
	}
	return b.String() + text[prev:]
}

func TestValidateFor(t *testing.T) {
	doc := mustDoc(t, "\uFEFFÉté.\r\nFin.")
	ok := Fix{Message: "Remove", Edits: []Edit{{Start: 3, End: 8, New: "x"}}}
	if err := ok.ValidateFor(doc); err != nil {
		t.Fatal(err)
	}
	for want, bad := range map[string]Fix{
		"byte-order mark": {Message: "m", Edits: []Edit{{Start: 0, End: 4}}},
		"UTF-8 character": {Message: "m", Edits: []Edit{{Start: 4, End: 5}}},
		"CRLF":            {Message: "m", Edits: []Edit{{Start: 3, End: 10}}},
		"not text":        {Message: "m", Edits: []Edit{{Start: 3, End: 5, New: "\x00"}}},
		"out of bounds":   {Message: "m", Edits: []Edit{{Start: 3, End: 99}}},
		"no edits":        {Message: "m"},
	} {
		if err := bad.ValidateFor(doc); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%+v: error %v, want mention of %q", bad, err, want)
		}
	}
}

// The engine keeps only fixes valid for the document: one that splits a
// CRLF is dropped with a warning.
func TestEngineDropsFixSplittingCRLF(t *testing.T) {
	text := "Première ligne.\r\nDeuxième ligne.\r\n"
	cr := strings.Index(text, "\r")
	rule := testRule("scraped.x", Scraped, Minor, func(p *Pass) {
		p.Report(Diagnostic{Start: 0, End: cr, Message: "m", Fixes: []Fix{{Message: "Remove", Edits: []Edit{{Start: 0, End: cr + 1}}}}})
	})
	e, err := NewEngine([]*Rule{rule}, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := e.Audit(t.Context(), mustDoc(t, text))
	if len(res.Findings) != 1 || res.Findings[0].Fixes != nil || len(res.Warnings) != 1 {
		t.Fatalf("findings %+v warnings %q: want the finding without its fix, and a warning", res.Findings, res.Warnings)
	}
}

func TestDeleteFix(t *testing.T) {
	for _, c := range []struct{ text, del, want string }{
		// A paragraph of its own goes with one blank line.
		{"Début.\n\nLIRE AUSSI truc\n\nFin.\n", "LIRE AUSSI truc", "Début.\n\nFin.\n"},
		// A line inside a paragraph goes with its line end.
		{"Début.\nPartager: X\nFin.\n", "Partager: X", "Début.\nFin.\n"},
		// The last paragraph takes the blank lines before it, not the text's last line end.
		{"Début.\n\nPartager: X\n", "Partager: X", "Début.\n"},
		{"Début.\n\nPartager: X", "Partager: X", "Début."},
		// CRLF line ends go whole.
		{"Début.\r\n\r\nLIRE AUSSI truc\r\n\r\nFin.\r\n", "LIRE AUSSI truc", "Début.\r\n\r\nFin.\r\n"},
		// Inside a line: the span and the space after it.
		{"Le texte Partager: X suit.\n", "Partager: X", "Le texte suit.\n"},
		// At the end of a line: the space before it.
		{"Le texte suit. Partager: X\nFin.\n", "Partager: X", "Le texte suit.\nFin.\n"},
		// Leading and trailing spaces of a whole line go with it.
		{"Début.\n  Partager: X \nFin.\n", "Partager: X", "Début.\nFin.\n"},
	} {
		doc := mustDoc(t, c.text)
		s := strings.Index(c.text, c.del)
		fx := DeleteFix(doc, s, s+len(c.del), "Remove the line")
		if err := fx.ValidateFor(doc); err != nil {
			t.Errorf("%q: invalid fix: %v", c.text, err)
			continue
		}
		if got := apply(c.text, fx); got != c.want {
			t.Errorf("delete %q from %q: got %q, want %q", c.del, c.text, got, c.want)
		}
	}
}
