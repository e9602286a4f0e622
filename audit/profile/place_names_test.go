package profile

import (
	"strings"
	"testing"
)

// TestPlaceNames checks the place_names and body_heads of every built-in
// target profile: each pair is "English/own" with two different names, no
// English name is listed twice, and each language lists the countries.
func TestPlaceNames(t *testing.T) {
	reg := MustBuiltin()
	for _, p := range reg.All() {
		if !p.Target {
			continue
		}
		pairs := p.PlaceNamePairs()
		if len(pairs) != len(p.Words.PlaceNames) {
			t.Errorf("%s: %d place_names, %d pairs", p.Lang, len(p.Words.PlaceNames), len(pairs))
		}
		seen := map[string]bool{}
		for _, pr := range pairs {
			if pr[0] == Fold(pr[1]) {
				t.Errorf("%s: place name %q is the same in both languages", p.Lang, pr[0])
			}
			if seen[pr[0]] {
				t.Errorf("%s: place name %q listed twice", p.Lang, pr[0])
			}
			seen[pr[0]] = true
		}
		// Every language names Spain its own way.
		if !seen["spain"] {
			t.Errorf("%s: no place name for Spain", p.Lang)
		}
		for _, h := range p.Words.BodyHeads {
			if h != strings.ToLower(h) || strings.Contains(h, " ") {
				t.Errorf("%s: body head %q is not one word in lower case", p.Lang, h)
			}
		}
	}
}

func TestPlaceNameMalformed(t *testing.T) {
	for _, bad := range []string{"Turkey", "Turkey/", "/Türkei", "a/b/c"} {
		_, err := Decode("sv.yaml", []byte("lang: sv\nname: Swedish\nwords:\n  place_names: [\""+bad+"\"]\n"))
		if err == nil || !strings.Contains(err.Error(), "place_names") {
			t.Errorf("place_names %q: error = %v", bad, err)
		}
	}
	p, err := Decode("sv.yaml", []byte("lang: sv\nname: Swedish\nwords:\n  place_names: [\"South Korea/Sydkorea\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.PlaceNamePairs(); len(got) != 1 || got[0] != [2]string{"south korea", "Sydkorea"} {
		t.Errorf("pairs = %q", got)
	}
}
