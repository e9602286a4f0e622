package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// defaultMemoryLimit is the soft limit on the Go runtime's memory for an
// audit run of jobs workers, when GOMEMLIMIT is not set: 108 MiB up to
// two workers, 8 MiB more per worker beyond. The run's live memory is
// small and flat (about 65 MiB at -j 2, of which lingua-go's models are
// 40; about 100 MiB for one article of 16 MB), but the collector lets the
// heap grow to twice the live memory between collections; under the limit
// it collects sooner (on 10,000 generated articles at -j 2: 136 MiB peak
// RSS at 108 MiB, 145 at 120, 179 without a limit; CPU time within 1%).
// The binary's pages the run reads (lingua-go's embedded models among
// them) add some 28 MiB of RSS on top of the runtime's memory. It is a
// complement, not what keeps memory flat, and a soft one: above it (an
// article of tens of megabytes) the collector runs more often, capped by
// the runtime at half the CPU, and nothing fails.
//
// One worker gets the budget of two: once lingua-go's models are in (40
// MiB every collection marks), 100 MiB had the collector run every 30 MiB
// allocated, at twice the CPU (on 14,900 real articles, GODEBUG=gctrace=1:
// 13 collections and 429 ms against 11 and 216 ms) for 10 MiB less peak
// RSS (133 against 143 MiB).
func defaultMemoryLimit(jobs int) int64 { return (92 + 8*int64(max(jobs, 2))) << 20 }

// setDefaultMemoryLimit applies defaultMemoryLimit unless GOMEMLIMIT (a
// size, or "off") says otherwise.
func setDefaultMemoryLimit(jobs int) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(defaultMemoryLimit(jobs))
	}
}

// startupGCPercent puts the first collection of a run at 32 MiB of heap
// (the runtime's 4 MiB minimum, scaled by GOGC/100), above what loading
// the rules, profiles and models and auditing a paragraph allocate.
const startupGCPercent = 800

// startupHeap is that first threshold: 32 MiB.
const startupHeap = 4 << 20 * startupGCPercent / 100

// startupPercent is the GOGC that puts the next collection at startupHeap
// when live bytes survived the last one (the list of a large tree's
// inputs): the runtime's goal is live*(1+GOGC/100), and 800 over 4 MiB
// of list would put it at 40.
func startupPercent(live uint64) int {
	if live*(100+startupGCPercent)/100 <= startupHeap {
		return startupGCPercent
	}
	return max(100, int((startupHeap-min(live, startupHeap))*100/max(live, 1)))
}

// heapLive reads the heap's live bytes as of the last collection.
func heapLive() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// delayFirstGC holds the collector back until the heap reaches 32 MiB:
// what a run allocates first, its rules, profiles and first article's
// analyses, stays live, and collecting it marks it for nothing (a quarter
// of one paragraph's run). The first collection, which a larger article
// or a batch soon brings, puts the percentage back, so the heap stays
// bounded as before; so does the returned function (safe to call more than
// once). A GOGC from the environment is left alone.
func delayFirstGC() (restore func()) {
	if _, set := os.LookupEnv("GOGC"); set {
		return func() {}
	}
	old := debug.SetGCPercent(startupPercent(heapLive()))
	restore = sync.OnceFunc(func() { debug.SetGCPercent(old) })
	// A cleanup runs once the collector has found its object unreachable:
	// after the first collection.
	sentinel := new([64]byte)
	runtime.AddCleanup(sentinel, func(struct{}) { restore() }, struct{}{})
	return restore
}
