package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/reports/i18n"
)

// The LanguageTool HTTP API (v2), so that LanguageTool's clients — the
// browser add-on, editor plugins, client libraries — can use mtaudit as
// their server: point them at http://host:port/v2. POST /v2/check audits
// with the same slots, limits and status codes as /v1/audit and answers
// in LanguageTool's JSON; errors are LanguageTool's plain text "Error: …".
// GET /v2/languages lists the target languages.

// registerLanguageTool adds the /v2/ routes to mux.
func (s *Server) registerLanguageTool(mux *http.ServeMux) {
	mux.Handle("/v2/check", allow(http.MethodPost, http.HandlerFunc(s.handleLTCheck)))
	mux.Handle("/v2/languages", allow(http.MethodGet, http.HandlerFunc(s.handleLTLanguages)))
	mux.Handle("/v2/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ltError(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
	}))
}

// ltError answers as LanguageTool does: plain text starting "Error: ".
func ltError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, "Error: "+msg)
}

func (s *Server) ltFail(w http.ResponseWriter, e *httpError) {
	if e.status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(s.opts.QueueWait.Seconds()))))
	}
	if e.status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="mtaudit"`)
	}
	ltError(w, e.status, e.msg)
}

// ltAuthorized checks the server's token, when it has one, in the
// Authorization header or, since LanguageTool's clients send credentials
// as parameters, in apiKey.
func (s *Server) ltAuthorized(r *http.Request, params url.Values) bool {
	if s.opts.Token == "" {
		return true
	}
	tok, ok := bearer(r.Header.Get("Authorization"))
	if !ok {
		tok = params.Get("apiKey")
	}
	if tok == "" {
		return false
	}
	sum := sha256.Sum256([]byte(tok))
	return subtle.ConstantTimeCompare(sum[:], s.tokenHash[:]) == 1
}

func (s *Server) handleLTLanguages(w http.ResponseWriter, r *http.Request) {
	if !s.ltAuthorized(r, r.URL.Query()) {
		s.ltFail(w, &httpError{http.StatusUnauthorized, "missing or wrong token (Authorization: Bearer, or apiKey)"})
		return
	}
	out := []ltLanguageEntry{}
	for _, l := range s.langs {
		out = append(out, ltLanguageEntry{Name: l.Name, Code: l.Code, LongCode: l.Code})
	}
	writeJSON(w, http.StatusOK, out)
}

// ltRequest is a /v2/check request once read.
type ltRequest struct {
	params url.Values
	text   *ltText
	// lang is the base subtag to audit ("" to detect); given is the code
	// the client gave, echoed in the answer.
	lang, given string
	filter      ltFilter
	// llm asks for the LLM pass (parameter llm=true). LanguageTool's
	// clients check as one types, so /v2 runs the rules alone unless asked
	// (or unless the server requires the pass).
	llm bool
}

// ltForm reads the parameters: the query's, then a form body's
// (application/x-www-form-urlencoded, LanguageTool's usual), which win.
// The body is bounded by MaxBody.
func (s *Server) ltForm(w http.ResponseWriter, r *http.Request) (url.Values, *httpError) {
	params := r.URL.Query()
	body, herr := s.readBody(w, r)
	if herr != nil {
		return nil, herr
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, badRequest("malformed form body: %v", err)
	}
	for k, v := range form {
		params[k] = v
	}
	return params, nil
}

// ltContentType accepts a form body, or none.
func ltContentType(r *http.Request) *httpError {
	ct := strings.TrimSpace(r.Header.Get("Content-Type"))
	if ct == "" {
		return nil
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return &httpError{http.StatusUnsupportedMediaType, "unreadable Content-Type: " + ct}
	}
	if mt != "application/x-www-form-urlencoded" {
		return &httpError{http.StatusUnsupportedMediaType, "Content-Type " + mt + " not supported: send application/x-www-form-urlencoded"}
	}
	if cs := strings.ToLower(params["charset"]); cs != "" && cs != "utf-8" && cs != "utf8" && cs != "us-ascii" {
		return &httpError{http.StatusUnsupportedMediaType, "charset " + cs + " not supported: send UTF-8"}
	}
	return nil
}

// readLT reads and checks a /v2/check request.
func (s *Server) readLT(w http.ResponseWriter, r *http.Request) (*ltRequest, *httpError) {
	params, herr := s.ltForm(w, r)
	if herr != nil {
		return nil, herr
	}
	if !s.ltAuthorized(r, params) {
		return nil, &httpError{http.StatusUnauthorized, "missing or wrong token (Authorization: Bearer, or apiKey)"}
	}
	req := &ltRequest{params: params}
	text, data := params.Get("text"), params.Get("data")
	switch {
	case params.Has("text") && params.Has("data"):
		return nil, badRequest("Set only 'text' or 'data' parameter, not both")
	case params.Has("text"):
		if !utf8.ValidString(text) {
			return nil, &httpError{http.StatusUnprocessableEntity, "'text' is not UTF-8 text"}
		}
		req.text = newPlainLTText(text)
	case params.Has("data"):
		if !utf8.ValidString(data) {
			return nil, &httpError{http.StatusUnprocessableEntity, "'data' is not UTF-8 text"}
		}
		t, err := parseLTData(data)
		if err != nil {
			return nil, badRequest("%v", err)
		}
		req.text = t
	default:
		return nil, badRequest("Missing 'text' or 'data' parameter")
	}
	req.given = strings.TrimSpace(params.Get("language"))
	switch {
	case req.given == "":
		return nil, badRequest("Missing 'language' parameter, e.g. 'language=fr-FR' or 'language=auto'")
	case strings.EqualFold(req.given, "auto"):
		req.given = ""
	default:
		base, err := s.opts.Engine.ResolveLang(req.given)
		if err != nil {
			return nil, badRequest("'%s' is not a language code known to LanguageTool. Supported language codes are: %s.",
				req.given, strings.Join(s.opts.Engine.Targets(), ", "))
		}
		req.lang = base
	}
	f, err := parseLTFilter(params)
	if err != nil {
		return nil, badRequest("%v", err)
	}
	req.filter = f
	if v := params.Get("llm"); v != "" {
		if req.llm, err = strconv.ParseBool(v); err != nil {
			return nil, badRequest("'llm' must be true or false, not %q", v)
		}
	}
	return req, nil
}

// handleLTCheck audits like /v1/audit: a small body is read and checked
// before the request waits for a slot, a large one only once it holds one.
func (s *Server) handleLTCheck(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > s.opts.MaxBody {
		s.ltFail(w, s.tooLarge())
		return
	}
	if herr := ltContentType(r); herr != nil {
		s.ltFail(w, herr)
		return
	}
	large := r.ContentLength < 0 || r.ContentLength > s.opts.LargeBody
	var req *ltRequest
	var herr *httpError
	if large && !s.ltAuthorized(r, r.URL.Query()) {
		// Only an authorized client may wait for a slot with a large body.
		s.ltFail(w, &httpError{http.StatusUnauthorized, "missing or wrong token: send a large text with Authorization: Bearer"})
		return
	}
	if !large {
		if req, herr = s.readLT(w, r); herr != nil {
			s.ltFail(w, herr)
			return
		}
	}
	release, ok := s.acquire(r.Context(), large)
	if !ok {
		s.ltFail(w, &httpError{http.StatusServiceUnavailable, "too many audits in progress; retry later"})
		return
	}
	defer release()
	if large {
		if req, herr = s.readLT(w, r); herr != nil {
			s.ltFail(w, herr)
			return
		}
	}
	ans, herr := s.ltCheck(r, req)
	if herr != nil {
		s.ltFail(w, herr)
		return
	}
	writeJSON(w, http.StatusOK, ans)
}

// ltCheck audits the request's text and builds the answer.
func (s *Server) ltCheck(r *http.Request, req *ltRequest) (*ltCheckAnswer, *httpError) {
	eng, herr := s.engineFor(&auditRequest{Lang: req.lang, LLM: &req.llm})
	if herr != nil {
		return nil, herr
	}
	plain := req.text.plain
	if limit := (audit.ReadOptions{MaxArticleBytes: eng.Config().MaxArticleBytes}).ArticleLimit(); limit >= 0 && len(plain) > limit {
		return nil, &httpError{http.StatusRequestEntityTooLarge, (&audit.TooLargeError{What: "article", Size: int64(len(plain)), Limit: int64(limit)}).Error()}
	}
	ans := &ltCheckAnswer{
		Software: ltSoftware{Name: "mtaudit", Version: s.opts.Tool.Version, APIVersion: 1, Status: ""},
		Matches:  []ltMatch{}, SentenceRanges: [][2]int{},
	}
	if strings.TrimSpace(plain) == "" {
		// LanguageTool answers an empty text with no matches.
		ans.Language = s.ltLanguage(req, req.lang, req.lang != "")
		return ans, nil
	}
	doc, err := audit.NewDocument(requestPath, []byte(plain))
	if err != nil {
		return nil, &httpError{http.StatusUnprocessableEntity, "text cannot be audited: " + err.Error()}
	}
	doc.Lang = req.lang
	res := s.audit(r.Context(), eng, doc)
	if res.Err != nil {
		return nil, &httpError{http.StatusBadGateway, res.Err.Error()}
	}
	ans.Language = s.ltLanguage(req, res.Doc.Lang, res.Doc.LangGiven)
	if !res.Audited() {
		ans.Warnings = ltWarnings{IncompleteResults: true, IncompleteResultsReason: res.NotAudited}
		return ans, nil
	}
	if len(res.Warnings) > 0 {
		ans.Warnings = ltWarnings{IncompleteResults: true, IncompleteResultsReason: strings.Join(res.Warnings, "; ")}
	}
	cat := i18n.For(s.opts.Messages, res.Doc.Lang)
	for _, f := range res.Findings {
		if !req.filter.keep(f) {
			continue
		}
		ans.Matches = append(ans.Matches, s.ltMatchOf(req.text, res.Doc, f, cat))
	}
	for _, sen := range res.Doc.Sentences {
		from, to := req.text.span(sen.Start, sen.End)
		ans.SentenceRanges = append(ans.SentenceRanges, [2]int{from, to})
	}
	return ans, nil
}

// ltLanguage is the answer's language: the one given (as the client spelt
// it), else the detected one, which is also detectedLanguage.
func (s *Server) ltLanguage(req *ltRequest, base string, given bool) ltLanguage {
	name := func(code string) string {
		if code == "" {
			return "Unknown"
		}
		return s.opts.Engine.LanguageName(code)
	}
	code := base
	if code == "" {
		code = "zz" // LanguageTool's code for "no language detected"
	}
	l := ltLanguage{Name: name(base), Code: code,
		DetectedLanguage: ltDetectedLanguage{Name: name(base), Code: code, Confidence: 1, Source: "mtaudit"}}
	if given {
		if req.given != "" {
			l.Code = req.given
		}
		l.DetectedLanguage.Source = "given"
	} else if base == "" {
		l.DetectedLanguage.Confidence = 0
	}
	return l
}

// ltFilter is enabledRules, disabledRules, enabledCategories,
// disabledCategories and enabledOnly. Rules and categories are mtaudit's
// ids (untranslated.inline-english, TYPOGRAPHY or typography).
type ltFilter struct {
	enabledRules, disabledRules map[string]bool
	enabledCats, disabledCats   map[string]bool
	only                        bool
}

func splitIDs(v string, fold bool) map[string]bool {
	out := map[string]bool{}
	for _, id := range strings.Split(v, ",") {
		id = strings.TrimSpace(id)
		if fold {
			id = strings.ToLower(id)
		}
		if id != "" {
			out[id] = true
		}
	}
	return out
}

func parseLTFilter(p url.Values) (ltFilter, error) {
	f := ltFilter{
		enabledRules: splitIDs(p.Get("enabledRules"), false), disabledRules: splitIDs(p.Get("disabledRules"), false),
		enabledCats: splitIDs(p.Get("enabledCategories"), true), disabledCats: splitIDs(p.Get("disabledCategories"), true),
	}
	if v := p.Get("enabledOnly"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return f, fmt.Errorf("'enabledOnly' must be true or false, not %q", v)
		}
		f.only = b
	}
	if f.only && len(f.enabledRules) == 0 && len(f.enabledCats) == 0 {
		return f, errors.New("You cannot use 'enabledOnly' without 'enabledRules' or 'enabledCategories'")
	}
	if f.only && (len(f.disabledRules) > 0 || len(f.disabledCats) > 0) {
		return f, errors.New("You cannot use 'disabledRules' or 'disabledCategories' with 'enabledOnly'")
	}
	return f, nil
}

// keep says whether a finding passes the filter. The engine runs its
// rules as configured; enabling a rule the server runs without does not
// add it.
func (f ltFilter) keep(x audit.Finding) bool {
	cat := string(x.Category)
	if f.only {
		return f.enabledRules[x.Rule] || f.enabledCats[cat]
	}
	return !f.disabledRules[x.Rule] && !f.disabledCats[cat]
}
