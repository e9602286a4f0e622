package rules

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/mtaudit/mtaudit/audit/typo"
	"io"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/mtaudit/mtaudit/audit"
)

// Decoding of pack files: strict, with every mistake reported at its line.
// The keys of an entry depend on its kind; each kind's entry type lists
// them as yaml tags (pack_kinds_*.go), and a key of another kind or a typo
// is named as such.

// packSource is one pack file and where it came from.
type packSource struct {
	name string // in errors and origins: "rules/packs/fr/scraped.yaml"
	dir  string // the language directory holding it ("fr"); "" for a lone file
	data []byte
}

// packEntry is one decoded rule entry of a file.
type packEntry struct {
	src  *packSource
	lang string
	node yamlEntry
	kind entryKind // *phraseEntry, *regexEntry or *acronymEntry
}

func (e *packEntry) opts() *entryOptions { return e.kind.options() }

// where names the entry's file and line, for messages about another entry.
func (e *packEntry) where() string { return fmt.Sprintf("%s:%d", e.src.name, e.node.at("id")) }

// entryKinds is the closed set of check kinds: each makes a new entry of
// its type for the decoder.
var entryKinds = map[string]func() entryKind{
	kindPhrase:  func() entryKind { return &phraseEntry{} },
	kindRegex:   func() entryKind { return &regexEntry{} },
	kindAcronym: func() entryKind { return &acronymEntry{} },
}

// Kinds of check a pack entry may name.
const (
	kindPhrase  = "phrase"
	kindRegex   = "regex"
	kindAcronym = "acronym"
)

const kindList = "phrase, regex or acronym"

// entrySchemas holds each kind's keys, read from its entry type's yaml
// tags, on the first YAML decoding (a run reading the generated
// pack_meta.txt needs none).
var entrySchemas = sync.OnceValue(func() map[string]keySchema {
	out := map[string]keySchema{}
	for name, mk := range entryKinds {
		out[name] = schemaOf(reflect.TypeOf(mk()).Elem())
	}
	return out
})

// packFileKeys are the keys of a pack file's top level.
var packFileKeys = keySchema{"lang": nil, "rules": nil}

// Compiled on first use, as the YAML decoding that needs them.
var (
	packLangPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z]{2}$`) })
	packIDPattern   = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[a-z]+\.[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$`)
	})
)

// decodePackFile decodes one file into entries, adding every mistake to errs.
func decodePackFile(src *packSource, errs *packErrors) (entries []*packEntry) {
	defer func() {
		// yaml.v3 has panicked on hostile input before; a pack is data.
		if p := recover(); p != nil {
			errs.add(src.name, 0, "cannot decode: %v", p)
			entries = nil
		}
	}()
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src.data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			errs.add(src.name, 0, "empty rule pack")
		} else {
			errs.raw(audit.YAMLError(src.name, err))
		}
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		errs.add(src.name, extra.Line, "a rule pack is one YAML document")
		return nil
	} else if !errors.Is(err, io.EOF) {
		errs.raw(audit.YAMLError(src.name, err))
		return nil
	}
	if len(root.Content) == 0 {
		errs.add(src.name, 0, "empty rule pack")
		return nil
	}
	top := resolveAlias(root.Content[0])
	if top.Kind != yaml.MappingNode {
		errs.add(src.name, top.Line, "a rule pack is a mapping with lang and rules")
		return nil
	}
	file := yamlEntry{top}
	if !walkKeys(src.name, "", "", top, packFileKeys, errs) {
		return nil
	}
	var lang string
	if v := file.value("lang"); v == nil || v.Kind != yaml.ScalarNode || !packLangPattern().MatchString(v.Value) {
		val := ""
		if v != nil {
			val = v.Value
		}
		errs.add(src.name, file.at("lang"), "lang: %q is not a two-letter language code", val)
		return nil
	} else {
		lang = v.Value
	}
	if src.dir != "" && lang != src.dir {
		errs.add(src.name, file.at("lang"), "lang %q in a file of directory %q: a pack file sits in its language's directory", lang, src.dir)
		return nil
	}
	seq := resolveAlias(file.value("rules"))
	if seq == nil || (seq.Kind == yaml.ScalarNode && seq.Tag == "!!null") || (seq.Kind == yaml.SequenceNode && len(seq.Content) == 0) {
		errs.add(src.name, file.at("rules"), "rules: the pack has no rules")
		return nil
	}
	if seq.Kind != yaml.SequenceNode {
		errs.add(src.name, seq.Line, "rules: want a list of rule entries")
		return nil
	}
	for i, item := range seq.Content {
		if e := decodeEntry(src, lang, resolveAlias(item), i, errs); e != nil {
			entries = append(entries, e)
		}
	}
	return entries
}

