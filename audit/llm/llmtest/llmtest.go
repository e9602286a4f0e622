// Package llmtest is an in-process OpenAI-compatible chat completions
// server whose answers a test scripts, for testing the LLM pass (and
// anything built on it) against real HTTP.
package llmtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Request is one chat completion request as the server received it.
type Request struct {
	N              int    // 1-based arrival number
	URL            string // path and query
	Header         http.Header
	Body           []byte
	Model          string
	System, User   string
	ResponseFormat string // "json_schema", "json_object" or ""
	// Temperature is nil when the request omits it.
	Temperature *float64
	MaxTokens   int
	// Chunk is the text between the chunk markers of the user message,
	// ChunkOK whether both markers were found.
	Chunk   string
	ChunkOK bool
}

// Reply is a scripted answer. A zero Status means 200: Content is then
// wrapped in a chat completion. Any other status sends Body as is.
type Reply struct {
	Status  int
	Header  http.Header
	Body    string
	Content string
	Finish  string // default "stop"
	// Delay holds the answer back (ended early if the client goes away).
	Delay                          time.Duration
	PromptTokens, CompletionTokens int
}

// Server is the scripted server. Answer is called for every request, from
// concurrent goroutines.
type Server struct {
	// URL is the base URL to configure, ending in /v1.
	URL string
	// Delay is added to every answer.
	Delay  time.Duration
	srv    *httptest.Server
	answer func(*Request) Reply
	count  atomic.Int64
	// in flight now and at most
	inflight, maxInflight atomic.Int64
	mu                    sync.Mutex
	reqs                  []*Request
}

// New starts a server answering with answer.
func New(answer func(*Request) Reply) *Server {
	s := &Server{answer: answer}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL + "/v1"
	return s
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Count is the number of requests received.
func (s *Server) Count() int { return int(s.count.Load()) }

// MaxInFlight is the most requests the server held at once.
func (s *Server) MaxInFlight() int { return int(s.maxInflight.Load()) }

// Requests returns the requests received so far, in arrival order.
func (s *Server) Requests() []*Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]*Request(nil), s.reqs...)
	sort.Slice(out, func(i, j int) bool { return out[i].N < out[j].N })
	return out
}

var chunkStart = regexp.MustCompile(`(?m)^=== BEGIN CHUNK ([0-9a-f]{8,}) ===\n`)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/chat/completions") {
		http.Error(w, `{"error":{"message":"not found","type":"invalid_request_error"}}`, http.StatusNotFound)
		return
	}
	n := s.inflight.Add(1)
	defer s.inflight.Add(-1)
	for {
		m := s.maxInflight.Load()
		if n <= m || s.maxInflight.CompareAndSwap(m, n) {
			break
		}
	}
	body, _ := io.ReadAll(r.Body)
	req := &Request{N: int(s.count.Add(1)), URL: r.URL.RequestURI(), Header: r.Header.Clone(), Body: body}
	var in struct {
		Model    string `json:"model"`
		Messages []struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"messages"`
		Temperature    *float64 `json:"temperature"`
		MaxTokens      int      `json:"max_tokens"`
		MaxCompletion  int      `json:"max_completion_tokens"`
		ResponseFormat *struct {
			Type string `json:"type"`
		} `json:"response_format"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		writeJSON(w, http.StatusBadRequest, errorBody("bad JSON: "+err.Error()))
		return
	}
	req.Model, req.Temperature, req.MaxTokens = in.Model, in.Temperature, max(in.MaxTokens, in.MaxCompletion)
	if in.ResponseFormat != nil {
		req.ResponseFormat = in.ResponseFormat.Type
	}
	for _, m := range in.Messages {
		switch m.Role {
		case "system":
			req.System += m.Content
		case "user":
			req.User += m.Content
		}
	}
	req.Chunk, req.ChunkOK = ExtractChunk(req.User)
	s.mu.Lock()
	s.reqs = append(s.reqs, req)
	s.mu.Unlock()

	rep := s.answer(req)
	if d := s.Delay + rep.Delay; d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	for k, vs := range rep.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if rep.Status != 0 && rep.Status != http.StatusOK {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rep.Status)
		io.WriteString(w, rep.Body)
		return
	}
	finish := rep.Finish
	if finish == "" {
		finish = "stop"
	}
	pt, ct := rep.PromptTokens, rep.CompletionTokens
	if pt == 0 {
		pt = (len(req.System) + len(req.User)) / 4
	}
	if ct == 0 {
		ct = len(rep.Content)/4 + 1
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"id": fmt.Sprintf("chatcmpl-%d", req.N), "object": "chat.completion", "created": time.Now().Unix(),
		"model": req.Model,
		"choices": []any{map[string]any{
			"index": 0, "finish_reason": finish,
			"message": map[string]any{"role": "assistant", "content": rep.Content},
		}},
		"usage": map[string]int{"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct},
	})
}

