package reports

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/mtaudit/mtaudit/audit"
)

// SARIF 2.1.0, so that articles kept in a repository get annotations from
// code-scanning tools. Columns count Unicode code points, like the JSON
// contract (run.columnKind says so); regions also carry byte offsets.

func init() {
	Formats["sarif"] = func(o Options) Printer { return &sarifPrinter{opts: o} }
}

// sarifInformationURI is where the tool is described.
const sarifInformationURI = "https://github.com/mtaudit/mtaudit"

type sarifPrinter struct {
	opts    Options
	run     *sarif.Run
	ruleIdx map[string]int
}

// Start only prepares the run: a SARIF log is one JSON document, written at End.
func (p *sarifPrinter) Start(io.Writer) error {
	driver := sarif.NewVersionedDriver(p.opts.Tool.Name, p.opts.Tool.Version).
		WithInformationURI(sarifInformationURI)
	driver.Rules = []*sarif.ReportingDescriptor{}
	p.run = sarif.NewRun(*sarif.NewTool(driver))
	p.run.ColumnKind = "unicodeCodePoints"
	p.run.Results = []*sarif.Result{}
	p.ruleIdx = map[string]int{}
	for _, r := range p.opts.Rules {
		p.addRule(r.ID, r)
	}
	return nil
}

// addRule adds a rule descriptor once and returns its index. A finding from
// a rule the registry does not hold (an LLM finding) gets a bare descriptor.
func (p *sarifPrinter) addRule(id string, r *audit.Rule) int {
	if i, ok := p.ruleIdx[id]; ok {
		return i
	}
	d := sarif.NewRule(id).WithName(sarifRuleName(id))
	if r == nil {
		d.WithShortDescription(sarif.NewMultiformatMessageString(id))
	} else {
		d.WithShortDescription(sarif.NewMultiformatMessageString(r.Title)).
			WithFullDescription(sarif.NewMultiformatMessageString(r.Doc).WithMarkdown(r.Doc)).
			WithHelp(sarif.NewMultiformatMessageString(r.Doc).WithMarkdown(sarifRuleHelp(r))).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(r.Severity)))
		props := sarif.Properties{
			"tags":             []string{"mtaudit", string(r.Category)},
			"mtaudit/category": string(r.Category),
			"mtaudit/severity": r.Severity.String(),
		}
		if len(r.Langs) > 0 {
			props["mtaudit/langs"] = r.Langs
		}
		if r.Fixable {
			props["mtaudit/fixable"] = true
		}
		d.WithProperties(props)
	}
	p.run.Tool.Driver.Rules = append(p.run.Tool.Driver.Rules, d)
	p.ruleIdx[id] = len(p.run.Tool.Driver.Rules) - 1
	return p.ruleIdx[id]
}

func (p *sarifPrinter) Article(_ io.Writer, r *audit.Result) error {
	if p.run == nil {
		return fmt.Errorf("sarif: Article before Start")
	}
	d := r.Doc
	lt := d.LineTable()
	uri := sarifURI(d.Path)
	for _, f := range r.Findings {
		if f.Start < 0 || f.End > len(d.Text) || f.Start > f.End {
			continue
		}
		idx := p.addRule(f.Rule, nil)
		msg := f.Message
		if f.Suggestion != "" {
			msg += " Suggestion: " + f.Suggestion
		}
		quote := d.Text[f.Start:f.End]
		region := sarifRegion(lt, f.Start, f.End).WithSnippet(sarif.NewArtifactContent().WithText(quote))
		loc := sarif.NewArtifactLocation().WithUri(uri)
		if d.Note != "" {
			loc.WithDescriptionText(d.Note)
		}
		res := sarif.NewRuleResult(f.Rule).
			WithRuleIndex(idx).
			WithLevel(sarifLevel(f.Severity)).
			WithMessage(sarif.NewTextMessage(msg)).
			WithLocations([]*sarif.Location{sarif.NewLocationWithPhysicalLocation(
				sarif.NewPhysicalLocation().WithArtifactLocation(loc).WithRegion(region))})
		sum := sha256.Sum256([]byte(f.Rule + "\x00" + quote))
		res.WithPartialFingerPrints(map[string]any{"mtaudit/ruleQuote/v1": hex.EncodeToString(sum[:16])})
		props := sarif.Properties{
			"mtaudit/category": string(f.Category),
			"mtaudit/severity": f.Severity.String(),
			"mtaudit/source":   sourceOr(f.Source),
		}
		if f.Confidence > 0 {
			props["mtaudit/confidence"] = f.Confidence
		}
		if f.Suggestion != "" {
			props["mtaudit/suggestion"] = f.Suggestion
		}
		if len(f.Sources) > 0 {
			props["mtaudit/sources"] = f.Sources
		}
		// SARIF fixes are applied by IDEs and bots without a second look:
		// only the edits mtaudit fix itself would apply go there, the others
		// stay suggestions.
		fixes := f.Fixes
		if audit.RepairRefusal(f, p.opts.fixable()) != "" {
			var suggested []string
			for _, fx := range f.Fixes {
				suggested = append(suggested, fx.Message)
			}
			if len(suggested) > 0 {
				props["mtaudit/suggestedEdits"] = suggested
			}
			fixes = nil
		}
		res.AttachPropertyBag(&sarif.PropertyBag{Properties: props})
		for _, fx := range fixes {
			change := sarif.NewArtifactChange(sarif.NewArtifactLocation().WithUri(uri))
			for _, e := range fx.Edits {
				if e.Start < 0 || e.End > len(d.Text) || e.Start > e.End {
					continue
				}
				change.WithReplacement(sarif.NewReplacement(sarifRegion(lt, e.Start, e.End)).
					WithInsertedContent(sarif.NewArtifactContent().WithText(e.New)))
			}
			if len(change.Replacements) > 0 {
				res.AddFix(sarif.NewFix().WithDescriptionText(fx.Message).
					WithArtifactChanges([]*sarif.ArtifactChange{change}))
			}
		}
		p.run.Results = append(p.run.Results, res)
	}
	return nil
}

