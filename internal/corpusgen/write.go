package corpusgen

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Write puts articles [0, n) of seed into dir and returns the bytes of
// article text written. Format "txt" writes NNNNN.txt with NNNNN.gold.json
// beside it; "jsonl" writes corpus.jsonl, one {"id", "title", "text"} a line.
func Write(dir string, n int, seed uint64, format string) (int64, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	g := New(seed)
	var total int64
	switch format {
	case "txt":
		for i := range n {
			a := g.Article(i)
			stem := filepath.Join(dir, fmt.Sprintf("%05d", i))
			if err := os.WriteFile(stem+".txt", []byte(a.Text), 0o644); err != nil {
				return total, err
			}
			gold, err := json.MarshalIndent(a.Gold, "", "  ")
			if err != nil {
				return total, err
			}
			if err := os.WriteFile(stem+".gold.json", append(gold, '\n'), 0o644); err != nil {
				return total, err
			}
			total += int64(len(a.Text))
		}
	case "jsonl":
		f, err := os.Create(filepath.Join(dir, "corpus.jsonl"))
		if err != nil {
			return 0, err
		}
		w := bufio.NewWriter(f)
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for i := range n {
			a := g.Article(i)
			if err := enc.Encode(map[string]string{"id": a.ID, "title": a.Title, "text": a.Text}); err != nil {
				f.Close()
				return total, err
			}
			total += int64(len(a.Text))
		}
		if err := w.Flush(); err != nil {
			f.Close()
			return total, err
		}
		return total, f.Close()
	default:
		return 0, fmt.Errorf("unknown corpus format %q (want txt or jsonl)", format)
	}
	return total, nil
}
