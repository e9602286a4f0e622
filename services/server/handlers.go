package server

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/reports"
)

// requestPath is the article's path in answers: it came from no file.
const requestPath = "-"

func (s *Server) handleHealth(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// handleAudit answers the article object of the JSON contract, verdict
// included, and the verdict again in X-Mtaudit-Verdict for simple gates.
// Messages stay English; asked for a messages language (the request's
// "messages", or the server's --messages), the findings carry the
// translation too (message_localized).
func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) {
	res, req, herr := s.auditRequest(w, r)
	if herr != nil {
		s.fail(w, herr)
		return
	}
	w.Header().Set("X-Mtaudit-Verdict", res.Verdict)
	if req.Messages != "" || s.opts.LocalizeJSON {
		writeJSON(w, http.StatusOK, reports.LocalizedArticle(res, s.messagesFor(req)))
		return
	}
	writeJSON(w, http.StatusOK, reports.Article(res))
}

// messagesFor is the messages setting of a request: its own, else the
// server's.
func (s *Server) messagesFor(req *auditRequest) string {
	if req.Messages != "" {
		return req.Messages
	}
	return s.opts.Messages
}

// handleReport answers the HTML report section of the article, which the
// page inserts; it is rendered by html/template, every text escaped.
func (s *Server) handleReport(w http.ResponseWriter, r *http.Request) {
	res, req, herr := s.auditRequest(w, r)
	if herr != nil {
		s.fail(w, herr)
		return
	}
	var buf bytes.Buffer
	if err := reports.WriteHTMLArticle(&buf, res, reports.Options{Tool: s.opts.Tool, Rules: s.opts.Registry, Messages: s.messagesFor(req), SuppressionKeys: s.suppressions.keys}); err != nil {
		s.fail(w, &httpError{http.StatusInternalServerError, "render report: " + err.Error()})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Mtaudit-Verdict", res.Verdict)
	w.Header().Set("X-Mtaudit-Penalty", strconv.FormatFloat(res.Penalty, 'f', 2, 64))
	w.Header().Set("X-Mtaudit-Findings", strconv.Itoa(len(res.Findings)))
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) fail(w http.ResponseWriter, e *httpError) {
	if e.status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(s.opts.QueueWait/time.Second))))
	}
	writeError(w, e.status, e.msg)
}

// auditRequest takes a slot, reads the request and audits the article.
// A small body (at most LargeBody, as Content-Length declares) is read and
// checked first, so a malformed request is answered at once even when
// every slot is busy; a larger or undeclared one is read only once it holds
// a slot, so requests waiting for one hold no body in memory (and those
// refused with 503 are never read).
func (s *Server) auditRequest(w http.ResponseWriter, r *http.Request) (*audit.Result, *auditRequest, *httpError) {
	if herr := s.checkHeaders(r); herr != nil {
		return nil, nil, herr
	}
	large := r.ContentLength < 0 || r.ContentLength > s.opts.LargeBody
	var req *auditRequest
	var herr *httpError
	if !large {
		if req, herr = s.readRequest(w, r); herr != nil {
			return nil, nil, herr
		}
	}
	release, ok := s.acquire(r.Context(), large)
	if !ok {
		return nil, nil, &httpError{http.StatusServiceUnavailable, "too many audits in progress; retry later"}
	}
	defer release()
	if large {
		if req, herr = s.readRequest(w, r); herr != nil {
			return nil, nil, herr
		}
	}
	eng, herr := s.engineFor(req)
	if herr != nil {
		return nil, nil, herr
	}
	if limit := (audit.ReadOptions{MaxArticleBytes: eng.Config().MaxArticleBytes}).ArticleLimit(); limit >= 0 && len(*req.Text) > limit {
		return nil, nil, &httpError{http.StatusRequestEntityTooLarge, (&audit.TooLargeError{What: "article", Size: int64(len(*req.Text)), Limit: int64(limit)}).Error()}
	}
	doc, err := requestDocument(req)
	if err != nil {
		return nil, nil, &httpError{http.StatusUnprocessableEntity, "article text cannot be audited: " + err.Error()}
	}
	if req.Title != "" || req.Format == "" {
		doc.Title = req.Title // else the HTML page's own title stays
	}
	doc.Lang, doc.ID, doc.URL = req.Lang, req.ID, req.URL
	res := s.audit(r.Context(), eng, doc)
	if res.Err != nil {
		return nil, nil, &httpError{http.StatusBadGateway, res.Err.Error()}
	}
	s.suppressions.apply(res)
	return res, req, nil
}

