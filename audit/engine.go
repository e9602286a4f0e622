package audit

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"runtime/debug"
	"slices"
	"sort"
	"strings"

	"github.com/mtaudit/mtaudit/audit/lang"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// DefaultRuleConfidence is given to rule findings that set none.
const DefaultRuleConfidence = 0.8

// SemanticPass is an extra source of findings run after the rules, such as
// the LLM pass. It must be safe for concurrent use.
type SemanticPass interface {
	// Check returns findings (Source set, Rule and Category filled) and stats.
	// An error means the pass did not complete for this document.
	Check(ctx context.Context, doc *Document) ([]Finding, *LLMStats, error)
	// Required reports whether a failed pass makes the article an error.
	Required() bool
}

// Engine runs a set of rules over documents. It is safe for concurrent use.
type Engine struct {
	config   *Config
	rules    []*Rule // per-document rules, enabled
	batch    []*Rule // batch rules, enabled
	byID     map[string]*Rule
	semantic SemanticPass
	detect   func(text string) string
	profiles *profile.Registry
	langs    *lang.Detector
	// target is the configured target language's base subtag, or "".
	target string
	// forLang holds, per language some rule names, the rules of e.rules
	// that apply to it (in order), so that each document does not filter
	// them again; any other language gets universal.
	forLang   map[string][]*Rule
	universal []*Rule
}

// Option configures an engine.
type Option func(*Engine)

// WithSemanticPass adds a pass (the LLM) after the rules.
func WithSemanticPass(p SemanticPass) Option { return func(e *Engine) { e.semantic = p } }

// WithProfiles sets the language profiles (default: the built-in ones).
func WithProfiles(r *profile.Registry) Option { return func(e *Engine) { e.profiles = r } }

// WithDetector sets the language detector used when the configuration and
// the document name none; it returns a base subtag, or "" when it cannot
// tell. The default is audit/lang over the engine's profiles, preferring
// their target languages when unsure.
func WithDetector(f func(text string) string) Option { return func(e *Engine) { e.detect = f } }

