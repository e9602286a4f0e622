package main

import "testing"

// TestDefaultMemoryLimit: one worker has the budget of two; more workers
// 8 MiB each.
func TestDefaultMemoryLimit(t *testing.T) {
	for jobs, want := range map[int]int64{1: 108, 2: 108, 3: 116, 8: 156} {
		if got := defaultMemoryLimit(jobs) >> 20; got != want {
			t.Errorf("defaultMemoryLimit(%d) = %d MiB, want %d", jobs, got, want)
		}
	}
}

// TestStartupPercent: the first collection comes at 32 MiB of heap
// whatever survived the last one, never sooner than GOGC=100 would put it.
func TestStartupPercent(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		live uint64
		want int
	}{{0, 800}, {1 * mib, 800}, {3 * mib, 800}, {4 * mib, 700}, {8 * mib, 300}, {16 * mib, 100}, {64 * mib, 100}} {
		got := startupPercent(c.live)
		if got != c.want {
			t.Errorf("startupPercent(%d MiB) = %d, want %d", c.live/mib, got, c.want)
		}
		if goal := c.live * uint64(100+got) / 100; c.live > 0 && goal > startupHeap && got > 100 {
			t.Errorf("startupPercent(%d MiB) = %d puts the first collection at %d MiB", c.live/mib, got, goal/mib)
		}
	}
}
