package rules

//go:generate go run ./internal/genpackmeta

// The metadata of the built-in pack rules, generated from the packs
// (`go generate ./rules/`, `make generate`) into pack_meta.txt: each rule's
// id, severity, title, doc, examples, languages, origin, and its
// definition's options, which the other languages' entries inherit; each
// language's entries, decoded; and the plans of its patterns (viewPlan:
// the folded pattern and its prefilters). With it a run builds the
// registry without decoding a pack file, and builds one language's checks
// on the first document in that language without parsing a pattern (a
// French run never decodes the German packs).
//
// The file holds the digest of the packs it was made from; when the
// embedded packs differ (a pack edited without regenerating), PackRules
// decodes every file as before, so the registry is never stale and every
// mistake is still reported at load. TestPackMetaFresh fails until the
// file is regenerated. The generator writes it only after a full, eager
// load of the packs (every pattern compiled) found no error. On a merge
// conflict in the file, regenerate it; a missing file stops the build
// (go:embed): create it empty, then regenerate.
//
// Format: records `key LEN:VALUE\n`, VALUE being LEN bytes (it may hold
// newlines); lines starting with # are comments. The first record is
// `packs` (the digest); `rule` starts a rule, whose records follow it;
// `lang` sets the language of the `trigger` and `ok` examples after it;
// `entries` and `plans` hold a language's entries and plans (datacodec).

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/internal/datacodec"
)

//go:embed pack_meta.txt
var packMetaText string

// PackMetaFile is the metadata file's name in the rules directory.
const PackMetaFile = "pack_meta.txt"

// lazyCheck is a built-in language's entry of a rule, before its file is
// decoded.
type lazyCheck struct {
	into *langCheck
	id   string
	def  *packEntry // the definition's options (from the metadata)
}

// GeneratePackMeta decodes and compiles every built-in pack, every pattern
// and automaton included, and returns the content of pack_meta.txt; any
// mistake in the packs is an error.
func GeneratePackMeta() ([]byte, error) {
	entries, err := decodePackTrees(builtinTree())
	if err != nil {
		return nil, err
	}
	rs, prs, err := compilePackRules(entries, true)
	if err != nil {
		return nil, err
	}
	digest, err := packsDigest()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("# Generated from rules/packs by `go generate ./rules/` (rules/internal/genpackmeta).\n")
	b.WriteString("# DO NOT EDIT. The metadata of the built-in pack rules: see rules/pack_meta.go.\n")
	put := func(key, v string) { fmt.Fprintf(&b, "%s %d:%s\n", key, len(v), v) }
	put("packs", digest)
	for i, r := range rs {
		def := prs[i].def
		o := def.opts()
		put("rule", r.ID)
		put("kind", o.Kind)
		put("def", def.lang)
		put("severity", r.Severity.String())
		put("title", r.Title)
		put("doc", r.Doc)
		put("origin", r.Origin)
		put("langs", strings.Join(r.Langs, " "))
		if r.Fixable {
			put("fixable", "true")
		}
		// The definition's options as written, which inherit copies into
		// the entries that leave them out.
		for _, kv := range [][2]string{{"scope", o.Scope}, {"position", o.Position}, {"lines", o.Lines},
			{"case", o.Case}, {"message", o.Message}} {
			if kv[1] != "" {
				put(kv[0], kv[1])
			}
		}
		if o.MaxWords != nil {
			put("max_words", strconv.Itoa(*o.MaxWords))
		}
		if o.Safe != nil {
			put("safe", strconv.FormatBool(*o.Safe))
		}
		if o.Confidence != 0 {
			put("confidence", strconv.FormatFloat(o.Confidence, 'g', -1, 64))
		}
		lang := ""
		for _, x := range r.Examples {
			if x.Note != "" {
				return nil, fmt.Errorf("rule %s: an example with a note has no place in the metadata", r.ID)
			}
			if x.Lang != lang {
				lang = x.Lang
				put("lang", lang)
			}
			if x.Trigger {
				put("trigger", x.Text)
			} else {
				put("ok", x.Text)
			}
		}
	}
	// Each language's entries as decoded, file by file, for the first
	// document in the language.
	sections, err := encodeSections(entries)
	if err != nil {
		return nil, err
	}
	for _, sec := range sections {
		put("entries", sec)
	}
	// Each language's patterns' plans, for its first document.
	plans, err := encodePlans(prs)
	if err != nil {
		return nil, err
	}
	for _, sec := range plans {
		put("plans", sec)
	}
	return b.Bytes(), nil
}

