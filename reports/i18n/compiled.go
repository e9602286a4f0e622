package i18n

//go:generate go run ./internal/gencompiled

// The built-in catalogs as decoded, generated from data/*.yaml
// (`go generate ./reports/i18n/`, `make generate`) into compiled.txt in
// the compact form of internal/datacodec, which reads many times faster
// than YAML: a run reads its catalogs from it. Each catalog carries the
// digest of its YAML file; a file edited without regenerating is decoded
// from YAML as before (TestCompiledFresh fails until the file is
// regenerated), so a catalog is never stale and every mistake is still
// reported at its line. A catalog other than English is checked against
// English's labels, so it is read from compiled.txt only when en.yaml is
// unchanged too. The generator writes only catalogs that decode. On a merge
// conflict in the file, regenerate it; a missing file stops the build
// (go:embed): create it empty, then regenerate.

import (
	_ "embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/mtaudit/mtaudit/internal/datacodec"
)

//go:embed compiled.txt
var compiledText string

// CompiledFile is the generated file's name in the package directory.
const CompiledFile = "compiled.txt"

// GenerateCompiled decodes every built-in catalog and returns the content
// of compiled.txt: for each language, its code, its file's digest and its
// catalogForm, each a datacodec string.
func GenerateCompiled() ([]byte, error) {
	names, err := fs.Glob(dataFS, "data/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	raw := map[string][]byte{}
	for _, name := range names {
		if raw[name], err = fs.ReadFile(dataFS, name); err != nil {
			return nil, err
		}
	}
	// English first: the others are checked against its labels.
	enName := "data/" + English + ".yaml"
	if _, ok := raw[enName]; !ok {
		return nil, fmt.Errorf("%s: no %s.yaml", builtinName, English)
	}
	en, err := decode(builtinFile(English), raw[enName], nil)
	if err != nil {
		return nil, err
	}
	var w datacodec.Writer
	for _, name := range names {
		lang := strings.TrimSuffix(path.Base(name), ".yaml")
		var ref *Catalog
		if lang != English {
			ref = en
		}
		f, err := decodeForm(builtinFile(lang), raw[name], ref)
		if err != nil {
			return nil, err
		}
		var fw datacodec.Writer
		f.write(&fw)
		fw.Newline()
		w.String(lang)
		w.String(datacodec.DigestOf(raw[name]))
		w.String(string(fw.Bytes()))
		w.Newline()
	}
	return w.Bytes(), nil
}

// builtinFile is a built-in catalog's name in errors and Catalog.String.
func builtinFile(lang string) string { return path.Join(builtinName, lang+".yaml") }

// compiledEntry is one language of compiled.txt, still encoded.
type compiledEntry struct{ digest, form string }

// compiledIndex reads compiled.txt's languages once; nil when it does not
// read.
var compiledIndex = sync.OnceValue(func() map[string]compiledEntry {
	out := map[string]compiledEntry{}
	r := datacodec.NewReader(compiledText)
	for !r.Done() {
		var f [3]string
		for i := range f {
			var err error
			if f[i], err = r.String(); err != nil {
				return nil
			}
		}
		out[f[0]] = compiledEntry{f[1], f[2]}
	}
	return out
})

// compiledForm returns the generated form of a built-in catalog when it was
// made from data, else nil.
func compiledForm(lang string, data []byte) *catalogForm {
	c, ok := compiledIndex()[lang]
	if !ok || c.digest != datacodec.DigestOf(data) {
		return nil
	}
	r := formReader{r: datacodec.NewReader(c.form)}
	f := r.form()
	if r.err != nil || !r.r.Done() {
		return nil
	}
	return f
}

// A catalogForm is written as datacodec strings and integers in a fixed
// order, not by datacodec's reflection (Writer.Value), which would want
// exported fields: reading it so also takes a fifth of the instructions,
// and the catalogs are read at every start. TestCompiledMatchesDecode holds
// write and form to each other. A nil slice is written with the count -1,
// so that a catalog read back is deeply equal to the one decoded from YAML.

func (f *catalogForm) write(w *datacodec.Writer) {
	w.String(f.lang)
	w.String(f.name)
	w.String(f.decimal)
	w.String(f.listSep)
	writeInts(w, f.pluralOne)
	w.Newline()
	w.Int(len(f.labels))
	for _, k := range sortedKeys(f.labels) {
		l := f.labels[k]
		w.Newline()
		w.String(k)
		w.String(l.text)
		w.String(l.one)
		w.String(l.other)
		w.Int(boolInt(l.plural))
		w.Int(l.line)
		writeStrings(w, l.names)
	}
	w.Newline()
	w.Int(len(f.terms))
	for _, k := range sortedKeys(f.terms) {
		forms := f.terms[k]
		w.Newline()
		w.String(k)
		w.Int(len(forms))
		for _, name := range sortedKeys(forms) {
			w.String(name)
			w.String(forms[name])
		}
	}
	w.Newline()
	w.Int(len(f.messages))
	for _, t := range f.messages {
		w.Newline()
		w.String(t.source)
		w.Int(t.line)
		w.String(t.reSrc)
		w.String(t.prefix)
		w.String(t.suffix)
		w.Int(t.litLen)
		writeInts(w, t.groups)
		w.Int(count(t.out))
		for _, p := range t.out {
			w.String(p.lit)
			w.Int(p.slot)
			w.String(p.form)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// count is a slice's length, -1 when it is nil.
func count[T any](s []T) int {
	if s == nil {
		return -1
	}
	return len(s)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func writeInts(w *datacodec.Writer, ns []int) {
	w.Int(count(ns))
	for _, n := range ns {
		w.Int(n)
	}
}

func writeStrings(w *datacodec.Writer, ss []string) {
	w.Int(count(ss))
	for _, s := range ss {
		w.String(s)
	}
}

// formReader reads what catalogForm.write wrote; the first error stops it
// (every later read gives zero values) and stays in err.
type formReader struct {
	r   *datacodec.Reader
	err error
}

func (r *formReader) str() string {
	if r.err != nil {
		return ""
	}
	s, err := r.r.String()
	r.err = err
	return s
}

func (r *formReader) int() int {
	if r.err != nil {
		return 0
	}
	n, err := r.r.Int()
	r.err = err
	return n
}

// len reads a count: -1 (a nil slice) up to limit.
func (r *formReader) len() int {
	n := r.int()
	if n < -1 || n > len(compiledText) {
		r.err = fmt.Errorf("bad count %d", n)
		return 0
	}
	return n
}

func (r *formReader) ints() []int {
	n := r.len()
	if n < 0 || r.err != nil {
		return nil
	}
	out := make([]int, n)
	for i := range out {
		out[i] = r.int()
	}
	return out
}

func (r *formReader) strings() []string {
	n := r.len()
	if n < 0 || r.err != nil {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *formReader) form() *catalogForm {
	f := &catalogForm{lang: r.str(), name: r.str(), decimal: r.str(), listSep: r.str(), pluralOne: r.ints()}
	n := max(r.len(), 0)
	f.labels = make(map[string]*label, n)
	labels := make([]label, n) // one allocation for all
	for i := range labels {
		if r.err != nil {
			return nil
		}
		l := &labels[i]
		k := r.str()
		l.text, l.one, l.other, l.plural, l.line = r.str(), r.str(), r.str(), r.int() == 1, r.int()
		l.names = r.strings()
		f.labels[k] = l
	}
	n = max(r.len(), 0)
	f.terms = make(map[string]map[string]string, n)
	for range n {
		if r.err != nil {
			return nil
		}
		k := r.str()
		m := max(r.len(), 0)
		forms := make(map[string]string, m)
		for range m {
			name := r.str()
			forms[name] = r.str()
		}
		f.terms[k] = forms
	}
	n = r.len()
	if n >= 0 && r.err == nil {
		f.messages = make([]*template, n)
		ts := make([]template, n)
		for i := range ts {
			if r.err != nil {
				return nil
			}
			t := &ts[i]
			t.source, t.line, t.reSrc, t.prefix, t.suffix, t.litLen = r.str(), r.int(), r.str(), r.str(), r.str(), r.int()
			t.groups = r.ints()
			if m := r.len(); m >= 0 && r.err == nil {
				t.out = make([]piece, m)
				for j := range t.out {
					t.out[j] = piece{lit: r.str(), slot: r.int(), form: r.str()}
				}
			}
			f.messages[i] = t
		}
	}
	if r.err != nil {
		return nil
	}
	return f
}
