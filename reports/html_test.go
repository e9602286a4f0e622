package reports

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"github.com/mtaudit/mtaudit/audit"
)

func TestGoldenHTML(t *testing.T) {
	for _, v := range goldenVariants {
		results := sampleResults(t)
		s := sampleSummary(t, results)
		o := Options{Tool: testTool, Rules: htmlTestRules(), Messages: v.messages}
		golden(t, filepath.Join(v.dir, "html-report.html"), render(t, "html", o, results, s))

		one := NewSummary(testTool)
		one.Add(results[0])
		golden(t, filepath.Join(v.dir, "html-single.html"), render(t, "html", o, results[:1], one))

		var idx bytes.Buffer
		if err := WriteIndexHTML(&idx, s, o); err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join(v.dir, "html-index.html"), idx.Bytes())
	}
}

func htmlTestRules() []*audit.Rule {
	return []*audit.Rule{
		{ID: "untranslated.bracket", Category: audit.Untranslated, Severity: audit.Major, Title: "English left in brackets",
			Doc: "Flags `[English words]` left in brackets.", Fixable: false},
		{ID: "scraped.read-also", Category: audit.Scraped, Severity: audit.Major, Title: "Related-story link in the body",
			Doc: "Flags *read also* lines.", Fixable: true},
	}
}

// parseHTML parses a report and fails the test on error.
func parseHTML(t *testing.T, b []byte) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// htmlVisibleText is what a browser shows of the article text: the parser
// turns CR LF and lone CR into LF.
func htmlVisibleText(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

const hostileText = "Titre <script>window.__pwned = 1</script> « citation »\n\n" +
	"Le texte cite \"><img src=x onerror=\"window.__pwned=2\"> puis <a href=\"javascript:alert(1)\">un lien</a> & fin.\n" +
	"</div></section><script>window.__pwned=3</script>{{.CSS}} ]]> <!-- commentaire -->\n"

func hostileResult(t *testing.T) *audit.Result {
	doc := mustDoc(t, "testdata/<hostile>&.txt", hostileText)
	doc.Title = "</title><script>window.__pwned=4</script>"
	doc.URL = "javascript:window.__pwned=5"
	f := func(quote string, cat audit.Category, sev audit.Severity, msg, sugg string) audit.Finding {
		return audit.Finding{Span: find(t, hostileText, quote, 1), Rule: string(cat) + ".test", Category: cat,
			Severity: sev, Message: msg, Suggestion: sugg, Source: audit.SourceRule}
	}
	return finish(t, &audit.Result{Doc: doc, Findings: []audit.Finding{
		f("<script>window.__pwned = 1</script>", audit.Scraped, audit.Major, "Markup <script>x</script> in text", "<b>none</b>"),
		f("<img src=x onerror=\"window.__pwned=2\">", audit.Garbled, audit.Minor, "\"><img src=y onerror=alert(2)>", ""),
		f("</div></section><script>window.__pwned=3</script>", audit.Scraped, audit.Critical, "closing tags", ""),
	}, Warnings: []string{"<script>window.__pwned=6</script>"}})
}

// Article text, titles, messages and URLs are data: the page shows them and
// runs none of them.
func TestHTMLEscapesArticleText(t *testing.T) {
	r := hostileResult(t)
	out := render(t, "html", Options{Tool: testTool}, []*audit.Result{r}, NewSummary(testTool))
	page := parseHTML(t, out)

	if n := page.Find("script").Length(); n != 1 {
		t.Fatalf("page has %d script elements, want only the report's own", n)
	}
	if got := page.Find("script").Text(); got != string(htmlJS) {
		t.Errorf("the one script is not the report's script")
	}
	if n := page.Find("img, iframe, object, embed, link, a[href^='javascript']").Length(); n != 0 {
		t.Errorf("article text produced %d active elements", n)
	}
	page.Find("*").Each(func(_ int, s *goquery.Selection) {
		for _, a := range s.Nodes[0].Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("element <%s> has event handler attribute %s", s.Nodes[0].Data, a.Key)
			}
		}
	})
	if got, want := page.Find("section.article .text").Text(), htmlVisibleText(hostileText); got != want {
		t.Errorf("shown text differs from the article:\n got: %q\nwant: %q", got, want)
	}
	if got := page.Find("section.article h2").Text(); got != r.Doc.Title {
		t.Errorf("title shown as %q, want the literal %q", got, r.Doc.Title)
	}
	if strings.Contains(string(out), "javascript:window") && page.Find("a[href*='javascript']").Length() > 0 {
		t.Errorf("a javascript: URL became a link")
	}
	if !strings.Contains(page.Find(".warnings").Text(), "<script>window.__pwned=6</script>") {
		t.Errorf("warning text not shown literally")
	}
	if !strings.Contains(page.Find("li.fi .msg").Text(), "Markup <script>x</script> in text") {
		t.Errorf("message not shown literally: %q", page.Find("li.fi .msg").Text())
	}
}

