"""Stories: the articles (and the events in them) that report one real-world occurrence.

``update(store)`` clusters the articles that are in no story yet (a new batch) together
with the neighbourhood they could join: the stories that share a key term with them
(names, actors, numbers) within a window of dates, each bringing its latest articles.
Keys are stored under the months a story spans (corpus/blocking.py), so the lookup
reads only the months of the new articles' window, not every story sharing a name.
That neighbourhood is re-clustered locally by average link; the rest of the store is
never touched, so the cost of a batch depends on the batch and its neighbourhood, not on
the size of the store. A re-formed group keeps the id of the story most of its articles
came from, so story ids stay stable as stories grow.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from newsgraph.corpus import duplicates, reactions
from newsgraph.corpus.blocking import day as _day
from newsgraph.corpus.blocking import span_tags, tagged, upgrade_legacy, window_tags
from newsgraph.corpus.cluster import average_link
from newsgraph.corpus.features import (
    ArticleTerms,
    article_terms,
    combined,
    dot,
    settings,
)
from newsgraph.model.tables import with_text
from newsgraph.store import Store


@dataclass
class StoryReport:
    articles: int = 0
    stories_touched: int = 0
    stories_new: int = 0
    duplicates: int = 0
    neighbours: int = 0
    story_ids: set[str] = field(default_factory=set)


def _chunks(xs: list[str], n: int) -> Iterator[list[str]]:
    for i in range(0, len(xs), n):
        yield xs[i:i + n]


def pending(c: sqlite3.Connection) -> list[str]:
    """Stored articles in no story yet, oldest first (then in the order stored, so that
    of two copies the one stored first is the original)."""
    rows = c.execute("SELECT a.id FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id "
                     "WHERE s.article_id IS NULL ORDER BY coalesce(a.date, ''), a.rowid")
    return [r[0] for r in rows]


def update(store: Store) -> StoryReport:
    """Put every article that is in no story into one; each chunk is one transaction."""
    report = StoryReport()
    with store.transaction() as c:
        upgrade_legacy(c, settings()["blocking"]["max_key_months"])
        duplicates.upgrade_bands(c)
    todo = pending(store.conn)
    for chunk in _chunks(todo, settings()["blocking"]["chunk"]):
        with store.transaction() as c:
            _cluster_chunk(c, chunk, report)
    with store.transaction() as c:
        stale = [r[0] for r in c.execute("SELECT id FROM stories WHERE updated_at=''")]
        for sid in stale:
            _refresh(c, sid)
    return report


def _load_terms(c: sqlite3.Connection, ids: list[str]) -> dict[str, ArticleTerms]:
    out: dict[str, ArticleTerms] = {}
    for part in _chunks(ids, 500):
        q = f"SELECT article_id, date, terms FROM story_terms WHERE article_id IN ({','.join('?' * len(part))})"
        for aid, d, raw in c.execute(q, part):
            out[aid] = ArticleTerms.from_json(aid, d, raw)
    return out


def _df(c: sqlite3.Connection, part: str, terms: set[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    ts = sorted(terms)
    for i in range(0, len(ts), 500):
        sub = ts[i:i + 500]
        q = f"SELECT term, df FROM story_df WHERE part=? AND term IN ({','.join('?' * len(sub))})"
        out.update({t: n for t, n in c.execute(q, [part, *sub])})
    return out


def _index(c: sqlite3.Connection, ids: list[str], report: StoryReport) -> dict[str, ArticleTerms]:
    """Terms, document frequencies and duplicate signatures of new articles."""
    nkeys = settings()["blocking"]["keys_per_article"]
    fresh: dict[str, ArticleTerms] = {}
    texts: list[tuple[str, str]] = []
    for part in _chunks(ids, 200):
        q = f"SELECT id, record, text FROM articles WHERE id IN ({','.join('?' * len(part))})"
        for aid, raw, text in c.execute(q, part):
            rec = with_text(raw, text)
            fresh[aid] = article_terms(rec)
            texts.append((aid, rec.get("text") or "", _day(fresh[aid].date)))
    for aid in ids:  # store order: oldest first, so a copy points at its original
        t = fresh.get(aid)
        if t is None:
            continue
        c.execute("INSERT OR REPLACE INTO story_terms (article_id, date, terms, keys) VALUES (?,?,?,?)",
                  (aid, t.date, t.to_json(), json.dumps(t.keys(nkeys), ensure_ascii=False)))
        for part, terms in (("text", t.text), ("lead", t.lead)):
            c.executemany("INSERT INTO story_df (part, term, df) VALUES (?,?,1) "
                          "ON CONFLICT(part, term) DO UPDATE SET df=df+1", [(part, k) for k in terms])
    # An undated article of a batch is placed in the batch's latest month: it arrived with
    # that news, and its copies and originals are filed there.
    latest = max((d for _, _, d in texts if d is not None), default=None)
    texts = [(a, t, d if d is not None else latest) for a, t, d in texts]
    order = {a: i for i, a in enumerate(ids)}
    report.duplicates += len(duplicates.find_and_store(c, sorted(texts, key=lambda x: order[x[0]])))
    return fresh


def _neighbours(c: sqlite3.Connection, fresh: dict[str, ArticleTerms]) -> dict[str, list[str]]:
    """Stories the new articles could join (a shared key, dates within the window) and
    the latest articles of each."""
    b = settings()["blocking"]
    window = timedelta(days=b["window_days"])
    dated = [d for d in (_day(t.date) for t in fresh.values()) if d is not None]
    latest = max(dated, default=None)
    keyed: dict[str, set[str]] = defaultdict(set)
    for aid, t in fresh.items():
        d = _day(t.date)
        tags = window_tags(d if d is not None else latest, window)
        for k in tagged(tags, t.keys(b["keys_per_article"])):
            keyed[k].add(aid)
    cand: dict[str, set[str]] = defaultdict(set)  # story -> new articles that share a key
    keys = sorted(keyed)
    for i in range(0, len(keys), 500):
        sub = keys[i:i + 500]
        for k, sid in c.execute(f"SELECT key, story_id FROM story_keys WHERE key IN ({','.join('?' * len(sub))})", sub):
            cand[sid] |= keyed[k]
    out: dict[str, list[str]] = {}
    for sid, arts in cand.items():
        row = c.execute("SELECT first_date, last_date FROM stories WHERE id=?", (sid,)).fetchone()
        if row is None:
            continue
        first, last = _day(row[0]), _day(row[1])
        near = False
        for aid in arts:
            d = _day(fresh[aid].date)
            # Undated articles or stories cannot be ruled out by date.
            if d is None or first is None or last is None or first - window <= d <= last + window:
                near = True
                break
        if near:
            out[sid] = [r[0] for r in c.execute(
                "SELECT sa.article_id FROM story_articles sa JOIN story_terms t ON t.article_id = sa.article_id "
                "WHERE sa.story_id=? ORDER BY coalesce(t.date, '') DESC, sa.article_id LIMIT ?",
                (sid, b["max_members"]))]
    return out


def _cluster_chunk(c: sqlite3.Connection, ids: list[str], report: StoryReport) -> None:
    fresh = _index(c, ids, report)
    if not fresh:
        return
    report.articles += len(fresh)
    near = _neighbours(c, fresh)
    old_story = {a: sid for sid, mem in near.items() for a in mem}
    report.neighbours += len(old_story)
    terms = {**_load_terms(c, list(old_story)), **fresh}
    nodes = list(fresh) + [a for a in old_story if a in terms and a not in fresh]
    n_docs = c.execute("SELECT count(*) FROM story_terms").fetchone()[0]
    df_text = _df(c, "text", {k for a in nodes for k in terms[a].text})
    df_lead = _df(c, "lead", {k for a in nodes for k in terms[a].lead})
    vecs = [combined(terms[a], df_text, df_lead, n_docs) for a in nodes]
    sim = settings()["similarity"]
    labels = average_link(vecs, sim["threshold"], sim["split_ratio"], sim["split_min_size"])
    groups: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        groups[lab].append(i)
    touched: set[str] = set(near)
    taken: set[str] = set()
    # Larger groups choose their id first, so a story that splits keeps its id on its larger part.
    for members in sorted(groups.values(), key=lambda m: (-len(m), nodes[m[0]])):
        votes = Counter(old_story[nodes[i]] for i in members if nodes[i] in old_story)
        sid = next((s for s, _ in votes.most_common() if s not in taken), None)
        if sid is None:
            sid = _new_id(c, min(nodes[i] for i in members), taken)
            report.stories_new += 1
        taken.add(sid)
        touched.add(sid)
        centroid: dict[str, float] = defaultdict(float)
        for i in members:
            for k, x in vecs[i].items():
                centroid[k] += x
        rows = []
        for i in members:
            sim = dot(vecs[i], centroid) / len(members)
            rows.append((nodes[i], sid, round(min(1.0, sim), 4)))
        c.executemany("INSERT OR REPLACE INTO story_articles (article_id, story_id, similarity) VALUES (?,?,?)", rows)
    _follow_copies(c, list(fresh), touched)
    for sid in touched:
        _refresh(c, sid)
    report.stories_touched += len(touched)
    report.story_ids |= touched


def _follow_copies(c: sqlite3.Connection, ids: list[str], touched: set[str]) -> None:
    """A syndicated copy reports what its original reports: same story, whatever the
    clustering said (their leads may differ by a wire service's dateline)."""
    for aid in ids:
        row = c.execute("SELECT s.story_id FROM duplicates d JOIN story_articles s ON s.article_id = d.duplicate_of "
                        "WHERE d.article_id=? AND d.kind='copy' ORDER BY d.similarity DESC LIMIT 1", (aid,)).fetchone()
        if row is None:
            continue
        mine = c.execute("SELECT story_id FROM story_articles WHERE article_id=?", (aid,)).fetchone()
        if mine and mine[0] != row[0]:
            touched.add(mine[0])
            c.execute("UPDATE story_articles SET story_id=? WHERE article_id=?", (row[0], aid))
            touched.add(row[0])


def _new_id(c: sqlite3.Connection, seed: str, taken: set[str]) -> str:
    base = "story-" + hashlib.sha1(seed.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    sid, n = base, 1
    while sid in taken or c.execute("SELECT 1 FROM stories WHERE id=?", (sid,)).fetchone():
        n += 1
        sid = f"{base}-{n}"
    return sid


def _source(outlet: str | None, url: str | None) -> str | None:
    if outlet:
        return outlet.strip().lower()
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def _refresh(c: sqlite3.Connection, sid: str) -> None:
    """Recount a story from its articles: dates, sources, mentions, kind, keys; drop it
    when it has none left."""
    arts = c.execute("SELECT a.id, a.date, a.outlet, a.url, a.title, substr(a.text, 1, 200) FROM story_articles sa "
                     "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id=? "
                     "ORDER BY coalesce(a.date, '9999'), a.id", (sid,)).fetchall()
    c.execute("DELETE FROM story_keys WHERE story_id=?", (sid,))
    c.execute("DELETE FROM story_events WHERE story_id=?", (sid,))
    if not arts:
        c.execute("DELETE FROM reactions WHERE story_id=?", (sid,))
        c.execute("DELETE FROM stories WHERE id=?", (sid,))
        return
    ids = [a[0] for a in arts]
    dates = sorted(a[1] for a in arts if a[1])
    sources = {s for s in (_source(a[2], a[3]) for a in arts) if s}
    first = arts[0]
    title = first[4] or (first[5] or "").strip().split("\n", 1)[0][:120]
    events: list[tuple[str, str, str]] = []
    kinds: Counter[str] = Counter()
    for part in _chunks(ids, 500):
        q = (f"SELECT id, article_id, type FROM events WHERE article_id IN ({','.join('?' * len(part))}) "
             "AND coalesce(historical, 0)=0 AND coalesce(from_caption, 0)=0")
        for eid, aid, typ in c.execute(q, part):
            events.append((eid, sid, aid))
            kinds[typ] += 1
    c.executemany("INSERT OR REPLACE INTO story_events (event_id, story_id, article_id) VALUES (?,?,?)", events)
    reactions.store_reactions(c, sid, ids)
    keys: Counter[str] = Counter()
    for part in _chunks(ids, 500):
        q = f"SELECT keys FROM story_terms WHERE article_id IN ({','.join('?' * len(part))})"
        for (raw,) in c.execute(q, part):
            keys.update(json.loads(raw))
    b = settings()["blocking"]
    top = [k for k, _ in keys.most_common(b["keys_per_story"])]
    tags = span_tags(_day(dates[0]) if dates else None, _day(dates[-1]) if dates else None, b["max_key_months"])
    c.executemany("INSERT OR IGNORE INTO story_keys (key, story_id) VALUES (?,?)", [(k, sid) for k in tagged(tags, top)])
    c.execute(
        "INSERT INTO stories (id, title, first_date, last_date, n_articles, n_sources, n_mentions, kind, keys,"
        " updated_at) VALUES (?,?,?,?,?,?,?,?,?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) ON CONFLICT(id) DO UPDATE SET"
        " title=excluded.title, first_date=excluded.first_date, last_date=excluded.last_date,"
        " n_articles=excluded.n_articles, n_sources=excluded.n_sources, n_mentions=excluded.n_mentions,"
        " kind=excluded.kind, keys=excluded.keys, updated_at=excluded.updated_at",
        (sid, title, dates[0] if dates else None, dates[-1] if dates else None, len(arts), len(sources),
         len(events), kinds.most_common(1)[0][0] if kinds else None, json.dumps(top[:10], ensure_ascii=False)))


def story_of(c: sqlite3.Connection, ids: Iterable[str]) -> dict[str, str]:
    """Each article's story id (articles in none are left out)."""
    out: dict[str, str] = {}
    ids = list(ids)
    for part in _chunks(ids, 500):
        q = f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({','.join('?' * len(part))})"
        out.update({a: s for a, s in c.execute(q, part)})
    return out
