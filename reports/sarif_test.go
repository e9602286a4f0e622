package reports

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/mtaudit/mtaudit/audit"
)

func sarifTestRules() []*audit.Rule {
	return []*audit.Rule{
		{ID: "scraped.read-also", Category: audit.Scraped, Severity: audit.Major, Title: "Related-story link in the body",
			Doc: "Flags *read also* lines swept into the body.", Fixable: true, Langs: []string{"fr"},
			Examples: []audit.Example{{Text: "LIRE AUSSI  Un titre", Trigger: true}, {Text: "Il faut lire aussi ce livre.", Note: "prose"}}},
		{ID: "typography.mixed-apostrophes", Category: audit.Typography, Severity: audit.Info, Title: "Mixed apostrophes",
			Doc: "Flags `'` beside `’`."},
		{ID: "untranslated.bracket", Category: audit.Untranslated, Severity: audit.Critical, Title: "English left in brackets",
			Doc: "Flags `[English words]` left in brackets."},
		{ID: "garbled.double-stop", Category: audit.Garbled, Severity: audit.Minor, Title: "Double full stop",
			Doc: "Flags `..` ending a sentence."},
	}
}

func TestGoldenSARIF(t *testing.T) {
	results := sampleResults(t)
	golden(t, "sarif-report.json", render(t, "sarif", Options{Tool: testTool, Rules: sarifTestRules()}, results, sampleSummary(t, results)))
}

// The SARIF log read back with a SARIF library: rules from the registry,
// one result per finding at the right place, fixes as replacements.
func TestSARIFReadBack(t *testing.T) {
	results := sampleResults(t)
	s := sampleSummary(t, results)
	out := render(t, "sarif", Options{Tool: testTool, Rules: sarifTestRules()}, results, s)
	log, err := sarif.FromBytes(out)
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if d := run.Tool.Driver; d.Name != "mtaudit" || d.Version == nil || *d.Version != "test" {
		t.Errorf("driver %+v", d)
	}
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %v", run.ColumnKind)
	}

	rules := map[string]*sarif.ReportingDescriptor{}
	for _, r := range run.Tool.Driver.Rules {
		rules[r.ID] = r
	}
	ra := rules["scraped.read-also"]
	if ra == nil {
		t.Fatalf("registry rule missing from the driver")
	}
	if ra.Name == nil || *ra.Name != "ScrapedReadAlso" || *ra.ShortDescription.Text != "Related-story link in the body" {
		t.Errorf("rule name/short description: %v %v", ra.Name, ra.ShortDescription.Text)
	}
	if ra.FullDescription == nil || *ra.FullDescription.Markdown != "Flags *read also* lines swept into the body." {
		t.Errorf("full description %+v", ra.FullDescription)
	}
	if ra.Help == nil || !strings.Contains(*ra.Help.Markdown, "Flagged: LIRE AUSSI Un titre") ||
		!strings.Contains(*ra.Help.Markdown, "Not flagged: Il faut lire aussi ce livre. (prose)") {
		t.Errorf("help lacks the examples: %v", ra.Help)
	}
	for id, want := range map[string]string{"scraped.read-also": "error", "untranslated.bracket": "error",
		"garbled.double-stop": "warning", "typography.mixed-apostrophes": "note"} {
		if c := rules[id].DefaultConfiguration; c == nil || c.Level != want {
			t.Errorf("%s default level %+v, want %s", id, c, want)
		}
	}

	var all []FindingJSON
	texts := map[string]string{}
	for _, r := range results {
		all = append(all, Article(r).Findings...)
		texts[r.Doc.Path] = r.Doc.Text
	}
	if len(run.Results) != len(all) {
		t.Fatalf("%d results, want %d", len(run.Results), len(all))
	}
	fixes := 0
	for i, res := range run.Results {
		f := all[i]
		if *res.RuleID != f.Rule || res.RuleIndex == nil || run.Tool.Driver.Rules[*res.RuleIndex].ID != f.Rule {
			t.Errorf("result %d: rule %v index %v, want %s", i, *res.RuleID, res.RuleIndex, f.Rule)
		}
		if rules[f.Rule] == nil {
			t.Errorf("result %d: rule %s not described", i, f.Rule)
		}
		if want := map[string]string{"critical": "error", "major": "error", "minor": "warning", "info": "note"}[f.Severity]; *res.Level != want {
			t.Errorf("result %d: level %s for %s", i, *res.Level, f.Severity)
		}
		if !strings.HasPrefix(*res.Message.Text, f.Message) {
			t.Errorf("result %d: message %q", i, *res.Message.Text)
		}
		pl := res.Locations[0].PhysicalLocation
		uri := *pl.ArtifactLocation.URI
		text, ok := texts[uri]
		if !ok {
			t.Fatalf("result %d: uri %q is no input path", i, uri)
		}
		rg := pl.Region
		if *rg.StartLine != f.Line || *rg.StartColumn != f.Column || *rg.ByteOffset != f.Start || *rg.ByteLength != f.End-f.Start {
			t.Errorf("result %d: region %d:%d +%d/%d, want %d:%d +%d/%d", i, *rg.StartLine, *rg.StartColumn,
				*rg.ByteOffset, *rg.ByteLength, f.Line, f.Column, f.Start, f.End-f.Start)
		}
		// Line and column, counted in code points, lead back to the quote.
		start, end := offsetAt(text, *rg.StartLine, *rg.StartColumn), offsetAt(text, *rg.EndLine, *rg.EndColumn)
		if text[start:end] != f.Quote || *rg.Snippet.Text != f.Quote {
			t.Errorf("result %d: region text %q, want %q", i, text[start:end], f.Quote)
		}
		for _, fx := range res.Fixes {
			fixes++
			edited := applyReplacements(t, text, fx.ArtifactChanges[0].Replacements)
			var want strings.Builder
			last := 0
			for _, e := range f.Fixes[0].Edits {
				want.WriteString(text[last:e.Start] + e.New)
				last = e.End
			}
			want.WriteString(text[last:])
			if edited != want.String() || *fx.Description.Text != f.Fixes[0].Message {
				t.Errorf("result %d: fix gives %q, want %q", i, edited, want.String())
			}
		}
	}
	if fixes != 1 {
		t.Errorf("%d fixes, want the one the sample has", fixes)
	}
	inv := run.Invocations[0]
	if *inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != len(s.Errors) {
		t.Errorf("invocation: successful %v, %d notifications for %d errors", *inv.ExecutionSuccessful,
			len(inv.ToolExecutionNotifications), len(s.Errors))
	}
}

