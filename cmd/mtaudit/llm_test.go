package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/llm"
	"github.com/mtaudit/mtaudit/audit/llm/llmtest"
)

const llmTestKey = "sk-cli-test-KEYVALUE-93b1f7"

// llmCLI runs mtaudit with args and the given environment.
func llmCLI(t *testing.T, environ map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return environ[k] }}
	code = run(args, e)
	return code, out.String(), errb.String()
}

func llmTempFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// loadLLMSettings parses args as an auditing command would.
func loadLLMSettings(t *testing.T, environ map[string]string, args ...string) (*audit.Config, error) {
	t.Helper()
	var f engineFlags
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	f.register(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	e := &env{getenv: func(k string) string { return environ[k] }, stderr: &bytes.Buffer{}}
	return f.loadConfig(fs, e)
}

func TestLLMSettingsPrecedence(t *testing.T) {
	cfgFile := llmTempFile(t, "c.yaml", "llm:\n  base_url: http://config:1/v1\n  model: config-model\n  concurrency: 2\n  timeout: 30s\n  cache: /tmp/config-cache\n  retries: 1\n")
	noEnv := map[string]string{}
	withEnv := map[string]string{envLLMBaseURL: "http://env:1/v1", envLLMModel: "env-model"}

	c, err := loadLLMSettings(t, noEnv, "--config", cfgFile)
	if err != nil || c.LLM.Enabled || c.LLM.BaseURL != "http://config:1/v1" || c.LLM.Model != "config-model" || c.LLM.Concurrency != 2 || c.LLM.Timeout != 30*time.Second {
		t.Fatalf("config: %+v %v", c.LLM, err)
	}
	c, _ = loadLLMSettings(t, withEnv, "--config", cfgFile, "--llm")
	if !c.LLM.Enabled || c.LLM.BaseURL != "http://env:1/v1" || c.LLM.Model != "env-model" || c.LLM.Concurrency != 2 {
		t.Fatalf("env over config: %+v", c.LLM)
	}
	c, _ = loadLLMSettings(t, withEnv, "--config", cfgFile, "--llm-base-url", "http://flag:1/v1", "--llm-model", "flag-model",
		"--llm-concurrency", "9", "--llm-timeout", "5s", "--llm-max-tokens", "100", "--llm-cache", "off", "--llm-required")
	if !c.LLM.Enabled || !c.LLM.Required || c.LLM.BaseURL != "http://flag:1/v1" || c.LLM.Model != "flag-model" || c.LLM.Concurrency != 9 ||
		c.LLM.Timeout != 5*time.Second || c.LLM.MaxTokens != 100 || c.LLM.Cache != "off" {
		t.Fatalf("flags over env: %+v", c.LLM)
	}
	// Defaults: nothing set anywhere.
	empty := llmTempFile(t, "e.yaml", "")
	c, _ = loadLLMSettings(t, noEnv, "--config", empty, "--llm")
	o, err := llmOptions(c.LLM, &env{getenv: func(string) string { return "" }, stderr: &bytes.Buffer{}})
	if err != nil || o.BaseURL != llm.DefaultBaseURL || o.Concurrency != 0 || !strings.HasSuffix(o.CacheDir, "mtaudit") {
		t.Fatalf("defaults: %+v %v", o, err)
	}
	// A required pass in the configuration runs; --llm=false turns it off.
	req := llmTempFile(t, "r.yaml", "llm:\n  required: true\n")
	if c, _ = loadLLMSettings(t, noEnv, "--config", req); !c.LLM.Enabled {
		t.Fatal("llm.required did not enable the pass")
	}
	if c, _ = loadLLMSettings(t, noEnv, "--config", req, "--llm=false"); c.LLM.Enabled || c.LLM.Required {
		t.Fatalf("--llm=false: %+v", c.LLM)
	}
	for _, bad := range [][]string{{"--llm-concurrency", "0"}, {"--llm-timeout", "0s"}, {"--llm-max-tokens", "0"}} {
		if _, err := loadLLMSettings(t, noEnv, append([]string{"--config", empty}, bad...)...); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	if _, err := loadLLMSettings(t, noEnv, "--config", llmTempFile(t, "u.yaml", "llm:\n  api_key: sk-x\n")); err == nil {
		t.Error("a key in the configuration file was accepted")
	}
}

func TestLLMAPIKeySources(t *testing.T) {
	e := func(m map[string]string) *env { return &env{getenv: func(k string) string { return m[k] }} }
	local := "http://localhost:8000/v1"
	cases := []struct {
		name    string
		environ map[string]string
		cfg     audit.LLMConfig
		base    string
		want    string
		wantErr bool
	}{
		{"mtaudit key first", map[string]string{envLLMAPIKey: "a", envOpenAIKey: "b"}, audit.LLMConfig{}, llm.DefaultBaseURL, "a", false},
		{"openai fallback", map[string]string{envOpenAIKey: "b"}, audit.LLMConfig{}, llm.DefaultBaseURL, "b", false},
		{"openai key never to another host", map[string]string{envOpenAIKey: "b"}, audit.LLMConfig{}, local, "", false},
		{"configured variable", map[string]string{"AZ_KEY": "c", envOpenAIKey: "b"}, audit.LLMConfig{APIKeyEnv: "AZ_KEY"}, local, "c", false},
		{"configured variable unset", map[string]string{}, audit.LLMConfig{APIKeyEnv: "AZ_KEY"}, local, "", true},
	}
	for _, c := range cases {
		got, err := llmAPIKey(c.cfg, c.base, e(c.environ))
		if got != c.want || (err != nil) != c.wantErr {
			t.Errorf("%s: got %q, %v", c.name, got, err)
		}
	}
	// No key for OpenAI is a clear start-up error.
	code, _, stderr := llmCLI(t, nil, "audit", "--config", llmTempFile(t, "e.yaml", ""), "--llm", "--llm-model", "gpt-x", llmTempFile(t, "a.txt", "Un article."))
	if code != exitError || !strings.Contains(stderr, envLLMAPIKey) {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}

// cliArticle is our own text; the scripted model flags its calque.
const cliArticle = `Le maire a annoncé qu’il allait courir pour un troisième mandat, une décision saluée par son équipe.

La séance du conseil s’est terminée tard dans la soirée.
`

const cliQuote = "courir pour un troisième mandat"

type llmReport struct {
	Articles []struct {
		Path     string   `json:"path"`
		Warnings []string `json:"warnings"`
		Findings []struct {
			Rule, Category, Source, Quote string
			Sources                       []string
		} `json:"findings"`
		Stats struct {
			LLM *audit.LLMStats `json:"llm"`
		} `json:"stats"`
	} `json:"articles"`
	Errors []struct {
		Path, Error string
	} `json:"errors"`
}

func parseLLMReport(t *testing.T, out string) llmReport {
	t.Helper()
	var r llmReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, out)
	}
	return r
}

func TestAuditWithLLMAndCache(t *testing.T) {
	srv := llmtest.New(func(*llmtest.Request) llmtest.Reply {
		return llmtest.Findings(llmtest.Item{Category: "mistranslation", Severity: "major", Quote: cliQuote, Explanation: "Calque of 'run for'."})
	})
	defer srv.Close()
	art := llmTempFile(t, "article.txt", cliArticle)
	args := []string{"audit", "--config", llmTempFile(t, "e.yaml", ""), "--lang", "fr", "--format", "json", "--fail-on", "never", "--max-penalty", "-1",
		"--llm", "--llm-base-url", srv.URL, "--llm-model", "scripted", "--llm-cache", t.TempDir(), art}
	environ := map[string]string{envLLMAPIKey: llmTestKey}

	code, out, stderr := llmCLI(t, environ, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	r := parseLLMReport(t, out)
	a := r.Articles[0]
	if a.Stats.LLM == nil || a.Stats.LLM.Requests != 1 || a.Stats.LLM.CacheHits != 0 || a.Stats.LLM.PromptTokens == 0 || a.Stats.LLM.Findings != 1 {
		t.Fatalf("stats %+v", a.Stats.LLM)
	}
	found := false
	for _, f := range a.Findings {
		if f.Quote == cliQuote && f.Category == "mistranslation" && (f.Source == "llm" || strings.Contains(strings.Join(f.Sources, ","), "llm")) {
			found = true
		}
	}
	if !found {
		t.Fatalf("LLM finding missing: %+v", a.Findings)
	}
	if got := srv.Requests()[0].Header.Get("Authorization"); got != "Bearer "+llmTestKey {
		t.Fatalf("key not sent: %q", got)
	}

	code, out, _ = llmCLI(t, environ, args...)
	a = parseLLMReport(t, out).Articles[0]
	if code != exitOK || srv.Count() != 1 || a.Stats.LLM.Requests != 0 || a.Stats.LLM.CacheHits != 1 || a.Stats.LLM.Findings != 1 {
		t.Fatalf("second run: exit %d, server saw %d, stats %+v", code, srv.Count(), a.Stats.LLM)
	}
}

func TestLLMFailureWarnsOrFailsAndHidesTheKey(t *testing.T) {
	srv := llmtest.New(func(r *llmtest.Request) llmtest.Reply {
		return llmtest.Error(http.StatusUnauthorized, "Incorrect API key provided: "+r.Header.Get("Authorization"))
	})
	defer srv.Close()
	art := llmTempFile(t, "article.txt", cliArticle)
	environ := map[string]string{envLLMAPIKey: llmTestKey}
	base := []string{"audit", "--config", llmTempFile(t, "e.yaml", ""), "--lang", "fr", "--format", "json", "--fail-on", "never", "--max-penalty", "-1",
		"--llm", "--llm-base-url", srv.URL, "--llm-model", "scripted", "--llm-cache", "off"}

	code, out, stderr := llmCLI(t, environ, append(base, art)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	a := parseLLMReport(t, out).Articles[0]
	if a.Stats.LLM == nil || !a.Stats.LLM.Failed || len(a.Warnings) == 0 || !strings.Contains(a.Warnings[0], "401") {
		t.Fatalf("failure not reported: %+v %v", a.Stats.LLM, a.Warnings)
	}
	if strings.Contains(out+stderr, "KEYVALUE") {
		t.Fatalf("key leaked:\n%s\n%s", out, stderr)
	}

	code, out, stderr = llmCLI(t, environ, append(base, "--llm-required", art)...)
	if code != exitError {
		t.Fatalf("--llm-required: exit %d, want %d", code, exitError)
	}
	r := parseLLMReport(t, out)
	if len(r.Errors) != 1 || r.Errors[0].Path != art || !strings.Contains(r.Errors[0].Error, "LLM pass required") {
		t.Fatalf("errors %+v", r.Errors)
	}
	if strings.Contains(out+stderr, "KEYVALUE") {
		t.Fatalf("key leaked:\n%s\n%s", out, stderr)
	}
}

// llmSeedsDir is the shared seed corpus beside the repository, if present.
func llmSeedsDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "seeds")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no seed corpus at %s: %v", dir, err)
	}
	return dir
}

