#!/usr/bin/env python3
"""Builds the sample inbox (pipelines/inbox) and its ground truth (pipelines/INBOX.md).

Every article is written by hand, in plain text, under pipelines/tools/inbox-src/<story>/<outlet>.txt.
This script wraps each article in its outlet's page, feed or record format (nav bars, cookie
banners, "Most read" lists, disclaimers...), encodes and compresses where asked, and writes
the files. It is deterministic: gzip with mtime 0 and no file name, sorted inputs, no clock.

    python3 pipelines/tools/make_inbox.py           # rewrite pipelines/inbox and INBOX.md
    python3 pipelines/tools/make_inbox.py --check   # exit 1 if the committed files differ
    python3 pipelines/tools/make_inbox.py --similarity  # TF-IDF cosine: story mates vs outsiders

A source file is a header of `key: value` lines, a blank line, then the article's paragraphs
separated by blank lines (`## ` starts a subheading). Header keys:

    story      story slug (its folder name, repeated for clarity)
    site       outlet key: one of SITES below
    file       output path under pipelines/inbox; several sources may share a feed/jsonl file
    title, author, published (ISO 8601 with zone), section, url
    id         document id for feed items and jsonl records (files use their path)
    summary    a teaser: RSS description, Atom summary, the "Brief news summary" of lumen pages
    encoding   windows-1252 to save the page in that charset (html only)
    body_from  another source (story/outlet) whose paragraphs this one reuses (syndication)
    lede       with body_from: the first paragraph that replaces the original's
    tests      what the document is there to test, for INBOX.md
"""

from __future__ import annotations

import argparse
import gzip
import html
import io
import json
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
SRC = TOOLS / "inbox-src"
PIPELINES = TOOLS.parent
INBOX = PIPELINES / "inbox"
GROUND_TRUTH = PIPELINES / "INBOX.md"

# ---------------------------------------------------------------------------------------------
# Sources


@dataclass
class Article:
    key: str  # "<story>/<outlet>"
    meta: dict[str, str]
    paragraphs: list[str] = field(default_factory=list)

    def __getitem__(self, name: str) -> str:
        return self.meta[name]

    def get(self, name: str, default: str = "") -> str:
        return self.meta.get(name, default)

    @property
    def published(self) -> datetime:
        return datetime.fromisoformat(self.meta["published"])

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def load_sources() -> list[Article]:
    articles: dict[str, Article] = {}
    for path in sorted(SRC.glob("*/*.txt")):
        key = f"{path.parent.name}/{path.stem}"
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
        articles[key] = Article(key, meta, paragraphs)
    for article in articles.values():
        origin = article.get("body_from")
        if origin:
            if origin not in articles:
                raise SystemExit(f"{article.key}: body_from {origin!r} not found")
            article.paragraphs = list(articles[origin].paragraphs)
            if article.get("lede"):
                article.paragraphs[0] = article["lede"]
    return sorted(articles.values(), key=lambda a: (a["file"], a.published, a.key))


