"""Statements as events (nlp/speech_events.py), with the real spaCy pipeline: what the
classifier reads of a statement, whom it takes as the addressee, when it codes an act,
and that it never codes a statement twice or an act that did not happen."""
from __future__ import annotations

import pytest

from newsgraph.model import Article, Metadata
from newsgraph.nlp import speech_events
from newsgraph.nlp.linear import LinearModel, load_model
from newsgraph.nlp.plover import VERBAL
from newsgraph.nlp.speech_events import NONE, decide, features, recipients

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def run(nlp, text: str):
    from newsgraph.nlp.pipeline import analyse

    art = Article(id="t", text=text, metadata=Metadata(date="2025-06-10"))
    doc = nlp(text)
    analyse(doc, art)
    return doc, art


def statement(doc, art, cue: str):
    q = next(q for q in doc._.ng_quotes if q.cue and cue in q.cue)
    return q, doc._.ng_actors.actors[q.speaker]


def test_decide_lets_an_act_win_below_none_but_not_below_the_threshold():
    assert decide({"none": 0.6, "ACCUSE": 0.3, "SUPPORT": 0.1}, 0.25) == "ACCUSE"
    assert decide({"none": 0.6, "ACCUSE": 0.3, "SUPPORT": 0.1}, 0.35) == NONE
    assert decide({"none": 1.0}, 0.0) == NONE


def test_features_read_cue_class_content_modality_and_tone(nlp):
    doc, art = run(nlp, "Anna Berg, the opposition leader, said Peter Olsen must resign immediately "
                        "over the disgraceful corruption scandal.")
    q, sp = statement(doc, art, "said")
    f = features(doc, q, sp, doc._.ng_actors)
    assert f["cue=say"] == 1.0 and f["cueclass=say_verbs"] == 1.0
    assert f["modal=must"] == 1.0
    assert f["lex=REQUEST"] > 0 and f["lex=ACCUSE"] > 0
    assert f["tone_neg"] > 0 and f["tone_pos"] == 0.0
    assert f["content_actor"] == 1.0


def test_the_addressee_is_the_content_subject_and_none_when_no_one_is_named(nlp):
    doc, art = run(nlp, "Anna Berg said Peter Olsen must resign immediately.")
    q, sp = statement(doc, art, "said")
    assert [a.name for a in recipients(doc, q, sp, doc._.ng_actors)] == ["Peter Olsen"]
    doc, art = run(nlp, 'Anna Berg said: "It has been a long and very hard day for all of us."')
    q, sp = statement(doc, art, "said")
    assert recipients(doc, q, sp, doc._.ng_actors) == []


def test_the_addressee_can_be_named_by_a_possessive_in_the_cue_object(nlp):
    doc, art = run(nlp, "Anna Berg on Tuesday called for the resignation of Peter Olsen.")
    q, sp = statement(doc, art, "call")
    assert [a.name for a in recipients(doc, q, sp, doc._.ng_actors)] == ["Peter Olsen"]


@pytest.mark.parametrize("text", [
    "Anna Berg said of Peter Olsen that the minister had betrayed the voters.",
    "Speaking of Peter Olsen, Anna Berg said the minister had betrayed the voters.",
    "Anna Berg, speaking about Peter Olsen, said the minister had betrayed the voters.",
])
def test_whom_a_remark_is_about_is_its_recipient(nlp, text):
    # the topic of "said of X" / "speaking of X" (speech_events.json's topic_preps) comes
    # before the content's subject, who is the recipient when no topic is named
    doc, art = run(nlp, text)
    q, sp = statement(doc, art, "said")
    assert [a.name for a in recipients(doc, q, sp, doc._.ng_actors)] == ["Peter Olsen"]
    doc, art = run(nlp, "Anna Berg said the minister had betrayed the voters.")
    q, sp = statement(doc, art, "said")
    assert [a.name for a in recipients(doc, q, sp, doc._.ng_actors)] != ["Peter Olsen"]


