"""Read queries: every page of the UI and every API call reads through these.
All parameters are bound, never formatted into SQL."""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from newsgraph.model.tables import with_text
from newsgraph.store.db import Store
from newsgraph.store.search import fts_query, search_articles  # noqa: F401 - re-exported for callers


def _rows(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    return [dict(r) for r in cur.fetchall()]


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
            " FROM article_actors WHERE kind IS NOT 'unnamed'"
            " GROUP BY actor_id ORDER BY articles DESC, mentions DESC LIMIT 10")),
    }


# A search matches at the start of a word of a name, never inside one ("Iran" finds
# "Iran" and "Iranian officials", not "Wiranto"); "-" starts a word ("al-Assad").
_WORD_STARTS = ("", " ", "-")


def _word_start_patterns(name: str) -> tuple[str, str, str]:
    # LIKE's own wildcards in the query are plain characters ("_" matches "_" only)
    n = name.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return (f"{n}%", f"% {n}%", f"%-{n}%")


def find_actors(store: Store, name: str, limit: int = 20) -> list[dict[str, Any]]:
    """Actors with a word of the name or of an alias that starts with ``name`` (case-insensitive)."""
    pats = _word_start_patterns(name)
    like = "({col} LIKE ? ESCAPE '\\' OR {col} LIKE ? ESCAPE '\\' OR {col} LIKE ? ESCAPE '\\')"
    return _rows(store.conn.execute(
        "SELECT a.id, a.name, a.kind, a.country, a.sector, a.role,"
        " (SELECT count(*) FROM article_actors x WHERE x.actor_id=a.id) AS articles"
        f" FROM actors a WHERE a.id IN (SELECT actor_id FROM actor_aliases WHERE {like.format(col='alias')})"
        f" OR {like.format(col='a.name')} ORDER BY articles DESC LIMIT ?", (*pats, *pats, limit)))


def actor_directory(store: Store) -> list[dict[str, Any]]:
    """Every actor with its article count and its names (name and aliases, lower-cased,
    one per line), most covered first: what ``match_actors`` searches in memory."""
    names: dict[str, list[str]] = {}
    for actor_id, alias in store.conn.execute("SELECT actor_id, alias FROM actor_aliases"):
        names.setdefault(actor_id, []).append(alias)
    counts = dict(store.conn.execute("SELECT actor_id, count(*) FROM article_actors GROUP BY actor_id").fetchall())
    out = []
    for r in _rows(store.conn.execute("SELECT id, name, kind, country, sector, role FROM actors")):
        r["articles"] = counts.get(r["id"], 0)
        r["_names"] = "\n".join([r["name"], *names.get(r["id"], [])]).lower()
        out.append(r)
    out.sort(key=lambda r: -r["articles"])
    return out


def match_actors(directory: list[dict[str, Any]], name: str, limit: int = 20) -> list[dict[str, Any]]:
    """``find_actors`` over an ``actor_directory``: a word of the name or of an alias starts
    with ``name`` (case-insensitive), most articles first."""
    needle = name.strip().lower()
    starts = ["\n" + needle, *(c + needle for c in _WORD_STARTS if c)]
    out = []
    for r in directory:
        names = "\n" + r["_names"]
        if any(x in names for x in starts):
            out.append({k: v for k, v in r.items() if k != "_names"})
            if len(out) >= limit:
                break
    return out


def article_record(store: Store, article_id: str) -> dict[str, Any] | None:
    row = store.conn.execute("SELECT record, text FROM articles WHERE id=?", (article_id,)).fetchone()
    return with_text(row[0], row[1]) if row else None


# -- pages of the UI and their JSON twins -----------------------------------------
# Each function below computes one page's data; the API returns it as JSON and the
# UI renders the same dict, so no page runs a query its JSON twin does not.

def _loads(v: str | None, default: Any) -> Any:
    if not v:
        return default
    try:
        return json.loads(v)
    except ValueError:
        return default


