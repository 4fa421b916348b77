"""scripts/train/train_common.py: the folds, P/R/F1 and model export the training scripts
share give what each script's own copy gave (invented inputs; nothing is trained on data)."""
from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # as an import would: per_fold's workers find its functions by name
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


tc = _module(ROOT / "scripts" / "train" / "train_common.py", "train_common")


def _old_folds(order: list, folds: int, seed: int) -> dict:
    """The scripts' inline copy, as it was."""
    random.Random(seed).shuffle(order)
    return {g: k % folds for k, g in enumerate(order)}


def _old_prf(tp: int, pred: int, gold: int) -> dict[str, float]:
    p, r = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


GROUPS = ["b7", "a1", "c3", "a1", "d9", "b7", "e2", "f5", "c3", "g0", "h4"]


@pytest.mark.parametrize("seed", [0, 1, 13, 2024])
@pytest.mark.parametrize("folds", [2, 3, 5])
def test_assign_folds_is_the_inline_expression(seed, folds):
    # the lists the scripts shuffle: sorted distinct ids, record indices, ids in file order
    for order in (sorted(set(GROUPS)), list(range(17)), ["z", "y", "x", "w", "v", "u"]):
        before = list(order)
        got = tc.assign_folds(order, folds, seed)
        assert order == before  # a copy is shuffled, not the caller's list
        want = _old_folds(list(order), folds, seed)
        assert got == want and list(got) == list(want)  # same folds, same insertion order
    assert tc.assign_folds(range(17), folds, seed) == _old_folds(list(range(17)), folds, seed)
    assert tc.assign_folds((x for x in sorted(set(GROUPS))), folds, seed) == _old_folds(sorted(set(GROUPS)), folds,
                                                                                           seed)


def test_oof_events_folds_of_keeps_its_folds():
    oof = _module(ROOT / "scripts" / "train" / "oof_events.py", "oof_events_common_check")
    ids = [f"a{k}" for k in range(11)]
    assert oof.folds_of(list(reversed(ids)), 2, 13) == _old_folds(sorted(ids), 2, 13)


@pytest.mark.parametrize("tp,pred,gold", [(0, 0, 0), (0, 0, 5), (0, 4, 0), (0, 4, 5), (3, 3, 3), (2, 3, 7),
                                          (1, 3, 1), (5, 7, 9), (333, 1000, 999), (1, 6, 7)])
def test_prf_is_the_inline_expression(tp, pred, gold):
    got = tc.prf(tp, pred, gold)
    assert json.dumps(got) == json.dumps(_old_prf(tp, pred, gold))  # values and key order


def test_prf_edge_cases():
    assert tc.prf(0, 0, 0) == {"p": 0.0, "r": 0.0, "f1": 0.0}  # nothing predicted, no gold
    assert tc.prf(0, 0, 4) == {"p": 0.0, "r": 0.0, "f1": 0.0}  # nothing predicted
    assert tc.prf(0, 3, 0) == {"p": 0.0, "r": 0.0, "f1": 0.0}  # no gold
    assert tc.prf(2, 2, 2) == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert tc.prf(1, 3, 2) == {"p": 0.333, "r": 0.5, "f1": 0.4}
    # F1 from the unrounded P and R, in the scripts' order of operations
    assert tc.prf(2, 3, 7)["f1"] == round(2 * (2 / 3) * (2 / 7) / (2 / 3 + 2 / 7), 3)


def test_report_dicts_keep_their_key_order():
    # the per-type rows of train_event_types.py and train_parties.py put the helper's keys
    # among their own: the JSON must come out as it did
    tp, np_, ng = 2, 3, 7
    pr, rc = (tp / np_ if np_ else 0.0), (tp / ng if ng else 0.0)
    old_types = {"gold": ng, "coded": np_, "p": round(pr, 3), "r": round(rc, 3),
                 "f1": round(2 * pr * rc / (pr + rc), 3) if pr + rc else 0.0}
    assert json.dumps({"gold": ng, "coded": np_, **tc.prf(tp, np_, ng)}) == json.dumps(old_types)
    old_parties = {"p": round(pr, 3), "r": round(rc, 3), "f1": round(2 * pr * rc / (pr + rc), 3) if pr + rc else 0.0,
                   "gold": ng}
    assert json.dumps({**tc.prf(tp, np_, ng), "gold": ng}) == json.dumps(old_parties)


def test_to_linear_rounds_and_drops_small_rows():
    pytest.importorskip("sklearn")
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    # "tiny" barely moves any class (weights ~1e-5): it rounds to zero and is dropped
    xs = [{"a": 1.0, "tiny": 1e-4}, {"a": 1.0}, {"b": 1.0}, {"b": 1.0, "tiny": 1e-4}, {"c": 1.0},
          {"c": 1.0, "a": 0.5}]
    ys = ["x", "x", "y", "y", "z", "z"]
    dv = DictVectorizer()
    m = LogisticRegression(C=1.0, max_iter=1000, random_state=0).fit(dv.fit_transform(xs), ys)
    meta = {"seed": 0}
    model = tc.to_linear(dv, m, meta, 1e-3)
    assert model.classes == ["x", "y", "z"]
    assert model.meta is meta
    assert set(model.weights) == {"a", "b", "c"}
    names = list(dv.get_feature_names_out())
    for name, row in model.weights.items():
        j = names.index(name)
        assert row == [round(float(m.coef_[k, j]), 4) for k in range(3)]
    assert model.bias == [round(float(b), 4) for b in m.intercept_]
    assert all(v == round(v, 4) for row in model.weights.values() for v in row + model.bias)
    # the threshold is on the rounded weights: a row is kept when one of them reaches it
    top = max(abs(v) for v in model.weights["a"])
    assert "a" in tc.to_linear(dv, m, None, top).weights
    assert "a" not in tc.to_linear(dv, m, None, top + 1e-4).weights
    # the inline copy the scripts carried gives the same model, byte for byte
    classes = [str(c) for c in m.classes_]
    weights: dict[str, list[float]] = {}
    for j, name in enumerate(dv.get_feature_names_out()):
        w = [round(float(m.coef_[k, j]), 4) for k in range(len(classes))]
        if max(abs(v) for v in w) >= 1e-3:
            weights[str(name)] = w
    assert json.dumps([model.classes, model.bias, model.weights]) == json.dumps(
        [classes, [round(float(b), 4) for b in m.intercept_], weights])


def _square_plus(k: int) -> tuple[int, int]:
    return k, k * k + len(GROUPS)


@pytest.mark.parametrize("jobs", ["1", "2", "3"])
def test_per_fold_gives_every_fold_in_order(monkeypatch, jobs):
    # forked workers (jobs > 1) and the plain loop (jobs 1) give the same list, in fold
    # order, whichever worker ends first; a closure works, as the workers are forked
    monkeypatch.setenv(tc.JOBS_ENV, jobs)
    offset = 7
    got = tc.per_fold(lambda k: (k, k * k + offset), 5)
    assert got == [(k, k * k + offset) for k in range(5)]
    assert tc.per_fold(_square_plus, 1) == [(0, len(GROUPS))]
    assert tc._TASK is None  # nothing left behind for a later call


def test_per_fold_passes_a_worker_error_on(monkeypatch):
    monkeypatch.setenv(tc.JOBS_ENV, "2")

    def fail_on_two(k: int) -> int:
        if k == 2:
            raise ValueError(f"fold {k}")
        return k

    with pytest.raises(ValueError, match="fold 2"):
        tc.per_fold(fail_on_two, 4)
    assert tc._TASK is None
