package fix

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// Test rules, written here so that these tests do not depend on the real
// registry: each attaches the kind of safe fix the real rules do.

func testRule(id string, cat audit.Category, fixable bool, run func(*audit.Pass)) *audit.Rule {
	return &audit.Rule{
		ID: id, Category: cat, Severity: audit.Minor, Title: id, Doc: "Test rule.", Fixable: fixable,
		Examples: []audit.Example{{Text: "x", Trigger: true}, {Text: "y"}},
		Run:      run,
	}
}

// lineWithBlank is the line [start of line, end of line end) plus one blank
// line after it, if any: what removing a scraped line takes away.
func lineWithBlank(text string, ln audit.Span) audit.Edit {
	end := ln.End
	for _, skipBlank := range []bool{false, true} {
		rest := text[end:]
		switch {
		case strings.HasPrefix(rest, "\r\n"):
			end += 2
		case strings.HasPrefix(rest, "\n"):
			end++
		default:
			return audit.Edit{Start: ln.Start, End: end}
		}
		if !skipBlank && !strings.HasPrefix(text[end:], "\n") && !strings.HasPrefix(text[end:], "\r\n") {
			break
		}
	}
	return audit.Edit{Start: ln.Start, End: end}
}

var readLine = testRule("scraped.test-read", audit.Scraped, true, func(p *audit.Pass) {
	for _, ln := range p.Doc.Lines {
		if strings.HasPrefix(p.Doc.Snippet(ln), "LIRE AUSSI") {
			p.Report(audit.Diagnostic{Start: ln.Start, End: ln.End, Message: "related-story line",
				Fixes: []audit.Fix{{Message: "Remove the scraped line", Edits: []audit.Edit{lineWithBlank(p.Doc.Text, ln)}}}})
		}
	}
})

var doubleDot = regexp.MustCompile(`[^.]\.\.(?:[^.]|$)`)

var dots = testRule("garbled.test-dots", audit.Garbled, true, func(p *audit.Pass) {
	for _, m := range doubleDot.FindAllStringIndex(p.Doc.Text, -1) {
		s := m[0] + 1
		p.Report(audit.Diagnostic{Start: s, End: s + 2, Message: "two periods",
			Fixes: []audit.Fix{{Message: "Collapse the periods", Edits: []audit.Edit{{Start: s, End: s + 2, New: "."}}}}})
	}
})

var duplicatePara = testRule("duplicate.test-paragraph", audit.Duplicate, true, func(p *audit.Pass) {
	seen := map[string]bool{}
	d := p.Doc
	for i, para := range d.Paragraphs {
		t := d.Snippet(para.Span)
		if !seen[t] {
			seen[t] = true
			continue
		}
		// Take the paragraph and the line break before it.
		prev := d.Paragraphs[i-1].End
		p.Report(audit.Diagnostic{Start: para.Start, End: para.End, Message: "repeated paragraph",
			Fixes: []audit.Fix{{Message: "Drop the repeated paragraph", Edits: []audit.Edit{{Start: prev, End: para.End}}}}})
	}
})

var apostrophes = testRule("typography.test-apostrophe", audit.Typography, true, func(p *audit.Pass) {
	body := p.Doc.Text[p.Doc.Body:]
	straight, curly := strings.Count(body, "'"), strings.Count(body, "’")
	minority, majority := "'", "’"
	if straight > curly {
		minority, majority = "’", "'"
	}
	if straight == 0 || curly == 0 {
		return
	}
	for off := p.Doc.Body; ; {
		i := strings.Index(p.Doc.Text[off:], minority)
		if i < 0 {
			return
		}
		s := off + i
		e := s + len(minority)
		p.Report(audit.Diagnostic{Start: s, End: e, Message: "mixed apostrophes",
			Fixes: []audit.Fix{{Message: "Use " + majority, Edits: []audit.Edit{{Start: s, End: e, New: majority}}}}})
		off = e
	}
})

// negationFix attaches a fix to a negation finding: policy must refuse it.
var negationFix = testRule("negation.test", audit.Negation, true, func(p *audit.Pass) {
	if i := strings.Index(p.Doc.Text, "aucune option"); i >= 0 {
		p.Report(audit.Diagnostic{Start: i, End: i + len("aucune option"), Message: "polarity",
			Fixes: []audit.Fix{{Message: "Invert it", Edits: []audit.Edit{{Start: i, End: i + len("aucune"), New: "toute"}}}}})
	}
})

