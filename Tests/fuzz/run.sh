#!/usr/bin/env bash
# Builds the libFuzzer targets (release, -sanitize=fuzzer) and runs each for
# SECONDS (default 600), one after the other, under nice. Prints per target the
# execs, execs/s, final coverage (cov/ft) and the crashes, hangs and
# out-of-memory inputs found; those are saved under Tests/fuzz/.build/artifacts/<target>/ (git-ignored).
#
#   Tests/fuzz/run.sh [SECONDS] [TARGET...]     # targets: fuzz-pipeline fuzz-clean
#   FUZZ_FLAGS="-len_control=0" Tests/fuzz/run.sh 600 fuzz-clean   # extra libFuzzer flags
#
# The growing corpus lives in Tests/fuzz/.build/corpus/<target> (kept between
# runs, git-ignored); it starts from Tests/fuzz/seeds/<target> and, for
# fuzz-clean, the sample inbox's pages. Replay one input: the target binary
# followed by the file, e.g. .build/release/fuzz-clean .build/artifacts/fuzz-clean/crash-…
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz-pipeline fuzz-clean)

for target in "${targets[@]}"; do
    nice -n 19 swift build -c release --sanitize=fuzzer --product "$target" 2>&1 | grep -E "error|warning: .*Tests/fuzz|Compiling|Build complete" | grep -v "^\[" || true
done

# Let libFuzzer, not Swift's backtracer, catch a crash: it then saves the input.
export SWIFT_BACKTRACE=enable=no

status=0
summary=()
for target in "${targets[@]}"; do
    case "$target" in
        fuzz-pipeline) max_len=4096; extra=(../../pipelines/tests) ;;   # pipeline files are small
        fuzz-clean) max_len=65536; extra=(../../pipelines/inbox) ;;     # pages are 5-15 KB; room to grow
        *) echo "unknown target $target"; exit 2 ;;
    esac
    corpus=.build/corpus/$target
    artifacts=.build/artifacts/$target
    mkdir -p "$corpus" "$artifacts"
    log=.build/$target.log
    echo "== $target: ${seconds}s, -max_len=$max_len"
    start=$(date +%s)
    set +e
    nice -n 19 ".build/release/$target" "$corpus" "seeds/$target" "${extra[@]}" \
        -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -max_total_time="$seconds" \
        -print_final_stats=1 -artifact_prefix="$artifacts/" ${FUZZ_FLAGS:-} >"$log" 2>&1
    code=$?
    set -e
    elapsed=$(( $(date +%s) - start ))
    grep -E "INITED|DONE|ERROR|SUMMARY|Test unit written|stat::" "$log" | grep -v "^#.*NEW" || true
    line=$(grep -E "^#[0-9]+\s+(DONE|pulse|NEW|REDUCE|INITED)" "$log" | tail -1)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    cov=$(sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1 ft \2/p' <<<"$line")
    found=$(grep -c "Test unit written" "$log" || true)
    summary+=("$target: ${elapsed}s, ${execs:-?} execs, ${rate:-?} execs/s, ${cov:-?}, exit $code, $found input(s) saved in $artifacts/")
    if [ "$code" -ne 0 ] || [ "$found" -gt 0 ]; then status=1; fi
done
printf '\n'
printf '%s\n' "${summary[@]}"
exit $status
