package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// Finding is what scoring needs of a tool finding.
type Finding struct {
	Rule     string `json:"rule"`
	Category string `json:"category"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// Report holds a run's findings by article name: the base name of the
// article's path without its extension, as score.py keys them. When two
// articles share a name the later one wins, as in score.py.
type Report map[string][]Finding

// ArticleName is the key of an article path in a Report.
func ArticleName(path string) string {
	base := filepath.Base(path)
	// Python's os.path.splitext ignores leading dots ('.hidden' has no extension).
	stem := strings.TrimLeft(base, ".")
	if i := strings.LastIndexByte(stem, '.'); i >= 0 {
		return base[:len(base)-len(stem)+i]
	}
	return base
}

// FromResults builds a Report from audit results.
func FromResults(results []*audit.Result) Report {
	rep := Report{}
	for _, r := range results {
		fs := make([]Finding, 0, len(r.Findings))
		for _, f := range r.Findings {
			fs = append(fs, Finding{Rule: f.Rule, Category: string(f.Category), Start: f.Start, End: f.End})
		}
		rep[ArticleName(r.Doc.Path)] = fs
	}
	return rep
}

// ReadReport reads a JSON report of the contract ({"articles": [...]}).
func ReadReport(r io.Reader) (Report, error) {
	var doc struct {
		Articles []struct {
			Path     string `json:"path"`
			Findings []*struct {
				Rule     string `json:"rule"`
				Category string `json:"category"`
				Start    *int   `json:"start"`
				End      *int   `json:"end"`
			} `json:"findings"`
		} `json:"articles"`
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("read report: %w", err)
	}
	// A missing offset is -1, as score.py reads it.
	offset := func(p *int) int {
		if p == nil {
			return -1
		}
		return *p
	}
	rep := Report{}
	for _, a := range doc.Articles {
		fs := make([]Finding, 0, len(a.Findings))
		for _, f := range a.Findings {
			if f != nil {
				fs = append(fs, Finding{Rule: f.Rule, Category: f.Category, Start: offset(f.Start), End: offset(f.End)})
			}
		}
		rep[ArticleName(a.Path)] = fs
	}
	return rep, nil
}

// Options choose what is scored.
type Options struct {
	// LLM counts items marked needs=llm in recall.
	LLM bool
	// Only scores one category: other findings and items are left out.
	Only string
}

// CategoryScore is one row of the table.
type CategoryScore struct {
	Category string `json:"category"`
	Hit      int    `json:"hit"`      // required items matched
	Required int    `json:"required"` // required items
	Correct  int    `json:"correct"`  // findings matching an item
	Found    int    `json:"found"`    // findings
}

// Recall is Hit/Required; ok is false when nothing was required.
func (c CategoryScore) Recall() (r float64, ok bool) {
	if c.Required == 0 {
		return 0, false
	}
	return float64(c.Hit) / float64(c.Required), true
}

// Precision is Correct/Found; ok is false when nothing was found.
func (c CategoryScore) Precision() (p float64, ok bool) {
	if c.Found == 0 {
		return 0, false
	}
	return float64(c.Correct) / float64(c.Found), true
}

// Miss is a required gold item no finding matched.
type Miss struct {
	Article  string `json:"article"`
	Category string `json:"category"`
	Quote    string `json:"quote"`
}

// FalsePositive is a finding that matched no gold item.
type FalsePositive struct {
	Article  string `json:"article"`
	Category string `json:"category"`
	Rule     string `json:"rule"`
	Quote    string `json:"quote"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	// Clean says the article's gold has no findings at all.
	Clean bool `json:"clean,omitempty"`
}

// Score is the outcome of scoring a report against gold articles.
type Score struct {
	// Categories has the nine categories in the spec's order.
	Categories []CategoryScore
	// Other counts findings in categories outside the nine: they count in
	// precision and never match.
	Other           map[string]int
	Recall          float64
	Precision       float64
	FPClean         int
	Misses          []Miss
	FalsePositives  []FalsePositive
	MissingArticles []string
}

// Totals sums the table, the other categories included.
func (s *Score) Totals() (hit, required, correct, found int) {
	for _, c := range s.Categories {
		hit += c.Hit
		required += c.Required
		correct += c.Correct
		found += c.Found
	}
	for _, n := range s.Other {
		found += n
	}
	return
}

// Compute scores rep against the gold articles.
func Compute(gold []Article, rep Report, opt Options) *Score {
	rows := map[string]*CategoryScore{}
	row := func(c string) *CategoryScore {
		if rows[c] == nil {
			rows[c] = &CategoryScore{Category: c}
		}
		return rows[c]
	}
	s := &Score{Other: map[string]int{}}
	for _, a := range gold {
		findings, ok := rep[a.Name]
		if !ok {
			s.MissingArticles = append(s.MissingArticles, a.Name)
		}
		type item struct {
			GoldItem
			spans   []span
			counted bool
		}
		items := make([]item, 0, len(a.Gold.Findings))
		for _, it := range a.Gold.Findings {
			counted := !it.Optional && (opt.LLM || it.Needs != "llm")
			if opt.Only != "" {
				counted = counted && it.Category == opt.Only
			}
			items = append(items, item{it, spansOf(a.Text, it.Quote, it.Occurrence), counted})
		}
		matched := make([]bool, len(items))
		for _, f := range findings {
			if opt.Only != "" && f.Category != opt.Only {
				continue
			}
			fs := span{f.Start, f.End}
			row(f.Category).Found++
			good := false
			for k, it := range items {
				if it.Category != f.Category {
					continue
				}
				for _, sp := range it.spans {
					if fs.overlaps(sp) {
						good = true
						matched[k] = true
						break
					}
				}
			}
			if good {
				row(f.Category).Correct++
				continue
			}
			clean := len(a.Gold.Findings) == 0
			s.FalsePositives = append(s.FalsePositives, FalsePositive{Article: a.Name, Category: f.Category, Rule: f.Rule,
				Quote: clip(quoteOf(a.Text, f.Start, f.End), 70), Start: f.Start, End: f.End, Clean: clean})
			if clean {
				s.FPClean++
			}
		}
		for k, it := range items {
			if !it.counted {
				continue
			}
			row(it.Category).Required++
			if matched[k] {
				row(it.Category).Hit++
			} else {
				s.Misses = append(s.Misses, Miss{Article: a.Name, Category: it.Category, Quote: clip(it.Quote, 70)})
			}
		}
	}
	for _, c := range audit.Categories {
		r := row(string(c))
		s.Categories = append(s.Categories, *r)
		delete(rows, string(c))
	}
	for c, r := range rows {
		s.Other[c] = r.Found
	}
	hit, req, correct, found := s.Totals()
	s.Recall = float64(hit) / float64(max(1, req))
	if found > 0 {
		s.Precision = float64(correct) / float64(found)
	}
	return s
}

// quoteOf slices text the way Python slices bytes (clamped, negative
// indices from the end) and decodes it, invalid bytes replaced.
func quoteOf(text []byte, start, end int) string {
	n := len(text)
	norm := func(i int) int {
		if i < 0 {
			i += n
		}
		return min(max(i, 0), n)
	}
	s, e := norm(start), norm(end)
	if e < s {
		return ""
	}
	return strings.ToValidUTF8(string(text[s:e]), "\uFFFD")
}

// clip keeps the first n characters, as Python's s[:n].
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
