package llm

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"
)

// An answer is bounded on our side, whatever the server does with
// max_tokens: a server that ignores it (or a proxy gone wrong) could send
// megabytes that would be copied into every finding, every report and the
// cache.

// maxAnswerBytes bounds one HTTP answer for an answer of maxTokens tokens:
// a token is a few characters, JSON escapes take up to six bytes per
// character, and the envelope (usage, ids) a few hundred bytes.
func maxAnswerBytes(maxTokens int) int64 { return 64<<10 + 32*int64(maxTokens) }

// Bounds on what an item may carry into a finding.
const (
	maxExplanationRunes = 600 // an explanation is a sentence or three
	maxSuggestionRunes  = 600 // longer is a rewrite, not a suggestion: dropped
)

// errAnswerTooLarge is an answer cut off at maxAnswerBytes.
var errAnswerTooLarge = errors.New("answer too large")

// limitedBody reads at most left bytes of an answer, then fails.
type limitedBody struct {
	rc   io.ReadCloser
	left int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// Anything more than the limit is an error, not a silent cut.
		var one [1]byte
		if n, _ := b.rc.Read(one[:]); n > 0 {
			return 0, errAnswerTooLarge
		}
		return b.rc.Read(p)
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }

// limitBody bounds resp's body.
func limitBody(resp *http.Response, limit int64) {
	if resp != nil && resp.Body != nil && limit > 0 {
		resp.Body = &limitedBody{rc: resp.Body, left: limit}
	}
}

// checkTokens holds an answer to the token bound the request asked for:
// the usage the server reports, else an estimate of the content (with
// room for the estimate's error).
func checkTokens(rep reply, maxTokens int) error {
	if maxTokens <= 0 {
		return nil
	}
	if rep.CompletionTokens > maxTokens {
		return fmt.Errorf("the server answered with %d tokens, more than the %d asked for (--llm-max-tokens): answer refused", rep.CompletionTokens, maxTokens)
	}
	if rep.CompletionTokens == 0 {
		if n := EstimateTokens(rep.Content); n > 2*maxTokens {
			return fmt.Errorf("the answer holds about %d tokens, far more than the %d asked for (--llm-max-tokens): answer refused", n, maxTokens)
		}
	}
	return nil
}

// clipRunes shortens s to at most n runes, ending in "…" when cut.
func clipRunes(s string, n int) string {
	if len(s) <= n { // bytes ≥ runes
		return s
	}
	i, k := 0, 0
	for i < len(s) && k < n-1 {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		k++
	}
	if i >= len(s) {
		return s
	}
	return strings.TrimRightFunc(s[:i], func(r rune) bool { return r == ' ' }) + "…"
}
