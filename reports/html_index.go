package reports

import (
	"io"
	"sort"

	"github.com/mtaudit/mtaudit/audit"
)

// htmlBatch is the run's view: a sortable table of articles, the counts per
// rule, and the inputs that could not be audited.
type htmlBatch struct {
	T          htmlText
	Tool       Tool
	Articles   int
	Passed     int
	Failed     int
	Findings   int
	Categories []string
	Rows       []htmlRow
	Rules      []htmlRuleCount
	Errors     []ErrorEntry
}

type htmlRuleCount struct {
	ID, Title, Category string
	Count               int
}

func newHTMLBatch(s *Summary, rows []htmlRow, t htmlText, rules []*audit.Rule) *htmlBatch {
	b := &htmlBatch{
		T: t, Tool: s.Tool, Articles: s.Articles, Passed: s.Passed, Failed: s.Failed, Findings: s.Findings,
		Rows: rows, Errors: s.Errors,
	}
	for _, c := range audit.Categories {
		b.Categories = append(b.Categories, string(c))
	}
	byID := map[string]*audit.Rule{}
	for _, r := range rules {
		byID[r.ID] = r
	}
	for id, n := range s.ByRule {
		rc := htmlRuleCount{ID: id, Count: n}
		if r := byID[id]; r != nil {
			rc.Title, rc.Category = r.Title, string(r.Category)
		}
		b.Rules = append(b.Rules, rc)
	}
	sort.Slice(b.Rules, func(i, j int) bool {
		if b.Rules[i].Count != b.Rules[j].Count {
			return b.Rules[i].Count > b.Rules[j].Count
		}
		return b.Rules[i].ID < b.Rules[j].ID
	})
	return b
}

// WriteIndexHTML writes index.html for a directory of per-article reports:
// the summary's articles in a sortable table, each linking to REPORT.html
// (SummaryArticle.Report), and the batch's counts per rule.
func WriteIndexHTML(w io.Writer, s *Summary, o Options) error {
	rows := make([]htmlRow, 0, len(s.Worst))
	for _, a := range s.Worst {
		row := htmlRow{
			Label: a.Path, Verdict: a.Verdict, Penalty: a.Penalty, Words: a.Words, Findings: a.Findings,
			Counts: make([]int, len(audit.Categories)),
		}
		if a.Report != "" {
			row.Href = a.Report + ".html"
		}
		for i, c := range audit.Categories {
			row.Counts[i] = a.ByCategory[string(c)]
		}
		rows = append(rows, row)
	}
	t := htmlText{o.runCatalog(s.firstLang)}
	data := struct {
		htmlPageData
		Batch *htmlBatch
	}{
		htmlPageData: htmlPageData{Tool: o.Tool, Title: t.L("html.batch_title", "tool", "mtaudit"), CSP: htmlCSP(), CSS: htmlCSS, JS: htmlJS, T: t},
		Batch:        newHTMLBatch(s, rows, t, o.Rules),
	}
	return htmlTemplates().ExecuteTemplate(w, "index", data)
}