# ---------------------------------------------------------------------------------------------
# Small helpers

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def esc(text: str) -> str:
    """Escapes element text the way CMSs do: only `&`, `<` and `>`; quotes stay as typed."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Escapes a double-quoted attribute value."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def body_html(article: Article, indent: str = "", inline_ad: str | None = None, every: int = 0) -> str:
    lines = []
    for number, paragraph in enumerate(article.paragraphs):
        if paragraph.startswith("## "):
            lines.append(f"{indent}<h2>{esc(paragraph[3:])}</h2>")
        else:
            lines.append(f"{indent}<p>{esc(paragraph)}</p>")
        if inline_ad and every and number + 1 < len(article.paragraphs) and (number + 1) % every == 0:
            lines.append(indent + inline_ad)
    return "\n".join(lines)


def plain_body(article: Article) -> str:
    return "\n\n".join(p[3:] if p.startswith("## ") else p for p in article.paragraphs)


def smart_quotes(text: str) -> str:
    """Typographic quotes, the way some CMSs rewrite what reporters type."""
    out = []
    open_double = True
    for index, char in enumerate(text):
        if char == '"':
            out.append("\u201c" if open_double else "\u201d")
            open_double = not open_double
        elif char == "'":
            before = text[index - 1] if index else " "
            out.append("\u2018" if before.isspace() or before in "(\u201c" else "\u2019")
        else:
            out.append(char)
    return "".join(out)


def rfc822(moment: datetime) -> str:
    short_days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    offset = moment.strftime("%z") or "+0000"
    return f"{short_days[moment.weekday()]}, {moment.day:02d} {MONTHS[moment.month - 1][:3]} {moment.year} " \
           f"{moment.strftime('%H:%M:%S')} {offset}"


def twelve_hour(moment: datetime, dotted: bool = False) -> str:
    hour = moment.hour % 12 or 12
    suffix = ("a.m." if moment.hour < 12 else "p.m.") if dotted else ("AM" if moment.hour < 12 else "PM")
    return f"{hour}:{moment.minute:02d} {suffix}"


def teaser_list(items: list[tuple[str, str]], tag: str = "li", date_class: str = "date") -> str:
    return "\n".join(f'<{tag}><a href="#">{esc(title)}</a> <span class="{date_class}">{esc(date)}</span></{tag}>'
                     for title, date in items)


# ---------------------------------------------------------------------------------------------
# Outlets. Each renders one article (pages) or a list of them (feeds, jsonl) to bytes.

SITES: dict[str, dict] = {}


def site(key: str, name: str, kind: str, description: str):
    def register(render):
        SITES[key] = {"name": name, "kind": kind, "render": render, "description": description}
        return render
    return register


@site("harbour", "The Harbour Ledger", "html",
      "og:title, meta author, article:published_time, <html lang=\"en\">; cookie banner, leaderboard advert, "
      "share bar, related links, \"Most read\" with dated teasers, newsletter box, footer with \"Powered by\"")
def render_harbour(a: Article) -> bytes:
    moment = a.published
    most_read = [("Ferry timetable: what runs this weekend", "19.11.2026"),
                 ("New bridge toll explained", "17.11.2026"),
                 ("Calder fish market to close for six weeks of repairs", "18.11.2026"),
                 ("Letters: the harbour wall deserves better", "16.11.2026"),
                 ("Weather: gales expected along the coast on Saturday", "19.11.2026")]
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a['title'])} | The Harbour Ledger</title>
<meta name="description" content="{attr(a.get('summary') or a.paragraphs[0])}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="The Harbour Ledger">
<meta property="og:title" content="{attr(a['title'])}">
<meta property="og:url" content="{attr(a['url'])}">
<meta name="author" content="{attr(a['author'])}">
<meta property="article:published_time" content="{moment.isoformat()}">
<meta property="article:section" content="{attr(a['section'])}">
<link rel="canonical" href="{attr(a['url'])}">
<link rel="stylesheet" href="/static/ledger.3f9a1c.css">
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"section": "{esc(a['section'])}", "paywall": false}});</script>
</head>
<body class="article-page">
<div class="cookie-banner" role="dialog" aria-label="Cookies">
<p>We use cookies to improve your experience and to show you relevant advertising. You can change your choices at any time.</p>
<button>Accept all</button> <button>Manage choices</button>
</div>
<header class="masthead">
<a class="logo" href="/">The Harbour Ledger</a>
<nav><ul>
<li><a href="/">Home</a></li><li><a href="/calder">Calder</a></li><li><a href="/ports">Ports</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/login">Log in</a></li><li><a class="cta" href="/subscribe">Subscribe from $1 a week</a></li>
</ul></nav>
</header>
<div class="ad ad-leaderboard"><span class="ad-label">Advertisement</span><a href="https://ads.example/click?c=2211"><img src="/ads/skerrin-winter.jpg" alt="Winter breaks on Skerrin from $39 a night"></a></div>
<main>
<article>
<p class="kicker"><a href="/{esc(a['section'].lower())}">{esc(a['section'])}</a></p>
<h1>{esc(a['title'])}</h1>
<p class="byline">By {esc(a['author'])}, Harbour Ledger</p>
<p class="dateline">{DAYS[moment.weekday()]} {moment.day} {MONTHS[moment.month - 1]} {moment.year}, {moment.strftime('%H:%M')}</p>
<div class="share"><span>Share this article</span> <a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a> <a href="#">Email</a> <a href="#">Copy link</a></div>
{body_html(a)}
<p class="corrections">Spotted a mistake? Write to corrections@harbourledger.example.</p>
</article>
<section class="related">
<h2>Related</h2>
<ul>
<li><a href="#">Port of Calder orders twelve electric cranes</a></li>
<li><a href="#">Opinion: Calder cannot live on tourism alone</a></li>
<li><a href="#">In pictures: the harbour at first light</a></li>
</ul>
</section>
</main>
<aside class="most-read">
<h2>Most read</h2>
<ol>
{teaser_list(most_read)}
</ol>
</aside>
<div class="newsletter">
<h3>The Morning Ledger</h3>
<p>Sign up for our morning newsletter: the port, the city and the weather before 7 a.m.</p>
<form><input type="email" placeholder="Your email address"><button>Sign up</button></form>
</div>
<footer>
<ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li><li><a href="/advertise">Advertise with us</a></li></ul>
<p>Copyright © 2026 The Harbour Ledger. All rights reserved.</p>
<p>Powered by Quayside CMS</p>
</footer>
</body>
</html>
"""
    return page.encode("utf-8")


@site("northgate", "Northgate Post", "html",
      "JSON-LD NewsArticle (headline, author, datePublished) and no og tags, <html lang=\"en-GB\">; "
      "breadcrumbs, consent dialog, share buttons, \"Trending\" list, newsletter box, related links")
