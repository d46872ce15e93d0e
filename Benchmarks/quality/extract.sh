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

# Speed on one core, median of three runs: the extract stage's own seconds from the run report
# (the whole run also reads, cleans and exports).
for ds in bbc kpcrowd; do
    n=$(wc -l < "$PIPE_DATA/$ds/docs.jsonl")
    for _ in 1 2 3; do
        "$PIPE" run "Benchmarks/quality/extract-$ds.yaml" --jobs 1 >/dev/null 2>&1
        python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print(next(s["seconds"] for s in r["stages"] if s["stage"] == "extract"), r["total_seconds"])' \
            "$(ls -t "$PIPE_OUT"/extract-$ds-*.report.json | head -1)"
    done | sort -n | sed -n 2p | {
        read -r stage total
        echo "== speed, $ds: $n documents; extract stage $stage s = $(echo "$n / $stage" | bc) docs/s on 1 core (whole run $total s)"
    }
done
