"""Records as tables: the one flattener of a SCHEMA.md record into the rows of
model/schema.py's tables, each row carrying ``article_id``.

The store's insert, the Parquet and CSV exports and the Spark job all flatten records
here. Values are native (lists, the tone dict); each writer encodes what its format
cannot hold (SQLite and CSV: JSON text).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from newsgraph.model.schema import NESTED_TYPES, TABLE_NAMES, TABLES

COLUMNS: dict[str, list[str]] = {t: TABLES[t].export_columns() for t in TABLE_NAMES}


def record_json(rec: dict[str, Any]) -> str:
    """The ``record`` column: the record without its text (stored once, in ``text``);
    the key stays, null, so ``with_text`` puts the text back in its place."""
    return json.dumps({**rec, "text": None}, ensure_ascii=False)


def with_text(raw: str, text: str | None) -> dict[str, Any]:
    """A record from its ``record`` column and its ``text`` column (older stores kept the
    text in the record too: that copy is used when the column is empty)."""
    rec = json.loads(raw)
    if text is not None:
        rec["text"] = text
    return rec


# Zones that are not the story when they open the text (model.article.Zone).
_LEAD_ZONES = {"header", "title", "byline"}


def body_start(rec: dict[str, Any]) -> int:
    """The offset after the header, title and byline zones that open the text (0 when
    ingest marked none): what search indexes and snippets quote."""
    start = 0
    for z in sorted(rec.get("zones") or [], key=lambda z: z.get("start") or 0):
        if z.get("kind") not in _LEAD_ZONES:
            break
        start = max(start, int(z.get("end") or 0))
    text = rec.get("text") or ""
    while start < len(text) and text[start].isspace():
        start += 1
    return min(start, len(text))


def record_rows(rec: dict[str, Any], store: bool = False) -> dict[str, list[dict[str, Any]]]:
    """Flatten one SCHEMA.md record into rows for each table. ``store``: with the
    store-only columns (model/schema.py) the SQLite insert also writes."""
    aid = rec["id"]
    meta = rec.get("metadata") or {}
    src = rec.get("source") or {}
    date = meta.get("date")
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLE_NAMES}
    out["articles"].append({
        "article_id": aid, "title": meta.get("title"), "date": date,
        "authors": list(meta.get("authors") or []), "outlet": meta.get("outlet"),
        "outlet_country": meta.get("outlet_country"), "language": meta.get("language"),
        "standfirst": meta.get("standfirst"), "url": src.get("url"), "path": src.get("path"),
        "format": src.get("format"), "text": rec["text"], "body_start": body_start(rec), "tone": rec.get("tone"),
        "record": record_json(rec),
    })
    for a in rec.get("actors") or []:
        mentions = a.get("mentions") or []
        row = {"article_id": aid, "actor_id": a["id"], "name": a.get("name"), "kind": a.get("kind"),
               "country": a.get("country"), "sector": a.get("sector"), "role": a.get("role"),
               "aliases": list(a.get("aliases") or [])}
        if store:
            row.update(date=date, n_mentions=len(mentions))
        out["actors"].append(row)
        for m in mentions:
            out["mentions"].append({"article_id": aid, "actor_id": a["id"], "text": m["text"],
                                    "start": m["start"], "end": m["end"], "kind": m.get("kind")})
    for table, id_col in (("quotes", "quote_id"), ("events", "event_id")):
        cols = [c for c in TABLES[table].columns if c.only is None][2:]
        for item in rec.get(table) or []:
            row = {"article_id": aid, id_col: item["id"]}
            for c in cols:
                v = item.get(c.name)
                if c.type in ("list<str>", "list<span>"):
                    v = [list(x) if isinstance(x, (list, tuple)) else x for x in v or []]
                elif c.type == "bool":
                    v = bool(v)
                row[c.name] = v
            if store and table == "quotes":
                row["date"] = date
            if store and table == "events":
                row["date"] = row["date"] or date  # undated events take the article's date
            out[table].append(row)
    for c in rec.get("captions") or []:
        out["captions"].append({"article_id": aid, **{k: c.get(k) for k in COLUMNS["captions"][1:]}})
    for d in rec.get("descriptors") or []:
        row = {"article_id": aid, "actor_id": d["actor"], "text": d["text"], "start": d.get("start"),
               "end": d.get("end")}
        if store:
            row["outlet"] = meta.get("outlet")
        out["descriptors"].append(row)
    return out


def as_text_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A row with its list and struct values as JSON text (CSV cells, SQLite values)."""
    nested = {c.name for c in TABLES[table].columns if c.type in NESTED_TYPES}
    return {k: (json.dumps(v, ensure_ascii=False, sort_keys=True) if k in nested and v is not None else v)
            for k, v in row.items()}


def rows_of(records: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    acc: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLE_NAMES}
    for rec in records:
        for t, rows in record_rows(rec).items():
            acc[t].extend(rows)
    return acc
