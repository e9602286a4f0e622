package rules

import (
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// TestNoRuleSplitsCRLF: every rule, run on its examples with CRLF line
// ends, reports spans that neither start nor end inside a CRLF (the
// engine also snaps them, but a rule must not rely on it).
func TestNoRuleSplitsCRLF(t *testing.T) {
	rs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Run == nil {
			continue
		}
		texts := []string{
			"Le conseil municipal a voté mardi le budget.\n\nPartager :\n\nLa séance a duré trois heures.\n",
			"Le maire a parlé.\nLIRE AUSSI\nFacebook Twitter\n",
		}
		for _, ex := range r.Examples {
			texts = append(texts, ex.Text)
		}
		for _, text := range texts {
			text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n")
			doc, err := audit.NewDocument("crlf.txt", []byte(text))
			if err != nil {
				continue
			}
			doc.Lang = "fr"
			r.Run(audit.NewPass(doc, nil, func(d audit.Diagnostic) {
				if d.Start < 0 || d.End > len(text) || d.Start >= d.End {
					return
				}
				if (d.Start > 0 && text[d.Start-1] == '\r' && text[d.Start] == '\n') ||
					(d.End < len(text) && text[d.End-1] == '\r' && text[d.End] == '\n') {
					t.Errorf("%s splits a CRLF: %q in %q", r.ID, text[d.Start:d.End], text)
				}
			}))
		}
	}
}
