package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mtaudit/mtaudit/services/batch"
)

// progressBar draws done/total, articles per second and time left on
// stderr, on one line redrawn in place, only when stderr is a terminal.
type progressBar struct {
	w     io.Writer // nil: draw nothing
	drawn time.Time
	shown bool
}

func newProgressBar(e *env) *progressBar {
	if !e.stderrTTY {
		return &progressBar{}
	}
	return &progressBar{w: e.stderr}
}

// redraw at most this often: drawing is for people, not for every article.
const progressEvery = 100 * time.Millisecond

func (b *progressBar) update(p batch.Progress) {
	if b.w == nil || time.Since(b.drawn) < progressEvery {
		return
	}
	b.drawn = time.Now()
	b.shown = true
	fmt.Fprint(b.w, "\r\x1b[K"+progressLine(p, 30))
}

// finish clears the bar so the summary starts on a clean line.
func (b *progressBar) finish() {
	if b.w != nil && b.shown {
		fmt.Fprint(b.w, "\r\x1b[K")
	}
}

// progressLine renders "[=====>    ] 120/1000  85.2 art/s  0:10 left".
func progressLine(p batch.Progress, width int) string {
	total := max(p.Total, p.Done, 1)
	fill := p.Done * width / total
	bar := strings.Repeat("=", fill)
	if fill < width {
		bar += ">" + strings.Repeat(" ", width-fill-1)
	}
	line := fmt.Sprintf("[%s] %d/%d", bar, p.Done, p.Total)
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
