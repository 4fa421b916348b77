"""Train the event verifier: P(a candidate event is right), and the threshold to code it.

    python scripts/train/train_confidence.py [--shared ../shared] [--seed 13] [--upstream-folds 2]

Runs today's extractor (without this model) on the annotated corpus's train split out of
fold (``oof_events.py``: each fold's events come from a copy of the trained parts fitted
on the other folds, so that they are as right as on unseen text; ``--upstream-folds 0``
runs the shipped models in-sample instead, which the model then over-trusts), with
``NEWSGRAPH_EVENT_RECORD`` set: every asserted candidate that reaches the finishing stage
is coded, the filtered ones too, and its features (``newsgraph.nlp.event_verifier``) are
recorded. Each candidate is labelled right when it fully matches a gold event (type,
actor, recipient, overlapping evidence, as the shared scorer matches them), and a
logistic model is fitted on the features. Cross-validated (folds by article), each
threshold is scored with the shared scorer on the predictions it keeps (the filters' own
events and the filtered candidates at or above it); the one with the best full F1 is the
model's ``keep_at``. Reports log loss, reliability and full /
type-only / macro figures per threshold, against the rules' own filters. Writes
src/newsgraph/nlp/models/event_confidence.json.gz and bench/train_confidence.json.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # train_common, also when this file is loaded by path

from train_common import assign_folds, one_blas_thread

from newsgraph.nlp.event_verifier import RECORD_ENV, RIGHT
from newsgraph.nlp.linear import MODELS, LinearModel


def scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("ng_score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def predict(records: list[dict], newsgraph: str, record: str) -> dict[str, dict]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for r in records:
            tmp.write(json.dumps({"id": r["id"], "text": r["text"], "metadata": r.get("metadata", {})},
                                 ensure_ascii=False) + "\n")
    env = dict(os.environ, NEWSGRAPH_MODELS_OFF="event_confidence", **{RECORD_ENV: record})
    out = subprocess.run([newsgraph, "extract", tmp.name, "--format", "jsonl"], capture_output=True, text=True,
                         env=env, check=True)
    os.unlink(tmp.name)
    return {p["id"]: p for p in (json.loads(line) for line in out.stdout.splitlines() if line.strip())}


Key = tuple[str, int, int, str]  # article id, evidence start, end, type


def key_of(article_id: str, e: dict) -> Key:
    return article_id, e["start"], e["end"], e["type"]


def examples(gold: list[dict], preds: dict[str, dict], recorded: dict[Key, dict], sc
             ) -> list[tuple[str, Key, dict, int]]:
    """One example per recorded candidate: (article id, key, features, right). Right when it
    fully matches some gold event (not one to one: two candidates for one act are both
    right as candidates; the scorer's one-to-one count decides the threshold below)."""
    out = []
    for g in gold:
        p = preds.get(g["id"])
        if p is None:
            continue
        actors = sc.Actors(p)
        for e in p.get("events", []):
            k = key_of(g["id"], e)
            if k not in recorded:
                continue  # an act no candidate of the rules made (nlp/speech_events.py): not weighed
            right = False
            for ge in g.get("events", []):
                gspan = sc.find_span(g["text"], ge.get("evidence")) if ge.get("evidence") else None
                if ge["type"] != e["type"] or gspan and not sc.overlap(gspan, (e["start"], e["end"])):
                    continue
                if sc.parties_match(actors, ge.get("actor", []), e.get("source", [])) and \
                        sc.parties_match(actors, ge.get("recipient", []), e.get("target", [])):
                    right = True
                    break
            out.append((g["id"], k, recorded[k], int(right)))
    return out


def kept_scores(gold: list[dict], preds: dict[str, dict], keep, sc) -> dict:
    """The shared scorer's event figures on the predictions with only the candidates
    ``keep(key)`` accepts (acts no candidate made stay)."""
    golds = {g["id"]: g for g in gold}
    kept = {}
    for gid, p in preds.items():
        q = dict(p)
        q["events"] = [e for e in p.get("events", []) if keep(key_of(gid, e))]
        kept[gid] = q
    r = sc.score_events(golds, kept)
    return {"p": r["full"]["p"], "r": r["full"]["r"], "full_f1": r["full"]["f1"],
            "type_only_f1": r["type_only"]["f1"], "type_macro_f1": r["type_macro_f1"]}


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
    ap.add_argument("--pred", help="train-split predictions already made (JSONL), e.g. by oof_events.py --record")
    ap.add_argument("--record", help="with --pred: the candidates' features recorded with them")
    args = ap.parse_args(argv)
    one_blas_thread()
    sc = scorer(Path(args.shared))
    ann = ROOT / "data" / "annotated"
    train = set(json.loads((ann / "splits.json").read_text())["train"])
    gold = [r for r in (json.loads(line) for line in (ann / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
                        if line.strip()) if r["id"] in train]
    with tempfile.TemporaryDirectory() as tmp:
        record = args.record or str(Path(tmp) / "candidates.jsonl")
        if args.pred:
            if not args.record:
                ap.error("--pred needs --record: the features recorded with those predictions")
            preds = {p["id"]: p for p in (json.loads(x) for x in Path(args.pred).read_text().splitlines() if x.strip())}
        elif args.upstream_folds > 1:
            out = Path(tmp) / "oof.jsonl"
            subprocess.run([sys.executable, str(ROOT / "scripts" / "train" / "oof_events.py"), "--out", str(out),
                            "--shared", args.shared, "--newsgraph", args.newsgraph, "--folds",
                            str(args.upstream_folds), "--seed", str(args.seed), "--record", record], check=True)
            preds = {p["id"]: p for p in (json.loads(x) for x in out.read_text().splitlines() if x.strip())}
        else:
            preds = predict(gold, args.newsgraph, record)
        lines = Path(record).read_text(encoding="utf-8").splitlines()
    source = "given predictions" if args.pred else f"out of fold ({args.upstream_folds} folds upstream)" \
        if args.upstream_folds > 1 else "in-sample (the shipped models)"
    recorded: dict[Key, dict] = {}
    for line in lines:
        if line.strip():
            r = json.loads(line)
            recorded.setdefault((r["id"], r["start"], r["end"], r["type"]), r["features"])
    ex = examples(gold, preds, recorded, sc)
    fold_of = assign_folds(sorted({g for g, _, _, _ in ex}), args.folds, args.seed)
    y = [t for _, _, _, t in ex]
    raw = [f["raw"] for _, _, f, _ in ex]
    cv = [0.0] * len(ex)
    for k in range(args.folds):
        tr = [i for i, (g, _, _, _) in enumerate(ex) if fold_of[g] != k]
        te = [i for i, (g, _, _, _) in enumerate(ex) if fold_of[g] == k]
        if not te or len({y[i] for i in tr}) < 2:
            continue
        dv = DictVectorizer()
        m = LogisticRegression(C=args.C, max_iter=3000, random_state=args.seed)
        m.fit(dv.fit_transform([ex[i][2] for i in tr]), [y[i] for i in tr])
        col = list(m.classes_).index(1)
        for i, row in zip(te, m.predict_proba(dv.transform([ex[i][2] for i in te]))):
            cv[i] = float(row[col])
    n_gold = sum(len(g.get("events", [])) for g in gold)
    prob = {k: q for (_, k, _, _), q in zip(ex, cv)}
    rules = {k for _, k, f, _ in ex if f.get("why=kept")}
    at = {"rules' filters": kept_scores(gold, preds, lambda k: k not in prob or k in rules, sc)}
    best = None
    for th in [round(0.05 * n, 2) for n in range(1, 13)]:
        # the filters' own events are coded whatever their probability; the verifier brings
        # back the filtered candidates it trusts (newsgraph.nlp.event_verifier)
        at[str(th)] = kept_scores(gold, preds, lambda k, th=th: k not in prob or k in rules or prob[k] >= th, sc)
        at[str(th)]["rescued"] = sum(q >= th and k not in rules for k, q in prob.items())
        if best is None or at[str(th)]["full_f1"] > at[str(best)]["full_f1"]:
            best = th
    dv = DictVectorizer()
    m = LogisticRegression(C=args.C, max_iter=3000, random_state=args.seed)
    m.fit(dv.fit_transform([f for _, _, f, _ in ex]), y)
    col = list(m.classes_).index(1)
    names = dv.get_feature_names_out()
    # a two-class model: weight w for "right" and 0 for "wrong" gives the same softmax
    weights = {str(n): [0.0, round(float(w), 4)] for n, w in zip(names, m.coef_[0] * (1 if col == 1 else -1))}
    bias = float(m.intercept_[0]) * (1 if col == 1 else -1)
    LinearModel(["wrong", RIGHT], [0.0, round(bias, 4)], weights, {
        "what": "P(a candidate event is right: type, actor, recipient, evidence), newsgraph.nlp.event_verifier",
        "trained_on": f"data/annotated train split ({len(gold)} Wikinews articles, CC BY 2.5 text)",
        "events": source, "keep_at": best,
        "seed": args.seed, "C": args.C}).dump(MODELS / "event_confidence.json.gz")
    report = {"articles": len(gold), "events": source, "candidates": len(ex), "right": sum(y), "gold_events": n_gold,
              "keep_at": best,
              "cross_validated": {"log_loss_raw": round(log_loss(y, raw), 4), "log_loss": round(log_loss(y, cv), 4),
                                  "reliability_raw": reliability(y, raw), "reliability": reliability(y, cv),
                                  "events_at_threshold": at}}
    (ROOT / "bench" / "train_confidence.json").write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
