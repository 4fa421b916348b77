"""Plain text in the example's shape: a ``date`` header, title, byline, body."""
from __future__ import annotations

from newsgraph.ingest.clean import clean
from newsgraph.ingest.common import check_text, stable_id
from newsgraph.model import Article, Source
from newsgraph.settings import Settings


def read_text(text: str, where: str, settings: Settings, path: str | None = None) -> Article:
    check_text(text, where, settings)
    article = Article(id=stable_id(text), text=text, source=Source(path=path, format="text"))
    return clean(article)
