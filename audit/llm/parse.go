package llm

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// Item is one finding of an answer, validated: a known category, a
// severity the spec allows, a quote not yet placed.
type Item struct {
	Category    audit.Category `json:"category"`
	Severity    audit.Severity `json:"severity"`
	Quote       string         `json:"quote"`
	Explanation string         `json:"explanation"`
	Suggestion  string         `json:"suggestion,omitempty"`
}

// rawItem is an item as the model wrote it.
type rawItem struct {
	Category    string  `json:"category"`
	Severity    string  `json:"severity"`
	Quote       string  `json:"quote"`
	Explanation string  `json:"explanation"`
	Suggestion  *string `json:"suggestion"`
}

// errBadAnswer marks an answer that is not the spec's JSON object.
var errBadAnswer = errors.New("answer is not the expected JSON object")

// ParseAnswer reads a model's answer: the JSON object alone, inside a
// Markdown code fence, or followed by stray text (a leading <think> block,
// as reasoning models print, is skipped). Anything else is an error. Items
// with an unknown category or severity, or no quote, are dropped and
// counted in invalid.
func ParseAnswer(content string) (items []Item, invalid int, err error) {
	s := strings.TrimSpace(strings.TrimPrefix(content, "\uFEFF"))
	if strings.HasPrefix(s, "<think>") {
		if i := strings.Index(s, "</think>"); i >= 0 {
			s = strings.TrimSpace(s[i+len("</think>"):])
		}
	}
	body := s
	if !strings.HasPrefix(s, "{") {
		fenced, ok := fenceContent(s)
		if !ok {
			return nil, 0, fmt.Errorf("%w: %s", errBadAnswer, describe(s))
		}
		body = fenced
	}
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(strings.NewReader(body))
	if err := dec.Decode(&obj); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, 0, fmt.Errorf("%w: the JSON is incomplete (cut off?)", errBadAnswer)
		}
		return nil, 0, fmt.Errorf("%w: %v", errBadAnswer, err)
	}
	rawFindings, ok := obj["findings"]
	if !ok {
		return nil, 0, fmt.Errorf("%w: no \"findings\" member", errBadAnswer)
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(rawFindings, &raws); err != nil {
		return nil, 0, fmt.Errorf("%w: \"findings\" is not an array", errBadAnswer)
	}
	for _, r := range raws {
		var ri rawItem
		if err := json.Unmarshal(r, &ri); err != nil {
			invalid++
			continue
		}
		it, ok := validate(ri)
		if !ok {
			invalid++
			continue
		}
		items = append(items, it)
	}
	return items, invalid, nil
}

// fenceContent returns the body of the first Markdown code fence in s; an
// unclosed fence runs to the end.
func fenceContent(s string) (string, bool) {
	i := strings.Index(s, "```")
	if i < 0 {
		return "", false
	}
	rest := s[i+3:]
	nl := strings.IndexByte(rest, '\n')
	if nl < 0 {
		return "", false
	}
	if tag := strings.TrimSpace(rest[:nl]); tag != "" && strings.ContainsAny(tag, "{}") {
		return "", false
	}
	rest = rest[nl+1:]
	if j := strings.Index(rest, "```"); j >= 0 {
		rest = rest[:j]
	}
	rest = strings.TrimSpace(rest)
	return rest, strings.HasPrefix(rest, "{")
}

func validate(ri rawItem) (Item, bool) {
	cat := audit.Category(strings.ToLower(strings.TrimSpace(ri.Category)))
	if !cat.Valid() {
		return Item{}, false
	}
	var sev audit.Severity
	switch strings.ToLower(strings.TrimSpace(ri.Severity)) {
	case "critical":
		sev = audit.Critical
	case "major":
		sev = audit.Major
	case "minor":
		sev = audit.Minor
	default:
		return Item{}, false
	}
	q := strings.TrimSpace(ri.Quote)
	if q == "" {
		return Item{}, false
	}
	it := Item{Category: cat, Severity: sev, Quote: q, Explanation: clipRunes(strings.TrimSpace(ri.Explanation), maxExplanationRunes)}
	if ri.Suggestion != nil {
		if sg := strings.TrimSpace(*ri.Suggestion); utf8.RuneCountInString(sg) <= maxSuggestionRunes {
			it.Suggestion = sg
		}
	}
	return it, true
}

// describe shows the start of a bad answer in an error, briefly.
func describe(s string) string {
	if s == "" {
		return "empty answer"
	}
	const n = 80
	r := []rune(s)
	if len(r) > n {
		return fmt.Sprintf("answer starts %q…", string(r[:n]))
	}
	return fmt.Sprintf("answer %q", s)
}
