package readers

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipped elements carry no reader-visible text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Canvas: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Head: true, atom.Select: true,
	atom.Textarea: true, atom.Input: true, atom.Img: true, atom.Audio: true,
	atom.Video: true, atom.Picture: true, atom.Source: true, atom.Track: true,
}

// blocks start and end a paragraph of the extracted text.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true,
	atom.Details: true, atom.Dialog: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true,
	atom.Hr: true, atom.Legend: true, atom.Li: true, atom.Main: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
	atom.Tr: true, atom.Ul: true, atom.Html: true,
}

// cells are separated by a space inside their row.
var cells = map[atom.Atom]bool{atom.Td: true, atom.Th: true}

// paragraphText turns an HTML subtree into plain text the way a reader sees
// it: one paragraph per block element, separated by blank lines; <br> breaks
// a line; runs of HTML white space collapse to one space. Non-breaking
// spaces are kept: French typography rules look at them.
func paragraphText(root *html.Node) string {
	var t textWriter
	t.walk(root, false)
	t.endParagraph()
	return strings.Join(t.paras, "\n\n")
}

type textWriter struct {
	paras []string
	lines []string
	cur   strings.Builder
	space bool // a collapsed space is pending before the next word
}

func (t *textWriter) walk(n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		t.text(n.Data, pre)
		return
	case html.ElementNode:
		if skipped[n.DataAtom] || hidden(n) {
			return
		}
		switch {
		case n.DataAtom == atom.Br:
			t.endLine()
			return
		case blocks[n.DataAtom]:
			t.endParagraph()
			defer t.endParagraph()
		case cells[n.DataAtom]:
			t.space = true
			defer func() { t.space = true }()
		}
		if n.DataAtom == atom.Pre {
			pre = true
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t.walk(c, pre)
	}
}

func (t *textWriter) text(s string, pre bool) {
	for _, r := range s {
		switch {
		case pre && r == '\n':
			t.endLine()
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f':
			t.space = true
		default:
			if t.space && t.cur.Len() > 0 {
				t.cur.WriteByte(' ')
			}
			t.space = false
			t.cur.WriteRune(r)
		}
	}
}

func (t *textWriter) endLine() {
	if t.cur.Len() > 0 {
		t.lines = append(t.lines, t.cur.String())
		t.cur.Reset()
	}
	t.space = false
}

func (t *textWriter) endParagraph() {
	t.endLine()
	if len(t.lines) > 0 {
		t.paras = append(t.paras, strings.Join(t.lines, "\n"))
		t.lines = t.lines[:0]
	}
}

// hidden reports elements a reader never sees.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true
			}
		case "style":
			s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}
