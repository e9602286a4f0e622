package audit

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/mtaudit/mtaudit/audit/profile"
)

// Example is a text a rule must (Trigger) or must not flag. Examples are
// documentation and tests at once: one test runs every rule on its
// examples, each with the document language set to the example's Lang
// (the base language, "fr"; empty means French).
type Example struct {
	Text    string `yaml:"text" json:"text"`
	Trigger bool   `yaml:"-" json:"trigger"`
	Note    string `yaml:"note,omitempty" json:"note,omitempty"`
	Lang    string `yaml:"lang,omitempty" json:"lang,omitempty"`
}

// Rule is metadata plus a function, in the manner of go/analysis' Analyzer.
// Exactly one of Run (per article) and RunBatch (across a run) is set.
type Rule struct {
	ID       string   // "category.slug", never reused
	Category Category // one of the nine
	Severity Severity // default; configuration may change it
	Title    string   // one line
	Doc      string   // Markdown: what it flags, why, what to do
	Examples []Example
	// Langs restricts the rule to target languages ("fr"); empty means all.
	Langs []string
	// Fixable says the rule attaches safe fixes to (some of) its findings.
	Fixable bool
	// Origin names where the rule is defined ("rules/packs/fr/scraped.yaml:42", or a Go file).
	Origin string

	Run      func(*Pass)
	RunBatch func(*BatchPass)
	// Summarize and Gather, set beside RunBatch, let a batch rule keep no
	// document over a run: see Gatherer (audit/batch.go).
	Summarize func(*Pass) any
	Gather    func(*BatchPass) Gatherer
}

// AppliesTo reports whether the rule runs for a document in lang.
func (r *Rule) AppliesTo(lang string) bool {
	if len(r.Langs) == 0 {
		return true
	}
	for _, l := range r.Langs {
		if l == lang {
			return true
		}
	}
	return false
}

var ruleIDPattern = regexp.MustCompile(`^[a-z]+\.[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$`)

// ValidateRegistry checks the rules at start-up: unique well-formed ids whose
// prefix is the rule's category, a title, documentation, a function, and at
// least one example that must trigger and one that must not.
func ValidateRegistry(rules []*Rule) error {
	seen := map[string]bool{}
	var errs []string
	for _, r := range rules {
		bad := func(format string, args ...any) {
			errs = append(errs, fmt.Sprintf("rule %s: %s", r.ID, fmt.Sprintf(format, args...)))
		}
		if !ruleIDPattern.MatchString(r.ID) {
			bad("id must look like category.slug")
		}
		if seen[r.ID] {
			bad("duplicate id")
		}
		seen[r.ID] = true
		if !r.Category.Valid() {
			bad("unknown category %q", r.Category)
		} else if !strings.HasPrefix(r.ID, string(r.Category)+".") {
			bad("id must start with its category %q", r.Category)
		}
		if r.Severity < Info || r.Severity > Critical {
			bad("bad severity %d", r.Severity)
		}
		if strings.TrimSpace(r.Title) == "" {
			bad("no title")
		}
		if strings.TrimSpace(r.Doc) == "" {
			bad("no documentation")
		}
		if (r.Run == nil) == (r.RunBatch == nil) {
			bad("needs exactly one of Run and RunBatch")
		}
		if (r.Summarize == nil) != (r.Gather == nil) || (r.Summarize != nil && r.RunBatch == nil) {
			bad("Summarize and Gather go together, beside RunBatch")
		}
		var pos, neg int
		for _, e := range r.Examples {
			if e.Trigger {
				pos++
			} else {
				neg++
			}
		}
		if pos == 0 || neg == 0 {
			bad("needs examples that must and must not trigger (has %d and %d)", pos, neg)
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return fmt.Errorf("invalid rule registry:\n  %s", strings.Join(errs, "\n  "))
	}
	return nil
}

// Diagnostic is what a rule reports; the engine turns it into a Finding.
type Diagnostic struct {
	Start, End int
	Message    string
	Suggestion string
	// Confidence in [0,1]; zero means the engine's default for rules.
	Confidence float64
	Fixes      []Fix
}

// Pass is what a rule sees when it runs on one document.
type Pass struct {
	Doc    *Document
	Config *Config
	// Profile is the target language's profile (the article's language);
	// Source is the usual source language's (English), whose traces the
	// untranslated checks look for. The engine never runs a rule without a
	// target profile.
	Profile *profile.Profile
	Source  *profile.Profile
	// Profiles holds every profile of the run, for checks that compare
	// languages.
	Profiles *profile.Registry

	shared *analyses
	report func(Diagnostic)
}

// NewPass builds a pass whose reports go to report, with the built-in
// profile of doc.Lang (French when the document names none). The engine
// uses it; tests may too.
func NewPass(doc *Document, cfg *Config, report func(Diagnostic)) *Pass {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	reg := profile.MustBuiltin()
	return newPass(doc, cfg, reg, &analyses{}, report)
}

// newPass builds a pass over doc sharing the document's analyses.
func newPass(doc *Document, cfg *Config, reg *profile.Registry, shared *analyses, report func(Diagnostic)) *Pass {
	p := reg.Lookup(docLang(doc))
	doc.SegmentFor(p) // a no-op after the engine's Prepare
	return &Pass{Doc: doc, Config: cfg, Profile: p, Source: reg.Lookup(SourceLang),
		Profiles: reg, shared: shared, report: report}
}

// docLang is the language a document is audited in: its own, French when
// it names none.
func docLang(doc *Document) string {
	if doc.Lang == "" {
		return "fr"
	}
	return doc.Lang
}

// SourceLang is the language MT feeds are usually translated from.
const SourceLang = "en"

// Report records a diagnostic.
func (p *Pass) Report(d Diagnostic) { p.report(d) }

// Reportf records a diagnostic over [start, end) with a formatted message.
func (p *Pass) Reportf(start, end int, format string, args ...any) {
	p.report(Diagnostic{Start: start, End: end, Message: fmt.Sprintf(format, args...)})
}

// Accepted reports whether the configuration's accept list covers term.
func (p *Pass) Accepted(term string) bool { return p.Config.Accepts(term) }

// BatchPass is what a batch rule sees: every document of one run.
type BatchPass struct {
	Docs   []*Document
	Config *Config
	// Profiles holds the run's language profiles (the built-in ones unless
	// set): Profile(i) is the profile of Docs[i]'s language.
	Profiles *profile.Registry
	report   func(doc int, d Diagnostic)
}

// NewBatchPass builds a batch pass whose reports go to report, with the
// built-in profiles.
func NewBatchPass(docs []*Document, cfg *Config, report func(doc int, d Diagnostic)) *BatchPass {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	return &BatchPass{Docs: docs, Config: cfg, Profiles: profile.MustBuiltin(), report: report}
}

// Profile returns the profile of Docs[doc]'s language, or nil when the
// run has none for it.
func (p *BatchPass) Profile(doc int) *profile.Profile { return p.Profiles.Lookup(docLang(p.Docs[doc])) }

// Source returns the source language's profile (English).
func (p *BatchPass) Source() *profile.Profile { return p.Profiles.Lookup(SourceLang) }

// Report records a diagnostic against Docs[doc].
func (p *BatchPass) Report(doc int, d Diagnostic) { p.report(doc, d) }
