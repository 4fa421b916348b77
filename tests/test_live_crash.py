"""``newsgraph watch --every`` as a real process against a site on 127.0.0.1 whose feed
gains articles over time, SIGKILLed at random moments and restarted: every article ends
up stored exactly once, none lost, the store intact, and the UI's API serves the growing
store while the watcher writes it."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.counters import count
from fixtures.newsserver import NewsServer, article_html, rss

ROOT = Path(__file__).resolve().parent.parent
DATE = "Mon, 06 May 2024 10:00:00 GMT"

pytestmark = pytest.mark.slow


def _articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
            return c.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _start(feed: str, db: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NEWSGRAPH_HOST_INTERVAL": "0.05", "NEWSGRAPH_WATCH_BATCH": "2",
           "NEWSGRAPH_FETCH_BACKOFF": "0.05"}
    env.pop("NEWSGRAPH_DB", None)
    return subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "watch", feed, "--every", "1s", "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=log.open("ab"), env=env, cwd=ROOT)


def test_watch_survives_sigkill_and_stores_each_article_once(tmp_path):
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    rng = random.Random(17)
    texts = []
    for f in sorted((ROOT / "data" / "sample").glob("*.txt"))[:20]:
        lines = f.read_text(encoding="utf-8").split("\n")
        texts.append((lines[1], [x for x in lines[3:] if x.strip()]))
    db, log = tmp_path / "live.db", tmp_path / "watch.log"
    published: list[str] = []
    kills = 0
    seen_by_ui: list[int] = []
    with NewsServer() as site:
        feed = site.url("/feed.xml")

        def publish(n: int) -> None:
            for _ in range(min(n, len(texts) - len(published))):
                i = len(published)
                site.routes[f"/story/{i}"] = article_html(*texts[i], site="Kill Gazette")
                published.append(site.url(f"/story/{i}"))
            site.routes["/feed.xml"] = rss([(u, f"story {k}", DATE) for k, u in enumerate(published)])

        publish(4)
        client = None
        while len(published) < len(texts):
            proc = _start(feed, db, log)
            try:
                # Let it get somewhere (or nowhere: a kill during start-up counts too), then kill it.
                time.sleep(rng.uniform(1.0, 7.0))
                if client is None and db.exists() and _articles(db):
                    client = TestClient(create_app(str(db)))
                if client is not None:  # the UI reads while the watcher writes
                    live = client.get("/api/live")
                    assert live.status_code == 200
                    assert client.get("/api/search").status_code == 200
                    seen_by_ui.append(sum(s["articles"] for s in live.json()["sources"]))
            finally:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
            kills += 1
            publish(3)
        # A last watcher runs until everything published is stored (a generous deadline).
        proc = _start(feed, db, log)
        try:
            deadline = time.monotonic() + 300
            while _articles(db) < len(published) and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.5)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        count("live: watcher SIGKILL/restart cycles", kills)

    assert kills >= 4
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        urls = [r[0] for r in c.execute("SELECT url FROM articles")]
        states = dict(c.execute("SELECT url, state FROM live_urls").fetchall())
    assert sorted(urls) == sorted(published), log.read_text()[-3000:]  # each once, none lost
    assert all(states[u] == "done" for u in published)
    assert seen_by_ui == sorted(seen_by_ui)  # the UI saw the store grow, never shrink
