package audit

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"syscall"
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

// ReadText reads a plain-text or Markdown article. UTF-16 with a
// byte-order mark is decoded to UTF-8 (the document's Note says so).
func ReadText(path string, data []byte) []Input { return readText(path, data, NewDocument) }

// readOwnedText is ReadText for bytes nothing else holds or will change
// (a file just read): the document's text is those bytes, not a copy.
func readOwnedText(path string, data []byte) []Input { return readText(path, data, newDocumentOwning) }

func readText(path string, data []byte, newDoc func(string, []byte) (*Document, error)) []Input {
	text, note, err := DecodeText(data)
	if err != nil {
		return []Input{{Path: path, Err: err}}
	}
	doc, err := newDoc(path, text)
	if err != nil {
		return []Input{{Path: path, Err: err}}
	}
	doc.Note = note
	return []Input{{Path: path, Doc: doc}}
}

// DefaultMaxArticleBytes bounds the text of one article unless configured
// otherwise: far above any news article (tens of kilobytes), low enough
// that a log file or a database dump given by mistake is refused before
// it costs gigabytes.
const DefaultMaxArticleBytes = 4 << 20

// ReadOptions say how inputs are read.
type ReadOptions struct {
	// Stdin is read for the path "-", as StdinExt says (".html"); plain
	// text when StdinExt names no reader.
	Stdin    io.Reader
	StdinExt string
	// MaxArticleBytes bounds the text of one article; zero means
	// DefaultMaxArticleBytes, negative no limit.
	MaxArticleBytes int
}

// ArticleLimit is the bound on one article's text in bytes; negative
// means none.
func (o ReadOptions) ArticleLimit() int {
	if o.MaxArticleBytes == 0 {
		return DefaultMaxArticleBytes
	}
	return o.MaxArticleBytes
}

// FileLimit bounds a file read whole: a web page or a feed holds markup
// around its text, and a feed several articles. Negative means none.
func (o ReadOptions) FileLimit() int64 {
	if n := o.ArticleLimit(); n >= 0 {
		return 8 * int64(n)
	}
	return -1
}

// TooLargeError is an input over its size limit.
type TooLargeError struct {
	What  string // "article", "file", "line"
	Size  int64  // bytes; -1 when only "more than Limit" is known
	Limit int64
}

