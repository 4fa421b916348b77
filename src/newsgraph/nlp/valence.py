"""Word valence from VADER's lexicon (vaderSentiment, MIT licence): the table and a
normalised score of a text, shared by article tone (nlp/tone.py) and the statement
stance model (nlp/stance.py), which therefore need not import each other."""
from __future__ import annotations

import re
from functools import lru_cache

NEGATIONS = {"not", "n't", "no", "never", "nor", "neither", "without", "nobody", "nothing", "none",
             "cannot", "hardly"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, float]:
    """VADER's word -> valence table (-4 .. +4); empty if vaderSentiment is missing."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    return dict(SentimentIntensityAnalyzer().lexicon)


def text_score(text: str) -> float:
    """VADER-style normalised sum of valences over ``text`` (-1 .. +1)."""
    lex = lexicon()
    total = 0.0
    last_neg = -10
    for i, m in enumerate(_WORD.finditer(text)):
        w = m.group(0).lower().replace("’", "'")
        if w in NEGATIONS or w.endswith("n't"):
            last_neg = i
            continue
        v = lex.get(w, 0.0)
        if v and i - last_neg <= 3:
            v = -0.74 * v  # VADER's negation damping
        total += v
    if not total:
        return 0.0
    return total / ((total * total + 15) ** 0.5)
