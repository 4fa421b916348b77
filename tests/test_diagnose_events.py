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
