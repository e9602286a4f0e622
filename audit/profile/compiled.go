package profile

//go:generate go run ./internal/gencompiled

// The built-in profiles as decoded, generated from data/*.yaml
// (`go generate ./audit/profile/`, `make generate`) into compiled.txt in
// the compact form of internal/datacodec, which reads many times faster
// than YAML: a run reads its languages' profiles from it. Each profile
// carries the digest of its YAML file; a file edited without regenerating
// is decoded from YAML as before (TestCompiledFresh fails until the file
// is regenerated), so a profile is never stale and every mistake is still
// reported. The generator writes only profiles that Decode accepts.

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"

	"github.com/mtaudit/mtaudit/internal/datacodec"
)

//go:embed compiled.txt
var compiledText string

// CompiledFile is the generated file's name in the package directory.
const CompiledFile = "compiled.txt"

// GenerateCompiled decodes every built-in profile and returns the content
// of compiled.txt: for each language, its name, its file's digest and the
// profile, each a datacodec string.
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
		var pw datacodec.Writer
		if err := pw.Value(p); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		pw.Newline()
		w.String(p.Lang)
		w.String(digest(data))
		w.String(string(pw.Bytes()))
		w.Newline()
	}
	return w.Bytes(), nil
}

func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// compiled returns the generated profile of a built-in file when it was
// made from data, else nil.
func compiled(name string, data []byte) *Profile {
	lang := path.Base(name)
	lang = lang[:len(lang)-len(path.Ext(lang))]
	r := datacodec.NewReader(compiledText)
	for !r.Done() {
		l, err := r.String()
		if err != nil {
			return nil
		}
		d, err := r.String()
		if err != nil {
			return nil
		}
		text, err := r.String()
		if err != nil {
			return nil
		}
		if l != lang {
			continue
		}
		if d != digest(data) {
			return nil
		}
		p := &Profile{}
		pr := datacodec.NewReader(text)
		if err := pr.Value(p); err != nil || !pr.Done() {
			return nil
		}
		p.Source = name
		p.index()
		return p
	}
	return nil
}
