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
	"math"
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

// Inputs reads one path ("-" for stdin, read as stdinExt) lazily, with the
// default limits; see InputsWith.
func Inputs(path string, stdin io.Reader, stdinExt string) iter.Seq[audit.Input] {
	return InputsWith(path, audit.ReadOptions{Stdin: stdin, StdinExt: stdinExt})
}

// InputsWith reads one path ("-" for o.Stdin) lazily: JSON lines are
// streamed line by line so that a file of any size is never held whole;
// other formats are read through audit.ReadPathWith. Only regular files
// are read, and every article is held to o's size limit.
func InputsWith(path string, o audit.ReadOptions) iter.Seq[audit.Input] {
	return func(yield func(audit.Input) bool) {
		name := path
		if path == "-" {
			name = "-" + o.StdinExt
		}
		if !strings.EqualFold(filepath.Ext(name), ".jsonl") {
			for _, in := range audit.ReadPathWith(path, o) {
				if !yield(in) {
					return
				}
			}
			return
		}
		var r io.Reader = o.Stdin
		if path != "-" {
			f, _, err := audit.OpenRegular(path)
			if err != nil {
				yield(audit.Input{Path: path, Err: err})
				return
			}
			defer f.Close()
			r = f
		} else if o.Stdin == nil {
			yield(audit.Input{Path: path, Err: fmt.Errorf("no standard input")})
			return
		}
		n := 0
		err := streamJSONL(path, r, jsonlLineLimit(o), func(in audit.Input) bool {
			n++
			return yield(o.CheckSize(in))
		})
		switch {
		case err != nil:
			yield(audit.Input{Path: path, Err: err})
		case n == 0:
			yield(audit.Input{Path: path, Err: fmt.Errorf("no articles in file")})
		}
	}
}

// jsonlLineLimit bounds one JSON line: the article limit leaves room for
// JSON escapes and the other fields.
func jsonlLineLimit(o audit.ReadOptions) int {
	n := o.ArticleLimit()
	if n < 0 {
		return math.MaxInt
	}
	return min(maxJSONLLine, 2*n+64<<10)
}
