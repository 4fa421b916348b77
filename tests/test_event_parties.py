"""The event party model (nlp/event_parties.py) with the real spaCy model and the shipped
weights: which actors of a sentence it offers, what it reads of them, how it ranks them."""
from __future__ import annotations

import pytest

from newsgraph.model import Actor, Article, Metadata
from newsgraph.nlp import event_parties
from newsgraph.nlp.actors import resolve_actors
from newsgraph.nlp.event_parties import (
    ACTOR,
    NEITHER,
    RECIPIENT,
    PartyCandidate,
    candidates,
    choose,
    score,
)
from newsgraph.nlp.linear import load_model


def run(nlp, text: str):
    art = Article(id="t", text=text, metadata=Metadata(date="2025-06-10"))
    doc = nlp(text)
    return doc, resolve_actors(doc, art)


def offer(nlp, text: str, trigger: str, etype: str, *, passive: bool = False) -> dict[str, PartyCandidate]:
    doc, idx = run(nlp, text)
    trig = next(t for t in doc if t.text == trigger)
    cands = candidates(trig.sent, trig, etype, idx.for_token, idx.coreference().antecedent, [],
                       rule_src=set(), rule_tgt=set(), speaker_id=None, nominal=trig.pos_ == "NOUN",
                       passive=passive, said_in=False)
    return {c.actor.name: c for c in cands}


def test_a_pronoun_is_offered_as_the_actor_it_refers_to(nlp):
    got = offer(nlp, "Peter Olsen met Anders Berg in Oslo. Later Berg praised him warmly.", "praised", "SUPPORT")
    olsen = next(c for name, c in got.items() if "Olsen" in name)
    assert olsen.tok is not None and olsen.tok.text == "him"
    assert olsen.features["dep=dobj"] == 1.0 and olsen.features["before"] == 0.0
    berg = next(c for name, c in got.items() if "Berg" in name)
    assert berg.features["dep=nsubj"] == 1.0 and berg.features["before"] == 1.0


def test_features_read_the_preposition_and_the_voice(nlp):
    got = offer(nlp, "China was attacked by Japan on Monday.", "attacked", "ASSAULT", passive=True)
    japan = next(c for name, c in got.items() if "Japan" in name)
    assert japan.features["prep=by"] == 1.0 and japan.features["pass.prep=by"] == 1.0


@pytest.mark.skipif(load_model("event_parties") is None, reason="no party model shipped")
def test_the_shipped_model_tells_doer_from_target(nlp):
    for text, trigger, passive in (("Japan attacked China on Monday.", "attacked", False),
                                   ("China was attacked by Japan on Monday.", "attacked", True)):
        got = offer(nlp, text, trigger, "ASSAULT", passive=passive)
        names = list(got)
        probs = dict(zip(names, score(list(got.values())) or []))
        japan = next(n for n in names if "Japan" in n)
        china = next(n for n in names if "China" in n)
        assert probs[japan][ACTOR] > probs[china][ACTOR], text
        assert probs[china][RECIPIENT] > probs[japan][RECIPIENT], text


def test_choose_never_puts_one_actor_on_both_sides():
    a, b = Actor("person:a", "A"), Actor("person:b", "B")
    cands = [PartyCandidate(a, None, {}), PartyCandidate(b, None, {})]
    probs = [{ACTOR: 0.6, RECIPIENT: 0.35, NEITHER: 0.05}, {ACTOR: 0.1, RECIPIENT: 0.3, NEITHER: 0.6}]
    assert choose(cands, probs) == ([a], [b])
    # nobody likely enough: the side stays empty
    low = [{ACTOR: 0.1, RECIPIENT: 0.1, NEITHER: 0.8}] * 2
    assert choose(cands, low) == ([], [])


def test_the_recorder_collects_training_examples(analyse_text):
    event_parties.RECORDER = []
    try:
        analyse_text("Japan attacked China on Monday.", date="2025-06-10")
        rec = list(event_parties.RECORDER)
    finally:
        event_parties.RECORDER = None
    assert rec and rec[0][1] == "ASSAULT"
    assert {a.name for a, _f in rec[0][3]} >= {"Japan", "China"}


def test_actors_inside_the_phrase_naming_the_speaker_are_not_offered(nlp):
    text = "Norway's foreign minister Anders Berg condemned the attack on Tuesday."
    doc, idx = run(nlp, text)
    trig = next(t for t in doc if t.text == "condemned")
    berg = idx.for_token(next(t for t in doc if t.text == "Berg"))
    assert berg is not None
    phrase = frozenset(range(6))  # "Norway's foreign minister Anders Berg"
    kw = {"rule_src": set(), "rule_tgt": set(), "speaker_id": berg.id, "nominal": False, "passive": False,
          "said_in": True}
    offered = {c.actor.name for c in candidates(trig.sent, trig, "ACCUSE", idx.for_token,
                                                idx.coreference().antecedent, [], **kw)}
    assert any("Norway" in n for n in offered)
    kept = {c.actor.name for c in candidates(trig.sent, trig, "ACCUSE", idx.for_token, idx.coreference().antecedent,
                                             [], describes_speaker=phrase, **kw)}
    assert not any("Norway" in n for n in kept) and any("Berg" in n for n in kept)
