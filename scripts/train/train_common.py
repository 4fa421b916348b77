"""What the training scripts share: the seeded folds, the rounded P/R/F1, the logistic fit,
the shipped model, one BLAS thread, and the folds of a cross-validation fitted side by side.

Each script carried its own copy of these; a copy that drifted would change one model's
bytes or one report's figures and not the others'. The arithmetic is the copies' own, so
the models and bench reports keep their bytes. The scripts put scripts/train on sys.path
themselves (run as files, loaded by path in tests, or run from oof_events.py's copy of
the tree); named ``train_common`` so that no installed ``common`` can shadow it.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import random
from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    # scikit-learn is the ``train`` extra, imported by the scripts only when they fit; the
    # package is imported where a model is made, so that oof_events.py (which only needs
    # the folds, and puts no src/ on sys.path) imports neither
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from newsgraph.nlp.linear import LinearModel

T = TypeVar("T", bound=Hashable)
R = TypeVar("R")
JOBS_ENV = "NEWSGRAPH_TRAIN_JOBS"  # folds fitted at once; default 2, the cores make train is given
_TASK: Callable[[int], object] | None = None  # the fold function, inherited by the forked workers


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


def one_blas_thread() -> None:
    """One BLAS thread for this process and the ones it starts; each script's main calls it
    first. A fit's arithmetic follows OpenBLAS's thread count: the event type model fitted
    with two threads and with one differs by up to 1.5e-4 in a weight, enough to move a
    weight across the shipped file's 4-decimal rounding, so the model's bytes depended on
    the machine's cores. One thread is also faster here (36 s against 43 s for that fit);
    the cores go to folds fitted side by side (``per_fold``) instead. The variables reach a
    BLAS loaded later and the subprocesses; threadpoolctl limits the ones already loaded."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    from threadpoolctl import threadpool_limits  # with scikit-learn, the ``train`` extra

    threadpool_limits(1)


def _run_fold(k: int) -> object:
    assert _TASK is not None
    return _TASK(k)


def per_fold(fn: Callable[[int], R], folds: int) -> list[R]:
    """``[fn(0), ..., fn(folds - 1)]``, computed by up to ``NEWSGRAPH_TRAIN_JOBS`` (default 2)
    forked processes. Forked, so each worker already holds what ``fn`` reads (the recorded
    candidates, the parsed documents) and only fold numbers and results cross between
    processes. The results come back in fold order, and a fit does not depend on the process
    it runs in (one BLAS thread each), so the reports are the same as fitted one by one."""
    global _TASK
    jobs = min(folds, max(1, int(os.environ.get(JOBS_ENV, "2"))))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(k) for k in range(folds)]
    _TASK = fn
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            return pool.map(_run_fold, range(folds), chunksize=1)  # type: ignore[return-value]
    finally:
        _TASK = None


def fit_logistic(xs: list[dict], ys: list[str], c: float, seed: int) -> tuple[DictVectorizer, LogisticRegression]:
    """The event type, statement-act and party models' fit: feature dicts vectorised, an
    L2 logistic regression with inverse strength ``c``, seeded."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    dv = DictVectorizer()
    m = LogisticRegression(C=c, max_iter=3000, random_state=seed).fit(dv.fit_transform(xs), ys)
    return dv, m


def held_out_probs(groups: list[str], xs: list[dict], ys: list[str], folds: int, c: float,
                   seed: int) -> list[dict[str, float]]:
    """Each example's class probabilities from ``fit_logistic`` fitted without its group's
    fold (folds by group, seeded; fitted side by side by ``per_fold``)."""
    fold_of = assign_folds(sorted(set(groups)), folds, seed)

    def held_out(k: int) -> list[tuple[int, dict[str, float]]]:
        tr = [i for i, g in enumerate(groups) if fold_of[g] != k]
        te = [i for i, g in enumerate(groups) if fold_of[g] == k]
        dv, m = fit_logistic([xs[i] for i in tr], [ys[i] for i in tr], c, seed)
        return [(i, {str(cl): float(p) for cl, p in zip(m.classes_, row)})
                for i, row in zip(te, m.predict_proba(dv.transform([xs[i] for i in te])))]

    probs: list[dict[str, float]] = [{} for _ in xs]
    for part in per_fold(held_out, folds):
        for i, p in part:
            probs[i] = p
    return probs
