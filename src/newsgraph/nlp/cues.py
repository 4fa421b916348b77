"""Reporting cues: the verbs, nouns and phrases that mark a statement.

The word lists live in ``nlp/data/cues.json``, each with a line on what it is for; they
follow the reporting-verb classes of the attribution literature (PARC/PolNeAR, Levin's
"verbs of communication", Bergler's reporting verbs): neutral saying, assertion,
argument, admission and denial, announcement, requests and demands, promises and
threats, evaluation (praise, blame), writing and publishing, and reported beliefs and
intentions. The sets hold lemmas so one lookup per token classifies it.
"""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp.lexicon import Lexicon

_LEX = Lexicon("cues.json")

SAY_VERBS = _LEX.words("say_verbs")
DIRECT_ONLY = _LEX.words("direct_only")
REPORT_ADVERBS = _LEX.words("report_adverbs")
ANY_PHRASE_ADVERBS = frozenset(_LEX["report_adverbs"]["any_phrase"])
SOURCE_PREPS: dict[str, frozenset[str]] = {p: frozenset(v) for p, v in _LEX["source_preps"]["words"].items()}
IMPERSONAL_VERBS = _LEX.words("impersonal_verbs")
BELIEF_VERBS = _LEX.words("belief_verbs")
OBJECT_VERBS = _LEX.words("object_verbs")
OBJECT_PREPS = _LEX.words("object_preps")
POSITION_VERBS = _LEX.words("position_verbs")
STANCE_VERBS = frozenset(_LEX["stance_objects"]["verbs"])
SAID_NOUNS = frozenset(_LEX["stance_objects"]["said_nouns"])
ACT_OBJECTS: dict[str, frozenset[str]] = {v: frozenset(o) for v, o in _LEX["act_objects"]["words"].items()}
NOMINAL_ACTS = _LEX.words("nominal_acts")
NON_AUTHORS = _LEX.words("non_authors")
LABEL_VERBS = _LEX.words("label_verbs")
PASSIVE_LABEL_VERBS = _LEX.words("passive_label_verbs")
PREP_LABEL_VERBS: dict[str, str] = dict(_LEX["prep_label_verbs"]["words"])
NAMING_VERBS = _LEX.words("naming_verbs")
CHARGE_VERBS = _LEX.words("charge_verbs")
XCOMP_VERBS = _LEX.words("xcomp_verbs")
OWN_ACTION_VERBS = _LEX.words("own_action_verbs")
CONTROL_VERBS = _LEX.words("control_verbs")
COMPEL_VERBS = _LEX.words("compel_verbs")
PURPOSE_REQUESTS = _LEX.words("purpose_requests")
GERUND_VERBS = _LEX.words("gerund_verbs")
TOPIC_PREPS: dict[str, frozenset[str]] = {p: frozenset(v) for p, v in _LEX["topic_preps"]["words"].items()}
DOC_VERBS = _LEX.words("doc_verbs")
DOC_NOUNS = _LEX.words("doc_nouns")
FINDING_SOURCES = _LEX.words("finding_sources")
SPEECH_NOUNS = _LEX.words("speech_nouns")
CONTENT_NOUNS = _LEX.words("content_nouns")
VIEW_NOUNS = _LEX.words("view_nouns")
EMPTY_CONTENTS = _LEX.words("empty_contents")
TITLE_CUES = _LEX.words("title_cues")
PERSONAL = _LEX.words("personal")
PLURAL = _LEX.words("plural")
NEUTER = _LEX.words("neuter")
FIRST = _LEX.words("first")
RELATIVE = _LEX.words("relative")
NON_SOURCES = _LEX.words("non_sources")
UNNAMED_HEADS = _LEX.words("unnamed_heads")
UNSOURCED_REPORTS = _LEX.words("unsourced_reports")
GENERIC_REPORT_WORDS = frozenset(_LEX["unsourced_reports"]["generic"])
BELIEF_ADJECTIVES = _LEX.words("belief_adjectives")
DATA_NOUNS = _LEX.words("data_nouns")
UTTERANCE_VERBS = _LEX.words("utterance_verbs")
NEXT_STATEMENT_PARTICIPLES = _LEX.words("next_statement_participles")
LEMMA_FIXES: dict[str, str] = dict(_LEX["lemma_fixes"]["words"])


