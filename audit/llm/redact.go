package llm

import (
	"net/url"
	"regexp"
	"strings"
)

// redactor removes secrets from text that may reach a log, a report or an
// error message: the configured key wherever it appears, anything that
// looks like a bearer token or an OpenAI-style key, and user info in URLs.
type redactor struct{ secrets []string }

var (
	bearerPattern = regexp.MustCompile(`(?i)(bearer\s+)[^\s"',;]+`)
	keyPattern    = regexp.MustCompile(`\bsk-[A-Za-z0-9_\-]{6,}`)
	apiKeyHeader  = regexp.MustCompile(`(?i)((?:api-key|x-api-key|authorization)["']?\s*[:=]\s*["']?)[^\s"',;]+`)
)

func newRedactor(secrets ...string) *redactor {
	r := &redactor{}
	for _, s := range secrets {
		if s = strings.TrimSpace(s); len(s) >= 4 {
			r.secrets = append(r.secrets, s)
		}
	}
	return r
}

// String returns s with every secret replaced by [REDACTED].
func (r *redactor) String(s string) string {
	for _, k := range r.secrets {
		s = strings.ReplaceAll(s, k, "[REDACTED]")
		// A server may echo the key URL-escaped or JSON-escaped.
		if e := url.QueryEscape(k); e != k {
			s = strings.ReplaceAll(s, e, "[REDACTED]")
		}
	}
	s = bearerPattern.ReplaceAllString(s, "${1}[REDACTED]")
	s = apiKeyHeader.ReplaceAllString(s, "${1}[REDACTED]")
	s = keyPattern.ReplaceAllString(s, "sk-[REDACTED]")
	return s
}

// URL shows a base URL without user info or query (where tokens hide).
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User = nil
	u.RawQuery = ""
	u.Fragment = ""
	return u.String()
}