func testEngine(t *testing.T, rules ...*audit.Rule) (*audit.Engine, Auditor) {
	t.Helper()
	if len(rules) == 0 {
		rules = []*audit.Rule{readLine, dots, duplicatePara, apostrophes, negationFix}
	}
	eng, err := audit.NewEngine(rules, audit.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return eng, func(ctx context.Context, docs []*audit.Document) []*audit.Result {
		rs := make([]*audit.Result, len(docs))
		for i, d := range docs {
			rs[i] = eng.Audit(ctx, d)
		}
		eng.AuditBatch(rs)
		return rs
	}
}

const messy = "Titre de l’article\r\n" +
	"\r\n" +
	"Selon la direction, aucune option sur la table ne convient..\r\n" +
	"\r\n" +
	"LIRE AUSSI : L'autre histoire du jour\r\n" +
	"\r\n" +
	"Une légende de photo.\r\n" +
	"\r\n" +
	"Une légende de photo.\r\n" +
	"\r\n" +
	"C'est la fin de l’article.."

const tidy = "Titre de l’article\r\n" +
	"\r\n" +
	"Selon la direction, aucune option sur la table ne convient.\r\n" +
	"\r\n" +
	"Une légende de photo.\r\n" +
	"\r\n" +
	"C’est la fin de l’article."

func runOn(t *testing.T, auditor Auditor, opts Options, texts ...string) []*Outcome {
	t.Helper()
	var docs []*audit.Document
	for i, text := range texts {
		d, err := audit.NewDocument("a"+string(rune('0'+i))+".txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	outs, err := Run(context.Background(), docs, auditor, opts)
	if err != nil {
		t.Fatal(err)
	}
	return outs
}

func TestRunRepairsAndSettles(t *testing.T) {
	_, auditor := testEngine(t)
	o := runOn(t, auditor, Options{}, messy)[0]
	if o.Err != nil || o.Text != tidy {
		t.Fatalf("repaired text:\n%q\nwant\n%q (err %v)", o.Text, tidy, o.Err)
	}
	rules := map[string]int{}
	for _, s := range o.Applied {
		rules[s.Rule]++
	}
	want := map[string]int{"garbled.test-dots": 2, "scraped.test-read": 1, "duplicate.test-paragraph": 1, "typography.test-apostrophe": 1}
	for id, n := range want {
		if rules[id] != n {
			t.Errorf("%s applied %d times, want %d (%v)", id, rules[id], n, rules)
		}
	}
	// The straight apostrophe inside the scraped line is never a finding (the
	// engine drops typography inside furniture), so nothing conflicts here;
	// conflicts between repairs are tested in resolve's own tests.
	if len(o.Skipped) != 0 {
		t.Errorf("skipped = %+v", o.Skipped)
	}
	// The negation's fix is refused, and still refused on the final text.
	if len(o.Refused) != 1 || o.Refused[0].Rule != "negation.test" {
		t.Errorf("refused = %+v", o.Refused)
	}
	if o.Pending != 0 {
		t.Errorf("%d repairs pending", o.Pending)
	}
	// Auditing the fixed article: no finding carries a fix that would apply.
	if rs, _ := Collect(o.Final, Options{}); len(rs) != 0 {
		t.Errorf("the fixed article still offers repairs: %+v", rs)
	}
	// Fixing twice changes nothing the second time.
	again := runOn(t, auditor, Options{}, o.Text)[0]
	if again.Changed() || len(again.Applied) != 0 {
		t.Errorf("second run changed the text: %+v", again.Applied)
	}
}

func TestRunOnlySelects(t *testing.T) {
	_, auditor := testEngine(t)
	o := runOn(t, auditor, Options{Only: []string{"garbled"}}, messy)[0]
	want := strings.ReplaceAll(messy, "..", ".")
	if o.Text != want {
		t.Fatalf("got %q, want %q", o.Text, want)
	}
	if len(o.Skipped) != 0 || len(o.Refused) != 0 {
		t.Errorf("other rules' fixes should be out of sight: skipped %v refused %v", o.Skipped, o.Refused)
	}
}

func TestRunFixableFromRegistry(t *testing.T) {
	eng, auditor := testEngine(t)
	fixable := func(id string) bool { r := eng.Rule(id); return r != nil && r.Fixable && id != "garbled.test-dots" }
	o := runOn(t, auditor, Options{Fixable: fixable}, messy)[0]
	if !strings.Contains(o.Text, "convient..") {
		t.Fatalf("a rule not declared Fixable was applied:\n%s", o.Text)
	}
	n := 0
	for _, r := range o.Refused {
		if r.Rule == "garbled.test-dots" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("refused %+v", o.Refused)
	}
}

func TestRunCleanArticleUnchanged(t *testing.T) {
	_, auditor := testEngine(t)
	o := runOn(t, auditor, Options{}, tidy)[0]
	if o.Changed() || len(o.Applied)+len(o.Skipped) != 0 || o.Text != tidy {
		t.Fatalf("clean article changed: %+v", o)
	}
}

func TestRunNothingLeft(t *testing.T) {
	_, auditor := testEngine(t, readLine)
	o := runOn(t, auditor, Options{}, "LIRE AUSSI : un titre\n\nLIRE AUSSI : un autre\n", "Texte.\n")
	if o[0].Err == nil || o[0].Changed() || o[0].Text != o[0].Doc.Text {
		t.Fatalf("an article repaired to nothing: %+v", o[0])
	}
	if o[1].Err != nil || o[1].Changed() {
		t.Fatalf("other article: %+v", o[1])
	}
}

// TestRunRevealedRepair: two overlapping findings of one category are
// merged by the engine, which keeps one fix; the second round repairs what
// the first left.
func TestRunRevealedRepair(t *testing.T) {
	caps := testRule("scraped.test-caps", audit.Scraped, true, func(p *audit.Pass) {
		for _, ln := range p.Doc.Lines {
			s := p.Doc.Snippet(ln)
			if len(s) > 8 && s == strings.ToUpper(s) {
				// The span reaches back into the line before: after a
				// scraped line it overlaps that finding, and the merge
				// keeps the earlier finding's fix only.
				p.Report(audit.Diagnostic{Start: max(ln.Start-3, 0), End: ln.End, Message: "headline in capitals",
					Fixes: []audit.Fix{{Message: "Remove the headline", Edits: []audit.Edit{lineWithBlank(p.Doc.Text, ln)}}}})
			}
		}
	})
	_, auditor := testEngine(t, readLine, caps)
	text := "Titre\n\nLIRE AUSSI : voilà\nUN AUTRE TITRE ICI\n\nFin.\n"
	o := runOn(t, auditor, Options{}, text)[0]
	if o.Text != "Titre\n\nFin.\n" {
		t.Fatalf("got %q", o.Text)
	}
	rounds := map[int]bool{}
	for _, s := range o.Applied {
		rounds[s.Round] = true
	}
	if !rounds[1] || !rounds[2] {
		t.Errorf("applied %+v: expected repairs in two rounds", o.Applied)
	}
}

func TestRunCancelled(t *testing.T) {
	_, auditor := testEngine(t)
	d, _ := audit.NewDocument("a.txt", []byte(messy))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, []*audit.Document{d}, auditor, Options{}); err == nil {
		t.Fatal("cancelled run reported success")
	}
}

// TestRunPostponedConflict: a conflict's loser that the next round repairs
// on the repaired text is not reported as skipped.
func TestRunPostponedConflict(t *testing.T) {
	marker := testRule("scraped.test-marker", audit.Scraped, true, func(p *audit.Pass) {
		for _, ln := range p.Doc.Lines {
			if p.Doc.Snippet(ln) != "Partager:" {
				continue
			}
			// Take the blank line before too, when there is one: two such
			// lines in a row overlap on the blank between them.
			start := ln.Start
			if strings.HasSuffix(p.Doc.Text[:start], "\n\n") {
				start -= 2
			}
			p.Report(audit.Diagnostic{Start: ln.Start, End: ln.End, Message: "share prompt",
				Fixes: []audit.Fix{{Message: "Remove the scraped line", Edits: []audit.Edit{{Start: start, End: ln.End + 1}}}}})
		}
	})
	_, auditor := testEngine(t, marker)
	o := runOn(t, auditor, Options{}, "A.\n\nPartager:\n\nPartager:\n\nB.\n")[0]
	if o.Text != "A.\n\nB.\n" {
		t.Fatalf("got %q", o.Text)
	}
	if len(o.Skipped) != 0 {
		t.Errorf("a postponed repair reported as skipped: %+v", o.Skipped)
	}
	if len(o.Applied) != 2 || o.Applied[0].Round != 1 || o.Applied[1].Round != 2 {
		t.Errorf("applied %+v", o.Applied)
	}
}
