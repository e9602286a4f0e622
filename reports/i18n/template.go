package i18n

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// A message template is an English message with numbered placeholders,
// "Paragraph repeats the text at line {1}", as a rule produces it with
// fmt.Sprintf. It matches a produced message when the literal parts match
// exactly and each placeholder captures at least one character; the
// translation then uses the captured parts, "{1}", or a form of a term,
// "{1:adj}" (see Catalog.Terms).

// piece is a literal run of text or a placeholder.
type piece struct {
	lit  string
	slot int    // > 0 for a placeholder
	form string // in a translation, the term's form it asks for ("adj"); in an English template, the type ("num")
}

// numType is the one placeholder type of English templates: {3:num}
// captures a number only, which tells "{2} {3:num} times" apart where two
// captures are separated by a space alone.
const numType = "num"

// numPattern is what {n:num} captures.
const numPattern = `(\d+(?:[.,]\d+)?)`

// parsePieces splits a template at its placeholders. Two placeholders side
// by side are an error: nothing would tell where one capture ends.
func parsePieces(s string) ([]piece, error) {
	var out []piece
	var lit strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c == '}' {
			return nil, fmt.Errorf("stray %q at byte %d", "}", i)
		}
		if c != '{' {
			lit.WriteByte(c)
			i++
			continue
		}
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return nil, fmt.Errorf("unclosed placeholder at byte %d", i)
		}
		body := s[i+1 : i+end]
		num, form, _ := strings.Cut(body, ":")
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 || n > 99 || num != strconv.Itoa(n) {
			return nil, fmt.Errorf("bad placeholder {%s}: want {1}, {2}… or {1:form}", body)
		}
		if form != "" && !validForm(form) {
			return nil, fmt.Errorf("bad form %q in {%s}: letters, digits and _ only", form, body)
		}
		if lit.Len() > 0 {
			out = append(out, piece{lit: lit.String()})
			lit.Reset()
		} else if len(out) > 0 && out[len(out)-1].slot > 0 {
			return nil, fmt.Errorf("placeholders {%d} and {%s} side by side: put text between them", out[len(out)-1].slot, body)
		}
		out = append(out, piece{slot: n, form: form})
		i += end + 1
	}
	if lit.Len() > 0 {
		out = append(out, piece{lit: lit.String()})
	}
	return out, nil
}

