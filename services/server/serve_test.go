package server

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// startServe runs Serve on a loopback port and returns its base URL and
// the channel Serve's result arrives on.
func startServe(t *testing.T, ctx context.Context, s *Server, to Timeouts) (string, <-chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, s, to, nil) }()
	return "http://" + ln.Addr().String(), done
}

// waitUntil polls cond until it holds; the bound only ends a hang.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting until %s", what)
}

// On shutdown the listener closes at once and a request in flight finishes
// with its answer; Serve then returns nil.
func TestServeGracefulShutdown(t *testing.T) {
	started, release := make(chan struct{}, 1), make(chan struct{})
	s, err := New(Options{Engine: testEngine(t, blockingRule(started, release)), Tool: testTool})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, done := startServe(t, ctx, s, Timeouts{Shutdown: time.Minute})
	addr := strings.TrimPrefix(url, "http://")

	inflight := make(chan answer, 1)
	go func() { inflight <- post(url) }()
	<-started
	cancel()
	waitUntil(t, "the listener is closed", func() bool {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
		}
		return err != nil
	})
	select {
	case err := <-done:
		t.Fatalf("Serve returned (%v) with a request in flight", err)
	default:
	}
	close(release)
	decodeArticle(t, <-inflight)
	if err := <-done; err != nil {
		t.Fatalf("Serve after a clean shutdown: %v", err)
	}
}

// A request still running when the grace period ends is cut off, and Serve says so.
func TestServeShutdownGraceExpires(t *testing.T) {
	started, release := make(chan struct{}, 1), make(chan struct{})
	defer close(release)
	s, err := New(Options{Engine: testEngine(t, blockingRule(started, release)), Tool: testTool})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	url, done := startServe(t, ctx, s, Timeouts{Shutdown: 100 * time.Millisecond})
	inflight := make(chan answer, 1)
	go func() { inflight <- post(url) }()
	<-started
	cancel()
	if err := <-done; err == nil || !strings.Contains(err.Error(), "shutdown") {
		t.Errorf("Serve = %v, want a shutdown error", err)
	}
	if a := <-inflight; a.status != 0 {
		t.Errorf("cut-off request answered %d", a.status)
	}
}

func TestServeTimeouts(t *testing.T) {
	s, err := New(Options{Engine: testEngine(t), Tool: testTool})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, _ := startServe(t, ctx, s, Timeouts{ReadHeader: 200 * time.Millisecond, Read: 300 * time.Millisecond, Idle: 200 * time.Millisecond})
	addr := strings.TrimPrefix(url, "http://")

	closedByServer := func(t *testing.T, c net.Conn) {
		t.Helper()
		c.SetReadDeadline(time.Now().Add(time.Minute))
		if _, err := io.ReadAll(c); err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatalf("the server kept the connection open")
			}
		}
	}
	t.Run("slow headers", func(t *testing.T) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		io.WriteString(c, "POST /v1/audit HTTP/1.1\r\nHost: x\r\n") // and never the blank line
		closedByServer(t, c)
	})
	t.Run("slow body", func(t *testing.T) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		io.WriteString(c, "POST /v1/audit HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nLe début")
		c.SetReadDeadline(time.Now().Add(time.Minute))
		status, err := bufio.NewReader(c).ReadString('\n')
		if err == nil && !strings.Contains(status, "400") {
			t.Errorf("slow body answered %q", status)
		}
	})
	t.Run("idle keep-alive", func(t *testing.T) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
		c.SetReadDeadline(time.Now().Add(time.Minute))
		r := bufio.NewReader(c)
		if status, err := r.ReadString('\n'); err != nil || !strings.Contains(status, "200") {
			t.Fatalf("healthz on a raw connection: %q %v", status, err)
		}
		if _, err := io.ReadAll(r); err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatalf("idle connection kept open")
			}
		}
	})
}
