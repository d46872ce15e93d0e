#!/usr/bin/env bash
# Interleaved A/B of two builds on the same pages: is a change within noise?
#
# usage: Benchmarks/ab.sh OLD_PIPE NEW_PIPE [ROUNDS] [PAGES]
#
# Runs PAGES AEB-derived pages (default 2000, made by ../shared/eval/make_corpus.py) through
# Benchmarks/pipelines/pages.yaml, ROUNDS times (default 7), alternating the builds, each once
# without state and once with a fresh state store (--state). Prints every run (wall, user and
# system seconds, peak RSS) and, per mode, the medians, their ratio and each round's user-time
# ratio. On a busy machine read user CPU, not wall time. Not part of `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(realpath "$1"); new=$(realpath "$2"); rounds=${3:-7}; pages=${4:-2000}
data=${PIPE_DATA:-$(pwd)/../shared/data}
corpus=${BENCH_DIR:-/tmp/pipe-bench}/pages-$pages
[ -d "$corpus" ] || python3 "$data/../eval/make_corpus.py" "$data/aeb/html" "$corpus" "$pages" > /dev/null
work=$(mktemp -d /tmp/pipe-ab-XXXXXX)
log=$work/runs.txt
for round in $(seq 1 "$rounds"); do
    for side in old new; do
        for mode in plain state; do
            extra=()
            [ "$mode" = state ] && extra=(--state "$work/$side-$round.sqlite")
            /usr/bin/time -f "%e %U %S %M" -o "$work/time" env BENCH_INPUT="$corpus" BENCH_OUT="$work/$side-$mode" \
                "${!side}" run Benchmarks/pipelines/pages.yaml --date 2026-11-20 -q "${extra[@]}" > /dev/null 2>&1 || true
            echo "$round $side $mode $(tail -1 "$work/time")" | tee -a "$log"
        done
    done
done
python3 - "$log" <<'PY'
import statistics as st, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
for mode in ("plain", "state"):
    pick = lambda side, i: [float(r[i]) for r in rows if r[1] == side and r[2] == mode]
    for name, i in (("wall s", 3), ("user s", 4), ("peak RSS KB", 6)):
        a, b = st.median(pick("old", i)), st.median(pick("new", i))
        print(f"{mode:5} {name:12} old {a:10.2f}  new {b:10.2f}  new/old {b / a:.3f}")
    old = {r[0]: float(r[4]) for r in rows if r[1] == "old" and r[2] == mode}
    new = {r[0]: float(r[4]) for r in rows if r[1] == "new" and r[2] == mode}
    print(f"{mode:5} user ratio per round: " + " ".join(f"{new[k] / old[k]:.3f}" for k in sorted(old, key=int) if k in new))
PY
