"""The SQLite schema, as numbered migrations applied in order (``PRAGMA user_version``).

A migration is SQL text, or a function given the connection (inside the migration's
transaction) for what SQL alone cannot do. Migrations 1-3 are kept as they were shipped,
so an old store and a new one end with the same tables.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

from newsgraph.model.schema import TABLES, sqlite_ddl
from newsgraph.model.tables import with_text
from newsgraph.store.write import insert_article

# The FTS index over the articles' titles and bodies (the text from ``body_start``: the
# header and byline lines stay out of search and its snippets), through a view so the
# text is still stored once, and the triggers that keep it in step.
FTS_DDL = """
    CREATE VIEW article_bodies AS
        SELECT rowid, title, substr(text, coalesce(body_start, 0) + 1) AS text FROM articles;
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='article_bodies', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text)
        VALUES (new.rowid, new.title, substr(new.text, coalesce(new.body_start, 0) + 1));
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, substr(old.text, coalesce(old.body_start, 0) + 1));
    END;
    CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, substr(old.text, coalesce(old.body_start, 0) + 1));
        INSERT INTO articles_fts(rowid, title, text)
        VALUES (new.rowid, new.title, substr(new.text, coalesce(new.body_start, 0) + 1));
    END;
"""


def tables_from_schema(c: sqlite3.Connection) -> None:
    """4: the per-article tables as model/schema.py generates them (the same columns as
    the exports: quotes gain fragments, cue offsets and channel; actors per article their
    aliases; tone is the whole struct; articles where their body starts, past the
    header and byline lines, which search no longer indexes), and the article text
    stored once (the ``record`` column no longer repeats it). Rows are rebuilt from each article's stored record;
    the actor directory (actors, actor_aliases) and the story tables are kept as they are.
    """
    children = [t.store_name for t in TABLES.values() if t.child]
    c.execute("DROP TABLE IF EXISTS event_actors")
    for name in children:
        c.execute(f"DROP TABLE IF EXISTS {name}")
    c.execute("DROP TABLE IF EXISTS articles_fts")
    for trig in ("articles_ai", "articles_ad", "articles_au"):
        c.execute(f"DROP TRIGGER IF EXISTS {trig}")
    c.execute("ALTER TABLE articles RENAME TO articles_v3")
    for name in ("articles_date", "articles_outlet"):
        c.execute(f"DROP INDEX IF EXISTS {name}")
    for table in TABLES:
        for stmt in sqlite_ddl(table):
            c.execute(stmt)
    c.execute("""CREATE TABLE event_actors (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL, role TEXT NOT NULL,
        PRIMARY KEY (event_id, actor_id, role)
    )""")
    c.execute("CREATE INDEX event_actors_actor ON event_actors(actor_id)")
    for stmt in split_sql(FTS_DDL):
        c.execute(stmt)
    # In rowid (ingest) order, so the new rowids and FTS index keep the store's order.
    for digest, raw, text, ingested_at in c.cursor().execute(
            "SELECT content_hash, record, text, ingested_at FROM articles_v3 ORDER BY rowid"):
        insert_article(c, with_text(raw, text), digest, directory=False, ingested_at=ingested_at)
    c.execute("DROP TABLE articles_v3")


def quote_utterances(c: sqlite3.Connection) -> None:
    """5: quotes gain ``utterance``, the first part's id on each part of a quotation
    interrupted by its cue (nlp/utterances.py). A store made new has the column already
    (4 builds the tables from model/schema.py); rows stored before keep NULL until their
    article is ingested again."""
    if "utterance" not in {row[1] for row in c.execute("PRAGMA table_info(quotes)")}:
        c.execute("ALTER TABLE quotes ADD COLUMN utterance TEXT")


MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    # 1: articles with their full record, the extracted tables, and FTS5 over text.
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        title TEXT, date TEXT, outlet TEXT, outlet_country TEXT, language TEXT,
        authors TEXT, standfirst TEXT, url TEXT, path TEXT, format TEXT,
        text TEXT NOT NULL,
        tone REAL,
        record TEXT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX articles_date ON articles(date);
    CREATE INDEX articles_outlet ON articles(outlet);

    CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL, kind TEXT, country TEXT, sector TEXT, role TEXT
    );
    CREATE INDEX actors_name ON actors(name COLLATE NOCASE);

    CREATE TABLE actor_aliases (
        actor_id TEXT NOT NULL, alias TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (actor_id, alias)
    );
    CREATE INDEX actor_aliases_alias ON actor_aliases(alias COLLATE NOCASE);

    -- What each article says of an actor: its role and country then (roles over time).
    CREATE TABLE article_actors (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL, name TEXT, kind TEXT, country TEXT, sector TEXT, role TEXT,
        date TEXT, n_mentions INTEGER NOT NULL,
        PRIMARY KEY (article_id, actor_id)
    );
    CREATE INDEX article_actors_actor ON article_actors(actor_id, date);

    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, kind TEXT
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_actor ON mentions(actor_id);

    CREATE TABLE descriptors (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL, outlet TEXT, text TEXT NOT NULL, start INTEGER, "end" INTEGER
    );
    CREATE INDEX descriptors_actor ON descriptors(actor_id);

    CREATE TABLE quotes (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        content TEXT NOT NULL, start INTEGER, "end" INTEGER, kind TEXT,
        speaker TEXT, speaker_text TEXT, speaker_start INTEGER, speaker_end INTEGER,
        cue TEXT, stance TEXT, about TEXT, date TEXT
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE INDEX quotes_speaker ON quotes(speaker, date);

    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        type TEXT NOT NULL, mode TEXT, cameo TEXT, source TEXT, target TEXT,
        date TEXT, location TEXT, from_caption INTEGER, historical INTEGER,
        said_in TEXT, evidence TEXT, start INTEGER, "end" INTEGER, confidence REAL
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_type ON events(type, date);

    CREATE TABLE event_actors (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL, role TEXT NOT NULL,
        PRIMARY KEY (event_id, actor_id, role)
    );
    CREATE INDEX event_actors_actor ON event_actors(actor_id);

    CREATE TABLE captions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT NOT NULL, start INTEGER, "end" INTEGER, date TEXT, credit TEXT
    );
    CREATE INDEX captions_article ON captions(article_id);

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    """,
    # 2: stories (one real-world occurrence across articles), their blocking index and the
    # terms they were built from, so a new batch joins them without re-reading the store;
    # near-duplicate links and the MinHash bands that find them.
    """
    CREATE TABLE story_terms (
        article_id TEXT PRIMARY KEY, date TEXT, terms TEXT NOT NULL, keys TEXT NOT NULL
    );
    CREATE INDEX story_terms_date ON story_terms(date);
    CREATE TABLE story_df (
        part TEXT NOT NULL, term TEXT NOT NULL, df INTEGER NOT NULL, PRIMARY KEY (part, term)
    ) WITHOUT ROWID;
    CREATE TABLE stories (
        id TEXT PRIMARY KEY, title TEXT, first_date TEXT, last_date TEXT,
        n_articles INTEGER NOT NULL DEFAULT 0, n_sources INTEGER NOT NULL DEFAULT 0,
        n_mentions INTEGER NOT NULL DEFAULT 0, kind TEXT, keys TEXT,
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX stories_last ON stories(last_date);
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, similarity REAL
    );
    CREATE INDEX story_articles_story ON story_articles(story_id);
    CREATE TABLE story_keys (
        key TEXT NOT NULL, story_id TEXT NOT NULL, PRIMARY KEY (key, story_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_keys_story ON story_keys(story_id);
    CREATE TABLE story_events (
        event_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, article_id TEXT NOT NULL
    );
    CREATE INDEX story_events_story ON story_events(story_id);
    CREATE TABLE duplicates (
        article_id TEXT NOT NULL, duplicate_of TEXT NOT NULL, similarity REAL, kind TEXT,
        PRIMARY KEY (article_id, duplicate_of)
    );
    CREATE INDEX duplicates_of ON duplicates(duplicate_of);
    CREATE TABLE dup_bands (
        band TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (band, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX dup_bands_article ON dup_bands(article_id);
    CREATE TABLE dup_signatures (article_id TEXT PRIMARY KEY, sig BLOB NOT NULL);
    """,
    # 3: reactions: each statement of a story's articles with its stance, intensity
    # (corpus/reactions.py), cue, channel, outlet and date; the rhetoric and compare views read it.
    """
    CREATE TABLE reactions (
        quote_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, article_id TEXT NOT NULL, speaker TEXT,
        stance TEXT, intensity REAL, score REAL, cue TEXT, channel TEXT, outlet TEXT, date TEXT
    );
    CREATE INDEX reactions_story ON reactions(story_id);
    CREATE INDEX reactions_speaker ON reactions(speaker, date);
    CREATE INDEX reactions_article ON reactions(article_id);
    """,
    tables_from_schema,
    quote_utterances,
]

SCHEMA_VERSION = len(MIGRATIONS)


def split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
