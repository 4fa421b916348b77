"""The article record of SCHEMA.md: the one place the data model becomes JSON and back."""
from __future__ import annotations

import copy
from dataclasses import fields
from typing import Any

from newsgraph.model.article import Article, Caption, Credit, Metadata, Source, Zone
from newsgraph.model.graph import Actor, Descriptor, Event, Mention, Quote, Tone

SCHEMA_VERSION = 1

_ATOMS = frozenset((str, int, float, bool, type(None)))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def asdict(obj: Any) -> Any:
    """``dataclasses.asdict`` of a record's parts, the same dicts (fields in order, lists,
    tuples and dicts copied, anything else deep-copied) without its generic walk: a plain
    string or number is its own copy, and each class's field names are read once (a
    record's thousands of small values made ``asdict`` a tenth of extraction's own CPU)."""
    t = type(obj)
    if t in _ATOMS:
        return obj  # what copy.deepcopy gives for these
    names = _FIELD_NAMES.get(t)
    if names is None and hasattr(t, "__dataclass_fields__"):
        names = _FIELD_NAMES[t] = tuple(f.name for f in fields(obj))
    if names is not None:
        return {n: asdict(getattr(obj, n)) for n in names}
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):  # a namedtuple, as dataclasses keeps it
        return t(*[asdict(v) for v in obj])
    if isinstance(obj, (list, tuple)):
        return t(asdict(v) for v in obj)
    if isinstance(obj, dict):
        return t((asdict(k), asdict(v)) for k, v in obj.items())
    return copy.deepcopy(obj)


def _mention(m: Mention) -> dict[str, Any]:
    return {"text": m.text, "start": m.start, "end": m.end, "kind": m.kind}


def _actor(a: Actor) -> dict[str, Any]:
    return {
        "id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector,
        "role": a.role, "aliases": list(a.aliases), "mentions": [_mention(m) for m in a.mentions],
    }


def _event(e: Event, with_reason: bool = False) -> dict[str, Any]:
    d = asdict(e)
    if not with_reason:
        d.pop("reason", None)
    return d


def to_record(article: Article) -> dict[str, Any]:
    """The SCHEMA.md record of an article (names fixed: the scorer reads them)."""
    return {
        "id": article.id,
        "source": asdict(article.source),
        "metadata": asdict(article.metadata),
        "text": article.text,
        "zones": [asdict(z) for z in article.zones],
        "captions": [asdict(c) for c in article.captions],
        "credits": [asdict(c) for c in article.credits],
        "actors": [_actor(a) for a in article.actors],
        "descriptors": [asdict(d) for d in article.descriptors],
        "quotes": [asdict(q) for q in article.quotes],
        "events": [_event(e) for e in article.events],
        "non_events": [_event(e, with_reason=True) for e in article.non_events],
        "tone": asdict(article.tone) if article.tone else None,
    }


def from_record(rec: dict[str, Any]) -> Article:
    """Rebuild an Article from its record (store export, Parquet import)."""
    def mk_actor(a: dict[str, Any]) -> Actor:
        return Actor(
            id=a["id"], name=a["name"], kind=a.get("kind", "person"), country=a.get("country"),
            sector=a.get("sector"), role=a.get("role"), aliases=list(a.get("aliases") or []),
            mentions=[Mention(m["text"], m["start"], m["end"], m.get("kind", "name"))
                      for m in a.get("mentions") or []],
        )

    def mk_event(e: dict[str, Any]) -> Event:
        fields = set(Event.__dataclass_fields__)
        return Event(**{k: v for k, v in e.items() if k in fields})

    meta_fields = set(Metadata.__dataclass_fields__)
    quote_fields = set(Quote.__dataclass_fields__)
    tone = rec.get("tone")
    return Article(
        id=rec["id"],
        text=rec["text"],
        source=Source(**(rec.get("source") or {})),
        metadata=Metadata(**{k: v for k, v in (rec.get("metadata") or {}).items() if k in meta_fields}),
        zones=[Zone(**z) for z in rec.get("zones") or []],
        captions=[Caption(**c) for c in rec.get("captions") or []],
        credits=[Credit(**c) for c in rec.get("credits") or []],
        actors=[mk_actor(a) for a in rec.get("actors") or []],
        descriptors=[Descriptor(**d) for d in rec.get("descriptors") or []],
        quotes=[Quote(**{k: v for k, v in q.items() if k in quote_fields}) for q in rec.get("quotes") or []],
        events=[mk_event(e) for e in rec.get("events") or []],
        non_events=[mk_event(e) for e in rec.get("non_events") or []],
        tone=Tone(**tone) if tone else None,
    )
