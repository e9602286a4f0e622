package batch

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// An article whose input names a language with no target profile is an
// error outcome for that article alone, never stored; an article detected
// in such a language is a result, not audited, stored like any other.
func TestArticleLanguageOutcomes(t *testing.T) {
	eng, err := audit.NewEngine([]*audit.Rule{testRule()}, audit.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	doc := func(path, lang, text string) audit.Input {
		d, err := audit.NewDocument(path, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		d.Lang = lang
		return audit.Input{Path: path, Doc: d}
	}
	ins := []audit.Input{
		doc("a", "fr-FR", "Le port rouvre demain après trois jours de grève, selon la direction du port."),
		doc("b", "xx", "Le port rouvre demain après trois jours de grève, selon la direction du port."),
		doc("c", "", "De haven gaat morgen weer open na drie dagen staking, aldus de directie van het havenbedrijf."),
	}
	stored := map[string]bool{}
	var mu sync.Mutex // Store runs concurrently
	var got []*Outcome
	_, err = Run(context.Background(), eng, Slice(ins), Options{Workers: 2, Store: func(o *Outcome) error {
		mu.Lock()
		defer mu.Unlock()
		stored[o.Input.Path] = true
		return nil
	}}, func(o *Outcome) error {
		got = append(got, o)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d outcomes", len(got))
	}
	if r := got[0].Result; r.Err != nil || r.Doc.Lang != "fr" || !r.Audited() || !stored["a"] {
		t.Errorf("fr-FR article: err %v lang %q audited %v stored %v", r.Err, r.Doc.Lang, r.Audited(), stored["a"])
	}
	var ue *profile.UnsupportedError
	if r := got[1].Result; !errors.As(r.Err, &ue) || stored["b"] {
		t.Errorf("lang xx: err %v stored %v; want an UnsupportedError, not stored", r.Err, stored["b"])
	}
	if r := got[2].Result; r.Err != nil || r.Audited() || r.Doc.Lang != "nl" || r.Verdict != audit.VerdictFail || !stored["c"] {
		t.Errorf("Dutch article: err %v audited %v lang %q verdict %s stored %v", r.Err, r.Audited(), r.Doc.Lang, r.Verdict, stored["c"])
	}
}
