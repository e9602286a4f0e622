package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/readers"
	"github.com/mtaudit/mtaudit/audit/typo"
	"github.com/mtaudit/mtaudit/reports/i18n"
)

// auditRequest is the JSON body of POST /v1/audit and /v1/report. A
// text/plain body is the text itself, the other fields in the query.
type auditRequest struct {
	Text  *string `json:"text"`
	Title string  `json:"title,omitempty"`
	Lang  string  `json:"lang,omitempty"`
	LLM   *bool   `json:"llm,omitempty"`
	ID    string  `json:"id,omitempty"`
	URL   string  `json:"url,omitempty"`
	// Messages is the language of the findings' messages in the answer:
	// "auto" (the article's) or a language; "" leaves the server's default.
	Messages string `json:"messages,omitempty"`
	// Format is what text holds: txt (default), md, or html (an uploaded
	// page, read by the CLI's HTML reader: the article body's text).
	Format string `json:"format,omitempty"`
}

// requestFormats are the values of format ("htm" reads as "html"); one
// article each.
var requestFormats = []string{"txt", "md", "html"}

// requestDocument builds the article of a request: HTML through the same
// reader as the command line (audit/readers), so its tags are never
// audited as text.
func requestDocument(req *auditRequest) (*audit.Document, error) {
	if req.Format != "html" {
		return audit.NewDocument(requestPath, []byte(*req.Text))
	}
	ins := readers.ReadHTML(requestPath, []byte(*req.Text))
	if len(ins) == 0 || ins[0].Doc == nil && ins[0].Err == nil {
		return nil, errors.New("no article text in the HTML")
	}
	if ins[0].Err != nil {
		return nil, ins[0].Err
	}
	return ins[0].Doc, nil
}

// httpError is a request that cannot be served, with the status to answer.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) *httpError {
	return &httpError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// checkHeaders refuses what the headers alone show cannot be served: a
// declared body over MaxBody (413), a content type not served (415).
func (s *Server) checkHeaders(r *http.Request) *httpError {
	if r.ContentLength > s.opts.MaxBody {
		return s.tooLarge()
	}
	_, herr := bodyKind(r.Header.Get("Content-Type"))
	return herr
}

// readBody reads a request body bounded by MaxBody (413 past it).
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, *httpError) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, s.tooLarge()
		}
		return nil, badRequest("read request body: %v", err)
	}
	return body, nil
}

// readRequest reads and decodes an article request. The body is bounded
// by MaxBody; its text must be UTF-8 (422 otherwise, never silently repaired).
func (s *Server) readRequest(w http.ResponseWriter, r *http.Request) (*auditRequest, *httpError) {
	if herr := s.checkHeaders(r); herr != nil {
		return nil, herr
	}
	kind, _ := bodyKind(r.Header.Get("Content-Type"))
	body, herr := s.readBody(w, r)
	if herr != nil {
		return nil, herr
	}
	if !utf8.Valid(body) {
		return nil, &httpError{http.StatusUnprocessableEntity, "request body is not UTF-8 text"}
	}
	if herr := checkQuery(r.URL.Query(), kind); herr != nil {
		return nil, herr
	}
	var req auditRequest
	switch kind {
	case "json":
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			return nil, badRequest("malformed JSON request: %v", jsonProblem(err))
		}
		if _, err := dec.Token(); err != io.EOF {
			return nil, badRequest("malformed JSON request: data after the object")
		}
		if req.Text == nil {
			return nil, badRequest(`malformed JSON request: "text" is required`)
		}
	default:
		text := string(body)
		req.Text = &text
		q := r.URL.Query()
		req.Title, req.Lang, req.ID, req.URL, req.Messages = q.Get("title"), q.Get("lang"), q.Get("id"), q.Get("url"), q.Get("messages")
		req.Format = q.Get("format")
		if v := q.Get("llm"); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return nil, badRequest("query parameter llm=%q is not a boolean", v)
			}
			req.LLM = &b
		}
	}
	req.Format = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(req.Format), "."))
	if req.Format == "htm" {
		req.Format = "html"
	}
	if req.Format != "" && !slices.Contains(requestFormats, req.Format) {
		return nil, badRequest("format %q is not one the server reads: use txt, md or html", req.Format)
	}
	if req.Messages == "" {
		// A JSON body may give messages in the query too.
		req.Messages = r.URL.Query().Get("messages")
	}
	if req.Messages != "" {
		m, err := i18n.MustBuiltin().Setting(req.Messages)
		if err != nil {
			return nil, badRequest("%v", err)
		}
		req.Messages = m
	}
	req.Lang = strings.TrimSpace(req.Lang)
	if strings.EqualFold(req.Lang, "auto") {
		req.Lang = ""
	}
	if req.Lang != "" {
		// A BCP 47 tag ("fr", "fr-FR", "fr_CA") selects its base language's
		// profile; anything else is refused, naming what is supported, so
		// that no article passes unchecked under a language no rule knows.
		base, err := s.opts.Engine.ResolveLang(req.Lang)
		if err != nil {
			return nil, badRequest("lang: %v", err)
		}
		req.Lang = base
	}
	return &req, nil
}

