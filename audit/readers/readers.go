// Package readers adds article inputs beyond plain text: web pages (.html,
// .htm), JSON lines (.jsonl) and RSS or Atom feeds (.xml, .rss, .atom). It
// registers them with audit.RegisterReader when imported; the command
// imports it for that side effect.
//
// Text taken out of markup is not the input byte for byte: the document's
// Note says so, and every offset in a report points into the extracted text.
package readers

import (
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
)

func init() {
	audit.RegisterReader(".html", ReadHTML)
	audit.RegisterReader(".htm", ReadHTML)
	audit.RegisterReader(".jsonl", ReadJSONL)
	for _, ext := range []string{".xml", ".rss", ".atom"} {
		audit.RegisterReader(ext, ReadFeed)
	}
}

// recoverInput turns a panic inside a third-party parser into an error
// input: no byte string may crash a batch.
func recoverInput(path string, ins *[]audit.Input) {
	if p := recover(); p != nil {
		*ins = []audit.Input{{Path: path, Err: fmt.Errorf("unreadable input: %v", p)}}
	}
}

// Inputs reads one path ("-" for stdin, read as stdinExt) lazily: JSON
// lines are streamed line by line so that a file of any size is never held
// whole; other formats are read through audit.ReadPath.
func Inputs(path string, stdin io.Reader, stdinExt string) iter.Seq[audit.Input] {
	return func(yield func(audit.Input) bool) {
		name := path
		if path == "-" {
			name = "-" + stdinExt
		}
		if !strings.EqualFold(filepath.Ext(name), ".jsonl") {
			for _, in := range audit.ReadPath(path, stdin, stdinExt) {
				if !yield(in) {
					return
				}
			}
			return
		}
		var r io.Reader = stdin
		if path != "-" {
			f, err := os.Open(path)
			if err != nil {
				yield(audit.Input{Path: path, Err: cleanErr(err)})
				return
			}
			defer f.Close()
			r = f
		} else if stdin == nil {
			yield(audit.Input{Path: path, Err: fmt.Errorf("no standard input")})
			return
		}
		n := 0
		err := StreamJSONL(path, r, func(in audit.Input) bool {
			n++
			return yield(in)
		})
		switch {
		case err != nil:
			yield(audit.Input{Path: path, Err: err})
		case n == 0:
			yield(audit.Input{Path: path, Err: fmt.Errorf("no articles in file")})
		}
	}
}

// cleanErr drops the operation from an *os.PathError, as audit.ReadPath does.
func cleanErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
