#!/usr/bin/env bash
# A map step's peak memory and CPU, two builds side by side (issue 25).
#
# usage: Benchmarks/map-memory.sh OLD_PIPE NEW_PIPE [DOCS] [ROUNDS]
#
# Runs `pipe step map Benchmarks/pipelines/texts.yaml --rank 0 --world 1` (one map step taking
# the whole input, so its share is DOCS texts) with each binary in turn, ROUNDS times (default
# 2), on Benchmarks/bench.py's texts (DOCS, default 50,000), and prints each run's wall time,
# user CPU and peak RSS (/usr/bin/time) and the shard file's size. Not part of `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(realpath "$1"); new=$(realpath "$2"); docs=${3:-50000}; rounds=${4:-2}
corpus=$(cd Benchmarks && python3 -c "import bench, sys; print(bench.make_texts(int(sys.argv[1])))" "$docs")
echo "corpus: $corpus ($docs texts); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
    for which in old new; do
        bin=${!which}
        work=$(mktemp -d /tmp/pipe-map-memory-XXXXXX)
        BENCH_INPUT=$corpus BENCH_OUT=$work/out /usr/bin/time -o "$work/time" -f "%e %U %M" \
            "$bin" step map Benchmarks/pipelines/texts.yaml --rank 0 --world 1 --work "$work/work" --no-state \
            --date 2026-11-20 --quiet
        read -r wall user rss < "$work/time"
        size=$(stat -c %s "$work"/work/*.jsonl.gz)
        printf '%s round %s: wall %.0f s, user %.1f s, peak RSS %d MB, shard file %.1f MB\n' \
            "$which" "$round" "$wall" "$user" $((rss / 1024)) "$(awk -v s="$size" 'BEGIN { print s / 1000000 }')"
        rm -rf "$work"
    done
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
