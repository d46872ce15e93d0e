#!/usr/bin/env bash
# Issue 21, item 5: export path mistakes are caught by `pipe validate`, at their line.
# Usage: Tests/scripts/hostile/limits-export-paths.sh PIPE_BINARY
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
use_pipe_binary "${1:-}"
enter_work_folder
mkdir inbox && echo hello > inbox/a.txt
fail=0
check() {  # name, yaml, expected text (file:line:column included)
    printf '%b' "$2" > p.yaml
    local status=0
    timeout 60 "$pipe" validate p.yaml > out.txt 2>&1 || status=$?
    if [ "$status" -ne 2 ] || ! grep -qF -- "$3" out.txt; then
        echo "FAIL $1 (exit $status):"; cat out.txt; fail=1; return
    fi
    echo "ok   $1"
}
check "unknown placeholder" 'input: inbox\nstages:\n  - export:\n      path: out/{nme}-{date}.md\n' \
    "p.yaml:4:13: error: option \`path\` of \`export\`: unknown placeholder {nme} (did you mean {name}?)"
check "two exports to one path" 'input: inbox\nstages:\n  - export: {format: markdown, path: out/d.md}\n  - export: {format: html, path: out/d.md}\n' \
    "p.yaml:4:34: error: \`export\` writes \`out/d.md\`, which \`export\` at line 3 writes too"
check "path: out/.." 'input: inbox\nstages:\n  - export:\n      path: out/..\n' \
    "p.yaml:4:13: error: option \`path\` of \`export\`: the path names a folder"
mkdir -p reports
check "path is an existing folder" 'input: inbox\nstages:\n  - export:\n      path: reports\n' \
    "p.yaml:4:13: error: \`reports\` is a folder"
export DIGEST_NAME='{day}'
check "placeholder from the environment" 'input: inbox\nstages:\n  - export:\n      path: out/${DIGEST_NAME}.md\n' \
    "p.yaml:4:13: error: option \`path\` of \`export\`: unknown placeholder {day}"
exit $fail
