"""Reactions: the statements an article of a story reports, with a stance toward what
they are about, an intensity, and the channel they were made through.

Stance and intensity come from the trained statement models (newsgraph.nlp.stance,
fitted on the annotated corpus's stance labels): a stance, an intensity level 0-3 as
the guideline defines it, and an expected intensity that ranks two reactions of one
stance. Without shipped models the lexicon rules of ``lexicon_assess`` decide: the cue
verb first (to denounce is harsher than to criticise, which is harsher than to say), the
content's VADER valence second, intensifiers and hedges scaling the strength; they are
also the baseline the models are measured against (bench/train_stance.json).
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from newsgraph.nlp.stance import classify

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


@cache
def lexicon() -> dict[str, Any]:
    return json.loads(resources.files("newsgraph.corpus").joinpath("data/stance.json").read_text("utf-8"))


@cache
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    analyzer.lexicon.update({w: float(v) for w, v in lexicon()["valence"].items() if w != "about"})
    return analyzer


@dataclass(frozen=True)
class Assessment:
    stance: str  # negative | neutral | positive
    intensity: float  # 0 .. 1 from the lexicon; 0 .. 3 (expected level) from ``assess``
    score: float  # signed, -1 .. 1: the harshest statement has the lowest
    level: int = 0  # the guideline's intensity 0 .. 3 (0: no stance)


def cue_strength(cue: str | None) -> float | None:
    """The signed strength a cue carries, or None for a cue with no evaluation of its own."""
    if not cue:
        return None
    cues = lexicon()["cues"]
    for w in _WORD.findall(cue.lower()):
        if w in cues and w != "about":
            return float(cues[w])
    return None


def assess(content: str, cue: str | None = None) -> Assessment:
    """Stance, intensity (0 .. 3) and signed score of a statement: the trained models'
    reading when they ship, else the lexicon's on the same scale."""
    # A neutral statement has intensity 0, as the guideline has it; its signed score still
    # ranks it among the mildest or harshest.
    m = classify(content, cue)
    if m is None:
        a = lexicon_assess(content, cue)
        level = 0 if a.stance == "neutral" else max(1, min(3, round(a.intensity * 3)))
        return Assessment(a.stance, round(a.intensity * 3, 3) if level else 0.0, a.score, level)
    pos, neg = m.probabilities.get("positive", 0.0), m.probabilities.get("negative", 0.0)
    lean = (pos - neg) / (pos + neg) if pos + neg else 0.0
    return Assessment(m.stance, m.intensity if m.level else 0.0, round(lean * m.intensity / 3, 3), m.level)


def lexicon_assess(content: str, cue: str | None = None) -> Assessment:
    """The lexicon rules: cue strength, VADER valence, intensifiers; intensity 0 .. 1."""
    lex = lexicon()
    # VADER splits on whitespace only: a word in curly quotes would not be found in its lexicon.
    plain = re.sub(r"[“”‘’«»„\"]", " ", content or "")
    valence = float(_vader().polarity_scores(plain)["compound"])
    strength = cue_strength(cue)
    share = lex["cue_share"]["value"]
    score = valence if strength is None else share * strength + (1 - share) * valence
    factor = 1.0
    for w in _WORD.findall((content or "").lower()):
        f = lex["intensifiers"].get(w)
        if isinstance(f, (int, float)):
            factor *= float(f)
    score = max(-1.0, min(1.0, score * factor))
    th = lex["threshold"]["value"]
    stance = "negative" if score <= -th else "positive" if score >= th else "neutral"
    return Assessment(stance, round(min(1.0, abs(score)), 3), round(score, 3))


def channel(text: str, start: int | None, end: int | None, window: int = 160) -> str | None:
    """Where a statement was made, from the words around it (its sentence and a little
    more): "in a statement posted on the Kremlin's website" -> statement."""
    if start is None or end is None:
        return None
    around = text[max(0, start - window):min(len(text), end + window)].lower()
    best: tuple[int, str] | None = None
    for label, words in lexicon()["channels"].items():
        if label == "about":
            continue
        for w in words:
            for m in re.finditer(r"\b" + re.escape(w) + r"\b", around):
                # The channel word nearest the statement wins.
                d = abs(m.start() - min(start, window))
                if best is None or d < best[0]:
                    best = (d, label)
    return best[1] if best else None


def store_reactions(c: sqlite3.Connection, story_id: str, article_ids: list[str]) -> int:
    """(Re)write the reactions of one story: every statement of its articles."""
    c.execute("DELETE FROM reactions WHERE story_id=?", (story_id,))
    rows = []
    for i in range(0, len(article_ids), 500):
        part = article_ids[i:i + 500]
        q = ('SELECT q.id, q.article_id, q.content, q.start, q."end", q.speaker, q.cue, a.outlet, a.date, a.text '
             f"FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.article_id IN ({','.join('?' * len(part))})")
        for qid, aid, content, start, end, speaker, cue, outlet, date, text in c.execute(q, part):
            a = assess(content, cue)
            rows.append((qid, story_id, aid, speaker, a.stance, a.intensity, a.score, cue,
                         channel(text or "", start, end), outlet, date))
    c.executemany("INSERT OR REPLACE INTO reactions (quote_id, story_id, article_id, speaker, stance, intensity, score,"
                  " cue, channel, outlet, date) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    return len(rows)
