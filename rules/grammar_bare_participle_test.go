package rules

import (
	"testing"

	"github.com/mtaudit/mtaudit/audit/profile"
)

// TestParticipleSieve checks that the sieve in front of the reporting
// participles turns away none of them, in every built-in language.
func TestParticipleSieve(t *testing.T) {
	reg := profile.MustBuiltin()
	for _, lang := range []string{"fr", "de", "es", "it", "pt"} {
		p := reg.Lookup(lang)
		if p == nil {
			continue
		}
		lx := lexiconFor(p, reg.Lookup("en"))
		ws := participleSieve(lx)
		n := 0
		for w, ok := range lx.reportingParticiples {
			if ok && !ws.mayHave(w) {
				t.Errorf("%s: the sieve turns away %q", lang, w)
			}
			n++
		}
		if lang == "fr" && n == 0 {
			t.Error("fr: no reporting participles: the test tests nothing")
		}
	}
}
