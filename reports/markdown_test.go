package reports

import (
	"bytes"
	"strings"
	"testing"
)

func TestEscapeMarkdownNeutralisesMarkup(t *testing.T) {
	for in, want := range map[string]string{
		"<script>alert(1)</script>":  `\<script\>alert(1)\</script\>`,
		"**gras** et _italique_":     `\*\*gras\*\* et \_italique\_`,
		"[lien](http://x.invalid)":   `\[lien\](http://x.invalid)`,
		"a | b ~c~ `d` &amp; ==e==":  "a \\| b \\~c\\~ \\`d\\` \\&amp; \\=\\=e\\=\\=",
		"ligne\nsuite\r\nfin":        "ligne suite fin",
		"L’économie à 12,5 % (AFP).": "L’économie à 12,5 % (AFP).",
	} {
		if got := escapeMarkdown(in); got != want {
			t.Errorf("escapeMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEscapeLineStart(t *testing.T) {
	for in, want := range map[string]string{
		"- liste":   `\- liste`,
		"+ plus":    `\+ plus`,
		"12. point": `12\. point`,
		"3) item":   `3\) item`,
		"2021 fut":  "2021 fut",
		"texte":     "texte",
	} {
		if got := escapeLineStart(in); got != want {
			t.Errorf("escapeLineStart(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCodeSpanFence(t *testing.T) {
	for in, want := range map[string]string{
		"a.txt":  "`a.txt`",
		"a`b":    "``a`b``",
		"`a``":   "``` `a`` ```",
		"l1\nl2": "`l1 l2`",
	} {
		if got := codeSpan(in); got != want {
			t.Errorf("codeSpan(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWidenForEmphasis(t *testing.T) {
	for _, tc := range []struct{ before, span, after, want string }{
		{"les fédérations d", "’", "industriels du", "d’industriels"},
		{"il a dit ", "[oui]", " hier", "[oui]"},
		{"presse", ". presse", " un", "presse. presse"},
		{"a rapporté ", "..", "", ".."},
		{"mot", "x", "suite", "x"},
	} {
		b, s, a := widenForEmphasis(tc.before, tc.span, tc.after)
		if s != tc.want || b+s+a != tc.before+tc.span+tc.after {
			t.Errorf("widen(%q,%q,%q) = %q,%q,%q; want span %q", tc.before, tc.span, tc.after, b, s, a, tc.want)
		}
	}
}

// No article text reaches the report as live Markdown or HTML: the raw
// report holds no unescaped tag, emphasis or link from the article.
func TestMarkdownReportEscapesArticleText(t *testing.T) {
	results := sampleResults(t)
	out := string(render(t, "markdown", Options{Tool: testTool}, results, sampleSummary(t, results)))
	for _, raw := range []string{"<script>", "</script>", "<b>", "**étoiles**", "[la source](", "**gras**", "<em>", "| colonne |"} {
		if strings.Contains(out, raw) {
			t.Errorf("report contains unescaped %q", raw)
		}
	}
	if !strings.Contains(out, `**\<script\>alert(1)\</script\>**`) {
		t.Errorf("flagged span not marked in bold")
	}
}

func TestMarkdownGroupsBySeverityMostSevereFirst(t *testing.T) {
	results := sampleResults(t)[:1]
	var buf bytes.Buffer
	p, _ := New("markdown", Options{Messages: "en"})
	if err := p.Article(&buf, results[0]); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	last := -1
	for _, h := range []string{"**Verdict: FAIL**", "## Critical (1)", "## Major (2)", "## Minor (1)", "## Info (1)"} {
		i := strings.Index(out, h)
		if i < 0 {
			t.Fatalf("report lacks %q:\n%s", h, out)
		}
		if i < last {
			t.Errorf("%q out of order", h)
		}
		last = i
	}
}
