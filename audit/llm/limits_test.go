package llm

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit/llm/llmtest"
)

// TestHugeAnswerIsRefusedAndNeverCached: issue 12, defect 3. An answer far
// larger than --llm-max-tokens allows fails its chunk (the rule findings
// stay) and is not cached: the next run asks again.
func TestHugeAnswerIsRefusedAndNeverCached(t *testing.T) {
	huge := itemSense
	huge.Explanation = strings.Repeat("Far too long an explanation. ", 40000) // ~1.1 MB
	srv := llmtest.New(func(*llmtest.Request) llmtest.Reply { return llmtest.Findings(huge) })
	defer srv.Close()
	dir := t.TempDir()
	for run := 1; run <= 2; run++ {
		p, _ := newTestPass(t, srv.URL, func(o *Options) { o.CacheDir = dir; o.MaxTokens = 1000 })
		res := audit1(t, testEngine(t, p), article)
		p.Close()
		st := res.Stats.LLM
		if !st.Failed || !strings.Contains(st.Error, "answer refused") || countSource(res, "llm.mistranslation") != 0 {
			t.Fatalf("run %d: stats %+v", run, st)
		}
		ruleFindingsKept(t, res)
		if srv.Count() != run {
			t.Fatalf("run %d: %d requests: the refused answer was retried or cached", run, srv.Count())
		}
	}
}

// TestAnswerOverTheTokenBoundIsRefused: the server's own count of the
// answer's tokens is held to the bound the request asked for.
func TestAnswerOverTheTokenBoundIsRefused(t *testing.T) {
	srv := llmtest.New(func(*llmtest.Request) llmtest.Reply {
		r := llmtest.Findings(itemSense)
		r.CompletionTokens = 5000
		return r
	})
	defer srv.Close()
	p, _ := newTestPass(t, srv.URL, func(o *Options) { o.MaxTokens = 300 })
	res := audit1(t, testEngine(t, p), article)
	if st := res.Stats.LLM; !st.Failed || !strings.Contains(st.Error, "5000 tokens") || countSource(res, "llm.mistranslation") != 0 {
		t.Fatalf("stats %+v", st)
	}
}

// TestLongExplanationIsClipped: an explanation is cut to a few hundred
// characters before it becomes a finding's message (and is cached); an
// overlong suggestion is dropped rather than cut.
func TestLongExplanationIsClipped(t *testing.T) {
	long := itemSense
	long.Explanation = strings.Repeat("Une explication bavarde. ", 400) // 10,000 characters
	long.Suggestion = ptr(strings.Repeat("texte ", 500))
	srv := llmtest.New(func(*llmtest.Request) llmtest.Reply { return llmtest.Findings(long) })
	defer srv.Close()
	p, _ := newTestPass(t, srv.URL, func(o *Options) { o.MaxTokens = 8000 })
	res := audit1(t, testEngine(t, p), article)
	f := findingAt(res, itemSense.Quote)
	if f == nil {
		t.Fatalf("finding missing: %+v %+v", res.Findings, res.Stats.LLM)
	}
	if n := utf8.RuneCountInString(f.Message); n > maxExplanationRunes || !strings.HasSuffix(f.Message, "…") {
		t.Errorf("message of %d runes: %q", n, f.Message)
	}
	if f.Suggestion != "" {
		t.Errorf("overlong suggestion kept (%d bytes)", len(f.Suggestion))
	}
}

// TestOversizedCacheEntryIsAMiss: an entry larger than any bounded answer
// (left by a version that stored unbounded ones) is not read back.
func TestOversizedCacheEntryIsAMiss(t *testing.T) {
	c := openCache(t.TempDir(), DefaultCacheLockTimeout, func(s string) { t.Error(s) })
	defer c.close()
	key := cacheKey("k")
	c.put(key, cachedAnswer{Items: []Item{{Category: "garbled", Quote: "q", Explanation: strings.Repeat("x", 10000)}}})
	if _, ok := c.get(key); !ok {
		t.Fatal("entry not stored")
	}
	c.maxEntry = 1000
	if _, ok := c.get(key); ok {
		t.Fatal("oversized entry read back")
	}
}

func TestClipRunes(t *testing.T) {
	for in, want := range map[string]string{"abc": "abc", "ééééé": "ééé…", "ab cd ef": "ab…"} {
		if got := clipRunes(in, 4); got != want {
			t.Errorf("clipRunes(%q, 4) = %q, want %q", in, got, want)
		}
	}
}
