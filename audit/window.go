package audit

import (
	"sort"
	"strings"
)

// WindowBytes bounds the text the per-document rules see at once. A
// document longer than that (no news article is: they run to tens of
// kilobytes) is audited one window of whole paragraphs at a time, so that
// what the rules build per document (tokens, normalised views, indexes:
// tens of times the text) is bounded by the window, and time stays linear
// in the input whatever any rule's cost per document. The price: checks
// across a document (a paragraph repeated, a name spelled two ways) only
// compare text inside one window.
const WindowBytes = 128 << 10

// windowSpans cuts text into consecutive spans of at most size bytes (more
// only when no boundary can be found), preferring a paragraph start, then
// a sentence start, a line start, a space, and never splitting a rune or a
// CRLF. Only the upper half of a window is searched for a cut, so no
// window is shorter than size/2 but the last.
func windowSpans(d *Document, size int) []Span {
	t := d.Text
	if len(t) <= size {
		return []Span{{0, len(t)}}
	}
	var out []Span
	for start := 0; start < len(t); {
		if len(t)-start <= size {
			out = append(out, Span{start, len(t)})
			break
		}
		cut := windowCut(d, start+size/2, start+size)
		out = append(out, Span{start, cut})
		start = cut
	}
	return out
}

// windowCut picks a cut in (lo, hi].
func windowCut(d *Document, lo, hi int) int {
	// The last start in (lo, hi] among sorted spans.
	last := func(n int, start func(int) int) int {
		i := sort.Search(n, func(i int) bool { return start(i) > hi }) - 1
		if i >= 0 && start(i) > lo {
			return start(i)
		}
		return -1
	}
	if c := last(len(d.Paragraphs), func(i int) int { return d.Paragraphs[i].Start }); c > 0 {
		return c
	}
	if c := last(len(d.Sentences), func(i int) int { return d.Sentences[i].Start }); c > 0 {
		return c
	}
	if c := last(len(d.Lines), func(i int) int { return d.Lines[i].Start }); c > 0 {
		return c
	}
	t := d.Text
	if i := strings.LastIndexAny(t[lo:hi], " \t\n"); i >= 0 {
		return lo + i + 1
	}
	c := hi
	for c > lo && (t[c]&0xC0 == 0x80 || (t[c] == '\n' && t[c-1] == '\r')) {
		c--
	}
	if c == lo {
		c = hi // no boundary at all in half a window (cannot happen with valid UTF-8)
	}
	return c
}

// window is the part of a document the rules audit at once: a Document
// over a slice of the text, and where that slice starts.
type window struct {
	doc *Document
	off int
}

// eachWindow calls f with each window of doc, in order. A document that
// fits is its own window. The windows share one Document value, refilled
// for each: rule caches keyed by the document (which check its text) then
// hold one window at a time, not the last sixteen.
func eachWindow(doc *Document, size int, f func(window)) {
	spans := windowSpans(doc, size)
	if len(spans) == 1 {
		f(window{doc: doc})
		return
	}
	w := &Document{}
	for _, s := range spans {
		*w = Document{Path: doc.Path, ID: doc.ID, Title: doc.Title, URL: doc.URL, Lang: doc.Lang, Note: doc.Note,
			Text: doc.Text[s.Start:s.End]}
		w.segment()
		f(window{doc: w, off: s.Start})
	}
}

// shift moves a diagnostic made on a window into the whole document.
func (w window) shift(d Diagnostic) Diagnostic {
	if w.off == 0 {
		return d
	}
	d.Start += w.off
	d.End += w.off
	if len(d.Fixes) > 0 {
		fixes := make([]Fix, len(d.Fixes))
		for i, fx := range d.Fixes {
			edits := make([]Edit, len(fx.Edits))
			for k, e := range fx.Edits {
				edits[k] = Edit{Start: e.Start + w.off, End: e.End + w.off, New: e.New}
			}
			fixes[i] = Fix{Message: fx.Message, Edits: edits}
		}
		d.Fixes = fixes
	}
	return d
}
