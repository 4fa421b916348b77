"""What the training scripts share: the seeded folds, the rounded P/R/F1, the shipped model.

Each script carried its own copy of these; a copy that drifted would change one model's
bytes or one report's figures and not the others'. The arithmetic is the copies' own, so
the models and bench reports keep their bytes. The scripts put scripts/train on sys.path
themselves (run as files, loaded by path in tests, or run from oof_events.py's copy of
the tree); named ``train_common`` so that no installed ``common`` can shadow it.
"""
from __future__ import annotations

import argparse
import random
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    # scikit-learn is the ``train`` extra, imported by the scripts only when they fit; the
    # package is imported where a model is made, so that oof_events.py (which only needs
    # the folds, and puts no src/ on sys.path) imports neither
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from newsgraph.nlp.linear import LinearModel

T = TypeVar("T", bound=Hashable)


def assign_folds(order: Iterable[T], folds: int, seed: int) -> dict[T, int]:
    """Each item's fold: a copy of ``order`` shuffled by ``random.Random(seed)``, then dealt
    round robin. The caller decides the order (sorted ids, record order...): the same
    items in another order fall in other folds. ``order`` itself is left as it was."""
    shuffled = list(order)
    random.Random(seed).shuffle(shuffled)
    return {g: k % folds for k, g in enumerate(shuffled)}


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 rounded to 3 decimals: P is 0.0 with nothing predicted, R
    0.0 with no gold, F1 0.0 when both are; F1 comes from the unrounded P and R."""
    p, r = (tp / n_pred if n_pred else 0.0), (tp / n_gold if n_gold else 0.0)
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def to_linear(vectorizer: DictVectorizer, clf: LogisticRegression, meta: dict | None,
              min_weight: float) -> LinearModel:
    """A fitted multinomial model (one coefficient row per class, three classes or more) as
    the package's plain-JSON ``LinearModel``: weights and biases rounded to 4 decimals, and
    a feature kept only when one of its rounded weights reaches ``min_weight`` in size.
    (A two-class model keeps a single row in scikit-learn: this does not lay that out.)"""
    from newsgraph.nlp.linear import LinearModel

    classes = [str(c) for c in clf.classes_]
    weights: dict[str, list[float]] = {}
    for j, name in enumerate(vectorizer.get_feature_names_out()):
        w = [round(float(clf.coef_[k, j]), 4) for k in range(len(classes))]
        if max(abs(v) for v in w) >= min_weight:
            weights[str(name)] = w
    return LinearModel(classes, [round(float(b), 4) for b in clf.intercept_], weights, meta)


def add_no_cv(ap: argparse.ArgumentParser) -> None:
    """``--no-cv``: fit the model only, with no cross-validated report. oof_events.py asks
    it of each fold's scripts; the report does not change the model, and no one reads it."""
    ap.add_argument("--no-cv", action="store_true", help="fit the model only, with no cross-validated report "
                    "(oof_events.py's fold models: the report does not change the model)")
