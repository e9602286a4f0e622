package main

import (
	"math"
	"os"
	"runtime/debug"
	"sync"
)

// defaultMemoryLimit is the soft limit on the Go runtime's memory for an
// audit run of jobs workers, when GOMEMLIMIT is not set: 120 MiB at -j 2,
// 8 MiB more per worker. The run's live memory is small and flat (about
// 65 MiB at -j 2, of which lingua-go's models are 40; about 100 MiB for
// one article of 16 MB), but the collector lets the heap grow to twice the
// live memory between collections; under the limit it collects sooner (on
// 10,000 generated articles: 146 MB peak instead of 179 MB, CPU time
// within the run-to-run noise of a shared machine). It is a complement, not what
// keeps memory flat, and a soft one: above it (an article of tens of
// megabytes) the collector runs more often, capped by the runtime at half
// the CPU, and nothing fails.
func defaultMemoryLimit(jobs int) int64 { return (104 + 8*int64(jobs)) << 20 }

// setDefaultMemoryLimit applies defaultMemoryLimit unless GOMEMLIMIT (a
// size, or "off") says otherwise.
func setDefaultMemoryLimit(jobs int) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(defaultMemoryLimit(jobs))
	}
}

// pauseGC turns the collector off until the returned function (safe to
// call more than once) turns it back on: a run calls it on its first
// article's outcome. Until then the run allocates its rules, profiles and
// first article's analyses, which stay live: a collection meanwhile marks
// them for nothing, and one paragraph's run spent a quarter of its time
// collecting. Only under a memory limit (setDefaultMemoryLimit, or
// GOMEMLIMIT), which still bounds the heap: the runtime collects when it
// nears the limit, whatever the GC percentage.
func pauseGC() (resume func()) {
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		return func() {}
	}
	old := debug.SetGCPercent(-1)
	return sync.OnceFunc(func() { debug.SetGCPercent(old) })
}
