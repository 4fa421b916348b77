"""One exception tree: every error a user may see names its input and the reason."""
from __future__ import annotations


class NewsgraphError(Exception):
    """Base of all errors newsgraph raises on purpose."""


class InputError(NewsgraphError):
    """One input (a file, a JSONL line, a page) cannot become an article."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason

    def __reduce__(self):  # worker processes send errors back to the parent
        return (type(self), (self.where, self.reason))


class StoreError(NewsgraphError):
    """The store cannot be opened or written (locked, corrupt, wrong schema)."""


class StoreBusy(StoreError):
    """Another process holds the store's write lock for longer than we waited."""


class ArticleTimeout(InputError):
    """One article's analysis ran past the per-article time budget (NEWSGRAPH_ARTICLE_SECONDS)."""
