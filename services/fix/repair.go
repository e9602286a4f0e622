// Package fix turns the safe fixes attached to findings into repaired text:
// it picks which fixes may apply (the policy), resolves conflicts between
// them the same way every time, applies the edits to the bytes, and shows the
// change as a unified diff.
//
// Policy: a rule decides which of its findings carry a fix, and attaches one
// only when the repair is safe. This package applies a fix only when
//   - the finding comes from a rule (an LLM finding is never repaired),
//   - its category is not one whose repair would change meaning
//     (negation, mistranslation), whatever the rule attached,
//   - the rule is declared Fixable in the registry (when one is given),
//   - the fix's edits are valid for the text (audit.Fix.ValidateFor):
//     sorted, in bounds, not overlapping, on UTF-8 boundaries, never
//     inside a CRLF, outside the byte-order mark.
//
// A finding's Fixes are alternatives (as in go/analysis): the first that
// passes the checks is the one applied.
package fix

import (
	"sort"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
)

// Repair is one finding's chosen fix, ready to apply.
type Repair struct {
	Rule     string
	Category audit.Category
	// Finding is the span of the finding the fix belongs to.
	Finding audit.Span
	Message string
	Edits   []audit.Edit
}

// Span is the extent of the repair's edits (the finding's span when it has none).
func (r Repair) Span() audit.Span {
	if len(r.Edits) == 0 {
		return r.Finding
	}
	return audit.Span{Start: r.Edits[0].Start, End: r.Edits[len(r.Edits)-1].End}
}

// Skip is a repair, or a finding's fix, that was not applied, and why.
type Skip struct {
	Repair
	Reason string
	// By is the repair that won, when the reason is a conflict.
	By *Repair
}

// Options choose which repairs apply.
type Options struct {
	// Only limits repairs to findings whose rule id or category matches a
	// selector (audit.MatchSelector): an id, a category, or an id prefix
	// ending in "*".
	Only []string
	// Fixable reports whether the registry declares a rule as attaching
	// safe fixes. Nil trusts every rule.
	Fixable func(rule string) bool
}

// Selected reports whether a finding's rule passes the Only selectors.
func (o Options) Selected(rule string, cat audit.Category) bool {
	if len(o.Only) == 0 {
		return true
	}
	for _, sel := range o.Only {
		if audit.MatchSelector(sel, rule, cat) {
			return true
		}
	}
	return false
}

// refusal says why policy forbids repairing a finding, or "" when it allows it.
func (o Options) refusal(f audit.Finding) string { return audit.RepairRefusal(f, o.Fixable) }

// Collect returns the repairs policy allows for a result's findings, in the
// findings' order, and the fixes it refused. Fixes the Only selectors leave
// out are neither. Edits that would change nothing are dropped, and a fix
// left with none is no repair at all.
func Collect(res *audit.Result, opts Options) (repairs []Repair, refused []Skip) {
	doc := res.Doc
	crlf := usesCRLF(doc.Text)
	for _, f := range res.Findings {
		if len(f.Fixes) == 0 || !opts.Selected(f.Rule, f.Category) {
			continue
		}
		first := Repair{Rule: f.Rule, Category: f.Category, Finding: f.Span, Message: f.Fixes[0].Message, Edits: f.Fixes[0].Edits}
		if why := opts.refusal(f); why != "" {
			refused = append(refused, Skip{Repair: first, Reason: why})
			continue
		}
		var errs []string
		chosen := false
		for _, fx := range f.Fixes {
			if err := fx.ValidateFor(doc); err != nil {
				errs = append(errs, err.Error())
				continue
			}
			edits := effective(doc.Text, fx.Edits, crlf)
			chosen = true
			if len(edits) > 0 {
				repairs = append(repairs, Repair{Rule: f.Rule, Category: f.Category, Finding: f.Span, Message: fx.Message, Edits: edits})
			}
			break
		}
		if !chosen {
			refused = append(refused, Skip{Repair: first, Reason: "invalid fix: " + strings.Join(errs, "; ")})
		}
	}
	return repairs, refused
}

// usesCRLF reports whether most line ends in text are "\r\n".
func usesCRLF(text string) bool {
	n := strings.Count(text, "\n")
	return n > 0 && 2*strings.Count(text, "\r\n") > n
}

// effective drops edits that change nothing and, in a CRLF article, writes
// the line ends of inserted text as "\r\n" so the article keeps one style.
func effective(text string, edits []audit.Edit, crlf bool) []audit.Edit {
	var out []audit.Edit
	for _, e := range edits {
		if crlf {
			e.New = toCRLF(e.New)
		}
		if text[e.Start:e.End] == e.New {
			continue
		}
		out = append(out, e)
	}
	return out
}

func toCRLF(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' && (i == 0 || s[i-1] != '\r') {
			b.WriteByte('\r')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// sortEdits orders edits by position; an insertion goes before a
// replacement starting at the same offset.
func sortEdits(es []audit.Edit) {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Start != es[j].Start {
			return es[i].Start < es[j].Start
		}
		return es[i].End < es[j].End
	})
}
