package rules

import (
	"fmt"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
)

// entryOptions are the keys every kind of entry has. Each kind's entry
// type embeds them and adds its own data (pack_kinds_*.go).
type entryOptions struct {
	ID       string `yaml:"id"`
	Category string `yaml:"category"` // optional: the id's prefix
	Kind     string `yaml:"kind"`

	// The rule's definition: exactly one entry of a rule, in any language,
	// gives these; the others inherit them.
	Severity string `yaml:"severity"`
	Title    string `yaml:"title"`
	Doc      string `yaml:"doc"`

	// The mechanism: an entry that leaves one unset inherits it from the
	// definition.
	Scope      string  `yaml:"scope"`
	Position   string  `yaml:"position"`
	MaxWords   *int    `yaml:"max_words"`
	Lines      string  `yaml:"lines"`
	Case       string  `yaml:"case"`
	Message    string  `yaml:"message"`
	Safe       *bool   `yaml:"safe"`
	Confidence float64 `yaml:"confidence"`

	// The language's own data, never inherited.
	Exclude    []string     `yaml:"exclude"`
	Suggestion string       `yaml:"suggestion"`
	Examples   packExamples `yaml:"examples"`
}

type packExamples struct {
	Trigger []string `yaml:"trigger"`
	OK      []string `yaml:"ok"`
}

func (o *entryOptions) options() *entryOptions { return o }

// defines reports whether the entry is its rule's definition.
func (o *entryOptions) defines() bool { return o.Severity != "" || o.Title != "" || o.Doc != "" }

// inherit fills the mechanism's options o leaves unset from the definition.
func (o *entryOptions) inherit(def *entryOptions) {
	if o.Scope == "" {
		o.Scope = def.Scope
	}
	if o.Position == "" {
		o.Position = def.Position
	}
	if o.MaxWords == nil {
		o.MaxWords = def.MaxWords
	}
	if o.Lines == "" {
		o.Lines = def.Lines
	}
	if o.Case == "" {
		o.Case = def.Case
	}
	if o.Message == "" {
		o.Message = def.Message
	}
	if o.Safe == nil {
		o.Safe = def.Safe
	}
	if o.Confidence == 0 {
		o.Confidence = def.Confidence
	}
}

func (o *entryOptions) safe() bool { return o.Safe != nil && *o.Safe }

// entryKind is one kind's entry type: the shared options plus the kind's
// data, which it checks and compiles into its matcher.
type entryKind interface {
	options() *entryOptions
	// defaults fills the kind's own defaults into options still unset
	// after inheritance.
	defaults(o *entryOptions)
	// compile checks the kind's data and builds its matcher, filing
	// phrases and literals in the language's shared indexes.
	compile(b *kindBuild) kindResult
}

// kindBuild is what a kind's compile sees.
type kindBuild struct {
	opts  *entryOptions // after inheritance and defaults
	node  yamlEntry
	lang  *langPack
	cased bool // case: sensitive
	bad   func(line int, format string, args ...any)
}

// kindResult is a compiled kind.
type kindResult struct {
	kind     packKind // nil when the data has errors
	groups   int      // the submatches $N may name
	suggests bool     // the matcher proposes its own suggestion (acronym)
}

// checkDefinition checks the keys only a rule's definition carries.
func checkDefinition(e *packEntry, bad func(int, string, ...any)) (audit.Severity, bool) {
	o, n := e.opts(), e.node
	ok := true
	sev := audit.Major
	if o.Severity == "" {
		bad(n.line(), "missing severity")
		ok = false
	} else if s, err := audit.ParseSeverity(o.Severity); err != nil {
		bad(n.at("severity"), "%v", err)
		ok = false
	} else {
		sev = s
	}
	if strings.TrimSpace(o.Title) == "" {
		bad(n.line(), "missing title")
		ok = false
	} else if strings.Contains(o.Title, "\n") {
		bad(n.at("title"), "title must be one line")
		ok = false
	}
	if strings.TrimSpace(o.Doc) == "" {
		bad(n.line(), "missing doc (Markdown: what it flags, why, what to do)")
		ok = false
	}
	return sev, ok
}

