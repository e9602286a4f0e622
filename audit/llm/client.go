package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Format is how the answer's JSON is asked for.
type Format int32

// Formats, from the strictest. In auto mode the client starts with the
// strictest the server has accepted so far and steps down on a 400.
const (
	FormatJSONSchema Format = iota // response_format json_schema, strict
	FormatJSONObject               // response_format json_object
	FormatNone                     // no response_format; the parser copes
)

func (f Format) String() string {
	switch f {
	case FormatJSONSchema:
		return "json_schema"
	case FormatJSONObject:
		return "json_object"
	}
	return "none"
}

// ParseFormat reads a response-format setting; "" and "auto" give auto.
func ParseFormat(s string) (f Format, auto bool, err error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return FormatJSONSchema, true, nil
	case "json_schema":
		return FormatJSONSchema, false, nil
	case "json_object":
		return FormatJSONObject, false, nil
	case "none", "text":
		return FormatNone, false, nil
	}
	return 0, false, fmt.Errorf("response format %q: want auto, json_schema, json_object or none", s)
}

// client sends chat completions with retries, a per-request timeout, the
// process-wide concurrency limit and the response-format fallback.
type client struct {
	api       *openai.Client
	model     string
	maxTokens int
	timeout   time.Duration
	attempts  int
	baseDelay time.Duration
	maxDelay  time.Duration
	// maxRetryAfter: a server asking to wait longer makes the request fail.
	maxRetryAfter time.Duration
	limit         *Limiter
	format        atomic.Int32 // the strictest format known to work
	auto          bool
	redact        *redactor
	sleep         func(context.Context, time.Duration) error
	onRetry       func(attempt int, wait time.Duration, err error)
}

// reply is a completed call.
type reply struct {
	Content          string
	Finish           string
	PromptTokens     int
	CompletionTokens int
}

// callStats counts what a call cost, failed or not.
type callStats struct {
	Requests int
}

// httpInfo records what the transport saw of the last response, which
// go-openai's errors do not carry (Retry-After).
type httpInfo struct {
	status     int
	retryAfter time.Duration
	hasRetry   bool
}

type httpInfoKey struct{}

// recordingDoer wraps the HTTP client to keep each response's status and
// Retry-After in the request's context.
// It also bounds each answer's body (maxAnswerBytes).
type recordingDoer struct {
	base  openai.HTTPDoer
	limit int64
}

func (d recordingDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.base.Do(req)
	limitBody(resp, d.limit)
	if resp != nil {
		if info, ok := req.Context().Value(httpInfoKey{}).(*httpInfo); ok {
			info.status = resp.StatusCode
			info.retryAfter, info.hasRetry = retryAfter(resp.Header, time.Now())
		}
	}
	return resp, err
}

// retryAfter reads Retry-After (seconds or an HTTP date) or Azure's
// retry-after-ms.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	if v := strings.TrimSpace(h.Get("Retry-After-Ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms >= 0 && ms < 1e9 {
			return time.Duration(ms * float64(time.Millisecond)), true
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		if s < 0 || s > 1e6 {
			return 0, false
		}
		return time.Duration(s * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// callError is a failed call, its text already free of secrets.
type callError struct {
	msg       string
	status    int
	retryable bool
	timeout   bool
}

func (e *callError) Error() string { return e.msg }

// complete sends one chat completion and returns the assistant's content.
// It retries 429, 5xx, timeouts and dropped connections with exponential
// backoff and jitter (or as long as Retry-After asks), steps the response
// format down when the server rejects it, and honours ctx.
func (c *client) complete(ctx context.Context, system, user string, st *callStats) (reply, error) {
	f := Format(c.format.Load())
	for attempt := 1; ; {
		if err := ctx.Err(); err != nil {
			return reply{}, err
		}
		rep, info, err := c.once(ctx, system, user, f)
		st.Requests++
		if err == nil {
			if c.auto {
				// Remember the strictest format that worked for this server.
				for {
					cur := c.format.Load()
					if cur >= int32(f) || c.format.CompareAndSwap(cur, int32(f)) {
						break
					}
				}
			}
			return rep, nil
		}
		if ctx.Err() != nil {
			return reply{}, ctx.Err()
		}
		ce := c.classify(err, info)
		if c.auto && f < FormatNone && (ce.status == http.StatusBadRequest || ce.status == http.StatusUnprocessableEntity) {
			f++ // the server may not accept this response_format: try the next
			continue
		}
		if !ce.retryable || attempt >= c.attempts {
			if attempt > 1 {
				return reply{}, &callError{msg: fmt.Sprintf("%s (after %d attempts)", ce.msg, attempt), status: ce.status, timeout: ce.timeout}
			}
			return reply{}, ce
		}
		wait := c.backoff(attempt)
		if info.hasRetry {
			if info.retryAfter > c.maxRetryAfter {
				return reply{}, &callError{msg: fmt.Sprintf("%s; the server asks to retry after %s, longer than %s", ce.msg, info.retryAfter.Round(time.Second), c.maxRetryAfter), status: ce.status}
			}
			wait = max(info.retryAfter, wait/4)
		}
		if c.onRetry != nil {
			c.onRetry(attempt, wait, ce)
		}
		if err := c.sleep(ctx, wait); err != nil {
			return reply{}, err
		}
		attempt++
	}
}

// once is one HTTP request under the concurrency limit and the timeout.
func (c *client) once(ctx context.Context, system, user string, f Format) (reply, *httpInfo, error) {
	info := &httpInfo{}
	if err := c.limit.Acquire(ctx); err != nil {
		return reply{}, info, err
	}
	defer c.limit.Release()
	actx, cancel := context.WithTimeout(context.WithValue(ctx, httpInfoKey{}, info), c.timeout)
	defer cancel()
	resp, err := c.api.CreateChatCompletion(actx, c.request(system, user, f))
	if err != nil {
		if actx.Err() == context.DeadlineExceeded && ctx.Err() == nil {
			return reply{}, info, errTimeout
		}
		return reply{}, info, err
	}
	if len(resp.Choices) == 0 {
		return reply{}, info, errors.New("the answer has no choices")
	}
	ch := resp.Choices[0]
	if ch.Message.Refusal != "" && strings.TrimSpace(ch.Message.Content) == "" {
		return reply{}, info, fmt.Errorf("the model refused: %s", clip(ch.Message.Refusal, 200))
	}
	rep := reply{
		Content: ch.Message.Content, Finish: string(ch.FinishReason),
		PromptTokens: resp.Usage.PromptTokens, CompletionTokens: resp.Usage.CompletionTokens,
	}
	if err := checkTokens(rep, c.maxTokens); err != nil {
		return reply{}, info, &callError{msg: err.Error()}
	}
	return rep, info, nil
}

var errTimeout = errors.New("request timed out")

// request builds the chat completion request: temperature 0, the answer
// format, the output bound.
func (c *client) request(system, user string, f Format) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{
		Model: c.model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: system},
			{Role: openai.ChatMessageRoleUser, Content: user},
		},
		// go-openai omits a zero temperature (omitempty), which servers read
		// as their default (often 1): the smallest float is 0 in effect.
		Temperature: math.SmallestNonzeroFloat32,
		MaxTokens:   c.maxTokens,
	}
	switch f {
	case FormatJSONSchema:
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name: "mtaudit_findings", Schema: responseSchema, Strict: true,
			},
		}
	case FormatJSONObject:
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
	}
	if openai.NewReasoningValidator().Validate(req) != nil {
		// Reasoning models fix the temperature and take max_completion_tokens.
		req.Temperature = 0
		req.MaxCompletionTokens, req.MaxTokens = req.MaxTokens, 0
	}
	return req
}

