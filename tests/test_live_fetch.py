"""Fetching and reading listings against real HTTP servers on 127.0.0.1: politeness,
conditional requests, retries, timeouts, size caps, redirects, robots.txt; feeds,
sitemaps and URL lists. No spaCy here (see test_live_watch.py for whole passes)."""
from __future__ import annotations

import socket
import threading
import time

import pytest
from fixtures.newsserver import (
    NewsServer,
    Reply,
    endless,
    gzip_bomb,
    hang,
    rss,
    trickle,
)

from newsgraph.live.config import LiveConfig
from newsgraph.live.fetch import Fetcher, FetchError, retry_after
from newsgraph.live.listings import ListingError, parse_listing, url_list
from newsgraph.live.urls import canonical_url, url_article_id

FAST = LiveConfig(host_interval=0.0, backoff=0.01, read_timeout=1.0, total_timeout=3.0, retries=2,
                  max_bytes=1_000_000, max_redirects=4, workers=4)


@pytest.fixture
def server():
    with NewsServer() as s:
        yield s


# -- URLs -------------------------------------------------------------------------------
def test_canonical_url_drops_what_does_not_name_the_page():
    a = canonical_url("HTTP://Example.COM:80/news/a?utm_source=rss&id=7&fbclid=x#comments")
    assert a == "http://example.com/news/a?id=7"
    assert canonical_url("https://example.com:443") == "https://example.com/"
    assert canonical_url("https://example.com/?b=2&a=1") == canonical_url("https://example.com/?a=1&b=2")
    assert canonical_url("http://example.com:8080/x") == "http://example.com:8080/x"
    assert url_article_id(a) == url_article_id(canonical_url("http://example.com/news/a?id=7&utm_medium=x"))
    for bad in ("ftp://example.com/a", "javascript:alert(1)", "/relative/path", "mailto:x@example.com"):
        with pytest.raises(ValueError):
            canonical_url(bad)


# -- listings ---------------------------------------------------------------------------
BASE = "http://127.0.0.1:9/"


def test_rss_entries_with_dates_outlet_and_relative_links():
    doc = rss([("http://127.0.0.1:9/a?utm_source=feed", "A", "Mon, 06 May 2024 10:00:00 GMT"),
               ("/b", "B", "Tue, 07 May 2024 23:30:00 +0000")], title="The Daily Test")
    listing = parse_listing(doc.encode(), BASE)
    assert listing.kind == "feed"
    assert [(e.url, e.title, e.published, e.outlet) for e in listing.entries] == [
        ("http://127.0.0.1:9/a", "A", "2024-05-06", "The Daily Test"),
        ("http://127.0.0.1:9/b", "B", "2024-05-07", "The Daily Test")]


def test_atom_feed():
    doc = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
    <entry><title>One</title><link href="http://127.0.0.1:9/one"/><updated>2024-02-03T04:05:06Z</updated>
    <id>1</id></entry></feed>"""
    listing = parse_listing(doc, BASE)
    assert listing.kind == "feed"
    assert (listing.entries[0].url, listing.entries[0].published, listing.entries[0].version) == (
        "http://127.0.0.1:9/one", "2024-02-03", "2024-02-03T04:05:06Z")


def test_news_sitemap_gives_publication_and_date():
    doc = b"""<?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
            xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>http://127.0.0.1:9/story</loc><lastmod>2024-03-02T10:00:00Z</lastmod>
        <news:news><news:publication><news:name>Sitemap Times</news:name><news:language>en</news:language>
        </news:publication><news:publication_date>2024-03-01T08:00:00+00:00</news:publication_date>
        <news:title>Story</news:title></news:news></url>
      <url><loc>http://127.0.0.1:9/plain</loc></url>
      <url><loc>ftp://127.0.0.1/nope</loc></url>
    </urlset>"""
    listing = parse_listing(doc, BASE)
    assert listing.kind == "urlset"
    story, plain = listing.entries
    assert (story.outlet, story.published, story.title, story.version) == (
        "Sitemap Times", "2024-03-01", "Story", "2024-03-02T10:00:00Z")
    assert (plain.url, plain.published) == ("http://127.0.0.1:9/plain", None)
    assert listing.skipped == 1


def test_sitemap_index_lists_children():
    doc = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>http://127.0.0.1:9/s1.xml</loc></sitemap><sitemap><loc>/s2.xml</loc></sitemap></sitemapindex>"""
    listing = parse_listing(doc, BASE)
    assert listing.kind == "sitemapindex"
    assert listing.children == ["http://127.0.0.1:9/s1.xml", "http://127.0.0.1:9/s2.xml"]