def render_northgate(a: Article) -> bytes:
    moment = a.published
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a["title"],
        "description": a.get("summary") or a.paragraphs[0],
        "author": [{"@type": "Person", "name": a["author"]}],
        "datePublished": moment.isoformat(),
        "dateModified": moment.isoformat(),
        "inLanguage": "en-GB",
        "articleSection": a["section"],
        "mainEntityOfPage": a["url"],
        "publisher": {"@type": "Organization", "name": "Northgate Post",
                      "logo": {"@type": "ImageObject", "url": "https://www.northgatepost.example/logo.png"}},
    }
    trending = [("Live: Northgate weather warnings", "20 Nov 2026"),
                ("Review: the new Riverside food hall", "18 Nov 2026"),
                ("Why Northgate's rents rose 11% this year", "17 Nov 2026"),
                ("Schools league tables: how your area did", "19 Nov 2026")]
    page = f"""<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{esc(a['title'])} – Northgate Post</title>
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<script async src="https://tags.example/gtm.js?id=NP-7781"></script>
</head>
<body>
<div id="consent" class="consent-overlay">
<h2>Your privacy choices</h2>
<p>Northgate Post and our 143 partners store and access information on your device to personalise content and ads. Select "Accept" to agree or "Options" to choose.</p>
<button>Accept</button><button>Options</button><button>Reject all</button>
</div>
<header>
<div class="topbar"><a href="/">Northgate Post</a> <span class="weather">Northgate 9°C, cloudy</span> <a href="/account">Sign in</a> <a href="/subscribe">Subscribe</a></div>
<nav class="sections"><a href="/news">News</a> <a href="/news/city">City</a> <a href="/news/region">Region</a> <a href="/health">Health</a> <a href="/business">Business</a> <a href="/tech">Tech</a> <a href="/sport">Sport</a> <a href="/culture">Culture</a></nav>
</header>
<ol class="breadcrumbs"><li><a href="/">Home</a></li><li>›</li><li><a href="/news">News</a></li><li>›</li><li><a href="/news/{esc(a['section'].lower())}">{esc(a['section'])}</a></li></ol>
<div class="story">
<h1 class="headline">{esc(a['title'])}</h1>
<div class="meta"><span class="author">{esc(a['author'])}</span> · <span class="updated">Updated {moment.strftime('%H:%M')}, {moment.day} {MONTHS[moment.month - 1][:3]}</span></div>
<ul class="share-buttons"><li><button>Share on Facebook</button></li><li><button>Share on X</button></li><li><button>Share by email</button></li><li><button>Save for later</button></li></ul>
<div class="story-body">
{body_html(a)}
</div>
<div class="newsletter-box"><strong>Get the Post's evening briefing</strong><p>The day's news from Northgate and the region, in your inbox at 6 p.m. Free, and you can unsubscribe at any time.</p><input type="email" placeholder="Email address"><button>Sign me up</button></div>
<div class="related"><h3>More on this story</h3><ul><li><a href="#">Explained: who decides what in Northgate</a></li><li><a href="#">Your questions answered</a></li></ul></div>
</div>
<aside class="trending"><h3>Trending</h3><ul>
{teaser_list(trending)}
</ul></aside>
<div class="ad-slot" data-slot="mpu-2"><p>Advertisement</p><p>Switch to Northgate Energy and save up to $240 a year. Terms apply.</p></div>
<footer><p>© 2026 Northgate Post Ltd. Registered in Westmark No. 448120.</p><p><a href="/contact">Contact us</a> · <a href="/complaints">Complaints</a> · <a href="/cookies">Cookie settings</a></p><p>Powered by Northlight Publishing</p></footer>
</body>
</html>
"""
    return page.encode("utf-8")


@site("valley", "Valley Courier", "html",
      "<time datetime> and a byline in the text, <html lang=\"en-US\">, typographic quotes; table layout, "
      "\"Hot News\" sidebar, advert boxes, cookie notice, \"Powered by\" footer")
