package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/llm"
)

// Environment variables of the LLM pass. The key is read from the
// environment only: a flag would show in the process list, a config file
// gets committed.
const (
	envLLMBaseURL = "MTAUDIT_LLM_BASE_URL"
	envLLMModel   = "MTAUDIT_LLM_MODEL"
	envLLMAPIKey  = "MTAUDIT_LLM_API_KEY"
	envOpenAIKey  = "OPENAI_API_KEY"
)

// llmFlags are the LLM pass's flags.
type llmFlags struct {
	enabled     bool
	baseURL     string
	model       string
	concurrency int
	timeout     time.Duration
	maxTokens   int
	cache       string
	required    bool
}

func (f *llmFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&f.enabled, "llm", false, "add the LLM pass (any OpenAI-compatible server; see docs/llm.md)")
	fs.StringVar(&f.baseURL, "llm-base-url", "", "OpenAI-compatible API base URL (default $"+envLLMBaseURL+", else "+llm.DefaultBaseURL+")")
	fs.StringVar(&f.model, "llm-model", "", "model name, the deployment name on Azure (default $"+envLLMModel+")")
	fs.IntVar(&f.concurrency, "llm-concurrency", llm.DefaultConcurrency, "LLM requests in flight at once, across all articles")
	fs.DurationVar(&f.timeout, "llm-timeout", llm.DefaultTimeout, "time limit of one LLM request")
	fs.IntVar(&f.maxTokens, "llm-max-tokens", llm.DefaultMaxTokens, "bound on the tokens of each LLM answer")
	fs.StringVar(&f.cache, "llm-cache", "", "directory of the LLM answer cache, or off (default: mtaudit in the user cache directory)")
	fs.BoolVar(&f.required, "llm-required", false, "make an article whose LLM pass fails an error (exit 2) instead of a warning; implies --llm")
}

// apply merges the LLM settings into cfg.LLM: flags over environment over
// the configuration file over defaults.
func (f *llmFlags) apply(fs *pflag.FlagSet, cfg *audit.Config, e *env) error {
	c := &cfg.LLM
	if v := strings.TrimSpace(e.getenv(envLLMBaseURL)); v != "" {
		c.BaseURL = v
	}
	if v := strings.TrimSpace(e.getenv(envLLMModel)); v != "" {
		c.Model = v
	}
	if fs.Changed("llm-base-url") {
		c.BaseURL = f.baseURL
	}
	if fs.Changed("llm-model") {
		c.Model = f.model
	}
	if fs.Changed("llm-concurrency") {
		if f.concurrency < 1 {
			return fmt.Errorf("--llm-concurrency must be at least 1")
		}
		c.Concurrency = f.concurrency
	}
	if fs.Changed("llm-timeout") {
		if f.timeout <= 0 {
			return fmt.Errorf("--llm-timeout must be positive")
		}
		c.Timeout = f.timeout
	}
	if fs.Changed("llm-max-tokens") {
		if f.maxTokens < 1 {
			return fmt.Errorf("--llm-max-tokens must be at least 1")
		}
		c.MaxTokens = f.maxTokens
	}
	if fs.Changed("llm-cache") {
		c.Cache = f.cache
	}
	if fs.Changed("llm-required") {
		c.Required = f.required
	}
	if c.Required {
		// A gate that requires the pass never passes text it did not check.
		c.Enabled = true
	}
	if fs.Changed("llm") {
		c.Enabled = f.enabled
		if !f.enabled {
			c.Required = false
		}
	}
	if c.Concurrency < 0 || c.Timeout < 0 || c.MaxTokens < 0 || c.ChunkTokens < 0 {
		return fmt.Errorf("llm: concurrency, timeout, max_tokens and chunk_tokens cannot be negative")
	}
	return nil
}

// newLLMPass builds the pass from the merged settings.
func newLLMPass(cfg *audit.Config, e *env) (audit.SemanticPass, error) {
	o, err := llmOptions(cfg.LLM, e)
	if err != nil {
		return nil, err
	}
	return llm.New(o)
}

// stderrMu keeps warnings from concurrent audits whole.
var stderrMu sync.Mutex

// llmOptions turns settings and environment into the pass's options.
func llmOptions(c audit.LLMConfig, e *env) (llm.Options, error) {
	o := llm.Options{
		BaseURL: c.BaseURL, Model: c.Model, API: c.API, APIVersion: c.APIVersion,
		Concurrency: c.Concurrency, Timeout: c.Timeout, MaxTokens: c.MaxTokens,
		ChunkTokens: c.ChunkTokens, Retries: c.Retries, ResponseFormat: c.ResponseFormat,
		Required: c.Required,
		Warn: func(s string) {
			stderrMu.Lock()
			defer stderrMu.Unlock()
			fmt.Fprintf(e.stderr, "mtaudit: warning: %s\n", s)
		},
	}
	if o.BaseURL == "" {
		o.BaseURL = llm.DefaultBaseURL
	}
	key, err := llmAPIKey(c, o.BaseURL, e)
	if err != nil {
		return o, err
	}
	o.APIKey = key
	switch dir := strings.TrimSpace(c.Cache); strings.ToLower(dir) {
	case "off", "none", "false", "no":
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			o.Warn(fmt.Sprintf("LLM cache disabled, every chunk is sent: no user cache directory (%v); set --llm-cache DIR", err))
			break
		}
		o.CacheDir = filepath.Join(base, "mtaudit")
	default:
		o.CacheDir = dir
	}
	return o, nil
}

// llmAPIKey finds the key: $MTAUDIT_LLM_API_KEY, else the variable the
// configuration names (llm.api_key_env), else $OPENAI_API_KEY, which is
// only ever sent to OpenAI itself so that an OpenAI key never reaches a
// third-party server.
func llmAPIKey(c audit.LLMConfig, baseURL string, e *env) (string, error) {
	if k := strings.TrimSpace(e.getenv(envLLMAPIKey)); k != "" {
		return k, nil
	}
	if c.APIKeyEnv != "" {
		k := strings.TrimSpace(e.getenv(c.APIKeyEnv))
		if k == "" {
			return "", fmt.Errorf("llm.api_key_env names %s, which is not set", c.APIKeyEnv)
		}
		return k, nil
	}
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() == "api.openai.com" {
		return strings.TrimSpace(e.getenv(envOpenAIKey)), nil
	}
	return "", nil
}
