package rules

// Rule packs: phrase and pattern rules as data, one YAML file per target
// language (packs/fr.yaml), in the manner of Vale styles. A small closed set
// of check kinds written in Go interprets them (pack_kinds*.go).
//
// A pack:
//
//	lang: fr                      # the target language its rules apply to
//	rules:
//	  - id: scraped.read-more     # category.slug, never reused
//	    category: scraped         # one of the nine; the id's prefix
//	    severity: minor           # info, minor, major or critical (the default)
//	    title: Read-more link line
//	    doc: |                    # Markdown: what it flags, why, what to do
//	      ...
//	    kind: phrase              # phrase, regex or acronym (below)
//	    phrases: [lire aussi, read more]
//	    scope: line               # match (default), line or sentence
//	    position: line-start      # anywhere, line-start or line-alone (default:
//	                              # line-start for phrases under scope line, else anywhere)
//	    max_words: 30             # ignore lines longer than this (0: no limit)
//	    lines: any                # any (default), caps or not-caps
//	    exclude: ['\bvoir aussi le\b']  # patterns that veto an overlapping match
//	    case: insensitive         # or sensitive (regex and exclude patterns)
//	    message: Read-more link left in the article   # English
//	    suggestion: ...           # optional; $1 or ${1} inserts a regex group, $0 the match
//	    safe: true                # mtaudit fix may apply the suggestion or deletion unattended
//	    confidence: 0.9           # 0 < c <= 1; default: the engine's
//	    examples:                 # both lists required, each run by the tests
//	      trigger: ["Lire aussi : un titre"]
//	      ok: ["Il faut lire aussi ce rapport."]
//
// Matching works on a normalised view of the text (pack_kinds_view.go):
// lower case, accents removed, every apostrophe as ', every double quote
// (« » “ ”) as ", dashes as -, no-break spaces as spaces, runs of spaces as
// one. Phrases and the literals of patterns are normalised the same way, so
// `à lire aussi` matches "A LIRE AUSSI" and `l'application` matches
// "L’APPLICATION". With `case: sensitive` patterns run on a view that keeps
// the letters' case (still without accents). Offsets reported are always
// byte offsets into the original text.
//
// Kinds:
//
//   - phrase: `phrases` found on word boundaries. All phrase rules of a pack
//     share one index, so a document is scanned once for all of them.
//   - regex: RE2 `patterns` (Perl syntax), matched within one line; `group`
//     picks the submatch reported under scope match. Every pattern's
//     required literals prefilter the text, so a rule costs nothing on a
//     document that cannot match.
//   - acronym: `acronyms`, a map SOURCE: TARGET of acronyms matched case
//     sensitively as whole words, never next to another word in capitals
//     and, by default (`lines: not-caps`), never on a line in capitals; the
//     suggestion is the target acronym.
//
// Scopes say what a finding covers: the match; the whole line holding it
// (page furniture); or the sentence holding it, widened to the paragraph
// when flagged sentences make up two thirds of it (a disclaimer paragraph).
// Positions say where the match must stand: anywhere; opening its line
// (after bullets and punctuation); or alone on its line, with nothing but
// other matches of the rule and punctuation beside it.
//
// `safe: true` attaches an audit.Fix: under scope match it replaces the span
// with the suggestion; under scope line or sentence it deletes the span (a
// whole line goes with its line end and one adjoining blank line).
//
// Packs are decoded strictly: an unknown key, a value of the wrong type, or
// a semantic mistake (unknown kind, bad pattern, missing doc or examples,
// bad category or severity, duplicate id) is an error naming the file and
// line, such as "fr.yaml:42: rule scraped.share: unknown kind \"phrases\"".

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/mtaudit/mtaudit/audit"
)

//go:embed packs/*.yaml
var packFS embed.FS

var (
	packOnce  sync.Once
	packRules []*audit.Rule
	packErr   error
)

