"""Rows of one article into the store: the record flattened by model/tables.py
(``record_rows``), written to the tables model/schema.py generates, plus the store's
own indexes of it (the actor directory, event_actors)."""
from __future__ import annotations

import sqlite3
from typing import Any

from newsgraph.model.schema import TABLES, store_column_names
from newsgraph.model.tables import as_text_row, record_rows


def _insert_sql(table: str, extra: tuple[str, ...] = ()) -> str:
    cols = [c for c in store_column_names(table) if c not in ("content_hash", "ingested_at")] + list(extra)
    names = ", ".join(f'"{c}"' for c in cols)
    verb = "INSERT OR REPLACE" if TABLES[table].primary_key else "INSERT"
    return f"{verb} INTO {TABLES[table].store_name} ({names}) VALUES ({','.join('?' * len(cols))})"


def _values(table: str, row: dict[str, Any], extra: tuple[Any, ...] = ()) -> tuple[Any, ...]:
    t = TABLES[table]
    text_row = as_text_row(table, row)
    vals = []
    for c in t.store_columns():
        if c.name in ("content_hash", "ingested_at"):
            continue
        v = text_row.get(c.name)
        vals.append(int(v) if c.type == "bool" and v is not None else v)
    return (*vals, *extra)


def insert_article(c: sqlite3.Connection, rec: dict[str, Any], digest: str, directory: bool = True,
                   ingested_at: str | None = None) -> None:
    """Insert one article's rows (the caller has deleted any older version).

    ``directory``: also count its actors into the store-wide directory (actors,
    actor_aliases); a migration rebuilding rows from stored records leaves it as it is."""
    rows = record_rows(rec, store=True)
    extra_cols: tuple[str, ...] = ("content_hash",) + (("ingested_at",) if ingested_at else ())
    extra_vals: tuple[Any, ...] = (digest,) + ((ingested_at,) if ingested_at else ())
    c.execute(_insert_sql("articles", extra_cols), _values("articles", rows["articles"][0], extra_vals))
    for table in ("actors", "mentions", "descriptors", "quotes", "events", "captions"):
        if rows[table]:
            c.executemany(_insert_sql(table), [_values(table, r) for r in rows[table]])
    if directory:
        for a in rec.get("actors") or []:
            # The first article to name an actor sets its row; later ones fill gaps.
            c.execute(
                "INSERT INTO actors (id, name, kind, country, sector, role) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET country=coalesce(actors.country, excluded.country), "
                "sector=coalesce(actors.sector, excluded.sector), role=coalesce(excluded.role, actors.role)",
                (a["id"], a["name"], a.get("kind"), a.get("country"), a.get("sector"), a.get("role")),
            )
            mentions = a.get("mentions") or []
            for alias in {a["name"], *(m["text"] for m in mentions if m.get("kind") in (None, "name", "short"))}:
                c.execute("INSERT INTO actor_aliases (actor_id, alias, n) VALUES (?,?,1) "
                          "ON CONFLICT(actor_id, alias) DO UPDATE SET n=n+1", (a["id"], alias))
    for e in rec.get("events") or []:
        roles = {(x, "source") for x in e.get("source") or []} | {(x, "target") for x in e.get("target") or []}
        c.executemany("INSERT OR IGNORE INTO event_actors (event_id, actor_id, role) VALUES (?,?,?)",
                      [(e["id"], x, r) for x, r in roles])
