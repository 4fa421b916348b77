"""The trained parts: the linear model format, the event confidence and the threshold a
user sets on it, and the annotation tooling that makes the training data."""
from __future__ import annotations

import gzip
import importlib.util
import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

from newsgraph.nlp.event_verifier import Facts
from newsgraph.nlp.event_verifier import features as verifier_features
from newsgraph.nlp.linear import LinearModel, load_model

ROOT = Path(__file__).resolve().parents[1]


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_linear_model_round_trip_is_byte_stable(tmp_path):
    m = LinearModel(["NONE", "ASSAULT"], [0.5, -0.5], {"l=attack": [-1.0, 2.0], "bias": [0.0, 0.1]}, {"seed": 1})
    a, b = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    m.dump(a)
    m.dump(b)
    assert a.read_bytes() == b.read_bytes()  # no timestamp in the gzip header
    back = LinearModel.load(a)
    p = back.proba({"l=attack": 1.0, "bias": 1.0, "unknown-feature": 5.0})
    assert math.isclose(sum(p.values()), 1.0)
    assert math.isclose(p["ASSAULT"], 1 / (1 + math.exp(-2.1)))  # scores 0.5 - 1.0 vs -0.5 + 2.0 + 0.1
    assert back.proba({})["NONE"] > back.proba({})["ASSAULT"]
    assert json.loads(gzip.decompress(a.read_bytes()))["meta"] == {"seed": 1}


def test_models_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_MODELS_OFF", "event_confidence")
    assert load_model("event_confidence") is None


def test_verifier_features_hold_neither_the_type_nor_the_parties_kinds():
    facts = Facts(why="vague", raw=0.8, source_kinds=("country",), target_kinds=(), said_in=True,
                  historical=False, words=6, nominal=False, passive=False, derived=False, inherited=False,
                  implied=False, strength=0.9, p_type=0.3, p_none=0.6)
    f = verifier_features(facts)
    assert f["raw"] == 0.8 and f["src"] == 1.0 and f["tgt"] == 0.0 and f["said_in"] == 1.0
    assert f["why=vague"] == 1.0 and "why=kept" not in f
    # the parties' kinds over-fitted on unseen articles: only whether a side was found counts
    assert f == verifier_features(replace(facts, source_kinds=("person",)))
    assert verifier_features(replace(facts, why=None))["why=kept"] == 1.0


def test_min_confidence_trades_events_for_precision(analyse_text_settings):
    text = ("Japan attacked China on Monday. Police arrested 36 protesters in Hong Kong. "
            "The United States imposed sanctions on Iran, officials said.")
    every = analyse_text_settings(text, 0.0)["events"]
    assert len(every) >= 2
    # the lowest confidence above the least one: at least one event falls below it
    cut = min(c for c in (e["confidence"] for e in every) if c > min(e["confidence"] for e in every))
    kept = analyse_text_settings(text, cut)["events"]
    assert 0 < len(kept) < len(every)
    assert all(e["confidence"] >= cut for e in kept)
    assert all(e["confidence"] >= 1.0 for e in analyse_text_settings(text, 1.0)["events"])


@pytest.fixture()
def analyse_text_settings(nlp):
    from newsgraph.model import Article, Metadata, to_record
    from newsgraph.nlp.pipeline import analyse
    from newsgraph.settings import Settings

    def run(text: str, threshold: float):
        article = Article(id="t", text=text, metadata=Metadata(date="2025-01-16"))
        return to_record(analyse(nlp(text), article, settings=Settings(min_event_confidence=threshold)))

    return run


# -- the annotation tooling ------------------------------------------------------------

ann = _module(ROOT / "scripts" / "annotate" / "ann.py", "ann")
splits = _module(ROOT / "scripts" / "annotate" / "splits.py", "ng_splits")

TEXT = ('Police said he was arrested on Monday. "We will appeal," he said. "It is unfair."\n\n'
        'The minister, officials said, resigned. He said he would resign.')


