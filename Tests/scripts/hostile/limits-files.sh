#!/usr/bin/env bash
# Issue 21, items 6 and 7: unusual files get clear messages and never block.
# FIFO and /dev/zero as input and as the pipeline file, a folder as the
# pipeline file, a byte-order mark, 1e400 in JSONL, NFC/NFD names, and
# another program's SQLite file as `state:` (refused, bytes unchanged).
# Usage: Tests/scripts/hostile/limits-files.sh PIPE_BINARY
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
use_pipe_binary "${1:-}"
enter_work_folder
fail=0
expect() {  # name, expected exit, expected text, command...
    local name=$1 want=$2 text=$3 status=0
    shift 3
    timeout 60 "$@" > out.txt 2>&1 || status=$?
    if [ "$status" -ne "$want" ] || ! grep -qF -- "$text" out.txt || grep -q "permission" out.txt; then
        echo "FAIL $name (exit $status, expected $want and \"$text\"):"; cat out.txt; fail=1; return
    fi
    echo "ok   $name"
}
mkdir inbox && echo "Ferry crews went on strike." > inbox/a.txt
mkfifo inbox/fifo.html
printf 'input: inbox\noutput: out\nstages:\n  - export: {format: jsonl, path: out/d.jsonl}\n' > p.yaml
expect "a FIFO in the input folder" 3 "a FIFO (named pipe), not a regular file; not read" "$pipe" run p.yaml --date 2026-11-20
expect "/dev/zero as the input" 4 "a device, not a regular file; not read" "$pipe" run p.yaml --input /dev/zero --date 2026-11-20
mkfifo fifo.yaml
expect "a FIFO as the pipeline file" 2 "is a FIFO (named pipe), not a regular file" "$pipe" validate fifo.yaml
expect "/dev/zero as the pipeline file" 2 "pipeline file \`/dev/zero\` is a device, not a regular file" "$pipe" validate /dev/zero
expect "a folder as the pipeline file" 2 "is a folder" "$pipe" validate inbox
printf '\xef\xbb\xbfinput: inbox\nstages:\n  - export: {format: jsonl, path: out/d.jsonl}\n' > bom.yaml
expect "a byte-order mark before the first key" 0 "bom.yaml: ok" "$pipe" validate bom.yaml

mkdir -p json && printf '{"id": "a", "text": "fine"}\n{"id": "b", "text": "x", "score": 1e400}\n' > json/w.jsonl
printf 'input: json\noutput: out2\nstages:\n  - export: {format: jsonl, path: out2/d.jsonl}\n' > j.yaml
expect "1e400 in JSONL" 3 "line 2: number 1e400 is out of range" "$pipe" run j.yaml --date 2026-11-20

mkdir -p nfc && printf 'composed text\n' > "nfc/$(printf 'caf\xc3\xa9.txt')" && printf 'decomposed text\n' > "nfc/$(printf 'cafe\xcc\x81.txt')"
printf 'input: nfc\noutput: out3\nstages:\n  - export: {format: jsonl, path: out3/d.jsonl}\n' > n.yaml
expect "NFC and NFD names are one id" 3 "duplicate id" "$pipe" run n.yaml --date 2026-11-20
[ "$(wc -l < out3/d.jsonl)" -eq 1 ] || { echo "FAIL NFC/NFD: $(wc -l < out3/d.jsonl) documents, expected 1"; fail=1; }

python3 -c 'import sqlite3; c = sqlite3.connect("other.sqlite"); c.execute("create table notes (body text)"); c.execute("insert into notes values (\"keep\")"); c.commit(); c.close()'
before=$(sha256sum other.sqlite)
printf 'input: inbox\noutput: out4\nstate: {path: other.sqlite}\nstages:\n  - export: {format: jsonl, path: out4/d.jsonl}\n' > s.yaml
rm inbox/fifo.html
expect "another program's SQLite file as state" 1 "is a SQLite database of another program" "$pipe" run s.yaml --date 2026-11-20
[ "$(sha256sum other.sqlite)" = "$before" ] || { echo "FAIL the other program's database was modified"; fail=1; }
[ ! -e other.sqlite-wal ] || { echo "FAIL a WAL file was made beside the other program's database"; fail=1; }
exit $fail