def _date_filter(col: str, date_from: str | None, date_to: str | None) -> tuple[str, list[Any]]:
    where, params = [], []
    if date_from:
        where.append(f"{col} >= ?")
        params.append(date_from)
    if date_to:
        where.append(f"{col} <= ?")
        params.append(date_to + "~")
    return (" AND ".join(where), params)


def actor_names(store: Store, ids: Any) -> dict[str, dict[str, Any]]:
    """id -> {id, name, kind, country, sector, role} for the actors that exist."""
    ids = [i for i in dict.fromkeys(ids) if isinstance(i, str)]
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for r in store.conn.execute(
                f"SELECT id, name, kind, country, sector, role FROM actors WHERE id IN ({','.join('?' * len(chunk))})",
                chunk):
            out[r["id"]] = dict(r)
    return out


def facets(store: Store) -> dict[str, Any]:
    """What the search form offers: outlets and event types with their counts."""
    c = store.conn
    return {
        "outlets": _rows(c.execute(
            "SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL"
            " GROUP BY outlet ORDER BY n DESC, outlet LIMIT 100")),
        # Articles, not event mentions: what choosing the type in the search finds.
        "event_types": _rows(c.execute("SELECT type, count(DISTINCT article_id) AS n FROM events"
                                       " GROUP BY type ORDER BY n DESC, type")),
    }


def article_brief(store: Store, article_id: str) -> dict[str, Any] | None:
    row = store.conn.execute("SELECT id, title, date, outlet, url FROM articles WHERE id=?",
                             (article_id,)).fetchone()
    return dict(row) if row else None


def article_text(store: Store, article_id: str) -> str | None:
    row = store.conn.execute("SELECT text FROM articles WHERE id=?", (article_id,)).fetchone()
    return row[0] if row else None


def actor_row(store: Store, actor_id: str) -> dict[str, Any] | None:
    row = store.conn.execute("SELECT id, name, kind, country, sector, role FROM actors WHERE id=?",
                             (actor_id,)).fetchone()
    return dict(row) if row else None