func (e *TooLargeError) Error() string {
	size := "more than " + humanBytes(e.Limit)
	if e.Size >= 0 {
		size = humanBytes(e.Size)
	}
	return fmt.Sprintf("%s too large: %s, over the limit of %s (raise it with --max-article-bytes or max_article_bytes)", e.What, size, humanBytes(e.Limit))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// CheckSize turns an article over the limit into an error input.
func (o ReadOptions) CheckSize(in Input) Input {
	if limit := o.ArticleLimit(); in.Doc != nil && limit >= 0 && len(in.Doc.Text) > limit {
		return Input{Path: in.Path, Err: &TooLargeError{What: "article", Size: int64(len(in.Doc.Text)), Limit: int64(limit)}}
	}
	return in
}

// NotRegularError is a path that names something other than a regular
// file or a directory: a named pipe would block the run, a device or a
// socket never ends.
type NotRegularError struct{ Mode fs.FileMode }

func (e *NotRegularError) Error() string {
	kind := "special file"
	switch {
	case e.Mode&fs.ModeNamedPipe != 0:
		kind = "named pipe"
	case e.Mode&fs.ModeSocket != 0:
		kind = "socket"
	case e.Mode&fs.ModeCharDevice != 0:
		kind = "character device"
	case e.Mode&fs.ModeDevice != 0:
		kind = "device"
	case e.Mode&fs.ModeIrregular != 0:
		kind = "irregular file"
	}
	return "not a regular file (" + kind + "); only files, directories and - for standard input are read"
}

// OpenRegular opens path for reading if it is a regular file. It never
// blocks on a named pipe: the file is opened without waiting for a writer
// and checked before anything is read.
func OpenRegular(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, cleanPathError(err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, cleanPathError(err)
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, &NotRegularError{Mode: info.Mode()}
	}
	return f, info, nil
}

// ExpandPaths turns command-line arguments into file paths in a stable order:
// files as given (any extension is read as text unless a reader claims it),
// directories walked recursively for registered extensions, "-" kept for
// standard input. Arguments that yield nothing, and anything but regular
// files (named pipes, devices, sockets, also through a symbolic link), are
// returned as error inputs.
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
			if !info.Mode().IsRegular() {
				bad = append(bad, Input{Path: a, Err: &NotRegularError{Mode: info.Mode()}})
				continue
			}
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
			if _, ok := ReaderFor(p); !ok || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			mode := d.Type()
			if mode&fs.ModeSymlink != 0 {
				info, err := os.Stat(p)
				if err != nil {
					bad = append(bad, Input{Path: p, Err: cleanPathError(err)})
					return nil
				}
				mode = info.Mode()
			}
			if !mode.IsRegular() {
				bad = append(bad, Input{Path: p, Err: &NotRegularError{Mode: mode}})
				return nil
			}
			found = append(found, p)
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

// ReadPath reads one file (or "-" from stdin, as stdinExt) into inputs,
// with the default limits.
func ReadPath(path string, stdin io.Reader, stdinExt string) []Input {
	return ReadPathWith(path, ReadOptions{Stdin: stdin, StdinExt: stdinExt})
}

// ReadPathWith reads one file (or "-" from o.Stdin) into inputs. Only a
// regular file is read; a plain-text file over the article limit, or any
// file over the file limit, is refused before it is read, and standard
// input is read only up to the limit.
func ReadPathWith(path string, o ReadOptions) []Input {
	name := path
	r, ok := ReaderFor(name)
	if path == "-" {
		if o.Stdin == nil {
			return []Input{{Path: path, Err: errors.New("no standard input")}}
		}
		name = "-" + o.StdinExt
		r, ok = ReaderFor(name)
	}
	if !ok {
		r = ReadText
	}
	limit := o.FileLimit()
	what := "file"
	if isText(r) {
		limit, what = int64(o.ArticleLimit()), "article"
	}
	var data []byte
	var err error
	if path == "-" {
		data, err = ReadAtMost(o.Stdin, limit)
	} else {
		data, err = ReadFile(path, limit)
	}
	if err != nil {
		var tl *TooLargeError
		if errors.As(err, &tl) {
			tl.What = what
		}
		return []Input{{Path: path, Err: err}}
	}
	if isText(r) {
		r = readOwnedText // data is this call's own
	}
	ins := r(path, data)
	if len(ins) == 0 {
		return []Input{{Path: path, Err: errors.New("no articles in file")}}
	}
	for i := range ins {
		ins[i] = o.CheckSize(ins[i])
	}
	return ins
}

// isText reports whether r is the plain-text reader, whose file is the
// article itself.
func isText(r Reader) bool {
	return reflect.ValueOf(r).Pointer() == reflect.ValueOf(Reader(ReadText)).Pointer()
}

// ReadFile reads a regular file of at most limit bytes (negative: any
// size); anything else is an error (*NotRegularError, *TooLargeError).
func ReadFile(path string, limit int64) ([]byte, error) {
	if data, done, err := readRegularFast(path, limit); done {
		return data, err
	}
	return readFileOS(path, limit)
}

// readFileOS is ReadFile through os.File, for what readRegularFast leaves.
func readFileOS(path string, limit int64) ([]byte, error) {
	f, info, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if limit >= 0 && info.Size() > limit {
		return nil, &TooLargeError{Size: info.Size(), Limit: limit}
	}
	data, err := readAtMostSized(f, limit, info.Size())
	return data, cleanPathError(err)
}

// readAtMostSized is ReadAtMost with the buffer sized from the file's
// stated size up front (one allocation where io.ReadAll grows a buffer
// several times); the file may still turn out longer or shorter.
func readAtMostSized(r io.Reader, limit, size int64) ([]byte, error) {
	if size <= 0 || (limit >= 0 && size > limit) || size > 64<<20 {
		return ReadAtMost(r, limit)
	}
	data := make([]byte, 0, size+1)
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if limit >= 0 && int64(len(data)) > limit {
			return nil, &TooLargeError{Size: -1, Limit: limit}
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// ReadAtMost reads r to its end, failing with a *TooLargeError once more
// than limit bytes came (negative: no limit), without reading further.
func ReadAtMost(r io.Reader, limit int64) ([]byte, error) {
	if limit < 0 {
		return io.ReadAll(r)
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Size: -1, Limit: limit}
	}
	return data, nil
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
