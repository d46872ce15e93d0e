#!/usr/bin/env bash
# Issue 21, items 3 and 7: a page nested 400 elements deep keeps its text
# through clean; pages declaring KOI8-R and Shift_JIS are decoded; a runaway
# `matches:` pattern fails its test after the time limit instead of hanging;
# `tests: []` and an empty test folder are errors.
# Usage: Tests/scripts/hostile/limits-pages-and-tests.sh PIPE_BINARY
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
use_pipe_binary "${1:-}"
enter_work_folder
fail=0
mkdir inbox
python3 - <<'PY'
words = " ".join(["The ferry crews voted on Tuesday to accept the improved pay offer after three days of talks."] * 8)
open("inbox/deep.html", "w").write("<html><head><title>Deep page</title></head><body>" + "<div>" * 400
    + f"<p>{words}</p>" + "</div>" * 400 + "</body></html>")
body = "Привет, мир. " * 40
open("inbox/ru.html", "wb").write(b'<html><head><meta charset="koi8-r"><title>ru</title></head><body><p>'
    + body.encode("koi8-r") + b"</p></body></html>")
open("inbox/ja.html", "wb").write(b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body><p>'
    + ("日本の港で新しいクレーンが動き始めた。" * 20).encode("shift_jis") + b"</p></body></html>")
PY
printf 'input: inbox\noutput: out\nstages:\n  - clean\n  - export: {format: jsonl, path: out/d.jsonl}\n' > p.yaml
status=0
timeout 120 "$pipe" run p.yaml --date 2026-11-20 > run.txt 2>&1 || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then echo "FAIL clean run exit $status"; cat run.txt; fail=1; fi
python3 - <<'PY' || fail=1
import json, sys
docs = {d["id"]: d for d in map(json.loads, open("out/d.jsonl"))}
problems = []
if "accept the improved pay offer" not in docs.get("deep.html", {}).get("text", ""): problems.append(f"deep page lost its text: {docs.get('deep.html')}")
if "Привет, мир." not in docs.get("ru.html", {}).get("text", ""): problems.append(f"KOI8-R page: {docs.get('ru.html')}")
if "クレーン" not in docs.get("ja.html", {}).get("text", ""): problems.append(f"Shift_JIS page: {docs.get('ja.html')}")
for p in problems: print("FAIL", p)
if not problems: print("ok   deep page text kept; KOI8-R and Shift_JIS decoded")
sys.exit(1 if problems else 0)
PY
mkdir -p t/inbox && echo hi > t/inbox/a.txt
printf 'input: inbox\nstages:\n  - export: {format: jsonl, path: out/d.jsonl}\n' > t/p.yaml
python3 - <<'PY'
a = "a" * 140
open("t/runaway.test.yaml", "w").write(f'''pipeline: p.yaml
tests:
  - name: runaway pattern
    documents:
      - {{id: "{a}!", text: "hello"}}
    expect:
      - {{document: "{a}!", field: id, matches: "(a+)+$"}}
''')
PY
status=0
start=$(date +%s)
timeout 60 "$pipe" test t/runaway.test.yaml > out.txt 2>&1 || status=$?
elapsed=$(( $(date +%s) - start ))
if [ "$status" -eq 124 ] || ! grep -q "took more than 1 s to match and was abandoned" out.txt; then
    echo "FAIL runaway pattern (exit $status, ${elapsed}s):"; cat out.txt; fail=1
else
    echo "ok   runaway pattern failed its test in ${elapsed}s"
fi
printf 'pipeline: p.yaml\ntests: []\n' > t/empty.test.yaml
status=0; timeout 60 "$pipe" test t/empty.test.yaml > out.txt 2>&1 || status=$?
if [ "$status" -ne 2 ] || ! grep -qF '`tests` is empty' out.txt; then echo "FAIL tests: [] (exit $status)"; cat out.txt; fail=1; else echo "ok   tests: [] is an error"; fi
mkdir -p empty-folder
status=0; timeout 60 "$pipe" test empty-folder > out.txt 2>&1 || status=$?
if [ "$status" -ne 2 ] || ! grep -qF 'no *.test.yaml files' out.txt; then echo "FAIL empty test folder (exit $status)"; cat out.txt; fail=1; else echo "ok   an empty test folder is an error"; fi
exit $fail
