package reports

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// update rewrites the golden files: go test ./reports -update
// (Every golden test in this package shares this one flag.)
var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites the file under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test ./reports -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./reports -update rewrites it):\n%s", name, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first line where want and got part.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(same lines, different bytes)"
}

// render runs a printer over results the way the audit command does.
func render(t *testing.T, format string, o Options, results []*audit.Result, s *Summary) []byte {
	t.Helper()
	p, err := New(format, o)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.Start(&buf); err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if err := p.Article(&buf, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.End(&buf, s); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The golden files show each format as editors get it by default: the
// sample articles are French, so their reports are in French
// (testdata/golden/NAME). Under --messages en the output is byte for byte
// what it was before reports spoke other languages (testdata/golden/en/NAME).
var goldenVariants = []struct {
	dir      string // under testdata/golden
	messages string
}{{"", ""}, {"en", "en"}}

func TestGoldenFormats(t *testing.T) {
	for _, v := range goldenVariants {
		for _, tc := range []struct {
			format, file string
			color        bool
		}{
			{"text", "report.txt", false},
			{"text", "report-color.txt", true},
			{"markdown", "report.md", false},
			{"json", "report.json", false},
			{"jsonl", "report.jsonl", false},
		} {
			name := filepath.Join(v.dir, tc.file)
			t.Run(name, func(t *testing.T) {
				results := sampleResults(t)
				s := sampleSummary(t, results)
				golden(t, name, render(t, tc.format, Options{Tool: testTool, Color: tc.color, Messages: v.messages}, results, s))
			})
		}
	}
}

// With a messages language asked for, JSON adds the translated text beside
// the English (message_localized, suggestion_localized).
func TestGoldenLocalizedJSON(t *testing.T) {
	results := sampleResults(t)
	golden(t, "report-localized.jsonl", render(t, "jsonl", Options{Tool: testTool, LocalizeJSON: true}, results, sampleSummary(t, results)))
}

func TestGoldenSummary(t *testing.T) {
	for _, v := range goldenVariants {
		results := sampleResults(t)
		s := sampleSummary(t, results)
		o := Options{Tool: testTool, Messages: v.messages}
		var md, js bytes.Buffer
		if err := WriteSummaryMarkdownWith(&md, s, o); err != nil {
			t.Fatal(err)
		}
		if err := WriteSummaryJSON(&js, s); err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join(v.dir, "summary.md"), md.Bytes())
		golden(t, filepath.Join(v.dir, "summary.json"), js.Bytes())
	}

	// An interrupted run says so.
	results := sampleResults(t)
	s := sampleSummary(t, results)
	s.Interrupted, s.Total = true, 10
	var md bytes.Buffer
	if err := WriteSummaryMarkdownWith(&md, s, Options{Messages: "en"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "stopped after 5 of 10 inputs") {
		t.Errorf("interrupted summary does not say how far it got:\n%s", md.String())
	}
}

// A single article's report, as --out writes it, ends without a batch line.
func TestGoldenSingleArticleMarkdown(t *testing.T) {
	for _, v := range goldenVariants {
		results := sampleResults(t)[:1]
		s := NewSummary(testTool)
		s.Add(results[0])
		golden(t, filepath.Join(v.dir, "single.md"), render(t, "markdown", Options{Tool: testTool, Messages: v.messages}, results, s))
	}
}