// The page fetches nothing: no external resources, and a CSP that forbids
// any, whose script hash matches the one inline script.
func TestHTMLSelfContained(t *testing.T) {
	out := render(t, "html", Options{Tool: testTool}, sampleResults(t), sampleSummary(t, sampleResults(t)))
	page := parseHTML(t, out)
	if n := page.Find("link, img, iframe, object, embed, [src], [srcset]").Length(); n != 0 {
		t.Errorf("page has %d elements that load something", n)
	}
	style := page.Find("style").Text()
	for _, bad := range []string{"@import", "url(", "http:", "https:"} {
		if strings.Contains(style, bad) || strings.Contains(page.Find("script").Text(), bad) {
			t.Errorf("inline CSS or JS contains %q", bad)
		}
	}
	csp, ok := page.Find(`meta[http-equiv="Content-Security-Policy"]`).Attr("content")
	if !ok || !strings.Contains(csp, "default-src 'none'") {
		t.Fatalf("CSP meta missing or allows fetches: %q", csp)
	}
	sum := sha256.Sum256([]byte(page.Find("script").Text()))
	if want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, "script-src "+want) {
		t.Errorf("CSP %q does not allow the inline script (%s)", csp, want)
	}
	if !strings.Contains(style, "@media print") {
		t.Errorf("no print stylesheet")
	}
}

const overlapText = "Le porte-parole a confirmé que les [peace talks] reprendraient lundi à Genève.\n\nPartager : Facebook\n"

