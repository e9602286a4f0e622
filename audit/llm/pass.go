// Package llm is mtaudit's optional semantic pass: it asks any server that
// speaks the OpenAI chat completions API (OpenAI, Azure OpenAI, vLLM,
// llama.cpp's server, Ollama) for the findings rules cannot see, following
// the wire contract of shared/spec/llm.md.
//
// An article is cut into chunks of whole paragraphs under a token budget,
// each sent with its neighbouring text as read-only context, between marker
// lines carrying a random identifier so that the article cannot pose as
// instructions. Each answer's quotes are placed back into the article
// (exactly, or fuzzily within a small edit distance); a quote that cannot be
// placed is dropped and counted. Answers are cached per chunk in a bbolt
// file, so re-auditing an unchanged article sends nothing. One Pass serves a
// whole process: its limiter bounds the requests in flight across every
// article and chunk audited concurrently.
package llm

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/mtaudit/mtaudit/audit"
)

// DefaultBaseURL is OpenAI's API.
const DefaultBaseURL = "https://api.openai.com/v1"

// Defaults for Options left zero.
const (
	DefaultConcurrency      = 4
	DefaultTimeout          = 120 * time.Second
	DefaultMaxTokens        = 2048
	DefaultChunkTokens      = 1000
	DefaultRetries          = 3
	DefaultAzureAPIVersion  = "2024-10-21"
	DefaultCacheLockTimeout = time.Second
)

// Confidence given to LLM findings: a model's word is weaker than a rule's,
// and a quote placed fuzzily weaker still.
const (
	confidenceExact = 0.6
	confidenceFuzzy = 0.45
)

// Options configure a Pass. Zero values take the defaults above.
type Options struct {
	BaseURL string // default DefaultBaseURL
	APIKey  string // may be empty for local servers
	Model   string // required; the deployment name on Azure
	// API is "openai" (any OpenAI-compatible server) or "azure"; empty
	// picks azure for *.openai.azure.com hosts.
	API        string
	APIVersion string // Azure's api-version

	Concurrency int           // requests in flight across the process
	Timeout     time.Duration // per request
	MaxTokens   int           // bound on each answer
	Retries     int           // attempts after the first; negative means none
	// ResponseFormat is auto, json_schema, json_object or none.
	ResponseFormat string

	ChunkTokens   int // article text per request (estimated tokens)
	ContextTokens int // read-only context on each side (default ChunkTokens/4)

	// CacheDir holds the answer cache; empty means no cache.
	CacheDir         string
	CacheLockTimeout time.Duration

	// Required makes a failed pass an error for the article.
	Required bool

	// HTTPClient sends the requests (default: a client tuned to
	// Concurrency connections).
	HTTPClient *http.Client
	// Warn receives warnings that concern the whole run (cache trouble).
	Warn func(string)
	// OnRetry, when set, hears of each retry before its wait.
	OnRetry func(attempt int, wait time.Duration, err error)

	// Backoff: the first retry waits about RetryBaseDelay, doubling up to
	// RetryMaxDelay; a Retry-After longer than MaxRetryAfter fails the call.
	RetryBaseDelay, RetryMaxDelay, MaxRetryAfter time.Duration
	// Sleep waits between attempts (tests replace it; default a timer).
	Sleep func(ctx context.Context, d time.Duration) error
}

// Pass is the LLM pass. It is safe for concurrent use.
type Pass struct {
	client        *client
	cache         *cache
	model         string
	keyScope      string // base URL and API type: part of the cache key
	chunkTokens   int
	contextTokens int
	maxTokens     int
	required      bool
	redact        *redactor
}

var _ audit.SemanticPass = (*Pass)(nil)

