package reports

import (
	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/lang"
)

// ArticleJSON is the article object of the JSON contract
// (shared/spec/findings.md). Other tools read it: keep to the spec.
type ArticleJSON struct {
	Path  string `json:"path"`
	ID    string `json:"id,omitempty"`
	Title string `json:"title,omitempty"`
	URL   string `json:"url,omitempty"`
	Note  string `json:"note,omitempty"`
	Lang  string `json:"lang"`
	// Audited is false, and Reason says why, when no rule ran on the
	// article: its language has no target profile, or could not be
	// detected. Both are absent for an audited article.
	Audited  *bool         `json:"audited,omitempty"`
	Reason   string        `json:"reason,omitempty"`
	Words    int           `json:"words"`
	Penalty  float64       `json:"penalty"`
	Verdict  string        `json:"verdict"`
	Findings []FindingJSON `json:"findings"`
	Stats    *audit.Stats  `json:"stats,omitempty"`
	Warnings []string      `json:"warnings,omitempty"`
}

// FindingJSON is one finding of the JSON contract.
type FindingJSON struct {
	Rule       string      `json:"rule"`
	Category   string      `json:"category"`
	Severity   string      `json:"severity"`
	Start      int         `json:"start"`
	End        int         `json:"end"`
	Line       int         `json:"line"`
	Column     int         `json:"column"`
	Quote      string      `json:"quote"`
	Message    string      `json:"message"`
	Suggestion string      `json:"suggestion,omitempty"`
	Source     string      `json:"source"`
	Sources    []string    `json:"sources,omitempty"`
	Confidence float64     `json:"confidence,omitempty"`
	Fixes      []audit.Fix `json:"fixes,omitempty"`
}

// Article builds the contract's article object for a result. Line and column
// come from the document's line table, computed here, once, for printing.
func Article(r *audit.Result) ArticleJSON {
	d := r.Doc
	a := ArticleJSON{
		Path: d.Path, ID: d.ID, Title: d.Title, URL: d.URL, Note: d.Note, Lang: d.Lang,
		Words: r.Words, Penalty: r.Penalty, Verdict: r.Verdict,
		Findings: make([]FindingJSON, 0, len(r.Findings)), Warnings: r.Warnings,
	}
	if !r.Audited() {
		a.Audited, a.Reason = new(bool), r.NotAudited
	}
	if r.Stats.LLM != nil {
		st := r.Stats
		a.Stats = &st
	}
	lt := d.LineTable()
	for _, f := range r.Findings {
		line, col := lt.Position(f.Start)
		a.Findings = append(a.Findings, FindingJSON{
			Rule: f.Rule, Category: string(f.Category), Severity: f.Severity.String(),
			Start: f.Start, End: f.End, Line: line, Column: col, Quote: d.Text[f.Start:f.End],
			Message: f.Message, Suggestion: f.Suggestion, Source: sourceOr(f.Source),
			Sources: f.Sources, Confidence: f.Confidence, Fixes: f.Fixes,
		})
	}
	return a
}

// languageLabel names an article's language for people: "French (fr)",
// with "detected" when no one gave it.
func languageLabel(d *audit.Document) string {
	name, code, detected := languageParts(d)
	return name + " (" + code + detected + ")"
}

// languageParts are the pieces of languageLabel, for formats that style them.
func languageParts(d *audit.Document) (name, code, detected string) {
	if d.Lang == "" {
		return "unknown language", "?", ""
	}
	if !d.LangGiven {
		detected = ", detected"
	}
	return lang.Name(d.Lang), d.Lang, detected
}

func sourceOr(s string) string {
	if s == "" {
		return audit.SourceRule
	}
	return s
}
