package reports

import (
	"strings"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/reports/i18n"
)

// Reports speak the editor's language: Options.Messages picks the catalog
// (reports/i18n) that translates each article's messages, suggestions and
// labels at print time. Under "auto", the default, an article's report is
// in the article's language, English where a message has no translation
// yet; the run's own text (the summary line, a batch table, a page's head)
// is in the configured target language, else the first article's.
//
// JSON, JSON lines and SARIF keep the English messages, which other tools
// read; with LocalizeJSON the JSON formats add the translated text beside
// them (FindingJSON.MessageLocalized).

// catalog returns the catalog for an article in docLang.
func (o *Options) catalog(docLang string) *i18n.Catalog {
	return i18n.For(o.Messages, docLang)
}

// runCatalog returns the catalog for the run's own text: the chosen
// language, else under auto the configured target, else firstLang (the
// first article's).
func (o *Options) runCatalog(firstLang string) *i18n.Catalog {
	if o.Lang != "" {
		return i18n.For(o.Messages, o.Lang)
	}
	return i18n.For(o.Messages, firstLang)
}

// articleLang is the language an article's report is in under auto: its
// own, when it was audited.
func articleLang(r *audit.Result) string {
	if r == nil || r.Doc == nil {
		return ""
	}
	return r.Doc.Lang
}

func verdictName(c *i18n.Catalog, v string) string {
	if v == "" {
		return c.Label("verdict.none")
	}
	return c.Label("verdict." + v)
}

func severityName(c *i18n.Catalog, s audit.Severity) string {
	return c.Label("severity." + s.String())
}

// severityWord names a severity given by name; an unknown name stays as it is.
func severityWord(c *i18n.Catalog, name string) string {
	if _, err := audit.ParseSeverity(name); err != nil {
		return name
	}
	return c.Label("severity." + name)
}

// categoryName names a category; one outside the nine stays as it is.
func categoryName(c *i18n.Catalog, cat string) string {
	if !audit.Category(cat).Valid() {
		return cat
	}
	return c.Label("category." + cat)
}

func sourceName(c *i18n.Catalog, src string) string {
	switch src {
	case audit.SourceRule, audit.SourceLLM:
		return c.Label("source." + src)
	}
	return src
}

// sourceNames joins a finding's sources ("llm + rule").
func sourceNames(c *i18n.Catalog, srcs []string) string {
	out := make([]string, len(srcs))
	for i, s := range srcs {
		out[i] = sourceName(c, s)
	}
	return strings.Join(out, " + ")
}

// capitalise upper-cases the first letter, for headings.
func capitalise(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// localMessage is a finding's message in the catalog's language; an empty
// message says which rule flagged the span.
func localMessage(c *i18n.Catalog, f *audit.Finding) string {
	if f.Message == "" {
		return ""
	}
	return c.Message(f.Message)
}

// formatParts fills a label for a format with markup: its text goes
// through esc, the values (name, value pairs, already in the format) go in
// as they are.
func formatParts(c *i18n.Catalog, key string, esc func(string) string, args ...string) string {
	var b strings.Builder
	for _, p := range c.Parts(key) {
		if p.Arg == "" {
			b.WriteString(esc(p.Text))
			continue
		}
		v := "{" + p.Arg + "}"
		for i := 0; i+1 < len(args); i += 2 {
			if args[i] == p.Arg {
				v = args[i+1]
			}
		}
		b.WriteString(v)
	}
	return b.String()
}
