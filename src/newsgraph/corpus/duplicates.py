"""Near-duplicate articles: syndicated wire copies and updated versions of one report.

MinHash signatures over word shingles come from datasketch; the signature is cut into
bands whose hashes are stored (``dup_bands``) under the article's month, so a new
article finds its candidates with one indexed lookup per band and month of its date
window (corpus/blocking.py) however large and however old the store, and each candidate
is confirmed by the signatures' estimated Jaccard similarity. A copy or update is
published within days of its original; a band shared with an article of another year
is boilerplate, not syndication.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from datasketch import MinHash

from newsgraph.corpus.blocking import month_tag, window_tags
from newsgraph.corpus.features import settings

_WORD = re.compile(r"\w+")
# Named, so that signatures stored by one version of datasketch compare with the next.
SCHEME = "affine64"


@dataclass(frozen=True)
class Duplicate:
    article_id: str
    duplicate_of: str
    similarity: float
    kind: str  # "copy" | "update"


def signature(text: str) -> MinHash:
    p = settings()["duplicates"]
    words = _WORD.findall(text.lower())
    k = p["shingle"]
    m = MinHash(num_perm=p["num_perm"], seed=1, scheme=SCHEME)
    shingles = {" ".join(words[i:i + k]) for i in range(max(1, len(words) - k + 1))}
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


def bands(sig: MinHash) -> list[str]:
    p = settings()["duplicates"]
    hv = sig.hashvalues
    r = len(hv) // p["bands"]
    return [f"{b}:" + hashlib.blake2b(hv[b * r:(b + 1) * r].tobytes(), digest_size=8).hexdigest()
            for b in range(p["bands"])]


def _load(blob: bytes) -> MinHash:
    p = settings()["duplicates"]
    return MinHash(num_perm=p["num_perm"], seed=1, scheme=SCHEME, hashvalues=np.frombuffer(blob, dtype=np.uint64))


def kind_of(similarity: float) -> str | None:
    p = settings()["duplicates"]
    if similarity >= p["copy"]:
        return "copy"
    if similarity >= p["update"]:
        return "update"
    return None


def find_and_store(c: sqlite3.Connection, articles: Iterable[tuple[str, str, date | None]]) -> list[Duplicate]:
    """Index each (id, text, date) and link it to the articles already indexed (or earlier
    in ``articles``) within the date window that it nearly duplicates. Returns the links
    made."""
    found: list[Duplicate] = []
    window = timedelta(days=settings()["blocking"]["window_days"])
    for aid, text, when in articles:
        sig = signature(text)
        own = bands(sig)
        keys = [f"{t}|{b}" for t in window_tags(when, window) for b in own]
        marks = ",".join("?" * len(keys))
        cands = {r[0] for r in c.execute(f"SELECT DISTINCT article_id FROM dup_bands WHERE band IN ({marks})", keys)}
        cands.discard(aid)
        for other in sorted(cands):
            row = c.execute("SELECT sig FROM dup_signatures WHERE article_id=?", (other,)).fetchone()
            if row is None:
                continue
            sim = float(sig.jaccard(_load(row[0])))
            kind = kind_of(sim)
            if kind:
                found.append(Duplicate(aid, other, round(sim, 4), kind))
        c.execute("INSERT OR REPLACE INTO dup_signatures (article_id, sig) VALUES (?, ?)",
                  (aid, sig.hashvalues.astype(np.uint64).tobytes()))
        tag = month_tag(when)
        c.executemany("INSERT OR IGNORE INTO dup_bands (band, article_id) VALUES (?, ?)",
                      [(f"{tag}|{b}", aid) for b in own])
    c.executemany("INSERT OR REPLACE INTO duplicates (article_id, duplicate_of, similarity, kind) VALUES (?,?,?,?)",
                  [(d.article_id, d.duplicate_of, d.similarity, d.kind) for d in found])
    return found
