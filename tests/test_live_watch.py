"""Whole ``newsgraph watch`` passes against a real news site on 127.0.0.1 whose feed
changes between passes: articles stored once each through the real pipeline, faults
reported per page and per source while the rest goes on, the CLI and the status page."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from fixtures.newsserver import NewsServer, Reply, article_html, endless, hang, rss

from newsgraph.live.config import LiveConfig
from newsgraph.live.watch import parse_every, run_pass, watch_status

ROOT = Path(__file__).resolve().parent.parent
CFG = LiveConfig(host_interval=0.0, backoff=0.01, read_timeout=1.0, total_timeout=3.0, retries=1,
                 max_bytes=1_000_000, workers=4, max_attempts=2)
DATE = "Mon, 06 May 2024 10:00:00 GMT"


def samples(n: int) -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of the bundled Wikinews sample articles."""
    out = []
    for f in sorted((ROOT / "data" / "sample").glob("*.txt"))[:n]:
        lines = f.read_text(encoding="utf-8").split("\n")
        out.append((lines[1], [x for x in lines[3:] if x.strip()]))
    return out


@pytest.fixture
def site():
    with NewsServer() as s:
        for i, (title, paras) in enumerate(samples(5)):
            s.routes[f"/news/{i}"] = article_html(title, paras, site="Gazette")
        yield s


def stored(db: Path) -> list[tuple[str, str, str, str]]:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT id, url, outlet, date FROM articles ORDER BY url").fetchall()


def test_passes_store_each_article_once_as_the_feed_grows(site, tmp_path):
    db = tmp_path / "live.db"
    feed = site.url("/feed.xml")
    items = [(site.url(f"/news/{i}"), f"t{i}", DATE) for i in range(2)]
    site.routes["/feed.xml"] = rss(items)
    r1 = run_pass([feed], str(db), CFG)
    assert (r1.queued, r1.stored, r1.failed) == (2, 2, 0)

    # Same feed again: 304, nothing fetched but the feed.
    n = len(site.log)
    r2 = run_pass([feed], str(db), CFG)
    assert (r2.queued, r2.stored) == (0, 0)
    assert [r.path for r in site.log[n:] if r.path != "/robots.txt"] == ["/feed.xml"]

    # The feed gains two articles, one through a tracking link to a page already stored.
    items += [(site.url("/news/2"), "t2", DATE), (site.url("/news/0?utm_source=rss"), "t0 again", DATE)]
    site.routes["/feed.xml"] = rss(items)
    r3 = run_pass([], str(db), CFG)  # no sources given: every source watched before
    assert (r3.queued, r3.stored) == (1, 1)
    rows = stored(db)
    assert [u for _, u, _, _ in rows] == [site.url(f"/news/{i}") for i in range(3)]
    assert all(outlet == "Gazette" and date == "2024-05-06" for _, _, outlet, date in rows)
    assert len({i for i, _, _, _ in rows}) == 3


def test_same_text_at_another_url_is_stored_once(site, tmp_path):
    db = tmp_path / "live.db"
    site.routes["/copy/0"] = site.routes["/news/0"]
    site.routes["/urls.txt"] = f"{site.url('/news/0')}\n{site.url('/copy/0')}\n"
    r = run_pass([site.url("/urls.txt")], str(db), CFG)
    assert (r.stored, r.duplicates) == (1, 1)
    assert len(stored(db)) == 1
    st = watch_status(str(db))
    assert st["sources"][0]["kind"] == "urls" and st["sources"][0]["duplicates"] == 1


def test_a_changed_page_replaces_its_article(site, tmp_path):
    db = tmp_path / "live.db"
    (title, paras), (_, other) = samples(2)
    site.routes["/feed.xml"] = rss([(site.url("/story"), "s", DATE)])
    site.routes["/story"] = article_html(title, paras)
    run_pass([site.url("/feed.xml")], str(db), CFG)
    # The page is rewritten and the feed says so with a new date.
    site.routes["/story"] = article_html(title, other)
    site.routes["/feed.xml"] = rss([(site.url("/story"), "s", "Tue, 07 May 2024 10:00:00 GMT")])
    r = run_pass([site.url("/feed.xml")], str(db), CFG)
    assert r.stored == 1
    rows = stored(db)
    assert len(rows) == 1
    with sqlite3.connect(db) as c:
        assert other[0][:40] in c.execute("SELECT text FROM articles").fetchone()[0]


