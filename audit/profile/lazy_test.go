package profile

import (
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// Builtin decodes a profile on first use only: this test decodes every
// embedded file eagerly, so that a broken one fails go test, and holds
// the target flag read ahead of decoding to the decoded one.
func TestEveryEmbeddedProfileDecodes(t *testing.T) {
	names, err := fs.Glob(embedded, "data/*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no embedded profile: %v", err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(embedded, name)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Decode(name, data)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if got := peekTarget(data); got != p.Target {
			t.Errorf("%s: target read ahead = %v, decoded = %v", name, got, p.Target)
		}
		if want := strings.TrimSuffix(path.Base(name), ".yaml"); p.Lang != want {
			t.Errorf("%s: lang %q", name, p.Lang)
		}
	}
}

func TestPeekTarget(t *testing.T) {
	for src, want := range map[string]bool{
		"lang: x\ntarget: true\n":         true,
		"lang: x\ntarget: true # yes\n":   true,
		"lang: x\ntarget: false\n":        false,
		"lang: x\n":                       false,
		"lang: x\nwords:\n  target: true": false, // not the top level
	} {
		if got := peekTarget([]byte(src)); got != want {
			t.Errorf("peekTarget(%q) = %v, want %v", src, got, want)
		}
	}
}

// A lookup decodes its language only.
func TestBuiltinDecodesOnDemand(t *testing.T) {
	r, err := lazyFS(embedded, "data")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Targets(); !reflect.DeepEqual(got, MustBuiltin().Targets()) || len(got) == 0 {
		t.Errorf("Targets = %v", got)
	}
	if r.Lookup("fr") == nil {
		t.Fatal("no fr profile")
	}
	var decodedLangs []string
	for l, e := range r.byLang {
		if e.p != nil {
			decodedLangs = append(decodedLangs, l)
		}
	}
	sort.Strings(decodedLangs)
	if !reflect.DeepEqual(decodedLangs, []string{"fr"}) {
		t.Errorf("decoded %v after Targets and Lookup(fr), want [fr]", decodedLangs)
	}
}

// Decode parses once and relies on checkKeys for unknown keys: the schema
// must name exactly the yaml keys of the types.
func TestSchemaMatchesTypes(t *testing.T) {
	var check func(where string, typ reflect.Type, s schema)
	check = func(where string, typ reflect.Type, s schema) {
		keys := map[string]bool{}
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if tag == "-" || !f.IsExported() {
				continue
			}
			if tag == "" {
				t.Errorf("%s%s: no yaml tag", where, f.Name)
				continue
			}
			keys[tag] = true
			sub, ok := s[tag]
			switch {
			case !ok:
				t.Errorf("%s%s: not in the schema", where, tag)
			case f.Type.Kind() == reflect.Struct:
				check(where+tag+".", f.Type, sub)
			case sub != nil:
				t.Errorf("%s%s: the schema has keys under a %s", where, tag, f.Type)
			}
		}
		for k := range s {
			if !keys[k] {
				t.Errorf("%s%s: in the schema, not in %s", where, k, typ)
			}
		}
	}
	check("", reflect.TypeOf(Profile{}), profileKeys)
}

// Summaries read the built-in files without their word lists: they must
// say what the full decoding says.
func TestSummariesMatchProfiles(t *testing.T) {
	r, err := lazyFS(embedded, "data")
	if err != nil {
		t.Fatal(err)
	}
	sums := r.Summaries()
	if len(sums) != len(r.byLang) {
		t.Fatalf("%d summaries for %d profiles", len(sums), len(r.byLang))
	}
	for _, s := range sums {
		if e := r.byLang[s.Lang]; e.p != nil {
			t.Errorf("%s: decoded by Summaries", s.Lang)
		}
		p := r.Lookup(s.Lang)
		want := Summary{Lang: p.Lang, Name: p.Name, Target: p.Target, Quotes: p.Quotes, Function: p.Words.Function}
		if !reflect.DeepEqual(s, want) {
			t.Errorf("summary %+v, decoded %+v", s, want)
		}
	}
	// A registry with a profile from a directory summarises it as decoded.
	extra, err := r.With(fstest.MapFS{"p/nl.yaml": {Data: []byte("lang: nl\nname: Dutch\ntarget: true\nquotes:\n  primary: [„, ”]\n")}}, "p")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range extra.Summaries() {
		if s.Lang == "nl" && (s.Name != "Dutch" || !s.Target || s.Quotes.Primary[0] != "„") {
			t.Errorf("nl summary %+v", s)
		}
	}
}

func TestWithoutWords(t *testing.T) {
	in := "lang: x\nwords:\n  # c\n  months: [a,\n    b]\n\n  days: []\n# top comment\nquotes:\n  primary: [a, b]\nwords: {x: [y]}\nname: X\n"
	want := "lang: x\nquotes:\n  primary: [a, b]\nname: X\n"
	if got := string(withoutWords([]byte(in))); got != want {
		t.Errorf("withoutWords = %q, want %q", got, want)
	}
}

func TestWordList(t *testing.T) {
	in := "lang: x\nwords:\n  months: [a]\n  function: [\n    le, la,\n\n    # c\n    les\n  ]\n  days:\n    - lundi\nfunction: [no]\n"
	want := "words:\n  function: [\n    le, la,\n    les\n  ]\n"
	if got := string(wordList([]byte(in), "function")); got != want {
		t.Errorf("wordList = %q, want %q", got, want)
	}
}
