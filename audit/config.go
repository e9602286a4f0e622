package audit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/mtaudit/mtaudit/audit/profile"
	"github.com/mtaudit/mtaudit/audit/typo"
)

// Config is what a user may set in .mtaudit.yaml (and flags override).
type Config struct {
	// Lang is the target language, a BCP 47 tag ("fr", "fr-FR", "pt_BR"
	// select the base language's profile); empty means detect. A target
	// given here is checked: an article mostly in another language fails
	// (untranslated.wrong-language).
	Lang string `yaml:"lang"`
	// Severity overrides severities by rule id or by category.
	Severity map[string]Severity `yaml:"severity"`
	// Rules, when not empty, keeps only these rules (ids or categories).
	Rules []string `yaml:"rules"`
	// Disable turns rules off (ids or categories).
	Disable []string `yaml:"disable"`
	Gate    Gate     `yaml:"gate"`
	// Glossary lists canonical spellings of names ("Ingrid Hallberg"): a name
	// rule prefers them to the majority spelling.
	Glossary []string `yaml:"glossary"`
	// Accept lists terms never flagged (brands, house style), matched
	// case-insensitively against a finding's quote or any word in it.
	Accept []string `yaml:"accept"`
	// Boilerplate adds page-furniture phrases per source site; the key "*"
	// applies to every article.
	Boilerplate map[string][]string `yaml:"boilerplate"`
	LLM         LLMConfig           `yaml:"llm"`
	// MaxArticleBytes bounds the text of one article read from a file or
	// standard input (an error entry past it); 0 means
	// DefaultMaxArticleBytes, negative no limit.
	MaxArticleBytes int `yaml:"max_article_bytes"`
	// Suppressions is a suppressions file (audit/suppress) whose findings
	// audits leave out; a relative path is relative to the config file.
	Suppressions string `yaml:"suppressions"`

	accept map[string]bool
	// penaltySet: someone gave gate.max_penalty (file or flag), which
	// fail_on: never then leaves in force.
	penaltySet bool
}

// Gate decides an article's verdict.
type Gate struct {
	// FailOn fails an article with any finding at least this severe:
	// critical, major, minor, info or never. Never turns the gate off: the
	// penalty limit too, unless max_penalty is given (SettleGate).
	FailOn string `yaml:"fail_on"`
	// MaxPenalty fails an article whose penalty exceeds it; negative disables.
	MaxPenalty float64 `yaml:"max_penalty"`
	// UnsupportedLanguage is the verdict of an article that was not audited
	// because its detected language has no target profile (or none could be
	// detected): fail (the default) or pass.
	UnsupportedLanguage string `yaml:"unsupported_language"`
}

// LLMConfig configures the optional semantic pass (audit/llm).
type LLMConfig struct {
	Enabled     bool          `yaml:"enabled"`
	BaseURL     string        `yaml:"base_url"`
	Model       string        `yaml:"model"`
	Concurrency int           `yaml:"concurrency"`
	Timeout     time.Duration `yaml:"timeout"`
	MaxTokens   int           `yaml:"max_tokens"`
	Cache       string        `yaml:"cache"`
	Required    bool          `yaml:"required"`
	// ChunkTokens bounds the article text sent in one request.
	ChunkTokens int `yaml:"chunk_tokens"`
	// APIKeyEnv names the environment variable holding the key; the key
	// itself never lives in a config file.
	APIKeyEnv string `yaml:"api_key_env"`
	// API is "openai" (any OpenAI-compatible server, the default) or
	// "azure" (Azure OpenAI deployments; Model names the deployment).
	API string `yaml:"api"`
	// APIVersion is Azure OpenAI's api-version query parameter.
	APIVersion string `yaml:"api_version"`
	// ResponseFormat forces the JSON mode: auto (default: json_schema, then
	// json_object, then none, as the server accepts), json_schema,
	// json_object or none.
	ResponseFormat string `yaml:"response_format"`
	// Retries bounds the attempts per request after the first (default 3).
	Retries int `yaml:"retries"`
}

// Default gate: any critical finding, or more than 5 penalty points per 100 words.
const (
	DefaultFailOn     = "critical"
	DefaultMaxPenalty = 5.0
)

// DefaultConfig is the configuration with nothing set.
func DefaultConfig() *Config {
	c := &Config{Gate: Gate{FailOn: DefaultFailOn, MaxPenalty: DefaultMaxPenalty}}
	c.index()
	return c
}

func (c *Config) index() {
	c.accept = map[string]bool{}
	for _, a := range c.Accept {
		c.accept[strings.ToLower(strings.TrimSpace(a))] = true
	}
}

