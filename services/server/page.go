package server

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"html/template"
	"net/http"

	"github.com/mtaudit/mtaudit/reports"
)

//go:embed assets/page.html.tmpl assets/page.css assets/page.js
var pageAssets embed.FS

var pageTemplate = template.Must(template.ParseFS(pageAssets, "assets/page.html.tmpl"))

// renderPage renders the page once: it depends on the options alone. Its
// CSP allows exactly its two inline scripts and fetches to this origin.
func (s *Server) renderPage() error {
	css, err := pageAssets.ReadFile("assets/page.css")
	if err != nil {
		return err
	}
	js, err := pageAssets.ReadFile("assets/page.js")
	if err != nil {
		return err
	}
	rep := reports.ReportHTMLAssets()
	data := struct {
		Tool               reports.Tool
		ReportCSS, PageCSS template.CSS
		ReportJS, PageJS   template.JS
		Langs              []pageLanguage
		FixedLang          string
		LLM, Auth          bool
		MaxBody            int64
	}{
		Tool: s.opts.Tool, ReportCSS: rep.CSS, PageCSS: template.CSS(css), ReportJS: rep.JS, PageJS: template.JS(js),
		Langs: s.langs, FixedLang: s.opts.Engine.Target(), LLM: s.LLMAvailable(), Auth: s.opts.Token != "",
		MaxBody: s.opts.MaxBody,
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, data); err != nil {
		return err
	}
	s.page = buf.Bytes()
	sum := sha256.Sum256(js)
	s.pageCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; " +
		"script-src " + rep.ScriptHash + " 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; " +
		"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
	return nil
}

func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", s.pageCSP)
	h.Set("Content-Type", "text/html; charset=utf-8")
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(s.page)
}
