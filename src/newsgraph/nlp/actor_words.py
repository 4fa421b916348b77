"""The word lists of the actor layer, read from ``nlp/data/actors.json``.

Each list there carries an ``about`` line saying what it is for; the code only reads
them, so a new title, office or platform is one line of data, not a change of logic.
"""
from __future__ import annotations

import re

from newsgraph.nlp.lexicon import Lexicon

_LEX = Lexicon("actors.json")


def _map(name: str) -> dict[str, str]:
    return dict(_LEX[name]["map"])


def _alternation(name: str) -> str:
    # the multinational and IGO lists hold small regular expressions (organi[sz]ation)
    return "|".join(_LEX[name]["words"])


ENT_KIND = _map("ent_kind")
FEMALE_TITLES = _LEX.words("female_titles")
MALE_TITLES = _LEX.words("male_titles")
NAME_TITLES = _LEX.words("name_titles")
POSSESSIVE = _LEX.words("possessive")
NEUTRAL_HEADS = _LEX.words("neutral_heads")
NEUTRAL_MODS = _LEX.words("neutral_mods")
LOCATIVE = _LEX.words("locative_preps")
ORG_ROLES = _LEX.words("org_roles")
OFFICES = _LEX.words("offices")
PLURAL_FORMS = _LEX.words("plural_forms")
TLD = _map("tld_country")
GENERIC_TLDS = _LEX.words("generic_tlds")
ORGISH_LAST = _LEX.words("orgish_last")
PLATFORMS = _LEX.words("platforms")
NAME_SUFFIXES = _LEX.words("name_suffixes")
NAME_PARTICLES = _LEX.words("name_particles")
CREDIT_LABELS = _LEX.words("credit_labels")
WORK_NOUNS = _LEX.words("work_nouns")
TITLE_COUNTRIES = _map("title_countries")
PERSON_DEMONYMS = _map("person_demonyms")
ORIGIN_PREPS = _LEX.words("origin_preps")
AMBIGUOUS_PLACES = _LEX.words("ambiguous_places")
COLLECTIVE_BODIES = _map("collective_bodies")
NUMBER_WORDS = _LEX.words("number_words")

DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.([a-z]{2,6})$", re.IGNORECASE)
QUOTED = re.compile(r"“[^”]{0,2000}”|\"[^\"\n]{0,2000}\"|«[^»]{0,2000}»")
MULTI = re.compile(rf"\b(?:{_alternation('multinational_words')})\b")
IGO_WORDS = re.compile(rf"\b(?:{_alternation('igo_words')})\b")
# Names spaCy often takes for people or places that are not actors: things, events,
# streets, hashtags (platforms are organisations: see PLATFORMS).
NOT_ACTOR = re.compile(rf"\d|^(?:{'|'.join(map(re.escape, sorted(_LEX.words('not_actor_names'))))}|#\w+)$|"
                       rf"\b(?:{'|'.join(sorted(_LEX.words('not_actor_last')))})$", re.IGNORECASE)
UN = re.compile(r"\b(?:united nations|u\.n\.?)\b|^un\b")