// offsetAt turns a 1-based line and code-point column into a byte offset.
func offsetAt(text string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		off += strings.IndexByte(text[off:], '\n') + 1
	}
	for c := 1; c < col; c++ {
		_, n := utf8.DecodeRuneInString(text[off:])
		off += n
	}
	return off
}

// applyReplacements applies SARIF replacements by their byte regions,
// checking that the line/column form agrees.
func applyReplacements(t *testing.T, text string, reps []*sarif.Replacement) string {
	var b strings.Builder
	last := 0
	for _, r := range reps {
		d := r.DeletedRegion
		start, end := *d.ByteOffset, *d.ByteOffset+*d.ByteLength
		if offsetAt(text, *d.StartLine, *d.StartColumn) != start || offsetAt(text, *d.EndLine, *d.EndColumn) != end {
			t.Errorf("replacement line/column disagree with bytes [%d,%d)", start, end)
		}
		b.WriteString(text[last:start])
		if r.InsertedContent != nil && r.InsertedContent.Text != nil {
			b.WriteString(*r.InsertedContent.Text)
		}
		last = end
	}
	b.WriteString(text[last:])
	return b.String()
}

// Findings from rules outside the registry (an LLM pass) still get a rule
// descriptor; paths become URI references.
func TestSARIFUnknownRulesAndPaths(t *testing.T) {
	doc := mustDoc(t, "dir with space/feed.xml#3", "Un texte où l’on trouve une erreur.\n")
	r := finish(t, &audit.Result{Doc: doc, Findings: []audit.Finding{{
		Span: find(t, doc.Text, "erreur", 1), Rule: "mistranslation.llm", Category: audit.Mistranslation,
		Severity: audit.Major, Message: "Wrong sense", Source: audit.SourceLLM}}})
	log, err := sarif.FromBytes(render(t, "sarif", Options{Tool: testTool}, []*audit.Result{r}, NewSummary(testTool)))
	if err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != 1 || run.Tool.Driver.Rules[0].ID != "mistranslation.llm" {
		t.Fatalf("rules %+v", run.Tool.Driver.Rules)
	}
	if uri := *run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != "dir%20with%20space/feed.xml%233" {
		t.Errorf("uri %q", uri)
	}
	if !*run.Invocations[0].ExecutionSuccessful {
		t.Errorf("a run without errors is successful")
	}
	if got := sarifURI("/abs/a b.txt"); got != "file:///abs/a%20b.txt" {
		t.Errorf("absolute path uri %q", got)
	}
	if col := *run.Results[0].Locations[0].PhysicalLocation.Region.StartColumn; col != 29 {
		t.Errorf("start column %d, want 29 (code points, not bytes)", col)
	}
}

// A fix that mtaudit fix refuses by policy is no SARIF fix: IDEs and bots
// apply those without a second look. It stays a suggested edit.
func TestSARIFFixesOnlyWhereFixApplies(t *testing.T) {
	results := sampleResults(t)
	r := results[0]
	for i := range r.Findings {
		if r.Findings[i].Rule == "untranslated.bracket" { // not declared Fixable
			r.Findings[i].Fixes = []audit.Fix{{Message: "Replace the bracket", Edits: []audit.Edit{{Start: r.Findings[i].Start, End: r.Findings[i].End, New: "x"}}}}
		}
	}
	out := render(t, "sarif", Options{Tool: testTool, Rules: sarifTestRules()}, results, sampleSummary(t, results))
	rep, err := sarif.FromBytes([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, res := range rep.Runs[0].Results {
		switch *res.RuleID {
		case "untranslated.bracket":
			seen++
			if len(res.Fixes) != 0 {
				t.Errorf("refused edit exported as a SARIF fix: %+v", res.Fixes)
			}
			if got := res.Properties["mtaudit/suggestedEdits"]; got == nil {
				t.Errorf("refused edit lost: no mtaudit/suggestedEdits in %v", res.Properties)
			}
		case "scraped.read-also":
			if len(res.Fixes) != 1 {
				t.Errorf("applicable fix missing: %d fixes", len(res.Fixes))
			}
		}
	}
	if seen == 0 {
		t.Fatal("no untranslated.bracket result in the sample")
	}
}
