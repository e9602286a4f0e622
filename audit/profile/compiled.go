package profile

//go:generate go run ./internal/gencompiled

// The built-in profiles as decoded, generated from data/*.yaml
// (`go generate ./audit/profile/`, `make generate`) into compiled.txt in
// the compact form of internal/datacodec, which reads many times faster
// than YAML: a run reads its languages' profiles from it. Each profile
// carries the digest of its YAML file; a file edited without regenerating
// is decoded from YAML as before (TestCompiledFresh fails until the file
// is regenerated), so a profile is never stale and every mistake is still
// reported. The generator writes only profiles that Decode accepts. On a
// merge conflict in the file, regenerate it; a missing file stops the
// build (go:embed): create it empty, then regenerate.

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

// GenerateCompiled decodes every built-in profile and returns the content
// of compiled.txt: for each language, its name, its file's digest, its
// Summary and the profile, each a datacodec string.
func GenerateCompiled() ([]byte, error) {
	names, err := fs.Glob(embedded, "data/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var w datacodec.Writer
	for _, name := range names {
		data, err := fs.ReadFile(embedded, name)
		if err != nil {
			return nil, err
		}
		p, err := Decode(name, data)
		if err != nil {
			return nil, err
		}
		var sw, pw datacodec.Writer
		if err := sw.Value(summaryOf(p)); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		if err := pw.Value(p); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		pw.Newline()
		w.String(p.Lang)
		w.String(datacodec.DigestOf(data))
		w.String(string(sw.Bytes()))
		w.String(string(pw.Bytes()))
		w.Newline()
	}
	return w.Bytes(), nil
}

// compiledEntry is one language of compiled.txt, still encoded.
type compiledEntry struct {
	digest, summary, profile string
}

// compiledIndex reads compiled.txt's languages once; nil when it does
// not read.
var compiledIndex = sync.OnceValue(func() map[string]compiledEntry {
	out := map[string]compiledEntry{}
	r := datacodec.NewReader(compiledText)
	for !r.Done() {
		var f [4]string
		for i := range f {
			var err error
			if f[i], err = r.String(); err != nil {
				return nil
			}
		}
		out[f[0]] = compiledEntry{f[1], f[2], f[3]}
	}
	return out
})

// compiledFor returns the generated data of a built-in file when it was
// made from data.
func compiledFor(name string, data []byte) (compiledEntry, bool) {
	lang := strings.TrimSuffix(path.Base(name), ".yaml")
	c, ok := compiledIndex()[lang]
	if !ok || c.digest != datacodec.DigestOf(data) {
		return compiledEntry{}, false
	}
	return c, true
}

// compiled returns the generated profile of a built-in file when it was
// made from data, else nil.
func compiled(name string, data []byte) *Profile {
	c, ok := compiledFor(name, data)
	if !ok {
		return nil
	}
	p := &Profile{}
	r := datacodec.NewReader(c.profile)
	if err := r.Value(p); err != nil || !r.Done() {
		return nil
	}
	p.Source = name
	p.index()
	return p
}

// compiledSummary returns the generated summary of a built-in file when
// it was made from data.
func compiledSummary(name string, data []byte) (Summary, bool) {
	c, ok := compiledFor(name, data)
	if !ok {
		return Summary{}, false
	}
	var s Summary
	r := datacodec.NewReader(c.summary)
	if err := r.Value(&s); err != nil || !r.Done() {
		return Summary{}, false
	}
	return s, true
}
