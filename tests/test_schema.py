"""The one table schema (model/schema.py): the store, Parquet and CSV agree with it, and
an old store (schema 3) migrates to it without losing a row."""
from __future__ import annotations

import csv
import gzip
import json
import shutil
import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from fixtures.storecheck import check_store, fts_check

from newsgraph.model.schema import TABLES, arrow_schema, store_column_names
from newsgraph.store import Store
from newsgraph.store.export import write_tables
from newsgraph.store.migrations import SCHEMA_VERSION

FIXTURE = Path(__file__).parent / "fixtures" / "store_v3.db.gz"


def _old_store(tmp_path: Path) -> str:
    db = tmp_path / "old.db"
    with gzip.open(FIXTURE) as src, open(db, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return str(db)


def _columns(c: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in c.execute(f"PRAGMA table_info({table})")]


def test_store_v3_migrates_and_keeps_every_record(tmp_path):
    db = _old_store(tmp_path)
    c = sqlite3.connect(db)
    assert c.execute("PRAGMA user_version").fetchone()[0] == 3
    before = {aid: json.loads(rec) for aid, rec in c.execute("SELECT id, record FROM articles")}
    n_aliases = c.execute("SELECT count(*) FROM actor_aliases").fetchone()[0]
    stories = c.execute("SELECT article_id, story_id FROM story_articles ORDER BY 1").fetchall()
    assert all(r["text"] for r in before.values())  # schema 3 kept the text twice
    c.close()

    with Store(db) as s:  # opening for writing migrates
        after = {r["id"]: {k: v for k, v in r.items() if k != "stories"} for r in s.records()}
    assert after == before
    c = sqlite3.connect(db)
    assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    for t in TABLES.values():
        assert _columns(c, t.store_name) == store_column_names(t.name), t.name
    assert all(json.loads(r)["text"] is None for (r,) in c.execute("SELECT record FROM articles"))
    # The directory and the stories are kept; the new quote columns are filled.
    assert c.execute("SELECT count(*) FROM actor_aliases").fetchone()[0] == n_aliases
    assert c.execute("SELECT article_id, story_id FROM story_articles ORDER BY 1").fetchall() == stories
    n_cues = sum(1 for r in before.values() for q in r["quotes"] if q.get("cue_start") is not None)
    assert n_cues and c.execute("SELECT count(*) FROM quotes WHERE cue_start IS NOT NULL").fetchone()[0] == n_cues
    tone = json.loads(c.execute("SELECT tone FROM articles LIMIT 1").fetchone()[0])
    assert set(tone) >= {"tone", "positive", "negative", "word_count"}
    # The sample's header and byline lines: kept in the text, left out of the index.
    assert c.execute("SELECT count(*) FROM articles WHERE body_start > 0").fetchone()[0] == len(before)
    assert c.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'contributors'").fetchone()[0] == 0
    # Full-text search still finds the articles.
    title_word = next(iter(before.values()))["metadata"]["title"].split()[0]
    assert c.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (title_word,)).fetchone()[0]
    c.close()
    check_store(db)
    fts_check(db)


def test_parquet_has_native_lists_and_csv_json_text(tmp_path):
    db = _old_store(tmp_path)
    with Store(db) as s:
        recs = list(s.records())
    write_tables(iter(recs), tmp_path / "pq", "parquet")
    write_tables(iter(recs), tmp_path / "csv", "csv")
    for name in TABLES:
        t = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
        assert t.schema == arrow_schema(name)
    quotes = pq.read_table(tmp_path / "pq" / "quotes.parquet")
    assert pa.types.is_list(quotes.schema.field("about").type)
    assert pa.types.is_list(quotes.schema.field("fragments").type.value_type)
    events = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    assert events and all(isinstance(e["source"], list) for e in events)
    assert events == [e for e in events if isinstance(e["from_caption"], bool)]
    arts = pq.read_table(tmp_path / "pq" / "articles.parquet").to_pylist()
    assert all(isinstance(a["tone"]["tone"], float) for a in arts)
    # The text once: the record column leaves it out, the text column holds it.
    assert all(json.loads(a["record"])["text"] is None and a["text"] for a in arts)
    with open(tmp_path / "csv" / "events.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [json.loads(r["source"]) for r in rows] == [e["source"] for e in events]


def test_parquet_export_imports_back_unchanged(tmp_path):
    from newsgraph import service

    db = _old_store(tmp_path)
    with Store(db) as s:
        recs = [{k: v for k, v in r.items() if k != "stories"} for r in s.records()]
    write_tables(iter(recs), tmp_path / "pq", "parquet")
    new = str(tmp_path / "new.db")
    report = service.import_parquet(str(tmp_path / "pq"), db=new)
    assert report.stored == len(recs) and not report.errors
    with Store(new) as s:
        assert [{k: v for k, v in r.items() if k != "stories"} for r in s.records()] == recs


def test_duckdb_joins_quotes_to_actors_without_json(tmp_path):
    """The Parquet export as a DuckDB user meets it: speakers join actors, and list
    columns unnest, with no JSON function anywhere."""
    import duckdb  # the `test` extra, installed by `make test`
    db = _old_store(tmp_path)
    with Store(db) as s:
        recs = list(s.records())
    out = tmp_path / "pq"
    write_tables(iter(recs), out, "parquet")
    con = duckdb.connect()
    rows = con.execute(
        "SELECT a.name, q.content FROM read_parquet(?) q JOIN read_parquet(?) a "
        "ON a.actor_id = q.speaker AND a.article_id = q.article_id ORDER BY q.quote_id",
        [str(out / "quotes.parquet"), str(out / "actors.parquet")]).fetchall()
    expected = sorted(
        ((a["name"], q["content"], q["id"]) for r in recs for q in r["quotes"] for a in r["actors"]
         if a["id"] == q["speaker"]), key=lambda x: x[2])
    assert rows and rows == [x[:2] for x in expected]
    # A list column unnests natively: the targets of every event, with their names.
    targets = con.execute(
        "SELECT e.event_id, a.name FROM (SELECT event_id, article_id, unnest(target) AS t FROM read_parquet(?)) e "
        "JOIN read_parquet(?) a ON a.actor_id = e.t AND a.article_id = e.article_id",
        [str(out / "events.parquet"), str(out / "actors.parquet")]).fetchall()
    assert targets and len(targets) == sum(len(set(e["target"]) & {a["id"] for a in r["actors"]})
                               for r in recs for e in r["events"])
    assert con.execute("SELECT max(tone.word_count) FROM read_parquet(?)",
                       [str(out / "articles.parquet")]).fetchone()[0] > 0
