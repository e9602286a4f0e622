package reports

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
)

// Summary is the batch view: every article's verdict and counts, worst first
// in Articles, totals per category and rule, and the inputs that failed.
type Summary struct {
	Tool     Tool `json:"tool"`
	Articles int  `json:"articles"`
	Passed   int  `json:"passed"`
	Failed   int  `json:"failed"`
	Findings int  `json:"findings"`
	// NotAudited counts the articles no rule ran on (their language has no
	// target profile); their verdict is counted in Passed or Failed too.
	NotAudited int              `json:"not_audited,omitempty"`
	ByCategory map[string]int   `json:"by_category"`
	ByRule     map[string]int   `json:"by_rule"`
	BySeverity map[string]int   `json:"by_severity"`
	Worst      []SummaryArticle `json:"worst"`
	LLM        *audit.LLMStats  `json:"llm,omitempty"`
	Errors     []ErrorEntry     `json:"errors"`
	// Suppressed counts the findings left out by a baseline or
	// suppressions file (audit/suppress); they are in no other count.
	Suppressed int `json:"suppressed,omitempty"`
	// Interrupted is set when the run stopped before every input was audited.
	Interrupted bool `json:"interrupted,omitempty"`
	Total       int  `json:"total,omitempty"`

	// firstLang is the first article's language: under messages "auto"
	// the summary's own text is in it.
	firstLang string
	// counts holds one map per distinct count of findings by category,
	// shared by the rows that have it: a run of a hundred thousand
	// articles has a few hundred, not a map per row.
	counts map[string]map[string]int
	// skipAuditedRows is set when no output lists every article
	// (ListArticles): the rows of audited articles are then not kept.
	skipAuditedRows bool
}

// SummaryArticle is one row of the summary's article table.
type SummaryArticle struct {
	Path       string         `json:"path"`
	Verdict    string         `json:"verdict"`
	Penalty    float64        `json:"penalty"`
	Words      int            `json:"words"`
	Findings   int            `json:"findings"`
	ByCategory map[string]int `json:"by_category"`
	Report     string         `json:"report,omitempty"` // file name of the per-article report, when written
	// Audited and Reason are set, as in the article object, when the
	// article was not audited.
	Audited *bool  `json:"audited,omitempty"`
	Reason  string `json:"reason,omitempty"`
}

// NewSummary starts an empty summary.
func NewSummary(t Tool) *Summary {
	return &Summary{Tool: t, ByCategory: map[string]int{}, ByRule: map[string]int{}, BySeverity: map[string]int{}, Errors: []ErrorEntry{}}
}

// ListArticles says whether an output of the run lists every article
// (summary.json, summary.md and index.html do; a stream of article
// objects and its closing lines do not). When none does, the summary keeps
// its counts and only the rows of articles that were not audited (SARIF
// reports those), so that its memory does not grow with the run: a row is
// about a hundred bytes, ten megabytes at a hundred thousand articles.
// Every row is kept unless this is called with false.
func (s *Summary) ListArticles(list bool) { s.skipAuditedRows = !list }

// Add counts one result.
func (s *Summary) Add(r *audit.Result) {
	if s.Articles == 0 {
		s.firstLang = articleLang(r)
	}
	s.Articles++
	if r.Verdict == audit.VerdictPass {
		s.Passed++
	} else {
		s.Failed++
	}
	row := SummaryArticle{Path: r.Doc.Path, Verdict: r.Verdict, Penalty: r.Penalty, Words: r.Words, Findings: len(r.Findings)}
	if !r.Audited() {
		s.NotAudited++
		row.Audited, row.Reason = new(bool), r.NotAudited
	}
	for _, f := range r.Findings {
		s.Findings++
		s.ByCategory[string(f.Category)]++
		s.ByRule[f.Rule]++
		s.BySeverity[f.Severity.String()]++
	}
	if r.Stats.LLM != nil {
		if s.LLM == nil {
			s.LLM = &audit.LLMStats{}
		}
		s.LLM.Add(r.Stats.LLM)
	}
	if s.skipAuditedRows && r.Audited() {
		return
	}
	row.ByCategory = s.sharedCounts(r.Findings)
	s.Worst = append(s.Worst, row)
}

// AddError records an input that could not be audited.
func (s *Summary) AddError(path string, err error) {
	s.Errors = append(s.Errors, ErrorEntry{Path: path, Error: err.Error()})
}

// Sort orders the article rows worst first: failing before passing, then by
// penalty, then by path.
func (s *Summary) Sort() {
	sort.SliceStable(s.Worst, func(i, j int) bool {
		a, b := s.Worst[i], s.Worst[j]
		if (a.Verdict == audit.VerdictFail) != (b.Verdict == audit.VerdictFail) {
			return a.Verdict == audit.VerdictFail
		}
		if a.Penalty != b.Penalty {
			return a.Penalty > b.Penalty
		}
		return a.Path < b.Path
	})
}

// sharedCounts returns the findings' counts by category, as a map shared
// with every row of the same counts (rows never change theirs).
func (s *Summary) sharedCounts(fs []audit.Finding) map[string]int {
	m := map[string]int{}
	for _, f := range fs {
		m[string(f.Category)]++
	}
	cats := make([]string, 0, len(m))
	for c := range m {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	var key strings.Builder
	for _, c := range cats {
		fmt.Fprintf(&key, "%s=%d,", c, m[c])
	}
	if shared, ok := s.counts[key.String()]; ok {
		return shared
	}
	if s.counts == nil {
		s.counts = map[string]map[string]int{}
	}
	s.counts[key.String()] = m
	return m
}
