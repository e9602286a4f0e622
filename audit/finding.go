package audit

import "sort"

// Category is one of the nine fixed kinds of finding (shared/spec/findings.md).
type Category string

// The nine categories. Add one only with a reason in the changelog.
const (
	Untranslated   Category = "untranslated"
	Mistranslation Category = "mistranslation"
	Negation       Category = "negation"
	Name           Category = "name"
	Grammar        Category = "grammar"
	Garbled        Category = "garbled"
	Scraped        Category = "scraped"
	Duplicate      Category = "duplicate"
	Typography     Category = "typography"
)

// Categories lists the categories in the spec's order.
var Categories = []Category{Untranslated, Mistranslation, Negation, Name, Grammar, Garbled, Scraped, Duplicate, Typography}

// Valid reports whether c is one of the nine categories.
func (c Category) Valid() bool {
	for _, k := range Categories {
		if k == c {
			return true
		}
	}
	return false
}

// Source says who produced a finding.
const (
	SourceRule = "rule"
	SourceLLM  = "llm"
)

// Span is a byte range [Start, End) into a document's text as read.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Overlaps reports whether two spans share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Contains reports whether o lies within s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Finding is one flagged span. It carries no policy: the engine stamps Rule,
// Category and Severity from the registry and the configuration.
type Finding struct {
	Span
	Rule       string
	Category   Category
	Severity   Severity
	Message    string
	Suggestion string
	// Source is SourceRule or SourceLLM; Sources lists every producer when
	// findings from several were merged.
	Source     string
	Sources    []string
	Confidence float64
	Fixes      []Fix
}

// SortFindings orders findings by position, then by rule id, so output is stable.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j] // not copies: a finding is 160 bytes
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.Rule < b.Rule
	})
}
