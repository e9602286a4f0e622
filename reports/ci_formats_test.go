package reports

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// The CI formats (github, gitlab, junit, checkstyle) as golden files, each
// also read back by a parser of its kind.
func TestGoldenCIFormats(t *testing.T) {
	for _, v := range goldenVariants {
		for _, tc := range []struct{ format, file string }{
			{"github", "report.github.txt"},
			{"gitlab", "report.gitlab.json"},
			{"junit", "report.junit.xml"},
			{"checkstyle", "report.checkstyle.xml"},
		} {
			name := filepath.Join(v.dir, tc.file)
			t.Run(name, func(t *testing.T) {
				results := sampleResults(t)
				golden(t, name, render(t, tc.format, Options{Tool: testTool, Messages: v.messages}, results, sampleSummary(t, results)))
			})
		}
	}
}

// githubCommand is a workflow command line: ::level props::message.
var githubCommand = regexp.MustCompile(`^::(error|warning|notice) ([^:]*)::(.*)$`)

// Every annotation is one line, its properties hold no raw ',' ':' or line
// end, and unescaping gives back the message (a line end in a finding's
// text does not start a command of its own).
func TestGitHubAnnotationsEscape(t *testing.T) {
	results := sampleResults(t)
	out := string(render(t, "github", Options{Tool: testTool, Messages: "en"}, results, sampleSummary(t, results)))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	var annotations int
	for _, l := range lines[:len(lines)-1] {
		m := githubCommand.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("not a workflow command: %q", l)
		}
		annotations++
		props := map[string]string{}
		for _, kv := range strings.Split(m[2], ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				t.Fatalf("property %q without '=' in %q", kv, l)
			}
			props[k] = strings.NewReplacer("%2C", ",", "%3A", ":", "%0A", "\n", "%0D", "\r", "%25", "%").Replace(v)
		}
		if props["file"] == "" {
			t.Errorf("annotation without file: %q", l)
		}
	}
	if want := 5 + 4 + 2; annotations != want { // findings of two articles, two input errors
		t.Errorf("%d annotations, want %d:\n%s", annotations, want, out)
	}
	if !strings.Contains(out, "Table | row%0Asecond line") {
		t.Errorf("the message's line end is not escaped:\n%s", out)
	}
	if strings.HasPrefix(lines[len(lines)-1], "::") {
		t.Errorf("the last line should be the plain summary, got %q", lines[len(lines)-1])
	}
	if got := githubProperty("a,b:c%d\ne"); got != "a%2Cb%3Ac%25d%0Ae" {
		t.Errorf("githubProperty = %q", got)
	}
	if got := githubData("50% done: a,b\r\n"); got != "50%25 done: a,b%0D%0A" {
		t.Errorf("githubData = %q", got)
	}
}

// The GitLab report is a JSON array whose issues carry every field the
// Code Quality documentation requires, with a severity of its scale and
// fingerprints unique in the report.
func TestGitLabCodeQualityFields(t *testing.T) {
	results := sampleResults(t)
	out := render(t, "gitlab", Options{Tool: testTool}, results, sampleSummary(t, results))
	var issues []map[string]any
	dec := json.NewDecoder(bytes.NewReader(out))
	if err := dec.Decode(&issues); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, out)
	}
	if len(issues) != 11 {
		t.Errorf("%d issues, want 11 (9 findings, 2 input errors)", len(issues))
	}
	severities := map[string]bool{"info": true, "minor": true, "major": true, "critical": true, "blocker": true}
	seen := map[string]bool{}
	for i, is := range issues {
		for _, k := range []string{"description", "check_name", "fingerprint", "severity"} {
			if s, _ := is[k].(string); s == "" {
				t.Errorf("issue %d: %s missing or empty", i, k)
			}
		}
		if !severities[is["severity"].(string)] {
			t.Errorf("issue %d: severity %q is not on GitLab's scale", i, is["severity"])
		}
		fp := is["fingerprint"].(string)
		if seen[fp] {
			t.Errorf("issue %d: fingerprint %s repeated", i, fp)
		}
		seen[fp] = true
		loc, _ := is["location"].(map[string]any)
		if p, _ := loc["path"].(string); p == "" {
			t.Errorf("issue %d: location.path missing", i)
		}
		lines, _ := loc["lines"].(map[string]any)
		if b, _ := lines["begin"].(float64); b < 1 {
			t.Errorf("issue %d: location.lines.begin missing or < 1", i)
		}
	}
	// An empty run is an empty array.
	empty := render(t, "gitlab", Options{Tool: testTool}, nil, NewSummary(testTool))
	if err := json.Unmarshal(empty, &issues); err != nil || len(issues) != 0 {
		t.Errorf("empty run: %q (%v)", empty, err)
	}
}

