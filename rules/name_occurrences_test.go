package rules

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/internal/corpusgen"
)

// TestNameOccurrencesFromRuns checks buildNameOccurrences reading the
// shared letter runs (a view of the token table, line by line) against
// its reading of each line's tokens, on generated runs, texts with empty
// lines and hyphenated names, and the real articles of ../shared when
// present.
func TestNameOccurrencesFromRuns(t *testing.T) {
	texts := crossArticleRun(60, 9)
	texts = append(texts,
		"\n\nJean-Marie Dupont-Aignan est arrivé.\n\n\nDupont-Aignan a parlé. Jean-Marie Dupont a répondu.\n",
		"Ingrid Hallberg\n\n\n\nHalberg n'a rien dit.\nHallberg a promis. L’Ukraine et l'Ukraine ; 19e\u0301tait Étienne.",
		// Compounds across tokens and within them, capitals inside words,
		// lines in capitals.
		"Le G7-Ukraine et le 19e-Siècle, l’anti-Trump Dupont, x-Y-z Brandt. 12-Karlsson Karlsson et Karlson.\nL’Ukraine-Russie, l'Ukraine-Russie ; Jean--Marie Lefebvre, Jean-- Marie Lefebre.\n"+
			"ABC-Defgh Defgh, abc-Defgh defgh-Abcde Abcde. McDonald Mcdonald MacDonald.\nLES ÉLUS DE PARIS-Normandie\nÉtienne Étiennes-Éti Lefebvre.\n",
		// Names also written in lower case, as a whole word or not.
		"Le maire Durand et Martine Legrand. La durand, les martine et la legrand-mère ; l’étienne, étienne2 et Étienne.\n",
	)
	texts = withSharedArticles(t, texts)
	size := 0
	for _, text := range texts {
		size += len(text)
	}
	t.Logf("%d texts, %d bytes", len(texts), size)
	for i, text := range texts {
		doc, err := audit.NewDocument("a.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		p := audit.NewPass(doc, nil, func(audit.Diagnostic) {})
		s := shapeOf(p)
		got := buildNameOccurrences(s, audit.ResultOf(p, letterRunsAnalysis), newNameOccTable()).spellings
		want := buildNameOccurrences(s, nil, newNameOccTable()).spellings
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("text %d: from runs\n%v\nwant\n%v", i, got, want)
		}
		// The spellings come in the order of their first mentions, each
		// with its mentions in order: what name.variant sorted them by.
		for k, sp := range got {
			if sp.First != sp.Occ[0].Start || k > 0 && got[k-1].First >= sp.First {
				t.Fatalf("text %d: spelling %d %q first at %d, after %d", i, k, sp.Text, sp.First, got[max(k-1, 0)].First)
			}
			for j := 1; j < len(sp.Occ); j++ {
				if sp.Occ[j-1].Start >= sp.Occ[j].Start {
					t.Fatalf("text %d: %q mentions out of order", i, sp.Text)
				}
			}
		}
	}
}

// withSharedArticles adds the seeds and human French news of ../shared to
// texts, when they are there.
func withSharedArticles(t *testing.T, texts []string) []string {
	t.Helper()
	shared := filepath.Join("..", "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		return texts
	}
	real, err := corpusgen.ReadArticles([]string{
		filepath.Join(shared, "corpus", "seeds"),
		filepath.Join(shared, "bench", "wmt-fr-news-human", "fr_news_human.tsv"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return append(texts, real...)
}
