// Package server is the HTTP face of mtaudit (`mtaudit serve`): a page where
// an editor pastes an article and sees the highlighted report, and a small
// JSON API a CMS calls before publishing. It reads no flags and writes to no
// stream but the logger it is given; cmd/mtaudit builds it.
package server

import (
	"crypto/sha256"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"sync"
	"time"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/reports"
	"github.com/mtaudit/mtaudit/reports/i18n"
)

// Defaults for Options left zero.
const (
	DefaultMaxBody   = 1 << 20 // bytes
	DefaultQueueWait = 2 * time.Second
	// DefaultLargeBody is far above a news article's text (tens of
	// kilobytes), JSON escapes included.
	DefaultLargeBody = 64 << 10
)

// Options configure a Server.
type Options struct {
	// Engine audits with the rules alone.
	Engine *audit.Engine
	// LLMEngine, when set, audits with the rules and the LLM pass; requests
	// use it unless they ask "llm": false.
	LLMEngine *audit.Engine
	// Registry is every rule, for GET /v1/rules and the reports' rule titles.
	Registry []*audit.Rule
	Tool     reports.Tool

	// MaxBody bounds a request body in bytes (413 past it).
	MaxBody int64
	// MaxConcurrent bounds the audits running at once; a request waits up to
	// QueueWait for a slot, then gets 503 with Retry-After.
	MaxConcurrent int
	QueueWait     time.Duration
	// LargeBody is the body size (bytes) past which a request counts as
	// large: it is read only once it holds a slot, and large requests hold
	// at most half of the slots (at least one).
	LargeBody int64
	// Token, when not empty, is the bearer token /v1/ requests must carry.
	Token string
	// Logger receives one line per request; nil discards.
	Logger *slog.Logger

	// Messages is the default language of findings' messages and report
	// labels: "" or "auto" for each article's own, or a catalog's language
	// (reports/i18n); a request's "messages" overrides it. It is also the
	// page's language when it names one.
	Messages string
	// LocalizeJSON adds the translated messages to every /v1/audit answer
	// (message_localized), not only to requests that give "messages".
	LocalizeJSON bool
	// Suppressions, when set, is the suppressions file (audit/suppress)
	// the page's Dismiss buttons add to (/v1/suppressions) and every audit
	// honours; a missing file starts empty.
	Suppressions string
}

// Server answers the page and the API. It is safe for concurrent use.
type Server struct {
	opts      Options
	handler   http.Handler
	log       *slog.Logger
	slots     chan struct{}
	large     chan struct{} // held with a slot by a large request
	tokenHash [sha256.Size]byte
	enabled   map[string]bool
	langs     []pageLanguage
	pages     sync.Map // pageKey → rendered page
	pageJS    []byte
	pageCSS   []byte
	pageCSP   string
	catalogs  *i18n.Registry
	// suppressions is nil when the server keeps none.
	suppressions *suppressionStore
	metrics      *serverMetrics
}

// New checks the options and builds the server's handler.
func New(o Options) (*Server, error) {
	if o.Engine == nil {
		return nil, errors.New("server: no engine")
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = max(4, 2*runtime.GOMAXPROCS(0))
	}
	if o.QueueWait < 0 {
		o.QueueWait = 0
	}
	if o.LargeBody <= 0 {
		o.LargeBody = DefaultLargeBody
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	catalogs, err := i18n.Builtin()
	if err != nil {
		return nil, err
	}
	if o.Messages, err = catalogs.Setting(o.Messages); err != nil {
		return nil, err
	}
	s := &Server{
		opts: o, log: o.Logger, slots: make(chan struct{}, o.MaxConcurrent), large: make(chan struct{}, max(1, o.MaxConcurrent/2)),
		enabled: map[string]bool{}, langs: targetLanguages(o.Engine), catalogs: catalogs,
	}
	if o.Token != "" {
		s.tokenHash = sha256.Sum256([]byte(o.Token))
	}
	for _, r := range o.Engine.Rules() {
		s.enabled[r.ID] = true
	}
	if s.suppressions, err = openSuppressions(o.Suppressions, o.Engine); err != nil {
		return nil, err
	}
	if err := s.loadPage(); err != nil {
		return nil, err
	}

	// Methods are checked by the handlers (allow) so that every error,
	// 404 and 405 included, is a JSON object.
	mux := http.NewServeMux()
	mux.Handle("/", allow(http.MethodGet, http.HandlerFunc(s.handlePage)))
	mux.Handle("/healthz", allow(http.MethodGet, http.HandlerFunc(s.handleHealth)))
	mux.Handle("/v1/rules", s.requireToken(allow(http.MethodGet, http.HandlerFunc(s.handleRules))))
	mux.Handle("/v1/audit", s.requireToken(allow(http.MethodPost, http.HandlerFunc(s.handleAudit))))
	mux.Handle("/v1/report", s.requireToken(allow(http.MethodPost, http.HandlerFunc(s.handleReport))))
	mux.Handle("/v1/suppressions", s.requireToken(http.HandlerFunc(s.handleSuppressions)))
	mux.Handle("/v1/", s.requireToken(http.HandlerFunc(notFound)))
	s.registerLanguageTool(mux)
	s.registerMetrics(mux)
	s.handler = s.logRequests(s.recoverPanics(securityHeaders(mux)))
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// LLMAvailable reports whether requests may ask for the LLM pass.
func (s *Server) LLMAvailable() bool { return s.opts.LLMEngine != nil }

// pageLanguage is one choice of the page's language list.
type pageLanguage struct{ Code, Name string }

// targetLanguages lists the languages the engine audits, for the page's
// language choice.
func targetLanguages(e *audit.Engine) []pageLanguage {
	var out []pageLanguage
	for _, l := range e.Targets() {
		out = append(out, pageLanguage{Code: l, Name: e.LanguageName(l)})
	}
	return out
}