// PackRules loads the embedded rule packs, once.
func PackRules() ([]*audit.Rule, error) {
	packOnce.Do(func() {
		names, err := fs.Glob(packFS, "packs/*.yaml")
		if err != nil {
			packErr = err
			return
		}
		sort.Strings(names)
		var errs []error
		for _, name := range names {
			data, err := packFS.ReadFile(name)
			if err != nil {
				errs = append(errs, fmt.Errorf("read %s: %w", name, err))
				continue
			}
			rs, err := LoadPack(path.Base(name), data)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			packRules = append(packRules, rs...)
		}
		packErr = errors.Join(errs...)
	})
	return packRules, packErr
}

// packFile is the YAML shape of a pack.
type packFile struct {
	Lang  string      `yaml:"lang"`
	Rules []packEntry `yaml:"rules"`
}

// packEntry is the YAML shape of one rule.
type packEntry struct {
	ID         string            `yaml:"id"`
	Category   string            `yaml:"category"`
	Severity   string            `yaml:"severity"`
	Title      string            `yaml:"title"`
	Doc        string            `yaml:"doc"`
	Kind       string            `yaml:"kind"`
	Phrases    []string          `yaml:"phrases"`
	Patterns   []string          `yaml:"patterns"`
	Acronyms   map[string]string `yaml:"acronyms"`
	Group      int               `yaml:"group"`
	Exclude    []string          `yaml:"exclude"`
	Case       string            `yaml:"case"`
	Scope      string            `yaml:"scope"`
	Position   string            `yaml:"position"`
	MaxWords   int               `yaml:"max_words"`
	Lines      string            `yaml:"lines"`
	Message    string            `yaml:"message"`
	Suggestion string            `yaml:"suggestion"`
	Safe       bool              `yaml:"safe"`
	Confidence float64           `yaml:"confidence"`
	Examples   packExamples      `yaml:"examples"`
}

type packExamples struct {
	Trigger []string `yaml:"trigger"`
	OK      []string `yaml:"ok"`
}

// Kinds of check a pack entry may name.
const (
	kindPhrase  = "phrase"
	kindRegex   = "regex"
	kindAcronym = "acronym"
)

var (
	packLangPattern = regexp.MustCompile(`^[a-z]{2}$`)
	packIDPattern   = regexp.MustCompile(`^[a-z]+\.[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$`)
)

// LoadPack decodes a pack strictly and compiles its rules. name (such as
// "fr.yaml") prefixes every error with the line it concerns.
func LoadPack(name string, data []byte) ([]*audit.Rule, error) {
	var pf packFile
	var root yaml.Node
	if err := decodePack(name, data, &pf, &root); err != nil {
		return nil, err
	}
	return buildPack(name, &pf, &root)
}

// decodePack decodes data strictly into pf and into a node tree for line
// numbers.
func decodePack(name string, data []byte, pf *packFile, root *yaml.Node) (err error) {
	defer func() {
		// yaml.v3 has panicked on hostile input before; a pack is data.
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: cannot decode: %v", name, p)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(pf); err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("%s: empty rule pack", name)
		}
		return errors.New(audit.YAMLError(name, err))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return fmt.Errorf("%s:%d: a rule pack is one YAML document", name, extra.Line)
	} else if !errors.Is(err, io.EOF) {
		return errors.New(audit.YAMLError(name, err))
	}
	if err := yaml.Unmarshal(data, root); err != nil {
		return errors.New(audit.YAMLError(name, err))
	}
	return nil
}

// packErrors collects semantic errors with their lines.
type packErrors struct {
	name string
	list []lineError
}

type lineError struct {
	line int
	msg  string
}

func (e *packErrors) add(line int, format string, args ...any) {
	e.list = append(e.list, lineError{line, fmt.Sprintf(format, args...)})
}

func (e *packErrors) err() error {
	if len(e.list) == 0 {
		return nil
	}
	sort.SliceStable(e.list, func(i, j int) bool { return e.list[i].line < e.list[j].line })
	msgs := make([]string, len(e.list))
	for i, l := range e.list {
		msgs[i] = fmt.Sprintf("%s:%d: %s", e.name, l.line, l.msg)
	}
	return errors.New(strings.Join(msgs, "\n"))
}