// encodePlans writes, for each language, the plans of the patterns its
// checks compiled (langPack.planned, in order, each once): the language,
// then each pattern's planKey and plan, as datacodec values.
func encodePlans(prs []*packRule) ([]string, error) {
	byLang := map[string]*langPack{}
	for _, pr := range prs {
		for l, lc := range pr.byLang {
			byLang[l] = lc.lp
		}
	}
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var out []string
	for _, l := range langs {
		var sec datacodec.Writer
		sec.String(l)
		sec.String(commonDigest(byLang[l].common))
		seen := map[string]bool{}
		for _, p := range byLang[l].planned {
			if seen[p.key] {
				continue
			}
			seen[p.key] = true
			sec.Newline()
			sec.String(p.key)
			if err := sec.Value(p.plan); err != nil {
				return nil, fmt.Errorf("%s: pattern %q: %v", l, p.key[1:], err)
			}
		}
		sec.Newline()
		out = append(out, string(sec.Bytes()))
	}
	return out, nil
}

// commonDigest is the digest of a language's common words (commonWords),
// which its plans' literals depend on.
func commonDigest(common map[string]bool) string {
	words := make([]string, 0, len(common))
	for w := range common {
		words = append(words, w)
	}
	sort.Strings(words)
	return datacodec.DigestOf([]byte(strings.Join(words, "\n")))
}

// decodePlans reads a language's plans (encodePlans), nil when there are
// none, they do not decode or they were made with other common words (a
// profile edited, the packs not: their digest does not tell) than those
// whose commonDigest is common: its patterns are then parsed.
func decodePlans(text, common string) map[string]*viewPlan {
	if text == "" {
		return nil
	}
	r := datacodec.NewReader(text)
	if _, err := r.String(); err != nil { // the language
		return nil
	}
	if d, err := r.String(); err != nil || d != common {
		return nil
	}
	plans := map[string]*viewPlan{}
	for !r.Done() {
		key, err := r.String()
		if err != nil {
			return nil
		}
		pl := &viewPlan{}
		if err := r.Value(pl); err != nil {
			return nil
		}
		plans[key] = pl
	}
	return plans
}

// encodeSections writes the decoded entries of each language: the
// language, then each file's name and entries (each a kind and its
// entry), as datacodec strings, so that a file is read without decoding
// the others.
func encodeSections(entries []*packEntry) ([]string, error) {
	type file struct {
		name    string
		entries []*packEntry
	}
	byLang := map[string][]*file{}
	var langs []string
	for _, e := range entries {
		files := byLang[e.lang]
		if files == nil {
			langs = append(langs, e.lang)
		}
		if len(files) == 0 || files[len(files)-1].name != e.src.name {
			files = append(files, &file{name: e.src.name})
			byLang[e.lang] = files
		}
		f := files[len(files)-1]
		f.entries = append(f.entries, e)
	}
	sort.Strings(langs)
	var out []string
	for _, l := range langs {
		var sec datacodec.Writer
		sec.String(l)
		for _, f := range byLang[l] {
			var fw datacodec.Writer
			fw.Int(len(f.entries))
			for _, e := range f.entries {
				fw.Newline()
				fw.String(e.opts().Kind)
				if err := fw.Value(withoutDefinition(e.kind)); err != nil {
					return nil, fmt.Errorf("%s: rule %s: %v", f.name, e.opts().ID, err)
				}
			}
			fw.Newline()
			sec.Newline()
			sec.String(path.Base(f.name))
			sec.String(string(fw.Bytes()))
		}
		sec.Newline()
		out = append(out, string(sec.Bytes()))
	}
	return out, nil
}

// withoutDefinition is a copy of an entry without the keys only the
// rule's definition reads (severity, title, doc: in the rule's records),
// which building its check never does.
func withoutDefinition(k entryKind) entryKind {
	c := reflect.New(reflect.TypeOf(k).Elem())
	c.Elem().Set(reflect.ValueOf(k).Elem())
	out := c.Interface().(entryKind)
	o := out.options()
	o.Severity, o.Title, o.Doc = "", "", ""
	return out
}

// packMeta is the parsed metadata.
type packMeta struct {
	rules []*metaRule
	// sections holds each language's files' entries, encoded
	// (encodeSections): language → file name → text.
	sections map[string]map[string]string
	// plans holds each language's patterns' plans, encoded (encodePlans).
	plans map[string]string
}

var (
	builtinMetaOnce sync.Once
	builtinMetaVal  *packMeta
)

// builtinMeta returns the metadata when it matches the embedded packs,
// else nil (the packs are then decoded from YAML).
func builtinMeta() *packMeta {
	builtinMetaOnce.Do(func() {
		digest, m, err := parsePackMeta(packMetaText)
		if err != nil || len(m.rules) == 0 {
			return
		}
		if d, err := packsDigest(); err != nil || d != digest {
			return
		}
		builtinMetaVal = m
	})
	return builtinMetaVal
}

