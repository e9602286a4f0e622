package fix

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// Random articles and random findings with random valid fixes: whatever the
// mix, the bytes outside the applied edits stay as they were, the result is
// what a naive reference implementation gives, the choice does not depend
// on the findings' order, and every skipped repair lost to an applied one.

var pieces = []string{
	"Le ministre", " a déclaré", " à Paris", "’", "'", "« ", " »", "..", ".", " ", "\n", "\r\n", "\n\n",
	"\r\n\r\n", "Élysée", "naïve", "👍", "LIRE AUSSI : Un titre", "Partager:", "x", "\t",
}

func randomArticle(r *rand.Rand) string {
	var b strings.Builder
	if r.IntN(4) == 0 {
		b.WriteString("\uFEFF")
	}
	b.WriteString("Titre")
	for n := r.IntN(40); n > 0; n-- {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

// runeBoundaries lists the offsets from body to len(text) that start a rune
// (or end the text), except those between the bytes of a CRLF: the offsets
// audit.Fix.ValidateFor accepts.
func runeBoundaries(text string, body int) []int {
	var out []int
	for i := body; i < len(text); {
		if i == 0 || text[i-1] != '\r' || text[i] != '\n' {
			out = append(out, i)
		}
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	return append(out, len(text))
}

func randomNew(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		return ""
	case 1:
		return pieces[r.IntN(len(pieces))]
	}
	return string([]rune{'a' + rune(r.IntN(26)), 'é', '’'}[:1+r.IntN(3)])
}

// randomFix makes a valid fix: sorted, non-overlapping edits on rune
// boundaries after the BOM, never inside a CRLF.
func randomFix(r *rand.Rand, doc *audit.Document) audit.Fix {
	bs := runeBoundaries(doc.Text, doc.Body)
	n := 1 + r.IntN(3)
	var cuts []int
	for range 2 * n {
		cuts = append(cuts, bs[r.IntN(len(bs))])
	}
	sortInts(cuts)
	var edits []audit.Edit
	for i := 0; i+1 < len(cuts); i += 2 {
		edits = append(edits, audit.Edit{Start: cuts[i], End: cuts[i+1], New: randomNew(r)})
	}
	// Equal cuts twice in a row would make two insertions at one offset,
	// which Validate allows but is ambiguous; keep the fix valid as a whole.
	var clean []audit.Edit
	for _, e := range edits {
		if len(clean) > 0 && Conflict(clean[len(clean)-1], e) {
			continue
		}
		clean = append(clean, e)
	}
	return audit.Fix{Message: "Repair it", Edits: clean}
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

var ruleIDs = []string{"scraped.a", "typography.b", "name.c", "duplicate.d"}

func randomResult(r *rand.Rand, text string) (*audit.Result, error) {
	doc, err := audit.NewDocument("a.txt", []byte(text))
	if err != nil {
		return nil, err
	}
	res := &audit.Result{Doc: doc}
	for n := r.IntN(8); n > 0; n-- {
		fx := randomFix(r, doc)
		id := ruleIDs[r.IntN(len(ruleIDs))]
		sp := fx.Edits[0]
		end := max(sp.End, fx.Edits[len(fx.Edits)-1].End)
		res.Findings = append(res.Findings, audit.Finding{
			Span: audit.Span{Start: sp.Start, End: end}, Rule: id, Category: audit.Category(strings.Split(id, ".")[0]),
			Source: audit.SourceRule, Message: "m", Fixes: []audit.Fix{fx},
		})
	}
	return res, nil
}

// referenceApply walks the text byte by byte: at each offset it writes the
// insertions there, then the replacement starting there, then the byte
// unless an edit covers it.
func referenceApply(text string, edits []audit.Edit) string {
	var b strings.Builder
	for p := 0; p <= len(text); p++ {
		for _, e := range edits {
			if e.Start == p && e.End == p {
				b.WriteString(e.New)
			}
		}
		covered := false
		for _, e := range edits {
			if e.Start == p && e.End > p {
				b.WriteString(e.New)
			}
			if e.Start <= p && p < e.End {
				covered = true
			}
		}
		if p < len(text) && !covered {
			b.WriteByte(text[p])
		}
	}
	return b.String()
}

// checkRepair runs the whole property on one article and its findings.
func checkRepair(t *testing.T, r *rand.Rand, res *audit.Result) {
	t.Helper()
	text := res.Doc.Text
	plan, err := PlanFor(res, Options{})
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	if len(plan.Refused) != 0 {
		t.Fatalf("valid fixes refused: %+v", plan.Refused)
	}
	edits := Edits(plan.Applied)
	for i := range edits {
		for j := i + 1; j < len(edits); j++ {
			if Conflict(edits[i], edits[j]) {
				t.Fatalf("applied edits conflict: %+v %+v", edits[i], edits[j])
			}
		}
	}
	if want := referenceApply(text, edits); plan.Text != want {
		t.Fatalf("text %q\nedits %+v\ngot  %q\nwant %q", text, edits, plan.Text, want)
	}
	// Bytes between edits: each gap appears, unchanged, where it must.
	shift, pos := 0, 0
	for _, e := range append(edits, audit.Edit{Start: len(text), End: len(text)}) {
		gap := text[pos:e.Start]
		if at := pos + shift; at+len(gap) > len(plan.Text) || plan.Text[at:at+len(gap)] != gap {
			t.Fatalf("bytes [%d,%d) outside the edits changed", pos, e.Start)
		}
		shift += len(e.New) - (e.End - e.Start)
		pos = e.End
	}
	if !strings.HasPrefix(plan.Text, text[:res.Doc.Body]) {
		t.Fatalf("byte-order mark lost")
	}
	for _, s := range plan.Skipped {
		if s.By == nil || !repairsConflict(s.Repair, *s.By) {
			t.Fatalf("skipped %+v without a conflicting winner", s)
		}
		if before(s.Repair, *s.By) {
			t.Fatalf("skipped %+v comes before its winner %+v", s.Repair, *s.By)
		}
	}
	// The same findings in another order give the same text.
	shuffled := *res
	shuffled.Findings = append([]audit.Finding(nil), res.Findings...)
	r.Shuffle(len(shuffled.Findings), func(i, j int) {
		shuffled.Findings[i], shuffled.Findings[j] = shuffled.Findings[j], shuffled.Findings[i]
	})
	again, err := PlanFor(&shuffled, Options{})
	if err != nil || again.Text != plan.Text || len(again.Skipped) != len(plan.Skipped) {
		t.Fatalf("order of findings changed the outcome: %q vs %q", again.Text, plan.Text)
	}
}

func repairsConflict(a, b Repair) bool {
	for _, x := range a.Edits {
		for _, y := range b.Edits {
			if x != y && Conflict(x, y) {
				return true
			}
		}
	}
	return false
}

func TestRepairPropertyRandomArticles(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3000; i++ {
		text := randomArticle(r)
		res, err := randomResult(r, text)
		if err != nil {
			continue
		}
		checkRepair(t, r, res)
	}
}

func FuzzRepair(f *testing.F) {
	f.Add("Titre\n\nLIRE AUSSI : Un titre\n\nLe ministre a déclaré..", uint64(1))
	f.Add("\uFEFFTitre\r\n\r\nL’Élysée « naïve »\r\n", uint64(7))
	f.Add("x", uint64(0))
	f.Fuzz(func(t *testing.T, text string, seed uint64) {
		r := rand.New(rand.NewPCG(seed, seed>>7))
		res, err := randomResult(r, text)
		if err != nil {
			return // not article text: NewDocument said why
		}
		checkRepair(t, r, res)
	})
}
