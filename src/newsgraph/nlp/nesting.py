"""One statement per report: a report nested inside another's content is part of it.

``He noted that the House rejected the demarcation``: ``rejected`` is what he noted, not
a statement of its own; ``She said she believed he was innocent`` is one statement of hers.
The gold of every set marks the outer report only. The exception is a source that
``according to`` puts on record (``Witnesses, according to The Telegraph, said ...``):
the inner report has a cue and a source of its own, and the outlet only relays it, so
the inner one stays and the ``according to`` wrapper goes.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.nlp.cues import SAY_VERBS

if TYPE_CHECKING:
    from newsgraph.nlp.candidates import Cand


def _inside(pos: int, c: Cand) -> bool:
    return any(fs <= pos < fe for fs, fe in c.fragments)


RELAY = frozenset(("according", "report", "cite", "by", "per"))


def _relays(outer: Cand, inner: Cand) -> bool:
    """``according to X`` or ``X reported`` around another source's report: X relays it."""
    a = outer.cue_tok
    return a is not None and (a.lower_ in RELAY or a.lemma_.lower() in RELAY)


def _reports(c: Cand) -> bool:
    """A report in its own right: a speech verb in the indicative (``a source said``),
    not a belief or an intention (``she believed``, ``would like to confirm``)."""
    t = c.cue_tok
    return (t is not None and t.lemma_.lower() in SAY_VERBS and t.dep_ != "xcomp" and t.tag_ != "VB"
            and c.subj is not None and c.subj.pos_ != "PRON")


def drop_nested(cands: list[Cand]) -> list[Cand]:
    """The candidates without the reports nested in another's content. Nested means the
    inner cue and its source both lie inside the outer content (a parenthetical source
    outside it, ``the fuel, officials said, ...``, is not nested); a report with no
    source (``was declared to have won``) stands on its own. A speech report with its own
    source stays beside the outer one, and replaces it when the outer one only relays it."""
    reported = [c for c in cands if c.kind != "direct" and c.cue_tok is not None and not c.label]
    drop: set[int] = set()
    for inner in reported:
        if inner.subj is None:
            continue
        for outer in reported:
            if outer is inner or id(outer) in drop or id(inner) in drop:
                continue
            if not (_inside(inner.cue_tok.idx, outer) and _inside(inner.subj.idx, outer)):  # type: ignore[union-attr]
                continue
            if not _reports(inner):
                drop.add(id(inner))
            elif _relays(outer, inner):
                drop.add(id(outer))
    return [c for c in cands if id(c) not in drop]
