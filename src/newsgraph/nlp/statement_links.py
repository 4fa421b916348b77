"""Links from statements to the events they are about (``Quote.about``).

The events stage leaves, for each asserted event, where its trigger is and which event a
speech act is about (``denounced the killing``): an ``Anchor`` on ``doc._.ng_event_anchors``.
This stage, after the events stage, reads them and sets each statement's ``about``: the
events its cue governs or its content reports, and for a statement that performs an act,
the event that act is about. The events stage reads the same links (``statement_about``)
but never writes the statements (issue 13: no stage edits another's output).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.model import Quote


@dataclass(frozen=True)
class Anchor:
    """An asserted event's place in the parse."""

    event_id: str
    trigger: int  # token index of the event's trigger
    said_in: str | None  # the statement whose act this is
    about: str | None  # the asserted event this act is about, if any


def governs(head: Token, t: Token, blockers: set[int] = frozenset()) -> bool:
    """Is ``t`` within eight steps below ``head``, with no blocker on the way?"""
    h = t
    for _ in range(8):
        if h == head:
            return True
        if h.i in blockers:
            return False
        if h.head == h:
            return False
        h = h.head
    return False


def statement_about(doc: Doc, quotes: list[Quote], anchors: list[Anchor]) -> dict[str, list[str]]:
    """Quote id -> the ids of the events it is about, in the order they were found."""
    out: dict[str, list[str]] = {}
    for q in quotes:
        about: list[str] = []
        for a in anchors:
            if a.said_in == q.id and a.about is not None and a.about not in about:
                about.append(a.about)
        cue_tok = None
        if q.cue_start is not None:
            span = doc.char_span(q.cue_start, q.cue_end or q.cue_start + 1, alignment_mode="expand")
            cue_tok = span.root if span is not None else None
        # another statement's act stands between this cue and what that act is about
        blockers = {a.trigger for a in anchors if a.said_in and a.said_in != q.id}
        for a in anchors:
            if a.said_in or a.event_id in about:
                continue
            t = doc[a.trigger]
            inside = q.start <= t.idx < q.end or any(s <= t.idx < e for s, e in q.fragments)
            governed = cue_tok is not None and governs(cue_tok, t, blockers)
            if inside or governed:
                about.append(a.event_id)
        out[q.id] = about
    return out


def link_statements(doc: Doc, quotes: list[Quote], anchors: list[Anchor]) -> None:
    """Set each statement's ``about`` (keeping links it already has)."""
    about = statement_about(doc, quotes, anchors)
    for q in quotes:
        for ev_id in about.get(q.id, []):
            if ev_id not in q.about:
                q.about.append(ev_id)