// Accepts reports whether term, trimmed of brackets, quotes and punctuation,
// is on the accept list (case-insensitively). Rules that flag longer spans
// check the words they care about themselves.
func (c *Config) Accepts(term string) bool {
	if c == nil || len(c.Accept) == 0 {
		return false
	}
	if c.accept == nil {
		c.index()
	}
	t := strings.ToLower(strings.Trim(term, " \t[]()«»\"'“”’.,;:!?"))
	return c.accept[t]
}

// SeverityFor returns the configured severity of a rule: by id, then by
// category, then the rule's default.
func (c *Config) SeverityFor(r *Rule) Severity {
	if s, ok := c.Severity[r.ID]; ok {
		return s
	}
	if s, ok := c.Severity[string(r.Category)]; ok {
		return s
	}
	return r.Severity
}

// MatchSelector reports whether sel names a rule: its id, its category, or
// a prefix of its id ending in "*" ("scraped.*"). Every list of rules a user
// writes (rules, disable, fix --only) is matched by it.
func MatchSelector(sel, rule string, cat Category) bool {
	sel = strings.TrimSpace(sel)
	if sel == "" {
		return false
	}
	if prefix, ok := strings.CutSuffix(sel, "*"); ok {
		return strings.HasPrefix(rule, prefix)
	}
	return sel == rule || sel == string(cat)
}

// SelectorKnown reports whether sel names a category or matches a rule of rules.
func SelectorKnown(sel string, rules []*Rule) bool {
	if Category(strings.TrimSpace(sel)).Valid() {
		return true
	}
	for _, r := range rules {
		if MatchSelector(sel, r.ID, r.Category) {
			return true
		}
	}
	return false
}

// Enabled reports whether the configuration keeps rule r.
func (c *Config) Enabled(r *Rule) bool {
	match := func(sel string) bool { return MatchSelector(sel, r.ID, r.Category) }
	if len(c.Rules) > 0 && !slices.ContainsFunc(c.Rules, match) {
		return false
	}
	return !slices.ContainsFunc(c.Disable, match)
}

// FailOnSeverity returns the gate's severity threshold; ok is false for "never".
func (g Gate) FailOnSeverity() (s Severity, ok bool, err error) {
	switch strings.ToLower(strings.TrimSpace(g.FailOn)) {
	case "never", "none", "":
		return Info, false, nil
	}
	s, err = ParseSeverity(g.FailOn)
	if err != nil {
		return Info, false, fmt.Errorf("unknown severity %q (want critical, major, minor, info or never)", g.FailOn)
	}
	return s, true, nil
}

// Never reports whether fail_on is "never".
func (g Gate) Never() bool {
	_, ok, err := g.FailOnSeverity()
	return !ok && err == nil
}

// SetMaxPenalty sets the penalty limit as given by a user (a flag), which
// fail_on: never then leaves in force.
func (c *Config) SetMaxPenalty(v float64) {
	c.Gate.MaxPenalty = v
	c.penaltySet = true
}

// SettleGate makes fail_on: never turn the whole gate off: the penalty
// limit too, unless one was given (gate.max_penalty or a flag), so that
// "never fail" means it and "never on severity, but above N points" can
// still be said. Call it after every override.
func (c *Config) SettleGate() {
	switch {
	case c.penaltySet:
	case c.Gate.Never():
		c.Gate.MaxPenalty = -1
	default:
		c.Gate.MaxPenalty = DefaultMaxPenalty
	}
}

// Validate checks values that YAML decoding cannot.
func (c *Config) Validate() error {
	if _, _, err := c.Gate.FailOnSeverity(); err != nil {
		return fmt.Errorf("gate.fail_on: %w", err)
	}
	if c.Lang != "" {
		// Support depends on the engine's profiles; the tag's form does not.
		if _, err := profile.Base(c.Lang); err != nil {
			return fmt.Errorf("lang: %w (supported: %s)", err, strings.Join(builtinTargets(), ", "))
		}
	}
	switch strings.ToLower(strings.TrimSpace(c.Gate.UnsupportedLanguage)) {
	case "", VerdictFail, VerdictPass:
	default:
		return fmt.Errorf("gate.unsupported_language: %q is neither fail nor pass", c.Gate.UnsupportedLanguage)
	}
	for k := range c.Severity {
		if !strings.Contains(k, ".") && !Category(k).Valid() {
			return fmt.Errorf("severity: %q is neither a rule id nor a category", k)
		}
	}
	return nil
}

// UnsupportedVerdict is the verdict of an article not audited for its language.
func (g Gate) UnsupportedVerdict() string {
	if strings.EqualFold(strings.TrimSpace(g.UnsupportedLanguage), VerdictPass) {
		return VerdictPass
	}
	return VerdictFail
}

func builtinTargets() []string {
	reg, err := profile.Builtin()
	if err != nil {
		return nil
	}
	return reg.Targets()
}

// LoadConfig reads a YAML configuration strictly: unknown keys are errors
// that name the file and line.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return ParseConfig(path, data)
}