def actor_profile(store: Store, actor_id: str, date_from: str | None = None, date_to: str | None = None,
                  limit: int = 50, edges: list[EdgeRow] | None = None) -> dict[str, Any] | None:
    """Everything the actor page shows; None when the actor is unknown."""
    actor = actor_row(store, actor_id)
    if actor is None:
        return None
    c = store.conn
    qw, qp = _date_filter("q.date", date_from, date_to)
    ew, ep = _date_filter("e.date", date_from, date_to)
    aw, ap = _date_filter("x.date", date_from, date_to)
    qw = f" AND {qw}" if qw else ""
    ew = f" AND {ew}" if ew else ""
    aw = f" AND {aw}" if aw else ""
    actor["aliases"] = [r[0] for r in c.execute(
        "SELECT alias FROM actor_aliases WHERE actor_id=? ORDER BY n DESC, alias LIMIT 20", (actor_id,))]
    actor["articles"] = c.execute(
        f"SELECT count(*) FROM article_actors x WHERE x.actor_id=?{aw}", (actor_id, *ap)).fetchone()[0]
    actor["roles"] = _rows(c.execute(
        "SELECT role, country, min(date) AS first, max(date) AS last, count(*) AS n FROM article_actors"
        " WHERE actor_id=? AND role IS NOT NULL GROUP BY role, country ORDER BY last DESC LIMIT 20", (actor_id,)))
    statements = _rows(c.execute(
        "SELECT q.id, q.article_id, q.content, q.kind, q.cue, q.stance, q.about, q.date, a.title, a.outlet"
        " FROM quotes q JOIN articles a ON a.id=q.article_id"
        f" WHERE q.speaker=?{qw} ORDER BY q.date DESC, q.id LIMIT ?", (actor_id, *qp, limit)))
    for s in statements:
        s["about"] = _loads(s["about"], [])
    n_statements = c.execute(f"SELECT count(*) FROM quotes q WHERE q.speaker=?{qw}", (actor_id, *qp)).fetchone()[0]
    descriptors = _rows(c.execute(
        "SELECT coalesce(outlet, '') AS outlet, text, count(*) AS n, max(article_id) AS article_id"
        " FROM descriptors WHERE actor_id=? GROUP BY outlet, lower(text) ORDER BY outlet, n DESC LIMIT 200",
        (actor_id,)))
    by_outlet: dict[str, list[dict[str, Any]]] = {}
    for d in descriptors:
        by_outlet.setdefault(d.pop("outlet") or "(unknown outlet)", []).append(d)
    events: dict[str, list[dict[str, Any]]] = {}
    for role in ("source", "target"):
        rows = _rows(c.execute(
            "SELECT e.id, e.article_id, e.type, e.cameo, e.date, e.evidence, e.source, e.target,"
            " e.from_caption, e.historical, a.title FROM event_actors ea JOIN events e ON e.id=ea.event_id"
            f" JOIN articles a ON a.id=e.article_id WHERE ea.actor_id=? AND ea.role=?{ew}"
            " ORDER BY e.date DESC, e.id LIMIT ?", (actor_id, role, *ep, limit)))
        for r in rows:
            r["source"], r["target"] = _loads(r["source"], []), _loads(r["target"], [])
        events[role] = rows
    edges = actor_edges(store, date_from, date_to, actor=actor_id, rows=edges)
    partners: dict[str, dict[str, Any]] = {}
    for e in edges:
        other = e["dst"] if e["src"] == actor_id else e["src"]
        direction = "out" if e["src"] == actor_id else "in"
        p = partners.setdefault(other, {"id": other, "events_out": 0, "events_in": 0,
                                        "statements_out": 0, "statements_in": 0, "weight": 0})
        p[f"{e['kind']}s_{direction}"] += e["n"]
        p["weight"] += e["n"]
    ranked = sorted(partners.values(), key=lambda p: (-p["weight"], p["id"]))[:limit]
    names = actor_names(store, [p["id"] for p in ranked] + [x for r in events["source"] + events["target"]
                                                            for x in r["source"] + r["target"]])
    for p in ranked:
        p["name"] = names.get(p["id"], {}).get("name", p["id"])
    return {
        "actor": actor,
        "filters": {"date_from": date_from, "date_to": date_to},
        "statements": {"total": n_statements, "items": statements},
        "descriptors_by_outlet": by_outlet,
        "events_as_source": events["source"],
        "events_as_target": events["target"],
        "interactions": ranked,
        "timeline": timeline(store, date_from, date_to, actor=actor_id)["months"],
        "names": {k: v["name"] for k, v in names.items()},
    }


EdgeRow = tuple  # (src, dst, kind, date, event type or None, event or quote id)


def edge_rows(store: Store) -> list[EdgeRow]:
    """Every actor-to-actor link, one row per event or statement: ``event`` (a
    source did something to a target) and ``statement`` (a speaker talked about an
    actor, or about an event the actor took part in). Two scans of the store; the
    server computes this once per store version and aggregates it in memory."""
    c = store.conn
    rows: list[EdgeRow] = [
        (r[0], r[1], "event", r[2], r[3], r[4]) for r in c.execute(
            "SELECT s.actor_id, t.actor_id, e.date, e.type, e.id FROM events e"
            " JOIN event_actors s ON s.event_id=e.id AND s.role='source'"
            " JOIN event_actors t ON t.event_id=e.id AND t.role='target' AND t.actor_id <> s.actor_id")]
    # Two indexed joins (about -> actor, about -> the event's actors), not a join on a union.
    rows += [(r[0], r[1], "statement", r[2], None, r[3]) for r in c.execute(
        "SELECT q.speaker, a.id, q.date, q.id FROM quotes q JOIN json_each(q.about) j JOIN actors a ON a.id = j.value"
        " WHERE q.speaker IS NOT NULL AND q.about <> '[]' AND a.id <> q.speaker"
        " UNION"
        " SELECT q.speaker, ea.actor_id, q.date, q.id FROM quotes q JOIN json_each(q.about) j"
        " JOIN event_actors ea ON ea.event_id = j.value"
        " WHERE q.speaker IS NOT NULL AND q.about <> '[]' AND ea.actor_id <> q.speaker")]
    return rows


