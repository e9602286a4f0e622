# Batch benchmark, included from the Makefile (make bench, make bench-batch).
#
# bench-batch generates BENCH_N articles with the seeded generator (every
# artifact category injected; no seed text) into a temporary directory,
# then measures, with the binary's peak RSS taken from the kernel:
#   1. mtaudit audit --out DIR (rules only, -j = number of CPUs)
#   2. mtaudit audit --format jsonl CORPUS (no --out; start-up included)
# and runs the Go benchmarks over >= 5 MB of generated text (MB/s, allocs).
# The temporary directory is removed afterwards.
BENCH_N    ?= 10000
BENCH_SEED ?= 1
BENCH_J    ?=
GO         ?= go

.PHONY: bench-batch
bench-batch:
	@set -e; dir=$$(mktemp -d "$${TMPDIR:-/tmp}/mtaudit-bench.XXXXXX"); trap 'rm -rf "$$dir"' EXIT; \
	$(GO) build -o "$$dir/mtaudit" ./cmd/mtaudit; \
	$(GO) build -o "$$dir/corpusgen" ./internal/corpusgen/cmd; \
	"$$dir/corpusgen" gen -n $(BENCH_N) -seed $(BENCH_SEED) -out "$$dir/corpus"; \
	jobs="$(BENCH_J)"; jobs="$${jobs:-$$(nproc)}"; \
	"$$dir/corpusgen" measure -C "$$dir" -corpus "$$dir/corpus" -label "audit --out, rules only, -j $$jobs" -- \
	  "$$dir/mtaudit" audit -j "$$jobs" --format jsonl --out "$$dir/out" "$$dir/corpus"; \
	echo "  reports:      $$(ls "$$dir/out" | grep -c '\.json$$') JSON reports in --out"; \
	"$$dir/corpusgen" measure -C "$$dir" -corpus "$$dir/corpus" -label "audit --format jsonl DIR, rules only, no --out" -- \
	  "$$dir/mtaudit" audit -j "$$jobs" --format jsonl "$$dir/corpus"; \
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 3x ./internal/corpusgen
