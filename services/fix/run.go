package fix

import (
	"context"
	"fmt"

	"github.com/mtaudit/mtaudit/audit"
)

// MaxRounds bounds how many times Run repairs and re-audits. A repair can
// reveal another (two findings merged into one, a loser of a conflict still
// wanted on the repaired text); a few rounds settle any real article.
const MaxRounds = 4

// Auditor audits documents together, as one run: per-document rules, then
// batch rules across them. Results come in the documents' order.
type Auditor func(ctx context.Context, docs []*audit.Document) []*audit.Result

// Outcome is what repairing one article did.
type Outcome struct {
	// Doc is the article as read; Text is the article repaired.
	Doc  *audit.Document
	Text string
	// Applied, Skipped (conflicts) and Refused (policy) are in round order;
	// their offsets refer to the text of their round (Round).
	Applied []Step
	Skipped []StepSkip
	Refused []StepSkip
	// Final is the audit of Text; Pending counts repairs its findings still
	// offer (zero unless MaxRounds ran out). Refused lists the fixes of Final
	// that policy refused.
	Final   *audit.Result
	Pending int
	// Err is set when the repaired text could not be an article (nothing left).
	Err error
}

// Changed reports whether the article would change.
func (o *Outcome) Changed() bool { return o.Err == nil && o.Text != o.Doc.Text }

// Step is a repair applied in a round, with its place in that round's text.
type Step struct {
	Repair
	Round     int
	Line, Col int
	Quote     string // the finding's text
}

// StepSkip is a repair not applied in a round, with its place.
type StepSkip struct {
	Skip
	Round     int
	Line, Col int
	Quote     string // the finding's text
	// ByLine and ByCol place the winning repair, for a conflict.
	ByLine, ByCol int
}

// Run repairs docs until no repair applies: audit, apply the repairs each
// article's findings allow, audit the repaired texts again, and so on, at
// most MaxRounds times. Auditing the result finds nothing more to repair,
// so running it on its own output changes nothing.
func Run(ctx context.Context, docs []*audit.Document, auditor Auditor, opts Options) ([]*Outcome, error) {
	outs := make([]*Outcome, len(docs))
	cur := make([]*audit.Document, len(docs))
	for i, d := range docs {
		outs[i] = &Outcome{Doc: d, Text: d.Text}
		cur[i] = d
	}
	for round := 1; ; round++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		results := auditor(ctx, cur)
		if len(results) != len(cur) {
			return nil, fmt.Errorf("auditor returned %d results for %d articles", len(results), len(cur))
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		changed := false
		for i, res := range results {
			o := outs[i]
			if o.Err != nil {
				continue
			}
			plan, err := PlanFor(res, opts)
			if err != nil {
				return nil, err
			}
			o.Final = res
			if round > MaxRounds || !plan.Changed() {
				o.Pending = len(plan.Applied)
				o.Refused = places(round, res.Doc, plan.Refused)
				continue
			}
			next, err := reread(res.Doc, plan.Text)
			if err != nil {
				o.Err = fmt.Errorf("repairs would leave %s without an article: %w", o.Doc.Path, err)
				o.Text = o.Doc.Text
				continue
			}
			lt := res.Doc.LineTable()
			for _, r := range plan.Applied {
				line, col := lt.Position(r.Span().Start)
				o.Applied = append(o.Applied, Step{Repair: r, Round: round, Line: line, Col: col, Quote: res.Doc.Snippet(r.Finding)})
			}
			o.Skipped = append(o.Skipped, places(round, res.Doc, plan.Skipped)...)
			o.Text = plan.Text
			cur[i] = next
			changed = true
		}
		if !changed || round > MaxRounds {
			for _, o := range outs {
				o.Skipped = unresolved(o.Skipped, o.Applied)
			}
			return outs, nil
		}
	}
}

// reread makes the repaired text a document again, keeping what the reader
// and the engine learnt about the original (its id, title, language).
func reread(d *audit.Document, text string) (*audit.Document, error) {
	nd, err := audit.NewDocument(d.Path, []byte(text))
	if err != nil {
		return nil, err
	}
	nd.ID, nd.Title, nd.URL, nd.Lang, nd.Note = d.ID, d.Title, d.URL, d.Lang, d.Note
	return nd, nil
}

func places(round int, doc *audit.Document, skips []Skip) []StepSkip {
	lt := doc.LineTable()
	var out []StepSkip
	for _, s := range skips {
		ss := StepSkip{Skip: s, Round: round, Quote: doc.Snippet(s.Finding)}
		ss.Line, ss.Col = lt.Position(s.Span().Start)
		if s.By != nil {
			ss.ByLine, ss.ByCol = lt.Position(s.By.Span().Start)
		}
		out = append(out, ss)
	}
	return out
}

// unresolved keeps the skipped repairs that no later round made: a loser of
// a conflict that the next audit offers again, on the repaired text, and
// that is then applied, was only postponed. A later repair of the same rule,
// message and quoted text accounts for one postponed repair.
func unresolved(skipped []StepSkip, applied []Step) []StepSkip {
	used := make([]bool, len(applied))
	var out []StepSkip
	for _, s := range skipped {
		made := false
		for i, a := range applied {
			if !used[i] && a.Round > s.Round && a.Rule == s.Rule && a.Message == s.Message && a.Quote == s.Quote {
				used[i], made = true, true
				break
			}
		}
		if !made {
			out = append(out, s)
		}
	}
	return out
}
