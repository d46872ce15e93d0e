#!/usr/bin/env bash
# Are two builds' outputs byte-identical? For a refactor that must change nothing users see.
#
# usage: Benchmarks/identical.sh OLD_PIPE NEW_PIPE [PAGES]
#
# Runs both binaries on: the sample digest (pipelines/daily.yaml, no state); three days with state
# (Tests/scripts/three-days.sh, its work folder kept); PAGES AEB-derived pages (default 2000, made by
# ../shared/eval/make_corpus.py) through Benchmarks/pipelines/pages.yaml; the ECB+ and GVA cluster runs
# and the BBC summarize run of Benchmarks/quality. Every output file is compared with cmp, except run
# reports (they hold timings). SQLite files (digests and the state store) are compared table by table,
# with trace durations and checkpoint fingerprints (which name the build) masked.
# Prints one line per difference and a total; exits 1 if anything differs. Not part of `swift test`.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
old=$(realpath "$1"); new=$(realpath "$2"); pages=${3:-2000}
data=${PIPE_DATA:-$root/../shared/data}
work=$(mktemp -d /tmp/pipe-identical-XXXXXX)
corpus=${BENCH_DIR:-/tmp/pipe-bench}/pages-$pages
[ -d "$corpus" ] || python3 "$data/../eval/make_corpus.py" "$data/aeb/html" "$corpus" "$pages" > /dev/null

for side in old new; do
    pipe=${!side}
    out=$work/$side
    mkdir -p "$out"
    (cd pipelines && "$pipe" run daily.yaml --no-state --output "$out/sample" --date 2026-11-20 -q) > /dev/null 2>&1
    echo "$side: sample digest, status $?"
    sed -e "s#^work=\$(mktemp -d)#work=$out/days; mkdir -p \$work#" -e "s#^trap 'rm -rf \"\$work\"' EXIT##" \
        Tests/scripts/three-days.sh > Tests/scripts/.identical-three-days.sh
    bash Tests/scripts/.identical-three-days.sh "$pipe" > "$out/three-days.log" 2>&1
    echo "$side: three days, status $? ($(tail -1 "$out/three-days.log"))"
    rm -f Tests/scripts/.identical-three-days.sh
    BENCH_INPUT=$corpus BENCH_OUT=$out/pages "$pipe" run Benchmarks/pipelines/pages.yaml --date 2026-11-20 -q > /dev/null 2>&1
    echo "$side: $pages pages, status $?"
    for run in cluster-ecbplus cluster-gva summarize-bbc; do
        QUALITY_OUT=$out/$run PIPE_DATA=$data "$pipe" run "Benchmarks/quality/$run.yaml" --date 2026-11-20 -q > /dev/null 2>&1
        echo "$side: $run, status $?"
    done
done

compared=0; differ=0
cd "$work/old"
while read -r file; do
    compared=$((compared + 1))
    cmp -s "$file" "../new/$file" || { differ=$((differ + 1)); echo "DIFF $file"; }
done < <(find . -type f ! -name '*.report.json' ! -name '*.lock' ! -name '*.sqlite*' ! -name '*.log' ! -name 'truth.json' | sort)
mask() { sqlite3 "$1" "select * from $2" | sed -E 's/"duration":\[[^]]*\]//g; s/\|[0-9a-f]{16}\|\{/|FINGERPRINT|{/' | grep -v '"seconds"' | sort; }
while read -r file; do
    for table in $(sqlite3 "$file" ".tables"); do
        [ "$table" = runs ] && continue  # run reports
        compared=$((compared + 1))
        [ "$(mask "$file" "$table" | md5sum)" = "$(mask "../new/$file" "$table" | md5sum)" ] \
            || { differ=$((differ + 1)); echo "DIFF $file table $table"; }
    done
done < <(find . -type f -name '*.sqlite' | sort)
echo "identical.sh: $compared files and tables compared, $differ differ (work folder $work)"
[ "$differ" = 0 ]
