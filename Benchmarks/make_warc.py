#!/usr/bin/env python3
"""Writes a synthetic crawl file for the WARC memory benchmark (issue 25): a
.warc.gz of about TARGET_MB, each record its own gzip member as crawlers write
them, holding invented news pages (40-90 KB of HTML each: scripts, styles,
navigation, an article of several paragraphs, related links, a footer) as
`response` records, each after its `request` record, and around them what a
real crawl holds: a `warcinfo` record, `metadata` records, images (non-HTML
responses), 404 pages, redirects and now and then a page captured twice.
Every word is ours; the same SEED writes the same bytes.

With --jsonl FOLDER it also writes the same pages as JSONL files
({"id", "url", "html"} per line, files of at most 16 MB, each a unit read
whole) for comparison.

usage: make_warc.py OUT.warc.gz TARGET_MB [--jsonl FOLDER] [--seed N]
"""
import argparse
import gzip
import json
import os
import random
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "scripts"))
from invented_world import EVENTS, ORGS, OUTLETS, PEOPLE, PLACES  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("target_mb", type=float)
parser.add_argument("--jsonl")
parser.add_argument("--seed", type=int, default=25)
args = parser.parse_args()
rng = random.Random(args.seed)

WORDS = ("residents officials morning council river harbour station market weather road school meeting plan "
         "report figures week crowd volunteers museum budget repairs ferry library bridge tower garden "
         "evening market square hospital staff workers union mayor police witnesses engineers families "
         "shops traffic rain wind summer autumn winter spring question answer promise delay cost").split()
VERBS = "said reported promised expected described counted closed opened asked noted warned added".split()


def sentence():
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
    return f"{rng.choice(PEOPLE)} {rng.choice(VERBS)} that the {' '.join(words)} in {rng.choice(PLACES)}."


def script():
    # Minified-looking code with varying names: what a page's inline scripts weigh.
    parts = []
    for _ in range(rng.randint(150, 400)):
        name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
        parts.append(f"function {name}(e,t){{var n=e[{rng.randint(0, 99)}]||t;return n&&n.{name}?n:{rng.randint(0, 9999)}}}")
    return ";".join(parts)


def style():
    rules = []
    for _ in range(rng.randint(40, 120)):
        cls = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz-") for _ in range(rng.randint(4, 12)))
        rules.append(f".{cls}{{margin:{rng.randint(0, 40)}px;color:#{rng.randint(0, 0xFFFFFF):06x}}}")
    return "".join(rules)


def page(index, story):
    number, place, person, org, event, figure, day = story
    name, other, thing = event
    outlet = OUTLETS[index % len(OUTLETS)]
    title = f"{name.capitalize()} in {place}: {org} responds" if index % 2 else f"{place} {name} draws {person}"
    lead = [
        f"A {name} at the {place} {thing} affected {figure} people on Tuesday, the {org} said.",
        f"{person} of the {org} said the {other} in {place} was being handled with care.",
        f"The {org} counted {figure} people affected by the {name} near the {thing} in {place}.",
    ]
    rng.shuffle(lead)
    paragraphs = [" ".join(lead)] + [" ".join(sentence() for _ in range(rng.randint(3, 6)))
                                    for _ in range(rng.randint(5, 11))]
    nav = "".join(f'<li><a href="/section/{w}">{w.capitalize()}</a></li>' for w in rng.sample(WORDS, 40))
    related = "".join(f'<li><a href="/story/{rng.randint(1, 99999)}">{rng.choice(PLACES)} {rng.choice(WORDS)} '
                      f'{rng.choice(VERBS)}</a></li>' for _ in range(12))
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>'
            f'<meta property="article:published_time" content="2026-11-{day:02d}T{8 + index % 10:02d}:00:00Z">'
            f"<style>{style()}</style><script>{script()}</script></head><body>"
            f'<header><div class="brand">{outlet}</div><nav><ul>{nav}</ul></nav></header>'
            f'<main><article><h1>{title}</h1><p class="byline">By {rng.choice(PEOPLE)}</p>\n{body}</article>'
            f'<aside><h2>Related</h2><ul>{related}</ul></aside></main>'
            f"<footer><ul>{nav}</ul><p>Copyright 2026 {outlet}. All rights reserved.</p></footer>"
            f"<script>{script()}</script></body></html>")