// decodeSectionFile reads the entries of one file of a language's
// section; the strings share the embedded metadata.
func decodeSectionFile(lang, file, text string) ([]*packEntry, error) {
	name := path.Join(builtinPackName, lang, file)
	src := &packSource{name: name, dir: lang}
	r := datacodec.NewReader(text)
	n, err := r.Int()
	if err != nil {
		return nil, err
	}
	entries := make([]*packEntry, 0, n)
	for range n {
		kind, err := r.String()
		if err != nil {
			return nil, err
		}
		mk := entryKinds[kind]
		if mk == nil {
			return nil, fmt.Errorf("unknown kind %q", kind)
		}
		k := mk()
		if err := r.Value(k); err != nil {
			return nil, err
		}
		entries = append(entries, &packEntry{src: src, lang: lang, kind: k})
	}
	if !r.Done() {
		return nil, errors.New("data after the entries")
	}
	return entries, nil
}

// packsDigest is the CRC-32C and the CRC-32 of the embedded pack files,
// names and contents, in the order a load reads them. It tells a stale
// metadata file from a fresh one (an edit is no attack: 64 bits of
// checksum are enough), and a run computes it at start-up: SHA-256 over
// the packs' half megabyte was a tenth of a one-paragraph run, both CRCs
// (in hardware) a few hundredths of a percent. The files go through one
// buffer: a run reads the packs only here.
func packsDigest() (string, error) {
	names, err := fs.Glob(packFS, path.Join(builtinPackDir, "*", "*.yaml"))
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	h := datacodec.NewDigest()
	buf := make([]byte, 32<<10)
	for _, name := range names {
		f, err := packFS.Open(name)
		if err != nil {
			return "", err
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", name, st.Size())
		_, err = io.CopyBuffer(h, f, buf)
		f.Close()
		if err != nil {
			return "", err
		}
	}
	return h.String(), nil
}

// metaRule is one rule of the metadata.
type metaRule struct {
	rule    *audit.Rule
	defLang string
	def     entryOptions // the definition's options; Kind its kind
}

// parsePackMeta reads the metadata; the strings it returns share the
// embedded text.
func parsePackMeta(text string) (digest string, m *packMeta, err error) {
	m = &packMeta{sections: map[string]map[string]string{}, plans: map[string]string{}}
	var cur *metaRule
	lang := ""
	line := 1
	for len(text) > 0 {
		if text[0] == '#' {
			i := strings.IndexByte(text, '\n')
			if i < 0 {
				break
			}
			text, line = text[i+1:], line+1
			continue
		}
		sp := strings.IndexByte(text, ' ')
		colon := strings.IndexByte(text, ':')
		if sp <= 0 || colon < sp {
			return "", nil, fmt.Errorf("%s:%d: want `key LEN:VALUE`", PackMetaFile, line)
		}
		n, err := strconv.Atoi(text[sp+1 : colon])
		if err != nil || n < 0 || colon+1+n >= len(text) || text[colon+1+n] != '\n' {
			return "", nil, fmt.Errorf("%s:%d: bad length", PackMetaFile, line)
		}
		key, v := text[:sp], text[colon+1:colon+1+n]
		text = text[colon+2+n:]
		at := line
		line += 1 + strings.Count(v, "\n")
		if key == "packs" {
			digest = v
			continue
		}
		if key == "rule" {
			cur = &metaRule{rule: &audit.Rule{ID: v, Category: audit.Category(strings.SplitN(v, ".", 2)[0])}}
			m.rules = append(m.rules, cur)
			lang = ""
			continue
		}
		if key == "plans" {
			lang, err := datacodec.NewReader(v).String()
			if err != nil {
				return "", nil, fmt.Errorf("%s:%d: plans: %v", PackMetaFile, at, err)
			}
			m.plans[lang] = v
			cur = nil
			continue
		}
		if key == "entries" {
			if err := m.addSection(v); err != nil {
				return "", nil, fmt.Errorf("%s:%d: entries: %v", PackMetaFile, at, err)
			}
			cur = nil
			continue
		}
		if cur == nil {
			return "", nil, fmt.Errorf("%s:%d: %s before the first rule", PackMetaFile, at, key)
		}
		r, o := cur.rule, &cur.def
		switch key {
		case "kind":
			o.Kind = v
		case "def":
			cur.defLang = v
		case "severity":
			r.Severity, err = audit.ParseSeverity(v)
		case "title":
			r.Title = v
		case "doc":
			r.Doc = v
		case "origin":
			r.Origin = v
		case "langs":
			r.Langs = strings.Fields(v)
		case "fixable":
			r.Fixable = v == "true"
		case "scope":
			o.Scope = v
		case "position":
			o.Position = v
		case "lines":
			o.Lines = v
		case "case":
			o.Case = v
		case "message":
			o.Message = v
		case "max_words":
			var m int
			m, err = strconv.Atoi(v)
			o.MaxWords = &m
		case "safe":
			var b bool
			b, err = strconv.ParseBool(v)
			o.Safe = &b
		case "confidence":
			o.Confidence, err = strconv.ParseFloat(v, 64)
		case "lang":
			lang = v
		case "trigger", "ok":
			r.Examples = append(r.Examples, audit.Example{Text: v, Trigger: key == "trigger", Lang: lang})
		default:
			err = fmt.Errorf("unknown key %q", key)
		}
		if err != nil {
			return "", nil, fmt.Errorf("%s:%d: %s: %v", PackMetaFile, at, key, err)
		}
	}
	return digest, m, nil
}

// addSection files a language's section by file, without decoding the
// entries.
func (m *packMeta) addSection(sec string) error {
	r := datacodec.NewReader(sec)
	lang, err := r.String()
	if err != nil {
		return err
	}
	files := map[string]string{}
	for !r.Done() {
		name, err := r.String()
		if err != nil {
			return err
		}
		if files[name], err = r.String(); err != nil {
			return err
		}
	}
	m.sections[lang] = files
	return nil
}

// builtinFromMeta builds the built-in pack rules from the metadata, with
// no pack file decoded; false when the metadata does not match the packs.
func builtinFromMeta() ([]*audit.Rule, []*packRule, bool) {
	meta := builtinMeta()
	if meta == nil {
		return nil, nil, false
	}
	metas := meta.rules
	langs := map[string]*langPack{}
	out := make([]*audit.Rule, 0, len(metas))
	prs := make([]*packRule, 0, len(metas))
	for _, m := range metas {
		mk := entryKinds[m.def.Kind]
		if mk == nil || len(m.rule.Langs) == 0 {
			return nil, nil, false
		}
		def := &packEntry{lang: m.defLang, kind: mk()}
		*def.kind.options() = m.def
		pr := &packRule{byLang: make(map[string]*langCheck, len(m.rule.Langs)), def: def}
		for _, l := range m.rule.Langs {
			lp := langs[l]
			if lp == nil {
				lp = newLangPack(l, false)
				lp.planText = meta.plans[l]
				langs[l] = lp
			}
			lc := &langCheck{lp: lp}
			pr.byLang[l] = lc
			lp.lazy = append(lp.lazy, lazyCheck{lc, m.rule.ID, def})
		}
		m.rule.Run = pr.run
		out = append(out, m.rule)
		prs = append(prs, pr)
	}
	return out, prs, true
}

// decodeBuiltin decodes the language's files and pairs each entry with
// its rule from the metadata, in the metadata's order (that of a full
// load, so that the language's indexes are built alike). The packs match
// the metadata (their digest), and the generator loaded them without
// error; a mismatch here is a broken build, reported by every rule of the
// language (packRule.run).
func (lp *langPack) decodeBuiltin() []pendingCheck {
	names, err := fs.Glob(packFS, path.Join(builtinPackDir, lp.lang, "*.yaml"))
	if err != nil {
		lp.errs.add(path.Join(builtinPackName, lp.lang), 0, "%v", err)
		return nil
	}
	files := make([]*builtinFile, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			files[i] = decodeBuiltinFile(lp.lang, path.Base(name))
		}()
	}
	wg.Wait()
	byID := map[string]*packEntry{}
	for _, f := range files {
		lp.errs.list = append(lp.errs.list, f.errs.list...)
		for _, e := range f.entries {
			id := e.opts().ID
			if _, dup := byID[id]; dup {
				lp.errs.add(e.src.name, e.node.at("id"), "rule %s: duplicate id in language %s", id, lp.lang)
			}
			byID[id] = e
		}
	}
	pending := make([]pendingCheck, 0, len(lp.lazy))
	for _, l := range lp.lazy {
		e := byID[l.id]
		switch {
		case e == nil:
			lp.errs.add(path.Join(builtinPackName, lp.lang), 0, "rule %s: in %s but in no file (run go generate ./rules/)", l.id, PackMetaFile)
			continue
		case e.opts().Kind != l.def.opts().Kind:
			lp.errs.add(e.src.name, e.node.at("kind"), "rule %s: kind %s, but %s says %s (run go generate ./rules/)", l.id, e.opts().Kind, PackMetaFile, l.def.opts().Kind)
			continue
		}
		delete(byID, l.id)
		pending = append(pending, pendingCheck{l.into, e, l.def})
	}
	for id, e := range byID {
		lp.errs.add(e.src.name, e.node.at("id"), "rule %s: not in %s (run go generate ./rules/)", id, PackMetaFile)
	}
	return pending
}
