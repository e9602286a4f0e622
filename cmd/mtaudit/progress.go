package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/mtaudit/mtaudit/services/batch"
)

// progressBar draws done/total, articles per second and time left on
// stderr, on one line redrawn in place, only when stderr is a terminal.
// When standard output is the same screen, every write of the results first
// clears the bar (resultWriter), so a result never starts after it.
type progressBar struct {
	mu    sync.Mutex
	w     io.Writer // nil: draw nothing
	drawn time.Time
	shown bool
	// extra counts inputs settled before the run (paths that could not be
	// expanded): they are done and part of the total.
	extra int
	// total is the largest total shown: batch.Progress.Total is an
	// estimate that may dip by one while a file is being opened.
	total int
}

// newProgressBar returns a bar drawn on stderr when it is a terminal and
// show is true; extra inputs are already done.
func newProgressBar(e *env, show bool, extra int) *progressBar {
	if !e.stderrTTY || !show {
		return &progressBar{}
	}
	return &progressBar{w: e.stderr, extra: extra}
}

// progressEvery bounds redraws: drawing is for people, not for every
// article. A variable so that tests draw every update.
var progressEvery = 100 * time.Millisecond

func (b *progressBar) update(p batch.Progress) {
	if b.w == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	p.Done += b.extra
	p.Total = max(p.Total+b.extra, p.Done, b.total)
	b.total = p.Total
	// One input needs no bar: its result is the progress.
	if p.Total <= 1 || time.Since(b.drawn) < progressEvery {
		return
	}
	b.drawn = time.Now()
	b.shown = true
	fmt.Fprint(b.w, "\r\x1b[K"+progressLine(p, 30))
}

// clear erases the bar's line; the next update draws it again.
func (b *progressBar) clear() {
	if b.w == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.shown {
		fmt.Fprint(b.w, "\r\x1b[K")
		b.shown = false
	}
}

// finish clears the bar so the summary starts on a clean line.
func (b *progressBar) finish() { b.clear() }

// resultWriter is standard output when it shares the terminal with the bar:
// it clears the bar before each write.
type resultWriter struct {
	w   io.Writer
	bar *progressBar
}

func (r resultWriter) Write(p []byte) (int, error) {
	r.bar.clear()
	return r.w.Write(p)
}

// results returns the writer for the run's results: out itself, or out
// clearing the bar first when both streams are a terminal.
func (b *progressBar) results(e *env, out io.Writer) io.Writer {
	if b.w == nil || !e.stdoutTTY {
		return out
	}
	return resultWriter{w: out, bar: b}
}

// progressLine renders "[=====>    ] 120/1000  85.2 art/s  0:10 left".
func progressLine(p batch.Progress, width int) string {
	total := max(p.Total, p.Done, 1)
	fill := p.Done * width / total
	bar := strings.Repeat("=", fill)
	if fill < width {
		bar += ">" + strings.Repeat(" ", width-fill-1)
	}
	line := fmt.Sprintf("[%s] %d/%d", bar, p.Done, total)
	secs := p.Elapsed.Seconds()
	if secs <= 0 || p.Done == 0 {
		return line
	}
	rate := float64(p.Done) / secs
	left := time.Duration(float64(total-p.Done) / rate * float64(time.Second)).Round(time.Second)
	return fmt.Sprintf("%s  %.1f art/s  %s left", line, rate, clock(left))
}

// clock prints a duration as h:mm:ss or m:ss.
func clock(d time.Duration) string {
	s := int(d.Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
