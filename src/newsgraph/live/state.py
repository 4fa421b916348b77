"""What the watcher knows, in the store's own SQLite file (so ``serve`` can show it):
its sources and their last fetch, the validators of the documents it lists from, and
every article URL it has seen, as a durable queue.

A URL is recorded as ``pending`` in the same transaction that records the listing's
new validators, and becomes ``done`` only after the store has committed its article.
So a watcher killed at any point finds on restart every URL it had not finished, even
though the feed itself now answers 304; and a URL done twice (killed between the two
commits) is found unchanged in the store the second time, never stored twice.

These tables belong to ``newsgraph.live`` and are created here, idempotently; the
article tables and their migrations (store/migrations.py) are untouched by them.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newsgraph.live.listings import Entry, Listing

TABLES = """
CREATE TABLE IF NOT EXISTS live_sources (
    source TEXT PRIMARY KEY, kind TEXT, added_at TEXT NOT NULL,
    last_fetch TEXT, last_ok TEXT, last_error TEXT, last_new INTEGER NOT NULL DEFAULT 0,
    fetches INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS live_docs (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, fetched_at TEXT
);
CREATE TABLE IF NOT EXISTS live_urls (
    url TEXT PRIMARY KEY, source TEXT NOT NULL, state TEXT NOT NULL,
    title TEXT, published TEXT, outlet TEXT, version TEXT,
    attempts INTEGER NOT NULL DEFAULT 0, article_id TEXT, text_sha TEXT,
    etag TEXT, last_modified TEXT, first_seen TEXT NOT NULL, fetched_at TEXT, error TEXT
);
CREATE INDEX IF NOT EXISTS live_urls_state ON live_urls(state, source);
CREATE INDEX IF NOT EXISTS live_urls_text ON live_urls(text_sha);
"""

OPEN_STATES = ("pending", "retry")


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Pending:
    url: str
    source: str
    title: str | None
    published: str | None
    outlet: str | None
    etag: str | None
    last_modified: str | None
    attempts: int


class LiveState:
    """Reads and writes of the live tables over a writable store's connection."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.conn: sqlite3.Connection = store.conn
        with store.transaction() as c:
            for stmt in TABLES.split(";"):
                if stmt.strip():
                    c.execute(stmt)

    # -- sources ------------------------------------------------------------------
    def add_sources(self, sources: Iterable[str]) -> None:
        with self.store.transaction() as c:
            c.executemany("INSERT OR IGNORE INTO live_sources (source, added_at) VALUES (?, ?)",
                          [(s, now()) for s in sources])

    def sources(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT source FROM live_sources ORDER BY added_at, source")]

    def source_fetched(self, source: str, kind: str | None, error: str | None) -> None:
        t = now()
        self.conn.execute(
            "UPDATE live_sources SET kind=coalesce(?, kind), last_fetch=?, fetches=fetches+1, "
            "last_ok=CASE WHEN ? IS NULL THEN ? ELSE last_ok END, last_error=?, "
            "failures=failures + (? IS NOT NULL) WHERE source=?",
            (kind, t, error, t, error, error, source))

    def source_new(self, counts: dict[str, int]) -> None:
        with self.store.transaction() as c:
            c.executemany("UPDATE live_sources SET last_new=? WHERE source=?", [(n, s) for s, n in counts.items()])

    # -- listings -----------------------------------------------------------------
    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self.conn.execute("SELECT etag, last_modified FROM live_docs WHERE url=?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def record_listing(self, source: str, doc_url: str | None, etag: str | None, last_modified: str | None,
                       listing: Listing) -> int:
        """Queue the listing's new (or changed) URLs and remember the document's validators,
        in one transaction. Returns how many URLs were queued."""
        t = now()
        queued = 0
        with self.store.transaction() as c:
            for e in listing.entries:
                queued += self._queue(c, source, e, t)
            if doc_url:
                c.execute("INSERT INTO live_docs (url, etag, last_modified, fetched_at) VALUES (?,?,?,?) "
                          "ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, "
                          "last_modified=excluded.last_modified, fetched_at=excluded.fetched_at",
                          (doc_url, etag, last_modified, t))
        return queued

    @staticmethod
    def _queue(c: sqlite3.Connection, source: str, e: Entry, t: str) -> int:
        row = c.execute("SELECT state, version FROM live_urls WHERE url=?", (e.url,)).fetchone()
        if row is None:
            c.execute("INSERT INTO live_urls (url, source, state, title, published, outlet, version, first_seen)"
                      " VALUES (?,?,?,?,?,?,?,?)",
                      (e.url, source, "pending", e.title, e.published, e.outlet, e.version, t))
            return 1
        state, version = row
        if state in OPEN_STATES or e.version is None or e.version == version:
            return 0
        # The listing says the page changed: fetch it again (conditionally, if it was stored).
        c.execute("UPDATE live_urls SET state='pending', attempts=0, version=?, title=coalesce(?, title), "
                  "published=coalesce(?, published), outlet=coalesce(?, outlet) WHERE url=?",
                  (e.version, e.title, e.published, e.outlet, e.url))
        return 1

    # -- the queue ----------------------------------------------------------------
    def pending(self, sources: Iterable[str]) -> list[Pending]:
        srcs = list(sources)
        if not srcs:
            return []
        rows = self.conn.execute(
            "SELECT url, source, title, published, outlet, etag, last_modified, attempts FROM live_urls "
            f"WHERE state IN ('pending', 'retry') AND source IN ({','.join('?' * len(srcs))}) "
            "ORDER BY first_seen, rowid", srcs).fetchall()
        return [Pending(*r) for r in rows]

    def duplicate_of(self, text_sha: str, url: str) -> tuple[str, str] | None:
        """Another URL already stored with the same text: (its url, its article id)."""
        row = self.conn.execute("SELECT url, article_id FROM live_urls WHERE text_sha=? AND url<>? "
                                "AND state='done' LIMIT 1", (text_sha, url)).fetchone()
        return (row[0], row[1]) if row else None

    def done(self, url: str, article_id: str | None, text_sha: str | None, etag: str | None,
             last_modified: str | None) -> None:
        self.conn.execute(
            "UPDATE live_urls SET state='done', error=NULL, fetched_at=?, article_id=coalesce(?, article_id), "
            "text_sha=coalesce(?, text_sha), etag=coalesce(?, etag), last_modified=coalesce(?, last_modified) "
            "WHERE url=?", (now(), article_id, text_sha, etag, last_modified, url))

    def duplicate(self, url: str, of_url: str, article_id: str | None) -> None:
        self.conn.execute("UPDATE live_urls SET state='duplicate', fetched_at=?, article_id=?, error=? WHERE url=?",
                          (now(), article_id, f"same text as {of_url}", url))

    def failed(self, url: str, reason: str, transient: bool, max_attempts: int) -> str:
        """Record a failure; a transient one is retried in later passes until ``max_attempts``."""
        row = self.conn.execute("SELECT attempts FROM live_urls WHERE url=?", (url,)).fetchone()
        attempts = (row[0] if row else 0) + 1
        state = "retry" if transient and attempts < max_attempts else "failed"
        self.conn.execute("UPDATE live_urls SET state=?, attempts=?, error=?, fetched_at=? WHERE url=?",
                          (state, attempts, reason, now(), url))
        return state


def status(conn: sqlite3.Connection, recent: int = 20, errors: int = 50) -> dict[str, Any]:
    """What the status page and ``watch --list`` show; works on a read-only connection
    and on a store no watcher has touched (everything empty)."""
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='live_urls'").fetchone()
    if not has:
        return {"sources": [], "totals": {}, "recent": [], "errors": []}
    counts: dict[str, dict[str, int]] = {}
    for src, state, n in conn.execute("SELECT source, state, count(*) FROM live_urls GROUP BY source, state"):
        counts.setdefault(src, {})[state] = n
    sources = []
    for r in conn.execute("SELECT source, kind, added_at, last_fetch, last_ok, last_error, last_new, fetches, "
                          "failures FROM live_sources ORDER BY added_at, source"):
        d = dict(zip(("source", "kind", "added_at", "last_fetch", "last_ok", "last_error", "last_new",
                      "fetches", "failures"), r))
        c = counts.get(d["source"], {})
        d.update(articles=c.get("done", 0), pending=c.get("pending", 0) + c.get("retry", 0),
                 failed=c.get("failed", 0), duplicates=c.get("duplicate", 0))
        sources.append(d)
    totals: dict[str, int] = {}
    for c in counts.values():
        for k, n in c.items():
            totals[k] = totals.get(k, 0) + n
    recent_rows = conn.execute(
        "SELECT u.url, u.article_id, u.fetched_at, u.source, coalesce(a.title, u.title), a.date, a.outlet "
        "FROM live_urls u LEFT JOIN articles a ON a.id = u.article_id WHERE u.state='done' "
        "AND u.article_id IS NOT NULL ORDER BY u.fetched_at DESC, u.rowid DESC LIMIT ?", (recent,)).fetchall()
    error_rows = conn.execute(
        "SELECT url, source, state, attempts, error, fetched_at FROM live_urls WHERE state IN ('failed', 'retry') "
        "ORDER BY fetched_at DESC, rowid DESC LIMIT ?", (errors,)).fetchall()
    return {
        "sources": sources,
        "totals": totals,
        "recent": [dict(zip(("url", "article_id", "fetched_at", "source", "title", "date", "outlet"), r))
                   for r in recent_rows],
        "errors": [dict(zip(("url", "source", "state", "attempts", "error", "fetched_at"), r)) for r in error_rows],
    }
