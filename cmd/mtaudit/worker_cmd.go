package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cobra"

	"github.com/mtaudit/mtaudit/services/metrics"
	"github.com/mtaudit/mtaudit/services/queue"
	"github.com/mtaudit/mtaudit/services/server"
)

func init() { register(newWorkerCmd) }

type workerFlags struct {
	engine     engineFlags
	nats       natsFlags
	out        string
	results    string
	consumer   string
	jobs       int
	ackWait    time.Duration
	maxDeliver int
	// Operations: progress lines, metrics, article texts for collect.
	progressEvery time.Duration
	logFormat     string
	metricsAddr   string
	keepText      bool
}

func newWorkerCmd(e *env) *cobra.Command {
	var f workerFlags
	cmd := &cobra.Command{
		Use:   "worker --nats URL (--out DIR | --results SUBJECT) [flags]",
		Short: "Audit articles queued on NATS JetStream until stopped",
		Long: `Pull articles queued by 'mtaudit submit', audit each, and store its result —
the article object of the JSON contract — as DIR/HH/HASH.json (--out) and/or
publish it on SUBJECT (--results; a stream is created for it when none takes
it), keyed by the article's content hash so that a redelivery overwrites
rather than duplicates. An article is acknowledged only after its result is
stored: if a worker dies, its articles are delivered again after --ack-wait.
Run as many workers, on as many machines, as you like: they share one
durable consumer.

SIGTERM or Ctrl-C stops pulling, finishes the articles in hand, and exits 0;
a second signal exits at once (unfinished articles are redelivered).
Batch rules (names across a run) do not run in workers.

Every --progress-every the worker logs a structured line on standard error
(--log-format json or text): processed, failed, retried, in_flight, rate
(articles a second), pending and ack_pending (the queue). With
--metrics-addr it serves Prometheus metrics on http://ADDR/metrics. With
--out, each article's text is kept beside its result (HH/HASH.article;
--keep-text=false to skip) so that 'mtaudit collect' can write reports.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runWorker(cmd, e, &f) },
	}
	fs := cmd.Flags()
	f.engine.register(fs)
	f.nats.register(fs)
	fs.StringVar(&f.out, "out", "", "store each result as DIR/HH/HASH.json")
	fs.StringVar(&f.results, "results", "", "publish each result on this subject")
	fs.StringVar(&f.consumer, "consumer", queue.DefaultConsumer, "durable consumer shared by all workers")
	fs.IntVarP(&f.jobs, "jobs", "j", runtime.NumCPU(), "articles audited at once by this worker, on at most N CPUs")
	fs.DurationVar(&f.ackWait, "ack-wait", 30*time.Second, "redeliver an article not acknowledged (nor reported in progress) for this long")
	fs.IntVar(&f.maxDeliver, "max-deliver", 5, "deliveries of one article before its error is stored for good")
	fs.DurationVar(&f.progressEvery, "progress-every", queue.DefaultProgressEvery, "log a progress line this often (0: never)")
	fs.StringVar(&f.logFormat, "log-format", "json", "progress line format on standard error: json or text")
	fs.StringVar(&f.metricsAddr, "metrics-addr", "", "serve Prometheus metrics on http://ADDR/metrics (e.g. :9464)")
	fs.BoolVar(&f.keepText, "keep-text", true, "with --out, store each article's text beside its result, for 'mtaudit collect'")
	return cmd
}

func runWorker(cmd *cobra.Command, e *env, f *workerFlags) error {
	if f.out == "" && f.results == "" {
		return exitWith(exitError, errors.New("worker needs --out DIR or --results SUBJECT"))
	}
	if f.jobs < 1 {
		return exitWith(exitError, fmt.Errorf("-j must be at least 1, not %d", f.jobs))
	}
	defer capCPUs(f.jobs)()
	cfg, err := f.engine.loadConfig(cmd.Flags(), e)
	if err != nil {
		return exitWith(exitError, err)
	}
	eng, err := newEngine(cfg, e)
	if err != nil {
		return exitWith(exitError, err)
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second signal is not caught: it ends the process
	}()
	logger, err := serveLogger(e.stderr, f.logFormat)
	if err != nil {
		return exitWith(exitError, err)
	}
	progressEvery := f.progressEvery
	if progressEvery <= 0 {
		progressEvery = -1 // the flag's 0 is "never"; the library's is "default"
	}
	nc, js, err := f.nats.connect(e, "mtaudit worker")
	if err != nil {
		return exitWith(exitError, err)
	}
	defer nc.Close()
	wcfg := queue.WorkerConfig{
		Stream: f.nats.streamConfig(), Consumer: f.consumer, AckWait: f.ackWait, MaxDeliver: f.maxDeliver,
		Workers: f.jobs, Out: f.out, Results: f.results, KeepText: f.keepText,
		Log:    func(format string, args ...any) { fmt.Fprintf(e.stderr, "mtaudit worker: "+format+"\n", args...) },
		Logger: logger, ProgressEvery: progressEvery,
	}
	var reg *prometheus.Registry
	if f.metricsAddr != "" {
		reg = metrics.NewRegistry()
		wcfg.Metrics = reg
	}
	w, err := queue.NewWorker(js, eng, wcfg)
	if err != nil {
		return exitWith(exitError, err)
	}
	if reg != nil {
		stopMetrics, err := serveMetrics(ctx, e, f.metricsAddr, reg, logger)
		if err != nil {
			return exitWith(exitError, err)
		}
		defer stopMetrics()
	}
	fmt.Fprintf(e.stderr, "mtaudit worker: pulling from stream %s, subject %s, consumer %s, %d at a time\n", f.nats.stream, f.nats.subject, f.consumer, f.jobs)
	runErr := w.Run(ctx)
	st := w.Stats()
	fmt.Fprintf(e.stderr, "mtaudit worker: stopped: %d articles done (%d redelivered), %d errors stored, %d retries\n", st.Done, st.Redelivered, st.Errors, st.Retried)
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		return exitWith(exitError, runErr)
	}
	return nil
}

// serveMetrics serves reg on ADDR/metrics until stop is called (after the
// worker has stopped, so the last counts can still be scraped while it
// drains) or ctx ends. It says where it listens: ADDR may be ":0".
func serveMetrics(ctx context.Context, e *env, addr string, reg *prometheus.Registry, log *slog.Logger) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--metrics-addr: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", metrics.Handler(reg))
	fmt.Fprintf(e.stderr, "mtaudit worker: metrics on http://%s/metrics\n", ln.Addr())
	sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := server.Serve(sctx, ln, mux, server.Timeouts{Shutdown: 5 * time.Second}, log); err != nil {
			fmt.Fprintf(e.stderr, "mtaudit worker: metrics: %v\n", err)
		}
	}()
	return func() { cancel(); <-done }, nil
}
