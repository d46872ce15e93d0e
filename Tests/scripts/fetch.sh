#!/usr/bin/env bash
# The web input end to end against a local server (loopback addresses only):
# the sample inbox's HTML pages served per outlet (feeds, a sitemap, robots.txt),
# plus a host that misbehaves on purpose. Checks that every misbehaviour ends as
# a reject with its reason within its time limit, that the fetched run groups the
# same stories with the same titles as the run from files, that a second run sends
# conditional requests and fetches nothing unchanged, that the per-host limit held,
# and that `--offline` replays the second run byte for byte.
#
#   swift build && Tests/scripts/fetch.sh .build/debug/pipe
set -euo pipefail
pipe=$(realpath "${1:?usage: fetch.sh PIPE_BINARY}")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    if [ -n "${KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 "$root/Tests/scripts/fetch_server.py" --inbox "$root/pipelines/inbox" --port "$port" \
    --manifest "$work/manifest.json" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do grep -q ready "$work/server.log" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$work/server.log" || { cat "$work/server.log"; echo "server did not start"; exit 1; }

stages='stages:
  - clean: {min_text_length: 300}
  - extract: {keywords: 8}
  - cluster
  - summarize: {sentences: 3}
  - export: {format: json, path: "out/{name}-{date}.json"}
  - export: {format: jsonl, path: "out/{name}-{date}.jsonl"}'

# The file run: the same HTML pages, read from a copy of the inbox holding only them.
mkdir -p "$work/files/inbox"
(cd "$root/pipelines/inbox" && find . -name '*.html' -o -name '*.htm' -o -name '*.html.gz') | while read -r file; do
    mkdir -p "$work/files/inbox/$(dirname "$file")"
    cp "$root/pipelines/inbox/$file" "$work/files/inbox/$file"
done
printf 'name: files\ninput: {path: inbox}\n%s\n' "$stages" > "$work/files/files.yaml"
"$pipe" run "$work/files/files.yaml" --date 2026-11-20 -q --output "$work/files/out" || [ $? -eq 3 ]

# The web pipeline: the outlets' feeds (the last outlet by its nested sitemap index) and two feeds of the
# troublesome host that yield no article (one changes between runs, one answers 304). The
# misbehaving URLs are a pipeline of their own, so their few documents do not shift the
# document frequencies of the comparison with the file run.
python3 - "$work/manifest.json" "$port" "$stages" "$work" <<'PY'
import json, sys
manifest, port, stages, work = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4]
outlets, bad = manifest["outlets"], manifest["bad"]
with open(f"{work}/web.yaml", "w") as out:
    out.write("name: web\ninput:\n  feeds:\n")
    for _, host in outlets[:-1]:
        out.write(f"    - http://{host}:{port}/feed.xml\n")
    for path in ("changing.xml", "stable.xml"):
        out.write(f"    - http://{bad}:{port}/{path}\n")
    out.write(f"  sitemaps: [http://{outlets[-1][1]}:{port}/sitemap-index.xml]\n  window_hours: 48\n  replay: replay\n{stages}\n")
# The same pipeline with a state store: its validators live there, not in the replay index.
web = open(f"{work}/web.yaml").read()
with open(f"{work}/web-state.yaml", "w") as out:
    out.write(web.replace("name: web\n", "name: web-state\nstate: state/web.sqlite\n").replace("  replay: replay\n", "  replay: replay-state\n"))
with open(f"{work}/trouble.yaml", "w") as out:
    out.write(f"name: trouble\ninput:\n  feeds: [http://{bad}:{port}/feed.xml]\n  urls:\n")
    for path in ("not-found", "server-error", "busy", "slow", "loop-a", "huge", "bomb", "private/report"):
        out.write(f"    - http://{bad}:{port}/{path}\n")
    out.write(f"    - http://{manifest['unreachable']}:{port}/never\n")
    out.write(f"  window_hours: 48\n  connect_timeout: 2\n  replay: replay-trouble\n{stages}\n")
PY

run() {  # run PIPELINE NAME [ARGS...]: a run into $work/NAME, timed
    local pipeline=$1 name=$2; shift 2
    local start=$(date +%s.%N)
    "$pipe" run "$work/$pipeline.yaml" --date 2026-11-20 -q --output "$work/$name" "$@" || [ $? -eq 3 ]
    python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$(date +%s.%N)" > "$work/$name.seconds"
    echo "  $name: $(cat "$work/$name.seconds") s"
}
stats() { curl -s --noproxy '*' "http://127.0.0.2:$port/__stats" > "$work/$1.stats.json"; }