// The fingerprint does not move when text is added before the finding.
func TestGitLabFingerprintIgnoresOffsets(t *testing.T) {
	fingerprints := func(text string) []string {
		d := mustDoc(t, "a.txt", text)
		r := finish(t, &audit.Result{Doc: d, Findings: []audit.Finding{{Span: find(t, text, "[energy subsidies]", 1),
			Rule: "untranslated.bracket", Category: audit.Untranslated, Severity: audit.Major, Message: "m"}}})
		var issues []GitLabIssue
		if err := json.Unmarshal(render(t, "gitlab", Options{Tool: testTool}, []*audit.Result{r}, NewSummary(testTool)), &issues); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, is := range issues {
			out = append(out, is.Fingerprint)
		}
		return out
	}
	a := fingerprints(marketText)
	b := fingerprints("Un paragraphe de plus.\n\n" + marketText)
	if len(a) != 1 || len(b) != 1 || a[0] != b[0] {
		t.Errorf("fingerprints %v and %v differ", a, b)
	}
}

// The JUnit report parses, and its counts agree with its cases.
func TestJUnitParses(t *testing.T) {
	results := sampleResults(t)
	out := render(t, "junit", Options{Tool: testTool, Messages: "en"}, results, sampleSummary(t, results))
	var doc JUnitSuites
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("JUnit XML does not parse: %v\n%s", err, out)
	}
	if len(doc.Suites) != 1 {
		t.Fatalf("%d testsuites, want 1", len(doc.Suites))
	}
	s := doc.Suites[0]
	var failures, errs int
	for _, c := range s.Cases {
		if c.Failure != nil {
			failures++
			if c.Failure.Message == "" || (c.Failure.Type == "gate" && !strings.Contains(c.Failure.Text, "[")) {
				t.Errorf("case %s: failure without message or findings: %+v", c.Name, c.Failure)
			}
		}
		if c.Error != nil {
			errs++
		}
	}
	if s.Tests != 5 || len(s.Cases) != 5 || s.Failures != failures || s.Errors != errs || errs != 2 || doc.Tests != s.Tests {
		t.Errorf("counts: tests %d cases %d failures %d/%d errors %d/%d", s.Tests, len(s.Cases), s.Failures, failures, s.Errors, errs)
	}
	for _, c := range s.Cases {
		if c.Name == "testdata/marche-energie.txt" && (c.Failure == nil || !strings.Contains(c.Failure.Text, "untranslated.bracket")) {
			t.Errorf("the failing article's failure does not list its findings: %+v", c.Failure)
		}
		if c.Name == "testdata/injection.txt" && c.Failure != nil && !strings.Contains(c.Failure.Text, "<script>") {
			t.Errorf("the quote's markup should come back as text: %q", c.Failure.Text)
		}
	}
}

// The checkstyle report parses; every error has a severity checkstyle knows.
func TestCheckstyleParses(t *testing.T) {
	results := sampleResults(t)
	out := render(t, "checkstyle", Options{Tool: testTool, Messages: "en"}, results, sampleSummary(t, results))
	var doc struct {
		XMLName xml.Name         `xml:"checkstyle"`
		Version string           `xml:"version,attr"`
		Files   []CheckstyleFile `xml:"file"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("checkstyle XML does not parse: %v\n%s", err, out)
	}
	if len(doc.Files) != 5 {
		t.Errorf("%d files, want 5 (3 articles, 2 input errors)", len(doc.Files))
	}
	var n int
	for _, f := range doc.Files {
		for _, e := range f.Errors {
			n++
			if e.Severity != "error" && e.Severity != "warning" && e.Severity != "info" {
				t.Errorf("%s: severity %q", f.Name, e.Severity)
			}
			if e.Message == "" || !strings.HasPrefix(e.Source, "mtaudit.") {
				t.Errorf("%s: error without message or source: %+v", f.Name, e)
			}
		}
	}
	if n != 11 {
		t.Errorf("%d errors, want 11", n)
	}
	// A line end in a message survives the attribute.
	for _, f := range doc.Files {
		for _, e := range f.Errors {
			if e.Source == "mtaudit.scraped.line" && !strings.Contains(e.Message, "row\nsecond") {
				t.Errorf("line end lost in attribute: %q", e.Message)
			}
		}
	}
}

// Text XML cannot hold, or that would close a CDATA section, still gives
// a document that parses.
func TestXMLFormatsHostileText(t *testing.T) {
	text := "Titre\n\nUn texte avec ]]> et \x01\x1b[31m rouge et <b>gras</b> & fin.\n"
	d := mustDoc(t, "a\x02.txt", text)
	r := finish(t, &audit.Result{Doc: d, Findings: []audit.Finding{{Span: find(t, text, "]]> et \x01\x1b[31m rouge", 1),
		Rule: "garbled.x", Category: audit.Garbled, Severity: audit.Critical, Message: "bad ]]> \x07 text"}}})
	for _, format := range []string{"junit", "checkstyle"} {
		out := render(t, format, Options{Tool: testTool}, []*audit.Result{r}, NewSummary(testTool))
		var v struct{}
		if err := xml.Unmarshal(out, &v); err != nil {
			t.Errorf("%s: does not parse: %v\n%s", format, err, out)
		}
	}
}
