"""Q&A interviews: each answer turn is a direct statement of the one answering.

Interviews print their turns as paragraphs opened by a speaker label
(``((Jane Doe)) ...``, ``((WN)) : ...``, ``JD: ...``); an answer runs on over the
unlabelled paragraphs that follow it until the next label. The words are the source's
own, so a turn is a direct statement with no cue (docs/annotation.md D2), whether or
not quotation marks surround it. The interviewer's label is told apart by its turns
being questions. Labels and breaks are patterns in ``nlp/data/interviews.json``.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.model import Actor

_DATA = json.loads((Path(__file__).resolve().parent / "data" / "interviews.json").read_text(encoding="utf-8"))
BRACKET = re.compile(_DATA["bracket_label"]["pattern"])
INITIALS = re.compile(_DATA["initials_label"]["pattern"])
BREAK = re.compile(_DATA["turn_breaks"]["pattern"])
QUESTION_SHARE = float(_DATA["question_share"]["value"])
MIN_LABELLED = int(_DATA["min_labelled"]["value"])
PARAGRAPH = re.compile(r"[^\n]+")
# The channel of an answer turn's statement; later stages read whole turns differently
# from a quoted sentence or two.
INTERVIEW = "interview"



@dataclass
class Turn:
    """One speaker's turn: its label and the content paragraphs after the label."""

    label: str
    label_start: int
    label_end: int
    fragments: list[list[int]] = field(default_factory=list)
    question: bool = False  # the interviewer's turn

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


@dataclass
class _Para:
    start: int
    end: int
    label: str | None = None
    label_start: int = -1
    label_end: int = -1
    content_start: int = -1


def _paragraphs(text: str) -> list[_Para]:
    out = []
    for m in PARAGRAPH.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(_Para(s, e))
    return out


def initials(name: str) -> str:
    """``Michael Siegel`` -> ``MS``."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def find_turns(text: str, persons: list[str], in_body: Callable[[int], bool]) -> list[Turn]:
    """The turns of an interview in ``text`` (none when it is not one). ``persons``
    are the names of the article's people, for initials labels; ``in_body`` tells a
    body paragraph from a caption or credit."""
    paras = [p for p in _paragraphs(text) if in_body(p.start)]
    bracketed = 0
    for p in paras:
        m = BRACKET.match(text, p.start, p.end)
        if m:
            p.label, p.label_start, p.label_end, p.content_start = m.group("label"), m.start("label"), m.end("label"), m.end()
            bracketed += 1
    if bracketed < MIN_LABELLED:
        return []
    # Initials count only when they recur as labels or stand for a person of the article.
    known = {initials(n) for n in persons if len(n.split()) >= 2}
    found: list[tuple[_Para, re.Match[str]]] = []
    for p in paras:
        if p.label is None:
            m = INITIALS.match(text, p.start, p.end)
            if m:
                found.append((p, m))
    counts = Counter(m.group("label") for _, m in found)
    for p, m in found:
        lab = m.group("label")
        if counts[lab] >= 2 or lab in known:
            p.label, p.label_start, p.label_end, p.content_start = lab, m.start("label"), m.end("label"), m.end()
    # The interviewer's label is the one whose turns are questions.
    asked: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for p in paras:
        if p.label is not None:
            seen[p.label] += 1
            asked[p.label] += text[p.start:p.end].rstrip().endswith("?")
    interviewer = {lab for lab in seen if asked[lab] >= QUESTION_SHARE * seen[lab]}
    turns: list[Turn] = []
    cur: Turn | None = None
    for p in paras:
        if p.label is not None:
            cur = None
            if p.content_start >= p.end:
                continue
            cur = Turn(p.label, p.label_start, p.label_end, [[p.content_start, p.end]],
                       question=p.label in interviewer)
            turns.append(cur)
        elif cur is not None and not cur.question and not BREAK.match(text, p.start, p.end):
            cur.fragments.append([p.start, p.end])
        else:
            cur = None
    return turns


def label_actor(label: str, actors: list[Actor]) -> Actor | None:
    """The person (or organisation) a turn label names: the whole name, its last word,
    or its initials."""
    low = label.lower()
    people = [a for a in actors if a.kind in ("person", "organization")]
    for a in people:
        if a.name.lower() == low or any(m.text.lower() == low for m in a.mentions):
            return a
    words = low.split()
    for a in people:
        if a.kind == "person" and words and a.name.lower().split()[-1:] == words[-1:]:
            return a
    if label.isupper() and 2 <= len(label) <= 3:
        hits = [a for a in people if a.kind == "person" and initials(a.name) == label]
        if len(hits) == 1:
            return hits[0]
    return None
