"""Full-text search over the stored articles, with filters, and the facets (outlets,
event types) of what a search matched. All parameters are bound, never formatted into
SQL."""
from __future__ import annotations

import heapq
import re
import sqlite3
from collections import Counter
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


def _desc(date: str | None) -> tuple[int, str]:
    # Sort key for "date DESC, NULLs last" in an ascending sort.
    if date is None:
        return (1, "")
    return (0, "".join(chr(0x10FFFF - ord(ch)) for ch in date))


def _chunks(xs: list[Any], n: int = 500) -> Any:
    for i in range(0, len(xs), n):
        yield xs[i:i + n]


def _column(c: sqlite3.Connection, col: str, rowids: list[int]) -> dict[int, Any]:
    out: dict[int, Any] = {}
    for chunk in _chunks(rowids):
        out.update(c.execute(f"SELECT rowid, {col} FROM articles WHERE rowid IN ({','.join('?' * len(chunk))})",
                             chunk).fetchall())
    return out


def search_articles(store: Store, q: str = "", actor: str | None = None, outlet: str | None = None,
                    date_from: str | None = None, date_to: str | None = None,
                    event_type: str | None = None, limit: int = 20, offset: int = 0,
                    with_facets: bool = False) -> dict[str, Any]:
    """Articles matching all words of ``q`` (best bm25 first, then newest) and every
    filter given (newest first when there are no words); ``total`` counts them all.
    ``with_facets``: also the ``facets`` of the matches when anything narrows the search
    (with nothing to narrow, the store's own facets answer, and a server caches them).

    Article rows are big (text and record), so nothing here visits one per match:
    each filter becomes a set of rowids read from an index alone, the words are ranked
    inside the FTS index, and only the page's rows (plus date ties at its edge) are read.
    """
    c = store.conn
    fq = fts_query(q) if q.strip() else ""
    filters: list[tuple[str, str, list[Any]]] = []  # (name, SQL of its rowids, parameters)
    if actor:
        filters.append(("actor", ("SELECT a.rowid FROM article_actors x JOIN articles a ON a.id = x.article_id"
                                 " WHERE x.actor_id = ?"), [actor]))
    if outlet:
        filters.append(("outlet", "SELECT rowid FROM articles WHERE outlet = ?", [outlet]))
    if date_from or date_to:
        # "2020-01" as date_to includes every day of January.
        filters.append(("date", "SELECT rowid FROM articles WHERE date >= ? AND date <= ?",
                        [date_from or "", (date_to + "~") if date_to else "~"]))
    if event_type:
        filters.append(("event_type", ("SELECT a.rowid FROM events e JOIN articles a ON a.id = e.article_id"
                                      " WHERE e.type = ?"), [event_type]))
    if actor and not (fq or outlet or date_from or date_to or event_type):
        # An actor's articles (the actor page's link): its index has the dates.
        total = c.execute("SELECT count(*) FROM article_actors WHERE actor_id = ?", [actor]).fetchone()[0]
        page = [r[0] for r in c.execute(
            "SELECT a.rowid FROM article_actors x JOIN articles a ON a.id = x.article_id WHERE x.actor_id = ?"
            " ORDER BY x.date DESC, x.article_id LIMIT ? OFFSET ?", [actor, limit, offset])]
        res = _page(c, page, "", total, limit, offset)
        if with_facets:
            res["facets"] = _facets_of(c, {"actor": {r[0] for r in c.execute(filters[0][1], filters[0][2])}})
        return res
    sets: dict[str, set[int]] = {name: {r[0] for r in c.execute(sql, params)} for name, sql, params in filters}
    if fq and with_facets:
        sets["q"] = {r[0] for r in c.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [fq])}
    allowed: set[int] | None = None
    for name, ids in sets.items():
        if name != "q":
            allowed = set(ids) if allowed is None else allowed & ids
    need = offset + limit
    if fq:
        if allowed is None:
            total = c.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [fq]).fetchone()[0]
            window = c.execute("SELECT rowid, bm25(articles_fts) AS r FROM articles_fts WHERE articles_fts MATCH ?"
                               " ORDER BY r LIMIT ?", [fq, need + 64]).fetchall()
        else:
            matches = [r for r in c.execute(
                "SELECT rowid, bm25(articles_fts) FROM articles_fts WHERE articles_fts MATCH ?", [fq])
                if r[0] in allowed]
            total = len(matches)
            window = heapq.nsmallest(need + 64, matches, key=lambda r: r[1])
        # Ties on rank go newest first: dates for the window only.
        dates = _column(c, "date", [r[0] for r in window])
        ranked = sorted(window, key=lambda r: (r[1], _desc(dates.get(r[0]))))
        page = [r[0] for r in ranked[offset:need]]
    elif allowed is None:
        total = c.execute("SELECT count(*) FROM articles").fetchone()[0]
        page = [r[0] for r in c.execute("SELECT rowid FROM articles ORDER BY date DESC, id LIMIT ? OFFSET ?",
                                        [limit, offset])]
    else:
        total = len(allowed)
        # Walk the date index newest first, keeping allowed rows, up to the page's end
        # and the rest of its last date (ties go by id, read for these rows only).
        picked: list[tuple[Any, int]] = []
        if allowed:
            for rowid, date in c.execute("SELECT rowid, date FROM articles INDEXED BY articles_date"
                                         " ORDER BY date DESC"):
                if rowid not in allowed:
                    continue
                if len(picked) >= need and date != picked[-1][0]:
                    break
                picked.append((date, rowid))
        ids = _column(c, "id", [r for _, r in picked])
        picked.sort(key=lambda x: (_desc(x[0]), ids[x[1]]))
        page = [r for _, r in picked[offset:need]]
    res = _page(c, page, fq, total, limit, offset)
    if with_facets and sets:
        res["facets"] = _facets_of(c, sets)
    return res


