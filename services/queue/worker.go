package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/atomicfile"
	"github.com/mtaudit/mtaudit/reports"
	"github.com/mtaudit/mtaudit/services/batch"
	"github.com/mtaudit/mtaudit/services/metrics"
)

// WorkerConfig sets up a worker. Out or Results (or both) must be set.
type WorkerConfig struct {
	Stream Stream
	// Consumer is the durable pull consumer every worker shares.
	Consumer string
	// AckWait is how long a delivered article may go unacknowledged before
	// the server delivers it again. A live worker extends it while it
	// audits (it reports progress every AckWait/3), so it bounds how long
	// a dead worker's articles wait, not how long an audit may take.
	// Default 30 s.
	AckWait time.Duration
	// MaxDeliver bounds deliveries of one article (crashes, failed LLM
	// passes); after the last an error entry is stored. Default 5.
	MaxDeliver int
	// Workers is how many articles one process audits at once; default
	// the number of CPUs.
	Workers int
	// Out stores each result as Out/HH/HASH.json (HH the hash's first two
	// digits), written atomically.
	Out string
	// Results publishes each result on this subject, with the hash as
	// message id; a stream capturing it is created when none does.
	Results       string
	ResultsStream string // default DefaultResultsStream
	// FetchWait bounds one pull request; default 5 s.
	FetchWait time.Duration
	// Log, when set, receives one line per failure worth an operator's eye.
	Log func(format string, args ...any)
	// Logger receives a structured "progress" line every ProgressEvery
	// (default DefaultProgressEvery; negative: none): processed, failed,
	// retried, in_flight, rate (articles a second since the last line),
	// pending and ack_pending (the consumer's, -1 when unknown).
	Logger        *slog.Logger
	ProgressEvery time.Duration
	// Metrics, when set, receives the worker's Prometheus metrics.
	Metrics prometheus.Registerer
	// KeepText stores, beside each result in Out, the article as it was
	// received (HH/HASH.article, JSON): `mtaudit collect` needs the text to
	// write per-article reports with excerpts.
	KeepText bool

	metrics *metrics.Audits
}

// WorkerStats count a worker's articles.
type WorkerStats struct {
	Done        int64 // results stored and acknowledged
	Redelivered int64 // of those, articles delivered more than once
	Errors      int64 // error entries stored (bad message, required LLM pass failed for good)
	Retried     int64 // audits that failed and were handed back for another try
}

// Worker pulls articles and audits them.
type Worker struct {
	js  jetstream.JetStream
	eng *audit.Engine
	cfg WorkerConfig

	done, redelivered, errs, retried atomic.Int64
	inFlight                         atomic.Int64
	queue                            queueState

	// ticker and now are the progress clock; tests replace them.
	ticker func(time.Duration) (<-chan time.Time, func())
	now    func() time.Time

	// testHookBeforeAck runs after a result is stored, before the ack.
	testHookBeforeAck func(hash string)
}

// NewWorker checks the configuration.
func NewWorker(js jetstream.JetStream, eng *audit.Engine, cfg WorkerConfig) (*Worker, error) {
	cfg.Stream.defaults()
	if cfg.Out == "" && cfg.Results == "" {
		return nil, errors.New("a worker needs somewhere to store results: an output directory or a results subject")
	}
	if cfg.Consumer == "" {
		cfg.Consumer = DefaultConsumer
	}
	if cfg.AckWait <= 0 {
		cfg.AckWait = 30 * time.Second
	}
	if cfg.MaxDeliver <= 0 {
		cfg.MaxDeliver = 5
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.NumCPU()
	}
	if cfg.ResultsStream == "" {
		cfg.ResultsStream = DefaultResultsStream
	}
	if cfg.FetchWait <= 0 {
		cfg.FetchWait = 5 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = func(string, ...any) {}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	w := &Worker{js: js, eng: eng, cfg: cfg, ticker: realTicker, now: time.Now}
	if cfg.Metrics != nil {
		w.registerMetrics(cfg.Metrics)
	}
	return w, nil
}

// Stats returns the counts so far.
func (w *Worker) Stats() WorkerStats {
	return WorkerStats{Done: w.done.Load(), Redelivered: w.redelivered.Load(), Errors: w.errs.Load(), Retried: w.retried.Load()}
}

// Run pulls and audits until ctx is cancelled, then stops pulling, lets
// the articles in hand finish (stored and acknowledged), and returns nil.
// It returns an error when the stream or consumer cannot be set up or the
// connection is lost.
func (w *Worker) Run(ctx context.Context) error {
	// A stop asked for while the worker is still setting up is a clean
	// stop, as one asked for later is: nothing was taken from the queue.
	stopped := func(err error) error {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	if _, err := EnsureStream(ctx, w.js, w.cfg.Stream); err != nil {
		return stopped(err)
	}
	if w.cfg.Results != "" {
		if err := ensureResults(ctx, w.js, w.cfg.ResultsStream, w.cfg.Results, w.cfg.Stream.Duplicates); err != nil {
			return stopped(err)
		}
	}
	if w.cfg.Out != "" {
		if err := os.MkdirAll(w.cfg.Out, 0o755); err != nil {
			return fmt.Errorf("create %s: %w", w.cfg.Out, err)
		}
		// A worker killed mid-write leaves its temporary file behind.
		if n, err := removeStaleTemps(w.cfg.Out, time.Now().Add(-staleTempAge)); err != nil {
			w.cfg.Log("remove stale temporary files in %s: %v", w.cfg.Out, err)
		} else if n > 0 {
			w.cfg.Log("removed %d temporary files left in %s by a stopped worker", n, w.cfg.Out)
		}
	}
	cons, err := w.js.CreateOrUpdateConsumer(ctx, w.cfg.Stream.Name, jetstream.ConsumerConfig{
		Durable:       w.cfg.Consumer,
		Description:   "mtaudit workers",
		FilterSubject: w.cfg.Stream.Subject,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       w.cfg.AckWait,
		MaxDeliver:    w.cfg.MaxDeliver,
	})
	if err != nil {
		return stopped(fmt.Errorf("consumer %s: %w", w.cfg.Consumer, err))
	}
	// Progress lines run until the pulling loops end, whatever ends them.
	pctx, stopProgress := context.WithCancel(ctx)
	progressDone := make(chan struct{})
	go func() {
		defer close(progressDone)
		w.progressLoop(pctx, cons)
	}()
	defer func() { stopProgress(); <-progressDone }()
	var wg sync.WaitGroup
	errc := make(chan error, w.cfg.Workers)
	for range w.cfg.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w.loop(ctx, cons); err != nil {
				errc <- err
			}
		}()
	}
	wg.Wait()
	close(errc)
	return <-errc
}

