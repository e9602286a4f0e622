package audit

import (
	"strings"
	"testing"
)

func TestParseConfig(t *testing.T) {
	c, err := ParseConfig("c.yaml", []byte(`
lang: fr
severity:
  typography: info
  name.variant: critical
disable: [typography.spacing]
gate:
  fail_on: major
  max_penalty: 3
glossary: ["Karen Martin"]
accept: [Acme]
boilerplate:
  "*": ["Suivez-nous"]
llm:
  model: m
  timeout: 30s
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Lang != "fr" || c.Severity["typography"] != Info || c.Severity["name.variant"] != Critical ||
		c.Gate.FailOn != "major" || c.Gate.MaxPenalty != 3 || !c.Accepts("[ACME]") || c.LLM.Timeout.Seconds() != 30 {
		t.Fatalf("config %+v", c)
	}
}

func TestParseConfigErrorsNameLine(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"lang: fr\nfail_on: major\n", "c.yaml:2:"},
		{"severity:\n  grammar: fatal\n", "c.yaml:2:"},
		{"gate:\n  fail_on: sometimes\n", "gate.fail_on"},
		{"lang: french\n", "not a BCP 47 language tag (supported: "},
		{"lang: fr-\n", "not a BCP 47 language tag"},
		{"gate:\n  unsupported_language: maybe\n", "gate.unsupported_language"},
	} {
		_, err := ParseConfig("c.yaml", []byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want mention of %q", c.yaml, err, c.want)
		}
	}
}

func TestEnabledSelectors(t *testing.T) {
	r := &Rule{ID: "scraped.headline", Category: Scraped}
	for _, c := range []struct {
		rules, disable []string
		want           bool
	}{
		{nil, nil, true}, {[]string{"scraped"}, nil, true}, {[]string{"grammar"}, nil, false},
		{nil, []string{"scraped.*"}, false}, {[]string{"scraped"}, []string{"scraped.headline"}, false},
	} {
		cfg := &Config{Rules: c.rules, Disable: c.disable}
		if got := cfg.Enabled(r); got != c.want {
			t.Errorf("rules %v disable %v: %v, want %v", c.rules, c.disable, got, c.want)
		}
	}
}

// A typo in a key reads as the user wrote it, with file:line and the key
// meant, never as a Go type ("field disabel not found in type audit.Config").
func TestParseConfigUnknownKeysInPlainWords(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"lang: fr\n\n\ndisabel: [typography]\n", `c.yaml:4: unknown key "disabel" (did you mean "disable"?)`},
		{"gate:\n  fail_onn: major\n", `c.yaml:2: unknown key "gate.fail_onn" (did you mean "gate.fail_on"?)`},
		{"llm:\n  modle: x\n", `c.yaml:2: unknown key "llm.modle" (did you mean "llm.model"?)`},
		{"colour: red\n", `c.yaml:1: unknown key "colour"`},
		{"gate:\n  max_penalty: abc\n", `c.yaml:2: text "abc" where a number is expected`},
		{"llm:\n  timeout: forever\n", `c.yaml:2: text "forever" where a duration such as 30s or 2m is expected`},
	} {
		_, err := ParseConfig("c.yaml", []byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.yaml, err, c.want)
		}
		if err != nil && (strings.Contains(err.Error(), "audit.") || strings.Contains(err.Error(), "unmarshal")) {
			t.Errorf("%q: Go internals in %q", c.yaml, err)
		}
	}
	// Keys under severity and boilerplate are the user's: rule ids, sites.
	if _, err := ParseConfig("c.yaml", []byte("severity:\n  name.variant: minor\nboilerplate:\n  example.com: [x]\n")); err != nil {
		t.Errorf("free keys refused: %v", err)
	}
	// Two typos, two lines.
	_, err := ParseConfig("c.yaml", []byte("rulez: [a]\naccepts: [b]\n"))
	if err == nil || strings.Count(err.Error(), "unknown key") != 2 {
		t.Errorf("two typos: %v", err)
	}
}

func TestFailOnNeverTurnsTheGateOff(t *testing.T) {
	c, err := ParseConfig("c.yaml", []byte("gate:\n  fail_on: never\n"))
	if err != nil || c.Gate.MaxPenalty >= 0 {
		t.Fatalf("never alone: max_penalty %v, err %v; want no limit", c.Gate.MaxPenalty, err)
	}
	c, err = ParseConfig("c.yaml", []byte("gate:\n  fail_on: never\n  max_penalty: 3\n"))
	if err != nil || c.Gate.MaxPenalty != 3 {
		t.Fatalf("never with a limit: %v, %v", c.Gate.MaxPenalty, err)
	}
	_, err = ParseConfig("c.yaml", []byte("gate:\n  fail_on: sometimes\n"))
	if err == nil || !strings.Contains(err.Error(), "never") {
		t.Errorf("a bad fail_on does not offer never: %v", err)
	}
}
