package rules

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

// updateSnapshot rewrites testdata/findings-snapshot.txt from the current
// code: go test ./rules/ -run TestFindingsSnapshot -update
var updateSnapshot = flag.Bool("update", false, "rewrite testdata/findings-snapshot.txt")

const snapshotFile = "testdata/findings-snapshot.txt"

// snapshotSet is a group of documents audited together (batch rules see
// the group) in one target language.
type snapshotSet struct {
	name string
	lang string
	docs []snapshotDoc
}

type snapshotDoc struct{ name, text string }

// snapshotSets gathers the seeds, the test articles, the per-language
// evaluation articles and a sample of every bench corpus. Sets whose data
// is missing are left out, and the snapshot records which sets ran.
func snapshotSets(t *testing.T) []snapshotSet {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(filepath.Dir(root), "shared")
	var sets []snapshotSet
	dirSet := func(name, dir, lang string, limit int) {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		sort.Strings(files)
		if len(files) > limit {
			files = files[:limit]
		}
		s := snapshotSet{name: name, lang: lang}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			s.docs = append(s.docs, snapshotDoc{filepath.Base(f), string(data)})
		}
		if len(s.docs) > 0 {
			sets = append(sets, s)
		}
	}
	dirSet("seeds", filepath.Join(shared, "corpus", "seeds"), "fr", 1000)
	dirSet("articles", filepath.Join(root, "testdata", "articles"), "fr", 1000)
	for _, l := range []string{"de", "es", "it", "pt"} {
		dirSet("lang/"+l, filepath.Join(root, "testdata", "lang", l), l, 1000)
	}
	dirSet("apertium-mt/es", filepath.Join(shared, "bench", "apertium-mt", "es"), "es", 25)
	dirSet("apertium-mt/fr", filepath.Join(shared, "bench", "apertium-mt", "fr"), "fr", 25)
	tsvSet := func(name, rel string, key []string, col, lang string, limit int, joined bool) {
		if _, err := os.Stat(filepath.Join(shared, "bench", rel)); err != nil {
			return
		}
		docs := loadBenchDocs(t, rel, key, col)
		if len(docs) > limit {
			docs = docs[:limit]
		}
		s := snapshotSet{name: name, lang: lang}
		for _, d := range docs {
			text := d.Text
			if joined {
				text = d.joined(4)
			}
			s.docs = append(s.docs, snapshotDoc{d.Key, text})
		}
		sets = append(sets, s)
	}
	tsvSet("fr-news-human", humanNewsTSV, humanNewsKey, "text", "fr", 40, true)
	tsvSet("defr-mt-news", mtNewsTSV, mtNewsKey, "target_text", "fr", 40, false)
	tsvSet("wmt24/es_human", "wmt24-news/es_human.tsv", []string{"doc_id"}, "text", "es", 17, true)
	tsvSet("wmt24/de_human", "wmt24-news/de_human.tsv", []string{"doc_id"}, "text", "de", 17, true)
	tsvSet("wmt24/es_mt", "wmt24-news/es_mt.tsv", []string{"system", "doc_id"}, "text", "es", 34, false)
	tsvSet("biomqm-enfr", "biomqm-enfr/biomqm_v2_enfr.tsv", []string{"doc_id", "system", "rater"}, "target_text", "fr", 30, false)
	return sets
}

// snapshotFindings audits every set with all rules and lists each finding
// as "set/doc<TAB>rule<TAB>start<TAB>end<TAB>message", one per line.
func snapshotFindings(t *testing.T, sets []snapshotSet) string {
	return snapshotFindingsJobs(t, sets, 1)
}

// snapshotFindingsJobs is snapshotFindings with the documents of a set
// audited by jobs goroutines at once, as the batch runner does.
func snapshotFindingsJobs(t *testing.T, sets []snapshotSet, jobs int) string {
	t.Helper()
	registry, err := All()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, s := range sets {
		cfg := audit.DefaultConfig()
		cfg.Lang = s.lang
		eng, err := audit.NewEngine(registry, cfg)
		if err != nil {
			t.Fatal(err)
		}
		results := make([]*audit.Result, len(s.docs))
		next := make(chan int)
		var wg sync.WaitGroup
		for range jobs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					d := s.docs[i]
					doc, err := audit.NewDocument(d.name, []byte(d.text))
					if err != nil {
						t.Errorf("%s/%s: %v", s.name, d.name, err)
						continue
					}
					results[i] = eng.Audit(context.Background(), doc)
				}
			}()
		}
		for i := range s.docs {
			next <- i
		}
		close(next)
		wg.Wait()
		if t.Failed() {
			t.FailNow()
		}
		eng.AuditBatch(results)
		fmt.Fprintf(&b, "# %s (%s): %d documents\n", s.name, s.lang, len(s.docs))
		for i, res := range results {
			for _, w := range res.Warnings {
				fmt.Fprintf(&b, "%s/%s\twarning\t%s\n", s.name, s.docs[i].name, firstLine(w))
			}
			for _, f := range res.Findings {
				fmt.Fprintf(&b, "%s/%s\t%s\t%d\t%d\t%s\n", s.name, s.docs[i].name, f.Rule, f.Start, f.End, f.Message)
			}
		}
	}
	return b.String()
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// TestFindingsSnapshot checks that the findings (rule, span, message) on a
// fixed sample of articles are those of testdata/findings-snapshot.txt: a
// refactoring for speed must not change what the tool reports. After a
// change meant to alter findings, regenerate with -update and review the
// diff.
func TestFindingsSnapshot(t *testing.T) {
	if testing.Short() {
		t.Skip("audits a few hundred articles")
	}
	got := snapshotFindings(t, snapshotSets(t))
	if *updateSnapshot {
		if err := os.WriteFile(snapshotFile, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(snapshotFile)
	if err != nil {
		t.Fatalf("%v (create it with -update)", err)
	}
	if got == string(want) {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	inGot := map[string]bool{}
	for _, l := range gl {
		inGot[l] = true
	}
	inWant := map[string]bool{}
	for _, l := range wl {
		inWant[l] = true
	}
	n := 0
	for _, l := range wl {
		if !inGot[l] && n < 30 {
			t.Errorf("lost: %s", l)
			n++
		}
	}
	for _, l := range gl {
		if !inWant[l] && n < 60 {
			t.Errorf("new:  %s", l)
			n++
		}
	}
	if n == 0 {
		t.Errorf("same findings in a different order")
	}
	t.Log("if the change is meant, regenerate: go test ./rules/ -run TestFindingsSnapshot -update")
}

// TestFindingsConcurrent audits the snapshot's articles four at a time:
// the buffers the rules reuse from one document to the next (pools) must
// give every goroutine its own, so the findings are those of one at a time.
func TestFindingsConcurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("audits a few hundred articles twice")
	}
	sets := snapshotSets(t)
	if got, want := snapshotFindingsJobs(t, sets, 4), snapshotFindings(t, sets); got != want {
		t.Errorf("findings differ when documents are audited concurrently")
	}
}
