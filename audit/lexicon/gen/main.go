// Command gen rebuilds mtaudit's shipped lexicons (audit/lexicon/data/*.lex.gz)
// from Debian's word-list packages, as data/lexicons.yaml describes them:
//
//	go run ./audit/lexicon/gen                 # from /usr/share/dict into audit/lexicon/data
//	go run ./audit/lexicon/gen -dict DIR -out DIR
//
// Install the lists first: apt-get install wamerican wfrench wspanish
// wngerman witalian wportuguese wbrazilian.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/mtaudit/mtaudit/audit/lexicon"
)

func main() {
	dict := flag.String("dict", lexicon.DictDir, "directory of the word lists")
	out := flag.String("out", filepath.Join("audit", "lexicon", "data"), "directory to write the lexicons to")
	flag.Parse()
	if err := run(*dict, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dict, out string) error {
	specs, err := lexicon.Specs()
	if err != nil {
		return err
	}
	open := func(file string) (io.ReadCloser, error) { return os.Open(filepath.Join(dict, file)) }
	for _, s := range specs {
		data, err := lexicon.BuildFile(s, open)
		if err != nil {
			return fmt.Errorf("%s: %w", s.ID, err)
		}
		path := filepath.Join(out, s.ID+".lex.gz")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		fmt.Printf("%-10s %8d bytes  %s\n", s.ID, len(data), path)
	}
	return nil
}
