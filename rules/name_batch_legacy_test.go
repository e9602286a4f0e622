package rules

// The name.batch of before the summaries (rules/name_batch.go kept every
// document until the end of a run): the reference the summarising rule
// must agree with (TestNameBatchSummaryAgreesWithDocuments).

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

func legacyRunNameBatch(pass *audit.BatchPass) {
	// Articles of different languages spell names their own way: each
	// language's articles are compared among themselves.
	groups := map[*lexicon][]int{}
	var order []*lexicon
	for i, d := range pass.Docs {
		if d == nil {
			continue
		}
		p := pass.Profile(i)
		if p == nil {
			continue
		}
		lx := lexiconFor(p, pass.Source())
		if _, ok := groups[lx]; !ok {
			order = append(order, lx)
		}
		groups[lx] = append(groups[lx], i)
	}
	for _, lx := range order {
		legacyNameBatchGroup(pass, lx, groups[lx])
	}
}

// legacyNameBatchGroup runs name.batch over the articles docs of one language.
func legacyNameBatchGroup(pass *audit.BatchPass, lx *lexicon, docs []int) {
	type docSpelling struct {
		doc int
		occ []nameOccurrence
	}
	// The articles' names, found in parallel, gathered in article order.
	// A batch rule sees no document's shared analyses: each article's
	// letter runs are read here.
	perDoc := make([]map[string][]nameOccurrence, len(pass.Docs))
	legacyEachDocParallel(docs, func(i int) {
		perDoc[i] = nameOccurrences(wordsOnly(pass.Docs[i], lx))
	})
	bySpelling := map[string][]docSpelling{}
	for _, i := range docs {
		for s, occ := range perDoc[i] {
			bySpelling[s] = append(bySpelling[s], docSpelling{i, occ})
		}
	}
	// Words any article of the run writes in lower case are common words:
	// only the lower-case forms of the spellings are looked for.
	lower := make(map[string]bool, len(bySpelling))
	var lengths uint64 // bit n: some form is n bytes long (n < 64)
	for s := range bySpelling {
		l := strings.ToLower(s)
		lower[l] = false
		lengths |= 1 << min(len(l), 63)
	}
	seen := make([][]string, len(pass.Docs))
	legacyEachDocParallel(docs, func(i int) {
		d := pass.Docs[i]
		var ws []txWord
		for _, ln := range d.Lines {
			ws = txAppendWords(ws[:0], d.Text, ln.Start, ln.End)
			for _, w := range ws {
				text := w.in(d.Text)
				if lengths&(1<<min(len(text), 63)) == 0 {
					continue
				}
				if r, _ := utf8.DecodeRuneInString(text); unicode.IsLower(r) {
					if _, ok := lower[text]; ok {
						seen[i] = append(seen[i], text)
					}
				}
			}
		}
	})
	for _, ws := range seen {
		for _, w := range ws {
			lower[w] = true
		}
	}
	for s := range bySpelling {
		if lower[strings.ToLower(s)] {
			delete(bySpelling, s)
		}
	}
	if len(bySpelling) < 2 {
		return
	}
	texts := make([]string, 0, len(bySpelling))
	for s := range bySpelling {
		texts = append(texts, s)
	}
	sort.Strings(texts)
	similar := make([][]int, len(texts))
	for _, p := range lx.similarPairs(texts) {
		similar[p[0]] = append(similar[p[0]], p[1])
		similar[p[1]] = append(similar[p[1]], p[0])
	}
	glossary := glossaryNames(pass.Config)
	docsOf := func(s string) map[int]bool {
		m := map[int]bool{}
		for _, ds := range bySpelling[s] {
			m[ds.doc] = true
		}
		return m
	}
	allOcc := func(s string) []nameOccurrence {
		var out []nameOccurrence
		for _, ds := range bySpelling[s] {
			out = append(out, ds.occ...)
		}
		return out
	}
	for i, b := range texts {
		if len(similar[i]) == 0 || isGlossaryName(b, glossary) {
			continue
		}
		docsB := docsOf(b)
		// Articles that use b and none of its variants: the others are
		// name.variant's.
		onlyB := map[int]bool{}
		for d := range docsB {
			onlyB[d] = true
		}
		canon, canonDocs, fromGlossary := "", 0, false
		for _, j := range similar[i] {
			a := texts[j]
			docsA := docsOf(a)
			for d := range docsA {
				delete(onlyB, d)
			}
			onlyA := 0
			for d := range docsA {
				if !docsB[d] {
					onlyA++
				}
			}
			if isGlossaryName(a, glossary) {
				canon, canonDocs, fromGlossary = a, onlyA, true
				continue
			}
			if !fromGlossary && (onlyA > canonDocs || (onlyA == canonDocs && a < canon)) {
				canon, canonDocs = a, onlyA
			}
		}
		if canon == "" || len(onlyB) == 0 {
			continue
		}
		if !fromGlossary {
			occB, occA := allOcc(b), allOcc(canon)
			// One article against one: the spelling used at least three
			// times against once, by the same first name or surname.
			oneAgainstOne := canonDocs == 1 && len(onlyB) == 1 && len(occB) == 1 && len(occA) >= 3 && companionsAgree(occB, occA)
			if !oneAgainstOne && (canonDocs < 2 || 2*len(onlyB) > canonDocs) {
				continue
			}
			if lx.companionsConflict(occB, occA) {
				continue
			}
			// Articles of a run speak of different people: beyond spellings
			// that fold to one key, demand a first name or surname in common,
			// and no more than one edit (a typo, a transposed or doubled
			// letter): two edits apart across articles is more often a
			// namesake (Lena Sarovin, Lena Sarani) than a misspelling.
			if d := lx.compareNames(b, canon).Distance; d > 1 || (d > 0 && !companionsAgree(occB, occA)) {
				continue
			}
		}
		conf := 0.6
		if lx.compareNames(b, canon).Distance == 0 {
			conf = 0.7
		}
		msg := fmt.Sprintf("Name spelled %q in %s of this run, but %q in %d", b, nameArticleCount(len(onlyB)), canon, canonDocs)
		if fromGlossary {
			msg = fmt.Sprintf("Name spelled %q, but the glossary spells it %q", b, canon)
			conf = 0.85
		}
		for _, ds := range bySpelling[b] {
			if !onlyB[ds.doc] {
				continue
			}
			for _, o := range ds.occ {
				pass.Report(ds.doc, audit.Diagnostic{
					Start: o.Start, End: o.End, Message: msg, Suggestion: canon, Confidence: conf,
					Fixes: []audit.Fix{{
						Message: "Spell the name as " + canon,
						Edits:   []audit.Edit{{Start: o.Start, End: o.End, New: canon}},
					}},
				})
			}
		}
	}
}

// legacyEachDocParallel calls f for every document index of docs, from as many
// goroutines as there are processors. f must only write to its own
// document's slots. A panic in f is raised again in the caller, where the
// engine recovers batch rules' panics.
func legacyEachDocParallel(docs []int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	var panicked atomic.Pointer[any]
	for range min(runtime.GOMAXPROCS(0), max(1, len(docs))) {
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					panicked.CompareAndSwap(nil, &p)
					next.Store(int64(len(docs))) // the others stop too
				}
			}()
			for {
				k := int(next.Add(1)) - 1
				if k >= len(docs) {
					return
				}
				f(docs[k])
			}
		})
	}
	wg.Wait()
	if p := panicked.Load(); p != nil {
		panic(*p)
	}
}
