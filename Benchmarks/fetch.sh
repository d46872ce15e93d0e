#!/usr/bin/env bash
# Fetch throughput: PAGES pages (default 10,000) spread over HOSTS loopback hosts
# (default 50: 127.0.0.2 …), per-host limit at its default (2), no delay, with
# `pipe fetch`. Prints pages/s, pipe's peak RSS, and the most connections any
# host saw at once (counted by the server). Nothing leaves the machine.
#
#   swift build -c release && Benchmarks/fetch.sh .build/release/pipe [PAGES] [HOSTS]
set -euo pipefail
pipe=$(realpath "${1:?usage: fetch.sh PIPE_BINARY [PAGES] [HOSTS]}")
pages=${2:-10000}
hosts=${3:-50}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

per_host=$(( (pages + hosts - 1) / hosts ))
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 "$root/Tests/scripts/fetch_server.py" --port "$port" --bench-hosts "$hosts" --bench-pages "$per_host" \
    > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q ready "$work/server.log" 2>/dev/null && break; sleep 0.1; done

python3 - "$pages" "$hosts" "$port" > "$work/bench.yaml" <<'PY'
import sys
pages, hosts, port = map(int, sys.argv[1:])
print("name: bench\ninput:\n  delay_ms: 0\n  replay: replay\n  urls:")
for n in range(pages):
    print(f"    - http://127.0.0.{2 + n % hosts}:{port}/p/{n // hosts}.html")
print("stages: [clean]")
PY

/usr/bin/time -f "%e %M" -o "$work/time" "$pipe" fetch "$work/bench.yaml" --date 2026-11-20 -q || true
read -r seconds rss_kb < "$work/time"
curl -s --noproxy '*' "http://127.0.0.2:$port/__stats" | python3 -c '
import json, sys
stats = json.load(sys.stdin)
pages, seconds, rss = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
fetched = sum(1 for e in stats["log"] if e["path"].startswith("/p/") and e.get("status") == 200)
peak = max(stats["peak"].values())
print(f"{fetched} of {pages} pages fetched in {seconds:.1f} s: {fetched / seconds:.0f} pages/s; "
      f"pipe peak RSS {rss / 1024:.0f} MB; most connections to one host at once: {peak} (limit 2)")
sys.exit(0 if peak <= 2 and fetched == pages else 1)
' "$pages" "$seconds" "$rss_kb"
