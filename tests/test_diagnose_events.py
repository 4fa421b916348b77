"""scripts/diagnose_events.py: the party class of a same-type prediction's failing side."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="no shared scorer")
def test_party_classes():
    diag = _load("diagnose_events", ROOT / "scripts" / "diagnose_events.py")
    score = diag.load_scorer(SHARED)
    pred = {"actors": [
        {"id": "a", "name": "Norland", "country": "NOR", "mentions": [{"text": "Norland", "start": 0, "end": 7}]},
        {"id": "b", "name": "Ostia", "country": "SWE", "mentions": [{"text": "Ostia", "start": 20, "end": 25}]},
        {"id": "c", "name": "Freya Dahl", "country": "DNK", "mentions": []}]}
    actors = score.Actors(pred)
    gold = [{"text": "Ostia", "code": "SWE"}]
    assert diag.party_class(score, actors, pred, gold, ["b"], ["a"]) is None
    assert diag.party_class(score, actors, pred, gold, [], ["a"]) == "missing side"
    assert diag.party_class(score, actors, pred, gold, ["a"], ["b"]) == "reversed"
    assert diag.party_class(score, actors, pred, gold, ["c"], ["a"]) == "wrong party"
    assert diag.party_class(score, actors, pred, [{"text": "the crowd", "code": "FIN"}], ["c"], []) \
        == "not an actor (common noun)"


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="no shared scorer")
def test_rejection_classes_and_thresholds(capsys):
    """Each gold event in one recall class by what overlaps its evidence; a threshold leaves
    the events below it out of the scorer's figures."""
    diag = _load("diagnose_events", ROOT / "scripts" / "diagnose_events.py")
    score = diag.load_scorer(SHARED)
    text = "Norland shelled Ostia. Norland praised Ostia. Ostia may sue Norland. Ostia met Norland."
    actor = [{"text": "Norland"}]
    gold = {"id": "d1", "text": text, "events": [
        {"type": "ASSAULT", "evidence": "Norland shelled Ostia", "actor": actor},
        {"type": "SUPPORT", "evidence": "Norland praised Ostia", "actor": actor},
        {"type": "ACCUSE", "evidence": "Ostia may sue Norland", "actor": [{"text": "Ostia"}]},
        {"type": "CONSULT", "evidence": "Ostia met Norland", "actor": [{"text": "Ostia"}]}]}
    pred = {"id": "d1", "actors": [{"id": "n", "name": "Norland", "mentions": []}],
            "events": [{"type": "ASSAULT", "start": 0, "end": 21, "source": ["n"], "target": [], "confidence": 0.9},
                       {"type": "AID", "start": 23, "end": 45, "source": ["n"], "target": [], "confidence": 0.1}],
            "non_events": [{"type": "SUPPORT", "start": 23, "end": 45, "source": ["n"], "target": [],
                            "reason": "low confidence", "confidence": 0.2},
                           {"type": "REJECT", "start": 47, "end": 68, "source": [], "target": ["n"],
                            "reason": "hedged", "confidence": 0.1},
                           {"type": "COERCE", "start": 200, "end": 210, "source": [], "target": [],
                            "reason": "no party", "confidence": 0.1}]}
    out, false = diag.rejections(score, gold, pred)
    assert [c for c, _, _ in out] == ["hit", "rejected right type", "rejected wrong type", "no candidate"]
    assert out[1][2]["reason"] == "low confidence"
    assert [e["type"] for e in false] == ["COERCE"]
    diag.report_thresholds(score, [gold], {"d1": pred}, [0.0, 0.5])
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[1:]]
    assert rows[0][:2] == ["0.00", "2"] and rows[1][:2] == ["0.50", "1"]
    assert rows[1][2] == "1.000"  # full precision once the AID below 0.5 is left out
    # --list names each rejected and each uncandidated gold event
    diag.report_rejections(score, [gold], {"d1": pred}, True)
    listed = capsys.readouterr().out.splitlines()
    assert any(line.startswith("REJ d1 SUPPORT") for line in listed)
    assert any(line.startswith("NOC d1 CONSULT") and "'Ostia met Norland'" in line for line in listed)


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="no shared scorer")
def test_predictions_counted_by_type_and_trigger(nlp, capsys):
    """Each prediction right or wrong under its (type, trigger lemma): the head of its
    evidence in the parse."""
    diag = _load("diagnose_events", ROOT / "scripts" / "diagnose_events.py")
    score = diag.load_scorer(SHARED)
    text = "Norland shelled Ostia. Norland suggested talks. Ostia suggested a truce."
    gold = {"id": "d1", "text": text, "events": [
        {"type": "ASSAULT", "evidence": "Norland shelled Ostia", "actor": [{"text": "Norland"}]}]}
    pred = {"id": "d1", "actors": [{"id": "n", "name": "Norland", "mentions": []}],
            "events": [{"type": "ASSAULT", "start": 0, "end": 21, "source": ["n"], "target": []},
                       {"type": "ACCUSE", "start": 23, "end": 46, "source": ["n"], "target": [],
                        "evidence": "Norland suggested talks"},
                       {"type": "ACCUSE", "start": 48, "end": 72, "source": [], "target": ["n"],
                        "evidence": "Ostia suggested a truce"}]}
    rows = diag.by_trigger(score, [gold], {"d1": pred}, nlp)
    assert rows[("ASSAULT", "shell")][:2] == [1, 0]
    assert rows[("ACCUSE", "suggest")][:2] == [0, 2]
    diag.report_triggers(rows, 1, True)
    out = capsys.readouterr().out.splitlines()
    assert out[1].split() == ["ACCUSE", "suggest", "0", "2"]
    assert "'Norland suggested talks'" in out[2]