def _facets_of(c: sqlite3.Connection, sets: dict[str, set[int]]) -> dict[str, Any]:
    """Outlets and event types with how many of the matched articles each has. Each facet
    follows every part of the search but its own choice (the outlet list under an outlet
    filter still offers the other outlets), as a faceted search does."""
    def matched(but: str) -> set[int] | None:
        out: set[int] | None = None
        for name, ids in sets.items():
            if name != but:
                out = set(ids) if out is None else out & ids
        return out

    outlets: Counter[str] = Counter()
    types: Counter[str] = Counter()
    by_outlet = matched("outlet")
    by_type = matched("event_type")
    if by_outlet is None:
        outlets.update({r[0]: r[1] for r in c.execute(
            "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet")})
    else:
        for chunk in _chunks(sorted(by_outlet)):
            outlets.update(r[0] for r in c.execute(
                f"SELECT outlet FROM articles WHERE outlet IS NOT NULL AND rowid IN ({','.join('?' * len(chunk))})",
                chunk))
    if by_type is None:
        types.update({r[0]: r[1] for r in c.execute(
            "SELECT type, count(DISTINCT article_id) FROM events GROUP BY type")})
    else:
        for chunk in _chunks(sorted(by_type)):
            types.update(r[0] for r in c.execute(
                "SELECT DISTINCT e.type, a.rowid FROM events e JOIN articles a ON a.id = e.article_id"
                f" WHERE a.rowid IN ({','.join('?' * len(chunk))})", chunk))
    return {
        "outlets": [{"outlet": k, "n": n} for k, n in sorted(outlets.items(), key=lambda x: (-x[1], x[0]))[:100]],
        "event_types": [{"type": k, "n": n} for k, n in sorted(types.items(), key=lambda x: (-x[1], x[0]))],
    }


def _page(c: sqlite3.Connection, page: list[int], fq: str, total: int, limit: int, offset: int) -> dict[str, Any]:
    """The result rows of a search page, in ``page`` (rowid) order."""
    rows: list[dict[str, Any]] = []
    if page:
        marks = ",".join("?" * len(page))
        snips: dict[int, str] = {}
        if fq:
            snips = dict(c.execute(
                "SELECT rowid, snippet(articles_fts, 1, '[[', ']]', ' … ', 24) FROM articles_fts"
                f" WHERE articles_fts MATCH ? AND rowid IN ({marks})", [fq, *page]).fetchall())
        found = {r["rowid"]: r for r in _rows(c.execute(
            "SELECT a.rowid AS rowid, a.id, a.title, a.date, a.outlet, a.url,"
            " (SELECT count(*) FROM quotes WHERE article_id=a.id) AS n_quotes,"
            " (SELECT count(*) FROM events WHERE article_id=a.id) AS n_events"
            f" FROM articles a WHERE a.rowid IN ({marks})", page))}
        for rid in page:
            r = found[rid]
            rows.append({"id": r["id"], "title": r["title"], "date": r["date"], "outlet": r["outlet"],
                         "url": r["url"], "snippet": snips.get(rid), "n_quotes": r["n_quotes"],
                         "n_events": r["n_events"]})
    return {"total": total, "limit": limit, "offset": offset, "results": rows}
