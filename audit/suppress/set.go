package suppress

import "github.com/mtaudit/mtaudit/audit"

// Set is the keys a run leaves out, from any number of files.
type Set struct{ keys map[Key]bool }

// NewSet merges files (nil ones are skipped).
func NewSet(files ...*File) *Set {
	s := &Set{keys: map[Key]bool{}}
	for _, f := range files {
		if f == nil {
			continue
		}
		for _, e := range f.Entries {
			s.keys[e.Key] = true
		}
	}
	return s
}

// Len is the number of keys.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return len(s.keys)
}

// Has reports whether k is suppressed.
func (s *Set) Has(k Key) bool { return s != nil && s.keys[k] }

// Split parts findings of document d into those kept and those suppressed.
// Keys are computed over all of findings, so pass every finding the
// article had.
func (s *Set) Split(d *audit.Document, findings []audit.Finding) (kept, dropped []audit.Finding) {
	if s.Len() == 0 {
		return findings, nil
	}
	keys := Keys(d, findings)
	kept = make([]audit.Finding, 0, len(findings))
	for i, f := range findings {
		if s.keys[keys[i]] {
			dropped = append(dropped, f)
		} else {
			kept = append(kept, f)
		}
	}
	return kept, dropped
}

// Record makes a file of kind listing every finding of results.
func Record(kind string, results ...*audit.Result) *File {
	f := &File{Version: Version, Kind: kind, Entries: []Entry{}}
	for _, r := range results {
		f.AddResult(r)
	}
	return f
}

// AddResult adds the keys of a result's findings.
func (f *File) AddResult(r *audit.Result) {
	if r == nil || r.Doc == nil {
		return
	}
	for _, k := range ResultKeys(r) {
		f.Entries = append(f.Entries, Entry{Key: k})
	}
}