def test_url_list_and_what_is_not_a_listing():
    listing = url_list("# my list\nhttp://127.0.0.1:9/a\n\nhttps://127.0.0.1:9/b#x\nnot a url\n")
    assert [e.url for e in listing.entries] == ["http://127.0.0.1:9/a", "https://127.0.0.1:9/b"]
    assert listing.skipped == 1
    for doc, why in [(b"<html><body>hello</body></html>", "HTML page"),
                     (b"<?xml version='1.0'?><urlset><url><loc>x</loc></url>", "malformed sitemap"),
                     (b"<?xml version='1.0'?><catalog/>", "not an RSS/Atom feed"),
                     (b"just some words\nand more", "not a feed, a sitemap or a list of URLs"),
                     (b"   ", "empty")]:
        with pytest.raises(ListingError, match=why):
            parse_listing(doc, BASE)


def test_malformed_feed_is_an_error_not_an_empty_feed():
    with pytest.raises(ListingError, match="malformed feed"):
        parse_listing(b"<rss version='2.0'><channel><title>x</title><<<>>&&</channel></rss>", BASE)
    # Truncated after an entry: the entries before the fault are kept, and the fault is said.
    part = parse_listing(b"<rss version='2.0'><channel><title>x</title><item><link>http://127.0.0.1:9/a"
                         b"</link></item><item><link>http://127.0.0.1:9/b", BASE)
    assert part.entries[0].url == "http://127.0.0.1:9/a"
    assert "malformed feed" in part.problem


# -- fetching ---------------------------------------------------------------------------
def test_conditional_request_gets_304(server):
    server.routes["/feed.xml"] = rss([("http://127.0.0.1:9/a", "A", "Mon, 06 May 2024 10:00:00 GMT")])
    with Fetcher(FAST) as f:
        first = f.get(server.url("/feed.xml"))
        assert first.status == 200 and first.etag
        again = f.get(server.url("/feed.xml"), etag=first.etag)
    assert again.not_modified and again.content == b""
    assert server.hits("/feed.xml")[-1].headers["if-none-match"] == first.etag


def test_user_agent_is_sent(server):
    server.routes["/a"] = "<p>x</p>"
    with Fetcher(FAST) as f:
        f.get(server.url("/a"))
    assert server.hits("/a")[0].headers["user-agent"].startswith("newsgraph/")


def test_429_is_retried_after_the_time_asked(server):
    calls = []

    def flaky(req):
        calls.append(req.at)
        return Reply(429, b"slow down", {"Retry-After": "0"}) if len(calls) == 1 else Reply(200, b"<p>ok</p>")

    server.routes["/a"] = flaky
    with Fetcher(FAST) as f:
        assert f.get(server.url("/a")).content == b"<p>ok</p>"
    assert len(calls) == 2


def test_5xx_retried_then_a_transient_error(server):
    server.routes["/a"] = Reply(503, b"down")
    with Fetcher(FAST) as f, pytest.raises(FetchError, match="HTTP 503 after 3 tries") as exc:
        f.get(server.url("/a"))
    assert exc.value.transient
    assert len(server.hits("/a")) == 1 + FAST.retries


def test_long_retry_after_is_not_waited_for(server):
    server.routes["/a"] = Reply(429, b"", {"Retry-After": "86400"})
    with Fetcher(FAST) as f, pytest.raises(FetchError, match="retry after 86400 s") as exc:
        f.get(server.url("/a"))
    assert exc.value.transient and len(server.hits("/a")) == 1


def test_retry_after_as_a_date():
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert retry_after("120") == 120.0
    assert retry_after("soon") is None


def test_404_is_permanent_and_not_retried(server):
    with Fetcher(FAST) as f, pytest.raises(FetchError, match="HTTP 404") as exc:
        f.get(server.url("/missing"))
    assert not exc.value.transient and len(server.hits("/missing")) == 1