// backoff is the exponential delay before retry number attempt, with jitter
// (between half and all of it) so that parallel callers spread out.
func (c *client) backoff(attempt int) time.Duration {
	d := c.baseDelay << (attempt - 1)
	if d > c.maxDelay || d <= 0 {
		d = c.maxDelay
	}
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// classify turns an error into a callError whose text holds no secret.
func (c *client) classify(err error, info *httpInfo) *callError {
	ce := &callError{status: info.status}
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	var netErr net.Error
	var known *callError
	switch {
	case errors.As(err, &known):
		return known
	case errors.Is(err, errAnswerTooLarge):
		ce.msg = fmt.Sprintf("the answer is larger than %d bytes, far more than --llm-max-tokens %d allows: answer refused", maxAnswerBytes(c.maxTokens), c.maxTokens)
		return ce
	case errors.Is(err, errTimeout):
		ce.msg = fmt.Sprintf("request timed out after %s", c.timeout)
		ce.retryable, ce.timeout = true, true
		return ce
	case errors.As(err, &apiErr):
		if apiErr.HTTPStatusCode != 0 {
			ce.status = apiErr.HTTPStatusCode
		}
		ce.msg = fmt.Sprintf("server answered %s: %s", statusText(ce.status), clip(apiErr.Message, 300))
	case errors.As(err, &reqErr):
		if reqErr.HTTPStatusCode != 0 {
			ce.status = reqErr.HTTPStatusCode
		}
		body := strings.TrimSpace(string(reqErr.Body))
		if body == "" && reqErr.Err != nil {
			body = reqErr.Err.Error()
		}
		ce.msg = fmt.Sprintf("server answered %s: %s", statusText(ce.status), clip(body, 300))
	case errors.As(err, &netErr) && netErr.Timeout():
		ce.msg = "request timed out: " + innermost(err)
		ce.retryable, ce.timeout = true, true
	case errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		ce.msg = "connection dropped: " + innermost(err)
		ce.retryable = true
	default:
		ce.msg = innermost(err)
	}
	if ce.status == http.StatusTooManyRequests || ce.status == http.StatusRequestTimeout || ce.status >= 500 {
		ce.retryable = true
	}
	ce.msg = c.redact.String(ce.msg)
	return ce
}

func statusText(code int) string {
	if code == 0 {
		return "an error"
	}
	return fmt.Sprintf("%d %s", code, http.StatusText(code))
}

// innermost drops the URL wrapper: net/url errors repeat the request URL.
func innermost(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err.Error()
	}
	return err.Error()
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Limiter bounds the requests in flight across every article and chunk of a
// process: one Limiter per Pass, one Pass per process.
type Limiter struct{ slots chan struct{} }

// NewLimiter allows n requests at once (at least one).
func NewLimiter(n int) *Limiter {
	if n < 1 {
		n = 1
	}
	return &Limiter{slots: make(chan struct{}, n)}
}

// Acquire waits for a slot or for ctx to end.
func (l *Limiter) Acquire(ctx context.Context) error {
	select {
	case l.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Release frees a slot.
func (l *Limiter) Release() { <-l.slots }
