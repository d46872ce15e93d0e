#!/usr/bin/env bash
# Checks the export formats as a person and outside tools see them:
#   - runs a pipeline that writes every format, twice, and compares the files byte for byte;
#   - appends a second day to the SQLite file and checks nothing is duplicated (python's sqlite3);
#   - reads the CSV back with python's csv module;
#   - validates the Atom feed with feedparser (from a venv in /tmp/fpvenv);
#   - screenshots the HTML digest (the pipeline's, and the test fixture's, which has stories,
#     entities and summaries) in headless Chromium at 390px (phone) and 1280px (laptop), light
#     and dark, into $OUT/shots/*.png, to LOOK at.
# Not part of `swift test`. Usage: Benchmarks/tools/check_outputs.sh [OUT_DIR]
#   PIPE_INPUT   what to read (default: pipelines/inbox if present, else $PIPE_DATA/seeds)
#   PIPE_DATA    the datasets folder (default ../shared/data, beside the repo)
#   CONFIG       debug (default) or release
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out=$(realpath -m "${1:-$(mktemp -d /tmp/pipe-check-XXXXXX)}")
mkdir -p "$out/shots"
config=${CONFIG:-debug}
data=${PIPE_DATA:-$root/../shared/data}
if [ -n "${PIPE_INPUT:-}" ]; then input=$(realpath "$PIPE_INPUT")
elif [ -d pipelines/inbox ]; then input=$root/pipelines/inbox
else input=$(realpath "$data/seeds"); fi

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

step "build ($config)"
swift build -c "$config" --product pipe 2>&1 | tail -1
pipe=$root/.build/$config/pipe

step "pipeline writing every format, from $input"
cat > "$out/check.yaml" <<YAML
name: check
input: {path: "$input"}
stages:
  - clean
  - extract
  - cluster
  - summarize
  - export: {format: jsonl, path: "run/{name}-{date}.jsonl"}
  - export: {format: markdown, path: "run/{name}-{date}.md"}
  - export: {format: html, path: "run/{name}-{date}.html"}
  - export: {format: csv, path: "run/{name}-{date}.csv"}
  - export: {format: csv, csv_rows: mentions, path: "run/{name}-{date}.mentions.csv"}
  - export: {format: atom, feed_url: "https://news.example/check.atom", path: "run/{name}.atom"}
  - export: {format: sqlite, path: "run/{name}.sqlite"}
YAML
"$pipe" validate "$out/check.yaml"
for run in a b; do
    "$pipe" run "$out/check.yaml" --date 2026-11-20 --output "$out/$run" --quiet || [ $? -eq 1 ]
done
ls -l "$out/a"
for file in "$out"/a/check*; do
    name=$(basename "$file")
    case "$name" in *.report.json) continue ;; esac
    cmp -s "$file" "$out/b/$name" || fail "$name differs between two identical runs"
done
echo "identical runs: every output byte-identical"

step "sqlite: a second day upserts into the same file"
cp "$out/a/check.sqlite" "$out/two-days.sqlite"
sed -e "s|run/{name}.sqlite|$out/two-days.sqlite|" "$out/check.yaml" > "$out/check2.yaml"
"$pipe" run "$out/check2.yaml" --date 2026-11-21 --quiet || [ $? -eq 1 ]
python3 - "$out/a/check.sqlite" "$out/two-days.sqlite" "$out/a/check-2026-11-20.jsonl" <<'PY'
import json, sqlite3, sys
one, two, jsonl = sys.argv[1:]
n = sum(1 for line in open(jsonl) if line.strip())
for path, runs in ((one, 1), (two, 2)):
    db = sqlite3.connect(path)
    docs, distinct = db.execute("select count(*), count(distinct id) from documents").fetchone()
    assert docs == distinct == n, (path, docs, distinct, n)
    assert db.execute("select count(*) from runs").fetchone()[0] == runs
    dup = db.execute("select count(*) from (select document, type, text from entities group by 1, 2, 3 having count(*) > 1)").fetchone()[0]
    assert dup == 0
    print(f"{path.split('/')[-1]}: {docs} documents, {runs} run(s), "
          f"{db.execute('select count(*) from stories').fetchone()[0]} stories, "
          f"{db.execute('select count(*) from entities').fetchone()[0]} entity rows, "
          f"{db.execute('select count(*) from keywords').fetchone()[0]} keyword rows")
