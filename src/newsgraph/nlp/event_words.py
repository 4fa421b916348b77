"""The event rules' word sets, read from ``nlp/data/event_words.json``.

Each table there says what it is for; these names are how the event modules
(``events.py``, ``event_triggers.py``, ``event_roles.py``, ``event_dates.py``) use them.
"""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp.lexicon import Lexicon

_LEX = Lexicon("event_words.json")

# Dependency labels of a clause's active subject (spaCy's English scheme).
SUBJ = ("nsubj", "csubj")
# By PLOVER type: the prepositions that introduce the one an act is aimed at.
TARGET_PREPS: dict[str, tuple[str, ...]] = {t: tuple(ps) for t, ps in _LEX["target_preps"]["by_type"].items()}
FIRST_PERSON = _LEX.words("first_person")
CROWD = _LEX.words("crowd")
ANAPHORS = _LEX.words("anaphors")
GENERIC_PREPS = _LEX.words("generic_preps")
LOCATIVE_PREPS = _LEX.words("locative_preps")
SCENE_TYPES = _LEX.words("scene_types")
GROUP_WORDS = _LEX.words("group_words")
ADJ_FRAMES = _LEX.words("adj_frames")
DOC_NOUNS = _LEX.words("doc_nouns")
EFFORT_NOUNS = _LEX.words("effort_nouns")
STATIVE_PASSIVE = _LEX.words("stative_passive")
NOT_EVENT_MODS = _LEX.words("not_event_mods")
TREATY_WORDS = _LEX.words("treaty_words")
VERBAL_TYPES = _LEX.words("verbal_types")
NOMINAL_TYPES = _LEX.words("nominal_types")
NOMINAL_ACTS = _LEX.words("nominal_acts")
QUANTITY_HEADS = _LEX.words("quantity_heads")  # "a wave of arrests", "two weeks of protests"
HIST_ADV = _LEX.words("hist_adv")
BLAME_VERBS = _LEX.words("blame_verbs")
VERB_LEMMAS: dict[str, str] = dict(_LEX["verb_lemmas"]["forms"])


def verb_lemma(tok: Token) -> str:
    """The verb's lemma, lower-cased, with the parser's known lemmatiser slips repaired
    (``staged`` is ``stage``, not ``stag``, or no lexicon entry for staging finds it)."""
    return VERB_LEMMAS.get(tok.lower_) or tok.lemma_.lower()
