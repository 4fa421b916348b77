"""One utterance, several statements: a quotation interrupted by its own cue.

``"A," he said. "B."`` is two statements of the same speaker with the same cue (the
shared guideline, as the Wikinews and Gender Gap Tracker gold mark it), and a system may
link the two as one utterance. PolNeAR (PARC style) keeps them as one attribution with
discontinuous content. The parts keep their own statements; each carries ``utterance``,
the id of the utterance's first part, so a reader (or a scorer of PARC-style gold) can
put the words back together.
"""
from __future__ import annotations

from newsgraph.model import Quote

MAX_GAP = 200  # characters between the parts: the cue clause, not a paragraph of narration


def _continues(a: Quote, b: Quote, text: str) -> bool:
    """``b`` goes on with ``a``'s words: both quoted, one cue between them, one speaker."""
    if a.kind == "indirect" or b.kind == "indirect" or a.cue_start is None:
        return False
    if b.cue_start != a.cue_start or not a.end <= a.cue_start < b.start:
        return False
    if (a.speaker, a.speaker_text) != (b.speaker, b.speaker_text) or a.speaker_text is None:
        return False
    gap = text[a.end:b.start]
    return len(gap) <= MAX_GAP and "\n" not in gap.strip()


def link_utterances(quotes: list[Quote], text: str) -> None:
    """Set ``utterance`` on every part of an interrupted quotation (the parts in text order,
    each sharing its cue and speaker with the one before); other statements keep None."""
    ordered = sorted(quotes, key=lambda q: q.start)
    for a, b in zip(ordered, ordered[1:]):
        if _continues(a, b, text):
            first = a.utterance or a.id
            a.utterance = first
            b.utterance = first


def joined(record: dict) -> dict:
    """An exported article record with each linked utterance as one statement (the first
    part's fields, the content running from the first part's start to the last part's end,
    the parts as ``fragments``): the reading of PARC-style gold such as PolNeAR's."""
    parts: dict[str, list[dict]] = {}
    for q in record.get("quotes") or []:
        if q.get("utterance"):
            parts.setdefault(q["utterance"], []).append(q)
    if not parts:
        return record
    quotes = []
    for q in record.get("quotes") or []:
        group = parts.get(q.get("utterance") or "")
        if group is None:
            quotes.append(q)
        elif q is group[0]:  # the group's place in the list; its fields from the part read first
            group = sorted(group, key=lambda p: p["start"])
            spans = [f for p in group for f in (p.get("fragments") or [[p["start"], p["end"]]])]
            quotes.append(dict(group[0], start=group[0]["start"], end=group[-1]["end"], fragments=spans,
                               content=" ".join(p["content"] for p in group)))
    return dict(record, quotes=quotes)
