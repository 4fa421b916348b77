"""What the annotated train split says about a trigger word (``data/event_triggers.json``,
counted by ``scripts/train/train_triggers.py``).

A lemma that heads enough gold events, nearly all of one PLOVER type, codes that type
when the hand lexicon has no word for it (``impeach`` is ACCUSE, ``grant`` CONCEDE where the
broad CAMEO-derived lexicon guessed COOPERATE), with a strength from how often its
occurrences are events. A feature of the trigger, not a gate: the lexicon's code stands
when the train split has too little to say.
"""
from __future__ import annotations

from functools import lru_cache

from newsgraph.nlp.lexicon import Lexicon
from newsgraph.nlp.plover import Code

MIN_EVENTS = 3  # fewer gold events than this: the counts say nothing
MIN_SHARE = 0.75  # the one type's share of the lemma's gold events
MIN_RATE = 0.25  # for a word the lexicon lacks: the share of its occurrences that are events
MIN_CONSISTENT, CONSISTENT_SHARE = 5, 0.9  # enough to overrule the hand lexicon ("convict": SANCTION)
DERIVED_STRENGTH = 0.35  # the CAMEO-derived lexicon's strength (plover.derived): only its guesses are retyped


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, dict]]:
    lex = Lexicon("event_triggers.json")
    return {"verb": lex["verb"], "noun": lex["noun"]}


def counted(pos: str, lemma: str) -> tuple[str, float] | None:
    """(type, share of the lemma's occurrences that are gold events of any type), or None."""
    row = _table()[pos].get(lemma)
    if row is None:
        return None
    types: dict[str, int] = row["types"]
    total = sum(types.values())
    top = max(types, key=lambda t: types[t])
    if total < MIN_EVENTS or types[top] < MIN_SHARE * total:
        return None
    return top, total / max(row["n"], total)


def consistent(pos: str, lemma: str) -> bool:
    """Does the corpus code this lemma as one type (nearly) every time, often enough?"""
    types: dict[str, int] = _table()[pos].get(lemma, {}).get("types", {})
    total = sum(types.values())
    return total >= MIN_CONSISTENT and max(types.values(), default=0) >= CONSISTENT_SHARE * total


def trained_code(pos: str, lemma: str, code: Code | None) -> Code | None:
    """The lexicon's ``code`` for the lemma, retyped or added when the train split says so."""
    got = counted(pos, lemma)
    if got is None:
        return code
    ptype, rate = got
    strength = min(0.9, 0.5 + 0.5 * rate)
    if code is None:
        return Code(ptype, None, None, strength) if rate >= MIN_RATE else None
    if code.type == ptype:
        return code
    if code.strength > DERIVED_STRENGTH and not consistent(pos, lemma):
        # the hand lexicon stands unless the corpus codes the word one way throughout: a
        # word's type out of context is what a few counts cannot settle (the verb "attack"
        # is mostly verbal in the train split, and still an ASSAULT elsewhere)
        return code
    return Code(ptype, None, None, max(code.strength, strength))
