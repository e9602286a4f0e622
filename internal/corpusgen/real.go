package corpusgen

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ReadArticles reads real articles from each source: a directory's *.txt
// files (their *.gold.json sidecars ignored), or a tab-separated file
// whose header names doc_id and whose last column is a segment of text,
// segments of one document (and one system, when a system column exists)
// joined as paragraphs, in file order.
func ReadArticles(sources []string) ([]string, error) {
	var out []string
	for _, src := range sources {
		info, err := os.Stat(src)
		if err != nil {
			return nil, err
		}
		var arts []string
		if info.IsDir() {
			arts, err = readTxtDir(src)
		} else {
			arts, err = readTSV(src)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src, err)
		}
		out = append(out, arts...)
	}
	return out, nil
}

func readTxtDir(dir string) ([]string, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
			paths = append(paths, p)
		}
		return err
	})
	sort.Strings(paths)
	var out []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, err
}

// readTSV reads tab-separated rows without quoting: the bench files'
// texts hold quotation marks of their own.
func readTSV(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	if !sc.Scan() {
		return nil, fmt.Errorf("no header: %v", sc.Err())
	}
	head := strings.Split(sc.Text(), "\t")
	docCol, sysCol := -1, -1
	for i, h := range head {
		switch h {
		case "doc_id":
			docCol = i
		case "system":
			sysCol = i
		}
	}
	if docCol < 0 {
		return nil, fmt.Errorf("no doc_id column in %q", head)
	}
	textCol := len(head) - 1
	var order []string
	docs := map[string][]string{}
	for sc.Scan() {
		row := strings.Split(sc.Text(), "\t")
		if len(row) <= textCol {
			continue
		}
		key := row[docCol]
		if sysCol >= 0 {
			key = row[sysCol] + "\x00" + key
		}
		if _, ok := docs[key]; !ok {
			order = append(order, key)
		}
		docs[key] = append(docs[key], row[textCol])
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(order))
	for _, k := range order {
		out = append(out, strings.Join(docs[k], "\n\n")+"\n")
	}
	return out, nil
}

// Replicate returns n articles made from arts: article i is arts[i mod
// len(arts)] with its paragraphs rotated by i / len(arts), so that copies
// differ while the text stays real.
func Replicate(arts []string, n int) []string {
	out := make([]string, 0, n)
	for i := 0; i < n && len(arts) > 0; i++ {
		paras := strings.Split(strings.TrimSpace(arts[i%len(arts)]), "\n\n")
		r := (i / len(arts)) % len(paras)
		rotated := append(append([]string{}, paras[r:]...), paras[:r]...)
		out = append(out, strings.Join(rotated, "\n\n")+"\n")
	}
	return out
}
