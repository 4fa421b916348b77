"""Is this text English? A stopword-share test: cheap, no model, good enough to refuse
French, Russian or garbage before spaCy's English pipeline turns it into nonsense."""
from __future__ import annotations

import re

_EN = set("""the of and to in a is that for it as was with be by on not he i this are or his from at
which but have an they you were her she there been one all we their has its had will would
who said more also after when than after into over new about says could them some""".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def english_score(text: str, sample: int = 20_000) -> float:
    """Share of words that are common English function words (about 0.3-0.5 for English
    prose, under 0.05 for other languages)."""
    words = _WORD.findall(text[:sample].lower())
    if not words:
        return 0.0
    return sum(w in _EN for w in words) / len(words)


def guess_language(text: str, threshold: float = 0.08) -> str:
    return "en" if english_score(text) >= threshold else "und"
