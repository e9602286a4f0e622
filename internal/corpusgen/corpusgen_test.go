package corpusgen

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDeterministic(t *testing.T) {
	a, b := New(7).Article(12), New(7).Article(12)
	if a.Text != b.Text || a.ID != b.ID {
		t.Fatal("same seed and index gave different articles")
	}
	if New(8).Article(12).Text == a.Text {
		t.Error("another seed gave the same article")
	}
}

func TestGoldQuotesAreInTheText(t *testing.T) {
	seen := map[string]int{}
	clean := 0
	g := New(1)
	for i := range 200 {
		a := g.Article(i)
		if !utf8.ValidString(a.Text) || strings.Contains(a.Text, "\x00") {
			t.Fatalf("article %d: bad text", i)
		}
		if len(a.Gold.Findings) == 0 {
			clean++
		}
		for _, f := range a.Gold.Findings {
			seen[f.Category]++
			n := strings.Count(a.Text, f.Quote)
			if f.Quote == "" || n == 0 {
				t.Fatalf("article %d: quote %q not in text", i, f.Quote)
			}
			if (n > 1) != (f.Occurrence > 0) || f.Occurrence > n {
				t.Errorf("article %d: quote %q occurs %d times, occurrence %d", i, f.Quote, n, f.Occurrence)
			}
		}
	}
	for _, c := range Categories {
		if seen[c] < 5 {
			t.Errorf("category %s injected %d times in 200 articles", c, seen[c])
		}
	}
	if clean < 10 {
		t.Errorf("only %d clean articles in 200", clean)
	}
}

func TestCleanArticlesAreConsistent(t *testing.T) {
	g := New(3)
	for i := range 300 {
		a := g.Article(i)
		if len(a.Gold.Findings) > 0 {
			continue
		}
		if strings.Contains(a.Text, "’") || strings.Contains(a.Text, "\"") || strings.Contains(a.Text, "[") {
			t.Errorf("clean article %d mixes typography:\n%s", i, a.Text)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	n, err := Write(dir, 5, 1, "txt")
	if err != nil || n == 0 {
		t.Fatal(n, err)
	}
	var gold Gold
	data, _ := os.ReadFile(filepath.Join(dir, "00003.gold.json"))
	if err := json.Unmarshal(data, &gold); err != nil || gold.Lang != "fr" {
		t.Errorf("gold: %v %+v", err, gold)
	}
	if _, err := Write(dir, 5, 1, "jsonl"); err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(filepath.Join(dir, "corpus.jsonl"))
	if lines := strings.Count(string(data), "\n"); lines != 5 {
		t.Errorf("%d lines", lines)
	}
	if _, err := Write(dir, 1, 1, "pdf"); err == nil {
		t.Error("unknown format accepted")
	}
}
