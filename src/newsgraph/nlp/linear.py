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

MODELS = Path(__file__).resolve().parent / "models"


class LinearModel:
    """Multinomial logistic regression over sparse named features."""

    def __init__(self, classes: list[str], bias: list[float], weights: dict[str, list[float]],
                 meta: dict | None = None) -> None:
        self.classes = classes
        self.bias = bias
        self.weights = weights
        self.meta = meta or {}

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
        scores = list(self.bias)
        for name, value in features.items():
            w = self.weights.get(name)
            if w is not None:
                for k, wk in enumerate(w):
                    scores[k] += wk * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}


def load_model(name: str) -> LinearModel | None:
    """The shipped model ``models/NAME.json.gz``, or None when it has not been trained or
    is switched off (``NEWSGRAPH_MODELS_OFF=name,...``: training a later model on the
    output of the pipeline without it)."""
    if name in os.environ.get("NEWSGRAPH_MODELS_OFF", "").split(","):
        return None
    return _load(name)


@cache
def _load(name: str) -> LinearModel | None:
    path = MODELS / f"{name}.json.gz"
    return LinearModel.load(path) if path.exists() else None
