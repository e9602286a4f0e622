#!/usr/bin/env bash
# eval-real.sh — the figures of mtaudit on real text, in one run:
#   apertium-mt es/fr   untranslated recall and precision (score.py --only untranslated)
#   WMT23 en-de         recall of the raters' "Source language fragment" spans,
#                       precision of the untranslated findings (and of untranslated.inline)
#   human news fr/de/es untranslated.inline findings per 1,000 words (all false positives)
#   seeds               mtaudit eval --gold (rules only)
# Usage: scripts/eval-real.sh   (BIN=bin/mtaudit SHARED=../shared by default;
# builds the default BIN from this checkout every time, so the figures are
# never a stale binary's; a BIN given is used as it is). Needs python3. Each bench is skipped when absent.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BIN:-}" ]; then
	BIN=bin/mtaudit
	mkdir -p bin
	go build -o "$BIN" ./cmd/mtaudit
fi
SHARED=${SHARED:-../shared}
BENCH=$SHARED/bench
if [ ! -x "$BIN" ]; then
	mkdir -p "$(dirname "$BIN")"
	go build -o "$BIN" ./cmd/mtaudit
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# audit LANG OUT.json ARGS...: exit status 1 only says articles fail the gate.
audit() {
	local lang=$1 out=$2
	shift 2
	"$BIN" audit --format json --lang "$lang" "$@" >"$out" || [ $? -le 1 ]
}

echo "== apertium-mt (real rule-based MT; gold: the words Apertium left untranslated)"
for l in es fr; do
	dir=$BENCH/apertium-mt/$l
	[ -d "$dir" ] || { echo "$l: skipped, $dir missing"; continue; }
	audit "$l" "$tmp/apertium-$l.json" "$dir"
	printf '%s untranslated: ' "$l"
	python3 "$SHARED/tools/score.py" "$tmp/apertium-$l.json" "$dir" --only untranslated | tail -1
done

echo
echo "== WMT23 en-de MQM (real MT into German; professional error spans)"
tsv=$BENCH/wmt23-mqm-google/mqm_generalMT2023_ende.tsv
if [ -f "$tsv" ]; then
	mkdir -p "$tmp/wmt23"
	python3 - "$tsv" "$tmp/wmt23" <<'PY'
import json, re, sys
tsv, out = sys.argv[1], sys.argv[2]
rows = [l.rstrip('\n').split('\t') for l in open(tsv, encoding='utf-8')]
col = {c: i for i, c in enumerate(rows[0])}
docs = {}
for r in rows[1:]:
    key = r[col['system']] + '__' + r[col['doc_id']]
    docs.setdefault(key, []).append(r)
spans = {}
for key, rs in docs.items():
    rs.sort(key=lambda r: int(r[col['seg_id']]))
    text, sp = b'', []
    for i, r in enumerate(rs):
        if i:
            text += b'\n\n'
        t = r[col['target_text']]
        base = len(text)
        for s, e, cat, *_ in json.loads(r[col['error_spans']]):
            if cat in ('Accuracy/Source language fragment', 'Non-translation!'):
                sp.append([base + len(t[:s].encode()), base + len(t[:e].encode()), cat])
        text += t.encode()
    name = re.sub(r'[^A-Za-z0-9._-]', '_', key)
    open(f'{out}/{name}.txt', 'wb').write(text + b'\n')
    spans[name] = sp
json.dump(spans, open(f'{out}/spans.json', 'w'))
PY
	audit de "$tmp/wmt23.json" --rules untranslated "$tmp/wmt23"
	python3 - "$tmp/wmt23.json" "$tmp/wmt23/spans.json" <<'PY'
import json, os, sys
report, spans = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
frags = hit = 0
found = {}  # rule -> [findings, correct]
matched = set()
for a in report['articles']:
    name = os.path.splitext(os.path.basename(a['path']))[0]
    sp = spans[name]
    for f in a.get('findings') or []:
        if f['category'] != 'untranslated':
            continue
        ok = False
        for k, (s, e, cat) in enumerate(sp):
            if f['start'] < e and s < f['end']:
                ok = True
                matched.add((name, k))
        for r in ('untranslated', f['rule']):
            c = found.setdefault(r, [0, 0])
            c[0] += 1
            c[1] += ok
