package server

import (
	"strings"
	"testing"
)

// Request errors speak of the request, never of Go types, and a typo in a
// query parameter is refused like one in a JSON field.
func TestRequestErrorsInPlainWords(t *testing.T) {
	_, ts := newTestServer(t, Options{MaxBody: 1000})
	for _, tc := range []struct {
		name, query, ct, body string
		want                  string
	}{
		{"array body", "", "application/json", `["abc"]`, `the body must be a JSON object with a "text" field`},
		{"string body", "", "application/json", `"abc"`, `the body must be a JSON object with a "text" field`},
		{"text not a string", "", "application/json", `{"text": 42}`, `field "text" must be a string, not a number`},
		{"llm not a bool", "", "application/json", `{"text": "abc", "llm": "yes"}`, `field "llm" must be true or false, not a string`},
		{"field typo", "", "application/json", `{"text": "abc", "titel": "x"}`, `unknown field "titel" (did you mean "title"?)`},
		{"query typo", "?titel=x", "text/plain", "abc", `unknown query parameter "titel" (did you mean "title"?)`},
		{"unknown query", "?colour=red", "text/plain", "abc", `unknown query parameter "colour"`},
		{"query with JSON", "?lang=fr", "application/json", `{"text": "abc"}`, `query parameter "lang" is read with a text/plain body only`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := jsonError(t, do(t, "POST", ts.URL+"/v1/audit"+tc.query, tc.ct, strings.NewReader(tc.body)), 400)
			if !strings.Contains(msg, tc.want) {
				t.Errorf("error %q does not say %q", msg, tc.want)
			}
			for _, internal := range []string{"server.", "auditRequest", "*string", "float64"} {
				if strings.Contains(msg, internal) {
					t.Errorf("error %q names Go internals (%s)", msg, internal)
				}
			}
		})
	}
	// Known parameters still pass.
	a := do(t, "POST", ts.URL+"/v1/audit?title=T&lang=fr&messages=en&id=1&url=https://example.com/a", "text/plain",
		strings.NewReader("Le conseil municipal a voté le budget de l’année prochaine mardi soir."))
	if a.status != 200 {
		t.Errorf("known parameters: status %d: %s", a.status, a.body)
	}
	b := do(t, "POST", ts.URL+"/v1/audit?messages=fr", "application/json", strings.NewReader(`{"text": "Le conseil a voté le budget."}`))
	if b.status != 200 {
		t.Errorf("messages with a JSON body: status %d: %s", b.status, b.body)
	}
}