// loop takes one article at a time: nothing waits in a client buffer while
// its ack wait runs out.
func (w *Worker) loop(ctx context.Context, cons jetstream.Consumer) error {
	for ctx.Err() == nil {
		fctx, cancel := context.WithTimeout(ctx, w.cfg.FetchWait)
		msg, err := cons.Next(jetstream.FetchContext(fctx))
		cancel()
		switch {
		case err == nil:
			// Once taken, an article is finished even if a stop is asked.
			w.handle(context.WithoutCancel(ctx), msg)
		case ctx.Err() != nil:
			return nil
		case errors.Is(err, nats.ErrConnectionClosed), errors.Is(err, jetstream.ErrConsumerDeleted), errors.Is(err, jetstream.ErrConsumerNotFound):
			return fmt.Errorf("pull articles: %w", err)
		default:
			// A timeout or a transient error: ask again.
		}
	}
	return nil
}

// handle audits one message, stores the result, then acknowledges it.
func (w *Worker) handle(ctx context.Context, msg jetstream.Msg) {
	meta, err := msg.Metadata()
	if err != nil {
		w.cfg.Log("message without metadata: %v", err)
		msg.Term()
		return
	}
	stop := w.keepAlive(msg)
	defer stop()
	w.inFlight.Add(1)
	defer w.inFlight.Add(-1)

	var art Article
	if err := json.Unmarshal(msg.Data(), &art); err != nil {
		w.fail(ctx, msg, hashOr(msg, ""), "", fmt.Errorf("bad message %d: %w", meta.Sequence.Stream, err), true)
		return
	}
	limit := audit.ReadOptions{MaxArticleBytes: w.eng.Config().MaxArticleBytes}.ArticleLimit()
	if limit >= 0 && len(art.Text) > limit {
		w.fail(ctx, msg, hashOr(msg, art.Text), art.Path, &audit.TooLargeError{What: "article", Size: int64(len(art.Text)), Limit: int64(limit)}, true)
		return
	}
	doc, err := art.Document()
	if err != nil {
		w.fail(ctx, msg, hashOr(msg, art.Text), art.Path, err, true)
		return
	}
	hash := batch.Hash(doc.Text)
	start := time.Now()
	res := w.eng.Audit(ctx, doc)
	w.cfg.metrics.Observe(res, time.Since(start))
	if res.Err != nil {
		last := meta.NumDelivered >= uint64(w.cfg.MaxDeliver)
		if !last {
			// Likely transient (an LLM server down): another try later.
			w.retried.Add(1)
			w.cfg.Log("%s: %v; delivery %d of %d, retrying", art.Path, res.Err, meta.NumDelivered, w.cfg.MaxDeliver)
			msg.NakWithDelay(retryDelay(meta.NumDelivered))
			return
		}
		w.fail(ctx, msg, hash, art.Path, res.Err, false)
		return
	}
	body, err := json.Marshal(reports.Article(res))
	if err != nil {
		w.fail(ctx, msg, hash, art.Path, err, false)
		return
	}
	if res.Doc.LangGiven {
		// Stored so, the article says its language was given (by the
		// message or the worker's configuration), not detected.
		art.Lang = res.Doc.Lang
	}
	if err := w.keepText(hash, art); err != nil {
		w.cfg.Log("%s: store article text: %v", art.Path, err)
		msg.NakWithDelay(retryDelay(meta.NumDelivered))
		return
	}
	if err := w.store(ctx, hash, body, false); err != nil {
		// Not stored: leave it unacknowledged for another delivery.
		w.cfg.Log("%s: store result: %v", art.Path, err)
		msg.NakWithDelay(retryDelay(meta.NumDelivered))
		return
	}
	w.ack(ctx, msg, hash, meta)
}