// ParseConfig decodes YAML configuration data; name is used in errors.
func ParseConfig(name string, data []byte) (*Config, error) {
	c := DefaultConfig()
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s", YAMLError(name, err))
	}
	// Unknown keys first, in the user's words: "unknown key "disabel" (did
	// you mean "disable"?)", never the decoder's Go type names.
	if errs := unknownKeys(name, &root, reflect.TypeOf(*c), ""); len(errs) > 0 {
		return nil, errors.New(strings.Join(errs, "\n"))
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s", YAMLError(name, err))
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	c.penaltySet = hasKey(&root, "gate", "max_penalty")
	c.SettleGate()
	c.index()
	return c, nil
}

var (
	yamlLine     = regexp.MustCompile(`line (\d+): `)
	yamlMismatch = regexp.MustCompile("cannot unmarshal !!(\\w+)(?: `([^`]*)`)? into (\\S+)")
)

// yamlKinds and goKinds name YAML node kinds and Go types in plain words.
var (
	yamlKinds = map[string]string{"str": "text", "int": "a number", "float": "a number", "bool": "true/false",
		"seq": "a list", "map": "a mapping", "null": "nothing", "timestamp": "a date"}
	goKinds = map[string]string{"string": "text", "float64": "a number", "int": "a whole number", "bool": "true or false",
		"[]string": "a list", "time.Duration": "a duration such as 30s or 2m"}
)

// plainMismatch rewrites "cannot unmarshal !!str `x` into float64" as
// "text "x" where a number is expected".
func plainMismatch(m string) string {
	return yamlMismatch.ReplaceAllStringFunc(m, func(s string) string {
		g := yamlMismatch.FindStringSubmatch(s)
		got, want := yamlKinds[g[1]], goKinds[g[3]]
		if got == "" {
			got = g[1]
		}
		if want == "" {
			want = "a mapping of keys"
			if strings.HasPrefix(g[3], "[]") {
				want = "a list"
			}
		}
		if g[2] != "" {
			return fmt.Sprintf("%s %q where %s is expected", got, g[2], want)
		}
		return fmt.Sprintf("%s where %s is expected", got, want)
	})
}

// YAMLError renders a yaml.v3 error as "name:line: message" lines.
func YAMLError(name string, err error) string {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	var out []string
	for _, m := range msgs {
		m = plainMismatch(strings.TrimPrefix(m, "yaml: "))
		if loc := yamlLine.FindStringSubmatchIndex(m); loc != nil {
			out = append(out, fmt.Sprintf("%s:%s: %s", name, m[loc[2]:loc[3]], m[:loc[0]]+m[loc[1]:]))
		} else {
			out = append(out, fmt.Sprintf("%s: %s", name, m))
		}
	}
	return strings.Join(out, "\n")
}

// unknownKeys walks a YAML document along the configuration's type and
// returns one "name:line: unknown key …" message per key that no field's
// yaml tag names, with the nearest allowed key when it looks like a typo.
// Maps (severity, boilerplate) take any key; their values are walked.
func unknownKeys(name string, n *yaml.Node, t reflect.Type, prefix string) []string {
	for n.Kind == yaml.DocumentNode || n.Kind == yaml.AliasNode {
		if n.Kind == yaml.AliasNode {
			n = n.Alias
		} else if len(n.Content) > 0 {
			n = n.Content[0]
		} else {
			return nil
		}
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var out []string
	switch {
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode && t != reflect.TypeOf(time.Duration(0)):
		fields := map[string]reflect.Type{}
		for i := range t.NumField() {
			f := t.Field(i)
			tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if f.IsExported() && tag != "" && tag != "-" {
				fields[tag] = f.Type
			}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			ft, ok := fields[k.Value]
			if !ok {
				msg := fmt.Sprintf("%s:%d: unknown key %q", name, k.Line, prefix+k.Value)
				if near := typo.NearestKey(k.Value, fields); near != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", prefix+near)
				}
				out = append(out, msg)
				continue
			}
			out = append(out, unknownKeys(name, n.Content[i+1], ft, prefix+k.Value+".")...)
		}
	case t.Kind() == reflect.Map && n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			out = append(out, unknownKeys(name, n.Content[i+1], t.Elem(), prefix+n.Content[i].Value+".")...)
		}
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for _, e := range n.Content {
			out = append(out, unknownKeys(name, e, t.Elem(), prefix)...)
		}
	}
	return out
}

// hasKey reports whether the YAML document sets the key at path.
func hasKey(n *yaml.Node, path ...string) bool {
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return false
		}
		n = n.Content[0]
	}
	if len(path) == 0 {
		return true
	}
	if n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == path[0] {
			return hasKey(n.Content[i+1], path[1:]...)
		}
	}
	return false
}
