package suppress_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/suppress"
	"github.com/mtaudit/mtaudit/rules"
)

func engine(t *testing.T) *audit.Engine {
	t.Helper()
	reg, err := rules.All()
	if err != nil {
		t.Fatal(err)
	}
	cfg := audit.DefaultConfig()
	cfg.Lang = "fr"
	eng, err := audit.NewEngine(reg, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func auditText(t *testing.T, eng *audit.Engine, path, text string) *audit.Result {
	t.Helper()
	d, err := audit.NewDocument(path, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	r := eng.Audit(context.Background(), d)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	return r
}

func quotes(r *audit.Result, rule string) []string {
	var out []string
	for _, f := range r.Findings {
		if f.Rule == rule {
			out = append(out, r.Doc.Text[f.Start:f.End])
		}
	}
	return out
}

const bracketRule = "untranslated.bracket"

// An article written for this test: a French text with English left in
// brackets, the mechanism untranslated.bracket flags.
const before = "La réforme des retraites divise la majorité\n\n" +
	"Le gouvernement a présenté mercredi un texte sur les [pension funds] qui doit être examiné en commission la semaine prochaine, selon plusieurs députés.\n\n" +
	"Les syndicats appellent à une nouvelle journée de mobilisation jeudi dans plusieurs villes du pays.\n"

// after edits the other paragraphs: a new one first (every offset moves),
// the last one rewritten with English of its own.
const after = "La réforme des retraites divise la majorité\n\n" +
	"Un paragraphe ajouté au début décale tout le reste du texte de plusieurs dizaines d’octets.\n\n" +
	"Le gouvernement a présenté mercredi un texte sur les [pension funds]   qui doit être examiné en commission la semaine prochaine, selon plusieurs députés.\n\n" +
	"Les syndicats appellent à une nouvelle [general strike] jeudi dans plusieurs villes du pays, et les enseignants se joignent au mouvement.\n"

func TestBaselineSurvivesEditsElsewhere(t *testing.T) {
	eng := engine(t)
	old := auditText(t, eng, "news/retraites.txt", before)
	if got := quotes(old, bracketRule); len(got) != 1 || got[0] != "[pension funds]" {
		t.Fatalf("the test article should give one %s finding on [pension funds], got %q", bracketRule, got)
	}
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := suppress.Record(suppress.KindBaseline, old).WriteFile(path); err != nil {
		t.Fatal(err)
	}
	base, err := suppress.Load(path)
	if err != nil {
		t.Fatal(err)
	}

	edited := auditText(t, eng, "news/retraites.txt", after)
	if got := quotes(edited, bracketRule); len(got) != 2 {
		t.Fatalf("the edited article should give two %s findings, got %q", bracketRule, got)
	}
	f := suppress.NewFilter(suppress.NewSet(base), eng)
	n := f.Apply(edited)
	if got := quotes(edited, bracketRule); len(got) != 1 || got[0] != "[general strike]" {
		t.Errorf("after the baseline, want only the new [general strike] finding, got %q", got)
	}
	if n < 1 {
		t.Errorf("Apply counted %d suppressed findings, want at least 1", n)
	}
	// A second pass (a batch rule touched the result) takes nothing more.
	if m := f.Apply(edited); m != n || len(quotes(edited, bracketRule)) != 1 {
		t.Errorf("second Apply: %d suppressed, findings %q", m, quotes(edited, bracketRule))
	}
}

// The same text flagged a second time is a new finding: occurrences count.
func TestSecondOccurrenceIsNew(t *testing.T) {
	eng := engine(t)
	old := auditText(t, eng, "a.txt", before)
	set := suppress.NewSet(suppress.Record(suppress.KindBaseline, old))
	twice := strings.Replace(before, "Les syndicats appellent", "Les [pension funds] inquiètent ; les syndicats appellent", 1)
	r := auditText(t, eng, "a.txt", twice)
	filter := suppress.NewFilter(set, eng)
	filter.Apply(r)
	second := strings.LastIndex(twice, "[pension funds]")
	// The key of what is left counts the occurrence taken out: dismissing
	// it records occurrence 2, which the next run computes too.
	for i, k := range filter.Keys(r) {
		if r.Findings[i].Rule == bracketRule && k.Occurrence != 2 {
			t.Errorf("key of the remaining finding: %+v, want occurrence 2", k)
		}
	}
	var starts []int
	for _, f := range r.Findings {
		if f.Rule == bracketRule {
			starts = append(starts, f.Start)
		}
	}
	if len(starts) != 1 || starts[0] != second {
		t.Errorf("want only the second [pension funds] (at %d) kept, got findings at %v", second, starts)
	}
	// Another article with the same text is not suppressed.
	other := auditText(t, eng, "b.txt", before)
	suppress.NewFilter(set, eng).Apply(other)
	if len(quotes(other, bracketRule)) != 1 {
		t.Errorf("a baseline for a.txt suppressed a finding in b.txt")
	}
}

// Suppressing the finding that failed the gate makes the article pass.
func TestFilterRescores(t *testing.T) {
	eng := engine(t)
	r := auditText(t, eng, "a.txt", before)
	set := suppress.NewSet(suppress.Record(suppress.KindBaseline, r))
	suppress.NewFilter(set, eng).Apply(r)
	if len(r.Findings) != 0 || r.Verdict != audit.VerdictPass || r.Penalty != 0 {
		t.Errorf("after suppressing everything: %d findings, verdict %s, penalty %g", len(r.Findings), r.Verdict, r.Penalty)
	}
}

func TestParseIsStrict(t *testing.T) {
	for name, tc := range map[string]struct{ data, want string }{
		"unknown field": {`{"version":1,"entries":[],"extra":1}`, `unknown field "extra"`},
		"entry field":   {`{"version":1,"entries":[{"article":"a","rule":"r","quote":"q","occurrence":1,"resaon":"x"}]}`, `unknown field "resaon"`},
		"version":       {`{"version":2,"entries":[]}`, "version 2 is not supported"},
		"no version":    {`{"entries":[]}`, "version 0 is not supported"},
		"kind":          {`{"version":1,"kind":"other","entries":[]}`, `kind "other"`},
		"occurrence":    {`{"version":1,"entries":[{"article":"a","rule":"r","quote":"q"}]}`, "entry 1: occurrence must be at least 1"},
		"rule":          {`{"version":1,"entries":[{"article":"a","quote":"q","occurrence":1}]}`, "entry 1: rule is empty"},
		"trailing":      {`{"version":1,"entries":[]} {}`, "data after the JSON object"},
		"syntax":        {"{\"version\":1,\n\"entries\":[,]}", "line 2"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := suppress.Parse("s.json", []byte(tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "s.json: ") {
				t.Errorf("Parse: %v, want an error naming s.json with %q", err, tc.want)
			}
		})
	}
}

func TestRoundTripAndDismissalFields(t *testing.T) {
	f := &suppress.File{Version: suppress.Version, Kind: suppress.KindSuppressions}
	f.Add(suppress.Entry{Key: suppress.Key{Article: "b.txt", Rule: "r.x", Quote: "q", Occurrence: 1}, Reason: "house style", By: "ed", At: "2026-12-02T16:00:00Z"})
	f.Add(suppress.Entry{Key: suppress.Key{Article: "a.txt", Rule: "r.x", Quote: "q", Occurrence: 1}})
	f.Add(suppress.Entry{Key: suppress.Key{Article: "b.txt", Rule: "r.x", Quote: "q", Occurrence: 1}, Reason: "brand"})
	path := filepath.Join(t.TempDir(), "s.json")
	if err := f.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	g, err := suppress.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Entries) != 2 || g.Entries[0].Article != "a.txt" || g.Entries[1].Reason != "brand" {
		t.Errorf("round trip: %+v", g.Entries)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `"kind": "suppressions"`) {
		t.Errorf("file lacks its kind:\n%s", data)
	}
}

func TestNormalizeQuote(t *testing.T) {
	for in, want := range map[string]string{
		"  a\r\n b\t c ": "a b c",
		"e\u0301t\u00e9": "\u00e9t\u00e9",
		"":               "",
	} {
		if got := suppress.NormalizeQuote(in); got != want {
			t.Errorf("NormalizeQuote(%q) = %q, want %q", in, got, want)
		}
	}
}

// One filter serves many goroutines (a batch's workers, a server's requests).
func TestFilterConcurrent(t *testing.T) {
	eng := engine(t)
	base := auditText(t, eng, "a.txt", before)
	f := suppress.NewFilter(suppress.NewSet(suppress.Record(suppress.KindBaseline, base)), eng)
	done := make(chan int)
	for i := 0; i < 8; i++ {
		go func() {
			d, err := audit.NewDocument("a.txt", []byte(after))
			if err != nil {
				done <- -1
				return
			}
			r := eng.Audit(context.Background(), d)
			n := f.Apply(r)
			_ = f.Keys(r)
			done <- n
		}()
	}
	for i := 0; i < 8; i++ {
		if n := <-done; n != 1 {
			t.Errorf("a goroutine suppressed %d findings, want 1", n)
		}
	}
}
