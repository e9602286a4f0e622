// Package batch audits a stream of articles in parallel and hands the
// results back in input order, whatever the number of workers.
//
// A run is a pipeline: one goroutine reads inputs (in order) and numbers
// them; Workers goroutines audit; StoreWorkers goroutines store results
// (writing files means waiting on fsync, so storing overlaps auditing); the
// caller's goroutine puts outcomes back in order and emits them.
//
// Memory: only the articles in flight are held — at most Window inputs,
// and WindowBytes of their text, between reading and emitting — so a run
// of millions of articles stays flat. Batch rules (audit.Rule.RunBatch,
// such as the spelling of names across a run) add findings to articles
// only once the last article is in: with any enabled, each outcome, once
// in order, is handed to the batch rules (which keep a compact summary of
// it, see audit.BatchRun) and written to a spool file on disk; when every input is done the batch
// rules decide, and the spool is read back in order: each outcome gets its
// batch findings, is stored again when they changed it (Outcome.Rewrite),
// and is emitted. Memory stays flat; the spool takes about twice the text
// on disk (Options.SpoolDir) and is removed at the end (at once on Unix,
// where it is unlinked while open).
//
// Cancelling the context stops reading; articles already being audited
// finish, but a result whose audit ended after the cancellation is dropped
// (a semantic pass cut short is not a finished audit): every outcome
// emitted or stored is complete. An interrupted run does not run the batch
// rules (their findings over part of a run would be wrong, and stored
// reports would carry them into a resumed run): resuming it gives what an
// uninterrupted run gives.
package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/mtaudit/mtaudit/audit"
)

// Hash is the content hash of an article: hex SHA-256 of its text. Resume
// and the queue's de-duplication key on it.
func Hash(text string) string {
	// The bytes are read in place: a conversion would copy every article
	// once more (as much allocation as reading it).
	sum := sha256.Sum256(unsafe.Slice(unsafe.StringData(text), len(text)))
	return hex.EncodeToString(sum[:])
}

// Job is one input on its way through a run.
type Job struct {
	Seq   int // position in input order, from 0
	Input audit.Input
	// Hash is Hash of the document text, for the callbacks that key on it:
	// set when Options has Prepare, Resume or Store (hashing every text,
	// a run's bytes once more, is work only they need); empty for an
	// unreadable input.
	Hash string
	// Name is free for Options.Prepare (the command puts the report file
	// name there).
	Name string

	weight int64 // what the input holds of the window's bytes
}

// Outcome is a job done: an audited or resumed result, or an unreadable input.
type Outcome struct {
	*Job
	// Result is nil for an unreadable input (Input.Err set). Result.Err set
	// means the article could not be audited (a required LLM pass failed,
	// or the input named a language with no target profile);
	// such results are never stored.
	Result *audit.Result
	// Resumed says Result was loaded by Options.Resume, not audited.
	Resumed bool
	// Rewrite says Store is called again for this outcome, after the batch
	// rules changed it: it was stored once already (or resumed).
	Rewrite bool
	// Rendered is free for Options.Render.
	Rendered []byte

	dropped bool // cancelled before it was done; never emitted
}

// Options tune a run. Every callback is optional.
type Options struct {
	// Workers audit in parallel; default runtime.NumCPU().
	Workers int
	// StoreWorkers run Store in parallel; default 4.
	StoreWorkers int
	// Window bounds the inputs between reading and emitting; default
	// 4096. WindowBytes bounds their text; default 8 MiB (an input longer
	// than that takes all of it, alone). Outcomes are emitted in input
	// order: while one article takes long (the first to load lingua-go's
	// models holds a worker for a third of a second), the other workers go
	// on only as far as the window lets the finished outcomes wait. 64
	// places covered 15 ms at -j 2 and left a CPU idle the rest of that
	// time; 2,048 covered 0.3 s, and the load took up to 0.42 s. A window
	// fills only while outcomes finish out of order: peak memory over
	// 100,000 articles did not move.
	Window      int
	WindowBytes int64
	// SpoolDir holds the spool file of a run with batch rules; default
	// os.TempDir().
	SpoolDir string

	// Prepare is called for each job in input order, from one goroutine,
	// before it is audited.
	Prepare func(*Job)
	// Resume returns a complete stored result for a job, if there is one;
	// the job is then not audited. Called concurrently.
	Resume func(*Job) (*audit.Result, bool)
	// Store saves an audited result (never a resumed or failed one). It is
	// called concurrently, before the outcome is emitted. When batch rules
	// change a result, audited or resumed, it is called again for it after
	// they ran. An error stops the run.
	Store func(*Outcome) error
	// Render is called for each outcome once it is final (stored, with
	// its batch findings), before it is emitted, from several goroutines
	// at once: a command renders its report there (Outcome.Rendered), so
	// that the goroutine that emits in input order only writes. An error
	// stops the run.
	Render func(*Outcome) error
	// Progress is called from one goroutine as jobs finish.
	Progress func(Progress)
}

