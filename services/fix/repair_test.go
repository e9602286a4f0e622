package fix

import (
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

func docOf(t *testing.T, text string) *audit.Document {
	t.Helper()
	d, err := audit.NewDocument("t.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// at returns the span of the n-th (0-based) occurrence of s in text.
func at(t *testing.T, text, s string, n int) audit.Span {
	t.Helper()
	off := 0
	for ; n >= 0; n-- {
		i := strings.Index(text[off:], s)
		if i < 0 {
			t.Fatalf("%q not in text", s)
		}
		off += i
		if n > 0 {
			off += len(s)
		}
	}
	return audit.Span{Start: off, End: off + len(s)}
}

func replaceFinding(rule string, sp audit.Span, repl string) audit.Finding {
	cat := audit.Category(strings.SplitN(rule, ".", 2)[0])
	return audit.Finding{
		Span: sp, Rule: rule, Category: cat, Source: audit.SourceRule, Message: "flagged",
		Fixes: []audit.Fix{{Message: "Replace it", Edits: []audit.Edit{{Start: sp.Start, End: sp.End, New: repl}}}},
	}
}

func TestCollectPolicy(t *testing.T) {
	text := "Titre\n\nIl n'y avait aucune option sur la table, dit Halberg à Hallberg.\n"
	doc := docOf(t, text)
	llm := replaceFinding("name.variant", at(t, text, "Halberg", 0), "Hallberg")
	llm.Source = audit.SourceLLM
	res := &audit.Result{Doc: doc, Findings: []audit.Finding{
		replaceFinding("negation.no-option", at(t, text, "aucune option sur la table", 0), "toutes les options"),
		replaceFinding("mistranslation.calque", at(t, text, "la table", 0), "le tapis"),
		llm,
		replaceFinding("typography.apostrophe", at(t, text, "'", 0), "’"),
		replaceFinding("name.variant", at(t, text, "Halberg", 0), "Hallberg"),
		{Span: at(t, text, "dit", 0), Rule: "grammar.nofix", Category: audit.Grammar, Source: audit.SourceRule},
	}}
	fixable := func(id string) bool { return id != "typography.apostrophe" }
	repairs, refused := Collect(res, Options{Fixable: fixable})
	if len(repairs) != 1 || repairs[0].Rule != "name.variant" {
		t.Fatalf("repairs = %+v, want only the rule's name fix", repairs)
	}
	want := map[string]string{
		"negation.no-option":    "never repaired",
		"mistranslation.calque": "never repaired",
		"name.variant":          "llm findings",
		"typography.apostrophe": "not declared Fixable",
	}
	if len(refused) != len(want) {
		t.Fatalf("refused %d, want %d: %+v", len(refused), len(want), refused)
	}
	for _, s := range refused {
		if !strings.Contains(s.Reason, want[s.Rule]) {
			t.Errorf("%s refused for %q, want %q", s.Rule, s.Reason, want[s.Rule])
		}
	}
	// Without a registry every rule is trusted; the policy categories are not.
	repairs, _ = Collect(res, Options{})
	if len(repairs) != 2 {
		t.Fatalf("repairs without registry = %+v", repairs)
	}
}

func TestCollectOnly(t *testing.T) {
	text := "Titre\n\nL'avion de Halberg..\n"
	doc := docOf(t, text)
	res := &audit.Result{Doc: doc, Findings: []audit.Finding{
		replaceFinding("typography.apostrophe", at(t, text, "'", 0), "’"),
		replaceFinding("name.variant", at(t, text, "Halberg", 0), "Hallberg"),
		replaceFinding("garbled.double-period", at(t, text, "..", 0), "."),
	}}
	for _, c := range []struct {
		only []string
		want []string
	}{
		{nil, []string{"typography.apostrophe", "name.variant", "garbled.double-period"}},
		{[]string{"name"}, []string{"name.variant"}},
		{[]string{"typography.apostrophe", "garbled.*"}, []string{"typography.apostrophe", "garbled.double-period"}},
		{[]string{"gar*"}, []string{"garbled.double-period"}},
		{[]string{"scraped"}, nil},
	} {
		repairs, refused := Collect(res, Options{Only: c.only})
		var got []string
		for _, r := range repairs {
			got = append(got, r.Rule)
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") || len(refused) != 0 {
			t.Errorf("only %v: got %v (refused %v), want %v", c.only, got, refused, c.want)
		}
	}
}

func TestCollectValidation(t *testing.T) {
	text := "\uFEFFTitre\n\nÉté à Paris.\n"
	doc := docOf(t, text)
	e := at(t, text, "É", 0)
	bad := func(rule string, edits ...audit.Edit) audit.Finding {
		return audit.Finding{Span: e, Rule: rule, Category: audit.Typography, Source: audit.SourceRule,
			Fixes: []audit.Fix{{Message: "Do it", Edits: edits}}}
	}
	res := &audit.Result{Doc: doc, Findings: []audit.Finding{
		bad("typography.split-rune", audit.Edit{Start: e.Start + 1, End: e.End, New: "x"}),
		bad("typography.bom", audit.Edit{Start: 0, End: 3, New: ""}),
		bad("typography.nul", audit.Edit{Start: e.Start, End: e.End, New: "\x00"}),
		bad("typography.invalid-utf8", audit.Edit{Start: e.Start, End: e.End, New: "\xff"}),
		bad("typography.unsorted", audit.Edit{Start: e.End, End: e.End + 1, New: ""}, audit.Edit{Start: e.Start, End: e.End, New: ""}),
		bad("typography.out-of-bounds", audit.Edit{Start: 5, End: len(text) + 1, New: ""}),
		bad("typography.noop", audit.Edit{Start: e.Start, End: e.End, New: "É"}),
	}}
	repairs, refused := Collect(res, Options{})
	if len(repairs) != 0 {
		t.Fatalf("invalid or empty fixes became repairs: %+v", repairs)
	}
	if len(refused) != 6 {
		t.Fatalf("refused %d, want 6 (the no-op is simply nothing to do): %+v", len(refused), refused)
	}
	// A CRLF is one line end: an edit between its bytes is refused too.
	crlf := "Titre\r\n\r\nÉté.\r\n"
	cr := strings.Index(crlf, "\r")
	res = &audit.Result{Doc: docOf(t, crlf), Findings: []audit.Finding{{Span: audit.Span{Start: 0, End: cr}, Rule: "scraped.x",
		Category: audit.Scraped, Source: audit.SourceRule, Fixes: []audit.Fix{{Message: "Do it", Edits: []audit.Edit{{Start: 0, End: cr + 1}}}}}}}
	if repairs, refused := Collect(res, Options{}); len(repairs) != 0 || len(refused) != 1 || !strings.Contains(refused[0].Reason, "CRLF") {
		t.Errorf("an edit splitting a CRLF: repairs %+v refused %+v", repairs, refused)
	}
	for _, s := range refused {
		if !strings.HasPrefix(s.Reason, "invalid fix") {
			t.Errorf("%s: reason %q", s.Rule, s.Reason)
		}
	}
}

func TestCollectAlternativesFirstValidWins(t *testing.T) {
	text := "Titre\n\nHalberg.\n"
	doc := docOf(t, text)
	sp := at(t, text, "Halberg", 0)
	f := audit.Finding{Span: sp, Rule: "name.variant", Category: audit.Name, Source: audit.SourceRule, Fixes: []audit.Fix{
		{Message: "Broken", Edits: []audit.Edit{{Start: sp.Start, End: len(text) + 4}}},
		{Message: "Spell it Hallberg", Edits: []audit.Edit{{Start: sp.Start, End: sp.End, New: "Hallberg"}}},
		{Message: "Spell it Donfreid", Edits: []audit.Edit{{Start: sp.Start, End: sp.End, New: "Donfreid"}}},
	}}
	repairs, refused := Collect(&audit.Result{Doc: doc, Findings: []audit.Finding{f}}, Options{})
	if len(refused) != 0 || len(repairs) != 1 || repairs[0].Message != "Spell it Hallberg" {
		t.Fatalf("repairs %+v refused %+v", repairs, refused)
	}
}

func TestCollectKeepsCRLF(t *testing.T) {
	text := "Titre\r\n\r\nUne ligne.\r\nDeux.\r\n"
	doc := docOf(t, text)
	sp := at(t, text, "Une ligne.\r\n", 0)
	res := &audit.Result{Doc: doc, Findings: []audit.Finding{{
		Span: sp, Rule: "garbled.x", Category: audit.Garbled, Source: audit.SourceRule,
		Fixes: []audit.Fix{{Message: "Split it", Edits: []audit.Edit{{Start: sp.Start, End: sp.End, New: "Une\nligne.\r\n"}}}},
	}}}
	plan, err := PlanFor(res, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Titre\r\n\r\nUne\r\nligne.\r\nDeux.\r\n"; plan.Text != want {
		t.Fatalf("got %q, want %q", plan.Text, want)
	}
	// An LF article gets what the rule wrote.
	text = strings.ReplaceAll(text, "\r\n", "\n")
	doc = docOf(t, text)
	sp = at(t, text, "Une ligne.\n", 0)
	res = &audit.Result{Doc: doc, Findings: []audit.Finding{{
		Span: sp, Rule: "garbled.x", Category: audit.Garbled, Source: audit.SourceRule,
		Fixes: []audit.Fix{{Message: "Split it", Edits: []audit.Edit{{Start: sp.Start, End: sp.End, New: "Une\nligne.\n"}}}},
	}}}
	if plan, _ = PlanFor(res, Options{}); plan.Text != "Titre\n\nUne\nligne.\nDeux.\n" {
		t.Fatalf("got %q", plan.Text)
	}
}

func TestResolveFirstByPositionWins(t *testing.T) {
	// A scraped line removal [10,40) against a typography fix inside it and
	// a name fix after it.
	line := Repair{Rule: "scraped.read", Message: "Remove the scraped line", Edits: []audit.Edit{{Start: 10, End: 40}}}
	inside := Repair{Rule: "typography.apostrophe", Message: "Use ’", Edits: []audit.Edit{{Start: 20, End: 21, New: "’"}}}
	after := Repair{Rule: "name.variant", Message: "Spell it Hallberg", Edits: []audit.Edit{{Start: 40, End: 47, New: "Hallberg"}}}
	for _, order := range [][]Repair{{line, inside, after}, {after, inside, line}, {inside, after, line}} {
		applied, skipped := Resolve(order)
		if len(applied) != 2 || applied[0].Rule != "scraped.read" || applied[1].Rule != "name.variant" {
			t.Fatalf("applied %+v", applied)
		}
		if len(skipped) != 1 || skipped[0].Rule != "typography.apostrophe" || skipped[0].By.Rule != "scraped.read" {
			t.Fatalf("skipped %+v", skipped)
		}
	}
}

func TestResolveTiesAndDuplicates(t *testing.T) {
	wide := Repair{Rule: "duplicate.paragraph", Message: "Drop the repeated paragraph", Edits: []audit.Edit{{Start: 5, End: 30}}}
	narrow := Repair{Rule: "scraped.read", Message: "Remove the scraped line", Edits: []audit.Edit{{Start: 5, End: 12}}}
	applied, skipped := Resolve([]Repair{narrow, wide})
	if len(applied) != 1 || applied[0].Rule != "duplicate.paragraph" || len(skipped) != 1 {
		t.Fatalf("at one start the wider repair should win: %+v %+v", applied, skipped)
	}
	// Two findings asking for the same change: made once, neither skipped.
	a := Repair{Rule: "typography.quotes", Message: "Use « »", Edits: []audit.Edit{{Start: 2, End: 3, New: "«"}, {Start: 4, End: 5, New: "»"}}}
	b := Repair{Rule: "typography.quotes", Message: "Use «", Edits: []audit.Edit{{Start: 2, End: 3, New: "«"}}}
	applied, skipped = Resolve([]Repair{b, a})
	if len(applied) != 2 || len(skipped) != 0 {
		t.Fatalf("identical edits should not conflict: %+v %+v", applied, skipped)
	}
	if es := Edits(applied); len(es) != 2 {
		t.Fatalf("identical edits should be made once: %+v", es)
	}
	got, err := Apply("a \"b\" c \"d\"", Edits(applied))
	if err != nil || got != "a «b» c \"d\"" {
		t.Fatalf("Apply = %q, %v", got, err)
	}
}

func TestConflict(t *testing.T) {
	e := func(s, en int) audit.Edit { return audit.Edit{Start: s, End: en} }
	for _, c := range []struct {
		a, b audit.Edit
		want bool
	}{
		{e(0, 5), e(5, 9), false}, // touching
		{e(0, 5), e(4, 9), true},  // sharing a byte
		{e(3, 3), e(3, 3), true},  // two insertions at one offset
		{e(3, 3), e(0, 6), true},  // insertion inside a replacement
		{e(0, 3), e(3, 3), false}, // insertion at its end
		{e(3, 3), e(3, 6), false}, // insertion at its start
		{e(2, 2), e(3, 3), false},
	} {
		if got := Conflict(c.a, c.b); got != c.want || Conflict(c.b, c.a) != c.want {
			t.Errorf("Conflict(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestApplyRejectsBadEdits(t *testing.T) {
	if _, err := Apply("abc", []audit.Edit{{Start: 0, End: 2}, {Start: 1, End: 3}}); err == nil {
		t.Error("overlapping edits applied")
	}
	if _, err := Apply("abc", []audit.Edit{{Start: 2, End: 4}}); err == nil {
		t.Error("edit past the end applied")
	}
	got, err := Apply("abcdef", []audit.Edit{{Start: 4, End: 5, New: "E"}, {Start: 0, End: 0, New: ">"}, {Start: 0, End: 1, New: "A"}})
	if err != nil || got != ">AbcdEf" {
		t.Fatalf("Apply = %q, %v", got, err)
	}
}