def _in_range(date: str | None, date_from: str | None, date_to: str | None) -> bool:
    # The same comparisons as the SQL filters: string order, "2020-01" as a prefix.
    if date_from and (date is None or date < date_from):
        return False
    return not (date_to and (date is None or date > date_to + "~"))


def actor_edges(store: Store, date_from: str | None = None, date_to: str | None = None,
                actor: str | None = None, event_type: str | None = None,
                rows: list[EdgeRow] | None = None) -> list[dict[str, Any]]:
    """Directed, weighted edges between actors (see ``edge_rows``), aggregated per
    (source, target, kind); with ``actor``, only the edges that touch it; with
    ``event_type``, only events of that type. ``rows`` is a cached ``edge_rows``."""
    if rows is None:
        rows = edge_rows(store)
    agg: dict[tuple[str, str, str], dict[str, Any]] = {}
    for src, dst, kind, date, etype, ref in rows:
        if actor and actor != src and actor != dst:
            continue
        if event_type and etype != event_type:
            continue
        if (date_from or date_to) and not _in_range(date, date_from, date_to):
            continue
        e = agg.get((src, dst, kind))
        if e is None:
            e = agg[(src, dst, kind)] = {"src": src, "dst": dst, "kind": kind, "refs": set(),
                                          "first": date, "last": date}
        e["refs"].add(ref)
        if date is not None:
            e["first"] = date if e["first"] is None else min(e["first"], date)
            e["last"] = date if e["last"] is None else max(e["last"], date)
    out = []
    for e in agg.values():
        e["n"] = len(e.pop("refs"))
        out.append(e)
    return out


def _not_drawn(store: Store) -> set[str]:
    """Actors the network leaves out unless asked: article-scoped descriptions ("36
    people", "government ministers": kind ``unnamed``, one node per article, so one
    group or person appears several times) and the outlets themselves ("Wikinews",
    named in a byline or a credit, not an actor of the news)."""
    c = store.conn
    out = {r[0] for r in c.execute("SELECT id FROM actors WHERE kind = 'unnamed' OR id LIKE 'unnamed:%'")}
    out |= {r[0] for r in c.execute(
        "SELECT a.id FROM actors a WHERE lower(a.name) IN (SELECT DISTINCT lower(outlet) FROM articles"
        " WHERE outlet IS NOT NULL)")}
    return out


