package reports

import (
	"regexp"
	"strings"
	"testing"
)

func TestTextNoColourUnlessAsked(t *testing.T) {
	results := sampleResults(t)
	s := sampleSummary(t, results)
	plain := string(render(t, "text", Options{Messages: "en"}, results, s))
	if strings.Contains(plain, "\x1b[") {
		t.Errorf("colour escape in plain text output")
	}
	colour := string(render(t, "text", Options{Color: true, Messages: "en"}, results, s))
	if !strings.Contains(colour, "\x1b[") {
		t.Errorf("no colour escape with Color set")
	}
	// Without its escapes, the coloured output is the plain output.
	if got := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(colour, ""); got != plain {
		t.Errorf("coloured output differs from plain beyond escapes")
	}
}

func TestTextFindingLineShape(t *testing.T) {
	results := sampleResults(t)
	out := string(render(t, "text", Options{Messages: "en"}, results, sampleSummary(t, results)))
	head := regexp.MustCompile(`(?m)^(\S+):(\d+):(\d+): (critical|major|minor|info): .+ \[[a-z]+\.[a-z0-9.-]+\]$`)
	if n := len(head.FindAllString(out, -1)); n != 9 {
		t.Errorf("%d finding lines, want 9:\n%s", n, out)
	}
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if !head.MatchString(l) {
			continue
		}
		excerpt, carets := lines[i+1], lines[i+2]
		col := strings.Index(carets, "^")
		if col < 0 || !strings.HasPrefix(excerpt, "  ") {
			t.Errorf("finding %q lacks its excerpt and caret line", l)
			continue
		}
		// The caret sits under the flagged text: its first character is the quote's.
		ex := []rune(excerpt)
		if col >= len(ex) {
			t.Errorf("caret past the excerpt for %q", l)
		}
	}
	if !strings.HasSuffix(out, "3 articles: 1 pass, 2 fail; 9 findings (1 critical, 4 major, 3 minor, 1 info); 2 errors\n") {
		t.Errorf("summary line missing or wrong:\n%s", out)
	}
	if !strings.Contains(out, "testdata/image.png: error: binary data, not text\n") {
		t.Errorf("error line missing")
	}
}

func TestTextCaretUnderSpan(t *testing.T) {
	results := sampleResults(t)[:1]
	out := string(render(t, "text", Options{Messages: "en"}, results, NewSummary(testTool)))
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if !strings.Contains(l, "[untranslated.bracket]") {
			continue
		}
		ex, car := []rune(lines[i+1]), lines[i+2]
		start := strings.Index(car, "^")
		width := strings.Count(car, "~") + 1
		if got := string(ex[start : start+width]); got != "[energy subsidies]" {
			t.Errorf("carets mark %q, want the quote", got)
		}
		return
	}
	t.Fatal("finding not printed")
}