// Overlapping findings of different categories: the text is cut at every
// boundary, a segment under several findings nests a span for each, and
// every finding keeps one underline track along its extent.
func TestHTMLOverlappingFindings(t *testing.T) {
	doc := mustDoc(t, "overlap.txt", overlapText)
	span := func(q string) audit.Span { return find(t, overlapText, q, 1) }
	a := span("[peace talks]")
	b := audit.Span{Start: span("talks]").Start, End: span("reprendraient").End}
	c := span("peace")
	r := finish(t, &audit.Result{Doc: doc, Findings: []audit.Finding{
		{Span: a, Rule: "untranslated.bracket", Category: audit.Untranslated, Severity: audit.Major, Message: "English in brackets"},
		{Span: b, Rule: "grammar.order", Category: audit.Grammar, Severity: audit.Minor, Message: "Word order"},
		{Span: c, Rule: "typography.x", Category: audit.Typography, Severity: audit.Info, Message: "Typo"},
		{Span: span("Partager : Facebook"), Rule: "scraped.share", Category: audit.Scraped, Severity: audit.Critical, Message: "Share line"},
	}})
	page := parseHTML(t, render(t, "html", Options{Tool: testTool, Messages: "en"}, []*audit.Result{r}, NewSummary(testTool)))

	if got := page.Find(".text").Text(); got != overlapText {
		t.Fatalf("text not kept: %q", got)
	}
	items := page.Find("li.fi")
	if items.Length() != 4 {
		t.Fatalf("%d list items, want 4", items.Length())
	}
	// Most severe first.
	var sevs []string
	items.Each(func(_ int, s *goquery.Selection) { sevs = append(sevs, s.AttrOr("data-sev", "")) })
	if strings.Join(sevs, " ") != "critical major minor info" {
		t.Errorf("list order by severity = %v", sevs)
	}
	items.Each(func(_ int, li *goquery.Selection) {
		id := li.AttrOr("data-f", "")
		spans := page.Find(`.text .hl[data-f="` + id + `"]`)
		var text strings.Builder
		tracks := map[string]bool{}
		spans.Each(func(_ int, s *goquery.Selection) {
			text.WriteString(s.Text())
			for _, cl := range strings.Fields(s.AttrOr("class", "")) {
				if len(cl) == 2 && cl[0] == 't' {
					tracks[cl] = true
				}
			}
		})
		quote := li.Find("q.quote").Text()
		if text.String() != quote {
			t.Errorf("finding %s: spans hold %q, want the quote %q", id, text.String(), quote)
		}
		if len(tracks) != 1 {
			t.Errorf("finding %s: underline tracks %v, want one", id, tracks)
		}
		if n := spans.Filter(".first[data-n]").Length(); n != 1 {
			t.Errorf("finding %s: %d badges, want 1", id, n)
		}
	})
	// "peace" lies under the bracket finding and the typography finding,
	// "talks]" under the bracket and grammar findings: each shows both.
	for word, cats := range map[string][]string{"peace": {"untranslated", "typography"}, "talks]": {"untranslated", "grammar"}} {
		tx := page.Find(".tx").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Text() == word })
		if tx.Length() != 1 {
			t.Fatalf("no single segment %q", word)
		}
		var got []string
		tx.ParentsFiltered(".hl").Each(func(_ int, s *goquery.Selection) {
			for _, c := range cats {
				if s.HasClass("c-" + c) {
					got = append(got, c)
				}
			}
		})
		if len(got) != 2 {
			t.Errorf("segment %q is under %v, want %v", word, got, cats)
		}
		title := tx.AttrOr("title", "")
		if strings.Count(title, "\n") != 1 {
			t.Errorf("tooltip of %q should list two findings: %q", word, title)
		}
	}
	// Filters list only the categories present.
	var cats []string
	page.Find(`input[data-filter="cat"]`).Each(func(_ int, s *goquery.Selection) { cats = append(cats, s.AttrOr("value", "")) })
	if strings.Join(cats, " ") != "untranslated grammar scraped typography" {
		t.Errorf("category filters = %v", cats)
	}
	if v := page.Find(".head .verdict").Text(); v != "FAIL" {
		t.Errorf("verdict shown %q", v)
	}
	if p := page.Find(".head .penalty").Text(); p == "" {
		t.Errorf("no penalty shown")
	}
}

// A multi-article page lists the articles and the counts per rule; the
// index of a directory links each article's own page.
func TestHTMLBatchAndIndex(t *testing.T) {
	results := sampleResults(t)
	s := sampleSummary(t, results)
	page := parseHTML(t, render(t, "html", Options{Tool: testTool}, results, s))
	if n := page.Find("section.article").Length(); n != 3 {
		t.Errorf("%d article sections, want 3", n)
	}
	links := page.Find("table.articles tbody a")
	if links.Length() != 3 || links.First().AttrOr("href", "") != "#a1" {
		t.Errorf("batch table links: %d, first %q", links.Length(), links.First().AttrOr("href", ""))
	}
	if n := page.Find("table.rules tbody tr").Length(); n != len(s.ByRule) {
		t.Errorf("%d rule rows, want %d", n, len(s.ByRule))
	}
	if !strings.Contains(page.Find(".errors").Text(), "testdata/absent.txt") {
		t.Errorf("input errors not listed")
	}
	// Finding ids are unique across the page.
	seen := map[string]bool{}
	page.Find("li.fi").Each(func(_ int, s *goquery.Selection) {
		id := s.AttrOr("data-f", "")
		if seen[id] {
			t.Errorf("duplicate finding id %s", id)
		}
		seen[id] = true
	})

	var buf bytes.Buffer
	if err := WriteIndexHTML(&buf, s, Options{Tool: testTool}); err != nil {
		t.Fatal(err)
	}
	idx := parseHTML(t, buf.Bytes())
	var hrefs []string
	idx.Find("table.articles tbody tr").Each(func(_ int, tr *goquery.Selection) {
		hrefs = append(hrefs, tr.Find("a").AttrOr("href", ""))
	})
	want := []string{"marche-energie.html", "injection.html", "lait.html"} // worst first
	if strings.Join(hrefs, " ") != strings.Join(want, " ") {
		t.Errorf("index links %v, want %v", hrefs, want)
	}
	heads := idx.Find("table.articles thead th")
	if heads.Length() != 5+len(audit.Categories) {
		t.Errorf("%d columns, want 5 + one per category", heads.Length())
	}
	if idx.Find("table.sortable").Length() != 2 {
		t.Errorf("want a sortable article table and rule table")
	}
}

