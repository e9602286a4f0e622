package reports

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/suppress"
	"github.com/mtaudit/mtaudit/reports/i18n"
)

// The HTML report is one self-contained page: CSS and JS inline, no network
// fetch (a Content-Security-Policy meta tag forbids any), every piece of
// article text escaped by html/template.

//go:embed assets/report.css assets/report.js assets/report.html.tmpl
var htmlAssets embed.FS

var (
	htmlCSS        = template.CSS(htmlAsset("assets/report.css"))
	htmlJS         = template.JS(htmlAsset("assets/report.js"))
	htmlScriptHash = htmlHash(string(htmlJS))
	// The templates are parsed when a page is first written, not when the
	// program starts: most runs print no HTML.
	htmlTemplates = sync.OnceValue(func() *template.Template {
		return template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
			"upper": strings.ToUpper,
			"del":   func(s string) template.HTML { return template.HTML("<del>" + template.HTMLEscaper(s) + "</del>") },
			"ins":   func(s string) template.HTML { return template.HTML("<ins>" + template.HTMLEscaper(s) + "</ins>") },
		}).ParseFS(htmlAssets, "assets/report.html.tmpl"))
	})
)

func htmlAsset(name string) string {
	b, err := htmlAssets.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// htmlHash is the CSP source expression allowing exactly one inline script.
func htmlHash(js string) string {
	sum := sha256.Sum256([]byte(js))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// HTMLAssets are the report page's inline style and script, for pages that
// embed report fragments (the serve command's page). ScriptHash is the CSP
// source expression ('sha256-…') that allows the script.
type HTMLAssets struct {
	CSS        template.CSS
	JS         template.JS
	ScriptHash string
}

// ReportHTMLAssets returns the report page's assets.
func ReportHTMLAssets() HTMLAssets {
	return HTMLAssets{CSS: htmlCSS, JS: htmlJS, ScriptHash: htmlScriptHash}
}

// htmlCSP forbids every fetch: the page stands alone, and article text,
// even if it escaped escaping, could load nothing and run nothing.
func htmlCSP() string {
	return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src " + htmlScriptHash +
		"; base-uri 'none'; form-action 'none'"
}

func init() {
	Formats["html"] = func(o Options) Printer { return &htmlPrinter{opts: o} }
}

// htmlPrinter writes one page for the run: each article a section, then, for
// several articles, a sortable table of them and the counts per rule.
type htmlPrinter struct {
	opts Options
	rows []htmlRow
	// The page's head is written with the first article (or at the end of
	// an empty run), in the run's language, which under messages "auto"
	// is that article's.
	started bool
	runLang string
}

// htmlRow is one article in the run's table.
type htmlRow struct {
	Anchor, Label, Href string
	Verdict             string
	Penalty             float64
	Words, Findings     int
	Counts              []int // per audit.Categories
}

type htmlPageData struct {
	Tool  Tool
	Title string
	CSP   string
	CSS   template.CSS
	JS    template.JS
	T     htmlText
}

func (p *htmlPrinter) pageData() htmlPageData {
	t := htmlText{p.opts.runCatalog(p.runLang)}
	return htmlPageData{Tool: p.opts.Tool, Title: t.L("html.report_title", "tool", "mtaudit"), CSP: htmlCSP(), CSS: htmlCSS, JS: htmlJS, T: t}
}

func (p *htmlPrinter) Start(w io.Writer) error { return nil }

// start writes the page's head once.
func (p *htmlPrinter) start(w io.Writer, lang string) error {
	if p.started {
		return nil
	}
	p.started, p.runLang = true, lang
	return htmlTemplates().ExecuteTemplate(w, "page-start", p.pageData())
}

func (p *htmlPrinter) Article(w io.Writer, r *audit.Result) error {
	if err := p.start(w, articleLang(r)); err != nil {
		return err
	}
	anchor := fmt.Sprintf("a%d", len(p.rows)+1)
	v := newHTMLArticle(r, anchor, p.opts)
	p.rows = append(p.rows, htmlRow{
		Anchor: anchor, Label: v.Heading, Href: "#" + anchor, Verdict: v.Verdict, Penalty: v.Penalty,
		Words: v.Words, Findings: len(v.Items), Counts: htmlCategoryCounts(r.Findings),
	})
	return htmlTemplates().ExecuteTemplate(w, "article", v)
}

func (p *htmlPrinter) End(w io.Writer, s *Summary) error {
	if err := p.start(w, ""); err != nil {
		return err
	}
	data := struct {
		htmlPageData
		Batch *htmlBatch
	}{htmlPageData: p.pageData()}
	if len(p.rows) > 1 || len(s.Errors) > 0 {
		data.Batch = newHTMLBatch(s, p.rows, data.T, p.opts.Rules)
	}
	return htmlTemplates().ExecuteTemplate(w, "page-end", data)
}

// WriteHTMLArticle writes one article's report section alone, for pages that
// hold the report assets already (ReportHTMLAssets).
func WriteHTMLArticle(w io.Writer, r *audit.Result, o Options) error {
	return htmlTemplates().ExecuteTemplate(w, "article", newHTMLArticle(r, "a1", o))
}

// htmlArticle is the view of one result the article template renders.
type htmlArticle struct {
	ArticleJSON
	Anchor   string
	T        htmlText
	Language string // "French (fr)"
	Heading  string
	Segments []htmlSegment
	Items    []htmlItem // findings, most severe first
	Severity []htmlCount
	Category []htmlCount // categories present, for the filters
	Sev      []htmlCount // severities present, for the filters
}

// htmlSegment is a run of text covered by the same findings. Layers are the
// covering findings, one nested span each; Title lists them all for the tooltip.
type htmlSegment struct {
	Text   string
	Layers []htmlLayer
	Title  string
}

type htmlLayer struct {
	ID       string
	N        int
	Category string
	Severity string
	Track    int
	First    bool
	idx      int // into the findings
}

// htmlItem is one finding in the list beside the text.
type htmlItem struct {
	FindingJSON
	ID        string
	N         int
	RuleTitle string
	Fixes     []htmlFix
	// Key identifies the finding in a suppressions file (audit/suppress),
	// which the page's Dismiss button records.
	Key suppress.Key
}

type htmlFix struct {
	Message string
	Edits   []htmlEdit
	// Applied: `mtaudit fix` applies it (policy allows); else it is shown
	// as a suggestion.
	Applied bool
}

type htmlEdit struct {
	Old, New string
	Line     int
}

type htmlCount struct {
	Name  string
	Count int
}

// htmlMaxTrack caps the underline offsets; deeper overlaps share the last one.
const htmlMaxTrack = 4

func newHTMLArticle(r *audit.Result, anchor string, o Options) *htmlArticle {
	a := Article(r)
	c := o.catalog(articleLang(r))
	v := &htmlArticle{ArticleJSON: a, Anchor: anchor, T: htmlText{c}, Heading: a.Title, Language: languageLabel(c, r.Doc)}
	v.Reason = c.Message(v.Reason)
	// The report shows the findings' text in the catalog's language.
	for i := range a.Findings {
		f := &a.Findings[i]
		f.Message, f.Suggestion = c.Message(f.Message), c.Message(f.Suggestion)
	}
	if v.Heading == "" {
		v.Heading = a.Path
		if a.Path == "-" {
			// Pasted or piped text: no name to show.
			v.Heading = c.Label("html.untitled")
		}
	}
	ruleTitles := map[string]string{}
	for _, rule := range o.Rules {
		ruleTitles[rule.ID] = rule.Title
	}
	text := r.Doc.Text
	lt := r.Doc.LineTable()

	// Number findings in reading order; the numbers tie the badges in the
	// text to the list, on screen and on paper.
	order := make([]int, len(a.Findings))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool {
		fx, fy := a.Findings[order[x]], a.Findings[order[y]]
		if fx.Start != fy.Start {
			return fx.Start < fy.Start
		}
		return fx.End > fy.End
	})
	num := make([]int, len(a.Findings))
	ids := make([]string, len(a.Findings))
	for n, i := range order {
		num[i] = n + 1
		ids[i] = fmt.Sprintf("%s-f%d", anchor, n+1)
	}
	tracks := htmlAssignTracks(a.Findings, order)

	keys := o.suppressionKeys(r)
	for i, f := range a.Findings {
		it := htmlItem{FindingJSON: f, ID: ids[i], N: num[i], RuleTitle: ruleTitles[f.Rule], Key: keys[i]}
		applied := audit.RepairRefusal(audit.Finding{Rule: f.Rule, Category: audit.Category(f.Category), Source: f.Source}, o.fixable()) == ""
		for _, fx := range f.Fixes {
			hf := htmlFix{Message: c.Message(fx.Message), Applied: applied}
			for _, e := range fx.Edits {
				if e.Start < 0 || e.End > len(text) || e.Start > e.End {
					continue
				}
				line, _ := lt.Position(e.Start)
				hf.Edits = append(hf.Edits, htmlEdit{Old: text[e.Start:e.End], New: e.New, Line: line})
			}
			it.Fixes = append(it.Fixes, hf)
		}
		v.Items = append(v.Items, it)
	}
	sort.SliceStable(v.Items, func(x, y int) bool {
		sx, sy := htmlSeverityRank(v.Items[x].Severity), htmlSeverityRank(v.Items[y].Severity)
		if sx != sy {
			return sx > sy
		}
		return v.Items[x].N < v.Items[y].N
	})

	v.Segments = htmlSegmentText(c, text, r.Doc.Body, a.Findings, ids, num, tracks)

	bySev := map[string]int{}
	byCat := map[string]int{}
	for _, f := range a.Findings {
		bySev[f.Severity]++
		byCat[f.Category]++
	}
	for s := audit.Critical; s >= audit.Info; s-- {
		name := s.String()
		v.Severity = append(v.Severity, htmlCount{name, bySev[name]})
		if bySev[name] > 0 {
			v.Sev = append(v.Sev, htmlCount{name, bySev[name]})
		}
	}
	for _, c := range audit.Categories {
		if n := byCat[string(c)]; n > 0 {
			v.Category = append(v.Category, htmlCount{string(c), n})
		}
	}
	return v
}

func htmlSeverityRank(name string) int {
	s, err := audit.ParseSeverity(name)
	if err != nil {
		return -1
	}
	return int(s)
}

// htmlAssignTracks gives overlapping findings different underline offsets, like
// events on a calendar: each takes the lowest track free at its start, so a
// finding keeps one offset along its whole extent.
func htmlAssignTracks(fs []FindingJSON, order []int) []int {
	tracks := make([]int, len(fs))
	var ends []int // per track, end of its last finding
	for _, i := range order {
		t := 0
		for t < len(ends) && ends[t] > fs[i].Start {
			t++
		}
		if t == len(ends) {
			ends = append(ends, 0)
		}
		ends[t] = fs[i].End
		tracks[i] = min(t, htmlMaxTrack)
	}
	return tracks
}

// htmlSegmentText cuts the text at every finding boundary, so each segment is
// covered by a fixed set of findings; a segment under several findings nests
// a span for each and so shows all of them.
func htmlSegmentText(c *i18n.Catalog, text string, body int, fs []FindingJSON, ids []string, num, tracks []int) []htmlSegment {
	cuts := map[int]bool{body: true, len(text): true}
	for _, f := range fs {
		cuts[htmlClamp(f.Start, body, len(text))] = true
		cuts[htmlClamp(f.End, body, len(text))] = true
	}
	points := make([]int, 0, len(cuts))
	for c := range cuts {
		points = append(points, c)
	}
	sort.Ints(points)

	var segs []htmlSegment
	for k := 0; k+1 < len(points); k++ {
		start, end := points[k], points[k+1]
		seg := htmlSegment{Text: text[start:end]}
		var titles []string
		for i, f := range fs {
			if f.Start <= start && end <= f.End {
				seg.Layers = append(seg.Layers, htmlLayer{
					ID: ids[i], N: num[i], Category: f.Category, Severity: f.Severity,
					Track: tracks[i], First: f.Start == start || start == body && f.Start < body, idx: i,
				})
			}
		}
		// Outer spans first: the lower track (the earlier, longer finding) outside.
		sort.SliceStable(seg.Layers, func(x, y int) bool { return seg.Layers[x].Track < seg.Layers[y].Track })
		for _, l := range seg.Layers {
			titles = append(titles, htmlFindingTitle(c, l.N, fs[l.idx]))
		}
		seg.Title = strings.Join(titles, "\n")
		segs = append(segs, seg)
	}
	return segs
}

func htmlClamp(x, lo, hi int) int { return max(lo, min(x, hi)) }

// htmlFindingTitle is the tooltip line of one finding.
func htmlFindingTitle(c *i18n.Catalog, n int, f FindingJSON) string {
	s := fmt.Sprintf("#%d %s · %s — %s", n, severityWord(c, f.Severity), categoryName(c, f.Category), f.Message)
	if f.Suggestion != "" {
		s += " — " + c.Label("text.suggestion") + " " + f.Suggestion
	}
	return s + " [" + f.Rule + "]"
}

func htmlCategoryCounts(fs []audit.Finding) []int {
	counts := make([]int, len(audit.Categories))
	for _, f := range fs {
		for i, c := range audit.Categories {
			if f.Category == c {
				counts[i]++
			}
		}
	}
	return counts
}

// htmlText gives the templates the catalog's labels: L for text, which
// html/template escapes, H for a label whose values are markup (each value
// a template.HTML, or a string to escape), N for a count.
type htmlText struct{ c *i18n.Catalog }

// Lang is the catalog's language, for lang attributes.
func (t htmlText) Lang() string { return t.c.Lang() }

// IsEnglish says the labels are English: an article section then needs no
// lang attribute of its own.
func (t htmlText) IsEnglish() bool { return t.c.IsEnglish() }

func (t htmlText) L(key string, args ...any) string {
	return t.c.Label(key, htmlArgs(args, func(v any) string { return fmt.Sprint(v) })...)
}

func (t htmlText) N(key string, n int) string { return t.c.Count(key, n) }

func (t htmlText) H(key string, args ...any) template.HTML {
	vals := htmlArgs(args, func(v any) string {
		if h, ok := v.(template.HTML); ok {
			return string(h)
		}
		return template.HTMLEscaper(v)
	})
	return template.HTML(formatParts(t.c, key, func(s string) string { return template.HTMLEscaper(s) }, vals...))
}

// Verdict, Severity, Category and Source name the values the report
// carries as ids.
func (t htmlText) Verdict(v string) string  { return verdictName(t.c, v) }
func (t htmlText) Severity(s string) string { return severityWord(t.c, s) }
func (t htmlText) Category(c string) string { return categoryName(t.c, c) }
func (t htmlText) Source(s string) string   { return sourceName(t.c, s) }
func (t htmlText) Number(v float64, prec int) string {
	return t.c.Number(v, prec)
}

func htmlArgs(args []any, str func(any) string) []string {
	out := make([]string, 0, len(args))
	for i, a := range args {
		if i%2 == 0 {
			out = append(out, fmt.Sprint(a))
			continue
		}
		out = append(out, str(a))
	}
	return out
}
