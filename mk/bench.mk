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

# bench-memory measures the peak RSS of a batch run with every rule on
# (name.batch included: its summaries and the spool keep memory flat) at
# BENCH_N and at ten times BENCH_N, then of one article of 16 MB (the seed
# generator's paragraphs, as paragraphs and as one line). The two batch
# figures should agree within 15%; the article's should stay under ten
# times its size. Slow: the large run takes minutes.
.PHONY: bench-memory
bench-memory:
	@set -e; dir=$$(mktemp -d "$${TMPDIR:-/tmp}/mtaudit-mem.XXXXXX"); trap 'rm -rf "$$dir"' EXIT; \
	$(GO) build -o "$$dir/mtaudit" ./cmd/mtaudit; \
	$(GO) build -o "$$dir/corpusgen" ./internal/corpusgen/cmd; \
	jobs="$(BENCH_J)"; jobs="$${jobs:-$$(nproc)}"; \
	for n in $(BENCH_N) $$(( $(BENCH_N) * 10 )); do \
	  "$$dir/corpusgen" gen -n $$n -seed $(BENCH_SEED) -out "$$dir/c$$n" >/dev/null; \
	  "$$dir/corpusgen" measure -C "$$dir" -corpus "$$dir/c$$n" -label "audit --format jsonl, $$n articles, every rule, -j $$jobs" -- \
	    "$$dir/mtaudit" audit -j "$$jobs" --format jsonl "$$dir/c$$n"; \
	  rm -rf "$$dir/c$$n"; \
	done; \
	"$$dir/corpusgen" gen -n 6000 -seed $(BENCH_SEED) -out "$$dir/big" >/dev/null; \
	cat "$$dir"/big/*.txt | head -c 16000000 > "$$dir/para.txt"; tr '\n' ' ' < "$$dir/para.txt" > "$$dir/line.txt"; \
	for f in para line; do mkdir -p "$$dir/one-$$f"; mv "$$dir/$$f.txt" "$$dir/one-$$f/"; \
	  "$$dir/corpusgen" measure -C "$$dir" -corpus "$$dir/one-$$f" -label "one article of 16 MB ($$f)" -- \
	    "$$dir/mtaudit" audit --max-article-bytes -1 --format jsonl "$$dir/one-$$f"; \
	done

# bench-real measures issue 14's corpus: the real French articles of
# ../shared (the seeds, human news, neural MT into French: 745 articles)
# replicated to BENCH_REAL_N with their paragraphs rotated (28.7 MB at
# 14,900), audited with every rule at -j 1 and -j 2; MB/cpu-s is the
# figure a busy machine disturbs least.
BENCH_REAL_N ?= 14900
SHARED       ?= ../shared
# REAL_CORPUS starts a recipe over that corpus: mtaudit and corpusgen built
# and the corpus written in a temporary directory ($$dir in the recipe),
# removed at exit.
REAL_CORPUS = dir=$$(mktemp -d "$${TMPDIR:-/tmp}/mtaudit-real.XXXXXX"); trap 'rm -rf "$$dir"' EXIT; \
	$(GO) build -o "$$dir/mtaudit" ./cmd/mtaudit; \
	$(GO) build -o "$$dir/corpusgen" ./internal/corpusgen/cmd; \
	"$$dir/corpusgen" real -n $(BENCH_REAL_N) -out "$$dir/corpus" $(SHARED)/corpus/seeds \
	  $(SHARED)/bench/wmt-fr-news-human/fr_news_human.tsv $(SHARED)/bench/wmt-defr-mt-news/defr_mt_outputs.tsv;
.PHONY: bench-real
bench-real:
	@set -e; $(REAL_CORPUS) \
	for j in 1 2; do \
	  "$$dir/corpusgen" measure -C "$$dir" -corpus "$$dir/corpus" -label "audit -j $$j --format jsonl, every rule, real articles" -- \
	    "$$dir/mtaudit" audit -j $$j --format jsonl "$$dir/corpus"; \
	done

# bench-scaling measures issue 14's two bars on the same corpus as
# bench-real: BENCH_ROUNDS rounds of -j 1 then -j 2, alternated so that
# both meet the machine in the same mood, summed up as medians (MB per
# CPU-second at -j 1; -j 2's speed-up) with the rounds' spread: on a shared
# machine, a spread past 15% says the neighbours moved the figures.
BENCH_ROUNDS ?= 8
.PHONY: bench-scaling
bench-scaling:
	@set -e; $(REAL_CORPUS) \
	"$$dir/corpusgen" scaling -C "$$dir" -corpus "$$dir/corpus" -rounds $(BENCH_ROUNDS) \
	  -label "audit -j 1 and -j 2 --format jsonl, every rule, real articles" -- \
	  "$$dir/mtaudit" audit -j {j} --format jsonl "$$dir/corpus"