// yamlEntry gives the lines of a mapping's keys and values.
type yamlEntry struct{ n *yaml.Node }

func (n yamlEntry) line() int {
	if n.n == nil {
		return 1
	}
	return n.n.Line
}

// value returns the value node of key k, or nil.
func (n yamlEntry) value(k string) *yaml.Node {
	if n.n == nil || n.n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.n.Content); i += 2 {
		if n.n.Content[i].Value == k {
			return n.n.Content[i+1]
		}
	}
	return nil
}

// at returns the line of key k's value, or of the mapping when k is absent.
func (n yamlEntry) at(k string) int {
	if v := n.value(k); v != nil {
		return v.Line
	}
	return n.line()
}

// item returns the line of the i-th element of key k's sequence.
func (n yamlEntry) item(k string, i int) int {
	if v := n.value(k); v != nil && v.Kind == yaml.SequenceNode && i < len(v.Content) {
		return v.Content[i].Line
	}
	return n.at(k)
}

// keyLine returns the line of key sub inside key k's mapping.
func (n yamlEntry) keyLine(k, sub string) int {
	if v := n.value(k); v != nil && v.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(v.Content); i += 2 {
			if v.Content[i].Value == sub {
				return v.Content[i].Line
			}
		}
	}
	return n.at(k)
}