// New checks the options and builds the pass. It fails on settings that
// cannot work (no model, a bad URL); cache trouble only warns.
func New(o Options) (*Pass, error) {
	if strings.TrimSpace(o.Model) == "" {
		return nil, errors.New("LLM pass: no model (set --llm-model, MTAUDIT_LLM_MODEL or llm.model in the configuration)")
	}
	if o.BaseURL == "" {
		o.BaseURL = DefaultBaseURL
	}
	u, err := url.Parse(o.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("LLM pass: base URL %q is not an http(s) URL", redactURL(o.BaseURL))
	}
	if o.BaseURL == DefaultBaseURL && o.APIKey == "" {
		return nil, errors.New("LLM pass: no API key for OpenAI (set MTAUDIT_LLM_API_KEY or OPENAI_API_KEY)")
	}
	format, auto, err := ParseFormat(o.ResponseFormat)
	if err != nil {
		return nil, fmt.Errorf("LLM pass: %w", err)
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxTokens <= 0 {
		o.MaxTokens = DefaultMaxTokens
	}
	if o.ChunkTokens <= 0 {
		o.ChunkTokens = DefaultChunkTokens
	}
	if o.ContextTokens <= 0 {
		o.ContextTokens = o.ChunkTokens / 4
	}
	switch {
	case o.Retries < 0:
		o.Retries = 0
	case o.Retries == 0:
		o.Retries = DefaultRetries
	}
	if o.RetryBaseDelay <= 0 {
		o.RetryBaseDelay = time.Second
	}
	if o.RetryMaxDelay <= 0 {
		o.RetryMaxDelay = 30 * time.Second
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = 2 * time.Minute
	}
	if o.Sleep == nil {
		o.Sleep = sleepCtx
	}
	if o.CacheLockTimeout <= 0 {
		o.CacheLockTimeout = DefaultCacheLockTimeout
	}
	if o.HTTPClient == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = o.Concurrency
		o.HTTPClient = &http.Client{Transport: tr}
	}

	api := strings.ToLower(strings.TrimSpace(o.API))
	if api == "" && (strings.HasSuffix(u.Hostname(), ".openai.azure.com") || strings.HasSuffix(u.Hostname(), ".cognitiveservices.azure.com")) {
		api = "azure"
	}
	var cfg openai.ClientConfig
	switch api {
	case "", "openai":
		api = "openai"
		cfg = openai.DefaultConfig(o.APIKey)
		cfg.BaseURL = strings.TrimRight(o.BaseURL, "/")
	case "azure":
		cfg = openai.DefaultAzureConfig(o.APIKey, strings.TrimRight(o.BaseURL, "/"))
		cfg.APIVersion = DefaultAzureAPIVersion
		if o.APIVersion != "" {
			cfg.APIVersion = o.APIVersion
		}
		cfg.AzureModelMapperFunc = func(m string) string { return m } // the model is the deployment
	default:
		return nil, fmt.Errorf("LLM pass: api %q: want openai or azure", o.API)
	}
	cfg.HTTPClient = recordingDoer{base: o.HTTPClient, limit: maxAnswerBytes(o.MaxTokens)}

	red := newRedactor(o.APIKey)
	c := &client{
		api: openai.NewClientWithConfig(cfg), model: o.Model, maxTokens: o.MaxTokens,
		timeout: o.Timeout, attempts: o.Retries + 1,
		baseDelay: o.RetryBaseDelay, maxDelay: o.RetryMaxDelay, maxRetryAfter: o.MaxRetryAfter,
		limit: NewLimiter(o.Concurrency), auto: auto, redact: red, sleep: o.Sleep, onRetry: o.OnRetry,
	}
	c.format.Store(int32(format))
	p := &Pass{
		client: c, model: o.Model, keyScope: api + " " + redactURL(o.BaseURL),
		chunkTokens: o.ChunkTokens, contextTokens: o.ContextTokens, maxTokens: o.MaxTokens,
		required: o.Required, redact: red,
	}
	if o.CacheDir != "" {
		warn := o.Warn
		p.cache = openCache(o.CacheDir, o.CacheLockTimeout, func(s string) {
			if warn != nil {
				warn(red.String(s))
			}
		})
		p.cache.maxEntry = 2 * maxAnswerBytes(o.MaxTokens)
	}
	return p, nil
}

// Required reports whether a failed pass makes the article an error.
func (p *Pass) Required() bool { return p.required }

// Format is the response format the pass now asks for: the strictest the
// server has accepted.
func (p *Pass) Format() Format { return Format(p.client.format.Load()) }

// Close releases the cache file. Call it after the last Check.
func (p *Pass) Close() error { return p.cache.close() }

// chunkResult is one chunk's outcome.
type chunkResult struct {
	items            []Item
	invalid          int
	requests, hits   int
	prompt, complete int
	err              error
}

