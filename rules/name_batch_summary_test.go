package rules

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/internal/corpusgen"
)

// crossArticleRun writes n articles about invented people, each article
// consistent with itself, some spelling a surname another way than the
// rest of the run (a transliteration, a doubled or dropped letter, an
// accent), some about namesakes; every fifth is a corpusgen article (every
// artifact category injected).
func crossArticleRun(n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 7))
	firsts := []string{"Rodion", "Vesna", "Kasimir", "Oksana", "Teodor", "Malvina", "Ilario", "Brunhild"}
	lasts := []string{"Dragunov", "Pellerin", "Kowarski", "Hallgren", "Zhelezin", "Ostrava", "Baumeler", "Chevrotin"}
	variant := func(s string) string {
		switch {
		case strings.HasSuffix(s, "ov"):
			return strings.TrimSuffix(s, "ov") + "off"
		case strings.Contains(s, "ll"):
			return strings.Replace(s, "ll", "l", 1)
		case strings.HasPrefix(s, "Zh"):
			return "J" + s[2:]
		case strings.Contains(s, "e"):
			return strings.Replace(s, "e", "é", 1)
		}
		return s + "s"
	}
	fr := []string{
		"Le ministre %s %s a reçu son homologue mardi.",
		"%s %s a annoncé de nouveaux pourparlers.",
		"Selon %s %s, les négociations reprendront jeudi.",
		"La députée %s %s a présenté le projet de loi.",
	}
	de := []string{
		"Der Minister %s %s hat am Dienstag seinen Amtskollegen empfangen.",
		"%s %s kündigte neue Gespräche an.",
		"Laut %s %s werden die Verhandlungen am Donnerstag fortgesetzt.",
	}
	gen := corpusgen.New(seed)
	var out []string
	for i := range n {
		if i%5 == 4 {
			out = append(out, gen.Article(i).Text)
			continue
		}
		tpl := fr
		if i%7 == 3 {
			tpl = de
		}
		var b strings.Builder
		for range 2 + rng.IntN(2) {
			f, l := firsts[rng.IntN(len(firsts))], lasts[rng.IntN(len(lasts))]
			if rng.IntN(6) == 0 {
				l = variant(l)
			}
			if rng.IntN(9) == 0 {
				f = firsts[rng.IntN(len(firsts))] // a namesake
			}
			for k := range 1 + rng.IntN(3) {
				fmt.Fprintf(&b, tpl[rng.IntN(len(tpl))]+" ", f, l)
				if k%2 == 1 {
					fmt.Fprintf(&b, "%s a promis une réponse.\n\n", l)
				}
			}
			b.WriteString("\n\n")
		}
		out = append(out, b.String())
	}
	return out
}