// decodeEntry checks an entry's keys against its kind and decodes it into
// the kind's type.
func decodeEntry(src *packSource, lang string, node *yaml.Node, i int, errs *packErrors) *packEntry {
	n := yamlEntry{node}
	id := fmt.Sprintf("#%d", i+1)
	if v := n.value("id"); v != nil && v.Kind == yaml.ScalarNode && v.Value != "" {
		id = v.Value
	}
	if node.Kind != yaml.MappingNode {
		errs.add(src.name, node.Line, "rule %s: an entry is a mapping of keys (id, kind, …)", id)
		return nil
	}
	kindName := ""
	if v := n.value("kind"); v != nil && v.Kind == yaml.ScalarNode {
		kindName = v.Value
	}
	mk, ok := entryKinds[kindName]
	switch {
	case kindName == "":
		errs.add(src.name, n.line(), "rule %s: missing kind (%s)", id, kindList)
		return nil
	case !ok:
		msg := fmt.Sprintf("rule %s: unknown kind %q (want %s)", id, kindName, kindList)
		if near := typo.NearestKey(kindName, entrySchemas()); near != "" {
			msg = fmt.Sprintf("rule %s: unknown kind %q (did you mean %q?)", id, kindName, near)
		}
		errs.add(src.name, n.at("kind"), "%s", msg)
		return nil
	}
	if !checkEntryKeys(src.name, id, kindName, node, errs) {
		return nil
	}
	k := mk()
	if err := node.Decode(k); err != nil {
		errs.raw(audit.YAMLError(src.name, err))
		return nil
	}
	return &packEntry{src: src, lang: lang, node: n, kind: k}
}

// checkEntryKeys reports keys the entry's kind does not have: a key of
// another kind as such, anything else with the nearest key it may mean.
func checkEntryKeys(file, id, kind string, node *yaml.Node, errs *packErrors) bool {
	s := entrySchemas()[kind]
	ok := true
	for i := 0; i+1 < len(node.Content); i += 2 {
		k := node.Content[i]
		sub, known := s[k.Value]
		if known {
			if sub != nil && !walkKeys(file, "rule "+id+": ", k.Value+".", resolveAlias(node.Content[i+1]), sub, errs) {
				ok = false
			}
			continue
		}
		ok = false
		var owners []string
		for other, os := range entrySchemas() {
			if _, has := os[k.Value]; has {
				owners = append(owners, other)
			}
		}
		sort.Strings(owners)
		if len(owners) > 0 {
			errs.add(file, k.Line, "rule %s: %s is for kind %s only", id, k.Value, strings.Join(owners, ", "))
		} else {
			errs.add(file, k.Line, "rule %s: %s", id, unknownKey("", k.Value, s))
		}
	}
	return ok
}

// walkKeys reports unknown keys of a mapping and of its nested mappings;
// path prefixes the keys named ("examples.").
func walkKeys(file, prefix, path string, n *yaml.Node, s keySchema, errs *packErrors) bool {
	if n == nil || n.Kind != yaml.MappingNode {
		return true
	}
	ok := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		sub, known := s[k.Value]
		if !known {
			errs.add(file, k.Line, "%s%s", prefix, unknownKey(path, k.Value, s))
			ok = false
			continue
		}
		if sub != nil && !walkKeys(file, prefix, path+k.Value+".", resolveAlias(n.Content[i+1]), sub, errs) {
			ok = false
		}
	}
	return ok
}

func unknownKey(path, k string, s keySchema) string {
	msg := fmt.Sprintf("unknown key %q", path+k)
	if near := typo.NearestKey(k, s); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", path+near)
	}
	return msg
}

// keySchema maps each allowed key to the schema of its value (nil: a
// scalar, a list or a free map).
type keySchema map[string]keySchema

// schemaOf reads the keys of a struct type from its yaml tags; inline
// fields add theirs, struct fields nest.
func schemaOf(t reflect.Type) keySchema {
	s := keySchema{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if opts == "inline" {
			maps.Copy(s, schemaOf(f.Type))
			continue
		}
		if name == "" || name == "-" {
			continue
		}
		s[name] = nil
		if f.Type.Kind() == reflect.Struct {
			s[name] = schemaOf(f.Type)
		}
	}
	return s
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for depth := 0; n != nil && n.Kind == yaml.AliasNode && depth < 16; depth++ {
		n = n.Alias
	}
	return n
}

// packErrors collects mistakes with their files and lines.
type packErrors struct {
	list []lineError
}

type lineError struct {
	file string
	line int
	msg  string // formatted in full when file is ""
}

func (e *packErrors) add(file string, line int, format string, args ...any) {
	e.list = append(e.list, lineError{file, line, fmt.Sprintf(format, args...)})
}

// raw adds messages that already name their file and line.
func (e *packErrors) raw(msg string) { e.list = append(e.list, lineError{msg: msg}) }

