package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"golang.org/x/net/netutil"
)

// Timeouts bound a connection's life. Zero fields take the defaults.
type Timeouts struct {
	ReadHeader time.Duration // request line and headers
	Read       time.Duration // whole request, body included
	Write      time.Duration // from the end of the headers to the end of the answer; covers the audit
	Idle       time.Duration // keep-alive connection between requests
	Shutdown   time.Duration // grace given to requests in flight on shutdown
}

// DefaultTimeouts leave room for an LLM pass inside the write timeout.
var DefaultTimeouts = Timeouts{
	ReadHeader: 10 * time.Second,
	Read:       30 * time.Second,
	Write:      2 * time.Minute,
	Idle:       2 * time.Minute,
	Shutdown:   30 * time.Second,
}

func (t Timeouts) withDefaults() Timeouts {
	d := DefaultTimeouts
	pick := func(v, def time.Duration) time.Duration {
		if v > 0 {
			return v
		}
		return def
	}
	return Timeouts{
		ReadHeader: pick(t.ReadHeader, d.ReadHeader), Read: pick(t.Read, d.Read), Write: pick(t.Write, d.Write),
		Idle: pick(t.Idle, d.Idle), Shutdown: pick(t.Shutdown, d.Shutdown),
	}
}

// Serve answers h on ln until ctx is done, then shuts down gracefully: the
// listener closes at once, requests in flight finish (within
// Timeouts.Shutdown), idle connections close. It returns nil after a clean
// shutdown.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, t Timeouts, log *slog.Logger) error {
	t = t.withDefaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", t.Shutdown.String())
	sctx, cancel := context.WithTimeout(context.Background(), t.Shutdown)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("shutdown: requests still running after %s: %w", t.Shutdown, err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}

// DefaultMaxConns bounds the connections a server holds open at once.
const DefaultMaxConns = 256

// LimitConns makes ln accept at most n connections at once (DefaultMaxConns
// when n ≤ 0): past that, new clients wait in the listen queue instead of
// each costing a goroutine, buffers and, soon, a request body.
func LimitConns(ln net.Listener, n int) net.Listener {
	if n <= 0 {
		n = DefaultMaxConns
	}
	return netutil.LimitListener(ln, n)
}
