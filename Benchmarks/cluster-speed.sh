#!/usr/bin/env bash
# Cluster's speed against an earlier build, side by side: the release binary of BASE (a commit,
# default 109f65f, the code issue 23 started from) and of this checkout run cluster
# (Benchmarks/pipelines/cluster-texts.yaml) over 5,000 and 50,000 texts, ROUNDS times (default
# 3), the builds and sizes interleaved. Prints each run's cluster-stage seconds from the run
# report, then per size the medians and new/base, and each build's 50k/5k ratio (the bars:
# new/base at most 1.2 at 50k; 50k at most 15x 5k). The texts are the dev datasets' texts
# cycled with per-copy changes (Benchmarks/bench.py make_texts), made at run time under
# $BENCH_DIR (default /tmp/pipe-bench); none is kept in the repository. Not part of CI.
#
# usage: Benchmarks/cluster-speed.sh [BASE] [ROUNDS]
#   BASE_PIPE=path NEW_PIPE=path Benchmarks/cluster-speed.sh   # binaries already built
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
base=${1:-109f65f}; rounds=${2:-3}
bench=${BENCH_DIR:-/tmp/pipe-bench}
mkdir -p "$bench"
echo "load before: $(uptime)"

if [ -z "${BASE_PIPE:-}" ]; then
    commit=$(git rev-parse --short "$base")
    BASE_PIPE=$bench/pipe-$commit
    if [ ! -x "$BASE_PIPE" ]; then
        tree=$(mktemp -d /tmp/pipe-speed-XXXXXX)
        git worktree add --detach "$tree" "$commit" > /dev/null
        # Start from this checkout's build folder (fetched packages, most objects); module caches
        # remember their absolute path, so they are rebuilt.
        [ -d .build ] && cp -a .build "$tree/.build" && rm -rf "$tree"/.build/*/*/ModuleCache
        (cd "$tree" && swift build -c release --product pipe > /dev/null)
        cp "$tree/.build/release/pipe" "$BASE_PIPE"
        git worktree remove --force "$tree"
    fi
fi
if [ -z "${NEW_PIPE:-}" ]; then
    swift build -c release --product pipe > /dev/null
    NEW_PIPE=$root/.build/release/pipe
fi

for n in 5000 50000; do
    python3 -c "import sys; sys.path.insert(0, 'Benchmarks'); import bench; bench.make_texts($n)"
done
log=$(mktemp /tmp/cluster-speed-XXXXXX)
for round in $(seq 1 "$rounds"); do
    for n in 5000 50000; do
        for side in base new; do
            binary=BASE_PIPE; [ "$side" = new ] && binary=NEW_PIPE
            out=$bench/out/cluster-speed-$side-$n
            rm -rf "$out"
            BENCH_INPUT="$bench/texts-$n" BENCH_OUT="$out" "${!binary}" run Benchmarks/pipelines/cluster-texts.yaml \
                --date 2026-11-20 --quiet --output "$out" > /dev/null 2>&1 || [ $? -eq 3 ]
            seconds=$(python3 -c 'import json, sys
report = json.load(open(sys.argv[1]))
print(sum(s["seconds"] for s in report["stages"] if s["stage"] == "cluster"))' "$out/cluster-texts-2026-11-20.report.json")
            echo "$round $n $side $seconds" | tee -a "$log"
        done
    done
done
python3 - "$log" <<'PY'
import statistics as st, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
median = lambda n, side: st.median(float(r[3]) for r in rows if r[1] == n and r[2] == side)
for n in ("5000", "50000"):
    b, w = median(n, "base"), median(n, "new")
    print(f"{n:>6} texts: cluster median base {b:7.2f} s  new {w:7.2f} s  new/base {w / b:.3f}")
for side in ("base", "new"):
    print(f"{side}: 50k/5k {median('50000', side) / median('5000', side):.2f}x")
PY
rm -f "$log"
echo "load after: $(uptime)"
