#!/usr/bin/env python3
"""A web version of the sample inbox on loopback addresses, for Tests/scripts/fetch.sh
and Benchmarks/fetch.sh. Nothing here listens beyond 127.0.0.0/8.

Each outlet folder of the inbox with HTML pages gets its own host (127.0.0.2,
127.0.0.3, ...) on one port, serving its pages (gzipped files with
Content-Encoding: gzip), /feed.xml (RSS), /sitemap.xml, /robots.txt, and
/sitemap-index.xml: an index naming itself and /sitemap-nested.xml, an index
naming /sitemap.xml twice (absolute and relative). One
more host misbehaves on purpose: 404, 500, 429 + Retry-After, a 40-second
answer, a redirect loop, a 1 GB body, a gzip bomb, a robots.txt-disallowed
path, a feed that changes between runs and one that answers 304. One host
past it never completes a TCP handshake: a listener with backlog 0 that one
connection of our own fills, so the kernel drops every further SYN.

With --bench-hosts/--bench-pages it serves generated pages instead, for the
benchmark. Every host counts its concurrent connections; GET /__stats on any
host returns them with the request log as JSON.
"""
import argparse, gzip, hashlib, html, json, os, re, socket, sys, threading, time, zlib
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
ACTIVE, PEAK, LOG = {}, {}, []
SITES = {}          # host -> {path: (bytes, content_type, encoding)}
GENERATION = [1]
BOMB = []
BLACKHOLE = []      # the full-backlog listener and its filler, kept open


def rfc822(iso):
    return format_datetime(datetime.fromisoformat(iso).astimezone(timezone.utc), usegmt=True)


def page_info(raw):
    text = raw.decode("utf-8", "replace") if not raw.startswith(b"\x1f\x8b") else gzip.decompress(raw).decode("utf-8", "replace")
    title = re.search(r"<title>(.*?)</title>", text, re.S)
    date = re.search(r'"datePublished":\s*"([^"]+)"', text) or re.search(r'article:published_time"\s+content="([^"]+)"', text)
    return (html.unescape(title.group(1).strip()) if title else "untitled"), (date.group(1) if date else None)


def rss(title, base, items):
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<rss version="2.0"><channel>',
           f"<title>{html.escape(title)}</title><link>{base}/</link>"]
    for item in items:
        out.append("<item>")
        out.append(f"<title>{html.escape(item['title'])}</title><link>{html.escape(item['link'])}</link><guid>{html.escape(item['link'])}</guid>")
        if item.get("date"):
            out.append(f"<pubDate>{rfc822(item['date'])}</pubDate>")
        if item.get("description"):
            out.append(f"<description>{html.escape(item['description'])}</description>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out).encode()


def build_inbox(inbox, port, first):
    mapping = {}
    outlets = []
    for name in sorted(os.listdir(inbox)):
        folder = os.path.join(inbox, name)
        files = sorted(os.path.relpath(os.path.join(d, f), folder) for d, _, fs in os.walk(folder) for f in fs
                       if f.endswith((".html", ".htm", ".html.gz")))
        if files:
            outlets.append((name, files))
    for index, (name, files) in enumerate(outlets):
        host = f"127.0.0.{first + index}"
        base = f"http://{host}:{port}"
        site, items = {}, []
        for rel in files:
            raw = open(os.path.join(inbox, name, rel), "rb").read()
            path = "/" + (rel[:-3] if rel.endswith(".gz") else rel)
            site[path] = (raw, "text/html; charset=utf-8" if b"windows-1252" not in raw[:2000].lower() else "text/html",
                          "gzip" if rel.endswith(".gz") else None)
            title, date = page_info(raw)
            items.append({"title": title, "link": base + path, "date": date, "description": "Read the article."})
            mapping[f"{name}/{rel[:-3] if rel.endswith('.gz') else rel}"] = base + path
        site["/feed.xml"] = (rss(name, base, items), "application/rss+xml", None)
        urls = "".join(f"<url><loc>{html.escape(i['link'])}</loc>" + (f"<lastmod>{i['date']}</lastmod>" if i["date"] else "") + "</url>"
                       for i in items)
        site["/sitemap.xml"] = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode(),
                                "application/xml", None)
        def index(locations):
            entries = "".join(f"<sitemap><loc>{html.escape(loc)}</loc></sitemap>" for loc in locations)
            return (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'
                    .encode(), "application/xml", None)
        site["/sitemap-index.xml"] = index([base + "/sitemap-index.xml", base + "/sitemap-nested.xml"])
        site["/sitemap-nested.xml"] = index([base + "/sitemap.xml", "sitemap.xml"])
        site["/robots.txt"] = (b"User-agent: *\nDisallow: /private/\n", "text/plain", None)
        SITES[host] = site
    bad = f"127.0.0.{first + len(outlets)}"
    SITES[bad] = {"/robots.txt": (b"User-agent: *\nDisallow: /private\n\nUser-agent: otherbot\nDisallow: /\n", "text/plain", None)}
    return outlets, bad, mapping


