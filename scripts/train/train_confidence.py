"""Train the event confidence model: P(an event the extractor codes is right).

    python scripts/train/train_confidence.py [--shared ../shared] [--seed 13] [--upstream-folds 2]

Runs today's extractor (without this model) on the annotated corpus's train split out of
fold (``oof_events.py``: each fold's events come from a copy of the trained parts fitted
on the other folds, so that they are as right as on unseen text; ``--upstream-folds 0``
runs the shipped models in-sample instead, which the model then over-trusts), labels
each coded event right when the shared scorer's full match pairs it with a gold event
(type, actor, recipient, overlapping evidence; one-to-one, in the scorer's order), and
fits a logistic model on ``newsgraph.nlp.event_verifier.features``. Reports
cross-validated figures (folds by article): log loss and reliability before and after,
and full precision / recall at three thresholds. Writes
src/newsgraph/nlp/models/event_confidence.json.gz and bench/train_confidence.json.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.nlp.event_verifier import RIGHT, features
from newsgraph.nlp.linear import MODELS, LinearModel


def scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("ng_score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def predict(records: list[dict], newsgraph: str) -> dict[str, dict]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for r in records:
            tmp.write(json.dumps({"id": r["id"], "text": r["text"], "metadata": r.get("metadata", {})},
                                 ensure_ascii=False) + "\n")
    env = dict(os.environ, NEWSGRAPH_MODELS_OFF="event_confidence")
    out = subprocess.run([newsgraph, "extract", tmp.name, "--format", "jsonl"], capture_output=True, text=True,
                         env=env, check=True)
    os.unlink(tmp.name)
    return {p["id"]: p for p in (json.loads(line) for line in out.stdout.splitlines() if line.strip())}


def examples(gold: list[dict], preds: dict[str, dict], sc) -> list[tuple[str, dict, int]]:
    """One example per predicted event, labelled as the scorer's full match would."""
    out = []
    for g in gold:
        p = preds.get(g["id"])
        if p is None:
            continue
        actors = sc.Actors(p)
        kinds = {a["id"]: a.get("kind") or "unknown" for a in p.get("actors", [])}
        pe = p.get("events", [])
        used: set[int] = set()
        for ge in g.get("events", []):
            gspan = sc.find_span(g["text"], ge.get("evidence")) if ge.get("evidence") else None
            for pi, e in enumerate(pe):
                if pi in used or e.get("type") != ge["type"]:
                    continue
                if gspan and e.get("start") is not None and not sc.overlap(gspan, (e["start"], e["end"])):
                    continue
                if not sc.parties_match(actors, ge.get("actor", []), e.get("source", [])):
                    continue
                if not sc.parties_match(actors, ge.get("recipient", []), e.get("target", [])):
                    continue
                used.add(pi)
                break
        for pi, e in enumerate(pe):
            f = features(e["type"], float(e.get("confidence") or 0.0), [kinds.get(x, "unknown") for x in e["source"]],
                         [kinds.get(x, "unknown") for x in e["target"]], bool(e.get("said_in")),
                         e.get("evidence") or "", bool(e.get("historical")))
            out.append((g["id"], f, int(pi in used)))
    return out


def log_loss(y: list[int], p: list[float]) -> float:
    eps = 1e-6
    return float(np.mean([-(t * np.log(max(q, eps)) + (1 - t) * np.log(max(1 - q, eps))) for t, q in zip(y, p)]))


def reliability(y: list[int], p: list[float]) -> list[dict]:
    """Events by fifths of confidence: how often those in each fifth are right."""
    by_bin: dict[int, list[int]] = {}
    for i, q in enumerate(p):
        by_bin.setdefault(min(int(q * 5), 4), []).append(i)
    return [{"bin": f"{b / 5:.1f}-{(b + 1) / 5:.1f}", "events": len(idx),
             "mean_confidence": round(float(np.mean([p[i] for i in idx])), 3),
             "right": round(float(np.mean([y[i] for i in idx])), 3)} for b, idx in sorted(by_bin.items())]