func (p *sarifPrinter) End(w io.Writer, s *Summary) error {
	if p.run == nil {
		if err := p.Start(w); err != nil {
			return err
		}
	}
	inv := p.run.AddInvocation(len(s.Errors) == 0 && !s.Interrupted)
	for _, e := range s.Errors {
		inv.AddTToolExecutionNotification(sarif.NewNotification().
			WithLevel("error").
			WithTextMessage(e.Path + ": " + e.Error).
			WithLocations([]*sarif.Location{sarif.NewLocationWithPhysicalLocation(
				sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewArtifactLocation().WithUri(sarifURI(e.Path))))}))
	}
	// An article not audited for its language has no result to carry the
	// news: a notification does, an error when the gate failed it.
	for _, a := range s.Worst {
		if a.Audited == nil || *a.Audited {
			continue
		}
		level := "warning"
		if a.Verdict == audit.VerdictFail {
			level = "error"
		}
		inv.AddTToolExecutionNotification(sarif.NewNotification().
			WithLevel(level).
			WithTextMessage(a.Path + ": not audited: " + a.Reason).
			WithLocations([]*sarif.Location{sarif.NewLocationWithPhysicalLocation(
				sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewArtifactLocation().WithUri(sarifURI(a.Path))))}))
	}
	if s.Interrupted {
		inv.AddTToolExecutionNotification(sarif.NewNotification().WithLevel("error").
			WithTextMessage(fmt.Sprintf("run interrupted after %d of %d inputs", s.Articles+len(s.Errors), s.Total)))
	}
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	log.AddRun(p.run)
	if err := log.PrettyWrite(w); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}

// sarifRegion locates [start, end): line and column (code points, 1-based;
// the end column is one past the last character) and bytes.
func sarifRegion(lt *audit.LineTable, start, end int) *sarif.Region {
	sl, sc := lt.Position(start)
	el, ec := lt.Position(end)
	return sarif.NewRegion().
		WithStartLine(sl).WithStartColumn(sc).
		WithEndLine(el).WithEndColumn(ec).
		WithByteOffset(start).WithByteLength(end - start)
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s audit.Severity) string {
	switch {
	case s >= audit.Major:
		return "error"
	case s == audit.Minor:
		return "warning"
	}
	return "note"
}

// sarifURI turns an input path into a URI reference: relative paths stay
// relative (to the directory the run started in), absolute ones become file URIs.
func sarifURI(path string) string {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: p}).String()
}

// sarifRuleName is the rule id in UpperCamelCase: untranslated.bracket → UntranslatedBracket.
func sarifRuleName(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sarifRuleHelp is the rule's documentation followed by its examples.
func sarifRuleHelp(r *audit.Rule) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(r.Doc))
	if len(r.Examples) > 0 {
		b.WriteString("\n\n**Examples**\n")
		for _, e := range r.Examples {
			verb := "Not flagged"
			if e.Trigger {
				verb = "Flagged"
			}
			fmt.Fprintf(&b, "\n- %s: %s", verb, strings.Join(strings.Fields(e.Text), " "))
			if e.Note != "" {
				fmt.Fprintf(&b, " (%s)", e.Note)
			}
		}
	}
	return b.String()
}
