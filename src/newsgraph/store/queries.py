"""Read queries: every page of the UI and every API call reads through these.
All parameters are bound, never formatted into SQL."""
from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from newsgraph.store.db import Store


def _rows(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    return [dict(r) for r in cur.fetchall()]


def fts_query(q: str) -> str:
    """User words as an FTS5 query: each word a quoted term (so FTS syntax in user
    input cannot break the query), all required; a trailing * keeps prefix search."""
    terms = re.findall(r"[\w*]+", q, re.UNICODE)
    out = []
    for t in terms[:20]:
        star = t.endswith("*")
        t = t.strip("*")
        if t:
            out.append(f'"{t}"' + ("*" if star else ""))
    return " ".join(out)


def search_articles(store: Store, q: str = "", actor: str | None = None, outlet: str | None = None,
                    date_from: str | None = None, date_to: str | None = None,
                    event_type: str | None = None, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    where, params = [], []
    join = ""
    select_snip = "NULL AS snippet"
    order = "a.date DESC, a.id"
    if q.strip():
        fq = fts_query(q)
        if fq:
            join += " JOIN articles_fts f ON f.rowid = a.rowid"
            where.append("articles_fts MATCH ?")
            params.append(fq)
            select_snip = "snippet(articles_fts, 1, '[[', ']]', ' … ', 24) AS snippet"
            order = "bm25(articles_fts), a.date DESC"
    if actor:
        where.append("a.id IN (SELECT article_id FROM article_actors WHERE actor_id = ?)")
        params.append(actor)
    if outlet:
        where.append("a.outlet = ?")
        params.append(outlet)
    if date_from:
        where.append("a.date >= ?")
        params.append(date_from)
    if date_to:
        where.append("a.date <= ?")
        params.append(date_to + "~")  # "2020-01" includes every day of January
    if event_type:
        where.append("a.id IN (SELECT article_id FROM events WHERE type = ?)")
        params.append(event_type)
    w = (" WHERE " + " AND ".join(where)) if where else ""
    total = store.conn.execute(f"SELECT count(*) FROM articles a{join}{w}", params).fetchone()[0]
    rows = _rows(store.conn.execute(
        f"SELECT a.id, a.title, a.date, a.outlet, a.url, {select_snip},"
        " (SELECT count(*) FROM quotes WHERE article_id=a.id) AS n_quotes,"
        " (SELECT count(*) FROM events WHERE article_id=a.id) AS n_events"
        f" FROM articles a{join}{w} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset]))
    return {"total": total, "limit": limit, "offset": offset, "results": rows}


def stats(store: Store) -> dict[str, Any]:
    c = store.conn
    counts = {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "actors", "mentions", "quotes", "events", "captions", "descriptors")}
    span = c.execute("SELECT min(date), max(date) FROM articles").fetchone()
    return {
        "counts": counts,
        "dates": {"first": span[0], "last": span[1]},
        "outlets": _rows(c.execute("SELECT outlet, count(*) AS n FROM articles GROUP BY outlet ORDER BY n DESC LIMIT 10")),
        "event_types": _rows(c.execute("SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC")),
        "top_actors": _rows(c.execute(
            "SELECT actor_id AS id, max(name) AS name, count(*) AS articles, sum(n_mentions) AS mentions"
            " FROM article_actors GROUP BY actor_id ORDER BY articles DESC, mentions DESC LIMIT 10")),
    }


def find_actors(store: Store, name: str, limit: int = 20) -> list[dict[str, Any]]:
    """Actors whose name or an alias contains ``name`` (case-insensitive)."""
    pat = f"%{name.strip()}%"
    return _rows(store.conn.execute(
        "SELECT a.id, a.name, a.kind, a.country, a.sector, a.role,"
        " (SELECT count(*) FROM article_actors x WHERE x.actor_id=a.id) AS articles"
        " FROM actors a WHERE a.id IN (SELECT actor_id FROM actor_aliases WHERE alias LIKE ?)"
        " OR a.name LIKE ? ORDER BY articles DESC LIMIT ?", (pat, pat, limit)))


def article_record(store: Store, article_id: str) -> dict[str, Any] | None:
    row = store.conn.execute("SELECT record FROM articles WHERE id=?", (article_id,)).fetchone()
    return json.loads(row[0]) if row else None