def render_valley(a: Article) -> bytes:
    moment = a.published
    charset = a.get("encoding", "utf-8")
    hot = [("Ashvale market hall reopens after repairs", "Nov 17, 2026"),
           ("High school band heads to state finals", "Nov 16, 2026"),
           ("Letters: keep the library open on Sundays", "Nov 18, 2026"),
           ("Obituary: Walter Pryde, 1941–2026", "Nov 15, 2026")]
    paragraphs = "\n".join(
        (f"<h3>{esc(smart_quotes(p[3:]))}</h3>" if p.startswith("## ") else f"<p>{esc(smart_quotes(p))}</p>")
        for p in a.paragraphs)
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html lang="en-US">
<head>
<meta charset="{charset}">
<title>{esc(smart_quotes(a['title']))} :: Valley Courier</title>
<link rel="stylesheet" type="text/css" href="/themes/courier/style.css?v=412">
</head>
<body>
<div id="cookie-notice">This site uses cookies. By continuing to browse you agree to our use of cookies. <a href="/privacy">Find out more</a> <a href="#" class="close">OK</a></div>
<table id="layout" width="100%" cellpadding="0" cellspacing="0">
<tr><td colspan="2" id="banner"><a href="/"><img src="/themes/courier/logo.gif" alt="Valley Courier"></a> <span>Serving Ashvale and the upper valley since 1898</span></td></tr>
<tr><td colspan="2" id="menu"><a href="/">Front Page</a> | <a href="/local">Local</a> | <a href="/region">Region</a> | <a href="/health">Health</a> | <a href="/sports">Sports</a> | <a href="/obituaries">Obituaries</a> | <a href="/classifieds">Classifieds</a> | <a href="/e-edition">e-Edition</a></td></tr>
<tr>
<td id="content" valign="top">
<h1>{esc(smart_quotes(a['title']))}</h1>
<div class="byline">By {esc(a['author'])} | Courier staff</div>
<div class="posted">Posted <time datetime="{moment.isoformat()}">{DAYS[moment.weekday()]}, {MONTHS[moment.month - 1]} {moment.day}, {moment.year} – {twelve_hour(moment)}</time></div>
<div class="entry">
{paragraphs}
</div>
<div class="tools"><a href="#">Print</a> | <a href="#">Email this story</a> | <a href="#">Comments (0)</a></div>
<div class="advert"><small>ADVERTISEMENT</small><br><a href="#">Brennan’s Hardware – storm season sale, sandbags and pumps in stock</a></div>
</td>
<td id="sidebar" valign="top" width="260">
<div class="box"><h4>Hot News</h4><ul>
{teaser_list(hot)}
</ul></div>
<div class="box advert"><small>ADVERTISEMENT</small><p>Ashvale Savings Bank – home loans decided locally.</p></div>
<div class="box"><h4>Subscribe</h4><p>Get the Courier delivered Tuesday to Sunday. Call 555-0142.</p></div>
</td>
</tr>
<tr><td colspan="2" id="footer">© 1998–2026 Valley Courier Publishing Co. All rights reserved. Reproduction without permission prohibited.<br>Powered by PressLine 4.2</td></tr>
</table>
</body>
</html>
"""
    return page.encode(charset)


@site("pinecrest", "Pinecrest Herald", "html",
      "only <title>, a \"Story by\" byline and a text date (no meta tags, no lang attribute); an advert "
      "between paragraphs, \"Hot news\" sidebar, sponsored links, newsletter box, footer")
def render_pinecrest(a: Article) -> bytes:
    moment = a.published
    inline_ad = ('<div class="inline-ad"><span>Advertisement</span> <a href="#">Pinecrest Motors: '
                 '0% finance on all used cars this month</a></div>')
    hot = [("Council tax: what the new bands mean for you", "19/11/2026"),
           ("Pinecrest Athletic sign Danish midfielder", "18/11/2026"),
           ("Roadworks on the ring road until March", "17/11/2026"),
           ("Quiz night raises $8,000 for the hospice", "16/11/2026"),
           ("Gallery: the first frost on Pinecrest Hill", "19/11/2026")]
    page = f"""<!DOCTYPE html>
<html>
<head>
<title>{esc(a['title'])} - Pinecrest Herald</title>
<meta name="viewport" content="width=device-width">
<link rel="icon" href="/favicon.ico">
</head>
<body>
<div class="site-header">
<div class="logo"><a href="/">Pinecrest Herald</a></div>
<ul class="menu"><li><a href="/news">News</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li><li><a href="/whats-on">What's on</a></li><li><a href="/jobs">Jobs</a></li><li><a href="/notices">Notices</a></li></ul>
<form class="search"><input type="search" placeholder="Search the Herald"></form>
</div>
<div class="container">
<div class="main-column">
<div class="section-label">{esc(a['section'])}</div>
<h1>{esc(a['title'])}</h1>
<div class="article-info"><span class="byline">Story by {esc(a['author'])}</span> <span class="pubdate">Published {moment.day} {MONTHS[moment.month - 1]} {moment.year}, {moment.strftime('%H:%M')}</span></div>
<div class="story-body">
{body_html(a, inline_ad=inline_ad, every=3)}
</div>
<div class="sponsored"><h4>Sponsored links</h4><ul><li><a href="#">Five signs your boiler needs replacing</a></li><li><a href="#">Retirees in Westmark are switching to this savings account</a></li></ul></div>
<div class="newsletter"><p>Get the Herald's headlines every morning. Enter your email:</p><input type="email"><button>Subscribe</button></div>
</div>
<div class="side-column">
<h3>Hot news</h3>
<ul class="hot-news">
{teaser_list(hot)}
</ul>
<div class="mpu"><span>Advertisement</span><p>Pinecrest Dental: new patients welcome.</p></div>
</div>
</div>
<div class="site-footer"><p>© 2026 Pinecrest Herald Media Ltd, 4 Market Street, Pinecrest.</p><p>Terms | Privacy | Cookie policy | Contact the newsroom</p><p>Powered by Inkwell</p></div>
</body>
</html>
"""
    return page.encode("utf-8")


@site("ridgeway", "Ridgeway Chronicle", "html",
      "og tags plus JSON-LD NewsArticle with an author list; breadcrumbs, cookie bar, \"Most popular\" list, "
      "wire credit line, footer")
def render_ridgeway(a: Article) -> bytes:
    moment = a.published
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"],
          "datePublished": moment.isoformat(), "author": {"@type": "Person", "name": a["author"]},
          "publisher": {"@type": "Organization", "name": "Ridgeway Chronicle"}}
    wire = "Meridian Wire" in a["author"]
    credit = ('<p class="credit">This story was supplied by Meridian Wire and has not been edited by the '
              'Chronicle.</p>' if wire else '<p class="credit">Contact the newsroom: news@ridgewaychronicle.example</p>')
    popular = [("Ridgeway fire station to get two new engines", "19 November 2026"),
               ("Planning row over Elm Lane flats", "18 November 2026"),
               ("Photos: lantern parade lights up the old town", "16 November 2026")]
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(a['title'])} | Ridgeway Chronicle</title>
<meta property="og:title" content="{attr(a['title'])}">
<meta property="og:site_name" content="Ridgeway Chronicle">
<meta property="og:url" content="{attr(a['url'])}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head>
<body>
<div class="cookie-bar">Cookies help us deliver our services. <a href="/cookies">Learn more</a> <button>Got it</button></div>
<header class="header"><a class="brand" href="/">Ridgeway Chronicle</a>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/business">Business</a> <a href="/community">Community</a> <a href="/sport">Sport</a> <a href="/announcements">Announcements</a> <a href="/e-paper">E-paper</a></nav></header>
<nav class="breadcrumb"><a href="/">Home</a> / <a href="/news">News</a> / <a href="/news/{esc(a['section'].lower())}">{esc(a['section'])}</a></nav>
<article class="post">
<h1 class="post-title">{esc(a['title'])}</h1>
<p class="post-meta">{esc(a['author'])} — {moment.day} {MONTHS[moment.month - 1]} {moment.year}</p>
<div class="post-content">
{body_html(a)}
</div>
{credit}
</article>
<section class="popular"><h2>Most popular</h2><ul>
{teaser_list(popular)}
</ul></section>
<footer class="footer"><p>Ridgeway Chronicle, part of Larchmont Local Media. © 2026 All rights reserved.</p><p>Powered by Larchmont Publishing Platform</p></footer>
</body>
</html>
"""
    return page.encode("utf-8")


