package rules

import (
	"context"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/internal/corpusgen"
)

// BenchmarkEngine audits about 2 MB of generated French articles (every
// artifact category injected) with every rule, the language given, on one
// goroutine: the per-core cost of the rules. Besides ns/op and MB/s it
// reports the bytes allocated per input byte (alloc-B/B) and the
// throughput per CPU second of the process (MB/cpu-s), which a loaded
// machine disturbs less than the wall clock. Compare runs with
//
//	go test ./rules/ -run '^$' -bench Engine -benchmem -count 6 | tee new.txt
//	benchstat old.txt new.txt
func BenchmarkEngine(b *testing.B) {
	g := corpusgen.New(1)
	var texts []string
	size := 0
	for i := 0; size < 2<<20; i++ {
		t := g.Article(i).Text
		texts = append(texts, t)
		size += len(t)
	}
	cfg := audit.DefaultConfig()
	cfg.Lang = "fr"
	benchEngine(b, texts, cfg)
}

// benchEngine audits texts with every rule cfg enables, once to load what
// the rules load on first use, then b.N times, and reports MB per
// CPU-second and bytes allocated per input byte.
func benchEngine(b *testing.B, texts []string, cfg *audit.Config) {
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	registry, err := All()
	if err != nil {
		b.Fatal(err)
	}
	eng, err := audit.NewEngine(registry, cfg)
	if err != nil {
		b.Fatal(err)
	}
	audit1 := func() {
		for _, t := range texts {
			doc, err := audit.NewDocument("bench.txt", []byte(t))
			if err != nil {
				b.Fatal(err)
			}
			eng.Audit(context.Background(), doc)
		}
	}
	timeAudits(b, size, audit1)
}

// timeAudits runs audit1 (an audit of size bytes) once to load what the
// rules load on first use, then b.N times, and reports MB per CPU-second
// and bytes allocated per input byte.
func timeAudits(b *testing.B, size int, audit1 func()) {
	audit1()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	cpu0 := processCPU()
	for b.Loop() {
		audit1()
	}
	cpu := (processCPU() - cpu0).Seconds() / float64(b.N)
	runtime.ReadMemStats(&m1)
	b.ReportMetric(float64(size)/(1<<20)/cpu, "MB/cpu-s")
	b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/float64(b.N)/float64(size), "alloc-B/B")
}

// processCPU is the user and system CPU time the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
