# mtaudit — common tasks. `make demo` audits the bundled articles; `make test` runs the tests.
GO      ?= go
BIN     ?= bin/mtaudit
SEEDS   ?= ../shared/corpus/seeds
FUZZTIME ?= 60s
# Packages with concurrency, run again under the race detector.
RACE_PKGS = ./audit/... ./cmd/...

.PHONY: all build demo test race vet fmt lint fuzz bench bench-go eval clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/mtaudit

# Audit the bundled test articles, rules only: reports land in out/demo/.
# Exit code 1 only says some articles fail the gate (they are meant to);
# 2 is a real error and stops make.
demo: build
	@mkdir -p out/demo
	@$(BIN) audit --out out/demo testdata/articles; status=$$?; [ $$status -le 1 ] || exit $$status
	@echo "reports written to out/demo/ (summary.md first)"

test: vet
	$(GO) test -count=1 ./...
	$(GO) test -count=1 -race $(RACE_PKGS)

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

# Score the rules against the seed corpus (rules only).
eval: build
	$(BIN) eval --gold $(SEEDS) -v

# Run every fuzz target for FUZZTIME each.
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; $(GO) test -run XXX -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

# Go benchmarks (MB/s, allocations), then 10,000 generated articles through
# the binary (articles/s, MB/s, peak RSS): see mk/bench.mk.
bench: bench-go bench-batch

bench-go:
	$(GO) test -run XXX -bench . -benchmem -benchtime 3x ./audit/... ./rules/...

include mk/bench.mk

clean:
	rm -rf bin out
