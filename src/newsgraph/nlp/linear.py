"""A trained linear classifier read from a JSON file that ships in the package.

``make train`` fits the models with scikit-learn and writes them here as plain JSON
(feature name -> one weight per class, and a bias per class), so extraction needs
neither scikit-learn nor pickled code: scoring one example is a few dict lookups and a
softmax over the classes.
"""
from __future__ import annotations

import gzip
import json
import math
import os
from functools import cache
from pathlib import Path

import numpy as np

MODELS = Path(__file__).resolve().parent / "models"
# From this many classes on, ``proba`` sums the weight rows with numpy: its fixed cost per
# call pays off only when each feature carries many class weights (measured: the 17-class
# event type model 27 -> 15 us a call; the 3- and 4-class models are faster in Python).
WIDE = 16


class LinearModel:
    """Multinomial logistic regression over sparse named features."""

    def __init__(self, classes: list[str], bias: list[float], weights: dict[str, list[float]],
                 meta: dict | None = None) -> None:
        self.classes = classes
        self.bias = bias
        self.weights = weights
        self.meta = meta or {}
        self._rows: dict[str, int] | None = None
        self._matrix: np.ndarray | None = None

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            raw = json.load(f)
        return cls(raw["classes"], raw["bias"], raw["weights"], raw.get("meta"))

    def dump(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # no name or mtime in the header: the same model gives the same bytes, so a rebuild shows no diff
        with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
            gz.write(json.dumps({"classes": self.classes, "bias": self.bias, "weights": self.weights,
                                 "meta": self.meta}, sort_keys=True, separators=(",", ":")).encode("utf-8"))

    def proba(self, features: dict[str, float]) -> dict[str, float]:
        return dict(zip(self.classes, self._probs(features)))

    def best(self, features: dict[str, float]) -> str:
        """``max(p, key=p.__getitem__)`` of ``p = proba(features)``, without the dict: the
        first class of the highest probability (asked once per token by the tagger)."""
        return self.best_of_scores(self._scores(features))

    def best_of_scores(self, scores: list[float]) -> str:
        """``best`` from the class scores ``_scores`` gives (a caller that sums them itself,
        in the same order, gets the same class)."""
        top = max(scores)
        if math.isfinite(top):
            k = scores.index(top)
            # exp(0) is 1 and exp never rises above it for a lower score, so the first top
            # score has the first top probability, unless an earlier score is so close that
            # rounding could tie their probabilities: then the probabilities decide
            if all(x < top - 1e-9 for x in scores[:k]):
                return self.classes[k]
        probs = self._softmax(scores)
        k = 0
        for j in range(1, len(probs)):
            if probs[j] > probs[k]:  # as max: a later class wins only when greater
                k = j
        return self.classes[k]

    def _probs(self, features: dict[str, float]) -> list[float]:
        return self._softmax(self._scores(features))

    @staticmethod
    def _softmax(scores: list[float]) -> list[float]:
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def _scores(self, features: dict[str, float]) -> list[float]:
        if len(self.classes) >= WIDE:
            scores = self._scores_wide(features)
        elif len(self.classes) == 4:
            scores = self._scores_four(features)
        else:
            scores = list(self.bias)
            for name, value in features.items():
                w = self.weights.get(name)
                if w is not None:
                    for k, wk in enumerate(w):
                        scores[k] += wk * value
        return scores

    def _scores_four(self, features: dict[str, float]) -> list[float]:
        """The loop in ``proba`` unrolled for four classes (the attribution tagger, asked
        once per token of a sentence): the same additions in the same order, so the same
        floats, in local variables instead of list items (measured 1.6x faster)."""
        s0, s1, s2, s3 = self.bias
        get = self.weights.get
        for name, value in features.items():
            w = get(name)
            if w is not None:
                w0, w1, w2, w3 = w
                s0 += w0 * value
                s1 += w1 * value
                s2 += w2 * value
                s3 += w3 * value
        return [s0, s1, s2, s3]

    def _scores_wide(self, features: dict[str, float]) -> list[float]:
        """The class scores as the loop in ``proba`` sums them, bit for bit: the bias row,
        then each known feature's row times its value, in the features' order. numpy adds
        the rows of a 2-d array along axis 0 one after another (pairwise summation is only
        used along the contiguous axis), so the order of the additions is the loop's."""
        rows, matrix = self.table()
        at, values = [0], [1.0]
        for name, value in features.items():
            r = rows.get(name)
            if r is not None:
                at.append(r)
                values.append(value)
        m = matrix[at]  # a copy: the model's rows are never written
        m *= np.array(values)[:, None]
        return np.add.reduce(m, axis=0).tolist()

    def table(self) -> tuple[dict[str, int], np.ndarray]:
        """The weights as one matrix, built once: row 0 the bias, then a row per feature
        (``rows``: its name -> its row)."""
        if self._rows is None or self._matrix is None:
            names = list(self.weights)
            self._rows = {n: k + 1 for k, n in enumerate(names)}
            self._matrix = np.array([self.bias] + [self.weights[n] for n in names], dtype=np.float64)
        return self._rows, self._matrix


def load_model(name: str) -> LinearModel | None:
    """The shipped model ``models/NAME.json.gz``, or None when it has not been trained or
    is switched off (``NEWSGRAPH_MODELS_OFF=name,...``: training a later model on the
    output of the pipeline without it)."""
    if name in os.environ.get("NEWSGRAPH_MODELS_OFF", "").split(","):
        return None
    return _load(name)


def load_all() -> None:
    """Read every shipped model now (``load_nlp`` does, with spaCy's), so that the first
    article does not pay for it."""
    for path in sorted(MODELS.glob("*.json.gz")):
        _load(path.name[: -len(".json.gz")])


@cache
def _load(name: str) -> LinearModel | None:
    path = MODELS / f"{name}.json.gz"
    return LinearModel.load(path) if path.exists() else None
