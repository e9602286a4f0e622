package main

import (
	"runtime"
	"testing"
)

func TestCapCPUs(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one CPU: nothing to cap")
	}
	before := runtime.GOMAXPROCS(0)
	restore := capCPUs(1)
	if got := runtime.GOMAXPROCS(0); got != 1 {
		restore()
		t.Fatalf("capCPUs(1): GOMAXPROCS %d, want 1", got)
	}
	restore()
	if got := runtime.GOMAXPROCS(0); got != before {
		t.Fatalf("after restore: GOMAXPROCS %d, want %d", got, before)
	}
	capCPUs(before + 1)() // more jobs than CPUs: unchanged
	if got := runtime.GOMAXPROCS(0); got != before {
		t.Fatalf("capCPUs(%d): GOMAXPROCS %d, want %d", before+1, got, before)
	}
}

func TestCapCPUsLeavesTheEnvironmentAlone(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one CPU: nothing to cap")
	}
	t.Setenv("GOMAXPROCS", "2")
	before := runtime.GOMAXPROCS(0)
	defer capCPUs(1)()
	if got := runtime.GOMAXPROCS(0); got != before {
		t.Fatalf("GOMAXPROCS set in the environment: capCPUs(1) changed it to %d", got)
	}
}
