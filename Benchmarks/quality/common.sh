# The start the quality scripts that score dev corpora with a release build share
# (cluster.sh, redundancy.sh), sourced as `. "$(dirname "$0")/common.sh"`. It leaves:
#   here, root    this folder and the repository root (the working directory from then on)
#   PIPE_DATA     the datasets (default ../shared/data), exported for the pipeline files
#   QUALITY_OUT   where the runs write (default: a new temporary folder), exported, created
#   eval_dir      the scorers (PIPE_EVAL, default ../shared/eval)
#   PIPE_BINARY   the pipe to run; unset, this checkout's release build, built now
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export PIPE_DATA="${PIPE_DATA:-$root/../shared/data}"
export QUALITY_OUT="${QUALITY_OUT:-$(mktemp -d)}"
eval_dir="${PIPE_EVAL:-$root/../shared/eval}"
mkdir -p "$QUALITY_OUT"
cd "$root"
if [ -z "${PIPE_BINARY:-}" ]; then
    swift build -c release --product pipe >/dev/null
    PIPE_BINARY=.build/release/pipe
fi
