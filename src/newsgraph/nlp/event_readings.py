"""Event readings a verb carries only with its particle, its prepositional object or its
complement: ``stepped down`` (RETREAT), ``spoke on the phone`` (CONSULT), ``took X into
custody`` (COERCE), ``found X guilty`` (SANCTION; ``not guilty`` CONCEDE), ``resigned in
protest at X`` (REJECT). The word tables are in ``data/plover_lexicon.json``
(``phrasal_verbs``, ``prep_objects``, ``prep_senses``, ``verdict_complements``); ``event_triggers`` asks
these before the verb's own lexicon reading.
"""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp.lexicon import Lexicon
from newsgraph.nlp.plover import Code


def _coded(table: dict) -> dict[str, Code]:
    return {w: Code(e["type"], e.get("cameo"), e.get("mode"), float(e.get("strength", 0.9)))
            for e in table["entries"] for w in e["words"]}


_LEX = Lexicon("plover_lexicon.json")
PHRASAL: dict[str, Code] = _coded(_LEX["phrasal_verbs"])  # "step down"
PREP_OBJECTS: dict[str, Code] = _coded(_LEX["prep_objects"])  # "speak on phone"
VERDICTS: dict[str, Code] = _coded(_LEX["verdict_complements"])  # "find guilty"
PREP_SENSES: dict[str, Code] = _coded(_LEX["prep_senses"])  # "attack X for Y": a verbal attack
NOT_A_REASON = ("DATE", "TIME", "CARDINAL", "QUANTITY")  # "attacked for hours" says when, not why
ACQUITTAL = Code("CONCEDE", "080", None, 0.8)  # a negated verdict, "found not guilty" (guideline D5)
PROTEST_PREPS = ("at", "against", "over", "to", "of")


def phrasal(v: Token, lemma: str) -> Code | None:
    """A reading carried by the verb's particle or by the means its prepositional phrase
    names (``stepped down``, ``spoke on the phone``)."""
    for c in v.children:
        if c.i == v.i + 1 and c.dep_ in ("prt", "advmod", "prep") and not (
                c.dep_ == "prep" and any(p.dep_ == "pobj" for p in c.children)):
            got = PHRASAL.get(f"{lemma} {c.lower_}")
            if got is not None:
                return got
        if c.dep_ == "prep":
            for p in c.children:
                if p.dep_ == "pobj":
                    got = PREP_OBJECTS.get(f"{lemma} {c.lower_} {p.lemma_.lower()}")
                    if got is not None:
                        return got
            got = PREP_SENSES.get(f"{lemma} {c.lower_}")
            objs = [p for p in c.children if p.dep_ != "punct"]
            if got is not None and objs and not any(p.ent_type_ in NOT_A_REASON or p.like_num for p in objs):
                return got
    return None


def in_protest(v: Token) -> list[Token] | None:
    """``resigned in protest at X``: the objects of the protest (maybe none), or None when
    the act is not made in protest."""
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for p in c.children:
                if p.dep_ == "pobj" and p.lemma_.lower() == "protest":
                    return [o for q in p.children if q.dep_ == "prep" and q.lower_ in PROTEST_PREPS
                            for o in q.children if o.dep_ == "pobj"]
    return None


def verdict(v: Token, lemma: str) -> tuple[Code, list[Token]] | None:
    """``found him guilty``, ``ruled the law unconstitutional``: the verdict the adjective of
    the verb's complement carries, and who it falls on (the complement's subject, else the
    verb's object); ``not guilty`` acquits."""
    near = [c for c in v.children if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "dobj")]
    near += [g for c in near if c.pos_ in ("AUX", "VERB") for g in c.children if g.dep_ in ("acomp", "oprd", "attr")]
    for a in near:
        got = VERDICTS.get(f"{lemma} {a.lower_}")
        if got is None:
            continue
        negated = any(c.dep_ == "neg" or c.lower_ == "not" for c in a.children) or (
            a.i > 0 and a.doc[a.i - 1].lower_ == "not")
        on = [c for c in a.children if c.dep_ in ("nsubj", "nsubjpass")] or [
            c for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
        return (ACQUITTAL if negated else got), on
    return None
