package i18n

import (
	"io/fs"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCompiledFresh holds compiled.txt to data/*.yaml: a catalog edited
// without regenerating fails here (the binary would still work, decoding
// the YAML).
func TestCompiledFresh(t *testing.T) {
	want, err := GenerateCompiled()
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != compiledText {
		t.Fatalf("%s is stale: run `go generate ./reports/i18n/` (make generate)", CompiledFile)
	}
}

// TestCompiledMatchesDecode checks that every built-in catalog built from
// compiled.txt is the one built from its YAML: deeply equal, and equal in
// every label, term and message it renders.
func TestCompiledMatchesDecode(t *testing.T) {
	fromYAML, err := load(dataFS, "data", builtinName, false)
	if err != nil {
		t.Fatal(err)
	}
	fromCompiled, err := load(dataFS, "data", builtinName, true)
	if err != nil {
		t.Fatal(err)
	}
	langs := fromYAML.Languages()
	if len(langs) < 2 || !reflect.DeepEqual(langs, fromCompiled.Languages()) {
		t.Fatalf("languages %v and %v", langs, fromCompiled.Languages())
	}
	for _, l := range langs {
		data, err := fs.ReadFile(dataFS, "data/"+l+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		if compiledForm(l, data) == nil {
			t.Fatalf("%s: not in %s", l, CompiledFile)
		}
		if e := fromCompiled.byLang[l]; l != English && !e.compiled {
			t.Errorf("%s: the built-in registry does not read it from %s", l, CompiledFile)
		}
		want, got := fromYAML.Get(l), fromCompiled.Get(l)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the compiled catalog differs from the decoded one", l)
		}
		if g, w := render(got), render(want); !reflect.DeepEqual(g, w) {
			for i := range min(len(g), len(w)) {
				if g[i] != w[i] {
					t.Errorf("%s: compiled %q, decoded %q", l, g[i], w[i])
					break
				}
			}
			t.Errorf("%s: %d rendered strings, want %d", l, len(g), len(w))
		}
	}
}

// render lists everything a catalog prints: each label plain, counted and
// in parts, each term in each form, each message template's translation.
func render(c *Catalog) []string {
	var out []string
	for _, key := range c.englishOrSelf().labelKeys() {
		out = append(out, c.Label(key, "n", "7", "name", "N", "code", "C", "line", "3", "column", "4"))
		for _, n := range []int{0, 1, 2} {
			out = append(out, c.Count(key, n))
		}
		for _, p := range c.Parts(key) {
			out = append(out, p.Text+"|"+p.Arg)
		}
		one, other, counts := c.Plural(key)
		out = append(out, one, other, strconv.Itoa(len(counts)))
	}
	for _, term := range sortedKeys(c.terms.forms) {
		out = append(out, c.Term(term), c.Term(lowerFirst(term)), c.Term(upperFirst(term)))
		for _, form := range sortedKeys(c.terms.forms[term]) {
			out = append(out, c.terms.translate(term, form))
		}
	}
	for _, t := range c.allTemplates() {
		msg := t.source
		for _, n := range []string{"1", "2", "3", "4"} {
			msg = strings.ReplaceAll(msg, "{"+n+":num}", "12")
			msg = strings.ReplaceAll(msg, "{"+n+"}", "French")
		}
		got, ok := c.Translate(msg)
		out = append(out, msg, got, strconv.FormatBool(ok))
	}
	out = append(out, c.Number(14.93, 2), c.ListSeparator(), c.Name(), c.Lang())
	return out
}

// englishOrSelf is the catalog that defines c's labels.
func (c *Catalog) englishOrSelf() *Catalog {
	if c.english != nil {
		return c.english
	}
	return c
}

// allTemplates lists the exact templates (sorted) and the patterns.
func (c *Catalog) allTemplates() []*template {
	var out []*template
	for _, k := range sortedKeys(c.exact) {
		out = append(out, c.exact[k])
	}
	return append(out, c.patterns...)
}

// TestCompiledNotStale checks that an edited catalog is decoded from its
// YAML, and that an edited en.yaml keeps every catalog from compiled.txt
// (they were checked against the old English labels).
func TestCompiledNotStale(t *testing.T) {
	fsys := fstest.MapFS{}
	files, _ := fs.Glob(dataFS, "data/*.yaml")
	for _, f := range files {
		data, _ := fs.ReadFile(dataFS, f)
		fsys[f] = &fstest.MapFile{Data: data}
	}
	edited := append(append([]byte{}, fsys["data/fr.yaml"].Data...), '\n')
	if compiledForm("fr", edited) != nil {
		t.Errorf("an edited fr.yaml read from %s", CompiledFile)
	}
	fsys["data/en.yaml"].Data = append(append([]byte{}, fsys["data/en.yaml"].Data...), '\n')
	r, err := load(fsys, "data", builtinName, true)
	if err != nil {
		t.Fatal(err)
	}
	for l, e := range r.byLang {
		if e.compiled {
			t.Errorf("%s: read from %s although en.yaml changed", l, CompiledFile)
		}
	}
}

// BenchmarkStartCatalogs is what a French run's start-up does with the
// catalogs: English from compiled.txt, then French from compiled.txt
// (/compiled) or from its YAML (/yaml, as before compiled.txt).
func BenchmarkStartCatalogs(b *testing.B) {
	for _, bc := range []struct {
		name     string
		compiled bool
	}{{"compiled", true}, {"yaml", false}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				r, err := load(dataFS, "data", builtinName, true)
				if err != nil {
					b.Fatal(err)
				}
				if !bc.compiled {
					e := r.byLang["fr"]
					e.compiled = false
				}
				if r.Get("fr") == nil {
					b.Fatal("no fr")
				}
			}
		})
	}
}