def cue_lemma(tok: Token) -> str:
    """The token's lemma, lower case, with the lemmatiser's known slips mended
    (``hopes`` -> ``hop``): the one lookup the cue lists are matched against."""
    return LEMMA_FIXES.get(tok.lower_) or tok.lemma_.lower()


# Modifiers that name who published figures ("government figures", "official statistics").
PUBLISHER_WORDS = frozenset(("government", "state", "official", "federal", "ministry", "police", "census",
                             "national", "agency", "department", "bureau", "office", "court"))


def published(tok: Token) -> bool:
    """Does the phrase of ``tok`` name its publisher (``Eurostat figures``, ``government
    figures``, ``data from the World Health Organisation``)? Figures someone published are
    that publisher's statement (D9); only figures with no publisher stay narration."""
    named = ("ORG", "GPE", "NORP", "PERSON")
    for c in tok.children:
        if c.dep_ in ("compound", "poss", "nmod", "amod") and (
                c.pos_ == "PROPN" or c.ent_type_ in named or c.lemma_.lower() in PUBLISHER_WORDS):
            return True
        if c.dep_ == "prep" and c.lower_ in ("by", "from", "of") and any(
                p.dep_ == "pobj" and (p.pos_ == "PROPN" or p.ent_type_ in named
                                      or any(x.dep_ == "compound" and x.pos_ == "PROPN" for x in p.children))
                for p in c.children):
            return True
    return False


def _data_noun(tok: Token) -> bool:
    """By lemma and by surface, since the lemmatiser gives ``data`` as ``datum``."""
    return tok.lower_ in DATA_NOUNS or tok.lemma_.lower() in DATA_NOUNS


def published_data(tok: Token) -> bool:
    """Figures whose publisher the phrase names (``Eurostat figures showed``): a document
    of that publisher, as a report is (D9)."""
    return _data_noun(tok) and published(tok)


def is_data(tok: Token) -> bool:
    """Is this source head data or evidence that no one put on record (A7)? Figures whose
    publisher the phrase names are the publisher's (``published_data``)."""
    return _data_noun(tok) and not published(tok)


def says_nothing(noun: Token) -> bool:
    """Is ``noun`` a word that names speech or a view with only an article or a possessive
    before it and nothing after it (``voiced their opinions``, ``shared his thoughts``)?
    As a content it reports that something was said, not what."""
    doc = noun.doc
    return noun.lemma_.lower() in EMPTY_CONTENTS and not any(True for _ in noun.rights) and all(
        doc[i].lower_ in ("the", "a", "an") or doc[i].tag_ == "PRP$" for i in range(noun.left_edge.i, noun.i))


def stance_object(verb: Token, start: int, end: int) -> bool:
    """Is the content [start, end) of a verb of turning down (``STANCE_VERBS``) only its
    noun-phrase object naming a thing, a measure or a person (``rejected the proposal``,
    ``dismissed the minister``), not something said (``rejected the allegations``)?
    Then the verb is an act, not a statement (``cues.json`` ``stance_objects``)."""
    obj = next((x for x in verb.children if x.dep_ == "dobj" and start <= x.idx < end), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.left_edge.idx > start:
        return False
    if any(x.dep_ in ("ccomp", "xcomp", "oprd") and x.i > verb.i or x.dep_ == "prep" and x.lower_ == "as"
           for x in list(verb.children) + list(obj.children)):
        return False  # "rejected the idea, saying ...", "dismissed it as a ploy": a clause or a label (A3)
    said = SAID_NOUNS | CONTENT_NOUNS | SPEECH_NOUNS
    return obj.lemma_.lower() not in said and obj.lower_ not in said
