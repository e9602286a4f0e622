package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/readers"
	"github.com/mtaudit/mtaudit/services/queue"
)

func init() { register(newSubmitCmd) }

// natsFlags are the connection and stream flags submit and worker share.
type natsFlags struct {
	url     string
	creds   string
	stream  string
	subject string
	dup     time.Duration
}

func (f *natsFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.url, "nats", "", "NATS server URL(s), comma-separated (default $NATS_URL, else "+nats.DefaultURL+")")
	fs.StringVar(&f.creds, "creds", "", "NATS credentials file (default $NATS_CREDS)")
	fs.StringVar(&f.stream, "stream", queue.DefaultStream, "JetStream work-queue stream (created when missing)")
	fs.StringVar(&f.subject, "subject", queue.DefaultSubject, "subject the articles are published on")
	fs.DurationVar(&f.dup, "dup-window", time.Hour, "how long the stream remembers a content hash to drop resubmissions")
}

// connect opens the connection; the URL and credentials never appear in
// messages (a URL may carry a password).
func (f *natsFlags) connect(e *env, name string) (*nats.Conn, jetstream.JetStream, error) {
	url := f.url
	if url == "" {
		url = e.getenv("NATS_URL")
	}
	if url == "" {
		url = nats.DefaultURL
	}
	opts := []nats.Option{nats.Name(name), nats.MaxReconnects(-1)}
	creds := f.creds
	if creds == "" {
		creds = e.getenv("NATS_CREDS")
	}
	if creds != "" {
		opts = append(opts, nats.UserCredentials(creds))
	}
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		return nil, nil, fmt.Errorf("connect to NATS: %w", err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("JetStream: %w", err)
	}
	return nc, js, nil
}

func (f *natsFlags) streamConfig() queue.Stream {
	return queue.Stream{Name: f.stream, Subject: f.subject, Duplicates: f.dup}
}

type submitFlags struct {
	nats        natsFlags
	stdinFormat string
	maxArticle  int
	maxMsgs     int64
	maxBytes    int64
	maxAge      time.Duration
	replicas    int
	force       bool
}

func newSubmitCmd(e *env) *cobra.Command {
	var f submitFlags
	cmd := &cobra.Command{
		Use:   "submit --nats URL [flags] PATH...",
		Short: "Queue articles on NATS JetStream for mtaudit workers",
		Long: `Publish articles (files, directories, - for stdin; every input format the
audit command reads) to a JetStream work-queue stream, created when missing.
The article's content hash is the message id: resubmitting an article still
in the duplicate window is dropped, unless --force (which queues it again
under a fresh message id, to re-audit after a rule change). Workers ('mtaudit worker') audit them.

Stream limits (--max-msgs, --max-bytes, --max-age, --replicas) apply when the
stream is created. A full stream refuses new articles (they are reported as
failed) rather than dropping queued ones. Exit codes: 0 all queued, 2 some
input could not be read or queued.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runSubmit(cmd, e, &f, args) },
	}
	fs := cmd.Flags()
	f.nats.register(fs)
	fs.StringVar(&f.stdinFormat, "stdin-format", "txt", "what standard input holds: "+joinExts())
	fs.IntVar(&f.maxArticle, "max-article-bytes", audit.DefaultMaxArticleBytes, "refuse an article whose text is longer than N bytes; -1 for no limit")
	fs.Int64Var(&f.maxMsgs, "max-msgs", 0, "stream limit: queued articles (0: unlimited)")
	fs.Int64Var(&f.maxBytes, "max-bytes", 0, "stream limit: queued bytes (0: unlimited)")
	fs.DurationVar(&f.maxAge, "max-age", 0, "stream limit: drop articles queued longer than this (0: never)")
	fs.IntVar(&f.replicas, "replicas", 1, "stream replicas (3 on a cluster survives a server loss)")
	fs.BoolVar(&f.force, "force", false, "queue the articles again even inside the duplicate window (re-audit; results are overwritten)")
	return cmd
}

func runSubmit(cmd *cobra.Command, e *env, f *submitFlags, args []string) error {
	if _, err := stdinExt(f.stdinFormat); err != nil {
		return exitWith(exitError, err)
	}
	ctx, stop := notifyStop(cmd.Context())
	defer stop()
	nc, js, err := f.nats.connect(e, "mtaudit submit")
	if err != nil {
		return exitWith(exitError, err)
	}
	defer nc.Close()
	s := f.nats.streamConfig()
	s.MaxMsgs, s.MaxBytes, s.MaxAge, s.Replicas = f.maxMsgs, f.maxBytes, f.maxAge, f.replicas

	files, bad := audit.ExpandPaths(args)
	failures := 0
	report := func(path string, err error) {
		failures++
		fmt.Fprintf(e.stderr, "mtaudit: %s: %v\n", path, err)
	}
	for _, b := range bad {
		report(b.Path, b.Err)
	}
	inputs := func(yield func(audit.Input) bool) {
		for _, p := range files {
			for in := range readers.InputsWith(p, audit.ReadOptions{Stdin: e.stdin, StdinExt: readOptions(audit.DefaultConfig(), e, f.stdinFormat).StdinExt, MaxArticleBytes: f.maxArticle}) {
				if !yield(in) {
					return
				}
			}
		}
	}
	st, err := queue.SubmitWith(ctx, js, s, queue.SubmitOptions{Force: f.force}, inputs, report)
	fmt.Fprintf(e.stdout, "submitted to stream %s (subject %s): %d new, %d already queued, %d failed\n",
		s.Name, s.Subject, st.Published, st.Duplicates, st.Failed+len(bad))
	switch {
	case errors.Is(err, context.Canceled):
		return exitWith(exitError, errors.New("interrupted"))
	case err != nil:
		return exitWith(exitError, err)
	case failures > 0:
		return exitWith(exitError, nil)
	}
	return nil
}
