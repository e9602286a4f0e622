package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// screen is a fake terminal: stdout and stderr write to it, and it keeps
// what a person would see: \r returns to the line's start, ESC[K erases to
// its end, other escape sequences draw nothing.
type screen struct {
	mu    sync.Mutex
	raw   bytes.Buffer
	lines [][]rune
	col   int
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.raw.Write(p)
	if s.lines == nil {
		s.lines = [][]rune{nil}
	}
	rs := []rune(string(p))
	for i := 0; i < len(rs); i++ {
		last := len(s.lines) - 1
		switch r := rs[i]; r {
		case '\r':
			s.col = 0
		case '\n':
			s.lines = append(s.lines, nil)
			s.col = 0
		case '\x1b':
			j := i + 1
			if j < len(rs) && rs[j] == '[' {
				j++
				for j < len(rs) && (rs[j] < '@' || rs[j] > '~') {
					j++
				}
				if j < len(rs) && rs[j] == 'K' && s.col < len(s.lines[last]) {
					s.lines[last] = s.lines[last][:s.col]
				}
			}
			i = j
		default:
			for len(s.lines[last]) <= s.col {
				s.lines[last] = append(s.lines[last], ' ')
			}
			s.lines[last][s.col] = r
			s.col++
		}
	}
	return len(p), nil
}

func (s *screen) text() []string {
	var out []string
	for _, l := range s.lines {
		out = append(out, string(l))
	}
	return out
}

// onTerminal runs mtaudit with stdout and stderr on one fake terminal.
func onTerminal(t *testing.T, args ...string) (*screen, int) {
	t.Helper()
	old := progressEvery
	progressEvery = 0 // draw every update
	t.Cleanup(func() { progressEvery = old })
	scr := &screen{}
	e := &env{
		stdin: strings.NewReader(""), stdout: scr, stderr: scr,
		getenv:    func(k string) string { return map[string]string{"NO_COLOR": "1"}[k] },
		stdoutTTY: true, stderrTTY: true,
	}
	return scr, run(args, e)
}

var barDrawn = regexp.MustCompile(`\[[=> ]*\] (\d+)/(\d+)`)

func TestProgressBarClearedBeforeResults(t *testing.T) {
	dir := inTempDir(t)
	var paths []string
	for i := range 6 {
		paths = append(paths, writeFile(t, filepath.Join(dir, fmt.Sprintf("a%d.txt", i)), doubleStopArticle))
	}
	paths = append(paths, filepath.Join(dir, "missing.txt"))
	scr, code := onTerminal(t, append([]string{"audit", "--messages", "en", "--fail-on", "minor", "-j", "2"}, paths...)...)
	if code != 2 {
		t.Fatalf("exit %d, want 2 (one missing input)\n%s", code, strings.Join(scr.text(), "\n"))
	}
	draws := barDrawn.FindAllStringSubmatch(scr.raw.String(), -1)
	if len(draws) == 0 {
		t.Fatalf("no progress bar drawn on a terminal:\n%q", scr.raw.String())
	}
	// The bar's total never shrinks and ends at the number of inputs.
	prev := 0
	for _, d := range draws {
		done, _ := strconv.Atoi(d[1])
		total, _ := strconv.Atoi(d[2])
		if total < prev || done > total {
			t.Errorf("bar %q after a total of %d", d[0], prev)
		}
		prev = total
	}
	if prev != len(paths) {
		t.Errorf("last total %d, want %d inputs (the unreadable one included)", prev, len(paths))
	}
	results := 0
	for _, line := range scr.text() {
		if strings.Contains(line, ": minor: ") {
			results++
		}
		if loc := barDrawn.FindStringIndex(line); loc != nil {
			t.Errorf("the bar is left on screen: %q", line)
		}
	}
	if results == 0 {
		t.Errorf("no result lines on screen:\n%s", strings.Join(scr.text(), "\n"))
	}
}

func TestProgressBarNotForOneInputNorWithNoProgress(t *testing.T) {
	dir := inTempDir(t)
	one := writeFile(t, filepath.Join(dir, "one.txt"), doubleStopArticle)
	two := writeFile(t, filepath.Join(dir, "two.txt"), doubleStopArticle)
	for _, args := range [][]string{
		{"audit", one},
		{"audit", "--no-progress", one, two},
	} {
		scr, code := onTerminal(t, args...)
		if code != 0 || strings.Contains(scr.raw.String(), "\x1b[K") {
			t.Errorf("%v: exit %d, bar drawn:\n%q", args, code, scr.raw.String())
		}
	}
}
