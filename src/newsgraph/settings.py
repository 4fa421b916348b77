"""The one settings object: limits and defaults, overridable by environment variables."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True)
class Settings:
    db_path: str = field(default_factory=lambda: os.environ.get("NEWSGRAPH_DB", "newsgraph.db"))
    # Files larger than this are refused whole (a JSONL file is read line by line, so
    # the limit applies to each line there).
    max_file_bytes: int = field(default_factory=lambda: _env_int("NEWSGRAPH_MAX_FILE_BYTES", 20_000_000))
    # Longer article texts are refused: spaCy's memory grows with the text.
    max_article_chars: int = field(default_factory=lambda: _env_int("NEWSGRAPH_MAX_ARTICLE_CHARS", 1_000_000))
    # Per-article time budget, in seconds: reading, cleaning, parsing and the rule stages
    # of one article together; an article over it is reported and skipped.
    article_time_budget: float = field(default_factory=lambda: _env_float("NEWSGRAPH_ARTICLE_SECONDS", 60.0))
    # How long a writer waits for another process's write lock on the store, in seconds.
    busy_seconds: float = field(default_factory=lambda: _env_float("NEWSGRAPH_BUSY_SECONDS", 30.0))
    # spaCy's batch in bench's bare-parsing baseline. Extraction parses one article at a
    # time, so that its time budget covers its parse (batches gained no throughput; memory
    # grew with them, measured on 128 articles: 8 -> 258 MB, 64 -> 642 MB).
    batch_size: int = field(default_factory=lambda: _env_int("NEWSGRAPH_BATCH", 8))
    # Articles per store transaction: a crash loses at most this many.
    write_batch: int = field(default_factory=lambda: _env_int("NEWSGRAPH_WRITE_BATCH", 64))
    # Events whose calibrated confidence (the probability that type and parties are right)
    # is below this are left out: 0 keeps every event; higher trades recall for precision.
    min_event_confidence: float = field(default_factory=lambda: _env_float("NEWSGRAPH_MIN_CONFIDENCE", 0.0))
    min_english_score: float = 0.04


def get_settings() -> Settings:
    return Settings()
