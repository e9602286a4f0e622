package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// longArticle is a French article of a few hundred words, long enough that
// one major finding stays under the default penalty limit.
var longArticle = strings.Repeat(plainArticle+"\n", 4)

// A whole sentence left in the source language blocks publication under the
// default gate, however long the article.
func TestDefaultGateBlocksUntranslatedSentence(t *testing.T) {
	dir := inTempDir(t)
	clean := writeFile(t, filepath.Join(dir, "clean.txt"), longArticle)
	mtaudit(t, "audit", clean).expect(t, 0)

	german := "Die Stadtverwaltung hat die Renovierung von zwei Schulen und den Ausbau der Radwege beschlossen."
	withGerman := strings.Replace(longArticle, "l’année prochaine. ", "l’année prochaine. "+german+" ", 1)
	art := writeFile(t, filepath.Join(dir, "de.txt"), withGerman)
	o := mtaudit(t, "audit", "--format", "json", art)
	o.expect(t, 1)
	r := parseReport(t, o.stdout)
	if len(r.Articles) != 1 || r.Articles[0].Verdict != "fail" {
		t.Fatalf("report: %+v", r)
	}
	found := false
	for _, f := range r.Articles[0].Findings {
		if f.Rule == "untranslated.sentence" && f.Severity == "critical" && strings.HasPrefix(f.Quote, "Die Stadtverwaltung") {
			found = true
		}
	}
	if !found || r.Articles[0].Penalty > 25 {
		t.Errorf("want a critical untranslated.sentence on a long article: %+v", r.Articles[0])
	}
}
