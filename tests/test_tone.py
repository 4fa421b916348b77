"""Tone: GDELT's seven values and statement stances, with the real spaCy model."""
from __future__ import annotations

import pytest

from newsgraph.model import Article, Metadata, Quote, Zone
from newsgraph.nlp.tone import article_tone, lexicon, quote_stance, text_score


@pytest.fixture()
def tone_of(nlp):
    def run(text: str, zones=None):
        article = Article(id="t", text=text, metadata=Metadata(date="2025-01-16"), zones=zones or [])
        return article_tone(nlp(text), article)

    return run


def test_lexicon_is_vader():
    lex = lexicon()
    assert len(lex) > 5000
    assert lex["good"] > 0 > lex["terrible"]


def test_seven_values_and_their_relations(tone_of):
    t = tone_of("The talks were a great success and both sides praised the warm, friendly mood. "
                "We hope it lasts.")
    assert t.word_count == 18
    assert t.positive > 0 and t.tone > 0
    assert t.tone == pytest.approx(t.positive - t.negative, abs=1e-3)
    assert t.polarity == pytest.approx(t.positive + t.negative, abs=1e-3)
    assert t.activity > 0  # "praised", "hope", "lasts"
    assert t.self_group > 0  # "We", "it"


def test_negative_text_has_negative_tone(tone_of):
    t = tone_of("The bombing killed dozens and left the city in terror and grief.")
    assert t.negative > t.positive
    assert t.tone < 0


def test_negation_flips_a_word(tone_of):
    plain = tone_of("The minister said the plan was good for farmers.")
    negated = tone_of("The minister said the plan was not good for farmers.")
    assert plain.tone > 0
    assert negated.tone < 0


def test_only_story_words_count(tone_of):
    credit = "Photograph: Happy Joyful/Agency"
    body = "Officials met in the capital on Monday."
    text = credit + "\n\n" + body
    t = tone_of(text, zones=[Zone("credit", 0, len(credit)), Zone("body", len(credit) + 2, len(text))])
    assert t.word_count == 7
    assert t.positive == 0


def test_empty_text_is_zero(tone_of):
    t = tone_of("   ")
    assert t.word_count == 0 and t.tone == 0


def test_quote_stance_from_act_then_words():
    q = Quote(id="q", content="a shameful and brutal crime", start=0, end=10, kind="mixed")
    assert quote_stance(q) == "negative"
    assert quote_stance(q, "SUPPORT") == "positive"  # the act it performs wins
    neutral = Quote(id="q2", content="the meeting is on Tuesday", start=0, end=10, kind="indirect")
    assert quote_stance(neutral) == "neutral"
    assert text_score("we are not happy") < 0
