package audit

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func testRule(id string, cat Category, sev Severity, run func(*Pass)) *Rule {
	return &Rule{
		ID: id, Category: cat, Severity: sev, Title: "t", Doc: "d",
		Examples: []Example{{Text: "x", Trigger: true}, {Text: "y"}},
		Run:      run,
	}
}

func reportWord(word string) func(*Pass) {
	return func(p *Pass) {
		if i := strings.Index(p.Doc.Text, word); i >= 0 {
			p.Reportf(i, i+len(word), "found %s", word)
		}
	}
}

// mustDoc makes a French document: these tests are about the engine's
// mechanics, not about language detection (see language_test.go).
func mustDoc(t *testing.T, text string) *Document {
	t.Helper()
	d, err := NewDocument("doc.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	d.Lang = "fr"
	return d
}

func TestEngineStampsMergesAndScores(t *testing.T) {
	reg := []*Rule{
		testRule("grammar.one", Grammar, Minor, reportWord("deux trois")),
		testRule("grammar.two", Grammar, Major, reportWord("trois quatre")),
		testRule("garbled.one", Garbled, Critical, reportWord("trois")),
	}
	cfg := DefaultConfig()
	cfg.Severity = map[string]Severity{"garbled": Info}
	e, err := NewEngine(reg, cfg)
	if err != nil {
		t.Fatal(err)
	}
	res := e.Audit(context.Background(), mustDoc(t, "un deux trois quatre cinq six sept huit neuf dix"))
	if len(res.Findings) != 2 {
		t.Fatalf("findings %+v, want 2 (grammar merged, garbled apart)", res.Findings)
	}
	g := res.Findings[0]
	if g.Category != Grammar || g.Severity != Major || res.Doc.Snippet(g.Span) != "deux trois quatre" || g.Rule != "grammar.two" {
		t.Fatalf("merged finding %+v %q", g, res.Doc.Snippet(g.Span))
	}
	if res.Findings[1].Severity != Info {
		t.Fatalf("category severity override not applied: %v", res.Findings[1].Severity)
	}
	if res.Words != 10 || res.Penalty != 50 {
		t.Fatalf("words %d penalty %v, want 10 and 50", res.Words, res.Penalty)
	}
	if res.Verdict != VerdictFail {
		t.Fatalf("verdict %s, want fail (penalty over the default max)", res.Verdict)
	}
}

func TestGate(t *testing.T) {
	reg := []*Rule{testRule("typography.x", Typography, Minor, reportWord("b"))}
	text := strings.Repeat("a ", 200) + "b"
	for _, c := range []struct {
		failOn string
		max    float64
		want   string
	}{{"critical", 5, VerdictPass}, {"minor", 5, VerdictFail}, {"never", 0.1, VerdictFail}, {"never", -1, VerdictPass}} {
		cfg := DefaultConfig()
		cfg.Gate = Gate{FailOn: c.failOn, MaxPenalty: c.max}
		e, err := NewEngine(reg, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Audit(context.Background(), mustDoc(t, text)).Verdict; got != c.want {
			t.Errorf("fail_on %s max %v: verdict %s, want %s", c.failOn, c.max, got, c.want)
		}
	}
}

func TestRulePanicAndBadSpansBecomeWarnings(t *testing.T) {
	reg := []*Rule{
		testRule("garbled.panics", Garbled, Minor, func(p *Pass) { panic("boom") }),
		testRule("garbled.bad", Garbled, Minor, func(p *Pass) {
			p.Reportf(-1, 3, "bad")
			p.Reportf(1, 2, "mid-rune") // inside "é"
			p.Report(Diagnostic{Start: 0, End: 2, Message: "ok", Fixes: []Fix{{Message: "Do", Edits: []Edit{{Start: 5, End: 1}}}}})
		}),
	}
	e, err := NewEngine(reg, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := e.Audit(context.Background(), mustDoc(t, "éa bc"))
	if len(res.Findings) != 1 || res.Findings[0].Fixes != nil {
		t.Fatalf("findings %+v, want the one valid finding without its invalid fix", res.Findings)
	}
	if len(res.Warnings) != 4 {
		t.Fatalf("warnings %q, want panic, two bad spans, one bad fix", res.Warnings)
	}
}

func TestRegistryValidation(t *testing.T) {
	good := testRule("grammar.ok", Grammar, Minor, func(*Pass) {})
	dup := testRule("grammar.ok", Grammar, Minor, func(*Pass) {})
	wrongPrefix := testRule("garbled.x", Grammar, Minor, func(*Pass) {})
	noDoc := testRule("grammar.nodoc", Grammar, Minor, func(*Pass) {})
	noDoc.Doc = ""
	noExamples := testRule("grammar.noex", Grammar, Minor, func(*Pass) {})
	noExamples.Examples = noExamples.Examples[:1]
	if err := ValidateRegistry([]*Rule{good}); err != nil {
		t.Fatal(err)
	}
	err := ValidateRegistry([]*Rule{good, dup, wrongPrefix, noDoc, noExamples})
	for _, want := range []string{"duplicate id", "must start with its category", "no documentation", "needs examples"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not mention %q", err, want)
		}
	}
}

func TestMergeKeepsRuleOverLLM(t *testing.T) {
	fs := MergeFindings([]Finding{
		{Span: Span{10, 20}, Rule: "llm.negation", Category: Negation, Severity: Critical, Source: SourceLLM, Suggestion: "x"},
		{Span: Span{12, 18}, Rule: "negation.table", Category: Negation, Severity: Major, Source: SourceRule},
		{Span: Span{30, 40}, Rule: "llm.negation", Category: Negation, Severity: Minor, Source: SourceLLM},
	})
	if len(fs) != 2 {
		t.Fatalf("got %d findings", len(fs))
	}
	m := fs[0]
	if m.Rule != "negation.table" || m.Severity != Critical || m.Start != 10 || m.End != 20 || m.Suggestion != "x" ||
		strings.Join(m.Sources, ",") != "llm,rule" {
		t.Fatalf("merged %+v", m)
	}
}

type failingPass struct{ required bool }

func (f failingPass) Check(context.Context, *Document) ([]Finding, *LLMStats, error) {
	return nil, &LLMStats{Requests: 3}, errors.New("server down")
}
func (f failingPass) Required() bool { return f.required }

func TestSemanticPassFailureKeepsRuleFindings(t *testing.T) {
	reg := []*Rule{testRule("garbled.w", Garbled, Minor, reportWord("mot"))}
	for _, required := range []bool{false, true} {
		e, _ := NewEngine(reg, nil, WithSemanticPass(failingPass{required}))
		res := e.Audit(context.Background(), mustDoc(t, "un mot"))
		if len(res.Findings) != 1 || res.Stats.LLM == nil || !res.Stats.LLM.Failed || res.Stats.LLM.Requests != 3 {
			t.Fatalf("required=%v: %+v %+v", required, res.Findings, res.Stats.LLM)
		}
		if (res.Err != nil) != required {
			t.Fatalf("required=%v: Err = %v", required, res.Err)
		}
	}
}

func TestAcceptListDropsFindings(t *testing.T) {
	reg := []*Rule{testRule("name.x", Name, Minor, reportWord("Acme"))}
	cfg := DefaultConfig()
	cfg.Accept = []string{"acme"}
	e, _ := NewEngine(reg, cfg)
	if res := e.Audit(context.Background(), mustDoc(t, "chez Acme")); len(res.Findings) != 0 {
		t.Fatalf("accepted term flagged: %+v", res.Findings)
	}
}

func TestUnknownSelectorIsAnError(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Disable = []string{"nosuch.rule"}
	if _, err := NewEngine([]*Rule{testRule("grammar.ok", Grammar, Minor, func(*Pass) {})}, cfg); err == nil {
		t.Fatal("want an error for an unknown rule selector")
	}
}

func TestFixValidate(t *testing.T) {
	ok := Fix{Message: "Remove it", Edits: []Edit{{0, 2, ""}, {2, 4, "x"}}}
	if err := ok.Validate(4); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []Fix{
		{Message: "", Edits: ok.Edits},
		{Message: "m"},
		{Message: "m", Edits: []Edit{{2, 4, ""}, {0, 1, ""}}},
		{Message: "m", Edits: []Edit{{0, 3, ""}, {2, 4, ""}}},
		{Message: "m", Edits: []Edit{{0, 5, ""}}},
	} {
		if bad.Validate(4) == nil {
			t.Errorf("fix %+v validated", bad)
		}
	}
}

func TestFindingsInsideFurnitureAreMoot(t *testing.T) {
	reg := []*Rule{
		testRule("scraped.line", Scraped, Major, reportWord("LIRE AUSSI Les prix")),
		testRule("grammar.cap", Grammar, Minor, reportWord("AUSSI Les")),
		testRule("mistranslation.x", Mistranslation, Major, reportWord("prix")),
		testRule("grammar.out", Grammar, Minor, reportWord("suite")),
	}
	e, _ := NewEngine(reg, nil)
	res := e.Audit(context.Background(), mustDoc(t, "LIRE AUSSI Les prix\n\nLa suite."))
	var rules []string
	for _, f := range res.Findings {
		rules = append(rules, f.Rule)
	}
	if got := strings.Join(rules, ","); got != "scraped.line,mistranslation.x,grammar.out" {
		t.Fatalf("findings %s: grammar inside the scraped line should be dropped, the rest kept", got)
	}
}
