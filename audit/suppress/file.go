package suppress

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/mtaudit/mtaudit/audit/atomicfile"
)

// Version is the file format's version; a file of another version is refused.
const Version = 1

// Kinds of file. They share one format; the kind says what made the file.
const (
	KindBaseline     = "baseline"
	KindSuppressions = "suppressions"
)

// File is a baseline or suppressions file: JSON, versioned, decoded strictly.
//
//	{"version": 1, "kind": "suppressions", "entries": [
//	  {"article": "news/a.txt", "rule": "untranslated.bracket",
//	   "quote": "[energy subsidies]", "occurrence": 1,
//	   "reason": "brand name", "by": "ed", "at": "2026-12-02T16:00:00Z"}]}
type File struct {
	Version int     `json:"version"`
	Kind    string  `json:"kind,omitempty"`
	Entries []Entry `json:"entries"`
}

// Entry is one suppressed finding: its key, and for a dismissal why, who
// and when (all optional).
type Entry struct {
	Key
	Reason string `json:"reason,omitempty"`
	By     string `json:"by,omitempty"`
	At     string `json:"at,omitempty"`
}

// Check validates an entry as a file or a request carries it.
func (e *Entry) Check() error {
	switch {
	case strings.TrimSpace(e.Article) == "":
		return errors.New("article is empty")
	case strings.TrimSpace(e.Rule) == "":
		return errors.New("rule is empty")
	case e.Occurrence < 1:
		return fmt.Errorf("occurrence must be at least 1, not %d", e.Occurrence)
	}
	if n := NormalizeQuote(e.Quote); n != e.Quote {
		e.Quote = n
	}
	return nil
}

// Parse decodes a file strictly: unknown fields, a missing or other
// version, an entry without article, rule or occurrence are errors that
// name the file (and the entry).
func Parse(name string, data []byte) (*File, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", name, jsonError(data, err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: data after the JSON object", name)
	}
	if f.Version != Version {
		return nil, fmt.Errorf("%s: version %d is not supported (want %d)", name, f.Version, Version)
	}
	switch f.Kind {
	case "", KindBaseline, KindSuppressions:
	default:
		return nil, fmt.Errorf("%s: kind %q is neither %s nor %s", name, f.Kind, KindBaseline, KindSuppressions)
	}
	for i := range f.Entries {
		if err := f.Entries[i].Check(); err != nil {
			return nil, fmt.Errorf("%s: entry %d: %w", name, i+1, err)
		}
	}
	return &f, nil
}

// jsonError adds the line to a syntax or type error.
func jsonError(data []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return err
	}
	return fmt.Errorf("line %d: %w", bytes.Count(data[:off], []byte("\n"))+1, err)
}

// Load reads a file. A file that does not exist is an error.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// LoadOrEmpty reads a file, or starts an empty one of kind when there is
// none yet (a server's suppressions file before the first dismissal).
func LoadOrEmpty(path, kind string) (*File, error) {
	f, err := Load(path)
	if errors.Is(err, os.ErrNotExist) {
		return &File{Version: Version, Kind: kind, Entries: []Entry{}}, nil
	}
	return f, err
}

// Marshal encodes the file with its entries sorted by key, one per line
// group, so that a file kept in version control diffs well.
func (f *File) Marshal() ([]byte, error) {
	out := *f
	out.Version = Version
	out.Entries = append([]Entry{}, f.Entries...)
	sort.SliceStable(out.Entries, func(i, j int) bool { return less(out.Entries[i].Key, out.Entries[j].Key) })
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteFile writes the file atomically.
func (f *File) WriteFile(path string) error {
	data, err := f.Marshal()
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data, 0o644)
}

// Add puts an entry in the file, replacing one with the same key.
func (f *File) Add(e Entry) {
	for i := range f.Entries {
		if f.Entries[i].Key == e.Key {
			f.Entries[i] = e
			return
		}
	}
	f.Entries = append(f.Entries, e)
}

func less(a, b Key) bool {
	if a.Article != b.Article {
		return a.Article < b.Article
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	if a.Quote != b.Quote {
		return a.Quote < b.Quote
	}
	return a.Occurrence < b.Occurrence
}