// buildCheck compiles one language's entry of a rule, inheriting from the
// rule's definition def.
func buildCheck(e, def *packEntry, lp *langPack, errs *packErrors) (*packCheck, bool) {
	before := len(errs.list)
	o := *e.opts()
	if e != def {
		o.inherit(def.opts())
	}
	n := e.node
	bad := func(line int, format string, args ...any) {
		errs.add(e.src.name, line, "rule %s: %s", o.ID, fmt.Sprintf(format, args...))
	}
	if strings.TrimSpace(o.Message) == "" {
		bad(n.line(), "missing message")
	}
	if o.Confidence < 0 || o.Confidence > 1 {
		bad(n.at("confidence"), "confidence %g is not in (0, 1]", o.Confidence)
	}
	checkExamples(&o, n, bad)

	cased := false
	switch o.Case {
	case "", "insensitive":
	case "sensitive":
		cased = true
	default:
		bad(n.at("case"), "case %q: want sensitive or insensitive", o.Case)
	}
	switch o.Scope {
	case "":
		o.Scope = scopeMatch
	case scopeMatch, scopeLine, scopeSentence:
	default:
		bad(n.at("scope"), "scope %q: want match, line or sentence", o.Scope)
	}
	e.kind.defaults(&o)
	switch o.Position {
	case "":
		o.Position = posAnywhere
	case posAnywhere, posLineStart, posLineAlone:
	default:
		bad(n.at("position"), "position %q: want anywhere, line-start or line-alone", o.Position)
	}
	maxWords := 0
	if o.MaxWords != nil {
		maxWords = *o.MaxWords
	}
	if maxWords < 0 {
		bad(n.at("max_words"), "max_words must not be negative")
	}
	switch o.Lines {
	case "":
		o.Lines = linesAny
	case linesAny, linesCaps, linesNotCaps:
	default:
		bad(n.at("lines"), "lines %q: want any, caps or not-caps", o.Lines)
	}

	k := e.kind.compile(&kindBuild{opts: &o, node: n, lang: lp, cased: cased, bad: bad})
	c := &packCheck{
		id: o.ID, kind: k.kind, scope: o.Scope, position: o.Position, maxWords: maxWords, lines: o.Lines,
		message: strings.TrimSpace(o.Message), suggestion: o.Suggestion, safe: o.safe(), confidence: o.Confidence,
	}
	excludeCased := cased
	if k.kind != nil {
		excludeCased = k.kind.cased()
	}
	for i, p := range o.Exclude {
		vr, err := lp.viewRegexp(p, excludeCased)
		if err != nil {
			bad(n.item("exclude", i), "bad exclude pattern %q: %v", p, err)
			continue
		}
		c.exclude = append(c.exclude, vr)
	}
	for _, t := range []struct{ key, tmpl string }{{"message", o.Message}, {"suggestion", o.Suggestion}} {
		if g := groupRefs(t.tmpl); g > k.groups {
			bad(n.at(t.key), "%s refers to $%d but the match has %d groups", t.key, g, k.groups)
		}
	}
	if o.safe() {
		switch {
		case o.Scope == scopeMatch && o.Suggestion == "" && !k.suggests:
			bad(n.at("safe"), "safe: a fix under scope match needs a suggestion")
		case o.Scope != scopeMatch && o.Suggestion != "":
			bad(n.at("safe"), "safe: under scope %s the fix deletes the span; drop the suggestion or the safe flag", o.Scope)
		}
	}
	return c, len(errs.list) == before
}

func checkExamples(o *entryOptions, n yamlEntry, bad func(int, string, ...any)) {
	if len(o.Examples.Trigger) == 0 {
		bad(n.at("examples"), "examples: needs at least one trigger example")
	}
	if len(o.Examples.OK) == 0 {
		bad(n.at("examples"), "examples: needs at least one ok example")
	}
	ex := yamlEntry{resolveAlias(n.value("examples"))}
	line := func(list string, i int) int {
		if ex.n == nil {
			return n.line()
		}
		return ex.item(list, i)
	}
	for i, x := range o.Examples.Trigger {
		if strings.TrimSpace(x) == "" {
			bad(line("trigger", i), "examples: empty trigger example")
		}
	}
	for i, x := range o.Examples.OK {
		if strings.TrimSpace(x) == "" {
			bad(line("ok", i), "examples: empty ok example")
		}
	}
}

// examples returns the entry's examples in its language.
func (e *packEntry) examples() []audit.Example {
	var out []audit.Example
	for _, x := range e.opts().Examples.Trigger {
		out = append(out, audit.Example{Text: x, Trigger: true, Lang: e.lang})
	}
	for _, x := range e.opts().Examples.OK {
		out = append(out, audit.Example{Text: x, Lang: e.lang})
	}
	return out
}
