"""A calibrated confidence for each coded event: how likely it is right, type and parties.

``make train`` fits a small logistic model on the annotated corpus's train split: for each
event today's extractor codes there, was it right (the shared scorer's full match)? Its
inputs are what the extractor knows of the event once coded: the type, the rules'
strength, which sides were found and of what kind, whether a statement performs it. The
probability it gives is the event's ``confidence``; ``--min-confidence`` drops events
below a threshold, trading recall for precision. With no trained model shipped, the
rules' own score stays.
"""
from __future__ import annotations

from collections.abc import Sequence

from newsgraph.nlp.linear import load_model

RIGHT = "right"


def features(etype: str, raw: float, source_kinds: Sequence[str], target_kinds: Sequence[str], said_in: bool,
             evidence: str, historical: bool) -> dict[str, float]:
    f = {"bias": 1.0, f"type={etype}": 1.0, "raw": raw, "raw2": raw * raw,
         f"{etype}.raw": raw, "src": float(bool(source_kinds)), "tgt": float(bool(target_kinds)),
         f"{etype}.src": float(bool(source_kinds)), f"{etype}.tgt": float(bool(target_kinds)),
         "said_in": float(said_in), f"{etype}.said_in": float(said_in), "historical": float(historical),
         "words": min(len(evidence.split()), 40) / 40.0,
         "n_src": min(len(source_kinds), 3) / 3.0, "n_tgt": min(len(target_kinds), 3) / 3.0}
    for side, kinds in (("src", source_kinds), ("tgt", target_kinds)):
        for k in set(kinds):
            f[f"{side}.kind={k}"] = 1.0
    return f


def calibrated(etype: str, raw: float, source_kinds: Sequence[str], target_kinds: Sequence[str], said_in: bool,
               evidence: str, historical: bool) -> float | None:
    """P(right) from the shipped model, or None when none is shipped."""
    model = load_model("event_confidence")
    if model is None:
        return None
    p = model.proba(features(etype, raw, source_kinds, target_kinds, said_in, evidence, historical))
    return p.get(RIGHT, 0.0)
