#!/usr/bin/env bash
# Kills `pipe run` with SIGKILL at several points of a run that keeps state,
# reruns the same command until it finishes, and checks that the outputs are
# byte-identical to an uninterrupted run's and that the state store holds no
# duplicate rows. Run by .ci/run; usage: Tests/scripts/resume-after-kill.sh [PIPE_BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
pipe=${1:-.build/debug/pipe}
[ -x "$pipe" ] || { echo "no pipe binary at $pipe (swift build first)"; exit 2; }
pipe=$(cd "$(dirname "$pipe")" && pwd)/$(basename "$pipe")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# An inbox of short articles we generate: 12 topics, several outlets each.
python3 - "$work/inbox" <<'PY'
import os, random, sys
out = sys.argv[1]
os.makedirs(out)
rng = random.Random(7)
topics = ["harbour cranes", "river flood", "budget vote", "rail strike", "chip factory", "museum reopening",
          "drought farms", "airline merger", "glacier survey", "court ruling", "festival crowds", "bridge tolls"]
places = ["Calder", "Norvik", "Ashby", "Tamsin Bay", "Orlen", "Westmoor"]
people = ["Ana Ruiz", "Tomas Brandt", "Mirela Ost", "Jon Pike", "Lena Vos", "Omar Hale"]
for i in range(1200):
    topic = topics[i % len(topics)]
    place = places[(i // len(topics)) % len(places)]
    who = people[rng.randrange(len(people))]
    sentences = [f"The {topic} in {place} drew comment on Thursday, officials said.",
                 f"\"We are watching the {topic} closely,\" said {who}, who leads the local council.",
                 f"Figures released on Wednesday put the cost at {rng.randrange(2, 90)} million euros.",
                 f"Residents of {place} said the {topic} had changed their week.",
                 f"A further statement on the {topic} is expected next month, according to {who}."]
    rng.shuffle(sentences)
    with open(os.path.join(out, f"a{i:04d}.txt"), "w") as f:
        f.write(f"{topic.capitalize()} in {place}: update {i}\n\n" + "\n\n".join(sentences) + "\n")
PY

cat > "$work/resume.yaml" <<'YAML'
name: resume
input: inbox
output: out
state: {path: state/resume.sqlite}
stages:
  - clean: {min_text_length: 100}
  - extract
  - cluster
  - summarize
  - export: {format: markdown, path: "out/{name}-{date}.md"}
  - export: {format: json, path: "out/{name}-{date}.json"}
  - export: {format: jsonl, path: "out/{name}-{date}.jsonl"}
YAML
mkdir -p "$work/reference" "$work/killed"
for dir in reference killed; do
    cp -r "$work/inbox" "$work/resume.yaml" "$work/$dir/"
done

run() { "$pipe" run "$1/resume.yaml" --date 2026-11-20 --jobs 2 --quiet; }

start=$(date +%s.%N)
run "$work/reference"
elapsed=$(python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 3))" "$start" "$(date +%s.%N)")
echo "uninterrupted run: ${elapsed}s"

kills=0
for fraction in 0.04 0.1 0.2 0.35 0.55 0.8; do
    delay=$(python3 -c "import sys; print(round(float(sys.argv[1]) * float(sys.argv[2]), 3))" "$elapsed" "$fraction")
    # pipe itself in the background, not a function running it: kill -9 must reach pipe, not a subshell.
    "$pipe" run "$work/killed/resume.yaml" --date 2026-11-20 --jobs 2 --quiet & pid=$!
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
    wait "$pid" 2>/dev/null || true
    saved=$(python3 -c "import sqlite3,sys
try: print(sqlite3.connect(sys.argv[1]).execute('select count(*) from checkpoints').fetchone()[0])
except Exception: print(0)" "$work/killed/state/resume.sqlite")
    echo "killed after ${delay}s: $saved documents checkpointed so far"
done
run "$work/killed"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('final run resumed', r['resumed'], 'of', r['documents_read'], 'documents')" \
    "$work/killed/out/resume-2026-11-20.report.json"

status=0
for file in resume-2026-11-20.md resume-2026-11-20.json resume-2026-11-20.jsonl resume-2026-11-20.rejects.jsonl; do
    if cmp -s "$work/reference/out/$file" "$work/killed/out/$file"; then
        echo "identical: $file"
    else
        echo "DIFFERENT: $file"; status=1
    fi
done
python3 - "$work/reference/state/resume.sqlite" "$work/killed/state/resume.sqlite" <<'PY' || status=1
import sqlite3, sys
counts = []
for path in sys.argv[1:]:
    db = sqlite3.connect(path)
    row = tuple(db.execute(q).fetchone()[0] for q in (
        "select count(*) from document_runs", "select count(distinct id) from document_runs",
        "select count(*) from documents", "select count(*) from stories", "select count(*) from story_members",
        "select count(*) from runs"))
    counts.append(row)
print("rows (document_runs, distinct ids, documents, stories, story_members, runs):", counts[0], counts[1])
assert counts[0] == counts[1], "state stores differ"
assert counts[1][0] == counts[1][1], "duplicate document rows"
PY
echo "$kills kills; $([ $status -eq 0 ] && echo ok || echo FAILED)"
exit $status
