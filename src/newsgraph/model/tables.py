"""Records as tables: one row list per SCHEMA list, each row carrying ``article_id``.

The Parquet export, the CSV export and the Spark job all flatten records here, so
their tables have the same columns.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

TABLES = ("articles", "actors", "mentions", "quotes", "events", "captions", "descriptors")

# Column order of each table; nested values (lists) are JSON strings so every
# format (CSV included) can hold them.
COLUMNS: dict[str, list[str]] = {
    "articles": ["article_id", "title", "date", "authors", "outlet", "outlet_country", "language",
                 "standfirst", "url", "path", "format", "text", "tone", "record"],
    "actors": ["article_id", "actor_id", "name", "kind", "country", "sector", "role", "aliases"],
    "mentions": ["article_id", "actor_id", "text", "start", "end", "kind"],
    "quotes": ["article_id", "quote_id", "content", "start", "end", "kind", "fragments", "speaker",
               "speaker_text", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "about",
               "stance", "channel"],
    "events": ["article_id", "event_id", "type", "mode", "cameo", "source", "target", "date", "location",
               "from_caption", "historical", "said_in", "evidence", "start", "end", "confidence"],
    "captions": ["article_id", "text", "start", "end", "date", "credit"],
    "descriptors": ["article_id", "actor_id", "text", "start", "end"],
}
INT_COLUMNS = {"start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end"}
BOOL_COLUMNS = {"from_caption", "historical"}
FLOAT_COLUMNS = {"confidence"}


def _j(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, sort_keys=True)


def record_rows(rec: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Flatten one SCHEMA.md record into rows for each table."""
    aid = rec["id"]
    meta = rec.get("metadata") or {}
    src = rec.get("source") or {}
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    out["articles"].append({
        "article_id": aid, "title": meta.get("title"), "date": meta.get("date"),
        "authors": _j(meta.get("authors") or []), "outlet": meta.get("outlet"),
        "outlet_country": meta.get("outlet_country"), "language": meta.get("language"),
        "standfirst": meta.get("standfirst"), "url": src.get("url"), "path": src.get("path"),
        "format": src.get("format"), "text": rec.get("text"), "tone": _j(rec.get("tone")),
        "record": _j(rec),
    })
    for a in rec.get("actors") or []:
        out["actors"].append({"article_id": aid, "actor_id": a["id"], "name": a.get("name"),
                              "kind": a.get("kind"), "country": a.get("country"), "sector": a.get("sector"),
                              "role": a.get("role"), "aliases": _j(a.get("aliases") or [])})
        for m in a.get("mentions") or []:
            out["mentions"].append({"article_id": aid, "actor_id": a["id"], "text": m["text"],
                                    "start": m["start"], "end": m["end"], "kind": m.get("kind")})
    for table, id_col, json_cols in (("quotes", "quote_id", {"fragments", "about"}),
                                     ("events", "event_id", {"source", "target"})):
        for item in rec.get(table) or []:
            row = {"article_id": aid, id_col: item["id"]}
            for c in COLUMNS[table][2:]:
                v = item.get(c)
                row[c] = _j(v) if c in json_cols else v
            out[table].append(row)
    for c in rec.get("captions") or []:
        out["captions"].append({"article_id": aid, **{k: c.get(k) for k in COLUMNS["captions"][1:]}})
    for d in rec.get("descriptors") or []:
        out["descriptors"].append({"article_id": aid, "actor_id": d["actor"], "text": d["text"],
                                   "start": d["start"], "end": d["end"]})
    return out


def rows_of(records: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    acc: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for rec in records:
        for t, rows in record_rows(rec).items():
            acc[t].extend(rows)
    return acc
