#!/bin/sh
# Quality and speed of the clean stage, with the release build and the shared scorers.
#
#   Benchmarks/quality/clean.sh              # F1/P/R on AEB dev, WCXB and L3S-GN1 beside the anchors, speed, seeds
#   SKIP_REFERENCE=1 Benchmarks/quality/clean.sh   # clean only (no Python venv needed)
#   ANCHORS_REFRESH=1 Benchmarks/quality/clean.sh   # re-run the anchors instead of reading their cached output
#
# Quality: clean at the defaults a user gets (clean-dev.yaml: no options) on the three dev sets in the
# AEB layout, each SCORE line printed beside those of trafilatura, readability-lxml and resiliparse
# (../shared/eval/anchors.py). The anchors' predictions are cached in $PIPE_OUT/anchors/<set>-<tool>.jsonl
# (they take minutes and do not change with pipe).
#   MISSES=1 Benchmarks/quality/clean.sh            # also list the inbox fields that do not match
#
# Speed: the whole `pipe run` process of a clean-only pipeline (`--jobs 1`, pages uncompressed
# beforehand as trafilatura's are held in memory), wall and CPU seconds, and the clean stage's
# own seconds from the run report, median of $RUNS rounds (default 5), each round interleaved
# with trafilatura's extract() and resiliparse's main-content extraction over the same pages in
# memory, lxml's parse-only time, and the parse-only time of the system libxml2 that pipe links
# (clean-parse.c, same options), so all share the machine's load of the moment. Printed: the
# medians side by side, the ratio of the medians and each round's ratio.
# PIPE_DATA (default ../shared/data next to the repo) and EVAL (../shared/eval) locate the
# datasets and scorers; PIPE_OUT (default /tmp/pipe-clean) receives the predictions.
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
export PIPE_DATA="${PIPE_DATA:-$ROOT/../shared/data}"
EVAL="${EVAL:-$ROOT/../shared/eval}"
export PIPE_OUT="${PIPE_OUT:-/tmp/pipe-clean}"
mkdir -p "$PIPE_OUT"
swift build -c release --product pipe >/dev/null
PIPE=.build/release/pipe
PAGES="$PIPE_DATA/aeb/html"
N=$(ls "$PAGES" | wc -l)

PY=""
if [ -z "${SKIP_REFERENCE:-}" ]; then
    PY=$("$EVAL/setup.sh" 2>/dev/null | tail -1)
fi
mkdir -p "$PIPE_OUT/anchors"
for set in aeb wcxb l3s-gn1; do
    SET=$set "$PIPE" run Benchmarks/quality/clean-dev.yaml --jobs 2 >/dev/null 2>&1 || [ $? -eq 3 ]  # 3: some pages set aside
    echo "== $set ($(ls "$PIPE_DATA/$set/html" | wc -l) pages), defaults: $(grep -c '"kind":"dropped"' "$(ls -t "$PIPE_OUT"/clean-$set-*.rejects.jsonl | head -1)") set aside"
    printf '%-12s ' clean; python3 "$EVAL/score_aeb.py" "$PIPE_OUT/$set.jsonl" "$PIPE_DATA/$set" | tail -1
    [ -n "$PY" ] || continue
    for tool in trafilatura readability resiliparse; do
        cached="$PIPE_OUT/anchors/$set-$tool.jsonl"
        if [ -n "${ANCHORS_REFRESH:-}" ] || [ ! -s "$cached" ]; then
            "$PY" "$EVAL/anchors.py" "aeb-$tool" "$PIPE_DATA/$set" "$cached.part" >/dev/null 2>&1 && mv "$cached.part" "$cached"
        fi
        printf '%-12s ' "$tool"; python3 "$EVAL/score_aeb.py" "$cached" "$PIPE_DATA/$set" | tail -1
    done
done

