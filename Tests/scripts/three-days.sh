#!/usr/bin/env bash
# Runs the daily pipeline on three consecutive days of the sample inbox with one
# state file and checks the digests against pipelines/days/DAYS.md: continuing
# stories keep yesterday's id and carry `continuing_day` (2 on day 2, 3 on day 3
# for a day-1 story), new stories carry none, files an earlier day processed are
# skipped, and a continuing story's digest entry lists only the new day's articles.
# Run by .ci/run; usage: Tests/scripts/three-days.sh [PIPE_BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
pipe=${1:-.build/debug/pipe}
[ -x "$pipe" ] || { echo "no pipe binary at $pipe (swift build first)"; exit 2; }
pipe=$(cd "$(dirname "$pipe")" && pwd)/$(basename "$pipe")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 pipelines/days/make_days.py --check || { echo "pipelines/days is out of date: run python3 pipelines/days/make_days.py"; exit 1; }
python3 pipelines/days/make_days.py --truth > "$work/truth.json"

# The daily pipeline as shipped, with its state store in the work folder (PIPE_STATE),
# never the developer's own pipelines/state.
export PIPE_STATE="$work/state/daily.sqlite"

# Day 1 is the sample inbox; day N is the files of pipelines/days/day-N over the
# files of day N-1 that its inbox still holds (overlap_files in the truth).
cp -r pipelines/inbox "$work/day-1"
for day in 2 3; do
    mkdir -p "$work/day-$day"
    python3 - "$work/truth.json" "$day" "$work/day-$((day - 1))" "$work/day-$day" <<'PY'
import json, os, shutil, sys
truth, day, previous, inbox = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4]
for name in truth[day]["overlap_files"]:
    os.makedirs(os.path.dirname(os.path.join(inbox, name)), exist_ok=True)
    shutil.copyfile(os.path.join(previous, name), os.path.join(inbox, name))
PY
    cp -r "pipelines/days/day-$day/." "$work/day-$day/"
done

status=0
for day in 1 2 3; do
    date=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]['date'])" "$work/truth.json" "$day")
    PIPE_INBOX="$work/day-$day" "$pipe" run pipelines/daily.yaml --date "$date" --output "$work/out-$day" --quiet
    python3 - "$work/truth.json" "$day" "$work/out-$day" "$work/ids.json" <<'PY' || status=1
import json, os, re, sys
truth_all, day, out, ids_path = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4]
truth = truth_all[day]
date = truth["date"]
digest = json.load(open(os.path.join(out, f"daily-{date}.json")))
report = json.load(open(os.path.join(out, f"daily-{date}.report.json")))
markdown = open(os.path.join(out, f"daily-{date}.md"), encoding="utf-8").read()
ids = json.load(open(ids_path)) if os.path.exists(ids_path) else {}   # story slug -> story id, earlier days
problems = []

# Documents: exactly today's new ones were processed; the rest were skipped as seen.
expected_docs = set(truth["documents"])
got_docs = {d["id"] for d in digest["documents"]}
for doc in sorted(expected_docs - got_docs):
    problems.append(f"new document missing from the digest: {doc}")
for doc in sorted(got_docs - expected_docs):
    problems.append(f"document processed again or unexpected: {doc}")
if report["skipped_seen"] != len(truth["already_processed"]):
    problems.append(f"run report skipped_seen = {report['skipped_seen']}, expected {len(truth['already_processed'])} "
                    "(documents an earlier day processed)")
if report["documents_read"] != len(expected_docs):
    problems.append(f"run report: documents_read = {report['documents_read']}, expected "
                    f"{len(expected_docs)} (the new documents)")

