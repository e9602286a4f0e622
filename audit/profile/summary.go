package profile

import (
	"bytes"
	"sort"

	"gopkg.in/yaml.v3"
)

// Summary is what a profile says beside its word lists: enough for the
// checks that compare an article's language with every other language
// (whose quotation marks it uses) without decoding every profile's words.
type Summary struct {
	Lang, Name string
	Target     bool
	Quotes     Quotes
}

// Summaries returns the summary of every profile, sorted by language. A
// built-in profile not decoded yet is summarised from its file without its
// word lists (TestSummariesMatchProfiles holds that to the full decoding).
func (r *Registry) Summaries() []Summary {
	out := make([]Summary, 0, len(r.byLang))
	for lang, e := range r.byLang {
		out = append(out, e.summary(lang))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Lang < out[j].Lang })
	return out
}

func (e *entry) summary(lang string) Summary {
	e.summaryOnce.Do(func() {
		if data := e.data; data != nil {
			var head struct {
				Name   string `yaml:"name"`
				Quotes Quotes `yaml:"quotes"`
			}
			if yaml.Unmarshal(withoutWords(data), &head) == nil {
				e.sum = Summary{Lang: lang, Name: head.Name, Target: e.target, Quotes: head.Quotes}
				return
			}
		}
		p := e.mustProfile()
		e.sum = Summary{Lang: p.Lang, Name: p.Name, Target: p.Target, Quotes: p.Quotes}
	})
	return e.sum
}

// withoutWords returns a profile file without its top-level words block
// (the bulk of the file): the key's line and every line after it that is
// indented, blank or a comment.
func withoutWords(data []byte) []byte {
	var out []byte
	skipping := false
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i+1], data[i+1:]
		} else {
			data = nil
		}
		switch {
		case bytes.HasPrefix(line, []byte("words:")):
			skipping = true
			continue
		case skipping && (len(bytes.TrimSpace(line)) == 0 || line[0] == ' ' || line[0] == '\t' || line[0] == '#'):
			continue
		}
		skipping = false
		out = append(out, line...)
	}
	return out
}
