"""Which nouns are PLOVER acts on their own: the noun's code (lexicon, trained trigger
counts, ``a campaign rally`` and named ``trade war`` excluded, ``dozens of arrests`` read
through its of-phrase), the nominal acts that need a party to count, and the act an
accusation noun is the grounds of (``arrested on a charge of X``). Read by
``event_triggers`` and ``event_special``.
"""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp.event_words import NOMINAL_ACTS, NOT_EVENT_MODS, QUANTITY_HEADS, verb_lemma
from newsgraph.nlp.lexicon import Lexicon
from newsgraph.nlp.plover import NOUN_TYPE_ADJ_PROTEST, Code, noun_code, verb_code
from newsgraph.nlp.trigger_counts import trained_code

RALLY_NOUNS = frozenset(Lexicon("plover_lexicon.json")["campaign_rally"]["nouns"])
CAMPAIGN_MODS = Lexicon("plover_lexicon.json").words("campaign_rally")  # "a campaign rally"
GROUNDS_PREPS = ("on", "for", "over")  # "arrested on charges of X", "detained over allegations"
GROUNDS_ACTS = ("COERCE", "SANCTION")  # the acts an accusation can be the grounds of


def grounded_act(n: Token) -> Token | None:
    """The verb an accusation noun is the grounds of (``was arrested on a charge of
    fraud``, ``jailed over allegations``): the accusation is aimed at the one that act
    is done to."""
    if n.dep_ != "pobj" or n.head.lower_ not in GROUNDS_PREPS or n.head.head.pos_ != "VERB":
        return None
    gov = n.head.head
    code = verb_code(verb_lemma(gov))
    return gov if code is not None and code.type in GROUNDS_ACTS else None


def noun_event_code(n: Token) -> Code | None:
    lemma = n.lemma_.lower()
    code = trained_code("noun", lemma, noun_code(lemma) or noun_code(n.lower_))
    if code is not None and any(c.dep_ in ("compound", "amod") and c.lower_ in NOT_EVENT_MODS for c in n.children):
        return None  # "press release", "trade war", "peace deal" in names
    if code is not None and code.type == "PROTEST" and campaign_rally(n):
        return None
    if code is not None and code.type == "ASSAULT" and lemma == "strike":
        mods = {c.lower_ for c in n.children if c.dep_ in ("amod", "compound")}
        if mods & NOUN_TYPE_ADJ_PROTEST:
            return Code("PROTEST", "143", "boycott", 0.8)
    if code is None and lemma in QUANTITY_HEADS:
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return noun_code(p.lemma_.lower())
    return code


def nominal_act(n: Token) -> bool:
    """A noun of a verbal type that reports an act on its own (``nominal_acts``: ``the
    lawsuit against X``, ``his indictment``, ``an apology from X``), when it names a party
    by a preposition or a possessive: bare, it is too often a topic; ``in charge of``,
    ``free of charge`` (a bare singular after a preposition) are no accusation."""
    if n.dep_ == "pobj" and n.tag_ == "NN" and not any(c.dep_ in ("det", "poss") for c in n.children):
        return False
    return n.lemma_.lower() in NOMINAL_ACTS and any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("against", "of", "into", "from", "by", "over", "to"))
        for c in n.children)


def campaign_rally(n: Token) -> bool:
    """``a campaign rally``, ``a Biden rally``: a candidate's event, no protest."""
    return n.lemma_.lower() in RALLY_NOUNS and any(
        c.dep_ in ("compound", "amod", "poss", "nmod") and (c.lower_ in CAMPAIGN_MODS or c.ent_type_ == "PERSON")
        for c in n.children)
