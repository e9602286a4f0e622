package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/suppress"
)

// Suppressions an editor records from the page: POST /v1/suppressions with
// a finding's key and a reason adds it to the file the server was started
// with (serve --suppressions FILE, written atomically), and every later
// audit leaves that finding out. GET lists the file; DELETE with a key
// takes a dismissal back. The file has audit/suppress's format, so the
// same file serves mtaudit audit --suppressions FILE.
//
// The page's pasted articles have no id: their key's article is "-", so a
// dismissal there applies to the same text flagged by the same rule in any
// pasted article. A CMS that sends "id" gets keys per article.

// maxSuppressionBody bounds a dismissal request: a key and a reason.
const maxSuppressionBody = 64 << 10

// suppressionStore is the server's suppressions file and the filter built
// from it. A nil store (no file configured) filters nothing.
type suppressionStore struct {
	path string
	eng  *audit.Engine

	mu     sync.Mutex // held while the file changes
	file   *suppress.File
	filter atomic.Pointer[suppress.Filter]
}

// openSuppressions reads the file (a missing one starts empty).
func openSuppressions(path string, eng *audit.Engine) (*suppressionStore, error) {
	if path == "" {
		return nil, nil
	}
	f, err := suppress.LoadOrEmpty(path, suppress.KindSuppressions)
	if err != nil {
		return nil, fmt.Errorf("suppressions: %w", err)
	}
	st := &suppressionStore{path: path, eng: eng, file: f}
	st.filter.Store(suppress.NewFilter(suppress.NewSet(f), eng))
	return st, nil
}

// apply takes the suppressed findings out of a result.
func (st *suppressionStore) apply(r *audit.Result) {
	if st != nil {
		st.filter.Load().Apply(r)
	}
}

// keys are the suppression keys of a result's findings, for the report's
// Dismiss buttons.
func (st *suppressionStore) keys(r *audit.Result) []suppress.Key {
	if st == nil {
		return suppress.ResultKeys(r)
	}
	return st.filter.Load().Keys(r)
}

// change edits the file under the lock, writes it atomically and swaps
// the filter. On a write error the file and filter stay as they were.
func (st *suppressionStore) change(edit func(f *suppress.File) bool) (bool, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	next := &suppress.File{Version: suppress.Version, Kind: suppress.KindSuppressions, Entries: append([]suppress.Entry{}, st.file.Entries...)}
	if !edit(next) {
		return false, nil
	}
	if err := next.WriteFile(st.path); err != nil {
		return false, err
	}
	st.file = next
	st.filter.Store(suppress.NewFilter(suppress.NewSet(next), st.eng))
	return true, nil
}

func (st *suppressionStore) snapshot() []byte {
	st.mu.Lock()
	defer st.mu.Unlock()
	data, err := st.file.Marshal()
	if err != nil {
		return []byte(`{"version":1,"entries":[]}`)
	}
	return data
}

func (s *Server) handleSuppressions(w http.ResponseWriter, r *http.Request) {
	st := s.suppressions
	if st == nil {
		writeError(w, http.StatusNotFound, "this server keeps no suppressions (start it with --suppressions FILE)")
		return
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			_, _ = w.Write(st.snapshot())
		}
	case http.MethodPost, http.MethodDelete:
		e, herr := readDismissal(w, r)
		if herr != nil {
			s.fail(w, herr)
			return
		}
		if r.Method == http.MethodDelete {
			found, err := st.change(func(f *suppress.File) bool {
				for i := range f.Entries {
					if f.Entries[i].Key == e.Key {
						f.Entries = append(f.Entries[:i], f.Entries[i+1:]...)
						return true
					}
				}
				return false
			})
			switch {
			case err != nil:
				s.fail(w, &httpError{http.StatusInternalServerError, "write suppressions: " + err.Error()})
			case !found:
				writeError(w, http.StatusNotFound, "no such suppression")
			default:
				writeJSON(w, http.StatusOK, e)
			}
			return
		}
		if e.Reason == "" {
			s.fail(w, badRequest("a dismissal needs a reason"))
			return
		}
		if e.At == "" {
			e.At = time.Now().UTC().Format(time.RFC3339)
		}
		if _, err := st.change(func(f *suppress.File) bool { f.Add(*e); return true }); err != nil {
			s.fail(w, &httpError{http.StatusInternalServerError, "write suppressions: " + err.Error()})
			return
		}
		writeJSON(w, http.StatusCreated, e)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST, DELETE")
		writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed")
	}
}

// readDismissal decodes one entry strictly. JSON alone is accepted, so a
// form on another site cannot post one without a CORS preflight.
func readDismissal(w http.ResponseWriter, r *http.Request) (*suppress.Entry, *httpError) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return nil, &httpError{http.StatusUnsupportedMediaType, "send the dismissal as application/json"}
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxSuppressionBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("a dismissal is at most %d bytes", maxSuppressionBody)}
		}
		return nil, badRequest("read body: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var e suppress.Entry
	if err := dec.Decode(&e); err != nil {
		return nil, badRequest("dismissal: %v", err)
	}
	if err := e.Check(); err != nil {
		return nil, badRequest("dismissal: %v", err)
	}
	return &e, nil
}
