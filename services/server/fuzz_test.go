package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzAuditRequest: any body under any content type gets an answer with a
// status the API documents, never a 500, and a JSON body that decodes.
func FuzzAuditRequest(f *testing.F) {
	f.Add("text/plain", []byte(sampleArticle))
	f.Add("application/json", []byte(`{"text": "Le [job guarantees] ici.", "lang": "fr", "llm": false}`))
	f.Add("application/json", []byte(`{"text": "a\u0000b"}`))
	f.Add("application/json", []byte(`{"text": "x"} junk`))
	f.Add("", []byte("caf\xe9"))
	f.Add("text/plain; charset=latin1", []byte("abc"))
	f.Add("multipart/form-data; boundary=x", []byte("--x--"))
	s, err := New(Options{Engine: testEngine(f), Registry: testRegistry(), Tool: testTool, MaxBody: 4096})
	if err != nil {
		f.Fatal(err)
	}
	documented := map[int]bool{200: true, 400: true, 413: true, 415: true, 422: true}
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		for _, path := range []string{"/v1/audit", "/v1/report"} {
			req := httptest.NewRequest("POST", path, bytes.NewReader(body))
			if contentType != "" {
				req.Header.Set("Content-Type", contentType)
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if !documented[rec.Code] {
				t.Fatalf("%s answered %d: %s", path, rec.Code, rec.Body.Bytes())
			}
			if rec.Code == http.StatusOK && path == "/v1/report" {
				continue
			}
			var v map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
				t.Fatalf("%s answered %d with a body that is not JSON: %q", path, rec.Code, rec.Body.Bytes())
			}
		}
	})
}