// An article with no findings says so.
func TestHTMLCleanArticle(t *testing.T) {
	r := sampleResults(t)[1]
	page := parseHTML(t, render(t, "html", Options{Tool: testTool}, []*audit.Result{r}, NewSummary(testTool)))
	if page.Find(".clean").Length() != 1 || page.Find(".hl").Length() != 0 {
		t.Errorf("clean article: want the no-findings note and no highlights")
	}
	if page.Find("section.batch").Length() != 0 {
		t.Errorf("a one-article page has no batch table")
	}
}

// FuzzHTMLArticle: any text and any findings on it render, and the page
// shows exactly the text.
func FuzzHTMLArticle(f *testing.F) {
	f.Add([]byte(overlapText), uint16(3), uint16(20), uint16(10), uint16(40))
	f.Add([]byte(hostileText), uint16(0), uint16(500), uint16(7), uint16(8))
	f.Add([]byte("\ufeffé\r\nà"), uint16(0), uint16(2), uint16(1), uint16(9))
	f.Add([]byte("\r\nà"), uint16(0), uint16(2), uint16(1), uint16(4))
	f.Fuzz(func(t *testing.T, data []byte, s1, e1, s2, e2 uint16) {
		doc, err := audit.NewDocument("fuzz.txt", data)
		if err != nil {
			return
		}
		var fs []audit.Finding
		for k, p := range [][2]uint16{{s1, e1}, {s2, e2}} {
			// Spans as the engine lets them through (audit.SnapSpan): on
			// rune boundaries, never splitting a CRLF.
			span, ok := audit.SnapSpan(doc.Text, audit.Span{Start: runeFloor(doc.Text, int(p[0])), End: runeFloor(doc.Text, int(p[1]))})
			if !ok {
				continue
			}
			start, end := span.Start, span.End
			fs = append(fs, audit.Finding{Span: audit.Span{Start: start, End: end}, Rule: "garbled.fuzz",
				Category: audit.Categories[k], Severity: audit.Minor, Message: doc.Text[start:end]})
		}
		r := finish(t, &audit.Result{Doc: doc, Findings: fs})
		var buf bytes.Buffer
		p := &htmlPrinter{opts: Options{Tool: testTool}}
		if err := p.Start(&buf); err != nil {
			t.Fatal(err)
		}
		if err := p.Article(&buf, r); err != nil {
			t.Fatal(err)
		}
		if err := p.End(&buf, NewSummary(testTool)); err != nil {
			t.Fatal(err)
		}
		page := parseHTML(t, buf.Bytes())
		if page.Find("script").Length() != 1 {
			t.Fatalf("article text added a script element")
		}
		got := page.Find(".text").Text()
		want := htmlVisibleText(doc.Text[doc.Body:])
		if got != want {
			t.Fatalf("shown text differs:\n got %q\nwant %q", got, want)
		}
	})
}

func runeFloor(s string, i int) int {
	if i > len(s) {
		i = len(s)
	}
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}
