package profile

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"github.com/mtaudit/mtaudit/audit/typo"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

//go:embed data/*.yaml
var embedded embed.FS

// Registry holds the profiles of a run: the built-in ones and any loaded
// from a directory. It is read-only once built and safe for concurrent use.
type Registry struct {
	byLang map[string]*entry
}

// entry is one profile of a registry. The built-in profiles are decoded on
// first use (a process auditing French never decodes German's); profiles
// from a directory are decoded as they are added, so that their errors come
// at load time.
type entry struct {
	name    string // the file, in errors
	data    []byte // the file of a built-in profile; nil when decoded up front
	target  bool   // read ahead of decoding, so that Targets decodes nothing
	builtin bool   // embedded: read from compiled.txt when it matches data
	once    sync.Once
	decoded atomic.Bool // once has run (Registry.Decoded)
	p       *Profile
	err     error

	summaryOnce sync.Once
	sum         Summary
}

// profile decodes the entry's file on first use; data stays (it is
// small, and Summaries reads it).
func (e *entry) profile() (*Profile, error) {
	e.once.Do(func() {
		if e.builtin {
			e.p = compiled(e.name, e.data)
		}
		if e.p == nil {
			e.p, e.err = Decode(e.name, e.data)
		}
		e.decoded.Store(true)
	})
	return e.p, e.err
}

// mustProfile is profile for the lookups that return no error: a built-in
// file that does not decode is a broken build, which the tests report
// (TestEveryEmbeddedProfileDecodes).
func (e *entry) mustProfile() *Profile {
	p, err := e.profile()
	if err != nil {
		panic(fmt.Sprintf("profile: %v", err))
	}
	return p
}

// decoded returns an entry whose profile is decoded already.
func decoded(name string, p *Profile) *entry {
	e := &entry{name: name, p: p, target: p.Target}
	e.once.Do(func() {})
	e.decoded.Store(true)
	return e
}

var (
	builtinOnce sync.Once
	builtin     *Registry
	builtinErr  error
)

// Builtin returns the embedded profiles; each is decoded on first use
// (every one is decoded by the tests).
func Builtin() (*Registry, error) {
	builtinOnce.Do(func() {
		builtin, builtinErr = lazyFS(embedded, "data")
		if builtin != nil {
			for _, e := range builtin.byLang {
				e.builtin = true
			}
		}
	})
	return builtin, builtinErr
}

// MustBuiltin is Builtin for code that cannot go on without profiles; the
// embedded files are tested, so it panics only on a broken build.
func MustBuiltin() *Registry {
	r, err := Builtin()
	if err != nil {
		panic(err)
	}
	return r
}

// lazyFS registers every dir/*.yaml of fsys under its file name's language
// without decoding it (Decode holds a profile's lang to its file name).
func lazyFS(fsys fs.FS, dir string) (*Registry, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no profile (*.yaml) found", dir)
	}
	r := &Registry{byLang: map[string]*entry{}}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		lang := strings.TrimSuffix(path.Base(name), ".yaml")
		r.byLang[lang] = &entry{name: name, data: data, target: peekTarget(data)}
	}
	return r, nil
}

// peekTarget reads the top-level target key of a profile file without
// decoding the rest: the line "target: true" at the start of a line. A test
// holds it to what Decode finds for every built-in profile.
func peekTarget(data []byte) bool {
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if v, ok := bytes.CutPrefix(line, []byte("target:")); ok {
			v, _, _ = bytes.Cut(v, []byte("#"))
			return string(bytes.TrimSpace(v)) == "true"
		}
	}
	return false
}

// LoadFS reads and decodes every dir/*.yaml of fsys as a profile.
func LoadFS(fsys fs.FS, dir string) (*Registry, error) {
	r := &Registry{byLang: map[string]*entry{}}
	if err := r.AddFS(fsys, dir); err != nil {
		return nil, err
	}
	return r, nil
}

// With returns a registry holding r's profiles and those of dir/*.yaml in
// fsys; a profile there replaces a built-in one of the same language.
func (r *Registry) With(fsys fs.FS, dir string) (*Registry, error) {
	out := &Registry{byLang: map[string]*entry{}}
	for l, e := range r.byLang {
		out.byLang[l] = e
	}
	if err := out.AddFS(fsys, dir); err != nil {
		return nil, err
	}
	return out, nil
}

