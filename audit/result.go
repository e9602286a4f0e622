package audit

// Verdicts of the gate.
const (
	VerdictPass = "pass"
	VerdictFail = "fail"
)

// Result is one audited article: its findings merged per category, scored,
// and judged by the gate.
type Result struct {
	Doc      *Document
	Findings []Finding
	Words    int
	Penalty  float64
	Verdict  string
	Stats    Stats
	// Warnings are problems that did not stop the audit (a failed LLM pass,
	// a rule that broke on this text); they are shown in every report.
	Warnings []string
	// Err, when set, makes the article an error: for example the LLM pass
	// failed and the configuration requires it, or the input named a
	// language mtaudit cannot audit.
	Err error
	// NotAudited, when set, says why no rule ran: the article's detected
	// language has no target profile, or none could be detected. Its
	// verdict is the gate's unsupported_language (fail by default).
	NotAudited string
	// Suppressed are the findings a baseline or an editor's dismissal took
	// out (audit/suppress). They travel with the result, so that filtering
	// it again (after a batch rule added findings, or read back from a
	// batch's spool) counts them for the occurrences and takes out nothing
	// new by mistake. No report prints them.
	Suppressed []Finding

	// batchParts are the summarising batch rules' summaries of the
	// article, per engine batch rule, until a BatchRun takes them.
	batchParts [][]Part
}

// Audited reports whether the rules ran on the article.
func (r *Result) Audited() bool { return r.NotAudited == "" }

// Stats holds counts beyond the findings.
type Stats struct {
	LLM *LLMStats `json:"llm,omitempty"`
}

// LLMStats is the cost and outcome of the semantic pass for one article or a batch.
type LLMStats struct {
	Chunks           int `json:"chunks"`
	Requests         int `json:"requests"`
	CacheHits        int `json:"cache_hits"`
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	Findings         int `json:"findings"`
	Unanchored       int `json:"unanchored"`
	// Invalid counts answer items dropped for an unknown category or
	// severity, or no quote.
	Invalid int    `json:"invalid"`
	Failed  bool   `json:"failed,omitempty"`
	Error   string `json:"error,omitempty"`
}

// Add accumulates o into s.
func (s *LLMStats) Add(o *LLMStats) {
	if o == nil {
		return
	}
	s.Chunks += o.Chunks
	s.Requests += o.Requests
	s.CacheHits += o.CacheHits
	s.PromptTokens += o.PromptTokens
	s.CompletionTokens += o.CompletionTokens
	s.Findings += o.Findings
	s.Unanchored += o.Unanchored
	s.Invalid += o.Invalid
	if o.Failed {
		s.Failed = true
	}
}

// CountBySeverity counts findings per severity.
func (r *Result) CountBySeverity() map[Severity]int {
	m := map[Severity]int{}
	for _, f := range r.Findings {
		m[f.Severity]++
	}
	return m
}

// CountByCategory counts findings per category.
func (r *Result) CountByCategory() map[Category]int {
	m := map[Category]int{}
	for _, f := range r.Findings {
		m[f.Category]++
	}
	return m
}