def main(argv: list[str] | None = None) -> int:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--newsgraph", default=str(ROOT / ".venv" / "bin" / "newsgraph"))
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--upstream-folds", type=int, default=2,
                    help="folds for the out-of-fold events (oof_events.py); 0: the shipped models, in-sample")
    ap.add_argument("--pred", help="train-split predictions already made (JSONL), e.g. by oof_events.py")
    args = ap.parse_args(argv)
    sc = scorer(Path(args.shared))
    ann = ROOT / "data" / "annotated"
    train = set(json.loads((ann / "splits.json").read_text())["train"])
    gold = [r for r in (json.loads(line) for line in (ann / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
                        if line.strip()) if r["id"] in train]
    if args.pred:
        preds = {p["id"]: p for p in (json.loads(x) for x in Path(args.pred).read_text().splitlines() if x.strip())}
    elif args.upstream_folds > 1:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "oof.jsonl"
            subprocess.run([sys.executable, str(ROOT / "scripts" / "train" / "oof_events.py"), "--out", str(out),
                            "--shared", args.shared, "--newsgraph", args.newsgraph, "--folds",
                            str(args.upstream_folds), "--seed", str(args.seed)], check=True)
            preds = {p["id"]: p for p in (json.loads(x) for x in out.read_text().splitlines() if x.strip())}
    else:
        preds = predict(gold, args.newsgraph)
    source = "given predictions" if args.pred else f"out of fold ({args.upstream_folds} folds upstream)" \
        if args.upstream_folds > 1 else "in-sample (the shipped models)"
    ex = examples(gold, preds, sc)
    groups = sorted({g for g, _, _ in ex})
    random.Random(args.seed).shuffle(groups)
    fold_of = {g: k % args.folds for k, g in enumerate(groups)}
    y = [t for _, _, t in ex]
    raw = [f["raw"] for _, f, _ in ex]
    cv = [0.0] * len(ex)
    for k in range(args.folds):
        tr = [i for i, (g, _, _) in enumerate(ex) if fold_of[g] != k]
        te = [i for i, (g, _, _) in enumerate(ex) if fold_of[g] == k]
        if not te or len({y[i] for i in tr}) < 2:
            continue
        dv = DictVectorizer()
        m = LogisticRegression(C=args.C, max_iter=2000, random_state=args.seed)
        m.fit(dv.fit_transform([ex[i][1] for i in tr]), [y[i] for i in tr])
        col = list(m.classes_).index(1)
        for i, row in zip(te, m.predict_proba(dv.transform([ex[i][1] for i in te]))):
            cv[i] = float(row[col])
    n_gold = sum(len(g.get("events", [])) for g in gold)
    at = {}
    for th in (0.0, 0.2, 0.3, 0.4, 0.5):
        keep = [i for i, q in enumerate(cv) if q >= th]
        tp = sum(y[i] for i in keep)
        p = tp / len(keep) if keep else 0.0
        r = tp / n_gold if n_gold else 0.0
        at[str(th)] = {"events": len(keep), "p": round(p, 3), "r": round(r, 3),
                       "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}
    dv = DictVectorizer()
    m = LogisticRegression(C=args.C, max_iter=2000, random_state=args.seed)
    m.fit(dv.fit_transform([f for _, f, _ in ex]), y)
    col = list(m.classes_).index(1)
    names = dv.get_feature_names_out()
    # a two-class model: weight w for "right" and 0 for "wrong" gives the same softmax
    weights = {str(n): [0.0, round(float(w), 4)] for n, w in zip(names, m.coef_[0] * (1 if col == 1 else -1))}
    bias = float(m.intercept_[0]) * (1 if col == 1 else -1)
    LinearModel(["wrong", RIGHT], [0.0, round(bias, 4)], weights, {
        "what": "P(a coded event is right: type, actor, recipient, evidence), newsgraph.nlp.event_verifier",
        "trained_on": f"data/annotated train split ({len(gold)} Wikinews articles, CC BY 2.5 text)",
        "events": source,
        "seed": args.seed, "C": args.C}).dump(MODELS / "event_confidence.json.gz")
    report = {"articles": len(gold), "events": source, "events_coded": len(ex), "right": sum(y), "gold_events": n_gold,
              "cross_validated": {"log_loss_raw": round(log_loss(y, raw), 4), "log_loss": round(log_loss(y, cv), 4),
                                  "reliability_raw": reliability(y, raw), "reliability": reliability(y, cv),
                                  "full_at_threshold": at}}
    (ROOT / "bench" / "train_confidence.json").write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
