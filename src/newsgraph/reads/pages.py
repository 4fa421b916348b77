"""One function per page: the dict the HTML page renders, its JSON twin returns and
the CLI prints (through ``service``).

Each takes an open read-only ``Store`` and validated parameters, reads through
``newsgraph.store.queries`` (no SQL here) and returns plain JSON-able data. Nothing
here knows about HTML or HTTP.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from newsgraph.errors import NewsgraphError
from newsgraph.reads.params import (
    ActorParams,
    NetworkParams,
    SearchParams,
    TimelineParams,
)
from newsgraph.store import Store, queries

CONTEXT_CHARS = 320


class Cache(Protocol):
    def cached(self, key: Any, compute: Callable[[], Any]) -> Any: ...


class NoCache:
    """For callers without a server: compute every time."""

    def cached(self, key: Any, compute: Callable[[], Any]) -> Any:
        return compute()


NO_CACHE = NoCache()


class NotFound(NewsgraphError):
    """The page's subject (article, actor, event) is not in the store."""


def find_actors(store: Store, name: str, limit: int, cache: Cache) -> list[dict[str, Any]]:
    """``queries.find_actors``, answered from an in-memory directory of the actors when
    the server caches one (a LIKE over every alias costs more than the search)."""
    if isinstance(cache, NoCache):
        return queries.find_actors(store, name, limit=limit)
    return queries.match_actors(_directory(store, cache), name, limit)


def resolve_actor(store: Store, ref: str | None,
                  cache: Cache | None = None) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """An actor given by id, or by name (the best-covered match); plus other candidates."""
    if not ref:
        return None, []
    row = queries.actor_row(store, ref)
    if row:
        return row, []
    found = find_actors(store, ref, 8, cache or NO_CACHE)
    return (found[0] if found else None), found[1:]


def _directory(store: Store, cache: Cache) -> list[dict[str, Any]]:
    return cache.cached("actors", lambda: queries.actor_directory(store))


def warm(store: Store, cache: Cache) -> None:
    """Fill a server's cache with what most pages share (edges, facets, actor directory)."""
    _edges(store, cache)
    _facets(store, cache)
    _directory(store, cache)


def _facets(store: Store, cache: Cache) -> dict[str, Any]:
    return cache.cached("facets", lambda: queries.facets(store))


def _edges(store: Store, cache: Cache) -> list[Any]:
    return cache.cached("edges", lambda: queries.edge_rows(store))


def search(store: Store, p: SearchParams, cache: Cache = NO_CACHE) -> dict[str, Any]:
    actor, candidates = resolve_actor(store, p.actor, cache)
    if p.actor and actor is None:
        res: dict[str, Any] = {"total": 0, "limit": p.limit, "offset": p.offset, "results": []}
    else:
        res = queries.search_articles(store, p.q, actor=actor["id"] if actor else None, outlet=p.outlet,
                                      date_from=p.date_from, date_to=p.date_to, event_type=p.event_type,
                                      limit=p.limit, offset=p.offset, with_facets=True)
    return {
        "query": p.model_dump(),
        "actor": actor,
        "actor_candidates": candidates,
        "matching_actors": find_actors(store, p.q, 8, cache) if p.q.strip() and len(p.q) <= 100 else [],
        **res,
        # The facets of what matched (the store's, cached, when nothing narrows the search).
        "facets": res.get("facets") or _facets(store, cache),
    }


def stats(store: Store) -> dict[str, Any]:
    """What the store holds (``newsgraph stats``, /api/stats)."""
    return queries.stats(store)


def _label(a: dict[str, Any] | None, fallback: str) -> str:
    if not a:
        return fallback
    extra = ", ".join(x for x in (a.get("role"), a.get("country")) if x)
    return f"{a['name']} ({extra})" if extra else a["name"]