// Progress is the state of a run.
type Progress struct {
	Done    int // jobs finished: audited, resumed or unreadable
	Resumed int
	// Total is the inputs read so far plus an estimate of those not yet
	// read (one per file not yet opened); exact once every file is read.
	Total   int
	Elapsed time.Duration
}

// Stats sum up a run.
type Stats struct {
	Total       int // inputs: read, plus files never opened when interrupted
	Emitted     int // outcomes emitted, unreadable inputs included
	Audited     int
	Resumed     int
	Unreadable  int
	Dropped     int  // read but not done when the run was cancelled
	Interrupted bool // the context was cancelled before every input was done
	BatchRules  bool // batch rules ran over the results (not when interrupted)
}

// HasBatchRules reports whether the engine runs any batch rule.
func HasBatchRules(eng *audit.Engine) bool {
	for _, r := range eng.Rules() {
		if r.RunBatch != nil {
			return true
		}
	}
	return false
}

// Run audits every input of src and calls emit once per outcome, in input
// order, from the calling goroutine. It returns when every input is done or
// the context is cancelled (Stats.Interrupted) or a callback failed (the
// error returned; Store's or emit's).
func Run(ctx context.Context, eng *audit.Engine, src Source, opts Options, emit func(*Outcome) error) (Stats, error) {
	opts.defaults()
	r := &run{eng: eng, src: src, opts: opts, start: time.Now(), batch: HasBatchRules(eng)}
	return r.do(ctx, emit)
}

func (o *Options) defaults() {
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.StoreWorkers <= 0 {
		o.StoreWorkers = 4
	}
	if o.Window <= 0 {
		o.Window = 4096
	}
	if o.WindowBytes <= 0 {
		o.WindowBytes = 8 << 20
	}
}

type run struct {
	eng   *audit.Engine
	src   Source
	opts  Options
	start time.Time
	batch bool
	// With batch rules: their run, and the spool of outcomes in order.
	batchRun *audit.BatchRun
	spool    *spool
	// finishedReading is set when the source is exhausted.
	finishedReading atomic.Bool

	mu      sync.Mutex
	failErr error
	cancel  context.CancelFunc
}

// fail records the first callback error and stops the run.
func (r *run) fail(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.failErr == nil {
		r.failErr = err
		r.cancel()
	}
}

func (r *run) failed() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failErr
}

func (r *run) do(parent context.Context, emit func(*Outcome) error) (Stats, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	r.cancel = cancel

	if r.batch {
		sp, err := newSpool(r.opts.SpoolDir)
		if err != nil {
			return Stats{}, err
		}
		defer sp.close()
		r.spool, r.batchRun = sp, r.eng.NewBatchRun()
	}
	window := newWindow(r.opts.Window, r.opts.WindowBytes)
	jobs := make(chan *Job, r.ahead())
	toStore := make(chan *Outcome, r.opts.StoreWorkers)
	done := make(chan *Outcome, r.opts.Workers+r.opts.StoreWorkers)

	go r.produce(ctx, window, jobs)

	var auditors, storers sync.WaitGroup
	for range r.opts.Workers {
		auditors.Add(1)
		go func() {
			defer auditors.Done()
			for j := range jobs {
				o := r.work(ctx, j)
				if o.Result != nil && !o.Resumed && o.Result.Err == nil && r.opts.Store != nil {
					toStore <- o
				} else {
					r.renderFinal(o)
					done <- o
				}
			}
		}()
	}
	for range r.opts.StoreWorkers {
		storers.Add(1)
		go func() {
			defer storers.Done()
			for o := range toStore {
				if ctx.Err() != nil {
					o.dropped = true
				} else if err := r.opts.Store(o); err != nil {
					r.fail(err)
					o.dropped = true
				}
				r.renderFinal(o)
				done <- o
			}
		}()
	}
	go func() {
		auditors.Wait()
		close(toStore)
		storers.Wait()
		close(done)
	}()

	st := r.collect(done, window, emit)
	st.Total = r.src.Known()
	st.Interrupted = parent.Err() != nil && (st.Dropped > 0 || !r.finishedReading.Load())
	if r.batch && r.failed() == nil {
		r.finishBatch(!st.Interrupted, emit, &st)
	}
	return st, r.failed()
}

