"""What every reader shares: stable ids, decoding, the checks that refuse bad input."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from itertools import islice

from newsgraph.budget import article_budget, cpu_clock
from newsgraph.errors import InputError
from newsgraph.ingest.language import english_score, other_language
from newsgraph.model import Article
from newsgraph.settings import Settings


def stable_id(text: str) -> str:
    """A hash of the normalised text: the same article read twice gets the same id."""
    norm = unicodedata.normalize("NFC", text)
    norm = re.sub(r"\s+", " ", norm).strip().lower()
    return "a-" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


def decode(data: bytes, where: str) -> str:
    """UTF-8 (with or without BOM), else refuse: binary data and other encodings are
    reported, not guessed at."""
    if not data.strip():
        raise InputError(where, "empty input")
    head = data[:8192]
    if b"\x00" in head:
        raise InputError(where, "binary data (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})") from None
    # Control characters other than white space mean a binary file that happens to decode.
    ctrl = sum(1 for c in text[:8192] if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f\v")
    if ctrl > max(8, len(text[:8192]) // 100):
        raise InputError(where, "binary data (control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_text(text: str, where: str, settings: Settings) -> None:
    """Refuse article texts the pipeline should not see."""
    if not text or not text.strip():
        raise InputError(where, "no article text")
    if len(text) > settings.max_article_chars:
        raise InputError(where, f"article is {len(text):,} characters, over the limit of "
                                f"{settings.max_article_chars:,} (NEWSGRAPH_MAX_ARTICLE_CHARS)")
    if len(list(islice(filter(str.isalpha, text), 20))) < 20:  # stops at the 20th letter
        raise InputError(where, "too little text to be an article")
    score = english_score(text)
    if score < settings.min_english_score:
        raise InputError(where, f"text does not look like English (function-word share {score:.2f}); "
                                "newsgraph's pipeline is English-only")
    other = other_language(text)
    if other:
        raise InputError(where, f"text looks like {other[0]}, not English (function-word share "
                                f"{other[1]:.2f} against {score:.2f}); newsgraph's pipeline is English-only")


def within_budget(read: Callable[[], Article], where: str, settings: Settings) -> Article:
    """Read and clean one article inside its time budget, and note on it the time that
    took: parsing and extraction then get only what is left of the same budget."""
    t0 = cpu_clock()
    with article_budget(settings.article_time_budget, where):
        article = read()
    article.budget_spent = cpu_clock() - t0
    return article
