package rules

import (
	"slices"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// blocking is the deliberate set of rules whose findings block publication
// under the default gate (fail_on: critical): source-language text a reader
// cannot read, page furniture standing as its own paragraph, and polarity
// reversed. README.md, "What blocks publication", says why. A rule joins or
// leaves this set on purpose: change the list, the README and the rule's
// default severity together.
var blocking = []string{
	"untranslated.sentence",
	"untranslated.wrong-language",
	"negation.nothing-on-the-table",
	"negation.option-on-the-table",
	"negation.rule-out-lost-pas",
	"scraped.app-prompt",
	"scraped.comment-form",
	"scraped.cookie-banner",
	"scraped.media-placeholder",
	"scraped.mt-disclaimer",
	"scraped.opinion-disclaimer",
	"scraped.read-more",
	"scraped.share-buttons",
	"scraped.social-embed",
	"scraped.subscribe-prompt",
}

func TestBlockingSetIsTheCriticalSet(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, r := range all {
		known[r.ID] = true
		want := slices.Contains(blocking, r.ID)
		if got := r.Severity == audit.Critical; got != want {
			t.Errorf("%s: default severity %s; blocking policy says critical=%v", r.ID, r.Severity, want)
		}
	}
	for _, id := range blocking {
		if !known[id] {
			t.Errorf("blocking rule %s is not registered", id)
		}
	}
}
