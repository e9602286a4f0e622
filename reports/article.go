package reports

import (
	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/lang"
	"github.com/mtaudit/mtaudit/reports/i18n"
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
	// Messages, set only when a messages language was asked for, is the
	// language of the findings' MessageLocalized and SuggestionLocalized.
	Messages string `json:"messages,omitempty"`
}

// FindingJSON is one finding of the JSON contract.
type FindingJSON struct {
	Rule       string `json:"rule"`
	Category   string `json:"category"`
	Severity   string `json:"severity"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	Quote      string `json:"quote"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion,omitempty"`
	// MessageLocalized and SuggestionLocalized are Message and Suggestion
	// in the article's Messages language (the English text where there is
	// no translation), present only when a messages language was asked
	// for. Message and Suggestion stay English: tools read them.
	MessageLocalized    string      `json:"message_localized,omitempty"`
	SuggestionLocalized string      `json:"suggestion_localized,omitempty"`
	Source              string      `json:"source"`
	Sources             []string    `json:"sources,omitempty"`
	Confidence          float64     `json:"confidence,omitempty"`
	Fixes               []audit.Fix `json:"fixes,omitempty"`
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
	var lt *audit.LineTable // only an article with findings needs one
	if len(r.Findings) > 0 {
		lt = d.LineTable()
	}
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

// LocalizedArticle is Article with the localized text of the findings
// under a messages setting ("auto" or a language): Messages names the
// language used, each finding carries MessageLocalized and, when it has a
// suggestion, SuggestionLocalized.
func LocalizedArticle(r *audit.Result, messages string) ArticleJSON {
	a := Article(r)
	c := i18n.For(messages, articleLang(r))
	a.Messages = c.Lang()
	for i := range a.Findings {
		f := &a.Findings[i]
		f.MessageLocalized = c.Message(f.Message)
		if f.Suggestion != "" {
			f.SuggestionLocalized = c.Message(f.Suggestion)
		}
	}
	return a
}

// articleJSON is the article object a JSON printer writes.
func (o *Options) articleJSON(r *audit.Result) ArticleJSON {
	if o.LocalizeJSON {
		return LocalizedArticle(r, o.Messages)
	}
	return Article(r)
}

// languageLabel names an article's language for people: "French (fr)",
// with "detected" when no one gave it.
func languageLabel(c *i18n.Catalog, d *audit.Document) string {
	return languageText(c, d, func(s string) string { return s }, func(s string) string { return s })
}

// languageText is languageLabel with the name and the code rendered by the
// caller's format (escaped, in code).
func languageText(c *i18n.Catalog, d *audit.Document, name, code func(string) string) string {
	if d.Lang == "" {
		return name(c.Label("language_unknown")) + " (" + code("?") + ")"
	}
	key := "language"
	if !d.LangGiven {
		key = "language_detected"
	}
	return c.Label(key, "name", name(c.Term(lang.Name(d.Lang))), "code", code(d.Lang))
}

func sourceOr(s string) string {
	if s == "" {
		return audit.SourceRule
	}
	return s
}