def record(kind, uri, content_type, block, when):
    headers = [("WARC-Type", kind)]
    if uri:
        headers.append(("WARC-Target-URI", uri))
    headers += [("WARC-Date", when), ("WARC-Record-ID", f"<urn:uuid:{uuid.UUID(int=rng.getrandbits(128))}>"),
                ("Content-Type", content_type), ("Content-Length", str(len(block)))]
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return gzip.compress(head.encode() + block + b"\r\n\r\n", compresslevel=6, mtime=0)


def http(status, content_type, body):
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


stories = []
for number in range(400):
    stories.append((number, rng.choice(PLACES), rng.choice(PEOPLE), rng.choice(ORGS), rng.choice(EVENTS),
                    rng.randint(12, 4000), 1 + number % 28))

target = int(args.target_mb * 1_048_576)
counts = {"response": 0, "request": 0, "metadata": 0, "non-HTML": 0, "404": 0, "redirect": 0, "recaptured": 0}
raw_bytes = 0
jsonl_file, jsonl_size, jsonl_number = None, 0, 0
os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
if args.jsonl:
    os.makedirs(args.jsonl, exist_ok=True)
with open(args.out, "wb") as out:
    info = b"software: pipe Benchmarks/make_warc.py\r\nformat: WARC File Format 1.1\r\n"
    out.write(record("warcinfo", None, "application/warc-fields", info, "2026-11-20T00:00:00Z"))
    index = 0
    last_uri = None
    while out.tell() < target:
        when = f"2026-11-20T{index // 3600 % 24:02d}:{index // 60 % 60:02d}:{index % 60:02d}Z"
        outlet = OUTLETS[index % len(OUTLETS)].lower().replace(" ", "-")
        uri = f"https://{outlet}.example/news/{index:07d}"
        if index % 100 == 99 and last_uri:
            uri = last_uri  # the same address captured again
            counts["recaptured"] += 1
        request = f"GET /news/{index:07d} HTTP/1.1\r\nHost: {outlet}.example\r\nUser-Agent: bench\r\n\r\n".encode()
        out.write(record("request", uri, "application/http; msgtype=request", request, when))
        counts["request"] += 1
        html = page(index, stories[index % len(stories)])
        block = http("200 OK", "text/html; charset=utf-8", html.encode())
        raw_bytes += len(block)
        out.write(record("response", uri, "application/http; msgtype=response", block, when))
        counts["response"] += 1
        if args.jsonl:
            line = (json.dumps({"id": uri, "url": uri, "html": html}) + "\n").encode()
            if jsonl_file is None or jsonl_size + len(line) > 16 * 1_048_576:
                if jsonl_file:
                    jsonl_file.close()
                jsonl_file = open(os.path.join(args.jsonl, f"pages-{jsonl_number:04d}.jsonl"), "wb")
                jsonl_number, jsonl_size = jsonl_number + 1, 0
            jsonl_file.write(line)
            jsonl_size += len(line)
        if index % 10 == 0:
            fields = f"fetchTimeMs: {rng.randint(20, 900)}\r\noutlinks: {rng.randint(10, 200)}\r\n".encode()
            out.write(record("metadata", uri, "application/warc-fields", fields, when))
            counts["metadata"] += 1
        if index % 20 == 0:
            image = rng.randbytes(rng.randint(4000, 30000))
            out.write(record("response", f"https://{outlet}.example/img/{index}.jpg",
                             "application/http; msgtype=response", http("200 OK", "image/jpeg", image), when))
            counts["non-HTML"] += 1
        if index % 50 == 0:
            out.write(record("response", f"https://{outlet}.example/old/{index}", "application/http; msgtype=response",
                             http("404 Not Found", "text/html", b"<html><body>Not found</body></html>"), when))
            counts["404"] += 1
        if index % 70 == 0:
            moved = f"HTTP/1.1 301 Moved Permanently\r\nLocation: {uri}\r\nContent-Length: 0\r\n\r\n".encode()
            out.write(record("response", f"http://{outlet}.example/n/{index}", "application/http; msgtype=response",
                             moved, when))
            counts["redirect"] += 1
        last_uri = uri
        index += 1
    size = out.tell()
if jsonl_file:
    jsonl_file.close()
print(f"{args.out}: {size / 1_048_576:.1f} MB compressed, {raw_bytes / 1_048_576:.1f} MB of HTML responses; "
      + ", ".join(f"{v} {k}" for k, v in counts.items()))
