package readers

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/mtaudit/mtaudit/audit"
)

// htmlNote tells report readers that offsets point into extracted text.
const htmlNote = "text extracted from HTML (%s); offsets are into the extracted text, not the HTML source"

// ReadHTML reads a web page: the article body is located (schema.org
// articleBody, <article>, <main>, else the element holding most paragraph
// text) and turned into paragraphs. Everything inside the body is kept,
// share bars and "read also" links included: in-body furniture is what the
// scraped rules flag, so no readability-style cleaning is done.
func ReadHTML(path string, data []byte) (ins []audit.Input) {
	defer recoverInput(path, &ins)
	doc, err := htmlDocument(data)
	if err != nil {
		return []audit.Input{{Path: path, Err: err}}
	}
	root, where := articleRoot(doc)
	text := paragraphText(root)
	if strings.TrimSpace(text) == "" {
		return []audit.Input{{Path: path, Err: errors.New("no article text in the HTML page")}}
	}
	d, err := audit.NewDocument(path, []byte(text))
	if err != nil {
		return []audit.Input{{Path: path, Err: err}}
	}
	d.Title = pageTitle(doc)
	d.URL = pageURL(doc)
	d.Note = fmt.Sprintf(htmlNote, where)
	return []audit.Input{{Path: path, Doc: d}}
}

// htmlDocument decodes the page's charset (meta tag or byte-order mark,
// UTF-8 by default) and parses it.
func htmlDocument(data []byte) (*goquery.Document, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, audit.ErrBinary
	}
	r, err := charset.NewReader(bytes.NewReader(data), "text/html")
	if err != nil {
		return nil, fmt.Errorf("decode HTML: %w", err)
	}
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	return doc, nil
}

// articleRoot picks the element holding the article and says which rule
// found it. A semantic container wins when it holds at least half of the
// page's paragraph text; teaser cards marked <article> do not.
func articleRoot(doc *goquery.Document) (*html.Node, string) {
	body := doc.Find("body").Get(0)
	if body == nil {
		body = doc.Get(0)
	}
	total := paragraphChars(body)
	for _, c := range []struct{ sel, name string }{
		{`[itemprop="articleBody"]`, "schema.org articleBody"},
		{"article", "<article>"},
		{`main, [role="main"]`, "<main>"},
	} {
		if n := mostText(doc.Find(c.sel)); n != nil && 2*paragraphChars(n) >= total {
			return n, c.name
		}
	}
	if n := paragraphContainer(body, total); n != nil {
		return n, "element holding the paragraphs"
	}
	return body, "<body>"
}

// mostText returns the selected node with the most paragraph text.
func mostText(s *goquery.Selection) *html.Node {
	var best *html.Node
	bestN := -1
	for _, n := range s.Nodes {
		if c := paragraphChars(n); c > bestN {
			best, bestN = n, c
		}
	}
	return best
}

// paragraphChars counts the text of <p> elements under n.
func paragraphChars(n *html.Node) int {
	total := 0
	forEachParagraph(n, func(p *html.Node, chars int) { total += chars })
	return total
}

func forEachParagraph(n *html.Node, f func(p *html.Node, chars int)) {
	if n.Type == html.ElementNode && (skipped[n.DataAtom] || hidden(n)) {
		return
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.P {
		f(n, len(strings.TrimSpace(textOf(n))))
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		forEachParagraph(c, f)
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (skipped[n.DataAtom] || hidden(n)) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// paragraphContainer finds the parent of the most paragraph text, then
// climbs while the parent holds clearly more paragraph text (a quarter
// more), so paragraphs split across sibling blocks, with furniture between,
// stay in while a sidebar beside the article does not pull it up.
func paragraphContainer(body *html.Node, total int) *html.Node {
	if total == 0 {
		return nil
	}
	score := map[*html.Node]int{}
	var best *html.Node
	forEachParagraph(body, func(p *html.Node, chars int) {
		if p.Parent == nil {
			return
		}
		score[p.Parent] += chars
		if best == nil || score[p.Parent] > score[best] {
			best = p.Parent
		}
	})
	for best != nil && best != body && best.Parent != nil &&
		4*paragraphChars(best.Parent) >= 5*paragraphChars(best) {
		best = best.Parent
	}
	return best
}

func pageTitle(doc *goquery.Document) string {
	for _, sel := range []string{`meta[property="og:title"]`, `meta[name="twitter:title"]`} {
		if v, ok := doc.Find(sel).First().Attr("content"); ok && strings.TrimSpace(v) != "" {
			return collapse(v)
		}
	}
	if t := collapse(doc.Find("title").First().Text()); t != "" {
		return t
	}
	return collapse(doc.Find("h1").First().Text())
}

func pageURL(doc *goquery.Document) string {
	if v, ok := doc.Find(`link[rel="canonical"]`).First().Attr("href"); ok && strings.TrimSpace(v) != "" {
		return strings.TrimSpace(v)
	}
	v, _ := doc.Find(`meta[property="og:url"]`).First().Attr("content")
	return strings.TrimSpace(v)
}

// collapse folds runs of white space into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