// Check audits doc: every chunk concurrently (the limiter bounds the
// requests), then anchors the quotes. When some chunks fail, the findings
// of the others are returned with an error saying which failed and why.
func (p *Pass) Check(ctx context.Context, doc *audit.Document) ([]audit.Finding, *audit.LLMStats, error) {
	st := &audit.LLMStats{}
	chunks := chunkDocument(doc, p.chunkTokens, p.contextTokens)
	st.Chunks = len(chunks)
	sys := systemPrompt(doc.Lang)
	results := make([]chunkResult, len(chunks))
	var wg sync.WaitGroup
	for i := range chunks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = p.checkChunk(ctx, doc, sys, chunks[i])
		}()
	}
	wg.Wait()

	var findings []audit.Finding
	var firstErr error
	failed := 0
	for i, r := range results {
		c := chunks[i]
		st.Requests += r.requests
		st.CacheHits += r.hits
		st.PromptTokens += r.prompt
		st.CompletionTokens += r.complete
		st.Invalid += r.invalid
		if r.err != nil {
			failed++
			if firstErr == nil {
				firstErr = fmt.Errorf("chunk %d (line %d): %w", i+1, lineOf(doc.Text, c.Span.Start), r.err)
			}
			continue
		}
		text := doc.Text[c.Span.Start:c.Span.End]
		for _, it := range r.items {
			s, e, kind := anchor(text, it.Quote)
			if kind == unanchored {
				st.Unanchored++
				continue
			}
			findings = append(findings, p.finding(c.Span.Start+s, c.Span.Start+e, kind, it, text[s:e]))
		}
	}
	st.Findings = len(findings)
	if failed > 0 {
		if errors.Is(firstErr, context.Canceled) || errors.Is(firstErr, context.DeadlineExceeded) {
			firstErr = fmt.Errorf("interrupted: %w", ctx.Err())
		}
		return findings, st, fmt.Errorf("%d of %d chunks failed; %s", failed, len(chunks), p.redact.String(firstErr.Error()))
	}
	return findings, st, nil
}

func (p *Pass) finding(start, end int, kind anchorKind, it Item, quoted string) audit.Finding {
	msg := it.Explanation
	if msg == "" {
		msg = fmt.Sprintf("The LLM pass flags this as %s.", it.Category)
	}
	sugg := it.Suggestion
	if sugg == quoted || strings.EqualFold(sugg, "null") {
		sugg = ""
	}
	conf := confidenceExact
	if kind == anchoredFuzzy {
		conf = confidenceFuzzy
	}
	return audit.Finding{
		Span: audit.Span{Start: start, End: end}, Rule: "llm." + string(it.Category),
		Category: it.Category, Severity: it.Severity, Message: msg, Suggestion: sugg,
		Source: audit.SourceLLM, Confidence: conf,
	}
}

// checkChunk answers one chunk from the cache, else from the server.
func (p *Pass) checkChunk(ctx context.Context, doc *audit.Document, sys string, c chunk) chunkResult {
	text := doc.Text[c.Span.Start:c.Span.End]
	key := cacheKey(PromptVersion, p.keyScope, p.model, sys, c.Before, text, c.After)
	if a, ok := p.cache.get(key); ok {
		return chunkResult{items: a.Items, invalid: a.Invalid, hits: 1}
	}
	nonce := newNonce(text, c.Before, c.After)
	user := userMessage(chunkMessage{Lang: doc.Lang, Before: c.Before, After: c.After, Chunk: text}, nonce)
	var cs callStats
	rep, err := p.client.complete(ctx, sys, user, &cs)
	r := chunkResult{requests: cs.Requests, prompt: rep.PromptTokens, complete: rep.CompletionTokens}
	if err != nil {
		r.err = err
		return r
	}
	items, invalid, err := ParseAnswer(rep.Content)
	if err != nil {
		if rep.Finish == string(openai.FinishReasonLength) {
			err = fmt.Errorf("%w; the answer reached the token limit (%d): raise --llm-max-tokens", err, p.maxTokens)
		}
		r.err = err
		return r
	}
	// A quote much longer than the chunk cannot be placed in it.
	kept := items[:0]
	for _, it := range items {
		if len(it.Quote) > 2*len(text)+64 {
			invalid++
			continue
		}
		kept = append(kept, it)
	}
	r.items, r.invalid = kept, invalid
	p.cache.put(key, cachedAnswer{Items: kept, Invalid: invalid})
	return r
}

func lineOf(text string, off int) int { return strings.Count(text[:off], "\n") + 1 }
