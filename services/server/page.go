package server

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/mtaudit/mtaudit/reports"
	"github.com/mtaudit/mtaudit/reports/i18n"
)

//go:embed assets/page.html.tmpl assets/page.css assets/page.js
var pageAssets embed.FS

// pageTemplate is parsed when the page is first built: an audit run never
// serves it.
var pageTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.ParseFS(pageAssets, "assets/page.html.tmpl"))
})

// loadPage reads the page's assets. Its CSP allows exactly its two inline
// scripts and fetches to this origin; the script is the same in every
// language (its words come in data attributes), so one CSP serves all.
func (s *Server) loadPage() error {
	css, err := pageAssets.ReadFile("assets/page.css")
	if err != nil {
		return err
	}
	js, err := pageAssets.ReadFile("assets/page.js")
	if err != nil {
		return err
	}
	s.pageCSS, s.pageJS = css, js
	sum := sha256.Sum256(js)
	s.pageCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; " +
		"script-src " + reports.ReportHTMLAssets().ScriptHash + " 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; " +
		"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
	// Render the default page now: a broken template fails at start-up.
	_, err = s.page(s.catalogs.For(s.opts.Messages, s.opts.Engine.Target()), s.opts.Messages)
	return err
}

// pageKey names one rendering of the page: its language and the messages
// choice it preselects.
type pageKey struct{ lang, messages string }

// page renders the page in a catalog's language, once per language and
// preselected messages choice.
func (s *Server) page(c *i18n.Catalog, messages string) ([]byte, error) {
	key := pageKey{c.Lang(), messages}
	if b, ok := s.pages.Load(key); ok {
		return b.([]byte), nil
	}
	rep := reports.ReportHTMLAssets()
	one, other, oneCounts := c.Plural("count.finding")
	counts := make([]string, len(oneCounts))
	for i, n := range oneCounts {
		counts[i] = strconv.Itoa(n)
	}
	type choice struct{ Code, Name string }
	var langs []choice
	for _, l := range s.langs {
		langs = append(langs, choice{l.Code, c.Term(l.Name)})
	}
	var messageChoices []choice
	for _, l := range s.catalogs.Languages() {
		messageChoices = append(messageChoices, choice{l, s.catalogs.Get(l).Name()})
	}
	data := struct {
		Tool               reports.Tool
		C                  *i18n.Catalog
		ReportCSS, PageCSS template.CSS
		ReportJS, PageJS   template.JS
		Langs              []choice
		FixedLang          string
		Messages           string
		MessageChoices     []choice
		FindingOne         string
		FindingOther       string
		OneCounts          string
		Decimal            string
		LLM, Auth          bool
		MaxBody            int64
	}{
		Tool: s.opts.Tool, C: c, ReportCSS: rep.CSS, PageCSS: template.CSS(s.pageCSS), ReportJS: rep.JS, PageJS: template.JS(s.pageJS),
		Langs: langs, FixedLang: s.opts.Engine.Target(), Messages: messages, MessageChoices: messageChoices,
		FindingOne: one, FindingOther: other, OneCounts: strings.Join(counts, " "),
		Decimal: strings.Trim(c.Number(1.5, 1), "15"),
		LLM:     s.LLMAvailable(), Auth: s.opts.Token != "", MaxBody: s.opts.MaxBody,
	}
	var buf bytes.Buffer
	if err := pageTemplate().Execute(&buf, data); err != nil {
		return nil, err
	}
	b, _ := s.pages.LoadOrStore(key, buf.Bytes())
	return b.([]byte), nil
}

// pageLanguage picks the page's language: ?messages= when it names a
// language, else the server's --messages, else the --lang target, else the
// browser's Accept-Language, else English. The second value is the
// messages choice the page preselects.
func (s *Server) pageLanguage(r *http.Request) (*i18n.Catalog, string) {
	messages := s.opts.Messages
	if q := r.URL.Query().Get("messages"); q != "" {
		if m, err := s.catalogs.Setting(q); err == nil {
			messages = m
		}
	}
	if messages != i18n.Auto {
		return s.catalogs.Get(messages), messages
	}
	if t := s.opts.Engine.Target(); t != "" && s.catalogs.Get(t) != nil {
		return s.catalogs.Get(t), messages
	}
	return s.acceptLanguage(r.Header.Get("Accept-Language")), messages
}

// acceptLanguage returns the catalog that best matches an Accept-Language
// header, English when none does.
func (s *Server) acceptLanguage(header string) *i18n.Catalog {
	prefs, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(prefs) == 0 {
		return s.catalogs.English()
	}
	codes := []string{i18n.English} // first: what the matcher falls back to
	for _, l := range s.catalogs.Languages() {
		if l != i18n.English {
			codes = append(codes, l)
		}
	}
	tags := make([]language.Tag, len(codes))
	for i, c := range codes {
		tags[i] = language.Make(c)
	}
	_, i, conf := language.NewMatcher(tags).Match(prefs...)
	if conf == language.No {
		return s.catalogs.English()
	}
	return s.catalogs.Get(codes[i])
}

func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		notFound(w, r)
		return
	}
	c, messages := s.pageLanguage(r)
	page, err := s.page(c, messages)
	if err != nil {
		s.fail(w, &httpError{http.StatusInternalServerError, "render page: " + err.Error()})
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", s.pageCSP)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", c.Lang())
	h.Set("Vary", "Accept-Language")
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(page)
}
