// Command gen rebuilds mtaudit's shipped lexicons (audit/lexicon/data/lexicons.lex)
// from Debian's word-list packages, as data/lexicons.yaml describes them:
//
//	go run ./audit/lexicon/gen                 # from /usr/share/dict into audit/lexicon/data
//	go run ./audit/lexicon/gen -dict DIR -out DIR
//
// Extra words (recent words and established loanwords the Debian lists
// lack) come from audit/lexicon/extra/<id>.txt.
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
	extra := flag.String("extra", lexicon.ExtraDir, "directory of the extra words (<id>.txt)")
	flag.Parse()
	if err := run(*dict, *extra, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dict, extraDir, out string) error {
	specs, err := lexicon.Specs()
	if err != nil {
		return err
	}
	open := func(file string) (io.ReadCloser, error) { return os.Open(filepath.Join(dict, file)) }
	var all []byte
	for _, s := range specs {
		extra, err := lexicon.ReadExtra(filepath.Join(extraDir, s.ID+".txt"))
		if err != nil {
			return err
		}
		data, err := lexicon.BuildFile(s, open, extra)
		if err != nil {
			return fmt.Errorf("%s: %w", s.ID, err)
		}
		all = append(all, data...)
		fmt.Printf("%-10s %8d bytes\n", s.ID, len(data))
	}
	path := filepath.Join(out, lexicon.ShippedFile)
	if err := os.WriteFile(path, all, 0o644); err != nil {
		return err
	}
	fmt.Printf("%d bytes in %s\n", len(all), path)
	return nil
}
