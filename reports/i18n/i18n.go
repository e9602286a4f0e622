// Package i18n puts mtaudit's reports in the editor's language: the
// findings' messages and suggestions, and the labels around them (report
// headings, verdict, severity and category names, the summary line, the web
// page's buttons).
//
// Language knowledge is data: one catalog per language, data/<lang>.yaml,
// embedded and decoded strictly (README.md gives the format). Rules keep
// producing English messages, many with parts filled in by fmt.Sprintf
// (names, line numbers, quotes, language names); the catalogs translate at
// the edge, at print time: an entry is an English template with numbered
// placeholders,
//
//	'Paragraph repeats the text at line {1}': 'Ce paragraphe reprend le texte de la ligne {1}'
//
// matched against the produced message and rendered with the captured
// parts. A message no template matches is shown as produced: English until
// someone adds its entry, or already the article's language when a rule
// pack wrote it so.
//
// en.yaml holds the labels' English text and defines which labels exist;
// the other catalogs translate them (an unknown label is an error naming
// file:line, a missing one falls back to English).
package i18n

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Auto is the messages setting that follows each article's language.
const Auto = "auto"

// English is the language of the rules' messages and of the fallback.
const English = "en"

// Catalog is one language's translations. It is safe for concurrent use.
type Catalog struct {
	lang   string
	name   string
	source string // file name, for errors

	decimal   string
	pluralOne []int
	listSep   string

	labels map[string]*label
	terms  *termTable
	// exact holds the templates without placeholders, by their text with
	// the first letter folded; patterns the others.
	exact    map[string]*template
	patterns []*template

	english *Catalog // the labels' fallback; nil for English itself
}

// label is one piece of report text: plain, or with plural forms.
type label struct {
	text       string
	one, other string
	plural     bool
	line       int
	names      []string // placeholder names, {n} {rule}
}

// Lang is the catalog's language code ("fr").
func (c *Catalog) Lang() string { return c.lang }

// Name is the language's name in itself ("français"), for menus.
func (c *Catalog) Name() string { return c.name }

// IsEnglish reports whether the catalog is the English one, under which
// messages print as the rules produce them.
func (c *Catalog) IsEnglish() bool { return c.lang == English }

// Translate returns the translation of a message or suggestion the rules
// produced, and whether it has one. A message that is a list of parts
// joined by "; " (typography.spacing joins its reasons so) is translated
// part by part when every part matches a template on its own; else it is
// matched whole ('"x" translates "y"; in French it means…').
func (c *Catalog) Translate(msg string) (string, bool) {
	if c == nil || c.english == nil || msg == "" {
		return msg, false
	}
	if strings.Contains(msg, "; ") {
		parts := strings.Split(msg, "; ")
		all := true
		for i, p := range parts {
			out, ok := c.translateOne(p)
			if !ok {
				all = false
				break
			}
			parts[i] = out
		}
		if all {
			return strings.Join(parts, c.listSep), true
		}
	}
	return c.translateOne(msg)
}

// Message returns the translation of msg, or msg itself when no template
// matches.
func (c *Catalog) Message(msg string) string {
	out, _ := c.Translate(msg)
	return out
}

// translateOne matches one message: an exact template first, else the
// most specific template with placeholders (the most literal text) that
// matches; of equally specific ones, the first in the file.
func (c *Catalog) translateOne(msg string) (string, bool) {
	folded := lowerFirst(msg)
	if t, ok := c.exact[folded]; ok {
		return openingCase(t.render(nil, c.terms), t.source, msg), true
	}
	// Patterns are sorted most specific first (the most literal text).
	for _, t := range c.patterns {
		if args := t.match(msg, folded); args != nil {
			return openingCase(t.render(args, c.terms), t.source, msg), true
		}
	}
	return msg, false
}

// Term translates a word the reports fill in themselves, such as a
// language's English name ("French"); s itself when the catalog has no
// such term.
func (c *Catalog) Term(s string) string {
	if c == nil {
		return s
	}
	return c.terms.translate(s, "")
}