def article(store: Store, article_id: str) -> dict[str, Any]:
    rec = queries.article_record(store, article_id)
    if rec is None:
        raise NotFound(f"no article {article_id!r} in this store")
    text: str = rec.get("text") or ""
    meta = rec.get("metadata") or {}
    rec_actors = rec.get("actors") or []
    known = {a["id"]: a for a in rec_actors}
    ref_ids = {x for q in rec.get("quotes") or [] for x in [q.get("speaker"), *(q.get("about") or [])]}
    ref_ids |= {x for e in rec.get("events") or [] for x in (e.get("source") or []) + (e.get("target") or [])}
    known.update({k: v for k, v in queries.actor_names(store, ref_ids - set(known)).items()})
    events_by_id = {e["id"]: e for e in rec.get("events") or []}

    def who(ids: list[str]) -> list[dict[str, Any]]:
        return [{"id": i, "name": (known.get(i) or {}).get("name", i), "known": i in known} for i in ids or []]

    spans: list[dict[str, Any]] = []
    actors = []
    for ai, a in enumerate(rec_actors):
        ref = f"a{ai}"
        mentions = a.get("mentions") or []
        for mi, m in enumerate(mentions):
            spans.append({"start": m.get("start"), "end": m.get("end"), "kind": "mention", "ref": ref,
                          "anchor": f"{ref}-m{mi}", "label": _label(a, a["name"]), "actor": a["id"]})
        actors.append({"id": a["id"], "name": a["name"], "kind": a.get("kind"), "country": a.get("country"),
                       "sector": a.get("sector"), "role": a.get("role"), "mentions": len(mentions),
                       "ref": ref, "anchor": f"{ref}-m0" if mentions else None})
    for di, d in enumerate(rec.get("descriptors") or []):
        spans.append({"start": d.get("start"), "end": d.get("end"), "kind": "descriptor", "ref": f"d{di}",
                      "anchor": f"d{di}", "label": "descriptor of " + (known.get(d["actor"]) or {}).get("name", d["actor"])})
    quotes = []
    for qi, q in enumerate(rec.get("quotes") or []):
        ref = f"q{qi}"
        speaker = known.get(q.get("speaker") or "")
        label = f"{q.get('kind') or ''} quote by {speaker['name'] if speaker else q.get('speaker_text') or 'unknown'}"
        frags = [f for f in q.get("fragments") or [] if isinstance(f, (list, tuple)) and len(f) == 2]
        pieces = frags or [[q.get("start"), q.get("end")]]
        for k, (s, e) in enumerate(pieces):
            spans.append({"start": s, "end": e, "kind": "quote", "ref": ref, "anchor": ref if k == 0 else None,
                          "label": label, "stance": q.get("stance")})
        if q.get("speaker_start") is not None:
            spans.append({"start": q.get("speaker_start"), "end": q.get("speaker_end"), "kind": "speaker",
                          "ref": ref, "label": f"speaker of {ref}"})
        if q.get("cue_start") is not None:
            spans.append({"start": q.get("cue_start"), "end": q.get("cue_end"), "kind": "cue", "ref": ref,
                          "label": "cue"})
        about = []
        for x in q.get("about") or []:
            if x in events_by_id:
                about.append({"id": x, "kind": "event", "name": events_by_id[x]["type"]})
            else:
                about.append({"id": x, "kind": "actor", "name": (known.get(x) or {}).get("name", x)})
        quotes.append({"id": q["id"], "content": q.get("content"), "kind": q.get("kind"),
                       "speaker": who([q["speaker"]])[0] if q.get("speaker") else None,
                       "speaker_text": q.get("speaker_text"), "cue": q.get("cue"), "stance": q.get("stance"),
                       "channel": q.get("channel"), "about": about, "ref": ref, "anchor": ref,
                       "start": q.get("start"), "end": q.get("end")})
    events = []
    for ei, e in enumerate(rec.get("events") or []):
        ref = f"e{ei}"
        src, tgt = who(e.get("source") or []), who(e.get("target") or [])
        label = f"{e['type']}: {', '.join(x['name'] for x in src) or '?'} → {', '.join(x['name'] for x in tgt) or '?'}"
        spans.append({"start": e.get("start"), "end": e.get("end"), "kind": "event", "ref": ref, "anchor": ref,
                      "label": label})
        events.append({"id": e["id"], "type": e["type"], "cameo": e.get("cameo"), "mode": e.get("mode"),
                       "source": src, "target": tgt, "date": e.get("date"), "location": e.get("location"),
                       "from_caption": bool(e.get("from_caption")), "historical": bool(e.get("historical")),
                       "said_in": e.get("said_in"), "evidence": e.get("evidence"),
                       "confidence": e.get("confidence"), "ref": ref, "anchor": ref, "label": label})
    non_events = []
    for ni, e in enumerate(rec.get("non_events") or []):
        ref = f"n{ni}"
        spans.append({"start": e.get("start"), "end": e.get("end"), "kind": "nonevent", "ref": ref,
                      "anchor": ref, "label": f"not an event ({e.get('reason') or '?'}): {e.get('type')}"})
        non_events.append({"type": e.get("type"), "evidence": e.get("evidence"), "reason": e.get("reason"),
                           "ref": ref, "anchor": ref})
    captions = []
    for ci, c in enumerate(rec.get("captions") or []):
        ref = f"c{ci}"
        spans.append({"start": c.get("start"), "end": c.get("end"), "kind": "caption", "ref": ref, "anchor": ref,
                      "label": "photo caption" + (f", {c['date']}" if c.get("date") else "")})
        captions.append({"text": c.get("text"), "date": c.get("date"), "credit": c.get("credit"),
                         "ref": ref, "anchor": ref})
    return {
        "article": {"id": rec["id"], "title": meta.get("title"), "date": meta.get("date"),
                    "outlet": meta.get("outlet"), "outlet_country": meta.get("outlet_country"),
                    "authors": meta.get("authors") or [], "standfirst": meta.get("standfirst"),
                    "url": _web_url((rec.get("source") or {}).get("url")), "tone": rec.get("tone")},
        "text": text,
        "spans": spans,
        "actors": sorted(actors, key=lambda a: (-a["mentions"], a["name"])),
        "quotes": quotes,
        "events": events,
        "non_events": non_events,
        "captions": captions,
        "descriptors": [{"actor": {"id": d["actor"], "name": (known.get(d["actor"]) or {}).get("name", d["actor"])},
                         "text": d.get("text"), "anchor": f"d{i}"} for i, d in enumerate(rec.get("descriptors") or [])],
    }


