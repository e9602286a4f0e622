package readers

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/mtaudit/mtaudit/audit"
)

const feedNote = "text extracted from the feed item's %s (HTML stripped); offsets are into the extracted text"

// ReadFeed reads an RSS or Atom feed: each item is an article, its id the
// guid (else the link), its text the content (else the description) with
// the HTML turned into paragraphs. An item without text is an error input.
func ReadFeed(path string, data []byte) (ins []audit.Input) {
	defer recoverInput(path, &ins)
	if bytes.IndexByte(data, 0) >= 0 {
		return []audit.Input{{Path: path, Err: audit.ErrBinary}}
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return []audit.Input{{Path: path, Err: fmt.Errorf("parse feed: %w", err)}}
	}
	if len(feed.Items) == 0 {
		return []audit.Input{{Path: path, Err: errors.New("feed has no items")}}
	}
	for i, it := range feed.Items {
		ins = append(ins, feedItem(path, i+1, it))
	}
	return ins
}

func feedItem(path string, n int, it *gofeed.Item) audit.Input {
	where := path + "#" + strconv.Itoa(n)
	field, body := "content", it.Content
	if strings.TrimSpace(body) == "" {
		field, body = "description", it.Description
	}
	text := fragmentText(body)
	if strings.TrimSpace(text) == "" {
		return audit.Input{Path: where, Err: fmt.Errorf("item %d: no text in content or description", n)}
	}
	d, err := audit.NewDocument(where, []byte(text))
	if err != nil {
		return audit.Input{Path: where, Err: fmt.Errorf("item %d: %w", n, err)}
	}
	d.ID = strings.TrimSpace(it.GUID)
	if d.ID == "" {
		d.ID = strings.TrimSpace(it.Link)
	}
	d.Title = collapse(fragmentText(it.Title))
	d.URL = strings.TrimSpace(it.Link)
	d.Note = fmt.Sprintf(feedNote, field)
	return audit.Input{Path: where, Doc: d}
}

// fragmentText turns an HTML fragment (or plain text, which parses as one
// text node) into paragraphs.
func fragmentText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return ""
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return paragraphText(root)
}
