#!/usr/bin/env bash
# Issue 21, item 2: feeds over 10 MB are read; internal entities expanded,
# external ones left out (never loaded) with the rest of the item kept; an
# HTML entity such as &nbsp; does not cost the feed; errors are in words.
# Usage: Tests/scripts/hostile/limits-feeds.sh PIPE_BINARY
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
use_pipe_binary "${1:-}"
enter_work_folder
mkdir inbox
echo "SECRET-FROM-DISK" > secret.txt
python3 - "$work/secret.txt" <<'PY'
import sys
secret = sys.argv[1]
items = "".join(f"<item><guid>g{i}</guid><title>Item {i}</title><description>Ferry crews went on strike on day {i}.</description></item>\n"
                for i in range(110_000))
open("inbox/big.xml", "w").write(f'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Big</title>\n{items}</channel></rss>\n')
open("inbox/entities.xml", "w").write(f'''<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY co "Northsound Ferries"><!ENTITY ext SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>Entities</title>
<item><guid>internal</guid><title>&co; talks resume</title><description>Talks with &co; resumed.</description></item>
<item><guid>external</guid><title>Before &ext; after</title><description>Body &ext; kept</description></item>
<item><guid>nbsp</guid><title>Caf&eacute;&nbsp;owners</title><description>Text&nbsp;here</description></item>
</channel></rss>
''')
open("inbox/broken.xml", "w").write("<rss><channel>\n<item><title>Unclosed</channel>\n")
PY
[ "$(stat -c %s inbox/big.xml)" -gt 10485760 ] || { echo "FAIL the big feed is not over 10 MB"; exit 1; }
printf 'input: inbox\noutput: out\nstages:\n  - export: {format: jsonl, path: out/all.jsonl}\n' > p.yaml
status=0
timeout 300 "$pipe" run p.yaml --date 2026-11-20 > run.txt 2>&1 || status=$?
fail=0
[ "$status" -eq 3 ] || { echo "FAIL exit $status (expected 3: the broken feed set aside)"; cat run.txt; fail=1; }
python3 - out/all.jsonl out/p-2026-11-20.rejects.jsonl <<'PY' || fail=1
import json, sys, glob
docs = {d["id"]: d for d in map(json.loads, open(sys.argv[1]))}
problems = []
if sum(1 for i in docs if i.startswith("g")) != 110_000: problems.append(f"big feed: {sum(1 for i in docs if i.startswith('g'))} items of 110000")
if docs.get("internal", {}).get("title") != "Northsound Ferries talks resume": problems.append(f"internal entity: {docs.get('internal')}")
ext = docs.get("external", {})
if ext.get("title") != "Before  after" or "SECRET" in json.dumps(ext): problems.append(f"external entity: {ext}")
if docs.get("nbsp", {}).get("title") != "Caf\u00e9\u00a0owners": problems.append(f"&nbsp;: {docs.get('nbsp')}")
rejects = open(sys.argv[2]).read()
if "not a well-formed XML feed at line" not in rejects or "Domain" in rejects or "error 26" in rejects: problems.append(f"broken feed reason: {rejects}")
for p in problems: print("FAIL", p)
if not problems: print("ok   110,000-item feed over 10 MB; internal, external and HTML entities; broken feed in words")
sys.exit(1 if problems else 0)
PY
exit $fail