// TestNameBatchSummaryAgreesWithDocuments runs name.batch three ways over
// one run: as it was, over every document kept (the reference); over the
// documents through its summaries (GatherDocs); and as a streaming run
// does, from the summaries the engine kept while auditing, applied to
// results rebuilt from the text alone. The findings must be the same.
func TestNameBatchSummaryAgreesWithDocuments(t *testing.T) {
	texts := crossArticleRun(240, 3)
	all, err := All()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := audit.NewEngine(all, audit.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	var results []*audit.Result
	var docs []*audit.Document
	for i, text := range texts {
		doc, err := audit.NewDocument(fmt.Sprintf("a%03d.txt", i), []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		res := eng.Audit(context.Background(), doc)
		results = append(results, res)
		if res.Err == nil && res.Audited() {
			docs = append(docs, doc)
		}
	}
	key := func(doc int, d audit.Diagnostic) string {
		return fmt.Sprintf("%s [%d,%d) %s → %s %.2f", docs[doc].Path, d.Start, d.End, d.Message, d.Suggestion, d.Confidence)
	}
	collect := func(run func(*audit.BatchPass)) []string {
		var got []string
		bp := audit.NewBatchPass(docs, eng.Config(), func(i int, d audit.Diagnostic) { got = append(got, key(i, d)) })
		bp.Profiles = eng.Profiles()
		run(bp)
		sort.Strings(got)
		return got
	}
	want := collect(legacyRunNameBatch)
	if len(want) < 5 {
		t.Fatalf("the run gives %d name.batch findings; the test needs a run where it fires", len(want))
	}
	langs := map[string]bool{}
	for _, w := range want {
		for _, d := range docs {
			if strings.HasPrefix(w, d.Path+" ") {
				langs[d.Lang] = true
			}
		}
	}
	t.Logf("%d findings in %d articles, languages %v", len(want), len(docs), langs)
	if got := collect(runNameBatch); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("over documents, through summaries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Streaming: the engine's summaries, results rebuilt from text.
	run := eng.NewBatchRun()
	idx := make([]int, len(results))
	for k, r := range results {
		idx[k] = run.Add(r)
	}
	run.Finish()
	var got []string
	pos := map[string]int{}
	for i, d := range docs {
		pos[d.Path] = i
	}
	for k, r := range results {
		doc := &audit.Document{Path: r.Doc.Path, Lang: r.Doc.Lang, Text: r.Doc.Text, Body: r.Doc.Body}
		again := &audit.Result{Doc: doc}
		if run.Apply(idx[k], again) != (len(again.Findings) > 0) {
			t.Errorf("%s: Apply's report disagrees with its findings", doc.Path)
		}
		for _, f := range again.Findings {
			if f.Rule != "name.batch" {
				t.Errorf("%s: finding of %s", doc.Path, f.Rule)
			}
			got = append(got, key(pos[doc.Path], audit.Diagnostic{Start: f.Start, End: f.End, Message: f.Message, Suggestion: f.Suggestion, Confidence: f.Confidence}))
		}
	}
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("streaming:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// legacySummaryLower is the lower-case words of a summary as
// summarizeNameBatch first read them: each line's letter runs from its
// text, the distinct lower-case ones of minNameRunes runes or more.
func legacySummaryLower(doc *audit.Document) []string {
	var out []string
	seen := map[string]bool{}
	for _, ln := range doc.Lines {
		for _, w := range txAppendWords(nil, doc.Text, ln.Start, ln.End) {
			text := w.in(doc.Text)
			r, _ := utf8.DecodeRuneInString(text)
			if !seen[text] && unicode.IsLower(r) && utf8.RuneCountInString(text) >= minNameRunes {
				seen[text] = true
				out = append(out, text)
			}
		}
	}
	return out
}

// TestNameBatchSummaryLowerWords checks the summary's lower-case words,
// read from the token table's letter runs, against the line-by-line
// reading, on runs of generated articles, texts with combining marks
// (where tokens and lines split letters differently) and the real
// articles of ../shared when present.
func TestNameBatchSummaryLowerWords(t *testing.T) {
	texts := crossArticleRun(60, 5)
	texts = append(texts,
		"Le 19e\u0301tait annoncé, puis le 2e\u0301te\u0301 arriva : une cre\u0300me épaisse.\n\nÉtienne décida ensuite.",
		"Un ae\u0301roport et une 3ème étape, naïve cœur ŒUVRE œuvres straße Ærøskøbing.",
		"Les maçons\u0327 de l’ouvrage 12abcdef\u0301ghij vinrent.",
		// Lower-case words as whole tokens, within tokens (elisions,
		// compounds, numbers, capitals inside) or both.
		"L’armée et l’armée, une armée ; l'écoute écoute. iPhone iphone, arc-en-ciel arcade-ensemble ; 2ème deuxième 3deuxième ; x-coordonnées coordonnées Coordonnées aujourd’hui.",
	)
	texts = withSharedArticles(t, texts)
	for i, text := range texts {
		doc, err := audit.NewDocument("a.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		s := summarizeNameBatch(audit.NewPass(doc, nil, func(audit.Diagnostic) {})).(nameBatchSummary)
		words := legacySummaryLower(doc)
		var want []uint64
		for _, w := range words {
			want = append(want, lowerWordHash(w))
		}
		// A set: the summary's order is its own.
		got := slices.Sorted(slices.Values(s.lower))
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("text %d: lower words' hashes\n%x\nwant those of\n%q", i, s.lower, words)
		}
	}
}

// TestAtLeastRunes checks atLeastRunes against counting the runes.
func TestAtLeastRunes(t *testing.T) {
	for _, w := range []string{"abcde", "abcdé", "ébcde", "éééé", "ééééé", "abcd\u0301", "a\u0301\u0301\u0301\u0301", "\U0001d400\U0001d400\U0001d400\U0001d400\U0001d400", "abc\U0001d400"} {
		if got, want := atLeastRunes(w, 5), utf8.RuneCountInString(w) >= 5; len(w) >= 5 && got != want {
			t.Errorf("atLeastRunes(%q, 5) = %v, want %v", w, got, want)
		}
	}
}

// TestLowerWordHashDistinct: the distinct words of generated runs and of
// the real articles of ../shared, with their lower-case forms, all hash
// apart, and a word's hash is its bytes' (the same from any string).
func TestLowerWordHashDistinct(t *testing.T) {
	texts := withSharedArticles(t, crossArticleRun(60, 3))
	byHash := map[uint64]string{}
	for _, text := range texts {
		for _, w := range txAppendWords(nil, text, 0, len(text)) {
			for _, form := range []string{w.in(text), strings.ToLower(w.in(text))} {
				h := lowerWordHash(form)
				if other, ok := byHash[h]; ok && other != form {
					t.Fatalf("%q and %q share the hash %x", form, other, h)
				}
				byHash[h] = form
				if lowerWordHash(strings.Clone(form)) != h {
					t.Fatalf("%q: the hash of a copy differs", form)
				}
			}
		}
	}
	t.Logf("%d distinct words", len(byHash))
	if len(byHash) < 1000 {
		t.Fatalf("only %d distinct words hashed", len(byHash))
	}
}

// TestLowerWordHashTail checks lowerWordHash, which reads a word's last
// bytes with wide loads, against reading them one by one, for words of
// every length up to 24 bytes.
func TestLowerWordHashTail(t *testing.T) {
	byBytes := func(w string) uint64 {
		h := uint64(len(w)) * 0x9E3779B97F4A7C15
		for len(w) >= 8 {
			h = (h ^ le64(w)) * 0xFF51AFD7ED558CCD
			h ^= h >> 32
			w = w[8:]
		}
		var tail uint64
		for i := 0; i < len(w); i++ {
			tail |= uint64(w[i]) << (8 * i)
		}
		h = (h ^ tail) * 0xC4CEB9FE1A85EC53
		return h ^ h>>29
	}
	const letters = "abcdéfghijklmnopqrstuvwxyzœ"
	for n := 0; n <= 24; n++ {
		for shift := range 5 {
			w := (letters + letters)[shift : shift+n]
			if got, want := lowerWordHash(w), byBytes(w); got != want {
				t.Errorf("%q: %x, want %x", w, got, want)
			}
		}
	}
}

// hashSet holds what a map would, through its growth, for the hashes of
// real words, hashes that share their low bits (one probe chain), and 0.
func TestHashSet(t *testing.T) {
	var keys []uint64
	for _, text := range crossArticleRun(40, 3) {
		for _, w := range strings.Fields(text) {
			keys = append(keys, lowerWordHash(w))
		}
	}
	for i := range uint64(3000) {
		keys = append(keys, i<<40|7, i) // a chain of one slot's; 0 too
	}
	var set hashSet
	want := map[uint64]bool{}
	for i, k := range keys {
		if set.has(k) != want[k] {
			t.Fatalf("before add %d: has(%x) = %v", i, k, set.has(k))
		}
		set.addAll(keys[i : i+1])
		want[k] = true
		if !set.has(k) {
			t.Fatalf("after add %d: has(%x) false", i, k)
		}
	}
	for k := range want {
		if !set.has(k) {
			t.Fatalf("has(%x) false at the end", k)
		}
	}
	for i := range uint64(1000) {
		if k := i<<32 | 0x5bd1e995; !want[k] && set.has(k) {
			t.Fatalf("has(%x) true, never added", k)
		}
	}
	if set.n != len(want)-1 || !set.zero {
		t.Fatalf("%d hashes and zero %v, want %d and true", set.n, set.zero, len(want)-1)
	}
	// All at once, growing on the way.
	var all hashSet
	all.addAll(keys)
	for k := range want {
		if !all.has(k) {
			t.Fatalf("all at once: has(%x) false", k)
		}
	}
	if all.n != set.n || all.zero != set.zero {
		t.Fatalf("all at once: %d hashes, zero %v; one by one %d, %v", all.n, all.zero, set.n, set.zero)
	}
}
