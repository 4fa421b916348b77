"""Near-duplicate articles: syndicated wire copies and updated versions of one report.

MinHash signatures over word shingles come from datasketch; the signature is cut into
bands whose hashes are stored (``dup_bands``) under the article's month, so a new
article finds its candidates with one indexed lookup per band and month of its date
window (corpus/blocking.py) however large and however old the store, and each candidate
is confirmed by the signatures' estimated Jaccard similarity. A copy or update is
published within days of its original; a band shared with an article of another year
is boilerplate, not syndication.

A paper that prints the first third of a wire story prints a copy, but the two texts'
Jaccard similarity is a third. So the number of shingles is stored with each signature,
and from the estimated Jaccard J and the two sizes the share of the shorter text found in
the longer one (J / (1 + J) * (|A| + |B|) / min(|A|, |B|)) is estimated too: a text
mostly contained in another is an update of it, whatever its length.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import numpy as np
from datasketch import MinHash

from newsgraph.corpus.blocking import day, month_tag, window_tags
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


def shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    k = settings()["duplicates"]["shingle"]
    return {" ".join(words[i:i + k]) for i in range(max(1, len(words) - k + 1))}


@cache
def _permutations() -> object:
    """The seeded permutations, drawn once: drawing them is most of a MinHash's set-up."""
    p = settings()["duplicates"]
    return MinHash(num_perm=p["num_perm"], seed=1, scheme=SCHEME).permutations


def signature(text: str, sh: set[str] | None = None) -> MinHash:
    p = settings()["duplicates"]
    m = MinHash(num_perm=p["num_perm"], seed=1, scheme=SCHEME, permutations=_permutations())
    m.update_batch([s.encode("utf-8") for s in (shingles(text) if sh is None else sh)])
    return m


def bands(sig: MinHash | np.ndarray) -> list[str]:
    p = settings()["duplicates"]
    hv = sig.hashvalues if isinstance(sig, MinHash) else sig
    r = len(hv) // p["bands"]
    # The rows per band are part of the key: bands cut another way never match by accident.
    return [f"{r}r{b}:" + hashlib.blake2b(hv[b * r:(b + 1) * r].tobytes(), digest_size=8).hexdigest()
            for b in range(p["bands"])]


def _blob(sig: MinHash, size: int) -> bytes:
    """The signature's hash values, then the number of shingles."""
    return np.append(sig.hashvalues.astype(np.uint64), np.uint64(size)).tobytes()


def load(blob: bytes) -> tuple[np.ndarray, int | None]:
    """A stored signature's hash values and its number of shingles (None when stored
    without it)."""
    p = settings()["duplicates"]
    hv = np.frombuffer(blob, dtype=np.uint64)
    size = int(hv[-1]) if len(hv) == p["num_perm"] + 1 else None
    return hv[:p["num_perm"]], size


def jaccard(a: MinHash, b: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of equal hash values (as MinHash.jaccard,
    without building a MinHash for the stored side)."""
    return float(np.count_nonzero(a.hashvalues == b)) / len(b)


def containment(jaccard: float, a: int | None, b: int | None) -> float:
    """Estimated share of the smaller shingle set found in the larger (0 when a size is
    unknown or too small to say: a two-line brief is contained in many articles)."""
    if not a or not b or min(a, b) < settings()["duplicates"]["min_shingles"]:
        return 0.0
    return min(1.0, jaccard / (1.0 + jaccard) * (a + b) / min(a, b))


def kind_of(similarity: float, contained: float = 0.0) -> str | None:
    p = settings()["duplicates"]
    if similarity >= p["copy"]:
        return "copy"
    if similarity >= p["update"] or contained >= p["contained"]:
        return "update"
    return None


def find_and_store(c: sqlite3.Connection, articles: Iterable[tuple[str, str, date | None]]) -> list[Duplicate]:
    """Index each (id, text, date) and link it to the articles already indexed (or earlier
    in ``articles``) within the date window that it nearly duplicates. Returns the links
    made."""
    found: list[Duplicate] = []
    window = timedelta(days=settings()["blocking"]["window_days"])
    for aid, text, when in articles:
        sh = shingles(text)
        sig = signature(text, sh)
        own = bands(sig)
        keys = [f"{t}|{b}" for t in window_tags(when, window) for b in own]
        marks = ",".join("?" * len(keys))
        cands = {r[0] for r in c.execute(f"SELECT DISTINCT article_id FROM dup_bands WHERE band IN ({marks})", keys)}
        cands.discard(aid)
        for other in sorted(cands):
            row = c.execute("SELECT sig FROM dup_signatures WHERE article_id=?", (other,)).fetchone()
            if row is None:
                continue
            other_sig, other_size = load(row[0])
            sim = jaccard(sig, other_sig)
            kind = kind_of(sim, containment(sim, len(sh), other_size))
            if kind:
                found.append(Duplicate(aid, other, round(sim, 4), kind))
        c.execute("INSERT OR REPLACE INTO dup_signatures (article_id, sig) VALUES (?, ?)",
                  (aid, _blob(sig, len(sh))))
        tag = month_tag(when)
        c.executemany("INSERT OR IGNORE INTO dup_bands (band, article_id) VALUES (?, ?)",
                      [(f"{tag}|{b}", aid) for b in own])
    c.executemany("INSERT OR REPLACE INTO duplicates (article_id, duplicate_of, similarity, kind) VALUES (?,?,?,?)",
                  [(d.article_id, d.duplicate_of, d.similarity, d.kind) for d in found])
    return found


def upgrade_bands(c: sqlite3.Connection) -> int:
    """Re-band, from their stored signatures and under their month, the articles of a
    store whose bands predate month tags (keys starting with the band's number, below
    "@"); a range lookup on the primary key when there are none."""
    if not c.execute("SELECT 1 FROM dup_bands WHERE band < '@' LIMIT 1").fetchone():
        return 0
    ids = [r[0] for r in c.execute("SELECT DISTINCT article_id FROM dup_bands WHERE band < '@'")]
    c.execute("DELETE FROM dup_bands WHERE band < '@'")
    for aid in ids:
        row = c.execute("SELECT s.sig, a.date FROM dup_signatures s LEFT JOIN articles a ON a.id = s.article_id "
                        "WHERE s.article_id=?", (aid,)).fetchone()
        if row is None:
            continue
        c.execute("DELETE FROM dup_bands WHERE article_id=?", (aid,))
        tag = month_tag(day(row[1]))
        c.executemany("INSERT OR IGNORE INTO dup_bands (band, article_id) VALUES (?, ?)",
                      [(f"{tag}|{b}", aid) for b in bands(load(row[0])[0])])
    return len(ids)
