"""Train the statement-act classifier: the PLOVER type a statement performs, or none.

    python scripts/train/train_speech_events.py [--seed 13] [--c 0.5] [--folds 5]

Runs the extractor (without this model) on the annotated corpus's train split with
``newsgraph.nlp.speech_events.RECORDER`` set, so that every statement hands over its
features, the ones the rules coded too (in use the model only codes the ones they left
uncoded, but it learns what an act looks like from all of them). A statement is labelled with the type of the gold event
performed by the gold statement it matches (the gold event's ``said_in``; or a gold event
whose evidence holds the statement's cue), else ``none``. A predicted statement matches a
gold one when their contents overlap by at least 0.3 of the gold span or their cues
overlap. Never the dev or test split, never ../shared/gold, never ../shared/reserved.md.

Reports cross-validated precision and recall per type (folds by article) and at three
thresholds, and writes src/newsgraph/nlp/models/speech_events.json.gz and
bench/train_speech_events.json.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
# the model must not shape the data it is trained on; the confidence model is trained after it
os.environ["NEWSGRAPH_MODELS_OFF"] = "speech_events,event_confidence"
sys.path.insert(0, str(Path(__file__).resolve().parent))  # train_common, also when this file is loaded by path

from train_common import add_no_cv, fit_logistic, held_out_probs, one_blas_thread, prf, to_linear

from newsgraph.nlp import speech_events
from newsgraph.nlp.linear import MODELS
from newsgraph.nlp.speech_events import MODEL_NAME, NONE, decide

THRESHOLDS = (0.5, 0.55, 0.6)  # the cross-validated report; speech_events.THRESHOLD is the one in use
MIN_WEIGHT = 1e-3  # weights below this in every class are dropped from the shipped file


def train_records(split: str = "train") -> list[dict]:
    ann = ROOT / "data" / "annotated"
    ids = set(json.loads((ann / "splits.json").read_text())[split])
    lines = (ann / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in (json.loads(x) for x in lines if x.strip()) if r["id"] in ids]


def recorded(records: list[dict]) -> list[tuple]:
    from newsgraph import service

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for r in records:
            tmp.write(json.dumps({"id": r["id"], "text": r["text"], "metadata": r.get("metadata", {})},
                                 ensure_ascii=False) + "\n")
    speech_events.RECORDER = []
    try:
        for _ in service.extract([tmp.name]):
            pass
        return list(speech_events.RECORDER)
    finally:
        speech_events.RECORDER = None
        os.unlink(tmp.name)


def _overlap(a: list[int] | tuple[int, int] | None, b: tuple[int, int]) -> int:
    if not a:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def label(gold: dict, q) -> str:
    """The gold type of the act a predicted statement performs, or none."""
    content = (q.start, q.end)
    cue = (q.cue_start, q.cue_end) if q.cue_start is not None and q.cue_end is not None else None
    matched: set[int] = set()
    for k, g in enumerate(gold.get("quotes", [])):
        gs = g.get("content_span")
        same_content = bool(gs) and _overlap(gs, content) >= 0.3 * max(1, gs[1] - gs[0])
        same_cue = cue is not None and bool(g.get("cue_span")) and _overlap(g["cue_span"], cue) > 0
        if same_content or same_cue:
            matched.add(k)
    for e in gold.get("events", []):
        if e.get("said_in") is not None and e["said_in"] in matched:
            return e["type"]
    if cue is not None:
        for e in gold.get("events", []):
            span = e.get("evidence_span")
            if span and span[0] <= cue[0] and cue[1] <= span[1]:
                return e["type"]
    return NONE


def report(ys: list[str], probs: list[dict[str, float]], threshold: float) -> dict:
    """Precision and recall per type of the statements coded at ``threshold``."""
    pred = [decide(p, threshold) for p in probs]
    types = sorted({y for y in ys if y != NONE} | {p for p in pred if p != NONE})
    per = {}
    tp_all = sum(1 for y, p in zip(ys, pred) if p != NONE and y == p)
    n_pred = sum(1 for p in pred if p != NONE)
    n_gold = sum(1 for y in ys if y != NONE)
    for t in types:
        tp = sum(1 for y, p in zip(ys, pred) if y == t and p == t)
        np_ = sum(1 for p in pred if p == t)
        ng = sum(1 for y in ys if y == t)
        per[t] = {"gold": ng, "coded": np_, "p": round(tp / np_, 3) if np_ else 0.0,
                  "r": round(tp / ng, 3) if ng else 0.0}
    return {"coded": n_pred, **prf(tp_all, n_pred, n_gold), "per_type": per}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", help="unused: the model trains on the project's own corpus only")
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--folds", type=int, default=5)
    add_no_cv(ap)
    ap.add_argument("--dev", action="store_true",
                    help="also report precision and recall on the annotated dev split's uncoded statements")
    args = ap.parse_args(argv)
    one_blas_thread()
    t0 = time.perf_counter()
    records = train_records()
    gold = {r["id"]: r for r in records}
    rec = recorded(records)
    groups = [aid for aid, *_ in rec]
    xs = [f for _, _, f, *_ in rec]
    ys = [label(gold[aid], q) for aid, q, *_ in rec]
    # the model learns from every statement, the acts the rules coded too, but in use it
    # only codes the statements the rules left uncoded: report both
    open_ = [i for i, r in enumerate(rec) if not r[-1]]
    cv: dict = {}
    cv_open: dict = {}
    if not args.no_cv:
        probs = held_out_probs(groups, xs, ys, args.folds, args.c, args.seed)
        cv = {str(th): report(ys, probs, th) for th in THRESHOLDS}
        cv_open = {str(th): report([ys[i] for i in open_], [probs[i] for i in open_], th) for th in THRESHOLDS}
    dv, m = fit_logistic(xs, ys, args.c, args.seed)
    dev = None
    if args.dev:
        # annotated dev: to choose features and the threshold, never trained on
        drecs = train_records("dev")
        dgold = {r["id"]: r for r in drecs}
        drec = [r for r in recorded(drecs) if not r[-1]]
        dys = [label(dgold[aid], q) for aid, q, *_ in drec]
        dprobs = [{str(cl): float(p) for cl, p in zip(m.classes_, row)}
                  for row in m.predict_proba(dv.transform([f for _, _, f, *_ in drec]))] if drec else []
        dev = {str(th): report(dys, dprobs, th) for th in THRESHOLDS}
    meta = {"what": "the PLOVER act a statement performs, or none (newsgraph.nlp.speech_events)",
            "trained_on": f"data/annotated train split ({len(records)} Wikinews articles, CC BY 2.5 text)",
            "statements": len(ys), "labels": dict(sorted(Counter(ys).items())), "c": args.c, "seed": args.seed}
    model = to_linear(dv, m, meta, MIN_WEIGHT)
    model.dump(MODELS / f"{MODEL_NAME}.json.gz")
    out = dict(meta, features=len(model.weights), cross_validated=cv, cross_validated_uncoded=cv_open,
               seconds=round(time.perf_counter() - t0, 1))
    if dev is not None:
        out["dev_uncoded"] = dev
    (ROOT / "bench" / "train_speech_events.json").write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
