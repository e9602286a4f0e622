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