func (e *packErrors) err() error {
	if len(e.list) == 0 {
		return nil
	}
	sort.SliceStable(e.list, func(i, j int) bool {
		a, b := e.list[i], e.list[j]
		if a.file != b.file {
			return a.file < b.file
		}
		return a.line < b.line
	})
	msgs := make([]string, len(e.list))
	for i, l := range e.list {
		switch {
		case l.file == "":
			msgs[i] = l.msg
		case l.line <= 0:
			msgs[i] = fmt.Sprintf("%s: %s", l.file, l.msg)
		default:
			msgs[i] = fmt.Sprintf("%s:%d: %s", l.file, l.line, l.msg)
		}
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
	if v := resolveAlias(n.value(k)); v != nil && v.Kind == yaml.SequenceNode && i < len(v.Content) {
		return v.Content[i].Line
	}
	return n.at(k)
}

// keyLine returns the line of key sub inside key k's mapping.
func (n yamlEntry) keyLine(k, sub string) int {
	if v := resolveAlias(n.value(k)); v != nil && v.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(v.Content); i += 2 {
			if v.Content[i].Value == sub {
				return v.Content[i].Line
			}
		}
	}
	return n.at(k)
}

// builtinPhrases holds, per embedded pack file ("rules/packs/fr/scraped.yaml"),
// the phrases of its phrase rules in file order, recorded when the file is
// decoded, so that the Go rules reading pack phrases (packPhrases) do not
// decode the file again. Per process, language data only.
var builtinPhrases sync.Map // string → []rulePhrases

// rulePhrases are the phrases of one phrase entry.
type rulePhrases struct {
	id      string
	phrases []string
}

// recordPhrases keeps the phrases of a decoded embedded file's phrase rules.
func recordPhrases(name string, entries []*packEntry) []rulePhrases {
	var list []rulePhrases
	for _, e := range entries {
		if pe, ok := e.kind.(*phraseEntry); ok {
			list = append(list, rulePhrases{pe.ID, pe.Phrases})
		}
	}
	v, _ := builtinPhrases.LoadOrStore(name, list)
	return v.([]rulePhrases)
}

// builtinPackPhrases returns the phrases of the phrase rules of an embedded
// pack file (lang is its directory), decoding it only if no load has.
func builtinPackPhrases(lang, file string) []rulePhrases {
	name := path.Join(builtinPackName, lang, file)
	if v, ok := builtinPhrases.Load(name); ok {
		return v.([]rulePhrases)
	}
	return recordPhrases(name, decodeBuiltinFile(lang, file).entries)
}

// builtinFile is an embedded pack file decoded on its own, once: by the
// first document in its language (langPack.decodeBuiltin) or a Go rule
// reading its phrases, whichever comes first.
type builtinFile struct {
	once    sync.Once
	entries []*packEntry
	errs    packErrors
}

// builtinFiles holds the embedded files decoded one by one. Per process,
// language data only.
var builtinFiles sync.Map // "rules/packs/fr/scraped.yaml" → *builtinFile

// decodeBuiltinFile decodes the embedded file lang/file once.
func decodeBuiltinFile(lang, file string) *builtinFile {
	name := path.Join(builtinPackName, lang, file)
	v, _ := builtinFiles.LoadOrStore(name, &builtinFile{})
	f := v.(*builtinFile)
	f.once.Do(func() {
		defer func() { recordPhrases(name, f.entries) }()
		if m := builtinMeta(); m != nil {
			if text, ok := m.sections[lang][file]; ok {
				entries, err := decodeSectionFile(lang, file, text)
				if err == nil {
					f.entries = entries
					return
				}
				f.errs.add(name, 0, "%s: %v (run go generate ./rules/)", PackMetaFile, err)
				return
			}
		}
		data, err := fs.ReadFile(packFS, path.Join(builtinPackDir, lang, file))
		if err != nil {
			f.errs.add(name, 0, "%v", err)
			return
		}
		f.entries = decodePackFile(&packSource{name: name, dir: lang, data: data}, &f.errs)
	})
	return f
}

// decodedBuiltinFiles lists the embedded files decoded one by one, for
// the tests.
func decodedBuiltinFiles() []string {
	var out []string
	builtinFiles.Range(func(k, _ any) bool {
		out = append(out, k.(string))
		return true
	})
	sort.Strings(out)
	return out
}

// decodePackFiles decodes files side by side (YAML decoding is most of a
// run's start-up) and returns each file's entries and mistakes in the
// order of srcs. Files of the embedded packs also record their phrases
// (builtinPhrases).
func decodePackFiles(srcs []*packSource, builtin bool) ([][]*packEntry, []*packErrors) {
	entries := make([][]*packEntry, len(srcs))
	errs := make([]*packErrors, len(srcs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(runtime.GOMAXPROCS(0), 1))
	for i, src := range srcs {
		errs[i] = &packErrors{}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			entries[i] = decodePackFile(src, errs[i])
			if builtin {
				recordPhrases(src.name, entries[i])
			}
		}()
	}
	wg.Wait()
	return entries, errs
}