// NewEngine validates the registry and keeps the rules the configuration enables.
func NewEngine(registry []*Rule, cfg *Config, opts ...Option) (*Engine, error) {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	if err := ValidateRegistry(registry); err != nil {
		return nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.index()
	e := &Engine{config: cfg, byID: map[string]*Rule{}}
	for _, r := range registry {
		e.byID[r.ID] = r
	}
	for _, sel := range append(append([]string{}, cfg.Rules...), cfg.Disable...) {
		if !SelectorKnown(sel, registry) {
			return nil, fmt.Errorf("no rule or category matches %q (see 'mtaudit rules')", sel)
		}
	}
	for _, r := range registry {
		if !cfg.Enabled(r) {
			continue
		}
		if r.RunBatch != nil {
			e.batch = append(e.batch, r)
		} else {
			e.rules = append(e.rules, r)
		}
	}
	for _, o := range opts {
		o(e)
	}
	e.indexRules()
	if e.profiles == nil {
		reg, err := profile.Builtin()
		if err != nil {
			return nil, err
		}
		e.profiles = reg
	}
	e.langs = lang.ForProfiles(e.profiles)
	if e.detect == nil {
		targets := e.profiles.Targets()
		e.detect = func(text string) string { return e.langs.Document(text, targets...) }
	}
	if cfg.Lang != "" {
		p, err := e.targetProfile(cfg.Lang)
		if err != nil {
			return nil, fmt.Errorf("lang: %w", err)
		}
		e.target = p.Lang
	}
	return e, nil
}

// Profiles returns the engine's language profiles.
func (e *Engine) Profiles() *profile.Registry { return e.profiles }

// Config returns the engine's configuration.
func (e *Engine) Config() *Config { return e.config }

// Rule returns a rule of the registry by id.
func (e *Engine) Rule(id string) *Rule { return e.byID[id] }

// Rules returns the enabled per-document and batch rules.
func (e *Engine) Rules() []*Rule { return append(append([]*Rule{}, e.rules...), e.batch...) }

// Audit runs every per-document rule and the semantic pass on doc, then
// merges and scores. Batch rules run in AuditBatch. An article whose
// language cannot be audited is scored without rules (Result.NotAudited);
// one whose input names an unsupported language is an error (Result.Err).
func (e *Engine) Audit(ctx context.Context, doc *Document) *Result {
	res := &Result{Doc: doc}
	why, err := e.Prepare(doc)
	if err != nil || why != "" {
		res.Err, res.NotAudited = err, why
		e.Finish(res)
		return res
	}
	doc.SegmentFor(e.profiles.Lookup(doc.Lang))
	eachWindow(doc, WindowBytes, func(w window) {
		// One pass per window, shared by its rules: only the rule its
		// reports go to changes from one rule to the next.
		rr := &ruleRun{e: e, doc: doc, w: w, res: res}
		shared := newAnalyses()
		pass := newPass(w.doc, e.config, e.profiles, shared, rr.report)
		for _, r := range e.rulesFor(doc.Lang) {
			e.runRule(r, rr, pass)
		}
		e.summarize(w, shared, res)
		shared.release()
	})
	if e.semantic != nil && ctx.Err() == nil {
		fs, st, err := e.semantic.Check(ctx, doc)
		res.Stats.LLM = st
		if err != nil {
			if res.Stats.LLM == nil {
				res.Stats.LLM = &LLMStats{}
			}
			res.Stats.LLM.Failed = true
			res.Stats.LLM.Error = err.Error()
			res.Warnings = append(res.Warnings, "LLM pass failed: "+err.Error())
			if e.semantic.Required() {
				res.Err = fmt.Errorf("LLM pass required but failed: %w", err)
			}
		}
		for _, f := range fs {
			span, ok := SnapSpan(doc.Text, f.Span)
			if !ok || !f.Category.Valid() {
				continue
			}
			f.Span = span
			if e.config.Accepts(doc.Text[f.Start:f.End]) {
				continue
			}
			res.Findings = append(res.Findings, f)
		}
	}
	e.Finish(res)
	return res
}

// indexRules fills forLang and universal from e.rules.
func (e *Engine) indexRules() {
	e.forLang = map[string][]*Rule{}
	for _, r := range e.rules {
		if len(r.Langs) == 0 {
			e.universal = append(e.universal, r)
		}
		for _, l := range r.Langs {
			e.forLang[l] = nil
		}
	}
	for l := range e.forLang {
		for _, r := range e.rules {
			if r.AppliesTo(l) {
				e.forLang[l] = append(e.forLang[l], r)
			}
		}
	}
}

// rulesFor returns the per-document rules that run for a document in lang.
func (e *Engine) rulesFor(lang string) []*Rule {
	if rs, ok := e.forLang[lang]; ok {
		return rs
	}
	return e.universal
}

// runRule runs one rule, turning its diagnostics into findings; a rule that
// panics loses its findings for this document and leaves a warning.
// The rule sees window w of doc; its diagnostics are shifted into doc.
func (e *Engine) runRule(r *Rule, rr *ruleRun, pass *Pass) {
	rr.r, rr.sev = r, e.config.SeverityFor(r)
	defer func() {
		if p := recover(); p != nil {
			rr.res.Warnings = append(rr.res.Warnings, fmt.Sprintf("rule %s failed: %v\n%s", r.ID, p, firstLines(string(debug.Stack()), 12)))
		}
	}()
	r.Run(pass)
}

// ruleRun takes the diagnostics of the rule running on window w of doc.
type ruleRun struct {
	e   *Engine
	r   *Rule
	sev Severity
	doc *Document
	w   window
	res *Result
}

func (rr *ruleRun) report(d Diagnostic) {
	if f, ok := rr.e.finding(rr.r, rr.sev, rr.doc, rr.w.shift(d), rr.res); ok {
		rr.res.Findings = append(rr.res.Findings, f)
	}
}

// finding turns a rule's diagnostic into a finding, or drops it with a
// warning when its span is unusable; see SnapSpan.
func (e *Engine) finding(r *Rule, sev Severity, doc *Document, d Diagnostic, res *Result) (Finding, bool) {
	span, ok := SnapSpan(doc.Text, Span{d.Start, d.End})
	if !ok {
		res.Warnings = append(res.Warnings, fmt.Sprintf("rule %s reported a bad span [%d,%d)", r.ID, d.Start, d.End))
		return Finding{}, false
	}
	d.Start, d.End = span.Start, span.End
	if e.config.Accepts(doc.Text[d.Start:d.End]) {
		return Finding{}, false
	}
	conf := d.Confidence
	if conf <= 0 {
		conf = DefaultRuleConfidence
	}
	var fixes []Fix
	for _, fx := range d.Fixes {
		if err := fx.ValidateFor(doc); err != nil {
			res.Warnings = append(res.Warnings, fmt.Sprintf("rule %s: invalid fix dropped: %v", r.ID, err))
			continue
		}
		fixes = append(fixes, fx)
	}
	return Finding{
		Span: Span{d.Start, d.End}, Rule: r.ID, Category: r.Category, Severity: sev,
		Message: d.Message, Suggestion: d.Suggestion, Source: SourceRule,
		Confidence: math.Min(conf, 1), Fixes: fixes,
	}, true
}

// Finish merges overlapping findings of one category, sorts, and scores.
func (e *Engine) Finish(res *Result) {
	res.Findings = MergeFindings(dropInsideFurniture(res.Findings))
	res.Words = Words(res.Doc.Text[res.Doc.Body:])
	res.Penalty = Penalty(res.Findings, res.Words)
	res.Verdict = e.Verdict(res)
}

// moot lists the categories whose findings inside scraped furniture are
// dropped: the line is to be removed, so its grammar or typography does not
// matter. Meaning errors (a calque, an English word) are kept: an editor who
// keeps the line still needs them.
var moot = map[Category]bool{Grammar: true, Garbled: true, Typography: true}

// dropInsideFurniture removes moot findings wholly inside a scraped finding.
// The furniture is sorted by start with the furthest end reached so far, so
// that each finding is one binary search: a document of many thousands of
// findings is not compared pair by pair.
func dropInsideFurniture(fs []Finding) []Finding {
	var furniture []Span
	for _, f := range fs {
		if f.Category == Scraped {
			furniture = append(furniture, f.Span)
		}
	}
	if len(furniture) == 0 {
		return fs
	}
	sort.Slice(furniture, func(i, j int) bool { return furniture[i].Start < furniture[j].Start })
	reach := make([]int, len(furniture)) // reach[i]: the furthest end among furniture[:i+1]
	for i, s := range furniture {
		reach[i] = s.End
		if i > 0 {
			reach[i] = max(reach[i], reach[i-1])
		}
	}
	out := fs[:0]
	for _, f := range fs {
		if moot[f.Category] {
			// The last furniture starting at or before f; any of those
			// reaching f's end contains f.
			i := sort.Search(len(furniture), func(i int) bool { return furniture[i].Start > f.Start }) - 1
			if i >= 0 && reach[i] >= f.End {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// Penalty is the sum of MQM weights per 100 words, rounded to 2 decimals.
func Penalty(fs []Finding, words int) float64 {
	var sum float64
	for _, f := range fs {
		sum += f.Severity.Weight()
	}
	if words < 1 {
		words = 1
	}
	return math.Round(sum*100/float64(words)*100) / 100
}

// Verdict judges a scored result by the gate; an article not audited for
// its language gets the gate's unsupported_language verdict.
func (e *Engine) Verdict(res *Result) string {
	g := e.config.Gate
	if !res.Audited() {
		return g.UnsupportedVerdict()
	}
	if g.MaxPenalty >= 0 && res.Penalty > g.MaxPenalty {
		return VerdictFail
	}
	if s, ok, _ := g.FailOnSeverity(); ok {
		for _, f := range res.Findings {
			if f.Severity >= s {
				return VerdictFail
			}
		}
	}
	return VerdictPass
}

// MergeFindings joins overlapping findings of one category into one: the
// span covers both, the rule finding's id is kept over an LLM one, the higher
// severity wins, and Sources lists every producer.
func MergeFindings(fs []Finding) []Finding {
	if len(fs) < 2 {
		SortFindings(fs)
		return fs
	}
	// Each category's findings by start, those of one start in their
	// order: one stable sort of their indexes, where a map of groups and
	// a sort of each cost more than the merging.
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := &fs[i], &fs[j]
		if c := cmp.Compare(a.Category, b.Category); c != 0 {
			return c
		}
		return cmp.Compare(a.Start, b.Start)
	})
	out := make([]Finding, 0, len(fs))
	for k := 0; k < len(order); {
		cur := fs[order[k]]
		for k++; k < len(order) && fs[order[k]].Category == cur.Category; k++ {
			f := fs[order[k]]
			if f.Start < cur.End {
				cur = mergeTwo(cur, f)
				continue
			}
			out = append(out, cur)
			cur = f
		}
		out = append(out, cur)
	}
	SortFindings(out)
	return out
}

func mergeTwo(a, b Finding) Finding {
	primary, other := a, b
	// Prefer a rule finding, then the more severe, then the earlier.
	if (primary.Source != SourceRule && other.Source == SourceRule) ||
		(primary.Source == other.Source && other.Severity > primary.Severity) {
		primary, other = other, primary
	}
	m := primary
	if other.Severity > m.Severity {
		m.Severity = other.Severity
	}
	m.Start = min(a.Start, b.Start)
	m.End = max(a.End, b.End)
	if m.Suggestion == "" {
		m.Suggestion = other.Suggestion
	}
	m.Confidence = math.Max(a.Confidence, b.Confidence)
	m.Sources = mergeSources(a, b)
	if m.Start != primary.Start || m.End != primary.End {
		// A fix written for the primary's span still applies: edits are
		// absolute offsets. Keep them; a merged span never invalidates them.
		m.Fixes = primary.Fixes
	}
	return m
}

func mergeSources(a, b Finding) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(append([]string{}, sourcesOf(a)...), sourcesOf(b)...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	if len(out) < 2 {
		return nil
	}
	return out
}

func sourcesOf(f Finding) []string {
	if len(f.Sources) > 0 {
		return f.Sources
	}
	if f.Source == "" {
		return []string{SourceRule}
	}
	return []string{f.Source}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
