package i18n

import (
	"embed"
	"errors"
	"fmt"
	"github.com/mtaudit/mtaudit/audit/typo"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed data/*.yaml
var dataFS embed.FS

// builtinName is what the embedded files are called in errors.
const builtinName = "reports/i18n/data"

// Registry holds the catalogs by language.
type Registry struct {
	byLang  map[string]*catalogEntry
	english *Catalog
}

// catalogEntry is one language's catalog. The built-in catalogs other than
// English are decoded on first use (a run printing French never decodes
// German's), from compiled.txt when it is fresh; catalogs loaded from a
// directory are decoded up front, so that their errors come at load time.
type catalogEntry struct {
	once sync.Once
	lang string
	file string // the name in errors
	fsys fs.FS
	path string // in fsys
	en   *Catalog
	// compiled: compiled.txt may give the catalog (English came from it,
	// so the labels it was checked against are the current ones).
	compiled bool
	c        *Catalog
	err      error
}

func (e *catalogEntry) catalog() *Catalog {
	e.once.Do(func() {
		data, err := fs.ReadFile(e.fsys, e.path)
		if err != nil {
			e.err = err
			return
		}
		if e.compiled {
			if f := compiledForm(e.lang, data); f != nil {
				e.c = f.build(e.file, e.en)
			}
		}
		if e.c == nil {
			e.c, e.err = decode(e.file, data, e.en)
		}
	})
	if e.err != nil {
		// Only a built-in file decodes late, and the tests decode every
		// one (TestEveryEmbeddedCatalogDecodes): a broken build.
		panic(fmt.Sprintf("i18n: %v", e.err))
	}
	return e.c
}

// decodedEntry holds a catalog decoded already.
func decodedEntry(c *Catalog) *catalogEntry {
	e := &catalogEntry{c: c}
	e.once.Do(func() {})
	return e
}

var (
	builtinOnce sync.Once
	builtin     *Registry
	builtinErr  error
)

// Builtin returns the embedded catalogs, decoded once.
func Builtin() (*Registry, error) {
	builtinOnce.Do(func() {
		builtin, builtinErr = load(dataFS, "data", builtinName, true)
	})
	return builtin, builtinErr
}

// MustBuiltin is Builtin for callers that cannot go on without the
// catalogs; the embedded files are tested, so it panics only on a broken
// build.
func MustBuiltin() *Registry {
	r, err := Builtin()
	if err != nil {
		panic(err)
	}
	return r
}

// Load reads every <lang>.yaml of dir in fsys; en.yaml must be among them.
// A new language is a file: no Go change.
func Load(fsys fs.FS, dir string) (*Registry, error) { return load(fsys, dir, dir, false) }

// load decodes English, and the other catalogs now or, when lazy (the
// built-in ones), on first use and from compiled.txt when it is fresh.
func load(fsys fs.FS, dir, name string, lazy bool) (*Registry, error) {
	files, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	langOf := func(f string) string { return strings.TrimSuffix(path.Base(f), ".yaml") }
	if !slices.ContainsFunc(files, func(f string) bool { return langOf(f) == English }) {
		return nil, fmt.Errorf("%s: no %s.yaml: the English catalog defines the labels", name, English)
	}
	enData, err := fs.ReadFile(fsys, path.Join(dir, English+".yaml"))
	if err != nil {
		return nil, err
	}
	var en *Catalog
	enFile := path.Join(name, English+".yaml")
	fromCompiled := false
	if lazy {
		if f := compiledForm(English, enData); f != nil {
			en, fromCompiled = f.build(enFile, nil), true
		}
	}
	if en == nil {
		if en, err = decode(enFile, enData, nil); err != nil {
			return nil, err
		}
	}
	r := &Registry{byLang: map[string]*catalogEntry{English: decodedEntry(en)}, english: en}
	var errs []error
	for _, f := range files {
		lang := langOf(f)
		if lang == English {
			continue
		}
		file := path.Join(name, path.Base(f))
		if lazy {
			// Read on first use too: a run copies only its languages' files.
			r.byLang[lang] = &catalogEntry{lang: lang, file: file, fsys: fsys, path: f, en: en, compiled: fromCompiled}
			continue
		}
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		c, err := decode(file, data, en)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		r.byLang[lang] = decodedEntry(c)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return r, nil
}

// Get returns the catalog of a language ("fr", or a BCP 47 tag such as
// "fr-CA"), or nil.
func (r *Registry) Get(tag string) *Catalog {
	if r == nil {
		return nil
	}
	if e := r.byLang[baseLang(tag)]; e != nil {
		return e.catalog()
	}
	return nil
}

// English returns the English catalog.
func (r *Registry) English() *Catalog { return r.english }

// Languages lists the catalogs' languages, sorted.
func (r *Registry) Languages() []string {
	out := make([]string, 0, len(r.byLang))
	for l := range r.byLang {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// Setting checks a messages setting: "auto" (or ""), or a language with a
// catalog, given as a BCP 47 tag. It returns "auto" or the base language.
func (r *Registry) Setting(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, Auto) {
		return Auto, nil
	}
	if c := r.Get(s); c != nil {
		return c.lang, nil
	}
	return "", fmt.Errorf("messages: no catalog for %q (want %s or %s)", s, Auto, strings.Join(r.Languages(), ", "))
}

// For returns the catalog a setting selects for an article in docLang:
// under "auto" (or "") the article's language, English when there is no
// catalog for it; else the setting's language.
func (r *Registry) For(setting, docLang string) *Catalog {
	if setting == "" || strings.EqualFold(setting, Auto) {
		setting = docLang
	}
	if c := r.Get(setting); c != nil {
		return c
	}
	return r.english
}

// For is Registry.For on the built-in catalogs.
func For(setting, docLang string) *Catalog { return MustBuiltin().For(setting, docLang) }

// baseLang takes "fr-CA", "fr_CA" or "FR" to "fr".
func baseLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// The catalog file's keys.
var topKeys = []string{"lang", "name", "decimal", "plural_one", "list_separator", "no_break_before", "no_break_after", "labels", "terms", "messages"}

// decode reads one catalog strictly. en is the English catalog, nil when
// decoding English itself: it defines the labels the others translate.
func decode(file string, data []byte, en *Catalog) (*Catalog, error) {
	f, err := decodeForm(file, data, en)
	if err != nil {
		return nil, err
	}
	return f.build(file, en), nil
}

// catalogForm is a catalog as decoded from its file and checked, before it
// is built: what both the YAML decoder and compiled.txt give, so that both
// build the same Catalog. The no-break spaces of the catalog's typography
// are in, the templates compiled.
type catalogForm struct {
	lang, name, decimal, listSep string
	pluralOne                    []int
	labels                       map[string]*label
	terms                        map[string]map[string]string // English term → form ("" default) → text
	messages                     []*template                  // in file order
}

// build makes the Catalog of f, whose maps and templates it takes over.
func (f *catalogForm) build(source string, en *Catalog) *Catalog {
	c := &Catalog{lang: f.lang, name: f.name, source: source, decimal: f.decimal, pluralOne: f.pluralOne, listSep: f.listSep,
		labels: f.labels, terms: &termTable{forms: f.terms}, exact: map[string]*template{}, english: en}
	for _, t := range f.messages {
		if t.reSrc == "" {
			c.exact[lowerFirst(t.source)] = t
		} else {
			c.patterns = append(c.patterns, t)
		}
	}
	// The most specific first: the first match is then the best.
	sort.SliceStable(c.patterns, func(i, j int) bool { return c.patterns[i].litLen > c.patterns[j].litLen })
	return c
}

// decodeForm reads one catalog strictly into its form.
func decodeForm(file string, data []byte, en *Catalog) (*catalogForm, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:1: a catalog is a mapping (lang, name, labels, terms, messages)", file)
	}
	root := doc.Content[0]
	bad := func(n *yaml.Node, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", file, n.Line, fmt.Sprintf(format, args...))
	}
	c := &catalogForm{decimal: ".", pluralOne: []int{1}, listSep: "; ", labels: map[string]*label{},
		terms: map[string]map[string]string{}}
	var noBreakBefore, noBreakAfter string
	var labels, terms, messages *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "lang", "name", "decimal", "list_separator", "no_break_before", "no_break_after":
			if v.Kind != yaml.ScalarNode {
				return nil, bad(v, "%s must be a string", k.Value)
			}
			switch k.Value {
			case "lang":
				c.lang = v.Value
			case "name":
				c.name = v.Value
			case "decimal":
				c.decimal = v.Value
			case "list_separator":
				c.listSep = v.Value
			case "no_break_before":
				noBreakBefore = v.Value
			case "no_break_after":
				noBreakAfter = v.Value
			}
		case "plural_one":
			var ns []int
			if err := v.Decode(&ns); err != nil {
				return nil, bad(v, "plural_one is a list of counts that take the singular, such as [1] or [0, 1]")
			}
			c.pluralOne = ns
		case "labels":
			labels = v
		case "terms":
			terms = v
		case "messages":
			messages = v
		default:
			return nil, bad(k, "unknown key %q%s", k.Value, didYouMean(k.Value, topKeys))
		}
	}
	base := strings.TrimSuffix(path.Base(file), ".yaml")
	switch {
	case c.lang == "":
		return nil, fmt.Errorf("%s:1: lang is required", file)
	case c.lang != base:
		return nil, bad(keyNode(root, "lang"), "lang %q does not match the file name %q", c.lang, base+".yaml")
	case strings.TrimSpace(c.name) == "":
		return nil, fmt.Errorf("%s:1: name is required", file)
	}
	nb := noBreaker(noBreakBefore, noBreakAfter)
	c.listSep = nb(c.listSep)
	if labels != nil {
		if err := c.decodeLabels(file, labels, "", en, nb); err != nil {
			return nil, err
		}
	}
	if en == nil {
		if terms != nil || messages != nil {
			return nil, fmt.Errorf("%s:1: the English catalog holds labels only: messages are English as the rules write them", file)
		}
		return c, nil
	}
	if terms != nil {
		if err := c.decodeTerms(file, terms, nb); err != nil {
			return nil, err
		}
	}
	if messages != nil {
		if err := c.decodeMessages(file, messages, nb); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// decodeLabels reads the labels mapping, nested by group ("verdict: {pass:
// …}" is the label "verdict.pass"). A label is a string or {one, other}.
func (c *catalogForm) decodeLabels(file string, n *yaml.Node, prefix string, en *Catalog, nb func(string) string) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: %s must be a mapping of labels", file, n.Line, strings.TrimSuffix("labels."+prefix, "."))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := prefix + k.Value
		isPlural := v.Kind == yaml.MappingNode && hasKey(v, "one")
		if v.Kind == yaml.MappingNode && !isPlural {
			if en != nil && !en.hasGroup(key+".") {
				return fmt.Errorf("%s:%d: unknown label group %q%s", file, k.Line, key, didYouMean(key, en.labelKeys()))
			}
			if err := c.decodeLabels(file, v, key+".", en, nb); err != nil {
				return err
			}
			continue
		}
		var ref *label
		if en != nil {
			ref = en.labels[key]
			if ref == nil {
				return fmt.Errorf("%s:%d: unknown label %q%s", file, k.Line, key, didYouMean(key, en.labelKeys()))
			}
		}
		l := &label{line: k.Line}
		switch {
		case isPlural:
			var forms struct {
				One   string `yaml:"one"`
				Other string `yaml:"other"`
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				if f := v.Content[j].Value; f != "one" && f != "other" {
					return fmt.Errorf("%s:%d: label %q: unknown plural form %q (want one and other)", file, v.Content[j].Line, key, f)
				}
			}
			if err := v.Decode(&forms); err != nil || forms.One == "" || forms.Other == "" {
				return fmt.Errorf("%s:%d: label %q: a counted label needs one and other", file, v.Line, key)
			}
			l.plural, l.one, l.other, l.text = true, nb(forms.One), nb(forms.Other), nb(forms.Other)
			l.names = placeholderNames(forms.One + forms.Other)
		case v.Kind == yaml.ScalarNode:
			l.text = nb(v.Value)
			l.names = placeholderNames(v.Value)
		default:
			return fmt.Errorf("%s:%d: label %q must be a string or {one, other}", file, v.Line, key)
		}
		if ref != nil {
			if ref.plural != l.plural {
				want := "a string"
				if ref.plural {
					want = "counted: {one: …, other: …}"
				}
				return fmt.Errorf("%s:%d: label %q must be %s, as in English", file, k.Line, key, want)
			}
			for _, name := range l.names {
				if !slices.Contains(ref.names, name) {
					return fmt.Errorf("%s:%d: label %q uses {%s}, which English does not give (it gives %s)", file, k.Line, key, name, braced(ref.names))
				}
			}
		}
		if _, dup := c.labels[key]; dup {
			return fmt.Errorf("%s:%d: label %q given twice", file, k.Line, key)
		}
		c.labels[key] = l
	}
	return nil
}

// decodeTerms reads terms: English term → translation, or → {form: text},
// where the form "default" is the one a plain {1} takes.
func (c *catalogForm) decodeTerms(file string, n *yaml.Node, nb func(string) string) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: terms must be a mapping of English term to translation", file, n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if _, dup := c.terms[k.Value]; dup {
			return fmt.Errorf("%s:%d: term %q given twice", file, k.Line, k.Value)
		}
		forms := map[string]string{}
		switch v.Kind {
		case yaml.ScalarNode:
			forms[""] = nb(v.Value)
		case yaml.MappingNode:
			for j := 0; j+1 < len(v.Content); j += 2 {
				fk, fv := v.Content[j], v.Content[j+1]
				if fv.Kind != yaml.ScalarNode || !validForm(fk.Value) {
					return fmt.Errorf("%s:%d: term %q: each form is a name and a string", file, fk.Line, k.Value)
				}
				name := fk.Value
				if name == "default" {
					name = ""
				}
				forms[name] = nb(fv.Value)
			}
			if _, ok := forms[""]; !ok {
				return fmt.Errorf("%s:%d: term %q needs a default form", file, v.Line, k.Value)
			}
		default:
			return fmt.Errorf("%s:%d: term %q must be a string or a mapping of forms", file, v.Line, k.Value)
		}
		c.terms[k.Value] = forms
	}
	return nil
}

// decodeMessages reads messages: English template → translation.
func (c *catalogForm) decodeMessages(file string, n *yaml.Node, nb func(string) string) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: messages must be a mapping of English template to translation", file, n.Line)
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode || k.Kind != yaml.ScalarNode {
			return fmt.Errorf("%s:%d: a message entry is 'English template': 'translation'", file, k.Line)
		}
		if strings.TrimSpace(v.Value) == "" {
			return fmt.Errorf("%s:%d: message %q has no translation", file, k.Line, k.Value)
		}
		key := lowerFirst(k.Value)
		if prev, dup := seen[key]; dup {
			return fmt.Errorf("%s:%d: message %q given twice (first at line %d)", file, k.Line, k.Value, prev)
		}
		seen[key] = k.Line
		t, err := compileTemplate(k.Value, nb(v.Value), k.Line)
		if err != nil {
			return fmt.Errorf("%s:%d: message %q: %v", file, k.Line, k.Value, err)
		}
		c.messages = append(c.messages, t)
	}
	return nil
}

// noBreaker returns the function that puts a no-break space where the
// catalog's typography wants one: a space before a mark of before (French
// " :") or after a mark of after ("« "). Catalogs are written with plain
// spaces, which stay readable in the files.
func noBreaker(before, after string) func(string) string {
	if before == "" && after == "" {
		return func(s string) string { return s }
	}
	var pairs []string
	for _, r := range before {
		pairs = append(pairs, " "+string(r), "\u00a0"+string(r))
	}
	for _, r := range after {
		pairs = append(pairs, string(r)+" ", string(r)+"\u00a0")
	}
	rep := strings.NewReplacer(pairs...)
	return func(s string) string {
		// Twice: "« {1} »" has a space after one mark and before the other.
		return rep.Replace(rep.Replace(s))
	}
}

func (c *Catalog) hasGroup(prefix string) bool {
	for k := range c.labels {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// labelKeys lists the labels, sorted.
func (c *Catalog) labelKeys() []string {
	out := make([]string, 0, len(c.labels))
	for k := range c.labels {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// LabelKeys lists the labels the English catalog defines, sorted.
func (r *Registry) LabelKeys() []string { return r.english.labelKeys() }

// HasLabel reports whether the catalog itself (not its English fallback)
// translates the label.
func (c *Catalog) HasLabel(key string) bool { _, ok := c.labels[key]; return ok }

func hasKey(n *yaml.Node, key string) bool { return keyNode(n, key) != n }

// keyNode returns the key node of key in mapping n, or n itself.
func keyNode(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i]
		}
	}
	return n
}

func braced(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	var b []string
	for _, n := range names {
		b = append(b, "{"+n+"}")
	}
	return strings.Join(b, " ")
}

// didYouMean suggests the nearest of keys to a misspelt key.
func didYouMean(k string, keys []string) string {
	best := typo.Nearest(k, keys)
	if best == "" {
		return ""
	}
	return " (did you mean " + strconv.Quote(best) + "?)"
}
