"""A calibrated confidence for each coded event: how likely it is right, type and parties.

``make train`` fits a small logistic model on the annotated corpus's train split: for each
event today's extractor codes there, was it right (the shared scorer's full match)? Its
inputs are what the extractor knows of the event once coded: the rules' score, which
sides were found, whether a statement performs it. It learns from events of articles the
trained parts upstream never saw (out of fold, ``scripts/train/oof_events.py``): run in-sample
they are right far more often than on new text. The
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
    """What the model weighs: the rules' score, which sides were found and how many, whether
    a statement performs the act, whether it is background, the evidence's length.

    Not the type, nor the kinds of the parties: fitted on the out-of-fold train events
    (``scripts/train/oof_events.py``) and measured on events of unseen articles (log loss /
    AUC), those features over-fitted: annotated-dev 0.642 / 0.666 without them, 0.683 / 0.603
    with the kinds, 0.642 / 0.669 with the type; plover-dev 0.695 / 0.659 without, 0.799 /
    0.600 with the kinds, 0.749 / 0.574 with the type, 0.879 / 0.530 with both and the type's
    interactions (the model shipped before). ``etype`` stays in the signature for callers."""
    del etype
    return {"bias": 1.0, "raw": raw, "raw2": raw * raw, "src": float(bool(source_kinds)),
            "tgt": float(bool(target_kinds)), "said_in": float(said_in), "historical": float(historical),
            "words": min(len(evidence.split()), 40) / 40.0,
            "n_src": min(len(source_kinds), 3) / 3.0, "n_tgt": min(len(target_kinds), 3) / 3.0}


def calibrated(etype: str, raw: float, source_kinds: Sequence[str], target_kinds: Sequence[str], said_in: bool,
               evidence: str, historical: bool) -> float | None:
    """P(right) from the shipped model, or None when none is shipped."""
    model = load_model("event_confidence")
    if model is None:
        return None
    p = model.proba(features(etype, raw, source_kinds, target_kinds, said_in, evidence, historical))
    return p.get(RIGHT, 0.0)
