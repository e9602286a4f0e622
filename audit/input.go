package audit

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Input is one article read, or the reason one could not be.
type Input struct {
	Path string
	Doc  *Document
	Err  error
}

// Reader turns one file's bytes into articles. A file may hold several
// (JSON lines, a feed); a part that cannot be read is an Input with Err set.
type Reader func(path string, data []byte) []Input

var (
	readersMu sync.RWMutex
	readers   = map[string]Reader{".txt": ReadText, ".md": ReadText}
)

// RegisterReader makes files ending in ext (".html") readable. It is meant
// for init functions of reader packages.
func RegisterReader(ext string, r Reader) {
	readersMu.Lock()
	defer readersMu.Unlock()
	readers[strings.ToLower(ext)] = r
}

// ReaderFor returns the reader for a file name, if its extension has one.
func ReaderFor(name string) (Reader, bool) {
	readersMu.RLock()
	defer readersMu.RUnlock()
	r, ok := readers[strings.ToLower(filepath.Ext(name))]
	return r, ok
}

// ReaderExts lists the registered extensions, sorted.
func ReaderExts() []string {
	readersMu.RLock()
	defer readersMu.RUnlock()
	var out []string
	for k := range readers {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ReadText reads a plain-text or Markdown article.
func ReadText(path string, data []byte) []Input {
	doc, err := NewDocument(path, data)
	if err != nil {
		return []Input{{Path: path, Err: err}}
	}
	return []Input{{Path: path, Doc: doc}}
}

// ExpandPaths turns command-line arguments into file paths in a stable order:
// files as given (any extension is read as text unless a reader claims it),
// directories walked recursively for registered extensions, "-" kept for
// standard input. Arguments that yield nothing are returned as error inputs.
func ExpandPaths(args []string) (files []string, bad []Input) {
	for _, a := range args {
		if a == "-" {
			files = append(files, a)
			continue
		}
		info, err := os.Stat(a)
		if err != nil {
			bad = append(bad, Input{Path: a, Err: cleanPathError(err)})
			continue
		}
		if !info.IsDir() {
			files = append(files, a)
			continue
		}
		var found []string
		walkErr := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				bad = append(bad, Input{Path: p, Err: cleanPathError(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != a && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if _, ok := ReaderFor(p); ok && !strings.HasPrefix(d.Name(), ".") {
				found = append(found, p)
			}
			return nil
		})
		if walkErr != nil {
			bad = append(bad, Input{Path: a, Err: walkErr})
		}
		if len(found) == 0 {
			bad = append(bad, Input{Path: a, Err: fmt.Errorf("directory holds no articles (%s)", strings.Join(ReaderExts(), ", "))})
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, bad
}

// ReadPath reads one file (or "-" from stdin, as stdinExt) into inputs.
func ReadPath(path string, stdin io.Reader, stdinExt string) []Input {
	var data []byte
	var err error
	name := path
	if path == "-" {
		if stdin == nil {
			return []Input{{Path: path, Err: errors.New("no standard input")}}
		}
		data, err = io.ReadAll(stdin)
		if stdinExt != "" {
			name = "-" + stdinExt
		}
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return []Input{{Path: path, Err: cleanPathError(err)}}
	}
	r, ok := ReaderFor(name)
	if !ok {
		r = ReadText
	}
	ins := r(path, data)
	if len(ins) == 0 {
		return []Input{{Path: path, Err: errors.New("no articles in file")}}
	}
	return ins
}

// cleanPathError drops the operation name from *fs.PathError ("open x: no
// such file") so the message reads well after the path.
func cleanPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