# The ground truth's page address against each prediction's url (canonical link, og:url, JSON-LD).
url_match() {
    python3 - "$1" "$PIPE_DATA/aeb/ground-truth.json" <<'EOF'
import json, sys
gold = json.load(open(sys.argv[2]))
pred = {}
for line in open(sys.argv[1]):
    d = json.loads(line)
    pred[d.get("id") if d.get("id") in gold else d["source"].split("/")[-1].split(".")[0]] = d
exact = sum(1 for k, v in gold.items() if (pred.get(k) or {}).get("url") == v["url"])
print(f"url exact match {exact}/{len(gold)}")
EOF
}
echo "== AEB dev, page addresses"
printf 'clean: '; url_match "$PIPE_OUT/aeb.jsonl"
[ -z "$PY" ] || { printf 'trafilatura: '; url_match "$PIPE_OUT/anchors/aeb-trafilatura.jsonl"; }

# One timed pass of the references over the pages held in memory:
# "trafilatura_s lxml_parse_s trafilatura_cpu_s resiliparse_s resiliparse_cpu_s".
reference() {
    "$PY" - "$PAGES" <<'EOF'
import glob, gzip, sys, time
import lxml.html, trafilatura
from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree
pages = [gzip.open(p, "rt", encoding="utf-8", errors="replace").read() for p in sorted(glob.glob(sys.argv[1] + "/*.html.gz"))]
t, cpu = time.perf_counter(), time.process_time()
for page in pages: trafilatura.extract(page, include_comments=False)
traf, traf_cpu = time.perf_counter() - t, time.process_time() - cpu
t = time.perf_counter()
for page in pages: lxml.html.document_fromstring(page)
lxml_s = time.perf_counter() - t
t, cpu = time.perf_counter(), time.process_time()
for page in pages: extract_plain_text(HTMLTree.parse(page), main_content=True)
print(traf, lxml_s, traf_cpu, time.perf_counter() - t, time.process_time() - cpu)
EOF
}

