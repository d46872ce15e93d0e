#!/usr/bin/env bash
# Issue 21, item 4: control characters from file names, ids and titles never
# reach the terminal or an export raw. A file name and a JSONL id carrying
# ESC ] 0 ; … BEL ESC [ 2 J; titles with NUL, BEL and ESC.
# Usage: Tests/scripts/hostile/limits-terminal.sh PIPE_BINARY
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
use_pipe_binary "${1:-}"
enter_work_folder
mkdir inbox
python3 - <<'PY'
import json
evil = "\x1b]0;owned\x07\x1b[2J"
open("inbox/" + evil + ".txt", "w").write("\n")  # empty: set aside, its name printed among the reasons
with open("inbox/wire.jsonl", "w") as f:
    f.write(json.dumps({"id": "id" + evil, "title": "Bell\x07 and NUL\x00 and ESC\x1b[31m title",
                        "text": "Ferry crews went on strike on Tuesday after rejecting a pay offer.\x07"}) + "\n")
    f.write(json.dumps({"id": "bad" + evil, "published": "not a date", "text": 5}) + "\n")
PY
cat > p.yaml <<'YAML'
input: inbox
output: out
state: {path: state.sqlite}
stages:
  - export: {format: markdown, path: out/d.md}
  - export: {format: csv, path: out/d.csv}
  - export: {format: html, path: out/d.html}
  - export: {format: atom, path: out/d.atom}
  - export: {format: sqlite, path: out/d.sqlite}
  - export: {format: jsonl, path: out/d.jsonl}
YAML
status=0
timeout 120 "$pipe" run p.yaml --date 2026-11-20 > run.txt 2>&1 || status=$?
timeout 60 "$pipe" explain p.yaml "$(printf 'id\033]0;owned\007\033[2J')" > explain.txt 2>&1 || true
fail=0
[ "$status" -eq 3 ] || { echo "FAIL run exit $status (expected 3)"; cat -v run.txt; fail=1; }
for file in run.txt explain.txt; do
    if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$file"; then echo "FAIL control characters printed raw in $file:"; cat -v "$file"; fail=1; fi
done
grep -qF '\x1B]0;owned\x07\x1B[2J' run.txt || { echo "FAIL the file name is not shown escaped in the run's reasons"; cat -v run.txt; fail=1; }
grep -qF 'id\x1B]0;owned' explain.txt || { echo "FAIL explain does not show the escaped id"; cat -v explain.txt; fail=1; }
for file in out/d.md out/d.csv out/d.html out/d.atom; do
    if LC_ALL=C tr -d '\n\r\t' < "$file" | LC_ALL=C grep -q $'[\x01-\x1f\x7f]'; then echo "FAIL control characters in $file"; fail=1; fi
    if LC_ALL=C grep -qP '\x00' "$file"; then echo "FAIL NUL in $file"; fail=1; fi
done
python3 - <<'PY' || fail=1
import sqlite3, sys
rows = sqlite3.connect("out/d.sqlite").execute("select id, title, text from documents").fetchall()
bad = [r for r in rows if any(c is not None and any(ord(ch) < 32 and ch not in "\n\t" or 0x7f <= ord(ch) <= 0x9f for ch in c) for c in r)]
if bad or not rows: print("FAIL control characters in the sqlite export:", bad or "no rows"); sys.exit(1)
PY
[ "$fail" -eq 0 ] && echo "ok   run reasons, explain and every export free of raw control characters"
exit $fail