def _components(nodes: list[str], edges: list[dict[str, Any]]) -> list[set[str]]:
    parent = {n: n for n in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for e in edges:
        parent[find(e["source"])] = find(e["target"])
    groups: dict[str, set[str]] = {}
    for n in nodes:
        groups.setdefault(find(n), set()).add(n)
    return list(groups.values())


def network(store: Store, date_from: str | None = None, date_to: str | None = None,
            event_type: str | None = None, min_weight: int = 1, limit: int = 80,
            edges: list[EdgeRow] | None = None, everyone: bool = False) -> dict[str, Any]:
    """The actor network: the ``limit`` actors with the heaviest edges, and the edges among them.

    Unless ``everyone``: without the actors ``_not_drawn`` names, and without the pairs
    linked only to each other (two-node islands) when anything larger is drawn; how
    many were left out is under ``hidden``."""
    skip = set() if everyone else _not_drawn(store)
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    degree_all: set[str] = set()  # every actor with an edge, drawn or not
    for e in actor_edges(store, date_from, date_to, event_type=event_type, rows=edges):
        degree_all.update((e["src"], e["dst"]))
        if e["src"] in skip or e["dst"] in skip:
            continue
        m = merged.setdefault((e["src"], e["dst"]), {"source": e["src"], "target": e["dst"], "events": 0,
                                                     "statements": 0, "weight": 0,
                                                     "first": e["first"], "last": e["last"]})
        m[e["kind"] + "s"] += e["n"]
        m["weight"] += e["n"]
        m["first"] = min(filter(None, (m["first"], e["first"])), default=None)
        m["last"] = max(filter(None, (m["last"], e["last"])), default=None)
    edges = [e for e in merged.values() if e["weight"] >= min_weight]
    degree: dict[str, int] = {}
    for e in edges:
        degree[e["source"]] = degree.get(e["source"], 0) + e["weight"]
        degree[e["target"]] = degree.get(e["target"], 0) + e["weight"]
    keep = sorted(degree, key=lambda k: (-degree[k], k))[:limit]
    keep_set = set(keep)
    edges = sorted((e for e in edges if e["source"] in keep_set and e["target"] in keep_set),
                   key=lambda e: (-e["weight"], e["source"], e["target"]))
    pairs = 0
    if not everyone:
        comps = _components(keep, edges)
        if any(len(g) > 2 for g in comps):
            island = set().union(*(g for g in comps if len(g) <= 2))
            pairs = sum(1 for g in comps if len(g) <= 2)
            keep = [k for k in keep if k not in island]
            edges = [e for e in edges if e["source"] not in island]
    names = actor_names(store, keep)
    nodes = [{"id": k, "name": names.get(k, {}).get("name", k), "kind": names.get(k, {}).get("kind"),
              "country": names.get(k, {}).get("country"), "weight": degree[k]} for k in keep]
    return {"filters": {"date_from": date_from, "date_to": date_to, "event_type": event_type,
                        "min_weight": min_weight, "limit": limit, "everyone": everyone},
            "nodes": nodes, "edges": edges,
            "hidden": {"actors": len(skip & set(degree_all)), "pairs": pairs}}


def timeline(store: Store, date_from: str | None = None, date_to: str | None = None,
             actor: str | None = None, event_type: str | None = None) -> dict[str, Any]:
    """Counts per month: articles, statements, and events by type (event dates, so a
    caption's 2017 meeting counts in 2017)."""
    c = store.conn
    months: dict[str, dict[str, Any]] = {}

    def bucket(m: str) -> dict[str, Any]:
        return months.setdefault(m, {"month": m, "articles": 0, "statements": 0, "events": 0, "by_type": {}})

    def where(col: str, extra: list[str], params: list[Any]) -> str:
        w, p = _date_filter(col, date_from, date_to)
        cond = [f"length({col}) >= 7"] + ([w] if w else []) + extra
        params[:0] = p
        return " WHERE " + " AND ".join(cond)

    if not event_type:
        p: list[Any] = [actor] if actor else []
        w = where("x.date", ["x.actor_id = ?"] if actor else [], p)
        src = "article_actors x" if actor else "articles x"
        for m, n in c.execute(f"SELECT substr(x.date, 1, 7) AS m, count(*) FROM {src}{w} GROUP BY m", p):
            bucket(m)["articles"] = n
        p = [actor] if actor else []
        w = where("q.date", ["q.speaker = ?"] if actor else [], p)
        for m, n in c.execute(f"SELECT substr(q.date, 1, 7) AS m, count(*) FROM quotes q{w} GROUP BY m", p):
            bucket(m)["statements"] = n
    p = []
    extra = []
    if event_type:
        extra.append("e.type = ?")
        p.append(event_type)
    if actor:
        extra.append("e.id IN (SELECT event_id FROM event_actors WHERE actor_id = ?)")
        p.append(actor)
    w = where("e.date", extra, p)
    for m, t, n in c.execute(
            f"SELECT substr(e.date, 1, 7) AS m, e.type, count(*) FROM events e{w} GROUP BY m, e.type", p):
        b = bucket(m)
        b["by_type"][t] = n
        b["events"] += n
    return {"filters": {"date_from": date_from, "date_to": date_to, "actor": actor, "event_type": event_type},
            "months": [months[k] for k in sorted(months)]}


def _date_window(date: str | None, days: int) -> tuple[str, str] | None:
    """The string range of dates within ``days`` of ``date``; a month or a year is its
    own window (its events have no finer date to compare)."""
    import datetime as dt

    if not date:
        return None
    if len(date) >= 10:
        try:
            d = dt.date.fromisoformat(date[:10])
        except ValueError:
            return None
        return ((d - dt.timedelta(days=days)).isoformat(), (d + dt.timedelta(days=days)).isoformat() + "~")
    return (date, date + "~")


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event, where it was reported, and the statements that react to it."""
    c = store.conn
    row = c.execute(
        "SELECT e.*, a.title AS article_title, a.date AS article_date, a.outlet AS article_outlet"
        " FROM events e JOIN articles a ON a.id=e.article_id WHERE e.id=?", (event_id,)).fetchone()
    if row is None:
        return None
    ev = dict(row)
    ev["source"], ev["target"] = _loads(ev["source"], []), _loads(ev["target"], [])
    ev["from_caption"], ev["historical"] = bool(ev["from_caption"]), bool(ev["historical"])
    # A quote's ``about`` names events of its own article (SCHEMA: ids within one
    # record), so the reactions are found through the article's quotes, by index; the
    # LIKE skips quotes whose about can't hold the id, json_each makes the match exact.
    reactions = _rows(c.execute(
        "SELECT q.id, q.article_id, q.content, q.kind, q.speaker, q.speaker_text, q.cue, q.stance, q.date,"
        " a.title, a.outlet FROM quotes q JOIN articles a ON a.id=q.article_id"
        " WHERE q.article_id = ? AND q.about LIKE ? AND EXISTS (SELECT 1 FROM json_each(q.about) j WHERE j.value = ?)"
        " ORDER BY q.date, q.id LIMIT 500", (ev["article_id"], "%" + event_id + "%", event_id)))
    said_in = None
    if ev.get("said_in"):
        r = c.execute("SELECT id, article_id, content, kind, speaker, speaker_text, cue, stance FROM quotes"
                      " WHERE id=?", (ev["said_in"],)).fetchone()
        said_in = dict(r) if r else None
    # Other reports of the same kind of event between the same actors, near the same
    # date: the (type, date) index narrows to the window, then the actors must match.
    related: list[dict[str, Any]] = []
    actors = ev["source"] + ev["target"]
    window = _date_window(ev.get("date"), days=7)
    if actors and window:
        marks = ",".join("?" * len(actors))
        related = _rows(c.execute(
            "SELECT e.id, e.article_id, e.type, e.date, e.evidence, a.title, a.outlet"
            " FROM events e JOIN articles a ON a.id=e.article_id"
            " WHERE e.type=? AND e.date >= ? AND e.date <= ? AND e.id<>?"
            f" AND EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id=e.id AND ea.actor_id IN ({marks}))"
            " ORDER BY e.date, e.id LIMIT 50", (ev["type"], *window, event_id, *actors)))
    speakers = [r["speaker"] for r in reactions] + ([said_in["speaker"]] if said_in else [])
    names = actor_names(store, actors + speakers)
    stance: dict[str, int] = {}
    for r in reactions:
        k = r["stance"] or "unknown"
        stance[k] = stance.get(k, 0) + 1
    return {"event": ev, "said_in": said_in, "reactions": reactions, "stance_counts": stance,
            "related": related, "names": {k: v["name"] for k, v in names.items()}}
