#!/usr/bin/env bash
# A sharded run gives the same outputs as one process (issue 25). Runs the daily
# pipeline on the sample inbox and on a generated inbox of about two thousand
# articles (files created in a shuffled order; bad files and a duplicate id among
# them) as one process and with --shards 1, 2, 3 and 7, and compares every output
# (compare_runs.py: byte for byte; the run report by its counts). Then: a map task
# killed with SIGKILL and a damaged shard file are redone by the rerun, and only
# they; a work folder of another run is refused; two days with a state store give
# the same digests sharded as not; and the Kubernetes jobs of `pipe plan --emit
# kubernetes`, run locally by run_workflow_locally.py, give the same outputs.
# Run by .ci/run; usage: Tests/scripts/shards.sh [PIPE_BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
. Tests/scripts/lib.sh
use_pipe_binary "${1:-.build/debug/pipe}"
enter_work_folder

date=2026-11-20
run() { "$pipe" run "$root/pipelines/daily.yaml" --no-state --date "$date" --quiet "$@" || [ $? -eq 3 ]; }
same() { python3 "$root/Tests/scripts/compare_runs.py" "$1" "$2" || { echo "FAIL: $3"; exit 1; }; echo "ok: $3"; }

# The sample inbox.
run --output one
for n in 1 2 3 7; do
    run --output "s$n" --shards "$n"
    [ ! -e "s$n/.pipe-work" ] || { echo "FAIL: the default work folder stayed after a clean run"; exit 1; }
    same one "s$n" "sample inbox, --shards $n"
done

# A generated inbox.
python3 "$root/Tests/scripts/make_shard_corpus.py" gen 2000 > /dev/null
run --input gen --output gen-one
for n in 2 3 7; do
    run --input gen --output "gen-s$n" --shards "$n"
    same gen-one "gen-s$n" "generated inbox, --shards $n"
done

# A map task killed, a shard file damaged: the rerun redoes those and no other.
step=("$root/pipelines/daily.yaml" --no-state --date "$date" --input gen --output gen-kill --world 3 --work w --quiet)
"$pipe" step map "${step[@]}" --rank 2
"$pipe" step map "${step[@]}" --rank 1 & victim=$!
sleep 0.5; kill -9 "$victim" 2>/dev/null || true; wait "$victim" 2>/dev/null || true
"$pipe" step map "${step[@]}" --rank 0
printf 'damage' >> w/map-00000-of-00003.jsonl.gz
[ ! -e w/map-00001-of-00003.done ] || echo "(rank 1 finished before the kill; it is the damaged rank 0 that is redone)"
"$pipe" run "$root/pipelines/daily.yaml" --no-state --date "$date" --input gen --output gen-kill --shards 3 --work w \
    > rerun.log 2>&1 || [ $? -eq 3 ]
grep -q "already done" rerun.log || { echo "FAIL: the rerun did not keep the finished ranks"; cat rerun.log; exit 1; }
grep -q "running 1$\|running 2$" rerun.log || { echo "FAIL: the rerun ran more than the missing ranks"; cat rerun.log; exit 1; }
same gen-one gen-kill "a killed map task and a damaged shard, rerun"
[ -e w/reduce.done ] || { echo "FAIL: no reduce marker"; exit 1; }

# A work folder made for another run is refused.
if "$pipe" step map "$root/pipelines/daily.yaml" --no-state --date 2026-11-21 --input gen --world 3 --work w --rank 0 \
    > other.log 2>&1; then
    echo "FAIL: a work folder of another run was used"; exit 1
fi
grep -q "belongs to another run" other.log || { echo "FAIL: no reason given for refusing the work folder"; cat other.log; exit 1; }
echo "ok: a work folder of another run is refused"

# Two days with a state store: skip, resume and continuing stories as one process.
cp -r "$root/pipelines/inbox" day-1
cp -r day-1 day-2
cp -r "$root/pipelines/days/day-2/." day-2/
for mode in one sharded; do
    extra=(); [ "$mode" = sharded ] && extra=(--shards 3)
    for day in 1 2; do
        "$pipe" run "$root/pipelines/daily.yaml" --state "state-$mode.sqlite" --date "2026-11-2$((day - 1))" --input "day-$day" \
            --output "days-$mode-$day" --quiet "${extra[@]}" || [ $? -eq 3 ]
    done
done
for day in 1 2; do same "days-one-$day" "days-sharded-$day" "day $day with a state store, --shards 3"; done

# The Kubernetes jobs, run locally in dependency order for every completion index.
# (The tasks run in this folder, the plan's, so --input and --output are given as the one-process run's were:
# the run report names its input as given.)
"$pipe" plan "$root/pipelines/daily.yaml" --shards 3 --work "$work/k8s-work" --emit kubernetes --no-state \
    --date "$date" --input gen --output gen-k8s > /dev/null
python3 "$root/Tests/scripts/run_workflow_locally.py" "$work/k8s-work/kubernetes/workflow.yaml" "$pipe"
same gen-one gen-k8s "the emitted Kubernetes workflow, run locally"

echo "shards: all checks passed"
