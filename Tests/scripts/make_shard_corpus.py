#!/usr/bin/env python3
"""Writes a synthetic inbox for the sharded-run checks: COUNT short news texts
about STORIES invented events (each told by several outlets in different
words, so clustering has real work), plus files that must be set aside: a
binary file, invalid UTF-8, an empty file, and the same id twice (a .txt and
its .txt.gz). Most articles are lines of JSONL files (units of many documents),
one in five a .txt file of its own. Files are created in a shuffled order.
Every word is ours.

usage: make_shard_corpus.py FOLDER COUNT [SEED]
"""
import gzip
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from invented_world import EVENTS, ORGS, OUTLETS, PEOPLE, PLACES  # noqa: E402

folder, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)

FILLER = ["Residents said they had not seen anything like it in years.",
          "Officials promised an update later in the week.",
          "Local businesses reported a quiet morning.",
          "Schools in the area stayed open as usual.",
          "A spokesperson declined to give further details.",
          "Volunteers gathered outside the town hall by noon.",
          "The weather is expected to stay mild until the weekend.",
          "Several roads were closed for part of the afternoon."]

stories = []
for number in range(max(1, count // 6)):
    place, person, org = rng.choice(PLACES), rng.choice(PEOPLE), rng.choice(ORGS)
    event = rng.choice(EVENTS)
    figure = rng.randint(12, 4000)
    day = 1 + number % 28
    stories.append((number, place, person, org, event, figure, day))

def text_of(story, variant):
    number, place, person, org, event, figure, day = story
    name, other, thing = event
    lines = [
        f"A {name} at the {place} {thing} affected {figure} people on Tuesday, the {org} said.",
        f"{person} of the {org} said the {other} in {place} was being handled with care.",
        f"The {org} counted {figure} people affected by the {name} near the {thing} in {place}.",
        f"In {place}, {person} told reporters the {other} had drawn crowds to the {thing}.",
        f"Story {number}: officials in {place} expect the {name} to dominate the week.",
    ]
    rng.shuffle(lines)
    body = lines[: 3 + variant % 3] + rng.sample(FILLER, 2)
    title = f"{name.capitalize()} in {place}: {org} responds" if variant % 2 else f"{place} {name} draws {person}"
    return title, f"2026-11-{day:02d}", " ".join(body)

files = []
batches = {}
for index in range(count):
    story = stories[index % len(stories)]
    variant = index // len(stories)
    outlet = OUTLETS[(index + variant) % len(OUTLETS)]
    title, date, body = text_of(story, variant)
    slug = outlet.lower().replace(" ", "-")
    if index % 5 == 0:
        # One article per file: a unit of its own.
        files.append((f"{slug}/single/item-{index:05d}.txt", f"{title}\n\n{body}\n".encode()))
    else:
        # The rest as JSONL files of up to 40 articles: units holding many documents.
        record = {"id": f"{slug}:{index:05d}", "url": f"https://{slug}.example/{index:05d}", "title": title,
                  "published": f"{date}T{8 + index % 10:02d}:00:00+00:00", "site": outlet, "language": "en", "text": body}
        batches.setdefault(f"{slug}/feed-{index // 200:02d}.jsonl", []).append(json.dumps(record))
for name, lines in batches.items():
    files.append((name, ("\n".join(lines) + "\n").encode()))
files.append(("bad/binary.txt", bytes(range(256)) * 4))
files.append(("bad/latin1.txt", "Caf\u00e9 cr\u00e8me and na\u00efve text".encode("latin-1") * 40))
files.append(("bad/empty.txt", b""))
twin = files[0][1]
files.append(("twins/same.txt", twin))
files.append(("twins/same.txt.gz", gzip.compress(twin, mtime=0)))
rng.shuffle(files)
for name, content in files:
    path = os.path.join(folder, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(content)
print(f"{len(files)} files in {folder}")