// ExtractChunk returns the text between the chunk markers of a user
// message, as a model reading the prompt would find it.
func ExtractChunk(user string) (string, bool) {
	m := chunkStart.FindStringSubmatchIndex(user)
	if m == nil {
		return "", false
	}
	nonce := user[m[2]:m[3]]
	rest := user[m[1]:]
	end := strings.Index(rest, "\n=== END CHUNK "+nonce+" ===")
	if end < 0 {
		return "", false
	}
	return rest[:end], true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func errorBody(msg string) map[string]any {
	return map[string]any{"error": map[string]any{"message": msg, "type": "invalid_request_error"}}
}

// Error is an OpenAI-style error answer.
func Error(status int, msg string) Reply {
	b, _ := json.Marshal(errorBody(msg))
	return Reply{Status: status, Body: string(b)}
}

// Item is one finding a scripted model returns.
type Item struct {
	Category    string  `json:"category"`
	Severity    string  `json:"severity"`
	Quote       string  `json:"quote"`
	Explanation string  `json:"explanation"`
	Suggestion  *string `json:"suggestion"`
}

// FindingsJSON is the answer object holding items.
func FindingsJSON(items ...Item) string {
	if items == nil {
		items = []Item{}
	}
	b, _ := json.Marshal(map[string]any{"findings": items})
	return string(b)
}

// Findings answers with items.
func Findings(items ...Item) Reply { return Reply{Content: FindingsJSON(items...)} }

// Gold answers every chunk with those items whose quote occurs in it, as a
// perfect model would.
func Gold(items []Item) func(*Request) Reply {
	return func(r *Request) Reply {
		var hit []Item
		for _, it := range items {
			if r.ChunkOK && strings.Contains(r.Chunk, it.Quote) {
				hit = append(hit, it)
			}
		}
		return Findings(hit...)
	}
}

// GoldItem is an item of a .gold.json file (shared/spec/findings.md).
type GoldItem struct {
	Category   string `json:"category"`
	Quote      string `json:"quote"`
	Occurrence int    `json:"occurrence,omitempty"`
	Optional   bool   `json:"optional,omitempty"`
	Needs      string `json:"needs,omitempty"`
}

// GoldFile is one annotated article.
type GoldFile struct {
	Name     string     // file name without .gold.json
	Text     string     // the article, NAME.txt
	Lang     string     `json:"lang"`
	Findings []GoldItem `json:"findings"`
}

// LoadGold reads every NAME.gold.json of dir with its NAME.txt.
func LoadGold(dir string) ([]GoldFile, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		return nil, err
	}
	var out []GoldFile
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var g GoldFile
		if err := json.Unmarshal(data, &g); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		g.Name = strings.TrimSuffix(filepath.Base(p), ".gold.json")
		text, err := os.ReadFile(filepath.Join(dir, g.Name+".txt"))
		if err != nil {
			return nil, err
		}
		g.Text = string(text)
		out = append(out, g)
	}
	return out, nil
}

// GoldItems turns the gold items that need an LLM (needs: llm) into the
// items a perfect model returns.
func GoldItems(files []GoldFile) []Item {
	var out []Item
	for _, g := range files {
		for _, f := range g.Findings {
			if f.Needs != "llm" {
				continue
			}
			out = append(out, Item{
				Category: f.Category, Severity: "major", Quote: f.Quote,
				Explanation: "Scripted answer from the gold annotations.",
			})
		}
	}
	return out
}
