"""The one table schema of a record: every format's tables are generated from it.

Each table of ``TABLES`` lists its columns with a logical type. From that one list come
the SQLite DDL of the store's per-article tables (``sqlite_ddl``), the Arrow schema of
the Parquet export (``arrow_schema``: lists and structs are native Parquet list/struct
columns, so DuckDB, pandas and Spark join them without parsing JSON) and the Spark
schema of ``newsgraph spark`` (``spark_schema``). ``record_rows`` in model/tables.py is
the one flattener of a record into these rows.

Logical types: ``str``, ``int``, ``float``, ``bool``, ``list<str>``, ``list<span>``
(a list of ``[start, end]`` pairs), ``tone`` (the record's tone struct). SQLite has no
list or struct type, so there those columns hold JSON text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The tone struct of SCHEMA.md (model.graph.Tone), in field order.
TONE_FIELDS: tuple[tuple[str, str], ...] = (
    ("tone", "float"), ("positive", "float"), ("negative", "float"), ("polarity", "float"),
    ("activity", "float"), ("self_group", "float"), ("word_count", "int"),
)
NESTED_TYPES = {"list<str>", "list<span>", "tone"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "str"
    # In the SQLite store only (provenance of the row, denormalised filters), or in the
    # exports only; None: everywhere.
    only: str | None = None
    # The store calls some key columns ``id`` (articles.id, quotes.id, events.id).
    store_name: str | None = None
    not_null: bool = False

    @property
    def in_store(self) -> bool:
        return self.only in (None, "store")

    @property
    def in_export(self) -> bool:
        return self.only in (None, "export")


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    store_name: str  # the SQLite table
    primary_key: tuple[str, ...] = ()  # store column names
    indexes: tuple[tuple[str, ...], ...] = ()
    # Rows of an article go when the article goes.
    child: bool = True
    extra_ddl: tuple[str, ...] = field(default=())

    def export_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.in_export]

    def store_columns(self) -> list[Column]:
        return [c for c in self.columns if c.in_store]


def _c(name: str, type_: str = "str", **kw: Any) -> Column:
    return Column(name, type_, **kw)


_ARTICLE = _c("article_id", not_null=True)
_SPAN = (_c("start", "int"), _c("end", "int"))

TABLES: dict[str, Table] = {t.name: t for t in (
    Table("articles", (
        _c("article_id", store_name="id", not_null=True), _c("content_hash", only="store", not_null=True),
        _c("title"), _c("date"), _c("authors", "list<str>"), _c("outlet"), _c("outlet_country"),
        _c("language"), _c("standfirst"), _c("url"), _c("path"), _c("format"),
        _c("text", not_null=True),
        # Where the story begins: the plain-text header, title and byline lines ingest
        # recognised come before it. The text keeps them (every offset points into it);
        # search indexes and quotes text[body_start:].
        _c("body_start", "int"),
        _c("tone", "tone"),
        # The whole record as JSON, its text left out (it is the column above): what
        # `newsgraph import` and the article page rebuild the record from.
        _c("record", not_null=True),
        _c("ingested_at", only="store"),
    ), "articles", ("id",), (("date",), ("outlet",)), child=False),
    Table("actors", (
        _ARTICLE, _c("actor_id", not_null=True), _c("name"), _c("kind"), _c("country"), _c("sector"),
        _c("role"), _c("aliases", "list<str>"),
        # The article's date and how often it names the actor: roles over time, counts.
        _c("date", only="store"), _c("n_mentions", "int", only="store"),
    ), "article_actors", ("article_id", "actor_id"), (("actor_id", "date"),)),
    Table("mentions", (
        _ARTICLE, _c("actor_id", not_null=True), _c("text", not_null=True), *_SPAN, _c("kind"),
    ), "mentions", (), (("article_id",), ("actor_id",))),
    Table("quotes", (
        _ARTICLE, _c("quote_id", store_name="id", not_null=True), _c("content", not_null=True), *_SPAN,
        _c("kind"), _c("fragments", "list<span>"), _c("speaker"), _c("speaker_text"),
        _c("speaker_start", "int"), _c("speaker_end", "int"), _c("cue"), _c("cue_start", "int"),
        _c("cue_end", "int"), _c("about", "list<str>"), _c("stance"), _c("channel"),
        _c("date", only="store"),  # the article's date: a speaker's statements over time
        # after date: where schema 5's ALTER TABLE puts it in a store made before
        _c("utterance"),
    ), "quotes", ("id",), (("article_id",), ("speaker", "date"))),
    Table("events", (
        _ARTICLE, _c("event_id", store_name="id", not_null=True), _c("type", not_null=True), _c("mode"),
        _c("cameo"), _c("source", "list<str>"), _c("target", "list<str>"), _c("date"), _c("location"),
        _c("from_caption", "bool"), _c("historical", "bool"), _c("said_in"), _c("evidence"), *_SPAN,
        _c("confidence", "float"),
    ), "events", ("id",), (("article_id",), ("type", "date"))),
    Table("captions", (
        _ARTICLE, _c("text", not_null=True), *_SPAN, _c("date"), _c("credit"),
    ), "captions", (), (("article_id",),)),
    Table("descriptors", (
        _ARTICLE, _c("actor_id", not_null=True), _c("text", not_null=True), *_SPAN,
        _c("outlet", only="store"),  # the outlet that used the descriptor
    ), "descriptors", (), (("actor_id",),)),
)}
TABLE_NAMES = tuple(TABLES)


# -- SQLite ---------------------------------------------------------------------------
_SQLITE_TYPES = {"str": "TEXT", "int": "INTEGER", "float": "REAL", "bool": "INTEGER"}


def _q(name: str) -> str:
    return f'"{name}"' if name in ("end",) else name


def store_column_names(table: str) -> list[str]:
    return [c.store_name or c.name for c in TABLES[table].store_columns()]


def sqlite_ddl(table: str) -> list[str]:
    """CREATE TABLE and CREATE INDEX statements of one table in the store."""
    t = TABLES[table]
    cols = []
    for c in t.store_columns():
        name = c.store_name or c.name
        typ = _SQLITE_TYPES.get(c.type, "TEXT")  # lists and structs: JSON text
        extra = " NOT NULL" if c.not_null else ""
        if t.primary_key == (name,):
            extra += " PRIMARY KEY"
        if name == "article_id" and t.child:
            extra += " REFERENCES articles(id) ON DELETE CASCADE"
        if name == "ingested_at":
            extra += " NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
        cols.append(f"{_q(name)} {typ}{extra}")
    if len(t.primary_key) > 1:
        cols.append(f"PRIMARY KEY ({', '.join(t.primary_key)})")
    out = [f"CREATE TABLE {t.store_name} (\n    " + ",\n    ".join(cols) + "\n)"]
    for idx in t.indexes:
        out.append(f"CREATE INDEX {t.store_name}_{'_'.join(idx)} ON {t.store_name}({', '.join(map(_q, idx))})")
    return out


# -- Arrow / Parquet --------------------------------------------------------------------
def _arrow_type(typ: str) -> Any:
    import pyarrow as pa

    simple = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    if typ in simple:
        return simple[typ]
    if typ == "list<str>":
        return pa.list_(pa.string())
    if typ == "list<span>":
        return pa.list_(pa.list_(pa.int64()))
    if typ == "tone":
        return pa.struct([(n, simple[t]) for n, t in TONE_FIELDS])
    raise ValueError(f"unknown column type {typ}")


def arrow_schema(table: str) -> Any:  # -> pyarrow.Schema
    return __import__("pyarrow").schema([(c.name, _arrow_type(c.type)) for c in TABLES[table].columns
                                         if c.in_export])


# -- Spark ------------------------------------------------------------------------------
def _spark_type(typ: str) -> Any:
    from pyspark.sql import types as T

    simple = {"str": T.StringType(), "int": T.LongType(), "float": T.DoubleType(), "bool": T.BooleanType()}
    if typ in simple:
        return simple[typ]
    if typ == "list<str>":
        return T.ArrayType(T.StringType())
    if typ == "list<span>":
        return T.ArrayType(T.ArrayType(T.LongType()))
    if typ == "tone":
        return T.StructType([T.StructField(n, simple[t], True) for n, t in TONE_FIELDS])
    raise ValueError(f"unknown column type {typ}")


def spark_schema(table: str, columns: list[tuple[str, str]] | None = None) -> Any:  # -> StructType
    """The Spark schema of a table; ``columns`` (name, type) for a table outside TABLES."""
    from pyspark.sql.types import StructField, StructType

    cols = columns or [(c.name, c.type) for c in TABLES[table].columns if c.in_export]
    return StructType([StructField(n, _spark_type(t), True) for n, t in cols])
