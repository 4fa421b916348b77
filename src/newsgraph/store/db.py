"""The SQLite store: one file, WAL, FTS5; all writes through ``Store.write``.

Every batch of articles is one ``BEGIN IMMEDIATE`` transaction, so a crash (even
SIGKILL) midway leaves the file as it was before the batch: SQLite rolls the
unfinished transaction back on the next open. Readers never block the writer (WAL).
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsgraph.errors import StoreBusy, StoreError
from newsgraph.model.tables import with_text
from newsgraph.store.migrations import MIGRATIONS, SCHEMA_VERSION, split_sql
from newsgraph.store.story_tables import forget_article
from newsgraph.store.write import insert_article

BUSY_TIMEOUT_MS = 30_000


def _j(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


class Store:
    def __init__(self, path: str | Path, readonly: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
                 on_wait: Callable[[str], None] | None = None) -> None:
        self.path = str(path)
        self.readonly = readonly
        self.busy_timeout_ms = int(busy_timeout_ms)
        # Told once per wait when another process holds the write lock.
        self.on_wait = on_wait
        if readonly:
            if not Path(self.path).exists():
                raise StoreError(f"{self.path}: no such store (run `newsgraph ingest` first)")
            uri = f"file:{Path(self.path).resolve()}?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None,
                                        timeout=busy_timeout_ms / 1000)
        self.conn.row_factory = sqlite3.Row
        t0 = time.monotonic()
        while True:
            try:
                self._open(readonly)
                break
            except sqlite3.OperationalError as exc:
                # Two processes opening a new store at once: switching it to WAL needs a
                # lock SQLite refuses at once rather than waiting (its deadlock rule), so
                # the busy timeout never applies; the setup is idempotent, so try again.
                busy = "locked" in str(exc) or "busy" in str(exc)
                if busy and time.monotonic() - t0 < self.busy_timeout_ms / 1000:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    time.sleep(0.05)
                    continue
                self.conn.close()
                raise StoreError(f"{self.path}: {self._explain(exc, busy_timeout_ms)}") from None
            except sqlite3.DatabaseError as exc:
                self.conn.close()
                raise StoreError(f"{self.path}: {self._explain(exc, busy_timeout_ms)}") from None

    def _open(self, readonly: bool) -> None:
        self.conn.execute(f"PRAGMA busy_timeout={self.busy_timeout_ms}")
        self.conn.execute("PRAGMA foreign_keys=ON")
        if not readonly:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        else:
            self._check_version()

    # -- lifecycle ------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _explain(exc: sqlite3.Error, timeout_ms: int = BUSY_TIMEOUT_MS) -> str:
        msg = str(exc)
        if "locked" in msg or "busy" in msg:
            return ("the store is busy: another newsgraph process is writing to it and did not finish "
                    f"within {timeout_ms / 1000:g} s; try again when it is done "
                    "(or wait longer with NEWSGRAPH_BUSY_SECONDS)")
        if "not a database" in msg or "malformed" in msg:
            return f"not a newsgraph store, or a damaged one ({msg})"
        return msg

    def _check_version(self) -> None:
        v = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if v > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema {v} is newer than this newsgraph ({SCHEMA_VERSION})")
        if v < SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema {v} is older; open it for writing once to migrate")

    def _migrate(self) -> None:
        v = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if v > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema {v} is newer than this newsgraph ({SCHEMA_VERSION})")
        for n in range(v, SCHEMA_VERSION):
            with self.transaction():
                # Someone else may have migrated while we waited for the lock.
                if self.conn.execute("PRAGMA user_version").fetchone()[0] > n:
                    continue
                step = MIGRATIONS[n]
                if callable(step):
                    step(self.conn)
                else:
                    for stmt in split_sql(step):
                        self.conn.execute(stmt)
                self.conn.execute(f"PRAGMA user_version={n + 1}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE``: take the write lock up front, so a busy store is
        reported before any work is done rather than failing at commit."""
        t0 = time.monotonic()
        told = False
        # Short tries, so a waiting writer can say so instead of hanging silently.
        self.conn.execute(f"PRAGMA busy_timeout={min(1000, max(50, self.busy_timeout_ms // 4))}")
        try:
            while True:
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise StoreError(f"{self.path}: {self._explain(exc, self.busy_timeout_ms)}") from None
                    waited = time.monotonic() - t0
                    if waited >= self.busy_timeout_ms / 1000:
                        raise StoreBusy(f"{self.path}: {self._explain(exc, self.busy_timeout_ms)}") from None
                    if not told and self.on_wait:
                        self.on_wait(f"{self.path}: another process is writing to the store; waiting up to "
                                     f"{self.busy_timeout_ms / 1000:g} s for it (NEWSGRAPH_BUSY_SECONDS)")
                        told = True
                    time.sleep(0.05)
        finally:
            self.conn.execute(f"PRAGMA busy_timeout={self.busy_timeout_ms}")
        try:
            yield self.conn
        except BaseException:
            # SQLite may have rolled back already (disk full, I/O error): keep the real error.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                self.conn.execute("ROLLBACK")
                raise StoreBusy(f"{self.path}: {self._explain(exc, self.busy_timeout_ms)}") from None

    # -- writes ---------------------------------------------------------------
    def known_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            q = f"SELECT id, content_hash FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
            out.update({r[0]: r[1] for r in self.conn.execute(q, chunk)})
        return out

    def write(self, records: list[tuple[dict[str, Any], str]],
              on_error: Callable[[str, Exception], None] | None = None) -> int:
        """Store (record, content hash) pairs in one transaction; an article already
        stored under its id is replaced whole. Returns how many were written.

        With ``on_error``, an article whose record the store refuses (a constraint, a
        value SQLite cannot bind) is rolled back alone, reported, and the batch goes on."""
        if not records:
            return 0
        n = 0
        with self.transaction() as c:
            for rec, digest in records:
                if on_error is None:
                    self._delete_article(c, rec["id"])
                    self._insert_article(c, rec, digest)
                    n += 1
                    continue
                c.execute("SAVEPOINT article")
                try:
                    self._delete_article(c, rec["id"])
                    self._insert_article(c, rec, digest)
                except (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.ProgrammingError,
                        KeyError, TypeError, ValueError, OverflowError) as exc:
                    c.execute("ROLLBACK TO article")
                    c.execute("RELEASE article")
                    on_error(str(rec.get("id")), exc)
                    continue
                c.execute("RELEASE article")
                n += 1
        return n

    @staticmethod
    def _delete_article(c: sqlite3.Connection, article_id: str) -> None:
        # Children first: FTS and cascades handle the rest.
        c.execute("DELETE FROM event_actors WHERE event_id IN (SELECT id FROM events WHERE article_id=?)",
                  (article_id,))
        for t in ("events", "quotes", "mentions", "descriptors", "captions", "article_actors"):
            c.execute(f"DELETE FROM {t} WHERE article_id=?", (article_id,))
        # A replaced article leaves its story and is clustered again as a new one.
        forget_article(c, article_id)
        c.execute("DELETE FROM articles WHERE id=?", (article_id,))

    @staticmethod
    def _insert_article(c: sqlite3.Connection, rec: dict[str, Any], digest: str) -> None:
        insert_article(c, rec, digest)

    # -- reads used by export and stats ----------------------------------------
    def records(self, ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        """Stored records in id order, streamed."""
        # "stories": the article's story, from the story tables (SCHEMA.md's export field).
        if ids is None:
            cur = self.conn.execute("SELECT a.record, a.text, s.story_id FROM articles a "
                                    "LEFT JOIN story_articles s ON s.article_id = a.id ORDER BY a.id")
            for rec, text, story in cur:
                yield {**with_text(rec, text), "stories": [story] if story else []}
        else:
            for i in ids:
                row = self.conn.execute("SELECT a.record, a.text, s.story_id FROM articles a LEFT JOIN "
                                        "story_articles s ON s.article_id = a.id WHERE a.id=?", (i,)).fetchone()
                if row:
                    yield {**with_text(row[0], row[1]), "stories": [row[2]] if row[2] else []}

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

