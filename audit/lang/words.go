package lang

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"gopkg.in/yaml.v3"
)

// functionWordsFile holds the function words of languages that may have no
// profile (see the file's header).
//
//go:embed data/function_words.yaml
var functionWordsFile []byte

var (
	unprofiledOnce sync.Once
	unprofiled     map[string][]string
)

// unprofiledWords decodes data/function_words.yaml once. The file is
// embedded and tested: a broken one is a broken build, so it panics.
func unprofiledWords() map[string][]string {
	unprofiledOnce.Do(func() {
		m, err := decodeWords(functionWordsFile)
		if err != nil {
			panic(err)
		}
		unprofiled = m
	})
	return unprofiled
}

// decodeWords reads a map of language code to word list, strictly.
func decodeWords(data []byte) (map[string][]string, error) {
	var m map[string][]string
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("audit/lang/data/function_words.yaml: %w", err)
	}
	for l, ws := range m {
		if linguaName(l) == "" {
			return nil, fmt.Errorf("audit/lang/data/function_words.yaml: %q is no language lingua-go knows", l)
		}
		for _, w := range ws {
			if w == "" {
				return nil, fmt.Errorf("audit/lang/data/function_words.yaml: %s holds an empty word", l)
			}
		}
	}
	return m, nil
}