# Stories: one per ground-truth story with two or more articles today, exactly its members.
slug_of = truth["documents"]
found = {}
for story in digest["stories"]:
    slugs = sorted({slug_of.get(m, "?") for m in story["members"]})
    if len(slugs) != 1 or slugs[0] == "?":
        problems.append(f"story {story['id']} mixes {slugs}: {story['members']}")
        continue
    if slugs[0] in found:
        problems.append(f"story {slugs[0]} is split in two: {found[slugs[0]]['id']} and {story['id']}")
    found[slugs[0]] = story
for slug in sorted(set(slug_of.values())):
    members = sorted(d for d, s in slug_of.items() if s == slug)
    story = found.get(slug)
    if len(members) >= 2 or slug in truth["continuing"]:
        if story is None:
            problems.append(f"no story for {slug} ({members})")
        elif sorted(story["members"]) != members:
            problems.append(f"{slug}: members {sorted(story['members'])}, expected {members}")

# Continuing stories: the earlier id and continuing_day; new ones: a new id, no continuing_day.
for slug, story in sorted(found.items()):
    attributes = story.get("attributes") or {}
    day_of_life = attributes.get("continuing_day")
    if slug in truth["continuing"]:
        want = truth["continuing"][slug]
        if story["id"] != ids.get(slug):
            problems.append(f"{slug} continues but its id is {story['id']}, not yesterday's {ids.get(slug)}")
        if day_of_life != want:
            problems.append(f"{slug}: continuing_day = {day_of_life}, expected {want}")
        # Its headline and outlets are today's, not yesterday's.
        today = [d for d in digest["documents"] if d["id"] in story["members"]]
        if story.get("headline") not in {d.get("title") for d in today}:
            problems.append(f"{slug}: headline {story.get('headline')!r} is not the title of one of today's articles")
        if sorted(story.get("outlets") or []) != sorted({d["site"] for d in today if d.get("site")}):
            problems.append(f"{slug}: outlets {story.get('outlets')} are not today's articles' outlets")
        # The digest lists only today's articles under it, and says it continues.
        blocks = re.split(r"^### ", markdown, flags=re.M)
        titles = {d["id"]: d.get("title") for d in digest["documents"]}
        block = next((b for b in blocks if all((titles.get(m) or "\0") in b for m in story["members"])), None)
        if block is None:
            problems.append(f"{slug}: no digest entry listing its {len(story['members'])} articles")
        else:
            listed = [line for line in block.splitlines() if line.startswith("- ")]
            if len(listed) != len(story["members"]):
                problems.append(f"{slug}: the digest lists {len(listed)} articles, expected today's "
                                f"{len(story['members'])}")
            if f"continuing, day {want}" not in block:
                problems.append(f"{slug}: the digest entry does not say \"continuing, day {want}\"")
    else:
        if day_of_life is not None:
            problems.append(f"{slug} is new today but has continuing_day = {day_of_life} (id {story['id']})")
        if story["id"] in ids.values():
            problems.append(f"{slug} is new today but reuses an earlier story id {story['id']}")
        ids[slug] = story["id"]
# A new story's article, even one in no story (the trap), never joins an earlier day's story.
earlier = {story_id: slug for slug, story_id in ids.items()}
for document in digest["documents"]:
    slug = slug_of.get(document["id"])
    joined = earlier.get(document.get("story"))
    if joined and joined != slug:
        problems.append(f"{document['id']} ({slug}) joined the earlier story {joined} ({document['story']})")
json.dump(ids, open(ids_path, "w"), indent=1, sort_keys=True)

continuing = ", ".join(f"{s} (day {found[s].get('attributes', {}).get('continuing_day')})"
                       for s in sorted(truth["continuing"]) if s in found) or "none"
print(f"day {day} ({date}): {len(got_docs)} new documents, {report['skipped_seen']} skipped as seen, "
      f"{len(digest['stories'])} stories; continuing: {continuing}")
for problem in problems:
    print(f"  MISMATCH day {day}: {problem}")
sys.exit(1 if problems else 0)
PY
done
echo "three days: $([ $status -eq 0 ] && echo ok || echo FAILED)"
exit $status
