package server

import (
	"testing"
	"unicode/utf8"
)

// FuzzLTText: any "data" parameter either is refused or maps every pair
// of character boundaries of its plain text into the original text, in
// order, with a context that holds the match; never a panic.
func FuzzLTText(f *testing.F) {
	f.Add(`{"annotation":[{"text":"a 😀 b"},{"markup":"<b>","interpretAs":"\n"},{"text":"c"}]}`, 1, 5)
	f.Add(`{"annotation":[{"markup":"<p>"},{"markup":"</p>"}]}`, 0, 0)
	f.Add(`{"annotation":[]}`, 0, 0)
	f.Fuzz(func(t *testing.T, data string, a, b int) {
		lt, err := parseLTData(data)
		if err != nil {
			return
		}
		n := len(lt.plain)
		if n == 0 {
			a, b = 0, 0
		} else {
			a, b = ((a%(n+1))+n+1)%(n+1), ((b%(n+1))+n+1)%(n+1)
		}
		if a > b {
			a, b = b, a
		}
		for a > 0 && a < n && !utf8.RuneStart(lt.plain[a]) {
			a--
		}
		for b < n && !utf8.RuneStart(lt.plain[b]) {
			b++
		}
		from, to := lt.span(a, b)
		if from < 0 || to > len(lt.original) || from > to {
			t.Fatalf("span(%d, %d) = %d, %d of %d units", a, b, from, to, len(lt.original))
		}
		if c := lt.context(from, to); c.Offset < 0 || c.Length != to-from {
			t.Fatalf("context %+v for %d, %d", c, from, to)
		}
	})
}
