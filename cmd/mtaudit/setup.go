package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/rules"
)

// DefaultConfigFile is read from the working directory when present.
const DefaultConfigFile = ".mtaudit.yaml"

// engineFlags are the flags every auditing command shares.
type engineFlags struct {
	config     string
	lang       string
	failOn     string
	maxPenalty float64
	rules      []string
	disable    []string
	maxArticle int
	llm        llmFlags
	// loaded is the configuration file loadConfig read ("" for none).
	loaded string
}

func (f *engineFlags) register(fs *pflag.FlagSet) {
	f.registerRules(fs)
	fs.StringVar(&f.failOn, "fail-on", "", "fail an article with a finding at least this severe: critical, major, minor, info, or never (no gate: the penalty limit too, unless --max-penalty is given) (default "+audit.DefaultFailOn+")")
	fs.Float64Var(&f.maxPenalty, "max-penalty", 0, fmt.Sprintf("fail an article whose penalty (MQM points per 100 words) exceeds N; negative disables (default %g)", audit.DefaultMaxPenalty))
	f.llm.register(fs)
}

// registerRules registers what chooses the rules and reads the articles,
// without the gate or the LLM pass: all that fix, which neither gates
// nor runs the LLM pass, takes.
func (f *engineFlags) registerRules(fs *pflag.FlagSet) {
	fs.StringVar(&f.config, "config", "", "configuration file (default: the nearest "+DefaultConfigFile+" in the working directory or its parents, up to the repository root)")
	fs.StringVar(&f.lang, "lang", "", "target language of the articles, a BCP 47 tag (fr, fr-FR, pt_BR); an article mostly in another language then fails. Default: detected; an article in a language without a profile is not audited and fails (gate.unsupported_language)")
	fs.StringSliceVar(&f.rules, "rules", nil, "run only these rules (ids, categories, or prefixes ending in *)")
	fs.StringSliceVar(&f.disable, "disable", nil, "turn off these rules (ids, categories, or prefixes ending in *)")
	fs.IntVar(&f.maxArticle, "max-article-bytes", audit.DefaultMaxArticleBytes, "refuse (as an error entry) an article whose text is longer than N bytes; -1 for no limit")
}

// loadConfig reads the configuration file and applies flag overrides.
func (f *engineFlags) loadConfig(fs *pflag.FlagSet, e *env) (*audit.Config, error) {
	cfg := audit.DefaultConfig()
	path, err := f.configPath()
	if err != nil {
		return nil, err
	}
	f.loaded = path
	if path != "" {
		c, err := audit.LoadConfig(path)
		if err != nil {
			return nil, err
		}
		cfg = c
	}
	if fs.Changed("lang") {
		cfg.Lang = strings.TrimSpace(f.lang)
	}
	if fs.Changed("fail-on") {
		if _, _, err := (audit.Gate{FailOn: f.failOn}).FailOnSeverity(); err != nil {
			return nil, fmt.Errorf("--fail-on: %w", err)
		}
		cfg.Gate.FailOn = f.failOn
	}
	if fs.Changed("max-penalty") {
		cfg.SetMaxPenalty(f.maxPenalty)
	}
	cfg.SettleGate()
	if fs.Changed("rules") {
		cfg.Rules = f.rules
	}
	if fs.Changed("disable") {
		cfg.Disable = append(cfg.Disable, f.disable...)
	}
	if fs.Changed("max-article-bytes") {
		if f.maxArticle == 0 {
			return nil, errors.New("--max-article-bytes must be positive, or -1 for no limit")
		}
		cfg.MaxArticleBytes = f.maxArticle
	}
	if err := f.llm.apply(fs, cfg, e); err != nil {
		return nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return cfg, nil
}

var fs_ErrNotExist = fs.ErrNotExist

// newEngine builds the engine from the registry and configuration, with the
// LLM pass when the configuration enables it.
func newEngine(cfg *audit.Config, e *env) (*audit.Engine, error) {
	// Loading the rules and profiles allocates megabytes that all stay
	// live: a collection meanwhile marks them for nothing (a quarter of a
	// short run's start-up).
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	registry, err := rules.All()
	if err != nil {
		return nil, err
	}
	// The engine detects languages with audit/lang over its profiles.
	var opts []audit.Option
	if cfg.LLM.Enabled {
		p, err := newLLMPass(cfg, e)
		if err != nil {
			return nil, err
		}
		opts = append(opts, audit.WithSemanticPass(p))
	}
	return audit.NewEngine(registry, cfg, opts...)
}

// readOptions are how the auditing commands read their inputs; stdinFormat
// has been checked by stdinExt.
func readOptions(cfg *audit.Config, e *env, stdinFormat string) audit.ReadOptions {
	ext, _ := stdinExt(stdinFormat)
	return audit.ReadOptions{Stdin: e.stdin, StdinExt: ext, MaxArticleBytes: cfg.MaxArticleBytes}
}

// stdinFormats lists what --stdin-format accepts, as the README writes
// them: "txt, md, html, …" (the readers' extensions without the dot).
func stdinFormats() []string {
	var out []string
	for _, ext := range audit.ReaderExts() {
		out = append(out, strings.TrimPrefix(ext, "."))
	}
	return out
}

// stdinExt checks a --stdin-format value ("html", ".html", "HTML") and
// returns the reader's extension; a format no reader has (docx, pdf) is a
// usage error naming the accepted ones, never plain text silently.
func stdinExt(format string) (string, error) {
	f := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(format), "."))
	if slices.Contains(stdinFormats(), f) {
		return "." + f, nil
	}
	return "", fmt.Errorf("--stdin-format %q is not a format mtaudit reads; use one of: %s", format, strings.Join(stdinFormats(), ", "))
}

// notifyStop returns a context cancelled by the first SIGINT or SIGTERM,
// which asks the run to stop cleanly. After it the signals take their
// default action again, so a second Ctrl-C ends the process at once.
func notifyStop(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(parent, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx, stop
}
