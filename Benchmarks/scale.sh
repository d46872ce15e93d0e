#!/usr/bin/env bash
# One process against a sharded run on the same texts, side by side (issue 25).
#
# usage: Benchmarks/scale.sh PIPE DOCS [SHARDS] [--sharded-only]
#
# Makes (or reuses) /tmp/pipe-bench/texts-DOCS with Benchmarks/bench.py's make_texts (JSONL
# files of 1,000 texts cycled from the dev datasets), runs Benchmarks/pipelines/texts.yaml on it
# as one process and with --shards SHARDS (default 4) on this machine, and prints for each: wall
# time, time per document, and peak RSS — of the one process; of every map task (from its log) and
# of the reduce step (the coordinating process, from its run report). --sharded-only skips the
# one-process run (for sizes one process cannot hold). Not part of `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
pipe=$(realpath "$1"); docs=$2; shards=${3:-4}; only=${4:-}
corpus=$(cd Benchmarks && python3 -c "import bench, sys; print(bench.make_texts(int(sys.argv[1])))" "$docs")
out=$(mktemp -d /tmp/pipe-scale-XXXXXX)
echo "corpus: $corpus ($docs texts, $(du -sh "$corpus" | cut -f1)); load: $(cut -d' ' -f1-3 /proc/loadavg)"

summary() {  # REPORT LABEL WALL
    python3 - "$1" "$2" "$3" "$docs" <<'PY'
import json, sys
report, label, wall, docs = json.load(open(sys.argv[1])), sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
split = ", ".join(f"{s['stage']} {s['seconds']:.0f}" for s in report["stages"])
print(f"{label}: wall {wall:.0f} s, {1000 * wall / docs:.2f} ms/document, peak RSS {report['peak_rss_mb']:.0f} MB"
      f" ({report['documents_out']} documents, {report['stories']} stories; this process {report['total_seconds']:.0f} s:"
      f" read {report['read_seconds']:.0f} s, {split})")
PY
}

if [ "$only" != "--sharded-only" ]; then
    start=$(date +%s.%N)
    BENCH_INPUT=$corpus BENCH_OUT=$out/one "$pipe" run Benchmarks/pipelines/texts.yaml --no-state --date 2026-11-20 -q || [ $? -eq 3 ]
    wall=$(python3 -c "import sys, time; print(time.time() - float(sys.argv[1]))" "$start")
    summary "$out/one/texts-2026-11-20.report.json" "one process" "$wall"
fi
start=$(date +%s.%N)
BENCH_INPUT=$corpus BENCH_OUT=$out/sharded "$pipe" run Benchmarks/pipelines/texts.yaml --no-state --date 2026-11-20 -q \
    --shards "$shards" --work "$out/work" || [ $? -eq 3 ]
wall=$(python3 -c "import sys, time; print(time.time() - float(sys.argv[1]))" "$start")
summary "$out/sharded/texts-2026-11-20.report.json" "--shards $shards (reduce step's figures)" "$wall"
for log in "$out"/work/map-*.log; do echo "  $(grep -o 'shard .*' "$log" | sed 's/ →.*//')"; done
echo "  shard files: $(du -ch "$out"/work/map-*.jsonl.gz | tail -1 | cut -f1) compressed"
if [ "$only" != "--sharded-only" ]; then
    python3 "$root/Tests/scripts/compare_runs.py" "$out/one" "$out/sharded" | tail -1
fi
rm -rf "$out"
