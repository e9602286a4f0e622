package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// LanguageTool counts offsets in Java String indices: UTF-16 code units
// (RuleMatch.getFromPos; the JSON "offset" and "length" of a match), so a
// character outside the Basic Multilingual Plane (an emoji, 𝒳) counts two.
// mtaudit's findings hold byte offsets into UTF-8 text. ltText converts,
// and maps positions in the text the rules read (the "plain" text: text
// parts and markup's interpretAs) back to the text the client sent (text
// and markup), as LanguageTool's AnnotatedText does.
type ltText struct {
	plain    string      // what is audited
	original []uint16    // what the client sent, markup included, in UTF-16
	parts    []ltPart    // in order, covering plain and original
	u16      utf16Offset // byte offset → UTF-16 offset in plain
}

// ltPart is a run of text (plain and original are the same characters) or
// of markup (plain holds interpretAs, original the markup).
type ltPart struct {
	markup             bool
	plainStart         int // bytes into plain
	plainEnd           int
	origStart, origEnd int // UTF-16 units into original
}

// ltAnnotation is one item of the "data" parameter:
// {"annotation": [{"text": "…"}, {"markup": "<b>", "interpretAs": "\n"}]}.
type ltAnnotation struct {
	Text        *string `json:"text"`
	Markup      *string `json:"markup"`
	InterpretAs string  `json:"interpretAs"`
}

// newPlainLTText is a text without markup.
func newPlainLTText(text string) *ltText {
	t := &ltText{plain: text, original: utf16.Encode([]rune(text))}
	t.parts = []ltPart{{plainEnd: len(text), origEnd: len(t.original)}}
	t.u16 = newUTF16Offset(text)
	return t
}

// parseLTData reads the "data" parameter. Each item is text or markup,
// never both, as LanguageTool requires.
func parseLTData(data string) (*ltText, error) {
	var doc struct {
		Annotation []ltAnnotation `json:"annotation"`
	}
	dec := json.NewDecoder(strings.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("'data' is not valid JSON: %s", jsonProblem(err))
	}
	if doc.Annotation == nil {
		return nil, errors.New("'data' needs an 'annotation' array")
	}
	var plain strings.Builder
	var orig []uint16
	t := &ltText{}
	for i, a := range doc.Annotation {
		p := ltPart{plainStart: plain.Len(), origStart: len(orig)}
		switch {
		case a.Text != nil && a.Markup != nil:
			return nil, fmt.Errorf("'data' annotation %d has both 'text' and 'markup'", i)
		case a.Text != nil:
			plain.WriteString(*a.Text)
			orig = append(orig, utf16.Encode([]rune(*a.Text))...)
		case a.Markup != nil:
			p.markup = true
			plain.WriteString(a.InterpretAs)
			orig = append(orig, utf16.Encode([]rune(*a.Markup))...)
		default:
			return nil, fmt.Errorf("'data' annotation %d has neither 'text' nor 'markup'", i)
		}
		p.plainEnd, p.origEnd = plain.Len(), len(orig)
		t.parts = append(t.parts, p)
	}
	t.plain, t.original = plain.String(), orig
	t.u16 = newUTF16Offset(t.plain)
	return t, nil
}

// span maps a finding's byte span in plain to UTF-16 offsets in original.
// A span starting or ending inside markup's interpretAs takes the whole
// markup on that side.
func (t *ltText) span(start, end int) (from, to int) {
	from, to = t.pos(start, false), t.pos(end, true)
	// An empty span at markup that reads as nothing maps past it on one
	// side and before it on the other: keep it empty.
	return from, max(from, to)
}

// pos maps one byte offset. A start at a boundary belongs to the part
// beginning there, an end to the part ending there, so that spans never
// take in markup they do not touch.
func (t *ltText) pos(b int, isEnd bool) int {
	i := sort.Search(len(t.parts), func(i int) bool {
		if isEnd {
			return t.parts[i].plainEnd >= b
		}
		return t.parts[i].plainEnd > b
	})
	if i == len(t.parts) {
		return len(t.original)
	}
	p := t.parts[i]
	if !isEnd {
		// Skip markup that is empty in plain (interpretAs "") sitting at b.
		for p.plainStart == p.plainEnd && i+1 < len(t.parts) {
			i++
			p = t.parts[i]
		}
	}
	if p.markup {
		if isEnd {
			return p.origEnd
		}
		return p.origStart
	}
	return p.origStart + t.u16.at(b) - t.u16.at(p.plainStart)
}

// contextSize is LanguageTool's default context: characters each side.
const ltContextSize = 40

// context is LanguageTool's ContextTools.getContext on the original text:
// up to 40 UTF-16 units each side of the match, "..." where cut, newlines
// as spaces; offset and length locate the match in it. A cut never splits
// a surrogate pair.
func (t *ltText) context(from, to int) ltContext {
	start, prefix := from-ltContextSize, "..."
	if start <= 0 {
		start, prefix = 0, ""
	} else if isLowSurrogate(t.original[start]) {
		start--
	}
	end, postfix := to+ltContextSize, "..."
	if end >= len(t.original) {
		end, postfix = len(t.original), ""
	} else if end > 0 && isHighSurrogate(t.original[end-1]) {
		end++
	}
	units := make([]uint16, 0, end-start)
	for _, u := range t.original[start:end] {
		if u == '\n' {
			u = ' '
		}
		units = append(units, u)
	}
	return ltContext{
		Text:   prefix + string(utf16.Decode(units)) + postfix,
		Offset: len(prefix) + from - start,
		Length: to - from,
	}
}

func isHighSurrogate(u uint16) bool { return 0xD800 <= u && u < 0xDC00 }
func isLowSurrogate(u uint16) bool  { return 0xDC00 <= u && u < 0xE000 }

// utf16Offset answers "how many UTF-16 units precede byte b" in constant
// time per call after one linear pass: a rune is one unit, two when its
// UTF-8 form has four bytes (every rune above U+FFFF, and only those). It
// keeps a checkpoint every utf16Step bytes and counts from the nearest.
type utf16Offset struct {
	text   string
	checks []int // units before byte k*utf16Step
}

const utf16Step = 64

func newUTF16Offset(text string) utf16Offset {
	o := utf16Offset{text: text, checks: make([]int, 0, len(text)/utf16Step+1)}
	n := 0
	for i := 0; i < len(text); i++ {
		if i%utf16Step == 0 {
			o.checks = append(o.checks, n)
		}
		n += utf16Units(text[i])
	}
	if len(text)%utf16Step == 0 {
		o.checks = append(o.checks, n)
	}
	return o
}

// utf16Units is what the rune starting with byte c adds: 0 for a
// continuation byte, 2 for a four-byte leader, else 1.
func utf16Units(c byte) int {
	switch {
	case !utf8.RuneStart(c):
		return 0
	case c >= 0xF0:
		return 2
	}
	return 1
}

// at is the UTF-16 offset of byte offset b (0 ≤ b ≤ len(text)).
func (o utf16Offset) at(b int) int {
	b = min(max(b, 0), len(o.text))
	k := b / utf16Step
	n := o.checks[k]
	for i := k * utf16Step; i < b; i++ {
		n += utf16Units(o.text[i])
	}
	return n
}
