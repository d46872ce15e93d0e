#!/usr/bin/env python3
"""Builds days 2 and 3 of the sample inbox (pipelines/days/day-2, day-3) and their ground truth (DAYS.md).

Day 1 is the sample inbox itself (pipelines/inbox, built by pipelines/tools/make_inbox.py). Days 2 and 3
are articles written by hand under pipelines/days/src/day-N/<story>/<outlet>.txt, in the same source
format, wrapped by the same outlet renderers (imported from make_inbox.py), so every page has its outlet's
day-1 shell. A feed file of a later day carries the entries its outlet published the day before as well
(same items, as real feeds do), and OVERLAP below lists the earlier files each day's inbox still holds
byte for byte; `Tests/scripts/three-days.sh` builds each day's inbox from both.

Extra header keys: `continues` (the story continues one from an earlier day: that story's slug; the
story's day number in the digest is given by `day`) and `about` (one line on the story, for DAYS.md).

    python3 pipelines/days/make_days.py           # rewrite day-2/, day-3/ and DAYS.md
    python3 pipelines/days/make_days.py --check   # exit 1 if the committed files differ
    python3 pipelines/days/make_days.py --truth   # the ground truth as JSON (for three-days.sh)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DAYS_DIR = Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # no __pycache__ beside make_inbox.py
sys.path.insert(0, str(DAYS_DIR.parent / "tools"))
import make_inbox as inbox  # noqa: E402  (the outlets' renderers and the day-1 sources)

SRC = DAYS_DIR / "src"
TRUTH = DAYS_DIR / "DAYS.md"
DATES = {1: "2026-11-20", 2: "2026-11-21", 3: "2026-11-22"}

# Files of the day before that each day's inbox still holds, unchanged (paths under that day's inbox).
OVERLAP = {
    2: ["harbour-ledger/2026-11-20/calder-united-sack-kovac.html",
        "meridian-wire/2026-11-20.jsonl",
        "tidewater-times/region/2026-11-20-northgate-light-rail.txt",
        "valley-courier/2026/11/20/ashvale-floods.html"],
    3: ["bayline-news/local/skylark-air-collapse.html",
        "meridian-wire/2026-11-21.jsonl",
        "northgate-post/2026-11-21/museum-painting-stolen.html",
        "pinecrest-herald/news/ash-crest-passes-pinecrest.html"],
}
# Feeds that carry yesterday's entries again next to today's: day → feed file → the earlier day.
CARRIED_FEED_ITEMS = {
    2: {"feeds/copperfield-gazette.xml": 1, "feeds/eastbank-observer.xml": 1},
    3: {"feeds/eastbank-observer.xml": 2},
}
# Each day's stories: (slug, what it is, day number in its life: 1 = new).
STORIES = {
    2: [("ashvale-floods", "the Ash crest passes Pinecrest; Ashvale starts to clean up; relief fund opens early", 2),
        ("ferry-strike", "the Skerrin ferry strike is called off after a better pay offer; sailings resume", 2),
        ("calder-manager", "Calder United appoint Mikel Arrieta as manager", 2),
        ("museum-theft", "NEW: a painting by Ida Venn is stolen from the Northgate Museum of Art", 1),
        ("airline-collapse", "NEW: regional airline Skylark Air collapses, stranding 4,000 passengers", 1),
        ("banknote", "NEW, THE TRAP for `rate-cut`: the Bank of Westmark and Governor Helena Marsh unveil a "
                     "polymer $20 note — same actors as the rate cut, a different event", 1)],
    3: [("ashvale-floods", "an independent review of the Ashvale flood wall; insurers' assessors arrive", 3),
        ("museum-theft", "the stolen Venn painting is found in a Calder lock-up; two men arrested", 2),
        ("queens-bridge", "NEW: Eastbank's Queen's Bridge closed to traffic after cracks are found", 1)],
}


def load_day(day: int) -> list[inbox.Article]:
    articles = []
    for path in sorted((SRC / f"day-{day}").glob("*/*.txt")):
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        meta = {}
        for line in head.splitlines():
            name, sep, value = line.partition(":")
            if not sep:
                raise SystemExit(f"{path}: header line without a colon: {line!r}")
            meta[name.strip()] = value.strip()
        if meta.get("story") != path.parent.name:
            raise SystemExit(f"{path}: story {meta.get('story')!r} does not match its folder")
        paragraphs = [" ".join(block.split()) for block in body.split("\n\n") if block.strip()]
        articles.append(inbox.Article(f"day-{day}/{path.parent.name}/{path.stem}", meta, paragraphs))
    return articles


def sources() -> dict[int, list[inbox.Article]]:
    return {1: inbox.load_sources(), 2: load_day(2), 3: load_day(3)}


def check(day: int, articles: list[inbox.Article]) -> list[str]:
    problems = []
    ids = set()
    slugs = {slug for slug, _, _ in STORIES[day]}
    for a in articles:
        for key in ("story", "site", "file", "title", "author", "published", "url"):
            if not a.get(key):
                problems.append(f"{a.key}: no `{key}`")
        if a.get("site") not in inbox.SITES:
            problems.append(f"{a.key}: unknown site {a.get('site')!r}")
            continue
        if a["story"] not in slugs:
            problems.append(f"{a.key}: story {a['story']} is not in STORIES[{day}]")
        if not 150 <= a.words <= 600:
            problems.append(f"{a.key}: {a.words} words (want 150-600)")
        if not a["published"].startswith(DATES[day]):
            problems.append(f"{a.key}: published {a['published']} is not on day {day} ({DATES[day]})")
        identifier = inbox.document_id(a)
        if identifier in ids:
            problems.append(f"{a.key}: duplicate document id {identifier}")
        ids.add(identifier)
    for slug, _, _ in STORIES[day]:
        if not any(a["story"] == slug for a in articles):
            problems.append(f"day {day}: story {slug} has no article")
    return problems


def build_day(day: int, days: dict[int, list[inbox.Article]]) -> dict[str, bytes]:
    """The files only this day adds (feeds with yesterday's entries carried); OVERLAP is added by the test."""
    articles = list(days[day])
    for feed, earlier in CARRIED_FEED_ITEMS.get(day, {}).items():
        articles += [a for a in days[earlier] if a["file"] == feed]
    for name in OVERLAP.get(day, []):
        if not any(a["file"] == name for a in days[day - 1]):
            raise SystemExit(f"OVERLAP[{day}]: {name} is not a day-{day - 1} file")
        if any(a["file"] == name for a in days[day]):
            raise SystemExit(f"OVERLAP[{day}]: {name} is also written on day {day}")
    return inbox.build(sorted(articles, key=lambda a: (a["file"], a.published, a.key)))


def truth(days: dict[int, list[inbox.Article]]) -> dict:
    """Per day: each document → story, the documents an earlier day already processed, and which stories
    continue (with their day number)."""
    out = {}
    for day in (1, 2, 3):
        documents = {inbox.document_id(a): a["story"] for a in days[day]}
        seen = []
        for feed, earlier in CARRIED_FEED_ITEMS.get(day, {}).items():
            seen += [inbox.document_id(a) for a in days[earlier] if a["file"] == feed]
        for name in OVERLAP.get(day, []):
            seen += [inbox.document_id(a) for a in days[day - 1] if a["file"] == name]
        stories = STORIES.get(day) or [(slug, "", 1) for slug in sorted(set(documents.values()))]
        out[str(day)] = {"date": DATES[day], "documents": dict(sorted(documents.items())),
                         "already_processed": sorted(seen), "overlap_files": OVERLAP.get(day, []),
                         "continuing": {slug: number for slug, _, number in stories if number > 1},
                         "new": sorted(slug for slug, _, number in stories if number == 1)}
    return out


def ground_truth(days: dict[int, list[inbox.Article]]) -> str:
    facts = truth(days)
    all_docs = {inbox.document_id(a): a["story"] for day in days.values() for a in day}
    lines = ["# Three days of the sample inbox: ground truth", "",
             "Day 1 is the sample inbox, `pipelines/inbox/` (ground truth in `pipelines/INBOX.md`), run with",
             "`--date 2026-11-20`. Days 2 (`--date 2026-11-21`) and 3 (`--date 2026-11-22`) are the files under",
             "`day-2/` and `day-3/` plus the earlier files listed under \"Still in the inbox\" below, which a",
             "real inbox would still hold and which must be skipped as already processed. The Copperfield",
             "Gazette and Eastbank Observer feeds carry the previous day's entries again next to the new ones.",
             "Every word was written for this repository, in the same invented world as day 1; nothing is",
             "copied from any article or from ../shared/data.",
             "",
             "Generated with the day files by `python3 pipelines/days/make_days.py` from the article texts under",
             "`pipelines/days/src/` (`--check` verifies the committed files, `--truth` prints this as JSON).",
             "`Tests/scripts/three-days.sh` runs the daily pipeline on the three days with one state file and",
             "checks the digests against it.",
             "",
             "A story continuing from an earlier day keeps that day's story id and carries",
             "`attributes.continuing_day` = the day of its life (1 + days since its first run); its digest",
             "entry lists only the new day's articles. New stories carry no `continuing_day`.", ""]
    for day in (2, 3):
        lines += [f"## Day {day} — {DATES[day]}", "", "| Story | Day of its life | What happens |", "|---|---|---|"]
        for slug, about, number in STORIES[day]:
            status = "new" if number == 1 else f"continuing, day {number}"
            lines.append(f"| `{slug}` | {status} | {about} |")
        lines += ["", "New documents:", ""]
        for a in sorted(days[day], key=lambda a: (a["story"], inbox.document_id(a))):
            fmt = inbox.FORMATS[inbox.SITES[a["site"]]["kind"]]
            lines.append(f"- `{a['story']}` · `{inbox.document_id(a)}` — {inbox.SITES[a['site']]['name']} "
                         f"({fmt}, {a.words} words): \"{a['title']}\"")
        lines += ["", f"Still in the inbox from day {day - 1} (already processed, must be skipped):", ""]
        for name in OVERLAP[day]:
            lines.append(f"- `{name}` (the same bytes)")
        for feed, earlier in CARRIED_FEED_ITEMS.get(day, {}).items():
            carried = [inbox.document_id(a) for a in days[earlier] if a["file"] == feed]
            lines.append(f"- `{feed}`: day {earlier}'s entries " + ", ".join(f"`{c}`" for c in carried))
        lines += ["", f"{len(days[day])} new documents, {len(facts[str(day)]['already_processed'])} already "
                      "processed.", ""]
    lines += ["## Traps", "",
              "- **`banknote` vs `rate-cut` (day 2).** The Bank of Westmark and Governor Helena Marsh again, one",
              "  day after the rate cut that is still an open story, but the event is a new polymer $20 note. It",
              "  mentions the rate cut in one sentence only. It must not join `rate-cut` (whose day-1 members",
              "  are carried into day 2's clustering), so `rate-cut` must not continue; being a single article,",
              "  it belongs to no story and is listed under \"Other articles\".",
              "- **Stories that do not continue.** " + "; ".join(
                  f"Day {day}'s inbox still holds day-{day - 1} articles of "
                  + ", ".join(f"`{slug}`" for slug in sorted({all_docs[d] for d in facts[str(day)]['already_processed']}))
                  for day in (2, 3)) + ". Skipped, they must not make a story continue on their own: only the",
              "  stories with new articles do.",
              "- **Continuing into the third day.** `ashvale-floods` continues on days 2 and 3 and keeps its",
              "  day-1 id throughout; `museum-theft` starts on day 2 and continues on day 3 (its day 2).",
              ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    parser.add_argument("--truth", action="store_true", help="print the ground truth as JSON and exit")
    args = parser.parse_args()
    days = sources()
    if args.truth:
        print(json.dumps(truth(days), indent=1, sort_keys=True))
        return 0
    problems = check(2, days[2]) + check(3, days[3])
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    wanted = {TRUTH: ground_truth(days).encode("utf-8")}
    for day in (2, 3):
        for name, data in build_day(day, days).items():
            wanted[DAYS_DIR / f"day-{day}" / name] = data
    existing = {p for day in (2, 3) for p in (DAYS_DIR / f"day-{day}").rglob("*") if p.is_file()}
    if args.check:
        stale = [p for p, data in sorted(wanted.items()) if not p.exists() or p.read_bytes() != data]
        extra = sorted(existing - set(wanted))
        for path in stale:
            print(f"differs or missing: {path.relative_to(DAYS_DIR)}", file=sys.stderr)
        for path in extra:
            print(f"not generated: {path.relative_to(DAYS_DIR)}", file=sys.stderr)
        return 1 if stale or extra else 0
    for path in sorted(existing - set(wanted)):
        path.unlink()
    for path, data in sorted(wanted.items()):
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    print(f"day 2: {len(days[2])} documents, day 3: {len(days[3])} documents; "
          f"{min(a.words for d in (2, 3) for a in days[d])}-{max(a.words for d in (2, 3) for a in days[d])} words each",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
