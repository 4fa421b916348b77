"""The author of a thing an act is aimed at: who made the ruling a party welcomed, who
put forward the proposal it rejected, whose claim it denied.

An act aimed at something made or said rather than at someone (``welcomed the ruling``,
``denied the claim``, ``called the decision disappointing``) is aimed at whoever made it
(the corpus guideline codes the court, the claimant, the decision maker as the recipient).
The owner is found, in order, in the noun's own phrase (``Israel's closure of the border``,
``the decision by the court``), else, for a definite noun only (``the``, ``this``: a thing
already reported), before it in the article: the subject of the latest verb that makes it
(``the court ruled ... the ruling``) or the owner of the latest mention of the same noun.
The nouns and their verbs are ``authored_nouns`` in ``data/event_anaphors.json``. An author
who is the act's own doer (``withdrew its proposal``) gives no recipient.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Token

from newsgraph.model import Actor
from newsgraph.nlp.lexicon import Lexicon

AUTHORED: dict[str, frozenset[str]] = {
    n: frozenset(vs) for n, vs in Lexicon("event_anaphors.json")["authored_nouns"]["nouns"].items()}
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
OWNER_PREPS = frozenset({"by", "of", "from"})
LOOK_BACK = 250  # tokens: an antecedent further back is rarely what a reaction names


def authored_noun(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in AUTHORED


def _owner(noun: Token, actor_of: Callable[[Token], Actor | None]) -> Actor | None:
    """An owner named in the noun's own phrase: a possessive or a by / of / from phrase."""
    for ch in noun.children:
        if ch.dep_ == "poss":
            a = actor_of(ch)
            if a is not None:
                return a
        elif ch.dep_ == "prep" and ch.lower_ in OWNER_PREPS:
            a = _object_actor(ch, actor_of)
            if a is not None:
                return a
    return None


def _maker(verb: Token, actor_of: Callable[[Token], Actor | None]) -> Actor | None:
    """Who a verb's clause names as doing it: its subject, the ``by`` of a passive, or the
    subject of the verb it is coordinated with."""
    for v in (verb, verb.head if verb.dep_ == "conj" else None):
        if v is None:
            continue
        for ch in v.children:
            if ch.dep_ == "nsubj":
                a = actor_of(ch)
                if a is not None:
                    return a
            elif ch.dep_ == "agent":
                a = _object_actor(ch, actor_of)
                if a is not None:
                    return a
    return None


def _object_actor(prep: Token, actor_of: Callable[[Token], Actor | None]) -> Actor | None:
    """The first object of a preposition (or a passive's ``by``) that names an actor."""
    for p in prep.children:
        if p.dep_ == "pobj":
            a = actor_of(p)
            if a is not None:
                return a
    return None


def author(noun: Token, actor_of: Callable[[Token], Actor | None], doers: Iterable[Actor]) -> Actor | None:
    """The author of an authored noun (``authored_noun``), or None; never one of ``doers``."""
    lemma = noun.lemma_.lower()
    verbs = AUTHORED.get(lemma)
    if verbs is None:
        return None
    found = _owner(noun, actor_of)
    if found is None and any(ch.dep_ == "det" and ch.lower_ in DEFINITE for ch in noun.children):
        doc = noun.doc
        for k in range(noun.i - 1, max(-1, noun.i - 1 - LOOK_BACK), -1):
            t = doc[k]
            low = t.lemma_.lower()
            if t.pos_ == "VERB" and low in verbs:
                found = _maker(t, actor_of)
            elif t.pos_ == "NOUN" and low == lemma:
                found = _owner(t, actor_of)
            if found is not None:
                break
    if found is None or found in list(doers):
        return None
    return found