func buildPack(name string, pf *packFile, root *yaml.Node) ([]*audit.Rule, error) {
	errs := &packErrors{name: name}
	top := yamlEntry{}
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		top = yamlEntry{root.Content[0]}
	}
	if !packLangPattern.MatchString(pf.Lang) {
		errs.add(top.at("lang"), "lang: %q is not a two-letter language code", pf.Lang)
	}
	if len(pf.Rules) == 0 {
		errs.add(top.at("rules"), "rules: the pack has no rules")
	}
	var entries []yamlEntry
	if seq := top.value("rules"); seq != nil && seq.Kind == yaml.SequenceNode {
		for _, c := range seq.Content {
			entries = append(entries, yamlEntry{c})
		}
	}
	phrases := newPhraseIndex()
	literals := [2]*literalIndex{newLiteralIndex(), newLiteralIndex()} // folded, cased
	seen := map[string]int{}
	var out []*audit.Rule
	for i := range pf.Rules {
		n := yamlEntry{}
		if i < len(entries) {
			n = entries[i]
		}
		r, ok := buildRule(errs, pf.Lang, name, &pf.Rules[i], n, phrases, literals, seen)
		if ok {
			out = append(out, r)
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	literals[0].build()
	literals[1].build()
	return out, nil
}

// buildRule checks one entry and compiles it into an audit.Rule.
func buildRule(errs *packErrors, lang, name string, e *packEntry, n yamlEntry, phrases *phraseIndex, literals [2]*literalIndex, seen map[string]int) (*audit.Rule, bool) {
	before := len(errs.list)
	id := e.ID
	if id == "" {
		id = fmt.Sprintf("#%d", len(seen)+1)
	}
	bad := func(line int, format string, args ...any) {
		errs.add(line, "rule %s: %s", id, fmt.Sprintf(format, args...))
	}
	switch {
	case e.ID == "":
		bad(n.line(), "missing id")
	case !packIDPattern.MatchString(e.ID):
		bad(n.at("id"), "id %q must look like category.slug (lower case)", e.ID)
	}
	if first, dup := seen[e.ID]; dup && e.ID != "" {
		bad(n.at("id"), "duplicate id (first defined at %s:%d)", name, first)
	} else if e.ID != "" {
		seen[e.ID] = n.at("id")
	}
	cat := audit.Category(e.Category)
	switch {
	case e.Category == "":
		bad(n.line(), "missing category")
	case !cat.Valid():
		bad(n.at("category"), "unknown category %q (want one of %s)", e.Category, categoryList())
	case e.ID != "" && !strings.HasPrefix(e.ID, e.Category+"."):
		bad(n.at("id"), "id must start with its category %q", e.Category)
	}
	sev := audit.Major
	if e.Severity == "" {
		bad(n.line(), "missing severity")
	} else if s, err := audit.ParseSeverity(e.Severity); err != nil {
		bad(n.at("severity"), "%v", err)
	} else {
		sev = s
	}
	if strings.TrimSpace(e.Title) == "" {
		bad(n.line(), "missing title")
	} else if strings.Contains(e.Title, "\n") {
		bad(n.at("title"), "title must be one line")
	}
	if strings.TrimSpace(e.Doc) == "" {
		bad(n.line(), "missing doc (Markdown: what it flags, why, what to do)")
	}
	if strings.TrimSpace(e.Message) == "" {
		bad(n.line(), "missing message")
	}
	if e.Confidence < 0 || e.Confidence > 1 {
		bad(n.at("confidence"), "confidence %g is not in (0, 1]", e.Confidence)
	}
	if len(e.Examples.Trigger) == 0 {
		bad(n.at("examples"), "examples: needs at least one trigger example")
	}
	if len(e.Examples.OK) == 0 {
		bad(n.at("examples"), "examples: needs at least one ok example")
	}
	for i, x := range e.Examples.Trigger {
		if strings.TrimSpace(x) == "" {
			bad(exampleLine(n, "trigger", i), "examples: empty trigger example")
		}
	}
	for i, x := range e.Examples.OK {
		if strings.TrimSpace(x) == "" {
			bad(exampleLine(n, "ok", i), "examples: empty ok example")
		}
	}

	c := &packCheck{
		id: e.ID, scope: e.Scope, position: e.Position, maxWords: e.MaxWords, lines: e.Lines,
		message: strings.TrimSpace(e.Message), suggestion: e.Suggestion, safe: e.Safe, confidence: e.Confidence,
	}
	cased := false
	switch e.Case {
	case "", "insensitive":
	case "sensitive":
		cased = true
	default:
		bad(n.at("case"), "case %q: want sensitive or insensitive", e.Case)
	}
	switch c.scope {
	case "":
		c.scope = scopeMatch
	case scopeMatch, scopeLine, scopeSentence:
	default:
		bad(n.at("scope"), "scope %q: want match, line or sentence", e.Scope)
	}
	switch c.position {
	case "":
		c.position = posAnywhere
		if c.scope == scopeLine && e.Kind == kindPhrase {
			c.position = posLineStart
		}
	case posAnywhere, posLineStart, posLineAlone:
	default:
		bad(n.at("position"), "position %q: want anywhere, line-start or line-alone", e.Position)
	}
	if c.maxWords < 0 {
		bad(n.at("max_words"), "max_words must not be negative")
	}
	switch c.lines {
	case "":
		c.lines = linesAny
		if e.Kind == kindAcronym {
			c.lines = linesNotCaps
		}
	case linesAny, linesCaps, linesNotCaps:
	default:
		bad(n.at("lines"), "lines %q: want any, caps or not-caps", e.Lines)
	}

	groups := 0 // the submatches $N may name
	onlyFor := func(key, kind string, set bool) {
		if set && e.Kind != kind {
			bad(n.at(key), "%s is for kind %s only", key, kind)
		}
	}
	onlyFor("phrases", kindPhrase, len(e.Phrases) > 0)
	onlyFor("patterns", kindRegex, len(e.Patterns) > 0)
	onlyFor("group", kindRegex, e.Group != 0)
	onlyFor("acronyms", kindAcronym, len(e.Acronyms) > 0)
	if e.Kind == kindPhrase && cased {
		bad(n.at("case"), "phrases always match case-insensitively; case is for regex and exclude patterns")
	}
	switch e.Kind {
	case kindPhrase:
		if len(e.Phrases) == 0 {
			bad(n.at("phrases"), "kind phrase needs phrases")
		}
		owner := phrases.n
		phrases.n++
		for i, p := range e.Phrases {
			if err := phrases.add(owner, p); err != nil {
				bad(n.item("phrases", i), "%v", err)
			}
		}
		c.kind = &phraseKind{index: phrases, owner: owner}
	case kindRegex:
		if len(e.Patterns) == 0 {
			bad(n.at("patterns"), "kind regex needs patterns")
		}
		k := &regexKind{group: e.Group, isCased: cased}
		groups = -1
		for i, p := range e.Patterns {
			vr, err := compileViewRegexp(p, cased)
			if err != nil {
				bad(n.item("patterns", i), "bad pattern %q: %v", p, err)
				continue
			}
			if vr.lits != nil {
				idx := literals[0]
				if cased {
					idx = literals[1]
				}
				vr.index = idx
				for _, l := range vr.lits {
					vr.litIDs = append(vr.litIDs, idx.add(l))
				}
			}
			k.patterns = append(k.patterns, vr)
			if groups < 0 || vr.re.NumSubexp() < groups {
				groups = vr.re.NumSubexp()
			}
		}
		groups = max(groups, 0)
		if e.Group < 0 || (len(k.patterns) == len(e.Patterns) && e.Group > groups) {
			bad(n.at("group"), "group %d: the patterns have %d groups", e.Group, groups)
		}
		c.kind = k
	case kindAcronym:
		k, err := newAcronymKind(e.Acronyms)
		if err != nil {
			line := n.at("acronyms")
			for key := range e.Acronyms {
				if strings.Contains(err.Error(), fmt.Sprintf("%q", key)) {
					line = n.keyLine("acronyms", key)
				}
			}
			bad(line, "%v", err)
		}
		c.kind = k
	case "":
		bad(n.line(), "missing kind (phrase, regex or acronym)")
	default:
		bad(n.at("kind"), "unknown kind %q (want phrase, regex or acronym)", e.Kind)
	}
	for i, p := range e.Exclude {
		vr, err := compileViewRegexp(p, cased || e.Kind == kindAcronym)
		if err != nil {
			bad(n.item("exclude", i), "bad exclude pattern %q: %v", p, err)
			continue
		}
		c.exclude = append(c.exclude, vr)
	}
	for key, tmpl := range map[string]string{"message": e.Message, "suggestion": e.Suggestion} {
		if g := groupRefs(tmpl); g > groups {
			bad(n.at(key), "%s refers to $%d but the match has %d groups", key, g, groups)
		}
	}
	if e.Safe {
		switch {
		case c.scope == scopeMatch && e.Suggestion == "" && e.Kind != kindAcronym:
			bad(n.at("safe"), "safe: a fix under scope match needs a suggestion")
		case c.scope != scopeMatch && e.Suggestion != "":
			bad(n.at("safe"), "safe: under scope %s the fix deletes the span; drop the suggestion or the safe flag", c.scope)
		}
	}
	if len(errs.list) > before {
		return nil, false
	}
	r := &audit.Rule{
		ID: e.ID, Category: cat, Severity: sev, Title: strings.TrimSpace(e.Title),
		Doc: strings.TrimSpace(e.Doc), Langs: []string{lang}, Fixable: e.Safe,
		Origin: fmt.Sprintf("rules/packs/%s:%d", name, n.line()), Run: c.run,
	}
	for _, x := range e.Examples.Trigger {
		r.Examples = append(r.Examples, audit.Example{Text: x, Trigger: true})
	}
	for _, x := range e.Examples.OK {
		r.Examples = append(r.Examples, audit.Example{Text: x})
	}
	return r, true
}

func exampleLine(n yamlEntry, list string, i int) int {
	ex := yamlEntry{n.value("examples")}
	if ex.n == nil {
		return n.line()
	}
	return ex.item(list, i)
}

func categoryList() string {
	names := make([]string, len(audit.Categories))
	for i, c := range audit.Categories {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}
