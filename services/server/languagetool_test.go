package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/mtaudit/mtaudit/audit"
)

func ltPost(t *testing.T, base string, form url.Values, hdr ...string) answer {
	t.Helper()
	return do(t, "POST", base+"/v2/check", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), hdr...)
}

func decodeLT(t *testing.T, a answer) ltCheckAnswer {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("status %d: %s", a.status, a.body)
	}
	var out ltCheckAnswer
	dec := json.NewDecoder(strings.NewReader(string(a.body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("decode %s: %v", a.body, err)
	}
	return out
}

// u16 is a JavaScript/Java string: what LanguageTool's offsets index.
func u16(s string) []uint16 { return utf16.Encode([]rune(s)) }

func sub16(s []uint16, off, n int) string {
	if off < 0 || n < 0 || off+n > len(s) {
		return "<out of range>"
	}
	return string(utf16.Decode(s[off : off+n]))
}

func matchByRule(ans ltCheckAnswer, id string) *ltMatch {
	for i := range ans.Matches {
		if ans.Matches[i].Rule.ID == id {
			return &ans.Matches[i]
		}
	}
	return nil
}

// Offsets are UTF-16 units: characters above U+FFFF (two units, four
// UTF-8 bytes) and accented letters (one unit, two bytes) before a match
// must land it on the same characters a Java or JavaScript client sees.
func TestLTOffsetsAreUTF16(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	text := "Le ministre 🇫🇷 a évoqué 𝒳 des [job guarantees] aux syndicats 😀 réunis, a précisé le porte-parole: la date est fixée.\n"
	ans := decodeLT(t, ltPost(t, ts.URL, url.Values{"text": {text}, "language": {"fr-FR"}}))
	js := u16(text)
	m := matchByRule(ans, "untranslated.test-bracket")
	if m == nil {
		t.Fatalf("no bracket match in %+v", ans.Matches)
	}
	if got := sub16(js, m.Offset, m.Length); got != "[job guarantees]" {
		t.Errorf("text[offset:offset+length] = %q, want the bracket", got)
	}
	ctx := u16(m.Context.Text)
	if got := sub16(ctx, m.Context.Offset, m.Context.Length); got != "[job guarantees]" {
		t.Errorf("context %q at %d+%d = %q", m.Context.Text, m.Context.Offset, m.Context.Length, got)
	}
	if !strings.Contains(m.Sentence, "[job guarantees]") {
		t.Errorf("sentence = %q", m.Sentence)
	}
	if m.Rule.IssueType != "untranslated" || m.Rule.Category.ID != "UNTRANSLATED" || m.Rule.Description != "English left in brackets" {
		t.Errorf("rule = %+v", m.Rule)
	}
	colon := matchByRule(ans, "typography.test-colon")
	if colon == nil || sub16(js, colon.Offset, colon.Length) != "e:" {
		t.Errorf("colon match %+v", colon)
	}
	if ans.Language.Code != "fr-FR" || ans.Language.Name != "French" || ans.Language.DetectedLanguage.Code != "fr" {
		t.Errorf("language = %+v", ans.Language)
	}
	if ans.Software.Name != "mtaudit" || ans.Software.APIVersion != 1 {
		t.Errorf("software = %+v", ans.Software)
	}
	for _, r := range ans.SentenceRanges {
		if r[0] < 0 || r[1] > len(js) || r[0] > r[1] {
			t.Errorf("sentence range %v outside the text (%d units)", r, len(js))
		}
	}
}

// The context is cut 40 units each side with "..." and never splits a
// surrogate pair: a string of emoji around the match stays valid.
func TestLTContextCutsAtCharacters(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	emoji := strings.Repeat("😀", 30)
	text := "Les syndicats " + emoji + " [job guarantees] " + emoji + " fin de la phrase.\n"
	ans := decodeLT(t, ltPost(t, ts.URL, url.Values{"text": {text}, "language": {"fr"}}))
	m := matchByRule(ans, "untranslated.test-bracket")
	if m == nil {
		t.Fatalf("no match: %+v", ans.Matches)
	}
	c := m.Context
	if !strings.HasPrefix(c.Text, "...") || !strings.HasSuffix(c.Text, "...") || strings.ContainsRune(c.Text, '\uFFFD') {
		t.Errorf("context %q", c.Text)
	}
	if got := sub16(u16(c.Text), c.Offset, c.Length); got != "[job guarantees]" {
		t.Errorf("context match = %q", got)
	}
}

// With "data", offsets count the markup the client sent; the rules read
// the text and markup's interpretAs.
func TestLTAnnotatedData(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	data := `{"annotation":[
		{"markup":"<p class=\"x😀\">"},
		{"text":"Le ministre a promis des "},
		{"markup":"<b>"},{"text":"[job guarantees]"},{"markup":"</b>"},
		{"text":" aux syndicats, a précisé le porte-parole: la date est fixée."},
		{"markup":"</p><p>","interpretAs":"\n\n"},
		{"text":"Partager: Facebook"},{"markup":"</p>"}]}`
	var doc struct {
		Annotation []struct{ Text, Markup string }
	}
	if err := json.Unmarshal([]byte(data), &doc); err != nil {
		t.Fatal(err)
	}
	var original strings.Builder
	for _, a := range doc.Annotation {
		original.WriteString(a.Text + a.Markup)
	}
	js := u16(original.String())
	ans := decodeLT(t, ltPost(t, ts.URL, url.Values{"data": {data}, "language": {"fr"}}))
	for id, want := range map[string]string{"untranslated.test-bracket": "[job guarantees]", "typography.test-colon": "e:", "scraped.test-furniture": "Partager: Facebook"} {
		m := matchByRule(ans, id)
		if m == nil {
			t.Errorf("%s: no match in %+v", id, ans.Matches)
			continue
		}
		if got := sub16(js, m.Offset, m.Length); got != want {
			t.Errorf("%s: original[offset:+length] = %q, want %q", id, got, want)
		}
	}
}

func TestLTFilters(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	text := "Le ministre a promis des [job guarantees], a précisé le porte-parole: la date est fixée.\n\nPartager Facebook\n"
	rules := func(f url.Values) []string {
		f.Set("text", text)
		f.Set("language", "fr")
		var ids []string
		for _, m := range decodeLT(t, ltPost(t, ts.URL, f)).Matches {
			ids = append(ids, m.Rule.ID)
		}
		return ids
	}
	all := rules(url.Values{})
	if len(all) < 3 {
		t.Fatalf("want bracket, furniture and colon findings, got %v", all)
	}
	if got := rules(url.Values{"disabledRules": {"typography.test-colon"}}); len(got) != len(all)-1 || strings.Contains(strings.Join(got, ","), "colon") {
		t.Errorf("disabledRules: %v", got)
	}
	if got := rules(url.Values{"disabledCategories": {"SCRAPED,typography"}}); strings.Join(got, ",") != "untranslated.test-bracket" {
		t.Errorf("disabledCategories: %v", got)
	}
	if got := rules(url.Values{"enabledRules": {"scraped.test-furniture"}, "enabledOnly": {"true"}}); strings.Join(got, ",") != "scraped.test-furniture" {
		t.Errorf("enabledOnly: %v", got)
	}
	a := ltPost(t, ts.URL, url.Values{"text": {text}, "language": {"fr"}, "enabledOnly": {"true"}})
	if a.status != http.StatusBadRequest || !strings.HasPrefix(string(a.body), "Error: ") {
		t.Errorf("enabledOnly alone: %d %s", a.status, a.body)
	}
}

func TestLTErrors(t *testing.T) {
	_, ts := newTestServer(t, Options{MaxBody: 4 << 10})
	text := "Le ministre a promis des [job guarantees]."
	cases := []struct {
		name   string
		a      answer
		status int
		body   string
	}{
		{"unknown language", ltPost(t, ts.URL, url.Values{"text": {text}, "language": {"xx-YY"}}), 400,
			"Error: 'xx-YY' is not a language code known to LanguageTool. Supported language codes are: "},
		{"source-only language", ltPost(t, ts.URL, url.Values{"text": {text}, "language": {"en-US"}}), 400,
			"Error: 'en-US' is not a language code known to LanguageTool."},
		{"no text", ltPost(t, ts.URL, url.Values{"language": {"fr"}}), 400, "Error: Missing 'text' or 'data' parameter"},
		{"no language", ltPost(t, ts.URL, url.Values{"text": {text}}), 400, "Error: Missing 'language'"},
		{"bad data", ltPost(t, ts.URL, url.Values{"data": {`{"annotation":[{}]}`}, "language": {"fr"}}), 400, "Error: 'data' annotation 0"},
		{"too large", ltPost(t, ts.URL, url.Values{"text": {strings.Repeat("a", 5<<10)}, "language": {"fr"}}), 413, "Error: request body exceeds"},
		{"json body", do(t, "POST", ts.URL+"/v2/check", "application/json", strings.NewReader(`{}`)), 415, "Error: Content-Type application/json"},
		{"GET check", do(t, "GET", ts.URL+"/v2/check?text=x&language=fr", "", nil), 405, ""},
		{"not UTF-8", do(t, "POST", ts.URL+"/v2/check", "application/x-www-form-urlencoded", strings.NewReader("language=fr&text=%ff%fe")), 422, "Error: 'text' is not UTF-8"},
	}
	for _, c := range cases {
		if c.a.status != c.status || !strings.HasPrefix(string(c.a.body), c.body) {
			t.Errorf("%s: %d %q, want %d %q…", c.name, c.a.status, c.a.body, c.status, c.body)
		}
	}
}

func TestLTTokenAndLanguages(t *testing.T) {
	_, ts := newTestServer(t, Options{Token: "s3cret"})
	form := url.Values{"text": {"Le ministre a promis des [job guarantees]."}, "language": {"auto"}}
	if a := ltPost(t, ts.URL, form); a.status != http.StatusUnauthorized {
		t.Errorf("no token: %d %s", a.status, a.body)
	}
	decodeLT(t, ltPost(t, ts.URL, form, "Authorization", "Bearer s3cret"))
	form.Set("apiKey", "s3cret")
	ans := decodeLT(t, ltPost(t, ts.URL, form))
	if ans.Language.DetectedLanguage.Code != "fr" || ans.Language.Code != "fr" {
		t.Errorf("auto: language %+v", ans.Language)
	}
	if a := do(t, "GET", ts.URL+"/v2/languages", "", nil); a.status != http.StatusUnauthorized {
		t.Errorf("languages without token: %d", a.status)
	}
	a := do(t, "GET", ts.URL+"/v2/languages?apiKey=s3cret", "", nil)
	var langs []ltLanguageEntry
	if err := json.Unmarshal(a.body, &langs); err != nil || a.status != 200 {
		t.Fatalf("languages: %d %s", a.status, a.body)
	}
	codes := map[string]string{}
	for _, l := range langs {
		codes[l.Code] = l.Name
	}
	for _, c := range []string{"fr", "de", "es", "it", "pt"} {
		if codes[c] == "" {
			t.Errorf("languages lack %s: %s", c, a.body)
		}
	}
}

// The query string counts as parameters too (clients send them there).
func TestLTQueryParameters(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	q := url.Values{"text": {"Le ministre a promis des [job guarantees]."}, "language": {"fr"}}
	a := do(t, "POST", ts.URL+"/v2/check?"+q.Encode(), "", nil)
	if m := matchByRule(decodeLT(t, a), "untranslated.test-bracket"); m == nil || m.Offset != 25 || m.Length != 16 {
		t.Errorf("match %+v", m)
	}
}

// /v2/check and /v1/audit share the audit slots: while /v1/audit holds
// the only one, /v2/check is refused with 503 and Retry-After.
func TestLTSharesAuditSlots(t *testing.T) {
	started, release := make(chan struct{}, 1), make(chan struct{})
	eng := testEngine(t, blockingRule(started, release))
	_, ts := newTestServer(t, Options{Engine: eng, MaxConcurrent: 1, QueueWait: 1})
	done := make(chan answer, 1)
	go func() { done <- post(ts.URL) }()
	<-started
	a := ltPost(t, ts.URL, url.Values{"text": {"Le ministre a parlé."}, "language": {"fr"}})
	close(release)
	if a.status != http.StatusServiceUnavailable || a.header.Get("Retry-After") == "" || !strings.HasPrefix(string(a.body), "Error: too many audits") {
		t.Errorf("busy: %d %q (Retry-After %q)", a.status, a.body, a.header.Get("Retry-After"))
	}
	if b := <-done; b.status != http.StatusOK {
		t.Errorf("/v1/audit: %d %s", b.status, b.body)
	}
}

// The byte → UTF-16 table agrees with encoding the prefix, at every
// character boundary, across its checkpoints, for ASCII, two-, three- and
// four-byte characters.
func TestUTF16Offsets(t *testing.T) {
	text := strings.Repeat("aé€😀𝒳 z\n", 40)
	lt := newPlainLTText(text)
	for b := 0; b <= len(text); b++ {
		if b < len(text) && !utf8RuneStart(text[b]) {
			continue
		}
		if got, want := lt.u16.at(b), len(u16(text[:b])); got != want {
			t.Fatalf("at(%d) = %d, want %d", b, got, want)
		}
		if from, to := lt.span(b, b); from != len(u16(text[:b])) || to != from {
			t.Fatalf("span(%d, %d) = %d, %d", b, b, from, to)
		}
	}
	for _, n := range []int{0, 63, 64, 65, 128} {
		s := strings.Repeat("x", n)
		if got := newPlainLTText(s).u16.at(n); got != n {
			t.Errorf("ASCII of %d bytes: at(end) = %d", n, got)
		}
	}
}

func utf8RuneStart(c byte) bool { return c&0xC0 != 0x80 }

// Clients check as one types: /v2 runs the rules alone unless llm=true.
func TestLTLLMOnlyWhenAsked(t *testing.T) {
	llmEng, err := audit.NewEngine(testRegistry(), audit.DefaultConfig(), audit.WithSemanticPass(failingPass{}))
	if err != nil {
		t.Fatal(err)
	}
	_, ts := newTestServer(t, Options{LLMEngine: llmEng})
	form := url.Values{"text": {"Le ministre a promis des [job guarantees]."}, "language": {"fr"}}
	decodeLT(t, ltPost(t, ts.URL, form))
	form.Set("llm", "true")
	if a := ltPost(t, ts.URL, form); a.status != http.StatusBadGateway || !strings.HasPrefix(string(a.body), "Error: ") {
		t.Errorf("llm=true with a failing pass: %d %s", a.status, a.body)
	}
}