def test_faults_are_reported_and_the_rest_goes_on(site, tmp_path):
    db = tmp_path / "live.db"
    site.routes.update({
        "/gone": Reply(404, b"gone"),
        "/broken": Reply(500, b"oops"),
        "/menu": "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "/pdf": Reply(200, b"%PDF-1.4 binary", {"Content-Type": "application/pdf"}),
        "/hang": hang(5),
        "/huge": endless(),
        "/loop": Reply(302, b"", {"Location": "/loop"}),
        "/bad-feed.xml": "<rss version='2.0'><channel><<<>></channel></rss>",
        "/page-not-feed": article_html("A page", ["Not a feed at all, but an article."]),
    })
    good = [(site.url(f"/news/{i}"), f"t{i}", DATE) for i in range(2)]
    bad = [(site.url(p), p, DATE) for p in ("/gone", "/broken", "/menu", "/pdf", "/hang", "/huge", "/loop")]
    site.routes["/feed.xml"] = rss(bad[:4] + good[:1] + bad[4:] + good[1:])
    sources = [site.url("/feed.xml"), site.url("/bad-feed.xml"), site.url("/page-not-feed"),
               site.url("/no-such-feed.xml"), str(tmp_path / "missing-list.txt")]
    logged: list[tuple[str, str]] = []
    r = run_pass(sources, str(db), CFG, log=lambda level, msg: logged.append((level, msg)))
    assert r.stored == 2 and r.failed == len(bad) and r.source_errors == 4
    st = watch_status(str(db))
    by_source = {s["source"]: s for s in st["sources"]}
    assert "malformed feed" in by_source[site.url("/bad-feed.xml")]["last_error"]
    assert "HTML page" in by_source[site.url("/page-not-feed")]["last_error"]
    assert "HTTP 404" in by_source[site.url("/no-such-feed.xml")]["last_error"]
    assert "cannot read the file" in by_source[str(tmp_path / "missing-list.txt")]["last_error"]
    assert by_source[site.url("/feed.xml")]["last_error"] is None
    errors = {e["url"].rsplit("/", 1)[1]: e for e in st["errors"]}
    assert "HTTP 404" in errors["gone"]["error"] and errors["gone"]["state"] == "failed"
    assert "HTTP 500" in errors["broken"]["error"] and errors["broken"]["state"] == "retry"
    assert "no article text" in errors["menu"]["error"]
    assert "not an HTML page" in errors["pdf"]["error"]
    assert "timed out" in errors["hang"]["error"] and errors["hang"]["state"] == "retry"
    assert "over the limit" in errors["huge"]["error"]
    assert "redirect loop" in errors["loop"]["error"]
    # Every error is in the log too, one line each.
    assert sum(level == "error" for level, _ in logged) == len(bad) + 4

    # The next pass retries the transient ones (once more: max_attempts 2), then gives up.
    site.routes["/broken"] = article_html(*samples(3)[2])
    r2 = run_pass([site.url("/feed.xml")], str(db), CFG)
    assert r2.stored == 1 and r2.failed == 1  # /broken now works; /hang hangs again
    st = watch_status(str(db))
    assert {e["url"].rsplit("/", 1)[1]: e["state"] for e in st["errors"]}["hang"] == "failed"
    assert run_pass([site.url("/feed.xml")], str(db), CFG).failed == 0


def test_queued_urls_survive_a_pass_that_could_not_fetch_them(site, tmp_path):
    """The durable queue: URLs listed in a pass that ended before fetching them are fetched
    by the next, even though the feed itself then answers 304."""
    db = tmp_path / "live.db"
    site.routes["/feed.xml"] = rss([(site.url(f"/news/{i}"), f"t{i}", DATE) for i in range(3)])
    pages = {p: site.routes.pop(p) for p in ("/news/0", "/news/1", "/news/2")}
    site.routes["/robots.txt"] = Reply(503, b"")  # the host cannot be fetched from: robots unknown
    site.routes["/feed.xml"] = site.routes["/feed.xml"]
    # The feed is on the same host, so it fails too; serve the feed from a second server.
    with NewsServer() as feeds:
        feeds.routes["/feed.xml"] = site.routes["/feed.xml"]
        r1 = run_pass([feeds.url("/feed.xml")], str(db), CFG)
        assert (r1.queued, r1.stored) == (3, 0)
        site.routes.update(pages)
        site.routes["/robots.txt"] = Reply(404, b"")
        r2 = run_pass([feeds.url("/feed.xml")], str(db), LiveConfig(**{**CFG.__dict__, "robots_ttl": 0.0}))
        assert (r2.queued, r2.stored) == (0, 3)
        assert feeds.hits("/feed.xml")[-1].headers.get("if-none-match")