@site("bayline", "Bayline News", "html",
      "og:title plus <meta name=\"date\">, <html lang=\"en\">; breaking-news ticker, weather widget, "
      "\"Latest\" list, comments teaser, footer")
def render_bayline(a: Article) -> bytes:
    moment = a.published
    latest = [("Bayline pier lights switched on for winter", "2026-11-19"),
              ("Bus route 14 diverted during sewer works", "2026-11-18"),
              ("Sailing club wins national award", "2026-11-17"),
              ("Police appeal after seafront break-ins", "2026-11-19")]
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(a['title'])} - Bayline News</title>
<meta property="og:title" content="{attr(a['title'])}">
<meta property="og:type" content="article">
<meta name="date" content="{moment.isoformat()}">
<meta name="byl" content="{attr(a['author'])}">
</head>
<body>
<div class="ticker"><strong>Breaking:</strong> <span>Coastal road reopened after overnight landslip</span> <span>Tide warning for the promenade until 9 p.m.</span></div>
<div class="page-head"><a href="/" class="logo">Bayline News</a><div class="weather-widget">Bayline 11°C Showers · Wind 32 km/h</div>
<ul class="nav"><li><a href="/">Home</a></li><li><a href="/local">Local</a></li><li><a href="/money">Money</a></li><li><a href="/sport">Sport</a></li><li><a href="/whats-on">What's On</a></li><li><a href="/contact">Contact</a></li></ul></div>
<div class="content">
<h1>{esc(a['title'])}</h1>
<div class="byline-block">{esc(a['author'])} | {moment.strftime('%Y-%m-%d %H:%M')}</div>
<div class="article-text">
{body_html(a)}
</div>
<div class="comments-teaser">23 comments — <a href="#">Join the conversation</a></div>
<div class="latest"><h3>Latest</h3><ul>
{teaser_list(latest)}
</ul></div>
</div>
<div class="footer">Bayline News · 12 Harbour Parade, Bayline · © 2026 Bayline Media. <a href="/privacy">Privacy</a> <a href="/terms">Terms</a> · Powered by Tidal CMS</div>
</body>
</html>
"""
    return page.encode("utf-8")


@site("tidewater", "Tidewater Times", "txt",
      "a plain-text page dump shaped like seeds/seed-000.txt: breadcrumbs, category and time line with "
      "\"Source:\", the headline glued to the lede, repeated headline, tags, disclaimer, copyright, "
      "\"Powered By\", QR-code prompts")
def render_tidewater(a: Article) -> bytes:
    moment = a.published
    section, _, sub = a["section"].partition("/")
    first = a.paragraphs[0]
    tags = a.get("tags") or a["title"]
    text = f"""Home > News list > {section} >> {sub}

{a['title']}

{sub} {moment.strftime('%Y-%m-%d %H:%M:%S')} Source:{a.get('source', '')}

{a['title']}{first}

{a['title']}

{plain_body(a)}

Tag: {tags}


Statement: Articles on this site are gathered from public sources and reproduced only to pass on information. Copyright in the words and pictures stays with their authors. Nothing here may be used commercially. If a piece infringes your rights, write to us and we will take it down quickly. Thank you for reading.

Tidewater Times

http://www.tidewatertimes.example

Copyright @ 2009~2026 Tidewater Times All Rights Reserved.

Powered By TideCMS

Point your phone's camera at the QR code to read the mobile edition


Scan the QR code to follow our account

Follow us for the day's top stories

