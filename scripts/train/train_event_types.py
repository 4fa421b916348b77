"""Train the event type classifier: for every verb and noun of a story, a PLOVER type or none.

    python scripts/train/train_event_types.py [--seed 13] [--c 0.5] [--folds 5]

Runs the extractor (without this model) on the annotated corpus's train split with
``newsgraph.nlp.event_types.RECORDER`` set, so every candidate (each verb and common noun
of the story, ``event_types.is_candidate``) hands over its features. A candidate is
labelled with the type of the gold event whose evidence span it heads in spaCy's parse (the
same trigger definition as ``train_triggers.py``), else ``none``. Only the train split:
never dev or test, never ../shared/gold, never ../shared/reserved.md.

Reports cross-validated (folds by article) precision, recall and F1 per type, a confusion
matrix, and precision/recall at three thresholds, and writes
src/newsgraph/nlp/models/event_types.json.gz and bench/train_event_types.json.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
# the model must not shape the data it is trained on; the confidence model is trained after it
os.environ["NEWSGRAPH_MODELS_OFF"] = "event_types,event_confidence"
sys.path.insert(0, str(Path(__file__).resolve().parent))  # train_common, also when this file is loaded by path

from train_common import add_no_cv, fit_logistic, held_out_probs, one_blas_thread, prf, to_linear

from newsgraph.nlp import event_types
from newsgraph.nlp.event_types import MODEL_NAME, NONE
from newsgraph.nlp.linear import MODELS, LinearModel

MIN_WEIGHT = 1e-2  # weights below this in every class are dropped from the shipped file (from 1e-3: half the
# features, the same make eval figures to three decimals, less memory per worker)
THRESHOLDS = (0.3, 0.5, 0.7)


def train_records() -> list[dict]:
    ann = ROOT / "data" / "annotated"
    ids = set(json.loads((ann / "splits.json").read_text())["train"])
    lines = (ann / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in (json.loads(x) for x in lines if x.strip()) if r["id"] in ids]


def recorded(records: list[dict]) -> list[tuple]:
    from newsgraph import service

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for r in records:
            tmp.write(json.dumps({"id": r["id"], "text": r["text"], "metadata": r.get("metadata", {})},
                                 ensure_ascii=False) + "\n")
    event_types.RECORDER = []
    try:
        for _ in service.extract([tmp.name]):
            pass
        return list(event_types.RECORDER)
    finally:
        event_types.RECORDER = None
        os.unlink(tmp.name)


def gold_triggers(record: dict, doc) -> dict[int, str]:
    """Start offset of each gold event's trigger (the head of its evidence span) -> type."""
    out: dict[int, str] = {}
    for e in record.get("events", []):
        span = e.get("evidence_span")
        if not span:
            continue
        sp = doc.char_span(span[0], span[1], alignment_mode="expand")
        if sp is None or not len(sp):
            continue
        out.setdefault(sp.root.idx, e["type"])
    return out


def to_model(dv, m, meta: dict) -> LinearModel:
    """The fitted model as the package's plain-JSON linear model (tiny weights dropped);
    scripts/cv_plover.py calls it too."""
    return to_linear(dv, m, meta, MIN_WEIGHT)


def decide(p: dict[str, float], threshold: float) -> str:
    acts = {c: v for c, v in p.items() if c != NONE}
    best = max(sorted(acts), key=lambda c: acts[c]) if acts else NONE
    return best if acts and acts[best] >= threshold else NONE


def report(ys: list[str], probs: list[dict[str, float]], threshold: float) -> dict:
    """Precision, recall and F1 per type of the candidates typed at ``threshold``."""
    pred = [decide(p, threshold) for p in probs]
    types = sorted({y for y in ys if y != NONE} | {p for p in pred if p != NONE})
    per = {}
    for t in types:
        tp = sum(1 for y, p in zip(ys, pred) if y == t and p == t)
        np_, ng = pred.count(t), ys.count(t)
        per[t] = {"gold": ng, "coded": np_, **prf(tp, np_, ng)}  # the key order of the report
    tp_all = sum(1 for y, p in zip(ys, pred) if p != NONE and y == p)
    n_pred = sum(1 for p in pred if p != NONE)
    n_gold = sum(1 for y in ys if y != NONE)
    confusion: dict[str, Counter] = defaultdict(Counter)
    for y, q in zip(ys, pred):
        if y != NONE or q != NONE:
            confusion[y][q] += 1
    return {"coded": n_pred, **prf(tp_all, n_pred, n_gold),
            "macro_f1": round(sum(v["f1"] for v in per.values() if v["gold"]) / max(1, sum(
                1 for v in per.values() if v["gold"])), 3),
            "per_type": per,
            "confusion_gold_to_predicted": {g: dict(sorted(c.items())) for g, c in sorted(confusion.items())}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", help="unused: the model trains on the project's own corpus only")
    ap.add_argument("--c", type=float, default=2.0, help="inverse L2 strength")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cache", help="read the recorded candidates from (or write them to) this pickle, "
                    "to try settings without parsing again")
    ap.add_argument("--cv-only", action="store_true", help="report the cross-validation, write nothing")
    add_no_cv(ap)
    args = ap.parse_args(argv)
    one_blas_thread()
    t0 = time.perf_counter()
    records = train_records()
    if args.cache and Path(args.cache).exists():
        with open(args.cache, "rb") as fh:
            groups, xs, ys = pickle.load(fh)
    else:
        gold = {r["id"]: r for r in records}
        rec = recorded(records)
        triggers = {aid: gold_triggers(gold[aid], doc) for aid, doc in event_types.DOCS.items()}
        event_types.DOCS.clear()
        groups = [aid for aid, *_ in rec]
        xs = [f for *_, f in rec]
        ys = [triggers.get(aid, {}).get(start, NONE) for aid, start, _, _ in rec]
        if args.cache:
            with open(args.cache, "wb") as fh:
                pickle.dump((groups, xs, ys), fh)
    n_gold_events = sum(len(r.get("events", [])) for r in records)
    cv: dict = {}
    if not args.no_cv:
        probs = held_out_probs(groups, xs, ys, args.folds, args.c, args.seed)
        cv = {str(th): report(ys, probs, th) for th in THRESHOLDS}
    if args.cv_only:
        for th, r in cv.items():
            print(th, {k: r[k] for k in ("coded", "p", "r", "f1", "macro_f1")})
        return 0
    dv, m = fit_logistic(xs, ys, args.c, args.seed)
    meta = {"what": "the PLOVER type of an event candidate (a verb or noun), or none (newsgraph.nlp.event_types)",
            "trained_on": f"data/annotated train split ({len(records)} Wikinews articles, CC BY 2.5 text)",
            "candidates": len(ys), "gold_events": n_gold_events,
            "gold_events_with_a_candidate_trigger": sum(1 for y in ys if y != NONE),
            "labels": dict(sorted(Counter(ys).items())), "c": args.c, "seed": args.seed}
    model = to_model(dv, m, meta)
    model.dump(MODELS / f"{MODEL_NAME}.json.gz")
    out = dict(meta, features=len(model.weights), cross_validated=cv, seconds=round(time.perf_counter() - t0, 1))
    (ROOT / "bench" / "train_event_types.json").write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps({k: v for k, v in out.items() if k != "cross_validated"}, indent=1))
    for th, r in cv.items():
        print(th, {k: r[k] for k in ("coded", "p", "r", "f1", "macro_f1")})
    return 0


if __name__ == "__main__":
    sys.exit(main())