def test_redirects_followed_and_bounded(server):
    server.routes["/old"] = Reply(301, b"", {"Location": "/new"})
    server.routes["/new"] = "<p>moved here</p>"
    server.routes["/loop1"] = Reply(302, b"", {"Location": "/loop2"})
    server.routes["/loop2"] = Reply(302, b"", {"Location": "/loop1"})
    for i in range(10):
        server.routes[f"/hop{i}"] = Reply(302, b"", {"Location": f"/hop{i + 1}"})
    with Fetcher(FAST) as f:
        got = f.get(server.url("/old"))
        assert (got.url, got.content) == (server.url("/new"), b"<p>moved here</p>")
        with pytest.raises(FetchError, match="redirect loop"):
            f.get(server.url("/loop1"))
        with pytest.raises(FetchError, match="more than 4 redirects"):
            f.get(server.url("/hop0"))
    assert len(server.hits("/loop1")) == 1 and len(server.hits("/hop9")) == 0


def test_hanging_and_trickling_responses_time_out(server):
    server.routes["/hang"] = hang(5)
    server.routes["/trickle"] = trickle(0.2, 100)  # 20 s in all, never 1 s silent
    with Fetcher(FAST) as f:
        with pytest.raises(FetchError, match="timed out") as exc:
            f.get(server.url("/hang"))
        assert exc.value.transient
        with pytest.raises(FetchError, match="took over 3 s"):
            f.get(server.url("/trickle"))


def test_huge_responses_are_cut_off(server):
    server.routes["/endless"] = endless()
    server.routes["/declared"] = Reply(200, b"x" * 2_000_000, {"Content-Type": "text/html"})
    server.routes["/bomb"] = gzip_bomb(50_000_000)
    with Fetcher(FAST) as f:
        for path in ("/endless", "/declared", "/bomb"):
            with pytest.raises(FetchError, match="over the limit of 1,000,000") as exc:
                f.get(server.url(path))
            assert not exc.value.transient


def test_robots_txt_is_obeyed(server):
    server.routes["/robots.txt"] = "User-agent: newsgraph\nDisallow: /private/\nCrawl-delay: 0\n"
    server.routes["/private/a"] = "<p>secret</p>"
    server.routes["/public/a"] = "<p>open</p>"
    with Fetcher(FAST) as f:
        with pytest.raises(FetchError, match="robots.txt disallows"):
            f.get(server.url("/private/a"))
        assert f.get(server.url("/public/a")).content == b"<p>open</p>"
        f.get(server.url("/public/a"))
    assert server.hits("/private/a") == []
    assert len(server.hits("/robots.txt")) == 1  # cached


def test_unreachable_robots_txt_means_no_fetching(server):
    server.routes["/robots.txt"] = Reply(500, b"oops")
    server.routes["/a"] = "<p>x</p>"
    with Fetcher(FAST) as f, pytest.raises(FetchError, match="robots.txt .* could not be read") as exc:
        f.get(server.url("/a"))
    assert exc.value.transient and server.hits("/a") == []


def test_dead_host_is_a_transient_error():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    with Fetcher(FAST) as f, pytest.raises(FetchError, match="connection failed") as exc:
        f.get(f"http://127.0.0.1:{port}/feed.xml")
    assert exc.value.transient


def test_per_host_rate_and_concurrency_hold_at_the_server(server):
    """Measured where it matters, at the server: requests to one host start at least the
    interval apart and never more than the cap at once, however many threads ask."""
    interval, cap = 0.15, 2
    inflight = [0]
    peak = [0]
    lock = threading.Lock()

    def slow(req):
        with lock:
            inflight[0] += 1
            peak[0] = max(peak[0], inflight[0])
        time.sleep(0.3)
        with lock:
            inflight[0] -= 1
        return Reply(200, b"<p>ok</p>")

    for i in range(8):
        server.routes[f"/p{i}"] = slow
    cfg = LiveConfig(host_interval=interval, host_concurrency=cap, workers=8, backoff=0.01)
    with Fetcher(cfg) as f:
        threads = [threading.Thread(target=f.get, args=(server.url(f"/p{i}"),)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    starts = sorted(r.at for r in server.log if r.path.startswith("/p"))
    assert len(starts) == 8
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert min(gaps) >= interval * 0.9, gaps  # a lower bound: a slow machine only widens gaps
    assert peak[0] <= cap
