#!/usr/bin/env bash
# Whether two articles are one story must not swing with the unrelated articles of
# the day: the sample inbox is run through pipelines/daily.yaml alone and again with
# a few hundred made-up articles about other events (Tests/scripts/unrelated-articles.py)
# added, and every story holding an inbox article must have exactly the same members
# both times (no split, no merge, no unrelated article joining).
# Run by .ci/run; usage: Tests/scripts/unrelated-articles.sh [PIPE_BINARY] [COUNT]
set -euo pipefail
cd "$(dirname "$0")/../.."
pipe=${1:-.build/debug/pipe}
count=${2:-300}
[ -x "$pipe" ] || { echo "no pipe binary at $pipe (swift build first)"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r pipelines/inbox "$work/alone"
cp -r pipelines/inbox "$work/crowded"
python3 Tests/scripts/unrelated-articles.py "$count" "$work/crowded/unrelated.jsonl"
for run in alone crowded; do
    PIPE_INBOX="$work/$run" "$pipe" run pipelines/daily.yaml --no-state --date 2026-11-20 --output "$work/out-$run" --quiet
done
python3 - "$work/out-alone/daily-2026-11-20.json" "$work/out-crowded/daily-2026-11-20.json" "$count" <<'PY'
import json, sys
alone, crowded = (json.load(open(path)) for path in sys.argv[1:3])
inbox = {d["id"] for d in alone["documents"]}
if len(crowded["documents"]) != len(inbox) + int(sys.argv[3]):
    sys.exit(f"expected {len(inbox)} + {sys.argv[3]} documents in the crowded run, got {len(crowded['documents'])}")
def stories(digest):
    return {frozenset(s["members"]) for s in digest["stories"] if inbox & set(s["members"])}
before, after = stories(alone), stories(crowded)
problems = [f"alone only:   {sorted(s)}" for s in before - after] + [f"crowded only: {sorted(s)}" for s in after - before]
print("\n".join(problems) if problems else f"unrelated articles: ok ({len(before)} inbox stories unchanged)")
sys.exit(1 if problems else 0)
PY
