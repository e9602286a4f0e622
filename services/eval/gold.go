// Package eval scores an auditor's findings against gold annotations, by
// the rules of shared/spec/findings.md and exactly as shared/tools/score.py
// does: a finding matches a gold item when their byte spans overlap and
// their categories are equal.
package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// GoldSuffix ends the name of a gold file: NAME.gold.json annotates NAME.txt.
const GoldSuffix = ".gold.json"

// Gold is one article's annotation.
type Gold struct {
	Lang     string     `json:"lang,omitempty"`
	Findings []GoldItem `json:"findings"`
}

// GoldItem is one expected finding.
type GoldItem struct {
	Category string `json:"category"`
	// Quote is a substring of the article; Occurrence (1-based) picks one
	// when it appears several times, zero means any.
	Quote      string `json:"quote"`
	Occurrence int    `json:"occurrence,omitempty"`
	// Optional items are never missed, and findings on them are never false positives.
	Optional bool `json:"optional,omitempty"`
	// Needs "llm" marks an item only a semantic pass is expected to find.
	Needs string `json:"needs,omitempty"`
	Note  string `json:"note,omitempty"`
}

// Article is an annotated article: its name (the file stem), text and gold.
type Article struct {
	Name string
	Path string // of the text
	Text []byte
	Gold Gold
}

// LoadDir reads every NAME.gold.json in dir (not recursively) with its
// NAME.txt, in name order.
func LoadDir(dir string) ([]Article, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read gold directory: %w", err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), GoldSuffix) {
			names = append(names, strings.TrimSuffix(e.Name(), GoldSuffix))
		}
	}
	sort.Strings(names)
	out := make([]Article, 0, len(names))
	for _, name := range names {
		a, err := LoadArticle(dir, name)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// LoadArticle reads dir/NAME.gold.json and dir/NAME.txt and checks that
// every quote occurs in the text.
func LoadArticle(dir, name string) (Article, error) {
	goldPath := filepath.Join(dir, name+GoldSuffix)
	data, err := os.ReadFile(goldPath)
	if err != nil {
		return Article{}, fmt.Errorf("read gold: %w", err)
	}
	var g Gold
	// Not strict: score.py reads gold files with keys it does not know.
	if err := json.Unmarshal(data, &g); err != nil {
		return Article{}, fmt.Errorf("%s: %w", goldPath, err)
	}
	textPath := filepath.Join(dir, name+".txt")
	text, err := os.ReadFile(textPath)
	if err != nil {
		return Article{}, fmt.Errorf("gold %s has no article: %w", goldPath, err)
	}
	a := Article{Name: name, Path: textPath, Text: text, Gold: g}
	if err := a.Check(); err != nil {
		return Article{}, fmt.Errorf("%s: %w", goldPath, err)
	}
	return a, nil
}

// Check reports gold items whose quote is not in the text (or lacks the
// requested occurrence).
func (a Article) Check() error {
	for i, it := range a.Gold.Findings {
		if len(spansOf(a.Text, it.Quote, it.Occurrence)) == 0 {
			return fmt.Errorf("item %d: gold quote not in %s: %q", i+1, a.Name, it.Quote)
		}
		if it.Occurrence < 0 {
			return fmt.Errorf("item %d: occurrence must be 1 or more", i+1)
		}
	}
	return nil
}

// span is a byte range [start, end).
type span struct{ start, end int }

func (a span) overlaps(b span) bool { return a.start < b.end && b.start < a.end }

// spansOf finds every occurrence of quote in text, overlapping ones
// included, or only the occurrence-th when occurrence > 0 (score.py's spans_of).
func spansOf(text []byte, quote string, occurrence int) []span {
	q := []byte(quote)
	var out []span
	for i := 0; i <= len(text); {
		j := bytes.Index(text[i:], q)
		if j < 0 {
			break
		}
		out = append(out, span{i + j, i + j + len(q)})
		i += j + 1
	}
	if occurrence > 0 {
		if len(out) >= occurrence {
			return out[occurrence-1 : occurrence]
		}
		return nil
	}
	return out
}
