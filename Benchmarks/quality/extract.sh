#!/bin/sh
# Quality and speed of the extract stage, with the release build and the shared scorers.
#
#   Benchmarks/quality/extract.sh            # keywords (kpcrowd), entities (worldwide, wikigold), speed (bbc)
#   ENTITY_VARIANTS=true Benchmarks/quality/extract.sh   # entities listed per surface form
#
# PIPE_DATA (default ../shared/data next to the repo) and EVAL (../shared/eval) locate the
# datasets and scorers; PIPE_OUT (default /tmp/pipe-extract) receives the predictions.
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
export PIPE_DATA="${PIPE_DATA:-$ROOT/../shared/data}"
EVAL="${EVAL:-$ROOT/../shared/eval}"
export PIPE_OUT="${PIPE_OUT:-/tmp/pipe-extract}"
mkdir -p "$PIPE_OUT"
swift build -c release --product pipe >/dev/null
PIPE=.build/release/pipe

run() { "$PIPE" run "Benchmarks/quality/extract-$1.yaml" --jobs "${JOBS:-2}" >/dev/null 2>&1; }

run kpcrowd
echo "== keywords, kpcrowd"
python3 "$EVAL/score_keywords.py" "$PIPE_OUT/kpcrowd.jsonl" "$PIPE_DATA/kpcrowd"
for ds in worldwide wikigold; do
    run "$ds"
    echo "== entities, $ds"
    python3 "$EVAL/score_entities.py" "$PIPE_OUT/$ds.jsonl" "$PIPE_DATA/$ds"
done

# Speed: documents per second on one core, median of three runs (reading and export included).
for ds in bbc kpcrowd; do
    n=$(wc -l < "$PIPE_DATA/$ds/docs.jsonl")
    times=""
    for _ in 1 2 3; do
        start=$(date +%s.%N)
        "$PIPE" run "Benchmarks/quality/extract-$ds.yaml" --jobs 1 >/dev/null 2>&1
        end=$(date +%s.%N)
        times="$times $(echo "$end - $start" | bc)"
    done
    median=$(echo $times | tr ' ' '\n' | sort -n | sed -n 2p)
    echo "== speed, $ds: $n documents, runs:$times s; median $median s = $(echo "$n / $median" | bc) docs/s on 1 core"
done
