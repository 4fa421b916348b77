"""The event type classifier (nlp/event_types.py) with the real spaCy pipeline: which words
are candidates, what the classifier reads of one in context, and that a word no lexicon
codes becomes an event only when a model is sure of its type."""
from __future__ import annotations

from newsgraph.model import Article, Metadata
from newsgraph.nlp import event_types
from newsgraph.nlp.event_types import NONE, TypeClassifier, features, is_candidate
from newsgraph.nlp.linear import LinearModel


class _NoActors:
    def actor(self, tok):
        return None


def test_every_verb_and_common_noun_is_a_candidate_but_not_names_or_numbers(nlp):
    doc = nlp("Germany deported 12 activists after the protest in Berlin.")
    cands = {t.text for t in doc if is_candidate(t)}
    assert {"deported", "activists", "protest"} <= cands
    assert not cands & {"Germany", "12", "Berlin", "after", "."}


def test_features_read_lemma_object_particle_modality_lexicon_and_context(nlp):
    doc = nlp("The government will not hand over the suspects to Interpol, officials said.")
    hand = next(t for t in doc if t.lower_ == "hand")
    f = features(hand, _NoActors())
    assert f["l=v_hand"] == 1.0
    assert "prt=hand_over" in f
    assert "obj=suspect" in f and "vo=hand_suspect" in f
    assert any(k.startswith("status=") for k in f)  # negated and future: not asserted
    assert "cw=government" in f and "cw=suspect" in f
    assert "cw=the" not in f  # stop words say nothing
    doc = nlp("Police arrested the protesters.")
    f = features(doc[1], _NoActors())
    assert any(k.startswith("lexv=") for k in f)  # the lexicon is a feature, not a gate


def _model(kind: str, weight: float) -> LinearModel:
    # a two-class model that favours `kind` only for the lemma "frobnicate"
    return LinearModel([NONE, kind], [0.0, -2.0], {"l=v_frobnicate": [0.0, weight]})


def test_classifier_types_a_candidate_only_through_the_model(nlp, monkeypatch):
    doc = nlp("The army frobnicated the rebels.")
    verb = doc[2]
    clf = TypeClassifier(_NoActors())
    clf.model = _model("ASSAULT", 6.0)
    typ, p = clf.best(verb)
    assert typ == "ASSAULT" and p > 0.9
    clf = TypeClassifier(_NoActors())
    clf.model = _model("ASSAULT", 0.0)
    assert clf.best(verb)[1] < 0.2  # the bias alone is not sure of anything
    clf.model = None
    assert clf.best(verb) is None


def test_an_uncoded_verb_between_named_actors_is_coded_when_the_model_is_sure(nlp, monkeypatch):
    from newsgraph.nlp.pipeline import analyse

    text = "On Monday the Chinese navy frobnicated the Philippine coast guard near the Scarborough Shoal."

    def events(model: LinearModel | None):
        monkeypatch.setattr(event_types, "load_model", lambda name: model)
        art = Article(id="t", text=text, metadata=Metadata(date="2025-06-10"))
        doc = nlp(text)
        analyse(doc, art)
        return [e for e in doc._.ng_events if "frobnicated" in e.evidence]

    assert events(None) == []
    assert events(_model("ASSAULT", 0.0)) == []  # below the threshold: nothing
    got = events(_model("ASSAULT", 8.0))
    assert [e.type for e in got] == ["ASSAULT"]
    assert got[0].source and got[0].target


def test_recorder_hands_over_every_story_candidate(nlp):
    doc = nlp("Rebels attacked a convoy. Talks resumed.")
    event_types.RECORDER = []
    try:
        event_types.record(doc, _NoActors(), "a1", lambda i: True)
        rows = list(event_types.RECORDER)
    finally:
        event_types.RECORDER = None
        event_types.DOCS.clear()
    assert {doc.text[s:e] for _, s, e, _ in rows} == {"Rebels", "attacked", "convoy", "Talks", "resumed"}


def test_a_model_file_named_by_the_setting_replaces_the_shipped_one(nlp, monkeypatch, tmp_path):
    # scripts/cv_plover.py scores fold models kept outside the package this way
    from newsgraph.nlp.pipeline import analyse

    text = "On Monday the Chinese navy frobnicated the Philippine coast guard near the Scarborough Shoal."
    path = tmp_path / "types.json.gz"
    _model("ASSAULT", 8.0).dump(path)
    monkeypatch.setattr(event_types, "load_model", lambda name: None)  # no shipped model

    def events():
        art = Article(id="t", text=text, metadata=Metadata(date="2025-06-10"))
        doc = nlp(text)
        analyse(doc, art)
        return [e.type for e in doc._.ng_events if "frobnicated" in e.evidence]

    assert events() == []
    monkeypatch.setenv(event_types.MODEL_ENV, str(path))
    assert events() == ["ASSAULT"]
    monkeypatch.setenv("NEWSGRAPH_MODELS_OFF", "event_types")
    assert events() == []  # switched off wins over the setting


def test_the_retype_experiment_lets_a_sure_model_overrule_the_lexicon_only_when_set(nlp, monkeypatch):
    # NEWSGRAPH_EVENT_TYPES_RETYPE (scripts/cv_plover.py --retype) measures a classifier-first design
    from newsgraph.nlp.pipeline import analyse

    text = "On Monday the Chinese navy condemned the Philippine coast guard near the Scarborough Shoal."
    model = LinearModel([NONE, "ASSAULT"], [0.0, -2.0], {"l=v_condemn": [0.0, 8.0]})
    monkeypatch.setattr(event_types, "load_model", lambda name: model)

    def types():
        art = Article(id="t", text=text, metadata=Metadata(date="2025-06-10"))
        doc = nlp(text)
        analyse(doc, art)
        return [e.type for e in doc._.ng_events if "condemned" in e.evidence]

    monkeypatch.delenv("NEWSGRAPH_EVENT_TYPES_RETYPE", raising=False)
    assert types() == ["ACCUSE"]  # off: the lexicon's reading stands
    monkeypatch.setenv("NEWSGRAPH_EVENT_TYPES_RETYPE", "0.5")
    assert types() == ["ASSAULT"]
