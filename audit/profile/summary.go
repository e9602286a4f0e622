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
	// Function are the language's function words (Words.Function), which
	// language detection weighs for every language.
	Function []string
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
		if e.builtin {
			if s, ok := compiledSummary(e.name, e.data); ok {
				e.sum = s
				return
			}
		}
		if data := e.data; data != nil {
			var head struct {
				Name   string `yaml:"name"`
				Quotes Quotes `yaml:"quotes"`
			}
			var words struct {
				Words struct {
					Function []string `yaml:"function"`
				} `yaml:"words"`
			}
			if yaml.Unmarshal(withoutWords(data), &head) == nil && yaml.Unmarshal(wordList(data, "function"), &words) == nil {
				e.sum = Summary{Lang: lang, Name: head.Name, Target: e.target, Quotes: head.Quotes, Function: words.Words.Function}
				return
			}
		}
		e.sum = summaryOf(e.mustProfile())
	})
	return e.sum
}

// summaryOf is a decoded profile's summary.
func summaryOf(p *Profile) Summary {
	return Summary{Lang: p.Lang, Name: p.Name, Target: p.Target, Quotes: p.Quotes, Function: p.Words.Function}
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

// wordList returns the words block of a profile file reduced to one list:
// "words:" and the lines of key, indented by two spaces, up to the next
// line indented as little (blank lines and comments excepted).
func wordList(data []byte, key string) []byte {
	out := []byte("words:\n")
	inWords, inKey := false, false
	prefix := []byte("  " + key + ":")
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i+1], data[i+1:]
		} else {
			data = nil
		}
		blank := len(bytes.TrimSpace(line)) == 0 || bytes.HasPrefix(bytes.TrimLeft(line, " "), []byte("#"))
		switch {
		case blank:
			continue
		case line[0] != ' ':
			inWords, inKey = bytes.HasPrefix(line, []byte("words:")), false
		case inWords && !bytes.HasPrefix(line, []byte("   ")) && !closesFlow(line):
			inKey = bytes.HasPrefix(line, prefix)
		}
		if inKey {
			out = append(out, line...)
		}
	}
	return out
}

// closesFlow reports a line that closes a flow list or mapping: "  ]".
func closesFlow(line []byte) bool {
	t := bytes.TrimSpace(line)
	return len(t) > 0 && (t[0] == ']' || t[0] == '}')
}