TideCMS Technical Support"""
    return text.encode("utf-8")


@site("lumen", "Lumen Brief", "txt",
      "a plain-text page dump shaped like seeds/seed-003.txt: language picker, date line, view count, "
      "\"Brief news summary\", the article in long blocks, video prompt, promotion, \"Hot news\" with "
      "dated truncated teasers, \"All news\", advert")
def render_lumen(a: Article) -> bytes:
    moment = a.published
    month = MONTHS[moment.month - 1][:3] + "."
    stamp = f"{month} {moment.day}, {moment.year}, {twelve_hour(moment, dotted=True)}"
    hot = [("Nov. 20, 2026, 5:02 a.m.", "Retailers Bet on AI Shopping Assistants for the Hol…",
            "Online shops across Europe and North America are switching on chat assistants that compare prices and check stock before the busiest weeks of the year."),
           ("Nov. 19, 2026, 9:40 p.m.", "Open-Source Models Close In on Paid Rivals in Codi…",
            "A new round of public benchmarks suggests freely downloadable models now solve most routine programming tasks that needed paid services a year ago."),
           ("Nov. 19, 2026, 6:12 p.m.", "Data Centre Power Demand Tests Grid Operators",
            "Utilities in three countries have asked regulators for faster approval of new transmission lines as data centre projects queue for connections."),
           ("Nov. 19, 2026, 1:27 p.m.", "Schools Weigh Rules for AI Homework Helpers",
            "Teachers' groups say clear guidance is needed before the spring term as more pupils use chat tools to draft essays.")]
    hot_text = "\n\n".join(f"{when}\n\n{title}\n\n{lede}" for when, title, lede in hot)
    text = f"""lang icon English
{stamp}
{a.get('views', '2218')}

{a['title']}

Brief news summary

{a['summary']}

{plain_body(a)}


Watch video about

{a['title']}

Turn this story into a post for your followers in one click — free for the first month

I'm your AI news assistant.
Want a short video of today's top stories for your channel?

Language

Hot news

{hot_text}

All news

Lumen Studio

Let an AI newsroom write, schedule and publish your company's updates

and grow your audience while you sleep — no agency needed

Start your free trial today"""
    return text.encode("utf-8")


@site("signal", "Signal & Circuit", "jsonl",
      "a gzipped JSON Lines export whose record carries the page as `html` (with its share bar and "
      "related links)")
def render_signal(articles: list[Article]) -> bytes:
    lines = []
    for a in articles:
        page = (f'<div class="post"><h1>{esc(a["title"])}</h1>'
                f'<div class="share">Share: <a href="#">LinkedIn</a> <a href="#">Reddit</a> <a href="#">Hacker News</a></div>\n'
                f'{body_html(a)}\n'
                '<div class="related"><b>Related on Signal &amp; Circuit</b> <a href="#">Our chip coverage</a> '
                '<a href="#">Subscribe to the newsletter</a></div></div>')
        record = {"id": a["id"], "url": a["url"], "title": a["title"], "published": a.published.isoformat(),
                  "author": a["author"], "site": "Signal & Circuit", "html": page}
        lines.append(json.dumps(record, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")


@site("meridian", "Meridian Wire", "jsonl",
      "JSON Lines wire export: `id`, `url`, `title`, `published`, `author`, `text` (paragraphs separated "
      "by blank lines), plus an extra `slug` field kept as an attribute")
def render_meridian(articles: list[Article]) -> bytes:
    lines = []
    for a in articles:
        record = {"id": a["id"], "url": a["url"], "title": a["title"], "published": a.published.isoformat(),
                  "author": a["author"], "site": "Meridian Wire", "language": "en",
                  "slug": a["id"].rsplit(":", 1)[-1], "text": plain_body(a)}
        lines.append(json.dumps(record, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")


@site("copperfield", "The Copperfield Gazette", "rss",
      "RSS 2.0 with full text as HTML in content:encoded (CDATA), a plain description teaser, dc:creator, "
      "RFC 822 pubDate")
def render_copperfield(articles: list[Article]) -> bytes:
    items = []
    for a in articles:
        content = body_html(a)
        items.append(f"""    <item>
      <title>{esc(a['title'])}</title>
      <link>{esc(a['url'])}</link>
      <guid isPermaLink="true">{esc(a['id'])}</guid>
      <pubDate>{rfc822(a.published)}</pubDate>
      <dc:creator>{esc(a['author'])}</dc:creator>
      <category>{esc(a['section'])}</category>
      <description>{esc(a['summary'])}</description>
      <content:encoded><![CDATA[{content}]]></content:encoded>
    </item>""")
    newest = max(a.published for a in articles)
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>The Copperfield Gazette</title>
    <link>https://www.copperfieldgazette.example/</link>
    <atom:link href="https://www.copperfieldgazette.example/feed.xml" rel="self" type="application/rss+xml"/>
    <description>News, sport and health from Copperfield and across Westmark</description>
    <language>en-gb</language>
    <lastBuildDate>{rfc822(newest)}</lastBuildDate>
    <generator>Gazette Publisher 3.1</generator>
{chr(10).join(items)}
  </channel>
</rss>
"""
    return feed.encode("utf-8")


