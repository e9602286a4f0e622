package audit

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Edit replaces the bytes [Start, End) with New.
type Edit struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	New   string `json:"new"`
}

// Fix is a safe repair: a verb-phrase message and the edits that make it.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// Validate checks that the edits are sorted, within [0, size) and do not
// overlap. It is the part of ValidateFor that needs no text.
func (f Fix) Validate(size int) error {
	if strings.TrimSpace(f.Message) == "" {
		return fmt.Errorf("fix has no message")
	}
	if len(f.Edits) == 0 {
		return fmt.Errorf("fix %q has no edits", f.Message)
	}
	prev := -1
	for i, e := range f.Edits {
		if e.Start < 0 || e.End < e.Start || e.End > size {
			return fmt.Errorf("fix %q: edit %d [%d,%d) out of bounds (size %d)", f.Message, i, e.Start, e.End, size)
		}
		if e.Start < prev {
			return fmt.Errorf("fix %q: edit %d [%d,%d) overlaps or is out of order", f.Message, i, e.Start, e.End)
		}
		prev = e.End
	}
	return nil
}

// ValidateFor checks a fix against the document it is for: the checks of
// Validate, plus every edit outside the byte-order mark, on UTF-8
// boundaries, never between the two bytes of a CRLF, and replacement text
// that keeps the article valid text. The engine drops a rule's fix that
// fails it; the fix command checks again before applying.
func (f Fix) ValidateFor(doc *Document) error {
	if err := f.Validate(len(doc.Text)); err != nil {
		return err
	}
	for i, e := range f.Edits {
		if e.Start < doc.Body {
			return fmt.Errorf("fix %q: edit %d touches the byte-order mark", f.Message, i)
		}
		if !runeBoundary(doc.Text, e.Start) || !runeBoundary(doc.Text, e.End) {
			return fmt.Errorf("fix %q: edit %d [%d,%d) splits a UTF-8 character", f.Message, i, e.Start, e.End)
		}
		if insideCRLF(doc.Text, e.Start) || insideCRLF(doc.Text, e.End) {
			return fmt.Errorf("fix %q: edit %d [%d,%d) splits a CRLF line end", f.Message, i, e.Start, e.End)
		}
		if !utf8.ValidString(e.New) || strings.IndexByte(e.New, 0) >= 0 {
			return fmt.Errorf("fix %q: edit %d inserts bytes that are not text", f.Message, i)
		}
	}
	return nil
}

func runeBoundary(s string, off int) bool { return off == len(s) || utf8.RuneStart(s[off]) }

// insideCRLF reports whether off falls between the "\r" and "\n" of a line end.
func insideCRLF(s string, off int) bool {
	return off > 0 && off < len(s) && s[off-1] == '\r' && s[off] == '\n'
}

// DeleteFix is the fix that removes [start, end) and leaves the text
// around it well laid out. When the span is whole lines, the lines go with
// their line end and one adjoining blank line, so no double gap is left
// (at the end of the text, the blank lines before go instead); otherwise
// the span goes with the horizontal space after it (or before it, at the
// end of a line). Every rule that deletes scraped or repeated text uses it.
func DeleteFix(doc *Document, start, end int, msg string) Fix {
	t := doc.Text
	ls := start
	for ls > doc.Body && t[ls-1] != '\n' && hspace(t[ls-1]) {
		ls--
	}
	le := end
	for le < len(t) && t[le] != '\n' && (hspace(t[le]) || t[le] == '\r') {
		le++
	}
	wholeLines := (ls == doc.Body || t[ls-1] == '\n') && (le == len(t) || t[le] == '\n')
	if !wholeLines {
		ds, de := start, end
		if n := skipSpaceForward(t, end); n > end && n < len(t) && t[n] != '\n' && t[n] != '\r' {
			de = n
		} else {
			ds = skipSpaceBack(t, start, doc.Body)
		}
		return Fix{Message: msg, Edits: []Edit{{Start: ds, End: de}}}
	}
	if le < len(t) {
		le++ // the line end
		// One blank line after it goes too.
		k := le
		for k < len(t) && (hspace(t[k]) || t[k] == '\r') {
			k++
		}
		if k < len(t) && t[k] == '\n' {
			le = k + 1
		} else if k == len(t) && k > le {
			le = k
		}
		if le == len(t) && ls > doc.Body {
			// Nothing follows: remove the blank lines before instead,
			// keeping the line end of the text before.
			ls = skipOneBreak(t, trimBlankBack(t, ls, doc.Body))
		}
	} else {
		ls = trimBlankBack(t, ls, doc.Body)
	}
	return Fix{Message: msg, Edits: []Edit{{Start: ls, End: le}}}
}

func hspace(c byte) bool { return c == ' ' || c == '\t' }

// skipOneBreak moves i past one line end, if one starts there.
func skipOneBreak(t string, i int) int {
	if strings.HasPrefix(t[i:], "\r\n") {
		return i + 2
	}
	if strings.HasPrefix(t[i:], "\n") {
		return i + 1
	}
	return i
}

// trimBlankBack moves i back over line ends and blank space before it.
func trimBlankBack(t string, i, floor int) int {
	for i > floor {
		c := t[i-1]
		if c == '\n' || c == '\r' || hspace(c) {
			i--
			continue
		}
		break
	}
	return i
}

func isSpaceRune(r rune) bool { return r == ' ' || r == '\t' || r == '\u00A0' || r == '\u202F' }

func skipSpaceForward(t string, i int) int {
	for i < len(t) {
		r, n := utf8.DecodeRuneInString(t[i:])
		if !isSpaceRune(r) {
			break
		}
		i += n
	}
	return i
}

func skipSpaceBack(t string, i, floor int) int {
	for i > floor {
		r, n := utf8.DecodeLastRuneInString(t[:i])
		if !isSpaceRune(r) {
			break
		}
		i -= n
	}
	return i
}
