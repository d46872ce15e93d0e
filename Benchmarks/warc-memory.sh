#!/usr/bin/env bash
# Peak memory of the daily pipeline on one large crawl file (issue 25, WARC input).
#
# usage: Benchmarks/warc-memory.sh PIPE [MB] [--jsonl]
#
# Makes (or reuses) /tmp/pipe-bench/warc-MB/crawl.warc.gz with Benchmarks/make_warc.py (invented
# news pages among requests, metadata, images, 404s and redirects; default 300 MB compressed), runs
# pipelines/daily.yaml on it without state under /usr/bin/time -v, and prints wall time, peak RSS
# and the file's compressed and HTML sizes. With --jsonl, the same pages as JSONL files of 16 MB
# (each a unit read whole) are run the same way for comparison. Not part of `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
pipe=$(realpath "$1"); mb=${2:-300}; jsonl=${3:-}
corpus=/tmp/pipe-bench/warc-$mb
if [ ! -s "$corpus/crawl/crawl.warc.gz" ] || { [ -n "$jsonl" ] && [ ! -d "$corpus/jsonl" ]; }; then
    rm -rf "$corpus"
    python3 Benchmarks/make_warc.py "$corpus/crawl/crawl.warc.gz" "$mb" ${jsonl:+--jsonl "$corpus/jsonl"} \
        | tee "$corpus.made"
fi
cat "$corpus.made"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"

measure() {  # INPUT LABEL
    local out
    out=$(mktemp -d /tmp/pipe-warc-XXXXXX)
    /usr/bin/time -v "$pipe" run "$root/pipelines/daily.yaml" --input "$1" --no-state --date 2026-11-20 \
        --output "$out" 2> "$out/stderr" || [ $? -eq 3 ]
    local rss wall
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$out/stderr")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out/stderr")
    echo "$2: wall $wall, peak RSS $rss MB, input $(du -sm "$1" | cut -f1) MB on disk"
    grep -E "documents, .* stories|warc:|set aside" "$out/stderr" | sed 's/^/    /'
}

measure "$corpus/crawl" "crawl.warc.gz"
if [ -n "$jsonl" ]; then measure "$corpus/jsonl" "same pages as JSONL"; fi
