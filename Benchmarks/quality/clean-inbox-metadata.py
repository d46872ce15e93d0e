#!/usr/bin/env python3
"""Exact-match rates of clean's metadata on the sample inbox, against the article sources the inbox
is generated from (pipelines/tools/inbox-src/*/*.txt headers: title, author, published, url) and the
outlet names in pipelines/INBOX.md (site).

usage: clean-inbox-metadata.py PRED.jsonl REPO_ROOT [--misses]
- title: exact string; author: exact, where a credit that names no person ("Tidewater Times staff",
  "Lumen Brief newsroom") expects no author and "Name, Agency" expects "Name";
- published: the same instant; a source time with an offset the page never shows (the page dumps'
  datelines) is counted separately as "offset not on the page";
- text: the first and last paragraphs of the source body are the first and last of ours, and the
  whole text is the source body paragraph for paragraph (typographic quotes read as straight ones).
"""
import datetime, glob, json, os, re, sys

pred_path, root = sys.argv[1], sys.argv[2]
show = "--misses" in sys.argv
docs = {}
for line in open(pred_path):
    d = json.loads(line)
    docs[d["id"]] = d
    docs[re.sub(r"\.gz$", "", d["id"])] = d
outlets = {}
for line in open(os.path.join(root, "pipelines/INBOX.md")):
    m = re.match(r"- `([^`]+)` — (.+?): \"(.+)\"$", line.strip())
    if m:
        outlets[m.group(1)] = m.group(2)

ORG = ("staff", "newsroom", "desk", "wire")
def expected_author(credit):
    names = [n.strip() for n in credit.split(",")]
    names = [n for n in names if n and n.split()[-1].lower() not in ORG]
    return ", ".join(names) or None

def plain(text):
    """Typographic quotes as straight ones: some outlets' pages curl the source's quotes."""
    return text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))

def instant(text):
    if not text:
        return None
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(datetime.timezone.utc)

counts = {k: [0, 0] for k in ("title", "author", "published", "site", "url", "first paragraph", "last paragraph", "whole text")}
offset_only = 0
for path in sorted(glob.glob(os.path.join(root, "pipelines/tools/inbox-src/*/*.txt"))):
    head, _, body = open(path, encoding="utf-8").read().partition("\n\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    doc_id = meta.get("id") or re.sub(r"\.gz$", "", meta["file"])
    d = docs.get(doc_id)
    if d is None:
        print("MISSING", doc_id)
        continue
    if meta.get("body_from"):  # a near-duplicate: another source's body under its own lede
        other = open(os.path.join(root, "pipelines/tools/inbox-src", meta["body_from"] + ".txt"), encoding="utf-8").read()
        rest = [p.strip() for p in other.partition("\n\n")[2].strip().split("\n\n") if p.strip()][1:]
        body = "\n\n".join([meta.get("lede", "")] + rest)
    paragraphs = [re.sub(r"^#+ ", "", p.strip()) for p in body.strip().split("\n\n") if p.strip()] or [""]  # "## Heading" is a heading
    ours = (d.get("text") or "").split("\n\n")
    checks = {
        "title": (d.get("title"), meta.get("title")),
        "author": (d.get("author"), expected_author(meta.get("author", ""))),
        "site": (d.get("site"), outlets.get(doc_id)),
        "url": (d.get("url"), meta.get("url")),
        "first paragraph": (ours[0], paragraphs[0]),
        "last paragraph": (ours[-1], paragraphs[-1]),
        "whole text": ("\n\n".join(ours), "\n\n".join(paragraphs)),
    }
    got, want = instant(d.get("published")), instant(meta.get("published"))
    if got != want and got is not None and want is not None and got.replace(tzinfo=None) == datetime.datetime.fromisoformat(meta["published"]).replace(tzinfo=None):
        offset_only += 1
        checks["published"] = (True, True)
    else:
        checks["published"] = (got, want)
    for field, (a, b) in checks.items():
        counts[field][1] += 1
        if a == b or (isinstance(a, str) and isinstance(b, str) and plain(a) == plain(b)):
            counts[field][0] += 1
        elif show:
            print(f"MISS {field:16} {doc_id}: ours {str(a)[:90]!r} / source {str(b)[:90]!r}")
n = counts["title"][1]
print("inbox metadata exact match over", n, "articles: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in counts.items()))
print(f"(published: {offset_only} page datelines carry a time without its UTC offset; read as UTC, counted as matching the wall time)")
