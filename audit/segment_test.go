package audit

import (
	"github.com/mtaudit/mtaudit/audit/profile"
	"strings"
	"testing"
)

func sentences(t *testing.T, text string) []string {
	t.Helper()
	d, err := NewDocument("t", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range d.Sentences {
		out = append(out, d.Snippet(s.Span))
	}
	return out
}

func TestSentencesKeepAbbreviationsAndDecimals(t *testing.T) {
	got := sentences(t, "M. Dupont et Mme Martin sont arrivés vers 12,5 km etc. puis J. Durand a parlé. Le vote suit.")
	want := []string{"M. Dupont et Mme Martin sont arrivés vers 12,5 km etc. puis J. Durand a parlé.", "Le vote suit."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

func TestSentencesSplitOnQuotesAndLines(t *testing.T) {
	text := "« Il viendra. » Elle a souri !\nLa suite ici\n\nNouveau paragraphe ? Oui."
	got := sentences(t, text)
	want := []string{"« Il viendra. »", "Elle a souri !", "La suite ici", "Nouveau paragraphe ?", "Oui."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

func TestHardWrappedLineContinues(t *testing.T) {
	got := sentences(t, "Le texte se poursuit sur\nla ligne suivante. Fin.")
	if len(got) != 2 || got[0] != "Le texte se poursuit sur\nla ligne suivante." {
		t.Fatalf("got %q", got)
	}
}

func TestNoBreakSpacesAndCRLF(t *testing.T) {
	text := "\uFEFFPremière phrase.\u00a0Deuxième\u202f!\r\n\r\nAutre paragraphe.\r\n"
	d, err := NewDocument("t", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if d.Body != 3 {
		t.Fatalf("Body = %d, want 3 (after the BOM)", d.Body)
	}
	if len(d.Paragraphs) != 2 {
		t.Fatalf("paragraphs = %d, want 2", len(d.Paragraphs))
	}
	var got []string
	for _, s := range d.Sentences {
		got = append(got, d.Snippet(s.Span))
	}
	want := []string{"Première phrase.", "Deuxième\u202f!", "Autre paragraphe."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q want %q", got, want)
	}
	for _, l := range d.Lines {
		if strings.ContainsAny(d.Snippet(l), "\r\n") {
			t.Fatalf("line %q keeps its line end", d.Snippet(l))
		}
	}
}

func TestParagraphIndex(t *testing.T) {
	d, _ := NewDocument("t", []byte("Un.\nDeux.\n\n\nTrois."))
	if len(d.Paragraphs) != 2 || d.ParagraphAt(d.Paragraphs[1].Start) != 1 || d.ParagraphAt(4) != 0 {
		t.Fatalf("paragraphs %+v", d.Paragraphs)
	}
	if n := len(d.ParagraphSentences(0)); n != 2 {
		t.Fatalf("paragraph 0 has %d sentences, want 2", n)
	}
	for off, want := range map[int]int{0: 0, 3: -1, 4: 1, 13: 2, 17: 2, 18: -1, -1: -1} {
		if got := d.LineAt(off); got != want {
			t.Errorf("LineAt(%d) = %d, want %d", off, got, want)
		}
	}
	if n := len(d.ParagraphLines(0)); n != 2 {
		t.Fatalf("paragraph 0 has %d lines, want 2", n)
	}
}

func TestCheckText(t *testing.T) {
	cases := map[string]error{
		"ok":           nil,
		"a\x00b":       ErrBinary,
		"\xff\xfe abc": ErrNotUTF8,
		"  \n\t ":      ErrEmpty,
		"\uFEFF":       ErrEmpty,
	}
	for in, want := range cases {
		err := CheckText([]byte(in))
		if (err == nil) != (want == nil) || (want != nil && !strings.Contains(err.Error(), want.Error())) {
			t.Errorf("CheckText(%q) = %v, want %v", in, err, want)
		}
	}
}

func TestLineTable(t *testing.T) {
	lt := NewLineTable("ab\r\nçé x\nz")
	cases := []struct{ off, line, col int }{{0, 1, 1}, {1, 1, 2}, {4, 2, 1}, {6, 2, 2}, {9, 2, 4}, {11, 3, 1}, {99, 3, 2}}
	for _, c := range cases {
		if l, col := lt.Position(c.off); l != c.line || col != c.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", c.off, l, col, c.line, c.col)
		}
	}
	if lt.Line(1) != "ab" || lt.Line(2) != "çé x" || lt.Line(3) != "z" || lt.Lines() != 3 {
		t.Errorf("lines %q %q %q", lt.Line(1), lt.Line(2), lt.Line(3))
	}
}

func TestWords(t *testing.T) {
	if n := Words("L’armée a tiré 12,5 obus — aujourd'hui, c'est-à-dire."); n != 7 {
		t.Fatalf("Words = %d, want 7", n)
	}
	for _, s := range []string{"", "a", "12,5 obus", "L’armée a tiré 12,5 obus — aujourd'hui, c'est-à-dire.", "un deux trois quatre cinq six sept huit neuf dix onze"} {
		for n := 0; n <= 12; n++ {
			if got, want := HasWords(s, n), Words(s) >= n; got != want {
				t.Errorf("HasWords(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}

// A full stop after an ordinal day before a month name of any built-in
// profile ends no sentence ("am 20. Mai"); after a longer number it does.
func TestOrdinalDayBeforeMonth(t *testing.T) {
	got := sentences(t, "Die Sitzung fand am 20. Mai statt. Sie dauerte 2020. Mai kam später.")
	want := []string{"Die Sitzung fand am 20. Mai statt.", "Sie dauerte 2020.", "Mai kam später."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

// Segmentation takes its abbreviations from the profiles, as written:
// "Mme" and "etc" keep a sentence going, a common word before a stop ends
// it. Before the language is known, French and English abbreviations
// apply; once it is known, that language's and English's (an Italian
// "mer." — mercoledì — does not keep a French sentence going).
func TestSegmentAbbreviationsFromProfiles(t *testing.T) {
	got := sentences(t, "Mme Durand et Mr. Smith sont venus. Ils ont nagé dans la mer. Le soir, etc. Rien.")
	want := []string{"Mme Durand et Mr. Smith sont venus.", "Ils ont nagé dans la mer.", "Le soir, etc. Rien."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

// Once the language is known, its own abbreviations decide: "ecc." keeps an
// Italian sentence going, and the Italian list does not leak into French.
func TestSegmentForLanguage(t *testing.T) {
	reg := profile.MustBuiltin()
	it := "Hanno portato pane, vino ecc. Poi sono partiti. Il sig. Rossi è rimasto."
	doc, err := NewDocument("it.txt", []byte(it))
	if err != nil {
		t.Fatal(err)
	}
	doc.SegmentFor(reg.Lookup("it"))
	var got []string
	for _, s := range doc.Sentences {
		got = append(got, doc.Snippet(s.Span))
	}
	want := []string{"Hanno portato pane, vino ecc. Poi sono partiti.", "Il sig. Rossi è rimasto."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("it: got %q\nwant %q", got, want)
	}
	fr := "Ils ont nagé dans la mer. Le soir, ils sont rentrés."
	doc, _ = NewDocument("fr.txt", []byte(fr))
	doc.SegmentFor(reg.Lookup("fr"))
	if len(doc.Sentences) != 2 {
		t.Fatalf("fr: %d sentences, want 2", len(doc.Sentences))
	}
}
