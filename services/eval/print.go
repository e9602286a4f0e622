package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteText prints the table in score.py's layout, then (verbose) every
// miss and false positive, and last the line
// "recall R precision P fp_clean N".
func (s *Score) WriteText(w io.Writer, verbose bool) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%-15s %9s %8s %9s %8s\n", "category", "recall", "", "precision", "")
	for _, c := range s.Categories {
		r, p := "-", "-"
		if v, ok := c.Recall(); ok {
			r = fmt.Sprintf("%.2f", v)
		}
		if v, ok := c.Precision(); ok {
			p = fmt.Sprintf("%.2f", v)
		}
		fmt.Fprintf(&b, "%-15s %4d/%-4d %8s %4d/%-4d %8s\n", c.Category, c.Hit, c.Required, r, c.Correct, c.Found, p)
	}
	if len(s.MissingArticles) > 0 {
		fmt.Fprintf(&b, "articles missing from report: %s\n", strings.Join(s.MissingArticles, " "))
	}
	if verbose {
		for _, m := range s.Misses {
			fmt.Fprintf(&b, "MISS %s %s %s\n", m.Article, m.Category, m.Quote)
		}
		for _, f := range s.FalsePositives {
			rule := f.Rule
			if rule == "" {
				rule = "None"
			}
			fmt.Fprintf(&b, "FP   %s %s %s %s\n", f.Article, f.Category, rule, f.Quote)
		}
	}
	fmt.Fprintf(&b, "recall %.3f precision %.3f fp_clean %d\n", s.Recall, s.Precision, s.FPClean)
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON prints the object score.py --json prints (recall, precision,
// fp_clean, by_category in the spec's order), plus the misses, false
// positives and articles missing from the report.
func (s *Score) WriteJSON(w io.Writer) error {
	var b bytes.Buffer
	b.WriteString(`{"recall": ` + pyFloat(s.Recall) + `, "precision": ` + pyFloat(s.Precision) +
		`, "fp_clean": ` + strconv.Itoa(s.FPClean) + `, "by_category": {`)
	for i, c := range s.Categories {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `%s: {"hit": %d, "required": %d, "correct": %d, "found": %d}`, jsonString(c.Category), c.Hit, c.Required, c.Correct, c.Found)
	}
	b.WriteString("}")
	extra := []struct {
		key string
		v   any
	}{
		{"misses", nonNil(s.Misses)},
		{"false_positives", nonNil(s.FalsePositives)},
		{"missing_articles", nonNil(s.MissingArticles)},
	}
	for _, e := range extra {
		v, err := json.Marshal(e.v)
		if err != nil {
			return err
		}
		b.WriteString(`, "` + e.key + `": ` + string(v))
	}
	b.WriteString("}\n")
	_, err := w.Write(b.Bytes())
	return err
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// pyFloat writes a float as Python's repr does for the values a score takes.
func pyFloat(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
