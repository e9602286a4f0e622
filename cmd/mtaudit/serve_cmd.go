package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/reports/i18n"
	"github.com/mtaudit/mtaudit/rules"
	"github.com/mtaudit/mtaudit/services/server"
)

func init() { register(newServeCmd) }

type serveFlags struct {
	engine        engineFlags
	addr          string
	maxBody       int64
	maxConcurrent int
	maxConns      int
	queueWait     time.Duration
	tokenFile     string
	logFormat     string
	timeouts      server.Timeouts
	messages      messagesFlag
	suppressions  string
}

func newServeCmd(e *env) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Serve the audit page and the HTTP API (POST /v1/audit)",
		Long: `Serve a page where editors paste an article and see its highlighted report,
and a JSON API a CMS calls before publishing:

  POST /v1/audit    text/plain body, or JSON {"text", "title"?, "lang"?, "llm"?}:
                    the article object of the JSON contract, verdict included
  POST /v1/report   the same input: the article's HTML report section
  GET  /v1/rules    the rules, their severity and whether they are enabled
  /v1/suppressions  with --suppressions FILE: GET lists the dismissals, POST
                    {"article", "rule", "quote", "occurrence", "reason"} adds
                    one (the page's Dismiss buttons), DELETE takes one back
  GET  /healthz     liveness

The server listens on loopback unless --addr says otherwise; beyond loopback
use --token-file, and /v1/ then wants "Authorization: Bearer TOKEN". It logs
one JSON line per request to standard error (never the article text or the
token) and stops on SIGINT or SIGTERM once the requests in flight are answered.
See docs/api.md.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd, e, &f)
		},
	}
	fs := cmd.Flags()
	f.engine.register(fs)
	d := server.DefaultTimeouts
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	fs.Int64Var(&f.maxBody, "max-body", server.DefaultMaxBody, "largest request body in bytes (413 past it)")
	fs.IntVar(&f.maxConcurrent, "max-concurrent", 0, "audits running at once (default twice the CPUs, at least 4)")
	fs.IntVar(&f.maxConns, "max-conns", server.DefaultMaxConns, "connections held open at once (more wait to be accepted)")
	fs.DurationVar(&f.queueWait, "queue-wait", server.DefaultQueueWait, "how long a request waits for a free audit slot before 503")
	fs.StringVar(&f.tokenFile, "token-file", "", "file holding the bearer token /v1/ requests must carry")
	fs.StringVar(&f.logFormat, "log-format", "json", "request log format on standard error: json or text")
	fs.DurationVar(&f.timeouts.ReadHeader, "read-header-timeout", d.ReadHeader, "time allowed to read a request's headers")
	fs.DurationVar(&f.timeouts.Read, "read-timeout", d.Read, "time allowed to read a whole request")
	fs.DurationVar(&f.timeouts.Write, "write-timeout", d.Write, "time allowed to audit and answer (leave room for --llm)")
	fs.DurationVar(&f.timeouts.Idle, "idle-timeout", d.Idle, "how long an idle keep-alive connection stays open")
	fs.DurationVar(&f.timeouts.Shutdown, "shutdown-timeout", d.Shutdown, "on SIGTERM, how long requests in flight may take to finish")
	f.messages.register(fs)
	fs.StringVar(&f.suppressions, "suppressions", "", "suppressions file: the page's Dismiss buttons add to it (POST /v1/suppressions, written atomically) and every audit leaves its findings out (default: the configuration's suppressions key)")
	fs.Lookup("messages").Usage = "default language of findings' messages and of the reports and page (a request's \"messages\" overrides it): " +
		i18n.Auto + " (each article's language; the page follows the browser) or one of " + strings.Join(i18n.MustBuiltin().Languages(), ", ") +
		"; when given, every /v1/audit answer adds message_localized"
	return cmd
}

func runServe(cmd *cobra.Command, e *env, f *serveFlags) error {
	if f.maxBody < 1 {
		return exitWith(exitError, errors.New("--max-body must be positive"))
	}
	if f.maxConcurrent < 0 {
		return exitWith(exitError, errors.New("--max-concurrent must not be negative"))
	}
	if f.maxConns < 1 {
		return exitWith(exitError, errors.New("--max-conns must be positive"))
	}
	log, err := serveLogger(e.stderr, f.logFormat)
	if err != nil {
		return exitWith(exitError, err)
	}
	opts, err := serveOptions(cmd, e, f)
	if err != nil {
		return exitWith(exitError, err)
	}
	opts.Logger = log
	srv, err := server.New(opts)
	if err != nil {
		return exitWith(exitError, err)
	}

	start := time.Now()
	warmUp(cmd.Context(), opts.Engine)
	log.Info("rules ready", "took", time.Since(start).Round(time.Millisecond).String())

	ctx, stop := notifyStop(cmd.Context())
	defer stop()
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return exitWith(exitError, fmt.Errorf("listen on %s: %w", f.addr, err))
	}
	if opts.Token == "" && !loopbackAddr(ln.Addr()) {
		log.Warn("listening beyond loopback without --token-file: anyone who reaches this address can use the API")
	}
	log.Info("listening", "addr", ln.Addr().String(), "url", "http://"+ln.Addr().String()+"/",
		"rules", len(opts.Engine.Rules()), "llm", srv.LLMAvailable(), "auth", opts.Token != "")
	if err := server.Serve(ctx, server.LimitConns(ln, f.maxConns), srv, f.timeouts, log); err != nil {
		return exitWith(exitError, err)
	}
	return nil
}

// serveOptions builds the engines as the audit command does: one with the
// rules alone, and one with the LLM pass when the configuration enables it.
func serveOptions(cmd *cobra.Command, e *env, f *serveFlags) (server.Options, error) {
	cfg, err := f.engine.loadConfig(cmd.Flags(), e)
	if err != nil {
		return server.Options{}, err
	}
	rulesOnly := *cfg
	rulesOnly.LLM.Enabled = false
	eng, err := newEngine(&rulesOnly, e)
	if err != nil {
		return server.Options{}, err
	}
	o := server.Options{
		Engine: eng, Tool: tool(), MaxBody: f.maxBody, MaxConcurrent: f.maxConcurrent, QueueWait: f.queueWait,
		Messages: f.messages.value, LocalizeJSON: cmd.Flags().Changed("messages"),
		Suppressions: suppressionsPath(f.suppressions, cfg, f.engine.configDir()),
	}
	if _, err := i18n.MustBuiltin().Setting(o.Messages); err != nil {
		return server.Options{}, err
	}
	if cfg.LLM.Enabled {
		if o.LLMEngine, err = newEngine(cfg, e); err != nil {
			return server.Options{}, err
		}
	}
	if o.Registry, err = rules.All(); err != nil {
		return server.Options{}, err
	}
	if f.tokenFile != "" {
		if o.Token, err = readTokenFile(f.tokenFile); err != nil {
			return server.Options{}, err
		}
	}
	return o, nil
}

// readTokenFile reads a bearer token: the file's content without
// surrounding white space. Errors never quote the content.
func readTokenFile(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read token file: %w", err)
	}
	tok := strings.TrimSpace(string(data))
	switch {
	case tok == "":
		return "", fmt.Errorf("token file %s is empty", path)
	case strings.ContainsAny(tok, " \t\r\n"):
		return "", fmt.Errorf("token file %s holds more than one word", path)
	}
	return tok, nil
}

func serveLogger(w io.Writer, format string) (*slog.Logger, error) {
	switch format {
	case "json":
		return slog.New(slog.NewJSONHandler(w, nil)), nil
	case "text":
		return slog.New(slog.NewTextHandler(w, nil)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want json or text", format)
}

// loopbackAddr reports whether a listener only accepts local connections.
func loopbackAddr(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// warmUpText makes the rules build what they build on first use (the
// language detector's models take seconds), so the first request does not
// wait for it.
const warmUpText = "Le ministre a promis des [job guarantees] aux syndicats, selon l'agence.\n\n" +
	"The minister promised guarantees to the unions.\n"

func warmUp(ctx context.Context, eng *audit.Engine) {
	doc, err := audit.NewDocument("warm-up", []byte(warmUpText))
	if err != nil {
		return
	}
	eng.Audit(ctx, doc)
}