// engineFor picks the engine a request asks for: the LLM pass when the
// server has one, unless the request says "llm": false — which a server
// started with the pass required overrides: its gate never passes text
// the pass did not check.
func (s *Server) engineFor(req *auditRequest) (*audit.Engine, *httpError) {
	if fixed := s.opts.Engine.Target(); fixed != "" && req.Lang != "" && req.Lang != fixed {
		return nil, badRequest("this server audits %s articles only (started with --lang %s)", fixed, s.opts.Engine.Config().Lang)
	}
	wantLLM := s.opts.LLMEngine != nil
	if req.LLM != nil {
		wantLLM = *req.LLM
	}
	if s.opts.LLMEngine != nil && s.opts.LLMEngine.Config().LLM.Required {
		wantLLM = true
	}
	if !wantLLM {
		return s.opts.Engine, nil
	}
	if s.opts.LLMEngine == nil {
		return nil, badRequest("the LLM pass is not configured on this server")
	}
	return s.opts.LLMEngine, nil
}

// acquire takes an audit slot, waiting at most QueueWait in all. A large
// request first takes one of the large slots, so that large bodies (slow
// to audit) never hold more than half of the slots and ordinary articles
// are still answered while they run.
func (s *Server) acquire(ctx context.Context, large bool) (release func(), ok bool) {
	defer s.waitingForSlot()()
	var timeout <-chan time.Time
	if s.opts.QueueWait > 0 {
		t := time.NewTimer(s.opts.QueueWait)
		defer t.Stop()
		timeout = t.C
	}
	take := func(slots chan struct{}) bool {
		select {
		case slots <- struct{}{}:
			return true
		default:
		}
		if timeout == nil {
			return false
		}
		select {
		case slots <- struct{}{}:
			return true
		case <-timeout:
			return false
		case <-ctx.Done():
			return false
		}
	}
	if large {
		if !take(s.large) {
			return nil, false
		}
		if !take(s.slots) {
			<-s.large
			return nil, false
		}
		return func() { <-s.slots; <-s.large }, true
	}
	if !take(s.slots) {
		return nil, false
	}
	return func() { <-s.slots }, true
}

// ruleJSON describes one rule in GET /v1/rules.
type ruleJSON struct {
	ID              string          `json:"id"`
	Category        string          `json:"category"`
	Severity        string          `json:"severity"`
	DefaultSeverity string          `json:"default_severity"`
	Title           string          `json:"title"`
	Doc             string          `json:"doc"`
	Langs           []string        `json:"langs,omitempty"`
	Fixable         bool            `json:"fixable,omitempty"`
	Batch           bool            `json:"batch,omitempty"`
	Enabled         bool            `json:"enabled"`
	Examples        []audit.Example `json:"examples,omitempty"`
}

func (s *Server) handleRules(w http.ResponseWriter, _ *http.Request) {
	cfg := s.opts.Engine.Config()
	out := struct {
		Tool  reports.Tool `json:"tool"`
		LLM   bool         `json:"llm"`
		Rules []ruleJSON   `json:"rules"`
	}{Tool: s.opts.Tool, LLM: s.LLMAvailable(), Rules: []ruleJSON{}}
	for _, r := range s.opts.Registry {
		out.Rules = append(out.Rules, ruleJSON{
			ID: r.ID, Category: string(r.Category), Severity: cfg.SeverityFor(r).String(),
			DefaultSeverity: r.Severity.String(), Title: r.Title, Doc: r.Doc, Langs: r.Langs,
			Fixable: r.Fixable, Batch: r.RunBatch != nil, Enabled: s.enabled[r.ID], Examples: r.Examples,
		})
	}
	writeJSON(w, http.StatusOK, out)
}
