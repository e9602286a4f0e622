package audit

import (
	"fmt"
	"strings"

	"github.com/mtaudit/mtaudit/audit/profile"
)

// Prepare resolves the document's target language: the configuration's,
// else the document's own (a JSONL field, an API parameter), else the
// detector's. A given language is a BCP 47 tag ("fr-CA" selects "fr");
// one without a target profile is an error. A detected language without
// one is no error but makes the article unaudited: notAudited says why.
func (e *Engine) Prepare(doc *Document) (notAudited string, err error) {
	switch {
	case e.target != "":
		doc.Lang, doc.LangGiven = e.target, true
		return "", nil
	case doc.Lang != "":
		p, err := e.targetProfile(doc.Lang)
		if err != nil {
			return "", fmt.Errorf("lang: %w", err)
		}
		doc.Lang, doc.LangGiven = p.Lang, true
		return "", nil
	}
	doc.LangGiven = false
	doc.Lang = e.detect(doc.Text[doc.Body:])
	// The list of supported languages is only for the reasons below.
	supported := func() string { return strings.Join(e.profiles.Targets(), ", ") }
	switch p := e.profiles.Lookup(doc.Lang); {
	case doc.Lang == "":
		return fmt.Sprintf("language not detected: give the target language to audit it; supported: %s", supported()), nil
	case p == nil:
		return fmt.Sprintf("no profile for %s; supported: %s", e.LanguageLabel(doc.Lang), supported()), nil
	case !p.Target:
		return fmt.Sprintf("%s is a source language, not a target; supported: %s", e.LanguageLabel(doc.Lang), supported()), nil
	}
	return "", nil
}

// targetProfile returns the target profile a BCP 47 tag selects. Every
// error is a *profile.UnsupportedError: permanent, naming the supported
// languages (a source-only profile, English, is unsupported as a target).
func (e *Engine) targetProfile(tag string) (*profile.Profile, error) {
	p, err := e.profiles.Get(tag)
	if err != nil {
		return nil, err
	}
	if !p.Target {
		return nil, &profile.UnsupportedError{Tag: tag, Supported: e.profiles.Targets()}
	}
	return p, nil
}

// LanguageName is a language's English name ("Dutch"): its profile's, else
// the detector's, else the code.
func (e *Engine) LanguageName(code string) string { return e.langs.Name(code) }

// LanguageLabel is "Dutch (nl)".
func (e *Engine) LanguageLabel(code string) string {
	return fmt.Sprintf("%s (%s)", e.LanguageName(code), code)
}

// ResolveLang returns the base subtag of the target profile a BCP 47 tag
// selects ("fr-CA" gives "fr"), or an error naming the supported languages;
// for callers that check a language before they audit (the HTTP API).
func (e *Engine) ResolveLang(tag string) (string, error) {
	p, err := e.targetProfile(tag)
	if err != nil {
		return "", err
	}
	return p.Lang, nil
}

// Target is the configured target language's base subtag, or "" when the
// engine detects each article's language.
func (e *Engine) Target() string { return e.target }

// Targets lists the languages the engine audits, sorted.
func (e *Engine) Targets() []string { return e.profiles.Targets() }