def _web_url(url: str | None) -> str | None:
    """Only http(s) URLs become links: a javascript: or data: URL from the input must not."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return url
    return None


def actor(store: Store, actor_id: str, p: ActorParams, cache: Cache = NO_CACHE) -> dict[str, Any]:
    """An actor's page; ``actor_id`` may be a name too (the best-covered match, the
    others under ``actor_candidates``)."""
    found, candidates = resolve_actor(store, actor_id, cache)
    data = None
    if found is not None:
        data = queries.actor_profile(store, found["id"], p.date_from, p.date_to, p.limit,
                                     edges=_edges(store, cache))
    if data is None:
        raise NotFound(f"no actor {actor_id!r} in this store")
    return {**data, "actor_query": actor_id if found and found["id"] != actor_id else None,
            "actor_candidates": candidates}


def event(store: Store, event_id: str) -> dict[str, Any]:
    data = queries.event_detail(store, event_id)
    if data is None:
        raise NotFound(f"no event {event_id!r} in this store")
    ev = data["event"]
    text = queries.article_text(store, ev["article_id"]) or ""
    s, e = ev.get("start"), ev.get("end")
    context = None
    if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
        a, b = max(0, s - CONTEXT_CHARS), min(len(text), e + CONTEXT_CHARS)
        # Start and stop at word boundaries, so the excerpt doesn't open mid-word.
        while a > 0 and a < s and not text[a - 1].isspace():
            a += 1
        while b < len(text) and b > e and not text[b].isspace():
            b -= 1
        while a < s and text[a].isspace():  # no blank lines at the excerpt's edges
            a += 1
        while b > e and text[b - 1].isspace():
            b -= 1
        context = {"text": text[a:b], "offset": a, "truncated_start": a > 0, "truncated_end": b < len(text),
                   "spans": [{"start": s - a, "end": e - a, "kind": "event", "ref": "ev", "anchor": "evidence",
                              "label": ev["type"]}]}
    data["context"] = context
    return data


def network(store: Store, p: NetworkParams, cache: Cache = NO_CACHE) -> dict[str, Any]:
    data = cache.cached(("network", p.date_from, p.date_to, p.event_type, p.min_weight, p.limit, p.everyone),
                        lambda: queries.network(store, p.date_from, p.date_to, p.event_type, p.min_weight,
                                                p.limit, edges=_edges(store, cache), everyone=p.everyone))
    return {**data, "event_types": _facets(store, cache)["event_types"]}


def timeline(store: Store, p: TimelineParams, cache: Cache = NO_CACHE) -> dict[str, Any]:
    actor, candidates = resolve_actor(store, p.actor, cache)
    if p.actor and actor is None:
        data: dict[str, Any] = {"filters": p.model_dump(), "months": []}
    else:
        aid = actor["id"] if actor else None
        data = cache.cached(("timeline", p.date_from, p.date_to, aid, p.event_type),
                            lambda: queries.timeline(store, p.date_from, p.date_to, aid, p.event_type))
    return {**data, "actor": actor, "actor_candidates": candidates,
            "event_types": _facets(store, cache)["event_types"]}


def live(store: Store) -> dict[str, Any]:
    """The watcher's status: sources with their last fetch, articles, pending URLs and last
    error; the newest stored articles; the latest page errors (``newsgraph watch``)."""
    from newsgraph.live.state import status

    return status(store.conn)