def test_news_sitemap_index(site, tmp_path):
    db = tmp_path / "live.db"
    site.routes["/sitemap.xml"] = (
        "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<sitemap><loc>{site.url('/news-sitemap.xml')}</loc></sitemap></sitemapindex>")
    site.routes["/news-sitemap.xml"] = (
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
        "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>"
        f"<url><loc>{site.url('/news/3')}</loc><news:news><news:publication><news:name>Sitemap Post</news:name>"
        "</news:publication><news:publication_date>2023-09-08</news:publication_date></news:news></url></urlset>")
    site.routes["/news/3"] = article_html(*samples(4)[3], site="")  # the page names no outlet
    r = run_pass([site.url("/sitemap.xml")], str(db), CFG)
    assert r.stored == 1
    (_, _, outlet, date), = stored(db)
    assert (outlet, date) == ("Sitemap Post", "2023-09-08")


def test_parse_every():
    assert [parse_every(x) for x in ("15m", "90s", "1h", "2h30m", "45")] == [900, 90, 3600, 9000, 45]
    for bad in ("soon", "15 minutes", "m", ""):
        with pytest.raises(ValueError):
            parse_every(bad)


# -- CLI and UI -------------------------------------------------------------------------
def test_cli_watch_once_and_list(site, tmp_path, run):
    db = str(tmp_path / "cli.db")
    site.routes["/feed.xml"] = rss([(site.url("/news/0"), "t0", DATE), (site.url("/gone"), "gone", DATE)])
    env = {"NEWSGRAPH_HOST_INTERVAL": "0", "NEWSGRAPH_FETCH_BACKOFF": "0.01"}
    res = run(["watch", site.url("/feed.xml"), "--once", "--db", db], env=env)
    assert res.returncode == 1  # one page failed
    assert "1 stored" in res.stderr and "HTTP 404" in res.stderr
    res = run(["watch", "--list", "--db", db, "--json"], env=env)
    st = json.loads(res.stdout)
    assert st["sources"][0]["articles"] == 1 and st["errors"][0]["error"] == "HTTP 404"
    res = run(["watch", "--list", "--db", db], env=env)
    assert res.returncode == 0 and "watched sources" in res.stdout and "HTTP 404" in res.stdout
    res = run(["watch", site.url("/feed.xml"), "--every", "soon", "--db", db], env=env)
    assert res.returncode == 2 and "not an interval" in res.stderr


def test_status_page_and_its_json_twin_escape_everything(site, tmp_path):
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    db = tmp_path / "ui.db"
    evil = "/feed.xml?x=<script>alert(1)</script>"
    site.routes["/feed.xml"] = rss([(site.url("/news/1"), "t1", DATE), (site.url("/<b>gone</b>"), "g", DATE)])
    run_pass([site.url(evil), str(tmp_path / "<i>list</i>.txt")], str(db), CFG)
    client = TestClient(create_app(str(db)))
    data = client.get("/api/live").json()
    assert sorted(x["articles"] for x in data["sources"]) == [0, 1]
    assert len(data["recent"]) == 1 and len(data["errors"]) == 1
    page = client.get("/live")
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "<b>gone" not in page.text and "<i>list" not in page.text
    assert "&lt;i&gt;list&lt;/i&gt;.txt" in page.text and "&lt;b&gt;gone" in page.text
    assert "&lt;script&gt;" in page.text or "%3Cscript%3E" in page.text
    assert f'href="/article/{data["recent"][0]["article_id"]}"' in page.text
    assert 'href="/api/live"' in page.text


def test_status_page_of_a_store_never_watched(tmp_path, run, sample_dir):
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    db = tmp_path / "plain.db"
    files = sorted(sample_dir.glob("*.txt"))[:1]
    assert run(["ingest", str(files[0]), "--db", str(db), "-q"]).returncode == 0
    client = TestClient(create_app(str(db)))
    assert client.get("/api/live").json() == {"sources": [], "totals": {}, "recent": [], "errors": []}
    assert "No source is watched" in client.get("/live").text
