package audit

import (
	"fmt"
	"sort"
	"sync"

	"github.com/mtaudit/mtaudit/audit/profile"
)

// A batch rule compares the articles of a run. Kept naively, that means
// every document until the run ends: memory growing with the run. A batch
// rule that sets Summarize and Gather keeps no document instead, in the
// manner of a map and a reduce:
//
//   - Summarize runs on each window of each article while it is audited,
//     beside the per-article rules and with their shared analyses, and
//     returns what the rule needs of it (the spellings of names, say);
//   - Gather starts a run's Gatherer, which takes those summaries in input
//     order and keeps only a compact digest of them (Add), decides once
//     every article is in (Finish), and reports an article's findings when
//     asked, from its summaries computed again (Report): only the articles
//     it flags are read twice.
//
// BatchRun drives it for a run that streams its results; AuditBatch and
// GatherDocs for callers that hold the documents.

// Part is what Summarize returned for one window of an article, and where
// that window starts in the article (0 when the article is audited whole).
type Part struct {
	Offset int
	Value  any
}

// Gatherer is one run of a summarising batch rule.
type Gatherer interface {
	// Add takes the summaries of article i: 0, 1, 2… in input order
	// among the articles taking part. lang is the article's language.
	Add(i int, lang string, parts []Part)
	// Finish is called once every article is added.
	Finish()
	// Flagged reports whether article i has findings.
	Flagged(i int) bool
	// Report reports article i's findings, given its summaries again.
	Report(i int, parts []Part, report func(Diagnostic))
}

// GatherDocs runs a summarising batch rule over documents held in memory
// (tests, small runs): its RunBatch.
func GatherDocs(p *BatchPass, summarize func(*Pass) any, gather func(*BatchPass) Gatherer) {
	g := gather(p)
	parts := make([][]Part, len(p.Docs))
	for i, d := range p.Docs {
		parts[i] = summarizeDoc(d, p.Config, p.Profiles, summarize)
		g.Add(i, docLang(d), parts[i])
	}
	g.Finish()
	for i := range p.Docs {
		if g.Flagged(i) {
			g.Report(i, parts[i], func(d Diagnostic) { p.Report(i, d) })
		}
	}
}

// summarizeDoc runs summarize on each window of doc, each with analyses of
// its own.
func summarizeDoc(doc *Document, cfg *Config, reg *profile.Registry, summarize func(*Pass) any) []Part {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	// Windows are cut on the segmentation the engine's audit used.
	doc.SegmentFor(reg.Lookup(docLang(doc)))
	var parts []Part
	eachWindow(doc, WindowBytes, func(w window) {
		pass := newPass(w.doc, cfg, reg, &analyses{}, func(Diagnostic) {})
		parts = append(parts, Part{Offset: w.off, Value: summarize(pass)})
	})
	return parts
}

// summarize runs the summarising batch rules on one window of an audited
// article, keeping their parts in res. A rule that panics leaves a warning
// and no part for the window.
func (e *Engine) summarize(w window, shared *analyses, res *Result) {
	for k, r := range e.batch {
		if r.Summarize == nil {
			continue
		}
		if res.batchParts == nil {
			res.batchParts = make([][]Part, len(e.batch))
		}
		func() {
			defer func() {
				if p := recover(); p != nil {
					res.Warnings = append(res.Warnings, fmt.Sprintf("rule %s failed: %v", r.ID, p))
				}
			}()
			v := r.Summarize(newPass(w.doc, e.config, e.profiles, shared, func(Diagnostic) {}))
			res.batchParts[k] = append(res.batchParts[k], Part{Offset: w.off, Value: v})
		}()
	}
}

// BatchRun runs the engine's batch rules over a run whose results go by one
// at a time: Add each result in input order, Finish, then Apply to each
// result again (the same result or one rebuilt with the same text) to add
// the batch findings. A summarising rule keeps only its digest between Add
// and Apply; a rule without Summarize keeps the documents. Add and Finish
// are called from one goroutine; once Finish has returned, Apply may be
// called from several at once (a Gatherer's Flagged and Report only read).
type BatchRun struct {
	e         *Engine
	gatherers []Gatherer  // per e.batch rule; nil for a rule over documents
	docs      []*Document // for the rules over documents
	n         int
	finished  bool
	// After Finish: the rules over documents' diagnostics by article, and
	// the rules that failed (a warning for every article).
	diags    map[int][]batchDiag
	failedMu sync.Mutex // failed may be set while Apply runs in parallel
	failed   []string
}

type batchDiag struct {
	rule int
	d    Diagnostic
}

// NewBatchRun starts a run of the batch rules; nil when the engine has none.
func (e *Engine) NewBatchRun() *BatchRun {
	if len(e.batch) == 0 {
		return nil
	}
	b := &BatchRun{e: e, gatherers: make([]Gatherer, len(e.batch)), diags: map[int][]batchDiag{}}
	for k, r := range e.batch {
		if r.Summarize != nil && r.Gather != nil {
			b.gatherers[k] = r.Gather(e.batchPass(nil, nil))
		}
	}
	return b
}