func (s *Server) tooLarge() *httpError {
	return &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("request body exceeds %d bytes", s.opts.MaxBody)}
}

// bodyKind accepts JSON, and plain UTF-8 text (also when no type is given).
func bodyKind(contentType string) (string, *httpError) {
	if strings.TrimSpace(contentType) == "" {
		return "text", nil
	}
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", &httpError{http.StatusUnsupportedMediaType, "unreadable Content-Type: " + contentType}
	}
	switch {
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return "json", nil
	case mt == "text/plain":
		if cs := strings.ToLower(params["charset"]); cs != "" && cs != "utf-8" && cs != "utf8" && cs != "us-ascii" {
			return "", &httpError{http.StatusUnsupportedMediaType, "charset " + cs + " not supported: send UTF-8"}
		}
		return "text", nil
	}
	return "", &httpError{http.StatusUnsupportedMediaType,
		"Content-Type " + mt + " not supported: send text/plain (the article) or application/json"}
}

// jsonProblem describes a decoding error without quoting the body.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	case errors.As(err, &te) && te.Field == "":
		return fmt.Sprintf(`the body must be a JSON object with a "text" field, such as {"text": "…", "title": "…"}, not %s`, jsonKind(te.Value))
	case errors.As(err, &te):
		return fmt.Sprintf("field %q must be %s, not %s", te.Field, jsonWant(te.Type.String()), jsonKind(te.Value))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "unexpected end of input"
	}
	// unknown field "x": names a key, not article text.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name, _ = strconv.Unquote(name)
		msg := fmt.Sprintf("unknown field %q", name)
		if near := typo.Nearest(name, requestFields); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		return msg + "; fields: " + strings.Join(requestFields, ", ")
	}
	return err.Error()
}

// queryParams are the query parameters of a text/plain request, the JSON
// fields but text; a JSON request takes messages only, the rest in its body.
var queryParams = slices.DeleteFunc(slices.Clone(requestFields), func(f string) bool { return f == "text" })

// checkQuery refuses a query parameter the request does not read, as an
// unknown JSON field is: a typo (?titel=) must not pass silently.
func checkQuery(q url.Values, kind string) *httpError {
	names := make([]string, 0, len(q))
	for k := range q {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		switch {
		case !slices.Contains(queryParams, k):
			msg := fmt.Sprintf("unknown query parameter %q", k)
			if near := typo.Nearest(k, queryParams); near != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", near)
			}
			return badRequest("%s; parameters: %s", msg, strings.Join(queryParams, ", "))
		case kind == "json" && k != "messages":
			return badRequest("query parameter %q is read with a text/plain body only: put it in the JSON object", k)
		}
	}
	return nil
}

// requestFields are the JSON fields of auditRequest, from its tags.
var requestFields = func() []string {
	var out []string
	t := reflect.TypeOf(auditRequest{})
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		out = append(out, name)
	}
	return out
}()

// jsonKind names a JSON value kind as encoding/json reports it ("array",
// "number", …) with its article.
func jsonKind(v string) string {
	switch v {
	case "array", "object":
		return "an " + v
	case "":
		return "this value"
	}
	if strings.HasPrefix(v, "number") {
		return "a number"
	}
	return "a " + v
}

// jsonWant names the Go type a field decodes into as JSON.
func jsonWant(goType string) string {
	switch strings.TrimPrefix(goType, "*") {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	}
	return goType
}
