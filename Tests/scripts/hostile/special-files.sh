#!/usr/bin/env bash
# A hostile case for Tests/scripts/hostile.sh: special files where pipe expects
# regular ones, beyond the export paths and inbox the driver covers. A FIFO as
# the state store, as a gzip input and as the output folder's lock file must
# neither block a run nor be replaced. Usage: special-files.sh PIPE_BINARY
set -uo pipefail
pipe=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() { local what=$1; shift; if "$@"; then printf '  ok    %s\n' "$what"; else printf '  FAIL  %s\n' "$what"; failures=$((failures + 1)); fi; }

mkdir -p "$work/inbox" "$work/state" "$work/out"
printf 'The council voted on Tuesday to close the old river bridge after the storm damaged its supports, and engineers said repairs would take a year.\n' > "$work/inbox/a.txt"
cat > "$work/p.yaml" <<YAML
name: t
input: {path: inbox}
output: out
state: {path: state/t.sqlite}
stages:
  - export: {format: sqlite, path: "out/t.sqlite"}
  - export: {format: jsonl, path: "out/t-{date}.jsonl"}
YAML

mkfifo "$work/state/t.sqlite"
timeout 60 "$pipe" run "$work/p.yaml" --date 2026-11-20 > /dev/null 2> "$work/err"
status=$?
check "a FIFO as the state store: refused without blocking (status $status)" test "$status" = 1
check "with the reason" grep -q "FIFO" "$work/err"
check "the FIFO is still a FIFO" test -p "$work/state/t.sqlite"
rm "$work/state/t.sqlite"

mkfifo "$work/inbox/b.txt.gz"
mkfifo "$work/out/.t.sqlite.lock"
timeout 60 "$pipe" run "$work/p.yaml" --date 2026-11-20 > /dev/null 2> "$work/err"
status=$?
check "a FIFO .gz in the inbox is set aside (status $status, not a hang)" test "$status" = 3 -o "$status" = 1
check "a FIFO where the lock file goes fails that export only, the other writes" test -s "$work/out/t-2026-11-20.jsonl"
check "the lock-file FIFO is left as it was" test -p "$work/out/.t.sqlite.lock"

[ "$failures" = 0 ]
