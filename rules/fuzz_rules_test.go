package rules

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// FuzzGoRules runs the untranslated, name, duplicate and typography Go rules
// on arbitrary text: no panic, every span and fix edit within the text and
// on rune boundaries. Batch rules run over the text cut into articles.
func FuzzGoRules(f *testing.F) {
	for _, seed := range []string{
		"Le ministre Rouslan Choukourov a parlé. Shukurov a répondu.",
		"« Nous sommes prêts », a-t-il dit. \"Non!\" [job guarantees] (which was signed)",
		"L’armée s'est retirée d’ici à l’été : l'usine ferme ; pourquoi? «tournant»",
		"Le président s’adresse aux préfets à Paris, le 3 février 2025.\n\nLe président s'adresse aux préfets à Paris, le 3 février 2025.",
		"The talks are expected to resume next week, officials said.\n\nPhoto: John Smith/AP",
		"\uFEFFTitre\r\n\r\nTexte\u00a0: « x »\n\n=====\n\nAutre article avec Gribanov et Gribanoff.",
		"[(«“\"'’»”)]", "", "\n\n\n", "É", "a'b’c\"d«e»f“g”h",
	} {
		f.Add(seed)
	}
	rules := textRules(f)
	f.Fuzz(func(t *testing.T, text string) {
		if audit.CheckText([]byte(text)) != nil {
			return
		}
		var docs []*audit.Document
		for i, part := range strings.Split(text, BatchExampleSeparator) {
			if audit.CheckText([]byte(part)) != nil {
				continue
			}
			doc, err := audit.NewDocument("fuzz", []byte(part))
			if err != nil {
				t.Fatalf("part %d: %v", i, err)
			}
			doc.Lang = "fr"
			docs = append(docs, doc)
		}
		cfg := audit.DefaultConfig()
		cfg.Glossary = []string{"Bohdan Kovalsky", "Ingrid Hallberg"}
		check := func(r *audit.Rule, doc *audit.Document, d audit.Diagnostic) {
			n := len(doc.Text)
			if d.Start < 0 || d.End > n || d.Start >= d.End {
				t.Fatalf("%s: span [%d,%d) out of bounds (size %d) in %q", r.ID, d.Start, d.End, n, doc.Text)
			}
			if !utf8.RuneStart(doc.Text[d.Start]) || (d.End < n && !utf8.RuneStart(doc.Text[d.End])) {
				t.Fatalf("%s: span [%d,%d) splits a rune in %q", r.ID, d.Start, d.End, doc.Text)
			}
			for _, fx := range d.Fixes {
				if err := fx.Validate(n); err != nil {
					t.Fatalf("%s: %v in %q", r.ID, err, doc.Text)
				}
				for _, e := range fx.Edits {
					if (e.Start < n && !utf8.RuneStart(doc.Text[e.Start])) || (e.End < n && !utf8.RuneStart(doc.Text[e.End])) {
						t.Fatalf("%s: edit [%d,%d) splits a rune in %q", r.ID, e.Start, e.End, doc.Text)
					}
				}
			}
			if d.Confidence < 0 || d.Confidence > 1 {
				t.Fatalf("%s: confidence %v", r.ID, d.Confidence)
			}
		}
		for _, r := range rules {
			if r.Run != nil {
				for _, doc := range docs {
					r.Run(audit.NewPass(doc, cfg, func(d audit.Diagnostic) { check(r, doc, d) }))
				}
				continue
			}
			r.RunBatch(audit.NewBatchPass(docs, cfg, func(i int, d audit.Diagnostic) {
				if i < 0 || i >= len(docs) {
					t.Fatalf("%s: document %d of %d", r.ID, i, len(docs))
				}
				check(r, docs[i], d)
			}))
		}
	})
}
