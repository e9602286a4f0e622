package reports

import (
	"reflect"
	"testing"
)

// A summary told that no output lists the articles keeps the same counts
// and only the rows of articles that were not audited (SARIF reports
// them), so that a long run's summary does not grow.
func TestSummaryWithoutArticleRows(t *testing.T) {
	results := sampleResults(t)
	notAudited := finish(t, sampleResults(t)[1])
	notAudited.Doc.Path = "testdata/deutsch.txt"
	notAudited.NotAudited = "language de has no profile"
	results = append(results, notAudited)

	all, lean := NewSummary(testTool), NewSummary(testTool)
	lean.ListArticles(false)
	for _, r := range results {
		all.Add(r)
		lean.Add(r)
	}
	if len(all.Worst) != len(results) {
		t.Fatalf("every row kept by default: %d rows for %d results", len(all.Worst), len(results))
	}
	if len(lean.Worst) != 1 || lean.Worst[0].Path != "testdata/deutsch.txt" || lean.Worst[0].Reason == "" {
		t.Fatalf("lean summary rows = %+v, want the article not audited alone", lean.Worst)
	}
	allCounts, leanCounts := *all, *lean
	allCounts.Worst, leanCounts.Worst = nil, nil
	allCounts.counts, leanCounts.counts = nil, nil
	leanCounts.skipAuditedRows = false
	if !reflect.DeepEqual(allCounts, leanCounts) {
		t.Errorf("counts differ:\nall  %+v\nlean %+v", allCounts, leanCounts)
	}
}
