"""Tone: article tone in GDELT's seven values, and each statement's stance.

GDELT (GKG ``V1.5TONE``) defines, over the words of an article:

* ``positive`` / ``negative``: the percentage of words with a positive / negative
  emotional connotation;
* ``tone``: positive minus negative (-100 .. +100);
* ``polarity``: the percentage of words that matched either (emotionally charged text);
* ``activity``: activity reference density, the percentage of words that are active
  words (here: content verbs, spaCy ``VERB``);
* ``self_group``: self/group reference density, the percentage of words that are
  pronouns (here: personal and possessive pronouns);
* ``word_count``: the number of words.

The emotional connotation comes from VADER's lexicon (vaderSentiment, MIT licence),
read once as a dict and looked up per spaCy token (surface form, then lemma); a word
preceded closely by a negation (``not good``) counts for the opposite side, as VADER
does. Only story text counts (no byline, date header or photo credit). Running
VADER's full analyser on every sentence would cost far more than this one pass.
"""
from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.model import Article, Quote, Tone
from newsgraph.nlp.valence import NEGATIONS, lexicon, text_score

__all__ = ["NEGATIONS", "STANCE_OF_TYPE", "article_tone", "lexicon", "quote_stance", "quote_stances", "text_score"]

PERSONAL = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your",
            "yours", "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers",
            "herself", "they", "them", "their", "theirs", "themselves", "it", "its", "itself"}
# Stance of the act a statement performs (its speech-act event), before its words.
STANCE_OF_TYPE = {"ACCUSE": "negative", "REJECT": "negative", "THREATEN": "negative",
                  "SUPPORT": "positive", "AGREE": "positive"}


def _valence(lex: dict[str, float], low: str, lemma: str | None = None) -> float:
    v = lex.get(low)
    if v is None and lemma and lemma != low:
        v = lex.get(lemma)
    return v or 0.0


def article_tone(doc: Doc, article: Article) -> Tone:
    lex = lexicon()
    words = pos = neg = active = pron = 0
    is_story = article.story_test()
    zones = bool(article.zones)
    recent_neg = -10
    sent_start = 0
    for tok in doc:
        if tok.is_sent_start:
            sent_start = tok.i
        if tok.is_space or tok.is_punct:
            continue
        low = tok.lower_
        if low in NEGATIONS:
            recent_neg = tok.i
        if not tok.is_alpha and low not in ("n't",):
            continue
        if zones and not is_story(tok.idx):
            continue
        words += 1
        if tok.pos_ == "VERB":
            active += 1
        if tok.pos_ == "PRON" and low in PERSONAL:
            pron += 1
        v = _valence(lex, low, tok.lemma_.lower())
        if v:
            if tok.i - recent_neg <= 3 and sent_start <= recent_neg:
                v = -v
            if v > 0:
                pos += 1
            else:
                neg += 1
    if not words:
        return Tone()
    p = 100.0 * pos / words
    n = 100.0 * neg / words
    return Tone(tone=round(p - n, 4), positive=round(p, 4), negative=round(n, 4),
                polarity=round(p + n, 4), activity=round(100.0 * active / words, 4),
                self_group=round(100.0 * pron / words, 4), word_count=words)


def quote_stance(q: Quote, act_type: str | None = None) -> str:
    """The act's stance for a coded speech act; else the trained statement model's
    (newsgraph.nlp.stance, the same reading reactions use), or the lexicon's without it."""
    if act_type in STANCE_OF_TYPE:
        return STANCE_OF_TYPE[act_type]
    from newsgraph.nlp.stance import classify

    reading = classify(q.content, q.cue)
    if reading is not None:
        return reading.stance
    score = text_score(q.content)
    if score <= -0.25:
        return "negative"
    if score >= 0.25:
        return "positive"
    return "neutral"


def quote_stances(article: Article) -> None:
    """Each statement's stance toward what it is about: the act it performs when it is
    a coded speech act (a denunciation is negative), else the words it reports."""
    acts: dict[str, str] = {}
    for ev in article.events:
        if ev.said_in and ev.type in STANCE_OF_TYPE:
            acts.setdefault(ev.said_in, ev.type)
    for q in article.quotes:
        q.stance = quote_stance(q, acts.get(q.id))