def test_resolve_finds_exact_spans_and_nearest_speaker_and_cue():
    draft = {"id": "x", "quotes": [
        {"content": "he was arrested on Monday", "type": "indirect", "speaker": "Police",
         "speaker_canonical": "police", "cue": "said"},
        {"content": "It is unfair.", "type": "direct", "speaker": "he", "speaker_canonical": "Lee", "cue": "said"},
        {"content": "The minister, officials said, resigned", "type": "indirect", "speaker": "officials",
         "speaker_canonical": "officials", "cue": "said", "cue_at": 110}],
        "events": [{"type": "COERCE", "actor": [{"text": "Police", "code": None, "sector": "COP"}],
                    "recipient": [], "evidence": "he was arrested", "at": 10}]}
    rec, problems = ann.resolve(draft, TEXT)
    assert problems == []
    q0, q1, q2 = rec["quotes"]
    assert TEXT[slice(*q0["content_span"])] == "he was arrested on Monday"
    assert TEXT[slice(*q0["speaker_span"])] == "Police" and q0["cue_span"][0] == 7
    # the second quote's cue is the "said" right before it, not one inside a content
    assert TEXT[q1["cue_span"][0] - 3:q1["cue_span"][1]] == "he said"
    assert q2["cue_span"][0] > q2["content_span"][0]  # placed by its hint, inside the content
    assert TEXT[slice(*rec["events"][0]["evidence_span"])] == "he was arrested"


def test_resolve_reports_every_problem():
    draft = {"id": "x", "quotes": [
        {"content": "said", "type": "quoted", "speaker": "Nobody", "cue": "said"},
        {"content": "not in the text", "type": "direct"}],
        "events": [{"type": "ATTACK", "actor": [], "recipient": [{"text": "x", "code": "France"}],
                    "evidence": "resign", "date": "May 2024", "said_in": 7}]}
    _, problems = ann.resolve(draft, TEXT)
    text = "\n".join(problems)
    for expected in ("type 'quoted'", "occurs", "not in text: 'not in the text'", "is not PLOVER", "no actor",
                     "is not ISO3", "not YYYY", "said_in 7"):
        assert expected in text, (expected, text)


def test_splits_are_a_function_of_the_id_alone():
    ids = [f"wn-a-{i:012x}" for i in range(2000)]
    got = [splits.split_of(i) for i in ids]
    assert got == [splits.split_of(i) for i in reversed(ids)][::-1]
    share = {s: got.count(s) / len(got) for s in ("train", "dev", "test")}
    assert 0.65 < share["train"] < 0.75 and 0.12 < share["dev"] < 0.18 and 0.12 < share["test"] < 0.18


def test_the_annotated_corpus_holds_no_reserved_or_dev_article():
    corpus = ROOT / "data" / "annotated" / "corpus.jsonl"
    if not corpus.exists() or not (ROOT.parent / "shared" / "reserved.md").exists():
        pytest.skip("needs the corpus and ../shared")
    ids = {json.loads(line)["id"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert ids and not ids & set(ann.excluded_ids())
    sp = json.loads((ROOT / "data" / "annotated" / "splits.json").read_text())
    assert set(sp["train"]) | set(sp["dev"]) | set(sp["test"]) == ids
    assert all(splits.split_of(i) == name for name in ("train", "dev", "test") for i in sp[name])


def test_min_confidence_from_the_command_line(tmp_path):
    import os
    import subprocess
    import sys

    art = tmp_path / "a.txt"
    art.write_text("date 2025-01-16\nTitle\n\nJapan attacked China on Monday, officials said. Police arrested "
                   "36 protesters in Hong Kong on Tuesday.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "NEWSGRAPH_MIN_CONFIDENCE"}

    def events(*flags: str) -> list[dict]:
        out = subprocess.run([sys.executable, "-m", "newsgraph.cli", "extract", str(art), *flags],
                             capture_output=True, text=True, env=env, timeout=300)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)["events"]

    every = events()
    assert every
    assert events("--min-confidence", "1") == [e for e in every if e["confidence"] >= 1.0]
    bad = subprocess.run([sys.executable, "-m", "newsgraph.cli", "extract", str(art), "--min-confidence", "2"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert bad.returncode != 0 and "min-confidence" in bad.stderr


def test_out_of_fold_events_split_by_article():
    """The confidence model's train events come from models that never saw their article:
    every train article is in exactly one held-out fold, the same one for the same seed."""
    import importlib.util
    from pathlib import Path
    path = Path(__file__).resolve().parents[1] / "scripts" / "train" / "oof_events.py"
    spec = importlib.util.spec_from_file_location("oof_events", path)
    oof = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(oof)  # type: ignore[union-attr]
    ids = [f"a{k}" for k in range(11)]
    folds = oof.folds_of(ids, 2, 13)
    assert set(folds) == set(ids) and set(folds.values()) == {0, 1}
    assert folds == oof.folds_of(list(reversed(ids)), 2, 13)
    assert abs(sum(folds.values()) - len(ids) / 2) <= 1