func (w *Worker) ack(ctx context.Context, msg jetstream.Msg, hash string, meta *jetstream.MsgMetadata) {
	if w.testHookBeforeAck != nil {
		w.testHookBeforeAck(hash)
	}
	if err := msg.DoubleAck(ctx); err != nil {
		// The result is stored; the redelivery will overwrite it.
		w.cfg.Log("ack %s: %v", hash, err)
		return
	}
	w.done.Add(1)
	if meta.NumDelivered > 1 {
		w.redelivered.Add(1)
	}
}

// fail stores an error entry for the article and acknowledges (or, for a
// message that can never be read, terminates) it.
func (w *Worker) fail(ctx context.Context, msg jetstream.Msg, hash, path string, cause error, terminal bool) {
	w.cfg.Log("%s: %v", path, cause)
	body, _ := json.Marshal(reports.ErrorEntry{Path: path, Error: cause.Error()})
	if hash != "" {
		if err := w.store(ctx, hash, body, true); err != nil {
			w.cfg.Log("%s: store error entry: %v", path, err)
			msg.Nak()
			return
		}
	}
	// Counted once the message is settled, so that whoever watches the
	// count does not stop the worker between the two.
	defer w.errs.Add(1)
	if terminal {
		msg.Term()
		return
	}
	msg.DoubleAck(ctx)
}

// store writes the result file and publishes the result, as configured.
func (w *Worker) store(ctx context.Context, hash string, body []byte, isError bool) error {
	if w.cfg.Out != "" {
		p := ResultPath(w.cfg.Out, hash)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := atomicfile.WriteFile(p, body, 0o644); err != nil {
			return err
		}
	}
	if w.cfg.Results != "" {
		m := nats.NewMsg(w.cfg.Results)
		m.Data = body
		m.Header.Set(HashHeader, hash)
		if isError {
			m.Header.Set(ErrorHeader, "true")
		}
		if _, err := w.js.PublishMsg(ctx, m, jetstream.WithMsgID(hash)); err != nil {
			return fmt.Errorf("publish result: %w", err)
		}
	}
	return nil
}

// keepText writes the article beside its result, before the result, so
// that a stored result always has its text. Its lang is set when the
// language was given rather than detected.
func (w *Worker) keepText(hash string, art Article) error {
	if !w.cfg.KeepText || w.cfg.Out == "" {
		return nil
	}
	body, err := json.Marshal(art)
	if err != nil {
		return err
	}
	p := ArticlePath(w.cfg.Out, hash)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return atomicfile.WriteFile(p, body, 0o644)
}

// ArticlePath is where a worker run with KeepText stores the article for
// hash under dir.
func ArticlePath(dir, hash string) string {
	return strings.TrimSuffix(ResultPath(dir, hash), ".json") + ArticleExt
}

// ArticleExt ends the name of an article file beside a result: not
// .json, so that globs for results (HH/*.json) do not take it.
const ArticleExt = ".article"

// ResultPath is where a worker stores the result for hash under dir.
func ResultPath(dir, hash string) string {
	shard := "00"
	if len(hash) >= 2 {
		shard = hash[:2]
	}
	return filepath.Join(dir, shard, hash+".json")
}

// keepAlive tells the server the article is being worked on, so a long
// audit outlives a short ack wait while a dead worker's articles do not.
func (w *Worker) keepAlive(msg jetstream.Msg) (stop func()) {
	done := make(chan struct{})
	var once sync.Once
	go func() {
		t := time.NewTicker(max(w.cfg.AckWait/3, 10*time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if msg.InProgress() != nil {
					return
				}
			}
		}
	}()
	return func() { once.Do(func() { close(done) }) }
}

// hashOr is the message's hash header, else the hash of text. The header
// names a file, so only a well-formed hash is taken from it.
func hashOr(msg jetstream.Msg, text string) string {
	if h := msg.Headers().Get(HashHeader); isHash(h) {
		return h
	}
	if text == "" {
		return ""
	}
	return batch.Hash(text)
}

func isHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// retryDelay is backoff; tests shorten it.
var retryDelay = backoff

// backoff delays a retry: 5 s, 20 s, 45 s, … capped at 5 minutes.
func backoff(delivered uint64) time.Duration {
	d := time.Duration(delivered*delivered) * 5 * time.Second
	return min(d, 5*time.Minute)
}
