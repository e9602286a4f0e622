package fix

import (
	"fmt"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Context is the number of unchanged lines shown around each change.
const Context = 3

// lineOp is one line of a line-level diff: ' ' kept, '-' removed, '+' added.
// The line keeps its end ("\n", "\r\n", or none for a last line without one).
type lineOp struct {
	op   byte
	text string
}

// Unified returns a unified diff turning old into new, with name on both
// header lines as `gofmt -d` does, so that `patch -p0` run from the
// directory the name is relative to applies it. It returns "" when the texts
// are equal. Line ends are kept byte for byte ("\r\n" stays), and a last
// line without one is marked "\ No newline at end of file".
func Unified(name, old, new string) string {
	if old == new {
		return ""
	}
	ops := lineDiff(old, new)
	var b strings.Builder
	q := quoteName(name)
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", q, q)
	for _, h := range hunks(ops, Context) {
		writeHunk(&b, ops, h)
	}
	return b.String()
}

// lineDiff diffs two texts line by line with go-diff's line mode: each line
// becomes one rune, the runes are diffed, and the runes turned back into lines.
func lineDiff(old, new string) []lineOp {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // a minimal diff; line runes keep it cheap
	a, b, lines := dmp.DiffLinesToRunes(old, new)
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(a, b, false), lines)
	var ops []lineOp
	var del, ins []lineOp // a run of changes: removals shown before additions
	flush := func() {
		ops = append(append(ops, del...), ins...)
		del, ins = del[:0], ins[:0]
	}
	for _, d := range diffs {
		for _, l := range splitLines(d.Text) {
			switch d.Type {
			case diffmatchpatch.DiffEqual:
				flush()
				ops = append(ops, lineOp{' ', l})
			case diffmatchpatch.DiffDelete:
				del = append(del, lineOp{'-', l})
			case diffmatchpatch.DiffInsert:
				ins = append(ins, lineOp{'+', l})
			}
		}
	}
	flush()
	return ops
}

// splitLines cuts text after each "\n"; only the last piece may lack one.
func splitLines(text string) []string {
	if text == "" {
		return nil
	}
	ls := strings.SplitAfter(text, "\n")
	if ls[len(ls)-1] == "" {
		ls = ls[:len(ls)-1]
	}
	return ls
}

// hunk is a range [from, to) of ops shown together.
type hunk struct{ from, to int }

// hunks groups changes whose unchanged gap is at most 2*context lines, each
// group padded with up to context unchanged lines on either side.
func hunks(ops []lineOp, context int) []hunk {
	var hs []hunk
	lastChange := -1
	for i, o := range ops {
		if o.op == ' ' {
			continue
		}
		if lastChange >= 0 && i-lastChange-1 <= 2*context {
			hs[len(hs)-1].to = min(len(ops), i+1+context)
		} else {
			hs = append(hs, hunk{from: max(0, i-context), to: min(len(ops), i+1+context)})
		}
		lastChange = i
	}
	return hs
}

func writeHunk(b *strings.Builder, ops []lineOp, h hunk) {
	oldLine, newLine := 1, 1 // 1-based numbers of the hunk's first lines
	for _, o := range ops[:h.from] {
		if o.op != '+' {
			oldLine++
		}
		if o.op != '-' {
			newLine++
		}
	}
	var oldCount, newCount int
	for _, o := range ops[h.from:h.to] {
		if o.op != '+' {
			oldCount++
		}
		if o.op != '-' {
			newCount++
		}
	}
	fmt.Fprintf(b, "@@ -%s +%s @@\n", hunkRange(oldLine, oldCount), hunkRange(newLine, newCount))
	for _, o := range ops[h.from:h.to] {
		b.WriteByte(o.op)
		b.WriteString(o.text)
		if !strings.HasSuffix(o.text, "\n") {
			b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange formats a hunk side as GNU diff does: "l" for one line, "l,n"
// otherwise, and for an empty side the line before it.
func hunkRange(line, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", line-1)
	case 1:
		return fmt.Sprint(line)
	}
	return fmt.Sprintf("%d,%d", line, count)
}

// quoteName writes a file name as GNU diff and patch read it: as is when it
// is plain, else in double quotes with C escapes.
func quoteName(name string) string {
	plain := name != ""
	for i := 0; i < len(name); i++ {
		if c := name[i]; c <= ' ' || c == '"' || c == '\\' || c == 0x7f {
			plain = false
			break
		}
	}
	if plain {
		return name
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < ' ' || c == 0x7f:
			fmt.Fprintf(&b, `\%03o`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