func (e *Engine) batchPass(docs []*Document, report func(int, Diagnostic)) *BatchPass {
	bp := NewBatchPass(docs, e.config, report)
	bp.Profiles = e.profiles
	return bp
}

// Add takes the next result of the run and returns its number for Apply,
// or -1 when it takes no part (an error, an article not audited). The
// result's summaries are handed to the rules and dropped from it; a result
// without them (resumed from a stored report) is summarised here.
func (b *BatchRun) Add(res *Result) int {
	if res == nil || res.Err != nil || !res.Audited() || res.Doc == nil {
		return -1
	}
	i := b.n
	b.n++
	for k, r := range b.e.batch {
		g := b.gatherers[k]
		if g == nil {
			b.docs = append(b.docs, res.Doc)
			continue
		}
		var parts []Part
		if res.batchParts != nil {
			parts = res.batchParts[k]
		} else {
			parts = summarizeDoc(res.Doc, b.e.config, b.e.profiles, r.Summarize)
		}
		b.guard(k, func() { g.Add(i, docLang(res.Doc), parts) })
	}
	res.batchParts = nil
	return i
}

// guard runs f, turning a panic into the rule's failure.
func (b *BatchRun) guard(k int, f func()) {
	defer func() {
		if p := recover(); p != nil {
			b.failedMu.Lock()
			defer b.failedMu.Unlock()
			if b.failed == nil {
				b.failed = make([]string, len(b.e.batch))
			}
			if b.failed[k] == "" {
				b.failed[k] = fmt.Sprintf("batch rule %s failed: %v", b.e.batch[k].ID, p)
			}
		}
	}()
	f()
}

// failure is batch rule k's failure, "" while it has not failed.
func (b *BatchRun) failure(k int) string {
	b.failedMu.Lock()
	defer b.failedMu.Unlock()
	if b.failed == nil {
		return ""
	}
	return b.failed[k]
}

// Finish lets the rules decide. A run of fewer than two articles has
// nothing to compare.
func (b *BatchRun) Finish() {
	if b.finished {
		return
	}
	b.finished = true
	if b.n < 2 {
		return
	}
	for k, r := range b.e.batch {
		if g := b.gatherers[k]; g != nil {
			b.guard(k, g.Finish)
			continue
		}
		b.guard(k, func() {
			r.RunBatch(b.e.batchPass(b.docs, func(i int, d Diagnostic) {
				if i >= 0 && i < b.n {
					b.diags[i] = append(b.diags[i], batchDiag{k, d})
				}
			}))
		})
	}
	b.docs = nil
}

// Apply adds article i's batch findings to res, a result on the same text
// as the one added, and scores it again; it reports whether res changed.
func (b *BatchRun) Apply(i int, res *Result) bool {
	if i < 0 || i >= b.n || !b.finished || b.n < 2 {
		return false
	}
	nf, nw := len(res.Findings), len(res.Warnings)
	var parts map[int][]Part // summaries computed again, per rule
	for k, r := range b.e.batch {
		sev := b.e.config.SeverityFor(r)
		add := func(d Diagnostic) {
			if f, ok := b.e.finding(r, sev, res.Doc, d, res); ok {
				res.Findings = append(res.Findings, f)
			}
		}
		if failed := b.failure(k); failed != "" {
			res.Warnings = append(res.Warnings, failed)
			if b.gatherers[k] != nil {
				continue
			}
		}
		if g := b.gatherers[k]; g != nil {
			b.guard(k, func() {
				if !g.Flagged(i) {
					return
				}
				if parts == nil {
					parts = map[int][]Part{}
				}
				parts[k] = summarizeDoc(res.Doc, b.e.config, b.e.profiles, r.Summarize)
				g.Report(i, parts[k], add)
			})
			continue
		}
		for _, bd := range b.diags[i] {
			if bd.rule == k {
				add(bd.d)
			}
		}
	}
	if len(res.Findings) != nf {
		b.e.Finish(res)
	}
	return len(res.Findings) != nf || len(res.Warnings) != nw
}

// AuditBatch runs the batch rules over results already audited, adding their
// findings, and re-scores the results they touch. Only audited articles
// take part: an article in another language has no spelling of names to
// compare.
func (e *Engine) AuditBatch(results []*Result) {
	b := e.NewBatchRun()
	if b == nil {
		return
	}
	idx := make([]int, len(results))
	for k, r := range results {
		idx[k] = b.Add(r)
	}
	b.Finish()
	for k, r := range results {
		b.Apply(idx[k], r)
	}
}

// BatchRuleIDs lists the ids of the engine's batch rules, sorted.
func (e *Engine) BatchRuleIDs() []string {
	var ids []string
	for _, r := range e.batch {
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	return ids
}
