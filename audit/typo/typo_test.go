package typo

import "testing"

func TestNearest(t *testing.T) {
	keys := []string{"words", "quotes", "numbers", "lang"}
	for k, want := range map[string]string{"wrods": "words", "qoutes": "quotes", "lnag": "lang", "typography": "", "": ""} {
		if got := Nearest(k, keys); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", k, got, want)
		}
	}
	// A tie goes to the first in sorted order, whatever the input order.
	if a, b := Nearest("cat", []string{"cut", "cot"}), Nearest("cat", []string{"cot", "cut"}); a != "cot" || b != "cot" {
		t.Errorf("tie: %q, %q; want cot both times", a, b)
	}
	if got := NearestKey("mesage", map[string]int{"message": 1, "messages": 2}); got != "message" {
		t.Errorf("NearestKey = %q", got)
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"words", "wrods", 2}} {
		if got := Distance(c.a, c.b); got != c.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}