echo "misbehaving URLs"
run trouble trouble
stats trouble
echo "first run (fetches everything)"
run web first
stats first
curl -s --noproxy '*' "http://127.0.0.2:$port/__generation" > /dev/null   # the changing feed changes
echo "second run (conditional requests)"
run web second
stats second
echo "offline run (from the replay folder)"
run web offline --offline
echo "two runs with a state store (validators kept there)"
run web-state state1
stats state1
run web-state state2
stats state2

python3 - "$work" "$root/pipelines/inbox" <<'PY'
import gzip, json, os, sys
work, inbox = sys.argv[1], sys.argv[2]
failures = []
def check(ok, message):
    print(("  ok   " if ok else "  FAIL ") + message)
    if not ok: failures.append(message)
def lines(path): return [json.loads(l) for l in open(path)]
manifest = json.load(open(f"{work}/manifest.json"))
bad = manifest["bad"]

rejects = {r["id"].split("/", 3)[3]: r for r in lines(f"{work}/trouble/trouble-2026-11-20.rejects.jsonl") if bad in r["id"]}
expected = {"not-found": "HTTP 404", "server-error": "HTTP 500 after 3 tries", "slow": "timed out",
            "loop-a": "redirect loop", "huge": "larger than 20 MB", "bomb": "larger than 20 MB",
            "private/report": "disallowed by robots.txt", "not-html": "not HTML (image/png)"}
for path, reason in expected.items():
    got = rejects.get(path, {}).get("reason", "(no reject)")
    check(reason in got, f"/{path} set aside: {got}")
# The host that never completes a handshake: its robots.txt cannot be had (3 tries of 2 s each), so the host is disallowed.
hole = next((r for r in lines(f"{work}/trouble/trouble-2026-11-20.rejects.jsonl") if manifest["unreachable"] in r["id"]), {})
check("no connection within 2 s) after 3 tries" in hole.get("reason", ""),
      f"a host that never completes the handshake is set aside at the 2 s connect timeout: {hole.get('reason', '(no reject)')}")
trouble_log = json.load(open(f"{work}/trouble.stats.json"))["log"]
slow = [e["time"] for e in trouble_log if e["path"] == "/slow"]
check(bool(slow) and slow[-1] - slow[0] < 30, f"the 40-second page was given up within its 30 s budget ({len(slow)} tries over {slow[-1] - slow[0]:.1f} s)")
trouble_seconds = float(open(f"{work}/trouble.seconds").read())
check(trouble_seconds < 60, f"the run of the misbehaving URLs took {trouble_seconds:.1f} s")

web_docs = {d["id"]: d for d in lines(f"{work}/trouble/trouble-2026-11-20.jsonl")}
port = next(iter(manifest["mapping"].values())).split(":")[2].split("/")[0]
note = web_docs.get(f"http://{bad}:{port}/private/exclusive", {})
check("disallowed by robots.txt" in note.get("attributes", {}).get("fetch_note", ""),
      "a robots-disallowed feed item falls back to the feed's content, with a note")
old = [e for e in trouble_log if e["path"] == "/old"]
check(not old, "a feed item outside the window is not fetched")
busy = [e for e in trouble_log if e["path"] == "/busy"]
check([e["status"] for e in busy][:2] == [429, 200] and busy[1]["time"] - busy[0]["time"] >= 0.95,
      "429 with Retry-After: 1 is retried after a second")
huge = [e for e in trouble_log if e["path"] == "/huge#sent"]
check(bool(huge) and huge[0]["bytes"] < 200 << 20, f"the 1 GB body stopped after {huge[0]['bytes'] >> 20 if huge else '?'} MB sent")

# Same stories, same titles, for the inbox's HTML pages.
def stories(out, name, key):
    digest = json.load(open(f"{out}/{name}-2026-11-20.json"))
    docs = {d["id"]: d for d in digest["documents"]}
    groups = {}
    for s in digest["stories"]:
        members = frozenset(key(m) for m in s["members"] if key(m))
        groups[members] = s["headline"]
    return groups
mapping = manifest["mapping"]
file_groups = stories(f"{work}/files/out", "files", lambda i: mapping.get(i))
web_groups = stories(f"{work}/first", "web", lambda i: i if i in mapping.values() else None)
check(len(file_groups) > 0 and file_groups == web_groups,
      f"the fetched run groups the same {len(file_groups)} stories with the same titles as the file run")
if file_groups != web_groups:
    for g in set(file_groups) | set(web_groups):
        if file_groups.get(g) != web_groups.get(g):
            print("     differs:", file_groups.get(g), "|", web_groups.get(g), sorted(g))

first_log = json.load(open(f"{work}/first.stats.json"))["log"]
last_outlet = manifest["outlets"][-1][1]
reads = [sum(1 for e in first_log if e["host"] == last_outlet and e["path"] == f"/{name}")
         for name in ("sitemap-index.xml", "sitemap-nested.xml", "sitemap.xml")]
