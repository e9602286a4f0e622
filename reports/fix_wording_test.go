package reports

import (
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// A report calls an edit a fix only where `mtaudit fix` applies it (the
// policy of audit.RepairRefusal); elsewhere it is a suggestion.
func TestFixWordingFollowsFixPolicy(t *testing.T) {
	text := "Le sommet aura lieu en Peut prochain.\n\nPartager : Facebook Twitter\n"
	doc := mustDoc(t, "testdata/sommet.txt", text)
	month := audit.Finding{Span: find(t, text, "Peut", 1), Rule: "mistranslation.may-peut", Category: audit.Mistranslation,
		Severity: audit.Major, Message: "The month May rendered as Peut", Source: audit.SourceRule}
	month.Fixes = []audit.Fix{{Message: `Replace "Peut" with "mai"`, Edits: []audit.Edit{{Start: month.Start, End: month.End, New: "mai"}}}}
	share := audit.Finding{Span: find(t, text, "Partager : Facebook Twitter", 1), Rule: "scraped.share-buttons", Category: audit.Scraped,
		Severity: audit.Major, Message: "Share buttons", Source: audit.SourceRule}
	share.Fixes = []audit.Fix{{Message: "Remove the line", Edits: []audit.Edit{{Start: share.Start, End: share.End}}}}
	res := finish(t, &audit.Result{Doc: doc, Findings: []audit.Finding{month, share}})
	rules := []*audit.Rule{
		{ID: "mistranslation.may-peut", Category: audit.Mistranslation, Fixable: true, Title: "May as Peut"},
		{ID: "scraped.share-buttons", Category: audit.Scraped, Fixable: true, Title: "Share buttons"},
	}
	o := Options{Tool: testTool, Rules: rules, Messages: "en"}

	var md strings.Builder
	writeArticleMarkdown(&md, res, o)
	out := md.String()
	if strings.Contains(out, `Fix available:** Replace`) || !strings.Contains(out, `**Suggestion:** Replace "Peut" with "mai"`) {
		t.Errorf("Markdown calls a refused fix a fix:\n%s", out)
	}
	if !strings.Contains(out, "**Fix available:** Remove the line") {
		t.Errorf("Markdown lost the fix fix applies:\n%s", out)
	}

	var h strings.Builder
	if err := WriteHTMLArticle(&h, res, o); err != nil {
		t.Fatal(err)
	}
	html := h.String()
	if !strings.Contains(html, "<dt>Suggestion</dt><dd>Replace") || !strings.Contains(html, "<dt>Fix</dt><dd>Remove the line") {
		t.Errorf("HTML fix wording:\n%s", html)
	}
}