@pytest.mark.parametrize("text, cue", [
    ('Anna Berg wrote on Twitter: "Thank you Peter Olsen for a brave and honest campaign."', "wrote"),
    ('Anna Berg wrote on Twitter: "Thank you [Peter Olsen] for a brave and honest campaign."', "wrote"),
    ("Anna Berg said in an interview with the BBC that Peter Olsen must resign.", "said"),
])
def test_the_medium_or_setting_of_a_statement_is_not_its_addressee(nlp, text, cue):
    doc, art = run(nlp, text)
    q, sp = statement(doc, art, cue)
    assert [a.name for a in recipients(doc, q, sp, doc._.ng_actors)] == ["Peter Olsen"]


def test_the_recorder_sees_statements_the_rules_coded_and_marks_them(nlp, monkeypatch):
    monkeypatch.setattr(speech_events, "RECORDER", [])
    run(nlp, "Peru accused Chile of a brutal attack. Anna Berg said the weather in Oslo was fine.")
    rows = list(speech_events.RECORDER)
    assert len(rows) >= 2
    covered = {r[1].cue: r[-1] for r in rows}
    assert covered.get("accused") is True and covered.get("said") is False


@pytest.fixture()
def blame_model(monkeypatch):
    """A two-class model that codes a strongly negative statement as ACCUSE: a real
    LinearModel with weights set by hand, so the test does not depend on training."""
    model = LinearModel(["ACCUSE", NONE], [0.0, 1.0], {"tone_neg": [8.0, 0.0]})
    monkeypatch.setattr(speech_events, "load_model", lambda name: model)
    return model


def test_a_statement_the_rules_left_uncoded_becomes_an_event(nlp, blame_model):
    # no actor is the subject of the content: the rules' tone heuristic leaves it alone
    doc, art = run(nlp, "Anna Berg said the new law was a corrupt, dishonest and disgraceful attack on Peter Olsen.")
    made = [e for e in doc._.ng_events if e.type == "ACCUSE"]
    q = doc._.ng_quotes[0]
    assert len(made) == 1
    ev = made[0]
    idx = doc._.ng_actors
    assert ev.said_in == q.id
    assert [idx.actors[a].name for a in ev.source] == ["Anna Berg"]
    assert [idx.actors[a].name for a in ev.target] == ["Peter Olsen"]
    assert speech_events.THRESHOLD <= ev.confidence <= 1.0 and ev.cameo == "111"
    assert art.text[ev.start:ev.end].startswith("Anna Berg said")


def test_a_negated_cue_and_a_neutral_statement_code_nothing(nlp, blame_model):
    doc, _ = run(nlp, "Anna Berg did not say Peter Olsen was a corrupt, dishonest and disgraceful liar.")
    assert not [e for e in doc._.ng_events if e.type == "ACCUSE" and e.said_in]
    doc, _ = run(nlp, "Anna Berg said the meeting with Peter Olsen would take place in Oslo on Friday.")
    assert not [e for e in doc._.ng_events if e.said_in]


def test_a_statement_whose_cue_the_rules_coded_is_not_coded_again(nlp, blame_model):
    doc, _ = run(nlp, "Peru denounced Chile's disgraceful, brutal and criminal attack on the border town.")
    for q in doc._.ng_quotes:
        assert len([e for e in doc._.ng_events if e.said_in == q.id]) <= 1


def test_the_shipped_model_codes_plover_types():
    model = load_model(speech_events.MODEL_NAME)
    if model is None:
        pytest.skip("speech_events model not trained (make train)")
    assert NONE in model.classes
    assert set(model.classes) - {NONE} <= PLOVER
    assert set(model.classes) & VERBAL  # the verbal acts are what statements perform


def test_a_negated_wish_of_the_speaker_codes_no_act(nlp, monkeypatch):
    """'did not want to discuss' is the speaker's own unwillingness, an intention (A4), not
    a refusal toward anyone: even a model that codes every statement REJECT leaves it."""
    model = LinearModel(["REJECT", NONE], [6.0, 0.0], {})
    monkeypatch.setattr(speech_events, "load_model", lambda name: model)
    doc, _ = run(nlp, "Anna Berg said she did not even want to discuss the offer from Peter Olsen.")
    assert doc._.ng_quotes and not [e for e in doc._.ng_events if e.said_in]
    doc, _ = run(nlp, "Anna Berg said the offer from Peter Olsen was a bad one for the workers.")
    assert [e.type for e in doc._.ng_events if e.said_in] == ["REJECT"]