def build_bench(hosts, pages, port, first):
    body = ("<html><head><title>Page {n}</title></head><body><article>" + "<p>" + "Benchmark text for page {n}. " * 40 + "</p>" * 5
            + "</article></body></html>")
    for h in range(hosts):
        host = f"127.0.0.{first + h}"
        site = {"/robots.txt": (b"User-agent: *\nAllow: /\n", "text/plain", None)}
        for p in range(pages):
            site[f"/p/{p}.html"] = (body.format(n=p).encode(), "text/html; charset=utf-8", None)
        SITES[host] = site


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        host = self.server.server_address[0]
        path = self.path.split("?")[0]
        with LOCK:
            ACTIVE[host] = ACTIVE.get(host, 0) + 1
            PEAK[host] = max(PEAK.get(host, 0), ACTIVE[host])
            LOG.append({"host": host, "path": self.path, "time": time.time(),
                        "if_none_match": self.headers.get("If-None-Match"),
                        "if_modified_since": self.headers.get("If-Modified-Since"),
                        "user_agent": self.headers.get("User-Agent")})
            entry = LOG[-1]
        try:
            entry["status"] = self.route(host, path)
        except (BrokenPipeError, ConnectionResetError):
            entry["status"] = "client closed"
        finally:
            with LOCK:
                ACTIVE[host] -= 1

    def route(self, host, path):
        if path == "/__stats":
            with LOCK:
                body = json.dumps({"peak": PEAK, "log": LOG}).encode()
            self.send(200, body, "application/json")
            return 200
        if path == "/__generation":
            GENERATION[0] += 1
            self.send(200, str(GENERATION[0]).encode(), "text/plain")
            return 200
        site = SITES.get(host, {})
        if path in site:
            body, ctype, encoding = site[path]
            etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
            if self.headers.get("If-None-Match") == etag:
                self.send(304, b"", ctype, [("ETag", etag)])
                return 304
            headers = [("ETag", etag)] + ([("Content-Encoding", encoding)] if encoding else [])
            self.send(200, body, ctype, headers)
            return 200
        return self.misbehave(host, path)

    def misbehave(self, host, path):
        base = f"http://{host}:{self.server.server_address[1]}"
        if path == "/not-found":
            self.send(404, b"<h1>Not found</h1>")
            return 404
        if path == "/server-error":
            self.send(500, b"<h1>Oops</h1>")
            return 500
        if path == "/busy":
            with LOCK:
                tries = sum(1 for e in LOG if e["path"] == "/busy")
            if tries == 1:
                self.send(429, b"slow down", "text/plain", [("Retry-After", "1")])
                return 429
            self.send(200, b"<html><head><title>Busy page</title></head><body><p>Answered after a 429.</p></body></html>")
            return 200
        if path == "/slow":
            time.sleep(40)
            self.send(200, b"<p>too late</p>")
            return 200
        if path in ("/loop-a", "/loop-b"):
            self.send(302, b"", headers=[("Location", "/loop-b" if path == "/loop-a" else base + "/loop-a")])
            return 302
        if path == "/huge":
            # 1 GB announced by no Content-Length: streamed until the client stops reading.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65530 + b"</p>"
            sent = 0
            try:
                while sent < 1 << 30:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            finally:
                with LOCK:
                    LOG.append({"host": host, "path": "/huge#sent", "bytes": sent, "time": time.time()})
                self.close_connection = True
            return 200
        if path == "/bomb":
            self.send(200, BOMB[0], "text/html", [("Content-Encoding", "gzip")])
            return 200
        if path == "/not-html":
            self.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
            return 200
        if path.startswith("/private"):
            self.send(200, b"<p>should never be fetched</p>")
            return 200
        if path == "/feed.xml":
            items = [{"title": "Disallowed page", "link": base + "/private/exclusive", "date": "2026-11-20T05:00:00+00:00",
                      "description": "The feed's own summary of an exclusive. " * 10},
                     {"title": "A picture", "link": base + "/not-html", "date": "2026-11-20T05:30:00+00:00", "description": ""},
                     {"title": "Old news", "link": base + "/old", "date": "2026-10-01T05:30:00+00:00", "description": "old"}]
            self.send(200, rss("Trouble Times", base, items), "application/rss+xml")
            return 200
        if path == "/changing.xml":
            generation = GENERATION[0]
            etag = f'"gen-{generation}"'
            if self.headers.get("If-None-Match") == etag:
                self.send(304, b"", headers=[("ETag", etag)])
                return 304
            items = [{"title": f"Generation {generation}", "link": f"{base}/not-found?gen={generation}",
                      "date": "2026-11-20T04:00:00+00:00", "description": ""}]
            self.send(200, rss("Changing", base, items), "application/rss+xml", [("ETag", etag)])
            return 200
        if path == "/stable.xml":
            modified = "Thu, 19 Nov 2026 06:00:00 GMT"
            if self.headers.get("If-None-Match") == '"stable-1"' or self.headers.get("If-Modified-Since") == modified:
                self.send(304, b"", headers=[("ETag", '"stable-1"'), ("Last-Modified", modified)])
                return 304
            self.send(200, rss("Stable", base, []), "application/rss+xml", [("ETag", '"stable-1"'), ("Last-Modified", modified)])
            return 200
        self.send(404, b"<h1>Not found</h1>")
        return 404


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--inbox")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--first-host", type=int, default=2)
    parser.add_argument("--bench-hosts", type=int, default=0)
    parser.add_argument("--bench-pages", type=int, default=0)
    parser.add_argument("--manifest", help="write hosts and the file→URL mapping here as JSON")
    args = parser.parse_args()
    manifest = {}
    if args.bench_hosts:
        build_bench(args.bench_hosts, args.bench_pages, args.port, args.first_host)
    else:
        outlets, bad, mapping = build_inbox(args.inbox, args.port, args.first_host)
        manifest = {"outlets": [[name, f"127.0.0.{args.first_host + i}"] for i, (name, _) in enumerate(outlets)],
                    "bad": bad, "mapping": mapping}
    if not args.bench_hosts:
        # The gzip bomb: 1 GB of zeros as 1024 concatenated gzip members of 1 MB each (about 1 MB on the wire).
        BOMB.append(gzip.compress(b"\0" * (1 << 20), 9) * 1024)
    for host in SITES:
        assert host.startswith("127."), host
        server = Server((host, args.port), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    if not args.bench_hosts:
        # The host that never answers a connect, on the next loopback address.
        hole = f"127.0.0.{args.first_host + len(manifest['outlets']) + 1}"
        listener = socket.socket()
        listener.bind((hole, args.port))
        listener.listen(0)
        filler = socket.create_connection((hole, args.port))
        BLACKHOLE.extend([listener, filler])
        manifest["unreachable"] = hole
    if args.manifest:
        with open(args.manifest, "w") as f:
            json.dump(manifest, f, indent=1)
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
