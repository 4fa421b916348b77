"""What a source lists: the article URLs of an RSS/Atom feed, a sitemap (news sitemaps
included) or a list of URLs, with the published date, title and outlet it gives.

A source's kind is read from its content, not its name: ``feed.xml`` may be a sitemap
and ``/news`` an Atom feed."""
from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from newsgraph.dates import normalise_date
from newsgraph.live.urls import canonical_url


class ListingError(Exception):
    """A source's document is not a feed, a sitemap or a list of URLs, or is broken."""


@dataclass
class Entry:
    url: str  # canonical
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    outlet: str | None = None
    # What changes when the page changes (a feed's updated time, a sitemap's lastmod):
    # a URL seen before is fetched again only when this differs.
    version: str | None = None


@dataclass
class Listing:
    kind: str  # "feed", "sitemap", "sitemapindex", "urls"
    entries: list[Entry] = field(default_factory=list)
    children: list[str] = field(default_factory=list)  # sitemaps a sitemap index points at
    outlet: str | None = None
    skipped: int = 0  # listed addresses that are not http(s) URLs
    problem: str | None = None  # a document read only in part (a truncated feed)


_ROOT = re.compile(rb"<\s*(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]")


def _root_name(content: bytes) -> str | None:
    """The local name of the document element, skipping the prolog, comments and doctype."""
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", content[:65536], flags=re.DOTALL)
    m = _ROOT.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def parse_listing(content: bytes, base_url: str, content_type: str = "") -> Listing:
    """Entries of a fetched (or local) source document. Raises ListingError."""
    stripped = content.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise ListingError("empty document")
    if stripped[:1] == b"<":
        root = _root_name(stripped)
        if root in ("urlset", "sitemapindex"):
            return _sitemap(stripped, base_url)
        if root in ("rss", "feed", "rdf"):
            return _feed(stripped, base_url)
        if root == "html":
            raise ListingError("an HTML page, not a feed, a sitemap or a list of URLs")
        raise ListingError(f"XML document <{root}> is not an RSS/Atom feed or a sitemap")
    if "html" in content_type.lower():
        raise ListingError("an HTML page, not a feed, a sitemap or a list of URLs")
    return url_list(stripped.decode("utf-8", "replace"))


def url_list(text: str) -> Listing:
    """One absolute URL per line; blank lines and ``#`` comments ignored. A document with
    no URL at all is an error, so prose or a binary file is not read as an empty list."""
    out = Listing(kind="urls")
    bad = 0
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            out.entries.append(Entry(url=canonical_url(line)))
        except ValueError:
            bad += 1
    if bad and not out.entries:
        raise ListingError(f"not a feed, a sitemap or a list of URLs ({bad} lines that are not http(s) URLs)")
    out.skipped = bad
    return out


def read_url_file(path: str) -> Listing:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ListingError(f"cannot read the file: {exc.strerror or exc}") from None
    if b"\x00" in data[:8192]:
        raise ListingError("binary data, not a list of URLs")
    if data.lstrip()[:1] == b"<":  # a feed or sitemap saved to disk
        return parse_listing(data, Path(path).resolve().as_uri())
    return url_list(data.decode("utf-8", "replace"))


def _feed(content: bytes, base_url: str) -> Listing:
    import feedparser

    parsed = feedparser.parse(content, response_headers={"content-location": base_url})
    exc = parsed.get("bozo_exception")
    # feedparser flags a mislabelled encoding or content type too; only broken XML is a fault.
    broken = parsed.bozo and not isinstance(exc, (feedparser.CharacterEncodingOverride,
                                                  feedparser.NonXMLContentType))
    if broken and not parsed.entries:
        raise ListingError(f"malformed feed ({exc.__class__.__name__}: {exc})" if exc else "malformed feed")
    outlet = (parsed.feed.get("title") or "").strip() or None
    out = Listing(kind="feed", outlet=outlet)
    if broken:
        out.problem = (f"malformed feed ({exc.__class__.__name__}: {exc}); "
                       f"the {len(parsed.entries)} entries before the fault were read")
    for e in parsed.entries:
        keys = set(e.keys())  # e.get("updated") on an entry without one warns and falls back
        link = e.get("link") or next((x.get("href") for x in e.get("links", []) if x.get("href")), None)
        if not link:
            out.skipped += 1
            continue
        try:
            url = canonical_url(urljoin(base_url, link))
        except ValueError:
            out.skipped += 1
            continue
        stamp = e.get("published_parsed") or (e["updated_parsed"] if "updated_parsed" in keys else None)
        out.entries.append(Entry(
            url=url, title=(e.get("title") or "").strip() or None, outlet=outlet,
            published=time.strftime("%Y-%m-%d", stamp) if stamp else None,
            version=e["updated"] if "updated" in keys else e.get("published"),
        ))
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _child_text(el: ET.Element, name: str) -> str | None:
    for c in el:
        if _local(c.tag) == name:
            return (c.text or "").strip() or None
    return None


def _sitemap(content: bytes, base_url: str) -> Listing:
    try:
        # expat >= 2.4 refuses entity-expansion bombs; DTDs and external entities are not loaded.
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        raise ListingError(f"malformed sitemap XML ({exc})") from None
    kind = _local(root.tag)
    out = Listing(kind=kind)
    for item in root:
        name = _local(item.tag)
        loc = _child_text(item, "loc")
        if name not in ("url", "sitemap") or not loc:
            continue
        try:
            url = canonical_url(urljoin(base_url, loc))
        except ValueError:
            out.skipped += 1
            continue
        if kind == "sitemapindex":
            out.children.append(url)
            continue
        entry = Entry(url=url, version=_child_text(item, "lastmod"))
        # Google News sitemaps: <news:news><news:publication><news:name>, publication_date, title.
        for news in (c for c in item if _local(c.tag) == "news"):
            entry.title = _child_text(news, "title")
            entry.published = normalise_date((_child_text(news, "publication_date") or "")[:10] or None)
            for pub in (c for c in news if _local(c.tag) == "publication"):
                entry.outlet = _child_text(pub, "name")
        out.entries.append(entry)
    return out