// AddFS decodes and adds the profiles of dir/*.yaml in fsys. Use it only
// while building a registry, before it is shared.
func (r *Registry) AddFS(fsys fs.FS, dir string) error {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("%s: no profile (*.yaml) found", dir)
	}
	var errs []error
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		p, err := Decode(name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		r.byLang[p.Lang] = decoded(name, p)
	}
	return errors.Join(errs...)
}

// Decode reads one profile strictly: unknown keys, wrong types and missing
// required values are errors naming file:line.
func Decode(file string, data []byte) (*Profile, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if err := checkKeys(file, &root, profileKeys); err != nil {
		return nil, err
	}
	// One parse: checkKeys has refused every key the types do not have
	// (TestSchemaMatchesTypes holds the schema to the yaml tags), so the
	// tree decodes as KnownFields would.
	var p Profile
	if err := root.Decode(&p); err != nil {
		return nil, fmt.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	p.Source = file
	base := strings.TrimSuffix(path.Base(file), ".yaml")
	switch {
	case p.Lang == "":
		return nil, fmt.Errorf("%s:1: lang is required", file)
	case p.Lang != base:
		return nil, fmt.Errorf("%s:%d: lang %q does not match the file name %q", file, keyLine(&root, "lang"), p.Lang, base+".yaml")
	case !validBase(p.Lang):
		return nil, fmt.Errorf("%s:%d: lang %q is not a BCP 47 language subtag", file, keyLine(&root, "lang"), p.Lang)
	case strings.TrimSpace(p.Name) == "":
		return nil, fmt.Errorf("%s:1: name is required", file)
	}
	if len(p.Quotes.Primary) != 0 && len(p.Quotes.Primary) != 2 {
		return nil, fmt.Errorf("%s:%d: quotes.primary needs an opening and a closing mark", file, keyLine(&root, "quotes"))
	}
	if len(p.Quotes.Secondary) != 0 && len(p.Quotes.Secondary) != 2 {
		return nil, fmt.Errorf("%s:%d: quotes.secondary needs an opening and a closing mark", file, keyLine(&root, "quotes"))
	}
	for _, pair := range p.Quotes.Alternates {
		if len(pair) != 2 {
			return nil, fmt.Errorf("%s:%d: each of quotes.alternates needs an opening and a closing mark", file, keyLine(&root, "quotes"))
		}
	}
	if c := p.Numbers.Clock; c != "" && c != "24h" && c != "12h" {
		return nil, fmt.Errorf("%s:%d: numbers.clock is 24h or 12h, not %q", file, keyLine(&root, "numbers"), c)
	}
	for _, l := range p.lists() {
		for _, w := range *l.list {
			if strings.TrimSpace(w) == "" {
				return nil, fmt.Errorf("%s: words.%s holds an empty word", file, l.key)
			}
		}
	}
	for _, e := range p.Words.ExonymEndings {
		if a, b, ok := strings.Cut(e, "/"); !ok || a == "" || b == "" || strings.Contains(b, "/") {
			return nil, fmt.Errorf("%s: words.exonym_endings: %q is not \"exonym/local\"", file, e)
		}
	}
	for _, e := range p.Words.FutureStems {
		if a, b, ok := strings.Cut(e, "/"); !ok || a == "" || b == "" || strings.Contains(b, "/") {
			return nil, fmt.Errorf("%s: words.future_stems: %q is not \"infinitive/stem\"", file, e)
		}
	}
	for _, e := range p.Words.PlaceNames {
		if a, b, ok := strings.Cut(e, "/"); !ok || strings.TrimSpace(a) == "" || strings.TrimSpace(b) == "" || strings.Contains(b, "/") {
			return nil, fmt.Errorf("%s: words.place_names: %q is not \"English/own\"", file, e)
		}
	}
	p.index()
	return &p, nil
}

// Get returns the profile for a BCP 47 tag ("fr", "fr-FR", "fr_CA",
// "pt-BR" select the base language's profile).
func (r *Registry) Get(tag string) (*Profile, error) {
	base, err := Base(tag)
	if err != nil {
		return nil, &UnsupportedError{Tag: tag, Supported: r.Targets(), Malformed: true}
	}
	if e := r.byLang[base]; e != nil {
		return e.profile()
	}
	return nil, &UnsupportedError{Tag: tag, Supported: r.Targets()}
}

// Lookup returns the profile of a base language, or nil.
func (r *Registry) Lookup(base string) *Profile {
	if r == nil {
		return nil
	}
	if e := r.byLang[base]; e != nil {
		return e.mustProfile()
	}
	return nil
}

// Has reports whether the registry holds a profile of a base language,
// without decoding it.
func (r *Registry) Has(base string) bool {
	return r != nil && r.byLang[base] != nil
}

// Decoded lists the languages whose profiles have been decoded, sorted
// (for the tests of lazy loading).
func (r *Registry) Decoded() []string {
	var out []string
	for l, e := range r.byLang {
		if e.decoded.Load() {
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

// Targets lists the languages articles may be audited in, sorted.
func (r *Registry) Targets() []string {
	var out []string
	for l, e := range r.byLang {
		if e.target {
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

// All lists every profile, target and source-only, sorted by language;
// it decodes every one.
func (r *Registry) All() []*Profile {
	out := make([]*Profile, 0, len(r.byLang))
	for _, e := range r.byLang {
		out = append(out, e.mustProfile())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Lang < out[j].Lang })
	return out
}

// UnsupportedError says a language has no profile to audit with.
type UnsupportedError struct {
	Tag       string
	Supported []string
	// Malformed says the tag is no BCP 47 tag at all.
	Malformed bool
}

func (e *UnsupportedError) Error() string {
	what := "unsupported language %q"
	if e.Malformed {
		what = "%q is not a BCP 47 language tag"
	}
	return fmt.Sprintf(what+" (supported: %s)", e.Tag, strings.Join(e.Supported, ", "))
}

// Base returns the lower-case base language of a BCP 47 tag; underscores
// are taken for hyphens ("fr_CA"). A malformed tag is an error.
func Base(tag string) (string, error) {
	t := strings.TrimSpace(strings.ReplaceAll(tag, "_", "-"))
	if t == "" {
		return "", fmt.Errorf("empty language tag")
	}
	parsed, err := language.Parse(t)
	if err != nil {
		return "", fmt.Errorf("%q is not a BCP 47 language tag", tag)
	}
	b, conf := parsed.Base()
	if conf == language.No {
		return "", fmt.Errorf("%q is not a BCP 47 language tag", tag)
	}
	return b.String(), nil
}

func validBase(s string) bool {
	b, err := Base(s)
	return err == nil && b == s
}

// profileKeys is the schema of a profile file, for friendly unknown-key
// errors; nested maps name their own keys.
var profileKeys = schema{
	"lang": nil, "name": nil, "native_name": nil, "target": nil,
	"words": listSchema(), "elision": nil,
	"quotes":     schema{"primary": nil, "secondary": nil, "alternates": nil, "apostrophe": nil, "spaced": nil},
	"numbers":    schema{"decimal": nil, "group": nil, "clock": nil, "currency_after": nil, "decimal_alternates": nil},
	"typography": schema{"space_before": nil, "inverted_marks": nil, "nouns_capitalised": nil},
	"grammar":    schema{"negative_concord": nil},
}

func listSchema() schema {
	s := schema{}
	for _, l := range (&Profile{}).lists() {
		s[l.key] = nil
	}
	return s
}

// schema maps each allowed key to the schema of its value (nil: a scalar or list).
type schema map[string]schema

// checkKeys walks the document and reports the first unknown key as
// file:line: unknown key "x" (did you mean "y"?).
func checkKeys(file string, root *yaml.Node, s schema) error {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	return walkKeys(file, n, s, "")
}

func walkKeys(file string, n *yaml.Node, s schema, prefix string) error {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		sub, ok := s[k.Value]
		if !ok {
			msg := fmt.Sprintf("%s:%d: unknown key %q", file, k.Line, prefix+k.Value)
			if near := typo.NearestKey(k.Value, s); near != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", prefix+near)
			}
			return errors.New(msg)
		}
		if sub != nil {
			if err := walkKeys(file, n.Content[i+1], sub, prefix+k.Value+"."); err != nil {
				return err
			}
		}
	}
	return nil
}

func keyLine(root *yaml.Node, key string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i].Line
		}
	}
	return 1
}
