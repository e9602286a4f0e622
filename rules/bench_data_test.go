package rules

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// benchDir returns ../shared/bench beside the repository root (the shared
// data sets the false-positive tests read); tests skip when it is missing.
func benchDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), "shared", "bench")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root not found")
		}
		dir = parent
	}
}

// benchDoc is one document rebuilt from a sentence-level bench file.
type benchDoc struct {
	Key  string   // the key columns joined by "/"
	Text string   // the segments joined by blank lines
	Segs []string // the segments in order
}

// joined lays a document out with its title alone and the other segments
// run together in paragraphs of n sentences, so that rules looking across a
// sentence boundary inside a paragraph see human text too.
func (d benchDoc) joined(n int) string {
	if len(d.Segs) == 0 {
		return d.Text
	}
	var b strings.Builder
	b.WriteString(d.Segs[0])
	inPara := n // the title stands alone
	for i := 1; i < len(d.Segs); i++ {
		// A segment without final punctuation is a heading: it ends its paragraph.
		prev := strings.TrimRight(d.Segs[i-1], " »\"”)")
		last, _ := utf8.DecodeLastRuneInString(prev)
		if inPara >= n || !strings.ContainsRune(".!?…", last) {
			b.WriteString("\n\n")
			inPara = 0
		} else {
			b.WriteString(" ")
		}
		b.WriteString(d.Segs[i])
		inPara++
	}
	b.WriteString("\n")
	return b.String()
}

// loadBenchDocs rebuilds documents from a sentence-level TSV under
// benchDir (rel is relative to it): rows grouped by the key columns, sorted
// by the integer seg_id, joined by blank lines, in order of first
// appearance. Columns are found by the header's names.
func loadBenchDocs(t testing.TB, rel string, keyCols []string, textCol string) []benchDoc {
	t.Helper()
	path := filepath.Join(benchDir(t), rel)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("bench data not found: %s", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type seg struct {
		n    int
		text string
	}
	groups := map[string][]seg{}
	var order []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var col map[string]int
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if col == nil {
			col = map[string]int{}
			for i, c := range fields {
				col[c] = i
			}
			for _, c := range append([]string{"seg_id", textCol}, keyCols...) {
				if _, ok := col[c]; !ok {
					t.Fatalf("%s: no column %q", path, c)
				}
			}
			continue
		}
		if len(fields) != len(col) {
			t.Fatalf("%s: a row has %d fields, the header %d", path, len(fields), len(col))
		}
		key := make([]string, len(keyCols))
		for i, c := range keyCols {
			key[i] = fields[col[c]]
		}
		k := strings.Join(key, "/")
		n, err := strconv.Atoi(fields[col["seg_id"]])
		if err != nil {
			t.Fatalf("%s: seg_id: %v", path, err)
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], seg{n, fields[col[textCol]]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	docs := make([]benchDoc, 0, len(order))
	for _, k := range order {
		segs := groups[k]
		sort.SliceStable(segs, func(i, j int) bool { return segs[i].n < segs[j].n })
		parts := make([]string, len(segs))
		for i, s := range segs {
			parts[i] = s.text
		}
		docs = append(docs, benchDoc{k, strings.Join(parts, "\n\n") + "\n", parts})
	}
	return docs
}

// benchTexts maps each document's key to its text.
func benchTexts(docs []benchDoc) map[string]string {
	m := make(map[string]string, len(docs))
	for _, d := range docs {
		m[d.Key] = d.Text
	}
	return m
}

// The bench files and the columns that identify a document in each.
const (
	humanNewsTSV = "wmt-fr-news-human/fr_news_human.tsv"
	mtNewsTSV    = "wmt-defr-mt-news/defr_mt_outputs.tsv"
)

var (
	humanNewsKey = []string{"testset", "origin", "doc_id"}
	mtNewsKey    = []string{"testset", "system", "doc_id"}
)
