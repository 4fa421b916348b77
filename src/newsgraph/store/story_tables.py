"""Writes to the story tables that the article writer needs (the story builder itself
lives in newsgraph.corpus.stories)."""
from __future__ import annotations

import json
import sqlite3


def forget_article(c: sqlite3.Connection, article_id: str) -> None:
    """Take an article out of its story, the duplicate index and the document
    frequencies, so that a new version of it is clustered afresh. The story keeps its
    id; its figures are refreshed when the pending articles are next clustered."""
    row = c.execute("SELECT terms FROM story_terms WHERE article_id=?", (article_id,)).fetchone()
    if row is not None:
        terms = json.loads(row[0])
        for part in ("text", "lead"):
            c.executemany("UPDATE story_df SET df=df-1 WHERE part=? AND term=?",
                          [(part, t) for t in terms.get(part, {})])
        c.execute("DELETE FROM story_terms WHERE article_id=?", (article_id,))
    story = c.execute("SELECT story_id FROM story_articles WHERE article_id=?", (article_id,)).fetchone()
    if story is not None:
        # Marked stale: the next clustering pass recounts it (or drops it when empty).
        c.execute("UPDATE stories SET updated_at='' WHERE id=?", (story[0],))
    for t in ("story_articles", "story_events", "reactions", "dup_bands", "dup_signatures"):
        c.execute(f"DELETE FROM {t} WHERE article_id=?", (article_id,))
    c.execute("DELETE FROM duplicates WHERE article_id=? OR duplicate_of=?", (article_id, article_id))