// TestEvalWithLLMServerReturningGold runs eval --llm over the seeds with a
// scripted server that returns, for each chunk, the seeds' needs=llm items
// quoted in it (read from the gold files at test time).
func TestEvalWithLLMServerReturningGold(t *testing.T) {
	dir := llmSeedsDir(t)
	files, err := llmtest.LoadGold(dir)
	if err != nil {
		t.Fatal(err)
	}
	items := llmtest.GoldItems(files)
	if len(items) == 0 {
		t.Skip("the seeds have no needs=llm items")
	}
	srv := llmtest.New(llmtest.Gold(items))
	defer srv.Close()
	type score struct {
		Recall    float64 `json:"recall"`
		Precision float64 `json:"precision"`
		Misses    []struct{ Category, Quote string }
	}
	evalRun := func(extra ...string) score {
		args := append([]string{"eval", "--config", llmTempFile(t, "e.yaml", ""), "--gold", dir, "--format", "json"}, extra...)
		code, out, stderr := llmCLI(t, nil, args...)
		if code != exitOK {
			t.Fatalf("eval %v: exit %d\n%s", extra, code, stderr)
		}
		var s score
		if err := json.Unmarshal([]byte(out), &s); err != nil {
			t.Fatalf("eval output: %v\n%s", err, out)
		}
		return s
	}
	withLLM := evalRun("--llm", "--llm-base-url", srv.URL, "--llm-model", "gold", "--llm-cache", "off")
	t.Logf("recall with the LLM pass %.3f, precision %.3f, %d requests", withLLM.Recall, withLLM.Precision, srv.Count())
	// Every required needs=llm item is found.
	for _, m := range withLLM.Misses {
		for _, it := range items {
			if it.Quote == m.Quote && it.Category == m.Category {
				t.Errorf("needs=llm item missed: %s %q", m.Category, m.Quote)
			}
		}
	}
	if withLLM.Recall < 0.90 {
		t.Errorf("recall with the LLM pass %.3f < 0.90; misses: %+v", withLLM.Recall, withLLM.Misses)
	}
}
