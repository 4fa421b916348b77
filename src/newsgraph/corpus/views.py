"""Reads over the story tables: the story list, one story, two stories compared side by
side, and an actor's rhetoric over time. Each returns the one dict that the CLI prints,
the API returns and the UI renders."""
from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from typing import Any

from newsgraph.store import Store

STANCES = ("negative", "neutral", "positive")


def _rows(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _story_row(c: sqlite3.Connection, sid: str) -> dict[str, Any] | None:
    rows = _rows(c.execute("SELECT id, title, first_date, last_date, n_articles, n_sources, n_mentions, kind, keys "
                           "FROM stories WHERE id=?", (sid,)))
    if not rows:
        return None
    row = rows[0]
    row["keys"] = json.loads(row["keys"] or "[]")
    return row


def list_stories(store: Store, q: str = "", limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Stories, the most reported first; ``q`` filters on the title."""
    where, params = ("WHERE title LIKE ? ESCAPE '\\'", [f"%{_like(q)}%"]) if q else ("", [])
    c = store.conn
    total = c.execute(f"SELECT count(*) FROM stories {where}", params).fetchone()[0]
    rows = _rows(c.execute(
        "SELECT id, title, first_date, last_date, n_articles, n_sources, n_mentions, kind FROM stories "
        f"{where} ORDER BY n_articles DESC, last_date DESC, id LIMIT ? OFFSET ?", [*params, limit, offset]))
    return {"query": q, "total": total, "limit": limit, "offset": offset, "stories": rows}


def _like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _names(c: sqlite3.Connection, ids: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    ids_l = sorted(i for i in ids if i)
    for i in range(0, len(ids_l), 500):
        part = ids_l[i:i + 500]
        out.update({a: n for a, n in c.execute(
            f"SELECT id, name FROM actors WHERE id IN ({','.join('?' * len(part))})", part)})
    return out


def _reactions(c: sqlite3.Connection, where: str, params: list[Any]) -> list[dict[str, Any]]:
    return _rows(c.execute(
        "SELECT r.quote_id, r.story_id, r.article_id, r.speaker, q.speaker_text, r.stance, r.intensity, r.score,"
        " r.cue, r.channel, r.outlet, r.date, q.content, q.kind, a.title AS article_title, s.title AS story_title"
        " FROM reactions r JOIN quotes q ON q.id = r.quote_id JOIN articles a ON a.id = r.article_id"
        f" JOIN stories s ON s.id = r.story_id WHERE {where} ORDER BY coalesce(r.date, ''), r.quote_id", params))


def story(store: Store, sid: str) -> dict[str, Any] | None:
    """One story: its articles and outlets over time, its events, its reactions grouped by actor."""
    c = store.conn
    row = _story_row(c, sid)
    if row is None:
        return None
    articles = _rows(c.execute(
        "SELECT a.id, a.title, a.date, a.outlet, a.url, sa.similarity, d.duplicate_of, d.kind AS duplicate_kind"
        " FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        " LEFT JOIN duplicates d ON d.article_id = a.id"
        " WHERE sa.story_id=? GROUP BY a.id ORDER BY coalesce(a.date, ''), a.id", (sid,)))
    by_day: dict[str, Counter[str]] = defaultdict(Counter)
    for a in articles:
        by_day[a["date"] or "undated"][a["outlet"] or "unknown outlet"] += 1
    over_time = [{"date": d, "articles": sum(n.values()), "outlets": dict(sorted(n.items()))}
                 for d, n in sorted(by_day.items())]
    events = _rows(c.execute(
        "SELECT e.id, e.type, e.date, e.evidence, e.article_id, e.source, e.target FROM story_events se"
        " JOIN events e ON e.id = se.event_id WHERE se.story_id=? ORDER BY coalesce(e.date, ''), e.id LIMIT 200",
        (sid,)))
    for e in events:
        e["source"], e["target"] = json.loads(e["source"] or "[]"), json.loads(e["target"] or "[]")
    reacts = _reactions(c, "r.story_id=?", [sid])
    names = _names(c, {r["speaker"] for r in reacts} | {x for e in events for x in e["source"] + e["target"]})
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in reacts:
        groups[r["speaker"] or r["speaker_text"] or "unattributed"].append(r)
    by_actor = []
    for key, items in groups.items():
        counts = Counter(r["stance"] for r in items)
        by_actor.append({"speaker": items[0]["speaker"], "name": names.get(key) or key, "n": len(items),
                         "stance_counts": {s: counts.get(s, 0) for s in STANCES},
                         "mean_score": round(sum(r["score"] or 0 for r in items) / len(items), 3),
                         "items": items})
    by_actor.sort(key=lambda g: (-g["n"], g["name"]))
    return {"story": row, "articles": articles, "outlets": sorted({a["outlet"] for a in articles if a["outlet"]}),
            "over_time": over_time, "events": events, "reactions_by_actor": by_actor,
            "stance_counts": {s: sum(g["stance_counts"][s] for g in by_actor) for s in STANCES}, "names": names}


def resolve_speaker(c: sqlite3.Connection, speaker: str) -> list[str]:
    """Actor ids for an id or a name (exact id first, then names and aliases)."""
    if c.execute("SELECT 1 FROM actors WHERE id=?", (speaker,)).fetchone():
        return [speaker]
    rows = c.execute("SELECT DISTINCT actor_id FROM actor_aliases WHERE alias = ? COLLATE NOCASE", (speaker,)).fetchall()
    return sorted(r[0] for r in rows)


def _side(c: sqlite3.Connection, sid: str, speakers: list[str] | None) -> dict[str, Any] | None:
    row = _story_row(c, sid)
    if row is None:
        return None
    where, params = "r.story_id=?", [sid]
    if speakers is not None:
        where += f" AND r.speaker IN ({','.join('?' * len(speakers))})" if speakers else " AND 0"
        params += speakers
    items = _reactions(c, where, params)
    counts = Counter(r["stance"] for r in items)
    ranked = sorted(items, key=lambda r: (r["score"] or 0, r["quote_id"]))
    descriptors = _rows(c.execute(
        "SELECT d.actor_id, ac.name, d.outlet, d.text, count(*) AS n FROM descriptors d"
        " JOIN story_articles sa ON sa.article_id = d.article_id LEFT JOIN actors ac ON ac.id = d.actor_id"
        " WHERE sa.story_id=? GROUP BY d.actor_id, d.outlet, d.text ORDER BY n DESC, d.text LIMIT 30", (sid,)))
    return {"story": row, "n_reactions": len(items),
            "stance_counts": {s: counts.get(s, 0) for s in STANCES},
            "mean_score": round(sum(r["score"] or 0 for r in items) / len(items), 3) if items else None,
            "mean_intensity": round(sum(r["intensity"] or 0 for r in items) / len(items), 3) if items else None,
            "harshest": ranked[:3], "mildest": ranked[::-1][:3] if ranked else [],
            "cues": [{"cue": k, "n": n} for k, n in Counter(r["cue"] for r in items if r["cue"]).most_common(10)],
            "channels": [{"channel": k, "n": n} for k, n in Counter(r["channel"] for r in items if r["channel"]).most_common()],
            "descriptors": descriptors}


def compare(store: Store, a: str, b: str, speaker: str | None = None) -> dict[str, Any] | None:
    """Two stories side by side, all reactions or one speaker's (an actor id or name)."""
    c = store.conn
    speakers = resolve_speaker(c, speaker) if speaker else None
    left, right = _side(c, a, speakers), _side(c, b, speakers)
    if left is None or right is None:
        return None
    names = _names(c, set(speakers or []))
    verdict = None
    if left["mean_score"] is not None and right["mean_score"] is not None:
        diff = round(left["mean_score"] - right["mean_score"], 3)
        verdict = {"harsher": a if diff < 0 else b if diff > 0 else None, "score_difference": diff}
    return {"speaker": speaker, "speaker_ids": speakers, "names": names, "a": left, "b": right, "verdict": verdict}


def rhetoric(store: Store, actor_id: str, story_id: str | None = None) -> dict[str, Any]:
    """An actor's statements over time with stance and intensity, by month and by story."""
    c = store.conn
    where, params = "r.speaker=?", [actor_id]
    if story_id:
        where += " AND r.story_id=?"
        params.append(story_id)
    items = _reactions(c, where, params)
    months: dict[str, list[dict[str, Any]]] = defaultdict(list)
    stories: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in items:
        months[(r["date"] or "undated")[:7]].append(r)
        stories[r["story_id"]].append(r)

    def summary(rs: list[dict[str, Any]]) -> dict[str, Any]:
        counts = Counter(r["stance"] for r in rs)
        return {"n": len(rs), **{s: counts.get(s, 0) for s in STANCES},
                "mean_score": round(sum(r["score"] or 0 for r in rs) / len(rs), 3)}

    return {"actor": actor_id, "story": story_id, "items": items,
            "by_month": [{"month": m, **summary(rs)} for m, rs in sorted(months.items())],
            "by_story": sorted(({"story_id": s, "title": rs[0]["story_title"], "first": rs[0]["date"], **summary(rs)}
                                for s, rs in stories.items()), key=lambda x: (x["first"] or "", x["story_id"]))}
