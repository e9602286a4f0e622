package fix

import (
	"fmt"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
)

// Apply returns text with the edits made. Every byte outside the edits is
// kept as it was. The edits may come in any order; they must be within the
// text and must not conflict.
func Apply(text string, edits []audit.Edit) (string, error) {
	es := append([]audit.Edit(nil), edits...)
	sortEdits(es)
	size := len(text)
	for _, e := range es {
		size += len(e.New) - (e.End - e.Start)
	}
	var b strings.Builder
	b.Grow(max(size, 0))
	pos := 0
	for i, e := range es {
		if e.Start < 0 || e.End < e.Start || e.End > len(text) {
			return "", fmt.Errorf("edit [%d,%d) out of bounds (size %d)", e.Start, e.End, len(text))
		}
		if i > 0 && Conflict(es[i-1], e) {
			return "", fmt.Errorf("edits [%d,%d) and [%d,%d) conflict", es[i-1].Start, es[i-1].End, e.Start, e.End)
		}
		b.WriteString(text[pos:e.Start])
		b.WriteString(e.New)
		pos = e.End
	}
	b.WriteString(text[pos:])
	return b.String(), nil
}

// Plan is what repairing one audited article would do.
type Plan struct {
	Applied []Repair
	Skipped []Skip // lost a conflict
	Refused []Skip // policy or validation said no
	Text    string // the article after the applied repairs
}

// Changed reports whether the plan changes the text.
func (p *Plan) Changed() bool { return len(p.Applied) > 0 }

// PlanFor collects, resolves and applies the repairs of one result.
func PlanFor(res *audit.Result, opts Options) (*Plan, error) {
	repairs, refused := Collect(res, opts)
	applied, skipped := Resolve(repairs)
	text, err := Apply(res.Doc.Text, Edits(applied))
	if err != nil {
		return nil, fmt.Errorf("repair %s: %w", res.Doc.Path, err)
	}
	return &Plan{Applied: applied, Skipped: skipped, Refused: refused, Text: text}, nil
}