for name, sp in spans.items():
    for k, (s, e, cat) in enumerate(sp):
        if cat == 'Accuracy/Source language fragment':
            frags += 1
            hit += (name, k) in matched
print('fragment recall %d/%d = %.3f' % (hit, frags, hit / max(frags, 1)))
for r, (n, good) in sorted(found.items()):
    print('precision %-22s %d/%d = %.3f' % (r, good, n, good / max(n, 1)))
PY
else
	echo "skipped: $tsv missing"
fi

echo
echo "== human news (every finding is a false positive; bounds: inline 0.3, all rules 0.5 per 1,000 words)"
# human LANG TSV KEYCOLS TEXTCOL: documents rebuilt as the Go bench tests do
# (title alone, then paragraphs of four sentences).
human() {
	local lang=$1 tsv=$2 keys=$3 textcol=$4
	[ -f "$tsv" ] || { echo "$lang $(basename "$tsv"): skipped, missing"; return; }
	local dir=$tmp/human-$lang-$(basename "$tsv" .tsv)
	mkdir -p "$dir"
	python3 - "$tsv" "$dir" "$keys" "$textcol" <<'PY'
import re, sys
tsv, out, keys, textcol = sys.argv[1], sys.argv[2], sys.argv[3].split(','), sys.argv[4]
rows = [l.rstrip('\n').split('\t') for l in open(tsv, encoding='utf-8')]
col = {c: i for i, c in enumerate(rows[0])}
docs = {}
for r in rows[1:]:
    docs.setdefault('__'.join(r[col[k]] for k in keys), []).append((int(r[col['seg_id']]), r[col[textcol]]))
for key, segs in docs.items():
    segs = [t for _, t in sorted(segs, key=lambda x: x[0])]
    text, n = segs[0], 4
    for i in range(1, len(segs)):
        last = segs[i - 1].rstrip(' »"”)')[-1:]
        if n >= 4 or last not in '.!?…':
            text += '\n\n'; n = 0
        else:
            text += ' '
        text += segs[i]; n += 1
    open('%s/%s.txt' % (out, re.sub(r'[^A-Za-z0-9._-]', '_', key)), 'w', encoding='utf-8').write(text + '\n')
PY
	audit "$lang" "$tmp/human-$lang.json" "$dir"
	python3 - "$tmp/human-$lang.json" "$dir" "$lang" "$(basename "$tsv")" <<'PY'
import glob, json, sys
report, d, lang, name = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4]
words = sum(len(open(p, encoding='utf-8').read().split()) for p in glob.glob(d + '/*.txt'))
fs = [f for a in report['articles'] for f in a.get('findings') or []]
inline = sum(f['rule'] == 'untranslated.inline' for f in fs)
untr = sum(f['category'] == 'untranslated' for f in fs)
per = lambda n: 1000 * n / max(words, 1)
print('%s %-22s %6d words, per 1,000: inline %.2f (%d), untranslated %.2f (%d), all rules %.2f (%d)' % (
    lang, name, words, per(inline), inline, per(untr), untr, per(len(fs)), len(fs)))
PY
}
human fr "$BENCH/wmt-fr-news-human/fr_news_human.tsv" testset,origin,doc_id text
human de "$BENCH/wmt-defr-mt-news/defr_sources_de.tsv" testset,doc_id source_de
human de "$BENCH/wmt24-news/de_human.tsv" doc_id text
human es "$BENCH/wmt24-news/es_human.tsv" doc_id text

echo
echo "== seeds (rules only)"
if [ -d "$SHARED/corpus/seeds" ]; then
	"$BIN" eval --gold "$SHARED/corpus/seeds" | tail -1
else
	echo "skipped: $SHARED/corpus/seeds missing"
fi