check(reads == [1, 1, 1], f"the nested sitemap index was followed to its sitemap, each fetched once ({reads})")

log = json.load(open(f"{work}/second.stats.json"))["log"]
first_count = len(json.load(open(f"{work}/first.stats.json"))["log"])
second = [e for e in log[first_count:] if e["path"] not in ("/__stats", "/__generation")]
pages = [e for e in second if e["host"] != bad and e["path"] != "/robots.txt"]
conditional = [e for e in pages if e.get("if_none_match") or e.get("if_modified_since")]
check(len(pages) > 0 and len(conditional) == len(pages), f"second run: {len(conditional)} of {len(pages)} outlet requests were conditional")
check(all(e["status"] == 304 for e in pages), f"second run: every outlet request answered 304 ({sorted(set(e['status'] for e in pages))})")
stable = [e for e in second if e["path"] == "/stable.xml"]
changing = [e for e in second if e["path"] == "/changing.xml"]
check([e["status"] for e in stable] == [304], "the unchanged feed answered 304")
check([e["status"] for e in changing] == [200], "the changed feed was fetched again")
check(any("gen=2" in r["id"] for r in lines(f"{work}/second/web-2026-11-20.rejects.jsonl")), "the changed feed's new item was read")
check(not any("gen=1" in r["id"] for r in lines(f"{work}/second/web-2026-11-20.rejects.jsonl")), "the changed feed's old item is gone")
# The troublesome host is left out: its server threads outlive the requests the fetcher gave up on.
peak = {h: n for h, n in json.load(open(f"{work}/second.stats.json"))["peak"].items() if h != bad}
check(max(peak.values()) <= 2, f"at most 2 connections per outlet host at once (peak {max(peak.values())})")

# The replay folder's response records hold the bytes as served: a gzip page stays gzip, byte for byte.
def warc_records(path):
    data, position = gzip.open(path).read(), 0
    while position < len(data):
        end = data.index(b"\r\n\r\n", position)
        fields = dict(line.split(": ", 1) for line in data[position:end].decode().split("\r\n")[1:])
        length = int(fields["Content-Length"])
        yield fields, data[end + 4:end + 4 + length]
        position = end + 4 + length + 4
responses = {f["WARC-Target-URI"]: block for f, block in warc_records(f"{work}/replay/fetch-2026-11-20.warc.gz")
             if f["WARC-Type"] == "response"}
gzipped = [(url, f"{inbox}/{name}.gz") for name, url in manifest["mapping"].items() if os.path.exists(f"{inbox}/{name}.gz")]
raw = [url for url, path in gzipped if url in responses
       and responses[url].split(b"\r\n\r\n", 1)[1] == open(path, "rb").read()
       and b"\r\ncontent-encoding: gzip\r\n" in responses[url].split(b"\r\n\r\n", 1)[0].lower() + b"\r\n"]
check(len(gzipped) > 0 and raw == [u for u, _ in gzipped],
      f"the WARC keeps {len(raw)} of {len(gzipped)} gzip pages compressed, byte for byte as served")

# With state: the validators are in the state store, the index has none, and the second run is conditional.
import sqlite3
kept = sqlite3.connect(f"{work}/state/web.sqlite").execute(
    "SELECT count(*), count(etag) FROM fetch_validators WHERE pipeline = 'web-state'").fetchone()
index = json.load(open(f"{work}/replay-state/index.json"))
check(kept[0] > 0 and kept[0] == kept[1], f"with state: {kept[0]} URLs' validators kept in the state store")
check(not any("etag" in e or "lastModified" in e for e in index.values()), "with state: the replay index holds no validators")
before = len(json.load(open(f"{work}/state1.stats.json"))["log"])
after = [e for e in json.load(open(f"{work}/state2.stats.json"))["log"][before:] if e["path"] not in ("/__stats", "/__generation")]
pages = [e for e in after if e["host"] != bad and e["path"] != "/robots.txt"]
conditional = [e for e in pages if e.get("if_none_match") or e.get("if_modified_since")]
check(len(pages) > 0 and len(conditional) == len(pages) and all(e["status"] == 304 for e in pages),
      f"with state, second run: {len(conditional)} of {len(pages)} outlet requests conditional, all answered 304")

for name in ("web-2026-11-20.jsonl", "web-2026-11-20.json", "web-2026-11-20.rejects.jsonl"):
    same = open(f"{work}/second/{name}", "rb").read() == open(f"{work}/offline/{name}", "rb").read()
    check(same, f"--offline gives {name} byte for byte as the second run")
sys.exit(1 if failures else 0)
PY
echo "fetch.sh: all checks passed"
