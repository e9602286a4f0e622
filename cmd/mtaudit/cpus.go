package main

import (
	"os"
	"runtime"
)

// capCPUs makes -j N mean N CPUs, as golangci-lint's -j does: the Go
// runtime runs at most jobs threads of Go code at once (its collector
// included), so a batch job given one CPU uses one, and -j 2 against -j 1
// measures what a second worker adds. A GOMAXPROCS from the environment
// is left alone. restore gives the runtime its default back (commands run
// in-process in tests, one after the other).
func capCPUs(jobs int) (restore func()) {
	if _, set := os.LookupEnv("GOMAXPROCS"); set || jobs >= runtime.GOMAXPROCS(0) {
		return func() {}
	}
	runtime.GOMAXPROCS(jobs)
	return runtime.SetDefaultGOMAXPROCS
}
