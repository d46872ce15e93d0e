#!/usr/bin/env bash
# The jobs `pipe plan --emit slurm` writes, run by a real Slurm (issue 25): installs
# slurm-wlm if missing, starts a one-node cluster on localhost (munged, slurmctld,
# slurmd, a configuration of our own in a temporary folder), submits the emitted
# submit.sh (a map array of 3 ranks, then the reduce with --dependency=afterok),
# waits, and compares every output with one process's (compare_runs.py). Then
# submits again to check that finished ranks are not rerun. Stops every daemon it
# started, on every exit. Run by .ci/run; usage: Tests/scripts/slurm.sh [PIPE_BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
. Tests/scripts/lib.sh
use_pipe_binary "${1:-.build/debug/pipe}"
work=$(mktemp -d /tmp/pipe-slurm-XXXXXX)
chmod 755 "$work"

if ! command -v slurmctld > /dev/null || ! command -v sbatch > /dev/null; then
    echo "installing slurm-wlm"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm > "$work/apt.log" 2>&1 \
        || { apt-get update -q > "$work/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm \
                 > "$work/apt.log" 2>&1; } \
        || { echo "FAIL: cannot install slurm-wlm"; tail -20 "$work/apt.log"; exit 1; }
fi

host=$(hostname -s)
conf="$work/etc"
mkdir -p "$conf" "$work/spool/ctld" "$work/spool/d" "$work/run" "$work/log"
cat > "$conf/slurm.conf" <<CONF
ClusterName=pipe-ci
SlurmctldHost=$host
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/spool/ctld
SlurmdSpoolDir=$work/spool/d
SlurmctldPidFile=$work/run/slurmctld.pid
SlurmdPidFile=$work/run/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SchedulerType=sched/builtin
MpiDefault=none
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
NodeName=$host CPUs=$(nproc) RealMemory=2000 State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
CONF
export SLURM_CONF="$conf/slurm.conf"

# munge: a key of our own and a daemon on its own socket.
mkdir -p "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 700 "$work/munge"; chmod 400 "$work/munge/munge.key"
munge_socket="$work/munge/munge.socket"
started=()
cleanup() {
    for pidfile in "$work/run/slurmd.pid" "$work/run/slurmctld.pid" "$work/munge/munged.pid"; do
        [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    sleep 1
    for pidfile in "$work/run/slurmd.pid" "$work/run/slurmctld.pid" "$work/munge/munged.pid"; do
        [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
munged --key-file="$work/munge/munge.key" --socket="$munge_socket" --pid-file="$work/munge/munged.pid" \
    --log-file="$work/munge/munged.log" --seed-file="$work/munge/munge.seed" --force
# Slurm finds munge's socket through its AuthInfo setting.
echo "AuthInfo=socket=$munge_socket" >> "$conf/slurm.conf"
slurmctld -f "$conf/slurm.conf"
slurmd -f "$conf/slurm.conf"
for _ in $(seq 1 60); do
    sinfo -h -o "%t" 2>/dev/null | grep -q "idle\|mix\|alloc" && break
    sleep 0.5
done
sinfo -h -o "%t" | grep -q "idle\|mix\|alloc" \
    || { echo "FAIL: the Slurm node did not come up"; sinfo; tail -20 "$work/log/slurmctld.log" "$work/log/slurmd.log"; exit 1; }
echo "slurm: one node up ($(sinfo -h -o '%N %c CPUs %t'))"

date=2026-11-20
python3 "$root/Tests/scripts/make_shard_corpus.py" "$work/gen" 600 > /dev/null
"$pipe" run "$root/pipelines/daily.yaml" --no-state --date "$date" --input "$work/gen" --output "$work/one" --quiet \
    || [ $? -eq 3 ]

wait_for_jobs() {
    for _ in $(seq 1 600); do
        [ -z "$(squeue -h -o %i 2>/dev/null)" ] && return 0
        sleep 0.5
    done
    echo "FAIL: jobs still queued after 5 minutes"; squeue; exit 1
}

(cd "$work" && "$pipe" plan "$root/pipelines/daily.yaml" --shards 3 --work "$work/w" --emit slurm --no-state \
    --date "$date" --input "$work/gen" --output "$work/sharded" > /dev/null)
"$work/w/slurm/submit.sh" | tee "$work/submit-1.log"
wait_for_jobs
[ -e "$work/w/reduce.done" ] || { echo "FAIL: the reduce job did not finish"; cat "$work/w"/slurm-*.log; exit 1; }
python3 "$root/Tests/scripts/compare_runs.py" "$work/one" "$work/sharded" \
    || { echo "FAIL: Slurm's outputs differ from one process's"; exit 1; }
echo "ok: the emitted Slurm jobs give one process's outputs"

# Submitted again: every rank has its marker, so no map array is submitted, and the reduce is done already.
"$work/w/slurm/submit.sh" | tee "$work/submit-2.log"
wait_for_jobs
if grep -q "^map:" "$work/submit-2.log"; then echo "FAIL: finished ranks were submitted again"; exit 1; fi
echo "ok: a second submission reruns no finished rank"
echo "slurm: all checks passed"