db = sqlite3.connect(two)
print("first_run/last_run after day two:", db.execute("select first_run, last_run, count(*) from documents group by 1, 2").fetchall())
PY

step "csv: python's csv module reads it back"
python3 - "$out/a/check-2026-11-20.csv" "$out/a/check-2026-11-20.mentions.csv" "$out/a/check-2026-11-20.jsonl" <<'PY'
import csv, json, sys
docs, mentions, jsonl = sys.argv[1:]
lines = [json.loads(l) for l in open(jsonl) if l.strip()]
rows = list(csv.reader(open(docs, newline="", encoding="utf-8"), strict=True))
assert rows[0] == ["id", "story", "title", "site", "published", "url", "entities", "keywords"], rows[0]
assert [r[0] for r in rows[1:]] == [d["id"] for d in lines], "one row per document, in digest order"
assert all(len(r) == 8 for r in rows)
m = list(csv.reader(open(mentions, newline="", encoding="utf-8"), strict=True))
assert len(m) - 1 == sum(len(d["entities"]) for d in lines)
print(f"csv: {len(rows) - 1} document rows, {len(m) - 1} mention rows, all read back")
PY

step "the test fixture's digest (stories, entities, summaries) as html and atom"
PIPE_EXPORT_SAMPLES="$out/fixture" swift test --filter 'HTMLExportTests|AtomExportTests' 2>&1 | tail -1
ls "$out/fixture"

step "atom: feedparser"
if [ ! -x /tmp/fpvenv/bin/python ]; then
    python3 -m venv /tmp/fpvenv && /tmp/fpvenv/bin/pip install -q feedparser
fi
/tmp/fpvenv/bin/python - "$out/a/check.atom" "$out/fixture/sample.atom" <<'PY'
import sys, feedparser
for path in sys.argv[1:]:
    feed = feedparser.parse(path)
    if feed.bozo:
        raise SystemExit(f"{path}: not well-formed: {feed.bozo_exception}")
    assert feed.version == "atom10", feed.version
    assert feed.feed.get("id") and feed.feed.get("title") and feed.feed.get("updated_parsed")
    ids = [e.id for e in feed.entries]
    assert len(ids) == len(set(ids)), "entry ids are unique"
    for e in feed.entries:
        assert e.get("title") and e.get("updated_parsed") and e.get("link"), e
    print(f"{path.split('/')[-1]}: atom10, {len(feed.entries)} entries, feed id {feed.feed.id}")
    for e in feed.entries[:5]:
        print(f"  {e.updated}  {e.title[:70]}  ({len(e.links)} links, {len(e.get('tags', []))} categories)")
PY

step "html: headless Chromium screenshots"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    echo "chromium is not installed (apt-get install -y chromium): no screenshots"
    exit 0
fi
shoot() { # page width height name [extra flags]
    "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --window-size="$2,$3" --screenshot="$out/shots/$4.png" ${5:-} "file://$1" >/dev/null 2>&1
    echo "shots/$4.png"
}
for page in "$out/a/check-2026-11-20.html" "$out/fixture/sample.html"; do
    tag=$(basename "$(dirname "$page")")
    shoot "$page" 390 1800 "$tag-phone"
    shoot "$page" 1280 1400 "$tag-laptop"
    shoot "$page" 390 1800 "$tag-phone-dark" "--force-dark-mode"
    shoot "$page" 1280 1400 "$tag-laptop-dark" "--force-dark-mode"
done
echo "outputs in $out"