// ahead is how many inputs the reader, then the numbering, may run ahead
// of the workers: when they get a CPU they queue several, and a worker
// finds its next job ready instead of waiting for the reader and the
// numbering goroutine to be scheduled in turn (with one place per worker
// and none for the reader, go tool trace showed a CPU idle 7.6% of the
// time at -j 2, 4.3% with eight places per worker). Every input read and
// not yet emitted holds a place in the window: the queues hold no more.
func (r *run) ahead() int { return min(r.opts.Window, 8*r.opts.Workers) }

// produce reads inputs in order and hands them out as jobs, never more
// than the window ahead of what has been emitted. The source is read on a
// goroutine of its own: a read that blocks (a named pipe, a terminal on
// standard input) must not keep a cancelled run from ending. That
// goroutine ends when its read returns. It takes each input's place in
// the window, so that what it reads ahead is within the window too.
func (r *run) produce(ctx context.Context, window *window, jobs chan<- *Job) {
	defer close(jobs)
	ins := make(chan audit.Input, r.ahead())
	go func() {
		defer close(ins)
		for in := range r.src.Inputs() {
			if !window.take(ctx, window.weight(in)) {
				return
			}
			select {
			case ins <- in:
			case <-ctx.Done():
				return
			}
		}
	}()
	hash := r.opts.Prepare != nil || r.opts.Resume != nil || r.opts.Store != nil
	seq := 0
	for {
		var in audit.Input
		var ok bool
		select {
		case in, ok = <-ins:
		case <-ctx.Done():
			return
		}
		if !ok {
			break
		}
		if ctx.Err() != nil {
			return
		}
		j := &Job{Seq: seq, Input: in, weight: window.weight(in)}
		seq++
		if in.Doc != nil && hash {
			j.Hash = Hash(in.Doc.Text)
		}
		if r.opts.Prepare != nil {
			r.opts.Prepare(j)
		}
		jobs <- j
	}
	if ctx.Err() == nil {
		r.finishedReading.Store(true)
	}
}

// work audits one job, or loads it through Resume.
func (r *run) work(ctx context.Context, j *Job) *Outcome {
	o := &Outcome{Job: j}
	switch {
	case ctx.Err() != nil:
		o.dropped = true
	case j.Input.Doc == nil:
	default:
		if r.opts.Resume != nil {
			if res, ok := r.opts.Resume(j); ok {
				o.Result, o.Resumed = res, true
				return o
			}
		}
		o.Result = r.eng.Audit(ctx, j.Input.Doc)
		if ctx.Err() != nil {
			o.Result, o.dropped = nil, true
		}
	}
	return o
}

// collect puts outcomes back in order. Without batch rules it emits them
// at once; with batch rules it hands them to the batch run and the spool.
func (r *run) collect(done <-chan *Outcome, window *window, emit func(*Outcome) error) Stats {
	var st Stats
	pending := map[int]*Outcome{}
	next := 0
	var p Progress
	for o := range done {
		pending[o.Seq] = o
		if !o.dropped {
			p.Done++
			if o.Resumed {
				p.Resumed++
			}
		}
		if r.opts.Progress != nil {
			p.Total = r.src.Known()
			p.Elapsed = time.Since(r.start)
			r.opts.Progress(p)
		}
		for {
			o, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			switch {
			case o.dropped:
				st.Dropped++
			case r.batch:
				st.count(o)
				if r.failed() == nil {
					n := -1
					if o.Result != nil {
						n = r.batchRun.Add(o.Result)
					}
					if err := r.spool.put(o, n); err != nil {
						r.fail(err)
					}
				}
			default:
				st.count(o)
				if r.failed() == nil {
					if err := emit(o); err != nil {
						r.fail(err)
					}
				}
			}
			window.give(o.weight) // only now may the reader take another input
		}
	}
	return st
}