@site("eastbank", "Eastbank Observer", "atom",
      "Atom 1.0 with tag: ids, rel=alternate links, author/name, a summary and the full text as escaped HTML "
      "in <content type=\"html\">")
def render_eastbank(articles: list[Article]) -> bytes:
    entries = []
    for a in articles:
        stamp = a.published.isoformat()
        entries.append(f"""  <entry>
    <title>{esc(a['title'])}</title>
    <id>{esc(a['id'])}</id>
    <link rel="alternate" type="text/html" href="{attr(a['url'])}"/>
    <link rel="replies" type="text/html" href="{attr(a['url'])}#comments"/>
    <published>{stamp}</published>
    <updated>{stamp}</updated>
    <author><name>{esc(a['author'])}</name></author>
    <category term="{attr(a['section'])}"/>
    <summary>{esc(a['summary'])}</summary>
    <content type="html">{esc(body_html(a))}</content>
  </entry>""")
    newest = max(a.published for a in articles).isoformat()
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Eastbank Observer</title>
  <subtitle>Independent news for Eastbank and the river towns</subtitle>
  <id>tag:eastbankobserver.example,2009:feed</id>
  <link rel="self" href="https://eastbankobserver.example/feed.atom"/>
  <link rel="alternate" href="https://eastbankobserver.example/"/>
  <updated>{newest}</updated>
{chr(10).join(entries)}
</feed>
"""
    return feed.encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Building


def gzip_bytes(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as stream:
        stream.write(data)
    return buffer.getvalue()


def build(articles: list[Article]) -> dict[str, bytes]:
    files: dict[str, list[Article]] = {}
    for a in articles:
        files.setdefault(a["file"], []).append(a)
    out: dict[str, bytes] = {}
    for name, members in sorted(files.items()):
        sites = {m["site"] for m in members}
        if len(sites) != 1:
            raise SystemExit(f"{name}: mixes outlets {sorted(sites)}")
        outlet = SITES[members[0]["site"]]
        if outlet["kind"] in ("html", "txt"):
            if len(members) != 1:
                raise SystemExit(f"{name}: a page holds one article")
            data = outlet["render"](members[0])
        else:
            data = outlet["render"](sorted(members, key=lambda m: (m.published, m.key)))
        out[name] = gzip_bytes(data) if name.endswith(".gz") else data
    return out


def document_id(a: Article) -> str:
    if SITES[a["site"]]["kind"] in ("html", "txt"):
        return a["file"][:-3] if a["file"].endswith(".gz") else a["file"]
    return a["id"]


def check_articles(articles: list[Article]) -> list[str]:
    problems = []
    ids = set()
    for a in articles:
        for key in ("story", "site", "file", "title", "author", "published", "url"):
            if not a.get(key):
                problems.append(f"{a.key}: no `{key}`")
        if a.get("site") not in SITES:
            problems.append(f"{a.key}: unknown site {a.get('site')!r}")
            continue
        if not 250 <= a.words <= 600:
            problems.append(f"{a.key}: {a.words} words (want 250-600)")
        text = sum(len(p) for p in a.paragraphs if not p.startswith("## "))
        if text < 300:
            problems.append(f"{a.key}: article text is only {text} characters")
        identifier = document_id(a)
        if identifier in ids:
            problems.append(f"{a.key}: duplicate document id {identifier}")
        ids.add(identifier)
        if a.published.tzinfo is None:
            problems.append(f"{a.key}: `published` has no zone")
    return problems


FORMATS = {"html": "HTML page", "txt": "text page dump", "jsonl": "JSON Lines record", "rss": "RSS 2.0 item",
           "atom": "Atom entry"}


def ground_truth(articles: list[Article]) -> str:
    stories: dict[str, list[Article]] = {}
    for a in articles:
        stories.setdefault(a["story"], []).append(a)
    with open(SRC / "STORIES.md", encoding="utf-8") as handle:
        story_notes = handle.read()
    names = {}
    for line in story_notes.splitlines():
        if line.startswith("- `"):
            slug, _, rest = line[3:].partition("`")
            names[slug] = rest.lstrip(": ").strip()
    lines = ["# The sample inbox: ground truth", "",
             "`pipelines/inbox/` is a made-up day of news (19–20 November 2026) that `pipelines/daily.yaml` reads on a",
             "fresh clone. Every outlet, person, company, town and quote in it is invented for this repository, except",
             "that real companies and agencies (Nvidia, AMD, TSMC, Alibaba, Tencent, Huawei, DeepSeek, the US Commerce",
             "Department, China's Ministry of Commerce) are named the way news names them; the events and every quote",
             "about them are fiction. Nothing is copied from any real article or from ../shared/data.",
             "",
             "This file is generated with the inbox by `python3 pipelines/tools/make_inbox.py` (run it after editing",
             "an article under `pipelines/tools/inbox-src/`; `--check` verifies that the committed files match). The",
             "article texts live there in plain text, one file per outlet and story; the script wraps them in each",
             "outlet's page, feed or record format, saves the Valley Courier flood page as windows-1252 and gzips the",
             "`.gz` files with mtime 0 and no file name, so it rewrites every committed byte identically (a",
             "different zlib version could compress differently; `--check` then compares the gzip contents).",
             "",
             f"{len(articles)} documents from {len({a['site'] for a in articles})} outlets in "
             f"{len(build(articles))} files, {len(stories)} stories. Document ids are what `pipe` gives them: the",
             "path under `inbox/` for pages (without `.gz`), the `guid`/`id` for feed items and the `id` field for",
             "JSON Lines records.",
             "",
             "## Stories and their members", "",
             "A correct clustering puts exactly these documents together, and nothing else.", ""]
    for slug in sorted(stories):
        members = sorted(stories[slug], key=document_id)
        lines.append(f"### `{slug}` — {names.get(slug, '')}")
        lines.append("")
        for a in members:
            lines.append(f"- `{document_id(a)}` — {SITES[a['site']]['name']}: \"{a['title']}\"")
        lines.append("")
    lines += ["## What the inbox is there to test", "", story_notes.split("## Traps", 1)[1].strip(), "",
              "## Every file", "",
              "| File | Document id | Outlet | Story | Format | Words | What it tests |",
              "|---|---|---|---|---|---|---|"]
    for a in sorted(articles, key=lambda a: (a["file"], document_id(a))):
        kind = SITES[a["site"]]["kind"]
        fmt = FORMATS[kind]
        if a["file"].endswith(".gz"):
            fmt += ", gzip"
        if a.get("encoding"):
            fmt += f", {a['encoding']}"
        lines.append(f"| `{a['file']}` | `{document_id(a)}` | {SITES[a['site']]['name']} | `{a['story']}` | {fmt} "
                     f"| {a.words} | {a.get('tests', '').replace('|', '/')} |")
    lines += ["", "## Outlets and their wrapping", "", "| Outlet | Format | Metadata and boilerplate |", "|---|---|---|"]
    used = sorted({a["site"] for a in articles}, key=lambda key: SITES[key]["name"])
    for key in used:
        outlet = SITES[key]
        lines.append(f"| {outlet['name']} | {FORMATS[outlet['kind']]} | {outlet['description']} |")
    return "\n".join(lines) + "\n"


def similarity_report(articles: list[Article]) -> str:
    """How separable the stories are on article text alone (TF-IDF cosine, no boilerplate):
    for each document, its least similar story mate and its most similar outsider."""
    import collections
    import math
    import re
    stop = set("the a an and or of to in on for by with at from as is was were be been that this it its their "
               "his her he she they we said says has have had not but are will would which who about after than "
               "more into over also".split())
    counts = [collections.Counter(t for t in re.findall(r"[a-z0-9]+", " ".join(a.paragraphs).lower())
                                  if t not in stop and len(t) > 2) for a in articles]
    df = collections.Counter(t for c in counts for t in c)
    vectors = []
    for c in counts:
        v = {t: (1 + math.log(n)) * math.log(len(articles) / df[t]) for t, n in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values()))
        vectors.append({t: x / norm for t, x in v.items()})

    def cosine(i: int, j: int) -> float:
        return sum(x * vectors[j].get(t, 0.0) for t, x in vectors[i].items())

    rows = ["document                                 same story (min)  other story (max)"]
    for i, a in enumerate(articles):
        mates = [cosine(i, j) for j, b in enumerate(articles) if j != i and b["story"] == a["story"]]
        best, other = max((cosine(i, j), b.key) for j, b in enumerate(articles) if b["story"] != a["story"])
        rows.append(f"{a.key:40s} {min(mates):.3f}             {best:.3f} {other}")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    parser.add_argument("--similarity", action="store_true",
                        help="print how separable the stories are on article text alone, then exit")
    args = parser.parse_args()
    articles = load_sources()
    if args.similarity:
        print(similarity_report(sorted(articles, key=lambda a: a.key)))
        return 0
    problems = check_articles(articles)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    files = build(articles)
    files_md = ground_truth(articles).encode("utf-8")
    wanted = {INBOX / name: data for name, data in files.items()}
    wanted[GROUND_TRUTH] = files_md
    existing = {path for path in INBOX.rglob("*") if path.is_file()} if INBOX.exists() else set()
    if args.check:
        stale = []
        for path, data in sorted(wanted.items()):
            name = str(path.relative_to(PIPELINES))
            if not path.exists():
                stale.append(name)
            elif path.read_bytes() != data:
                # Another zlib may compress the same bytes differently; the content is what matters.
                if path.suffix == ".gz" and gzip.decompress(path.read_bytes()) == gzip.decompress(data):
                    print(f"note: {name} has the same content but this zlib compresses it differently",
                          file=sys.stderr)
                else:
                    stale.append(name)
        extra = [str(p.relative_to(PIPELINES)) for p in sorted(existing - set(wanted))]
        for name in stale:
            print(f"differs or missing: {name}", file=sys.stderr)
        for name in extra:
            print(f"not generated: {name}", file=sys.stderr)
        return 1 if stale or extra else 0
    for path in sorted(existing - set(wanted)):
        path.unlink()
    for path, data in sorted(wanted.items()):
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    print(f"{len(articles)} documents in {len(files)} files under {INBOX.relative_to(PIPELINES.parent)}; "
          f"{min(a.words for a in articles)}-{max(a.words for a in articles)} words each", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
