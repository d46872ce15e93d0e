#!/bin/sh
# Article summary quality on the BBC News Summary dev split: ROUGE-1/2/L F1
# from ../shared/eval/score_summaries.py at 3 sentences (the anchors' budget).
#   Benchmarks/quality/summarize.sh          # prints the scorer's SCORE line
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export PIPE_DATA="${PIPE_DATA:-$root/../shared/data}"
export QUALITY_OUT="${QUALITY_OUT:-$(mktemp -d)}"
eval_dir="${PIPE_EVAL:-$root/../shared/eval}"
cd "$root"
swift build -c release --product pipe >/dev/null
.build/release/pipe run "$here/summarize-bbc.yaml" >"$QUALITY_OUT/run.log" 2>&1 || { cat "$QUALITY_OUT/run.log"; exit 1; }
python3 "$eval_dir/score_summaries.py" "$QUALITY_OUT/summarize-bbc.jsonl" "$PIPE_DATA/bbc"