func (st *Stats) count(o *Outcome) {
	st.Emitted++
	switch {
	case o.Result == nil:
		st.Unreadable++
	case o.Resumed:
		st.Resumed++
	default:
		st.Audited++
	}
}

// finishBatch runs the batch rules (unless the run was interrupted), then
// emits the spooled outcomes in input order. The spool is read back on one
// goroutine, the run's workers add the batch findings and store the
// reports they change, and this goroutine only emits: the step that waits
// for the last article is not one core's work. Outcomes go from one to the
// next by the chunk: an outcome takes some 15 µs to finish and emit, and
// handed over one at a time, each waited for a goroutine on the other CPU
// to wake: with two workers the step took as long as with one.
func (r *run) finishBatch(complete bool, emit func(*Outcome) error, st *Stats) {
	if complete {
		r.batchRun.Finish()
		st.BatchRules = true
	}
	type chunk struct {
		os    []*Outcome
		ns    []int         // their numbers in the batch run
		errs  []error       // set by the worker
		ready chan struct{} // closed once errs and os are final
	}
	// A chunk goes to the workers before it goes in line to be emitted,
	// so the one at the head of the line is always being worked on.
	todo := make(chan *chunk, 2*r.opts.Workers)
	line := make(chan *chunk, 2*r.opts.Workers)
	stop := make(chan struct{})
	var readErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(line)
		defer close(todo)
		c, text, sent := &chunk{}, 0, true
		send := func() bool {
			c.errs, c.ready = make([]error, len(c.os)), make(chan struct{})
			select {
			case todo <- c:
			case <-stop:
				return false
			}
			select {
			case line <- c:
			case <-stop:
				return false
			}
			c, text = &chunk{}, 0
			return true
		}
		readErr = r.spool.each(func(o *Outcome, n int) bool {
			c.os, c.ns = append(c.os, o), append(c.ns, n)
			if o.Result != nil {
				text += len(o.Result.Doc.Text)
			}
			if len(c.os) < finishChunk && text < finishChunkBytes {
				return true
			}
			sent = send()
			return sent
		})
		if readErr == nil && sent && len(c.os) > 0 {
			send()
		}
	}()
	for range r.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range todo {
				for i, o := range c.os {
					c.errs[i] = r.applyBatch(complete, o, c.ns[i])
					if c.errs[i] == nil {
						c.errs[i] = r.render(o)
					}
				}
				close(c.ready)
			}
		}()
	}
	stopped := false
	for c := range line {
		<-c.ready
		for i, o := range c.os {
			if stopped {
				break
			}
			err := c.errs[i]
			if err == nil {
				err = emit(o)
			}
			if err != nil {
				r.fail(err)
				stopped = true
				close(stop)
			}
		}
	}
	wg.Wait()
	if readErr != nil {
		r.fail(readErr)
	}
}

// finishChunk and finishChunkBytes bound a chunk of finishBatch: outcomes
// enough that handing one over costs little beside the work on it, text
// little enough that the chunks in flight stay a few megabytes.
const (
	finishChunk      = 64
	finishChunkBytes = 1 << 20
)

// renderFinal renders an outcome that is final as it leaves its worker:
// one not dropped, in a run without batch rules (with them, outcomes are
// final only once the batch rules have run, see finishBatch).
func (r *run) renderFinal(o *Outcome) {
	if r.batch || o.dropped {
		return
	}
	if err := r.render(o); err != nil {
		r.fail(err)
		o.dropped = true
	}
}

// render calls Options.Render, if set.
func (r *run) render(o *Outcome) error {
	if r.opts.Render == nil {
		return nil
	}
	return r.opts.Render(o)
}

// applyBatch adds an outcome's batch findings and stores its report again
// when they changed it. Called from several goroutines at once.
func (r *run) applyBatch(complete bool, o *Outcome, n int) error {
	if !complete || o.Result == nil || !r.batchRun.Apply(n, o.Result) || r.opts.Store == nil || o.Result.Err != nil {
		return nil
	}
	o.Rewrite = true
	if r.failed() != nil {
		return nil // the run is stopping: nothing more is stored
	}
	return r.opts.Store(o)
}
