"""Stance and intensity of a statement, from a trained linear model.

Guideline: docs/annotation.md, section E (stance toward what the statement is about:
negative / neutral / positive; intensity 0 none .. 3 strongest). The models are fitted by
scripts/train/train_stance.py on the train split of data/annotated/stance only and ship
as ``models/stance.json.gz`` (three stances) and ``models/stance_intensity.json.gz``
(intensity 1-3 of a statement that takes a stance). Without them ``classify`` returns
None and callers keep their lexicon rules.

The features are the statement's words (negated words marked, so "not acceptable" is not
"acceptable"), word pairs, the cue's words (to denounce is not to say), and two lexicon
readings: VADER's compound valence and the tone lexicon's score. The lexicons alone read
"paranoia ... playing it safe" as warm; the words' weights learnt from labelled
statements correct them where the corpus says they are wrong.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

from newsgraph.nlp.linear import load_model
from newsgraph.nlp.valence import text_score

STANCES = ("negative", "neutral", "positive")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*|\d+|[!?]")
_NEGATORS = frozenset({"not", "no", "never", "nothing", "none", "nor", "neither", "without", "cannot", "hardly"})
_SCOPE = 3  # words after a negator that it turns


@cache
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _tokens(text: str) -> list[str]:
    return [m.group().lower().replace("’", "'") for m in _WORD.finditer(text or "")]


def features(content: str, cue: str | None) -> dict[str, float]:
    """Sparse named features of one statement (its reported words and its cue)."""
    out: dict[str, float] = {}
    toks = _tokens(content)
    marked: list[str] = []
    neg_left = 0
    for t in toks:
        if t in _NEGATORS or t.endswith("n't"):
            neg_left = _SCOPE
            marked.append("NEG")
            continue
        marked.append(("not_" + t) if neg_left else t)
        neg_left = max(0, neg_left - 1)
    for t in marked:
        out["w=" + t] = 1.0
    for a, b in pairwise(marked):
        out[f"b={a}_{b}"] = 1.0
    for t in _tokens(cue or ""):
        out["cue=" + t] = 1.0
    if not cue:
        out["cue=NONE"] = 1.0
    # VADER splits on whitespace: curly quotes would hide a word from its lexicon.
    plain = re.sub(r"[“”‘’«»„\"]", " ", content or "")
    compound = float(_vader().polarity_scores(plain)["compound"])
    out["vader_pos"] = max(0.0, compound)
    out["vader_neg"] = max(0.0, -compound)
    lex = text_score(content or "")
    out["lex_pos"] = max(0.0, lex)
    out["lex_neg"] = max(0.0, -lex)
    n = len(toks)
    out["len=" + ("short" if n < 6 else "mid" if n < 20 else "long")] = 1.0
    out["bias_all"] = 1.0
    return out


@dataclass(frozen=True)
class StanceReading:
    stance: str  # negative | neutral | positive
    level: int  # 0 .. 3, the guideline's intensity: 0 when neutral
    intensity: float  # expected intensity 0 .. 3, for ranking statements of one stance
    probabilities: dict[str, float]


def classify(content: str, cue: str | None = None) -> StanceReading | None:
    """The trained models' reading of a statement, or None when they are not shipped."""
    sm = load_model("stance")
    im = load_model("stance_intensity")
    if sm is None or im is None:
        return None
    f = features(content, cue)
    p = sm.proba(f)
    stance = max(STANCES, key=lambda s: (p.get(s, 0.0), s == "neutral"))
    pi = im.proba(f)
    levels = {int(k): v for k, v in pi.items()}
    charged = 1.0 - p.get("neutral", 0.0)
    expected = charged * sum(k * v for k, v in levels.items())
    level = 0 if stance == "neutral" else max(levels, key=lambda k: (levels[k], -k))
    return StanceReading(stance, level, round(expected, 3), {k: round(v, 4) for k, v in p.items()})
