"""Date-windowed blocking keys, so that the cost of placing a new article does not grow
with the size of the store.

A key a story or an article is indexed by (a heavy name or number for stories, a MinHash
band for near-duplicates) is stored prefixed with a month: ``@2020-06|N:aceh``. A new
article looks its keys up only in the months its date window covers (two or three for a
window of two weeks), so a common key ("#12", a country's name) brings the stories of
those months, not every story that ever mentioned it. Undated articles and stories are
kept under ``@undated``: without a date they cannot be ruled out, and every article also
looks there.

Keys stored before the prefix existed are rewritten once (``upgrade_legacy`` and
duplicates.upgrade_bands).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date, timedelta

UNDATED = "@undated"


def day(d: str | None) -> date | None:
    """A stored date ("2020-06-23", "2020-06" or "2020") as a date, or None."""
    if not d:
        return None
    parts = (d.split("-") + ["1", "1"])[:3]
    try:
        return date(int(parts[0]), int(parts[1] or 1), int(parts[2] or 1))
    except ValueError:
        return None


def month_tag(d: date | None) -> str:
    return UNDATED if d is None else f"@{d.year:04d}-{d.month:02d}"


def _months(first: date, last: date) -> list[str]:
    out: list[str] = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"@{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def window_tags(d: date | None, window: timedelta) -> list[str]:
    """The months an article dated ``d`` looks its keys up in; undated ones are always
    included."""
    if d is None:
        return [UNDATED]
    try:
        lo, hi = d - window, d + window
    except OverflowError:
        lo, hi = d, d
    return [*_months(lo, hi), UNDATED]


def span_tags(first: date | None, last: date | None, max_months: int) -> list[str]:
    """The months a story is indexed under: those its articles span, at most the latest
    ``max_months`` (a story running for years is joined where it is still running)."""
    if first is None or last is None:
        return [UNDATED]
    tags = _months(min(first, last), max(first, last))
    return tags[-max_months:]


def tagged(tags: Iterable[str], keys: Iterable[str]) -> list[str]:
    ks = list(keys)
    return [f"{t}|{k}" for t in tags for k in ks]


def upgrade_legacy(c: sqlite3.Connection, max_months: int) -> int:
    """Prefix the story keys of a store built before month tags (its duplicate bands:
    duplicates.upgrade_bands). The check is a range lookup on the primary key, so a
    current store pays nothing."""
    n = 0
    # Untagged story keys start with "#", "A:" or "N:" (below or above "@"); tagged ones with "@".
    legacy = c.execute("SELECT 1 FROM story_keys WHERE key < '@' LIMIT 1").fetchone() or \
        c.execute("SELECT 1 FROM story_keys WHERE key >= 'A' LIMIT 1").fetchone()
    if legacy:
        rows = c.execute("SELECT k.key, k.story_id, s.first_date, s.last_date FROM story_keys k "
                         "LEFT JOIN stories s ON s.id = k.story_id WHERE k.key < '@' OR k.key >= 'A'").fetchall()
        c.execute("DELETE FROM story_keys WHERE key < '@' OR key >= 'A'")
        new = [(t, sid) for key, sid, f, la in rows for t in tagged(span_tags(day(f), day(la), max_months), [key])]
        c.executemany("INSERT OR IGNORE INTO story_keys (key, story_id) VALUES (?,?)", new)
        n += len(rows)
    return n
