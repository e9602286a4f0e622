package main

import (
	"os"
	"runtime/debug"
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
