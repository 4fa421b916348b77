"""The SQLite store and its queries."""
from newsgraph.store.db import Store

__all__ = ["Store"]