func validForm(s string) bool {
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// slots returns the placeholder numbers of pieces, in order.
func slots(ps []piece) []int {
	var out []int
	for _, p := range ps {
		if p.slot > 0 {
			out = append(out, p.slot)
		}
	}
	return out
}

// template is one compiled catalog entry.
type template struct {
	source string  // the English template as written
	out    []piece // the translation
	line   int     // of the entry, for errors

	// For templates with placeholders: the pattern, compiled on first use
	// (compiling every language's at load time was a sixth of the start-up).
	reSrc  string
	reOnce sync.Once
	re     *regexp.Regexp
	groups []int  // placeholder number of each capture group
	prefix string // first literal, its first letter folded ("" when the template opens with a placeholder)
	suffix string // last literal ("" when it ends with a placeholder)
	litLen int    // bytes of literal text: the more, the more specific
}

// compileTemplate compiles an English template and its translation.
func compileTemplate(source, translation string, line int) (*template, error) {
	src, err := parsePieces(source)
	if err != nil {
		return nil, fmt.Errorf("template: %v", err)
	}
	out, err := parsePieces(translation)
	if err != nil {
		return nil, fmt.Errorf("translation: %v", err)
	}
	have := map[int]bool{}
	for i, p := range src {
		if p.slot == 0 {
			continue
		}
		if p.form != "" && p.form != numType {
			return nil, fmt.Errorf("template: {%d:%s}: the only type of an English placeholder is {%d:%s}; forms belong in translations", p.slot, p.form, p.slot, numType)
		}
		if have[p.slot] {
			return nil, fmt.Errorf("template: {%d} appears twice", p.slot)
		}
		have[p.slot] = true
		_ = i
	}
	for n := 1; n <= len(have); n++ {
		if !have[n] {
			return nil, fmt.Errorf("template: placeholders must be numbered {1} to {%d}; {%d} is missing", len(have), n)
		}
	}
	for _, p := range out {
		if p.slot > 0 && !have[p.slot] {
			return nil, fmt.Errorf("translation uses {%d}, which the English template does not have", p.slot)
		}
	}
	t := &template{source: source, out: out, line: line}
	if len(have) == 0 {
		return t, nil
	}
	var re strings.Builder
	re.WriteString(`^`)
	for i, p := range src {
		if p.slot > 0 {
			if p.form == numType {
				re.WriteString(numPattern)
			} else {
				re.WriteString(`(.+?)`)
			}
			t.groups = append(t.groups, p.slot)
			continue
		}
		t.litLen += len(p.lit)
		lit := p.lit
		if i == 0 {
			// The first letter matches in either case: a message joined
			// into a list ("…; no space before »") lowers it.
			r, size := utf8.DecodeRuneInString(lit)
			if lo, up := unicode.ToLower(r), unicode.ToUpper(r); lo != up {
				re.WriteString(`[` + regexp.QuoteMeta(string(lo)) + regexp.QuoteMeta(string(up)) + `]`)
				lit = lit[size:]
			}
			t.prefix = lowerFirst(p.lit)
		}
		re.WriteString(regexp.QuoteMeta(lit))
	}
	re.WriteString(`$`)
	if last := src[len(src)-1]; last.slot == 0 {
		t.suffix = last.lit
	}
	if t.litLen < minLiteral {
		return nil, fmt.Errorf("template: %d bytes of text besides the placeholders; it would match too much (at least %d)", t.litLen, minLiteral)
	}
	// (?s): a capture may hold a line end (a quoted span).
	t.reSrc = `(?s)` + re.String()
	return t, nil
}

// minLiteral is the least literal text a template with placeholders must
// hold, so that "{1}" or "{1}: {2}" cannot swallow every message.
const minLiteral = 8

// match returns the captured parts by placeholder number, or nil. folded
// is msg with its first letter in lower case.
func (t *template) match(msg, folded string) map[int]string {
	if t.prefix != "" && !strings.HasPrefix(folded, t.prefix) {
		return nil
	}
	if !strings.HasSuffix(msg, t.suffix) {
		return nil
	}
	t.reOnce.Do(func() { t.re = regexp.MustCompile(t.reSrc) })
	m := t.re.FindStringSubmatch(msg)
	if m == nil {
		return nil
	}
	got := make(map[int]string, len(t.groups))
	for i, n := range t.groups {
		got[n] = m[i+1]
	}
	return got
}

// render writes the translation with the captured parts; terms translate
// a captured part that is one of the catalog's terms.
func (t *template) render(args map[int]string, terms *termTable) string {
	var b strings.Builder
	for _, p := range t.out {
		if p.slot == 0 {
			b.WriteString(p.lit)
			continue
		}
		b.WriteString(terms.translate(args[p.slot], p.form))
	}
	return b.String()
}

// openingCase sets the case of out's first letter: a capital when the
// message opens with one (a translation that opens with a term, German
// "{1:adj_s} Wort"), a small letter when the message lowered a template
// written with a capital (a list part, "…; no space before »"); else out
// keeps the translation's own.
func openingCase(out, template, msg string) string {
	tr, _ := utf8.DecodeRuneInString(template)
	mr, _ := utf8.DecodeRuneInString(msg)
	switch {
	case unicode.IsUpper(mr):
		return upperFirst(out)
	case unicode.IsLower(mr) && unicode.IsUpper(tr):
		return lowerFirst(out)
	}
	return out
}

func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if lo := unicode.ToLower(r); lo != r {
		return string(lo) + s[size:]
	}
	return s
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if up := unicode.ToUpper(r); up != r {
		return string(up) + s[size:]
	}
	return s
}
