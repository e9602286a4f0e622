package reports

import (
	"io"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/suppress"
)

// GitLab Code Quality: a JSON array of issues (description, check_name,
// fingerprint, severity, location.path, location.lines.begin), which a
// merge request widget compares between branches by fingerprint. The
// fingerprint is the finding's suppression key hashed (audit/suppress), so
// an edit elsewhere in an article does not make its old findings look new.

func init() {
	Formats["gitlab"] = func(o Options) Printer { return &gitlabPrinter{opts: o} }
}

// GitLabIssue is one entry of a Code Quality report.
type GitLabIssue struct {
	Type        string         `json:"type"`
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Categories  []string       `json:"categories,omitempty"`
	Location    GitLabLocation `json:"location"`
}

// GitLabLocation places an issue by line.
type GitLabLocation struct {
	Path  string      `json:"path"`
	Lines GitLabLines `json:"lines"`
}

// GitLabLines is the line range of an issue.
type GitLabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

type gitlabPrinter struct {
	opts Options
	n    int
}

func (*gitlabPrinter) Start(w io.Writer) error {
	_, err := io.WriteString(w, "[")
	return err
}

func (p *gitlabPrinter) Article(w io.Writer, r *audit.Result) error {
	d := r.Doc
	c := p.opts.catalog(articleLang(r))
	keys := p.opts.suppressionKeys(r)
	lt := d.LineTable()
	path := githubPath(d.Path)
	for i, f := range r.Findings {
		if f.Start < 0 || f.End > len(d.Text) || f.Start > f.End {
			continue
		}
		begin, _ := lt.Position(f.Start)
		end, _ := lt.Position(f.End)
		msg := localMessage(c, &f)
		if msg == "" {
			msg = c.Label("text.flagged_by", "rule", f.Rule)
		}
		msg, _ = firstLine(msg)
		if f.Suggestion != "" {
			s, _ := firstLine(c.Message(f.Suggestion))
			msg += " — " + c.Label("text.suggestion") + " " + s
		}
		quote, _ := firstLine(strings.TrimSpace(d.Text[f.Start:f.End]))
		msg += " «" + quote + "»"
		issue := GitLabIssue{
			Type: "issue", Description: msg, CheckName: f.Rule, Fingerprint: keys[i].Fingerprint(),
			Severity: gitlabSeverity(f.Severity), Categories: []string{"Style"},
			Location: GitLabLocation{Path: path, Lines: GitLabLines{Begin: begin, End: end}},
		}
		if err := p.write(w, issue); err != nil {
			return err
		}
	}
	if !r.Audited() && r.Verdict != audit.VerdictPass {
		return p.write(w, GitLabIssue{
			Type: "issue", Description: c.Label("text.not_audited") + " " + c.Message(r.NotAudited),
			CheckName: "gate.unsupported_language", Fingerprint: suppress.Key{Article: suppress.ArticleID(d), Rule: "gate.unsupported_language", Occurrence: 1}.Fingerprint(),
			Severity: "critical", Location: GitLabLocation{Path: path, Lines: GitLabLines{Begin: 1}},
		})
	}
	return nil
}

func (p *gitlabPrinter) write(w io.Writer, issue GitLabIssue) error {
	b, err := marshal(issue, "  ")
	if err != nil {
		return err
	}
	sep := "\n  "
	if p.n > 0 {
		sep = ",\n  "
	}
	p.n++
	if _, err := io.WriteString(w, sep); err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// End adds an issue per unreadable input, so a broken file does not pass
// unseen, and closes the array.
func (p *gitlabPrinter) End(w io.Writer, s *Summary) error {
	for _, e := range s.Errors {
		first, _ := firstLine(e.Error)
		issue := GitLabIssue{Type: "issue", Description: first, CheckName: "mtaudit.input-error",
			Fingerprint: suppress.Key{Article: githubPath(e.Path), Rule: "mtaudit.input-error", Occurrence: 1}.Fingerprint(),
			Severity:    "blocker", Location: GitLabLocation{Path: githubPath(e.Path), Lines: GitLabLines{Begin: 1}}}
		if err := p.write(w, issue); err != nil {
			return err
		}
	}
	tail := "]\n"
	if p.n > 0 {
		tail = "\n]\n"
	}
	_, err := io.WriteString(w, tail)
	return err
}

// gitlabSeverity maps a severity to Code Quality's scale (info, minor,
// major, critical, blocker): the names match; blocker is kept for inputs
// that could not be read at all.
func gitlabSeverity(s audit.Severity) string {
	switch s {
	case audit.Critical:
		return "critical"
	case audit.Major:
		return "major"
	case audit.Minor:
		return "minor"
	}
	return "info"
}
