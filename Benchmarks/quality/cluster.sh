#!/bin/sh
# Story clustering quality on the ECB+ dev split: B-cubed F1 from
# ../shared/eval/score_clusters.py, at cluster's default threshold.
#   Benchmarks/quality/cluster.sh            # prints the scorer's SCORE line
#   CLUSTER_THRESHOLD=0.25 Benchmarks/quality/cluster.sh   # a sweep point
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export PIPE_DATA="${PIPE_DATA:-$root/../shared/data}"
export QUALITY_OUT="${QUALITY_OUT:-$(mktemp -d)}"
eval_dir="${PIPE_EVAL:-$root/../shared/eval}"
cd "$root"
swift build -c release --product pipe >/dev/null
.build/release/pipe run "$here/cluster-ecbplus.yaml" >"$QUALITY_OUT/run.log" 2>&1 || { cat "$QUALITY_OUT/run.log"; exit 1; }
python3 "$eval_dir/score_clusters.py" "$QUALITY_OUT/cluster-ecbplus.jsonl" "$PIPE_DATA/ecbplus"
