package main

import (
	"errors"

	"github.com/spf13/pflag"

	"github.com/mtaudit/mtaudit/audit"
)

// llmFlags are the LLM pass's flags. (Filled in by the LLM pass work.)
type llmFlags struct {
	enabled bool
}

func (f *llmFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&f.enabled, "llm", false, "add the LLM pass (any OpenAI-compatible server)")
}

// apply copies set flags and environment into cfg.LLM.
func (f *llmFlags) apply(fs *pflag.FlagSet, cfg *audit.Config, e *env) error {
	if fs.Changed("llm") {
		cfg.LLM.Enabled = f.enabled
	}
	return nil
}

func newLLMPass(cfg *audit.Config, e *env) (audit.SemanticPass, error) {
	return nil, errors.New("the LLM pass is not built yet")
}