# Parse-only with the system libxml2: pages uncompressed once, then parsed from memory.
mkdir -p "$PIPE_OUT/aeb-html"
for page in "$PAGES"/*.html.gz; do
    plain="$PIPE_OUT/aeb-html/$(basename "$page" .gz)"
    [ -f "$plain" ] || gzip -dc "$page" >"$plain"
done
cc -O2 -I/usr/include/libxml2 -o "$PIPE_OUT/clean-parse" Benchmarks/quality/clean-parse.c -lxml2

RUNS="${RUNS:-5}"
for _ in $(seq "$RUNS"); do
    # CPU seconds of the whole pipe process too (reading, start-up and all): load-proof where wall time is not.
    /usr/bin/time -o "$PIPE_OUT/cpu.txt" -f "%U %S %e" "$PIPE" run Benchmarks/quality/clean-aeb-speed.yaml --jobs 1 >/dev/null 2>&1 || [ $? -eq 3 ]
    pipe_cpu=$(tail -1 "$PIPE_OUT/cpu.txt" | awk '{print $1 + $2}')
    pipe_wall=$(tail -1 "$PIPE_OUT/cpu.txt" | awk '{print $3}')
    stage=$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print(next(s["seconds"] for s in r["stages"] if s["stage"] == "clean"))' \
        "$(ls -t "$PIPE_OUT"/clean-aeb-speed-*.report.json | head -1)")
    parse=$("$PIPE_OUT/clean-parse" "$PIPE_OUT"/aeb-html/*.html)
    if [ -n "$PY" ]; then set -- $(reference); else set -- 0 0 0 0 0; fi
    echo "$stage $1 $2 $parse $pipe_cpu $3 $4 $pipe_wall $5"
done >"$PIPE_OUT/speed.txt"
median() { cut -d' ' -f"$1" "$PIPE_OUT/speed.txt" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p"; }
clean_s=$(median 1); traf_s=$(median 2); lxml_s=$(median 3); parse_s=$(median 4)
echo "== speed, $N AEB pages, 1 core, median of $RUNS (runs: $(tr '\n' ';' <"$PIPE_OUT/speed.txt"))"
python3 - "$N" "$clean_s" "$traf_s" "$lxml_s" "$parse_s" "$PIPE_OUT/speed.txt" <<'EOF'
import statistics, sys
n, clean, traf, lxml, parse = int(sys.argv[1]), *map(float, sys.argv[2:6])
runs = [list(map(float, line.split())) for line in open(sys.argv[6])]
print(f"clean {n / clean:.0f} pages/s")
print(f"system libxml2 parse only (clean-parse.c) {n / parse:.0f} pages/s: clean takes {clean / parse:.2f}x the parse time")
if traf > 0:
    print(f"trafilatura {n / traf:.1f} pages/s: clean is {traf / clean:.1f}x faster"
          f" (run by run: {', '.join(f'{r[1] / r[0]:.1f}x' for r in runs)}; median {statistics.median(r[1] / r[0] for r in runs):.1f}x)")
    print(f"CPU time, whole pipe process (read, start-up, clean) against trafilatura's extract calls: "
          f"{', '.join(f'{r[5] / r[4]:.1f}x' for r in runs)}; median {statistics.median(r[5] / r[4] for r in runs):.1f}x")
    print(f"lxml parse only (its own libxml2) {n / lxml:.0f} pages/s: clean takes {clean / lxml:.2f}x the parse time")
    resiliparse = statistics.median(r[6] for r in runs)
    print(f"resiliparse {n / resiliparse:.0f} pages/s: {traf / resiliparse:.1f}x trafilatura (run by run: "
          f"{', '.join(f'{r[1] / r[6]:.1f}x' for r in runs)}), beside the whole pipe process's CPU ratio above")
    # The whole pipe process (start-up, reading, clean, report) against the two extractors' calls
    # on pages already in memory, round by round: medians side by side, then the ratios.
    med = lambda i: statistics.median(r[i] for r in runs)
    print(f"== whole process: `pipe run` clean-only --jobs 1 vs trafilatura.extract vs resiliparse, {n} pages in memory, median of {len(runs)}")
    print(f"{'':12} {'wall s':>8} {'CPU s':>8} {'pages/s (wall)':>15}")
    for name, wall, cpu in (("pipe", 7, 4), ("trafilatura", 1, 5), ("resiliparse", 6, 8)):
        print(f"{name:12} {med(wall):8.3f} {med(cpu):8.3f} {n / med(wall):15.0f}")
    for name, wall, cpu in (("trafilatura", 1, 5), ("resiliparse", 6, 8)):
        print(f"{name} seconds / pipe seconds (how many times faster pipe is; below 1: slower): wall {med(wall) / med(7):.2f}x (rounds: {', '.join(f'{r[wall] / r[7]:.2f}x' for r in runs)}), "
              f"CPU {med(cpu) / med(4):.2f}x (rounds: {', '.join(f'{r[cpu] / r[4]:.2f}x' for r in runs)})")
EOF

"$PIPE" run Benchmarks/quality/clean-inbox.yaml >/dev/null 2>&1 || [ $? -eq 3 ]
echo "== sample inbox (pipelines/inbox), metadata and text against the sources it is made from"
python3 Benchmarks/quality/clean-inbox-metadata.py "$PIPE_OUT/inbox.jsonl" "$ROOT" ${MISSES:+--misses}

"$PIPE" run Benchmarks/quality/clean-seeds.yaml >/dev/null 2>&1 || [ $? -eq 3 ]
echo "== seeds"
python3 - "$PIPE_OUT/seeds.jsonl" <<'EOF'
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    paragraphs = (d.get("text") or "").split("\n\n")
    print(f"{d['id']}: title={d.get('title')!r} author={d.get('author')!r} published={d.get('published')!r} site={d.get('site')!r}")
    print(f"  {len(paragraphs)} paragraphs; first: {paragraphs[0][:160]!r}")
    print(f"  last: {paragraphs[-1][:160]!r}")
EOF