// Label returns a label's text, with named placeholders filled from args
// given as name, value pairs: Label("position", "line", "3", "col", "7").
// A label the catalog lacks comes from English; an unknown label is shown
// as its key in brackets, which the tests catch.
func (c *Catalog) Label(key string, args ...string) string {
	l := c.label(key)
	if l == nil {
		return "[" + key + "]"
	}
	return fill(l.text, args)
}

// Count returns a counted label ("{n} findings") in the plural form n takes.
func (c *Catalog) Count(key string, n int, args ...string) string {
	l := c.label(key)
	if l == nil {
		return "[" + key + "]"
	}
	text := l.text
	if l.plural {
		text = l.other
		if slices.Contains(c.pluralOne, n) {
			text = l.one
		}
	}
	return fill(text, append([]string{"n", strconv.Itoa(n)}, args...))
}

// Plural returns a counted label's two forms and the counts that take the
// first, for code that counts elsewhere (the web page's script).
func (c *Catalog) Plural(key string) (one, other string, oneCounts []int) {
	l := c.label(key)
	if l == nil || !l.plural {
		return c.Label(key), c.Label(key), nil
	}
	return l.one, l.other, slices.Clone(c.pluralOne)
}

// Parts splits a label at its placeholders, for formats that render the
// filled-in parts themselves (HTML markup around a value): each part is a
// literal text, or a placeholder's name in Arg.
func (c *Catalog) Parts(key string) []Part {
	l := c.label(key)
	if l == nil {
		return []Part{{Text: "[" + key + "]"}}
	}
	return splitNamed(l.text)
}

// Part is a piece of a label: literal Text, or the placeholder Arg.
type Part struct{ Text, Arg string }

// Number formats v with prec decimals and the language's decimal mark.
func (c *Catalog) Number(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if c != nil && c.decimal != "." && c.decimal != "" {
		s = strings.Replace(s, ".", c.decimal, 1)
	}
	return s
}

// ListSeparator joins the parts of a list in a sentence ("; ").
func (c *Catalog) ListSeparator() string { return c.listSep }

func (c *Catalog) label(key string) *label {
	if c == nil {
		return nil
	}
	if l, ok := c.labels[key]; ok {
		return l
	}
	if c.english != nil {
		return c.english.label(key)
	}
	return nil
}

// fill replaces {name} placeholders with the values of name, value pairs.
func fill(text string, args []string) string {
	if len(args) == 0 || !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	for _, p := range splitNamed(text) {
		if p.Arg == "" {
			b.WriteString(p.Text)
			continue
		}
		v, ok := lookupArg(args, p.Arg)
		if !ok {
			v = "{" + p.Arg + "}"
		}
		b.WriteString(v)
	}
	return b.String()
}

func lookupArg(args []string, name string) (string, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == name {
			return args[i+1], true
		}
	}
	return "", false
}

// splitNamed splits a label at its {name} placeholders.
func splitNamed(text string) []Part {
	var out []Part
	for text != "" {
		i := strings.IndexByte(text, '{')
		j := -1
		if i >= 0 {
			j = strings.IndexByte(text[i:], '}')
		}
		if i < 0 || j < 0 {
			out = append(out, Part{Text: text})
			break
		}
		if i > 0 {
			out = append(out, Part{Text: text[:i]})
		}
		out = append(out, Part{Arg: text[i+1 : i+j]})
		text = text[i+j+1:]
	}
	return out
}

// placeholderNames lists a label's placeholder names.
func placeholderNames(text string) []string {
	var out []string
	for _, p := range splitNamed(text) {
		if p.Arg != "" && !slices.Contains(out, p.Arg) {
			out = append(out, p.Arg)
		}
	}
	return out
}

// String names the catalog, for errors and logs.
func (c *Catalog) String() string { return fmt.Sprintf("%s (%s)", c.lang, c.source) }
