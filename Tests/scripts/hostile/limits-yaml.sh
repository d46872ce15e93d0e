#!/usr/bin/env bash
# Issue 21, item 1: any pipeline file under the 1 MiB limit validates in seconds.
# An alias bomb of bytes (a 600 KB string, 90,000 aliases; again with `$$`),
# 70,000 unknown stage names (the first 100 printed, then a count) and a large
# file without aliases (not called an alias bomb).
# Usage: Tests/scripts/hostile/limits-yaml.sh PIPE_BINARY
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
use_pipe_binary "${1:-}"
enter_work_folder
mkdir inbox && echo hello > inbox/a.txt
python3 - <<'PY'
big = "x" * 600_000
refs = ",".join(["*b"] * 90_000)
open("bomb.yaml", "w").write(f'input: inbox\nstages: [clean]\nbig: &b "{big}"\nrefs: [{refs}]\n')
dollars = ("$$" * 1000 + "y" * 1000) * 200
open("dollars.yaml", "w").write(f'input: inbox\nstages: [clean]\nbig: &b "{dollars}"\nrefs: [{refs}]\n')
open("unknown.yaml", "w").write("input: inbox\nstages:\n" + "".join(f"  - st{i}\n" for i in range(70_000)))
open("large.yaml", "w").write("input: inbox\nstages: [clean]\nextra:\n" + "  - v\n" * 150_000)
PY
fail=0
check() {  # name, file, expected text
    local status=0
    timeout 120 "$pipe" validate "$2" > out.txt 2>&1 || status=$?
    if [ "$status" -ne 2 ]; then echo "FAIL $1: exit $status (expected 2; 124 means it hung)"; fail=1; return; fi
    if ! grep -qF -- "$3" out.txt; then echo "FAIL $1: no \"$3\" in:"; head -c 600 out.txt; echo; fail=1; return; fi
    echo "ok   $1"
}
check "600 KB anchor x 90,000 aliases" bomb.yaml "values expand to more than 16777216 bytes"
check "same with \$\$ in the string" dollars.yaml "values expand to more than 16777216 bytes"
check "70,000 unknown stages" unknown.yaml "… and 69900 more problems not shown"
check "150,000 values without aliases" large.yaml "unknown key \`extra\` in pipeline"
if grep -q "expand to more than" out.txt; then echo "FAIL a file without aliases was called an alias bomb"; fail=1; fi
[ "$(grep -c ': error: ' < <(timeout 120 "$pipe" validate unknown.yaml 2>&1 || true))" -eq 100 ] \
    || { echo "FAIL the unknown-stage report does not print exactly 100 errors"; fail=1; }
exit $fail
