"""Cross-validate the PLOVER type classifier ON ../shared/gold/plover-dev.jsonl.

    .venv/bin/python scripts/cv_plover.py [--shared ../shared] [--folds 5] [--seed 13]
                                          [--train-cache PICKLE] [--json OUT]

Issue 14 asks how well a trained coder generalises to PLOVER's own records. The records
are split into folds (by record, seeded). For each fold the type classifier
(``nlp/event_types.py``) is trained as ``scripts/train/train_event_types.py`` trains it, on
the annotated corpus's train split PLUS the other folds of plover-dev, written to a
TEMPORARY directory (plover-dev is CC BY-SA and ../shared/gold may train no shipped model:
nothing here is written into the package), and ``newsgraph extract`` runs on the held-out
fold with ``NEWSGRAPH_EVENT_TYPES_MODEL`` pointing at it; the shared scorer scores it.
The shipped model is scored on the same folds. Reported per fold and pooled: type macro-F1,
type-only F1 and full F1 of the pipeline, and the classifier alone at the trigger word
(every verb and noun typed by the model, no rules), which says whether the classifier or
the way the rules consult it is what limits the pipeline.

A plover-dev record has one gold event and no evidence span; its trigger word for training
is the first word of the gold ``trigger`` that is a candidate (a verb or noun, not a
reporting verb such as ``said``).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import pickle
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts" / "train"))
# the features do not depend on the model; record them as the training script does
os.environ["NEWSGRAPH_MODELS_OFF"] = "event_types,event_confidence"

import train_event_types as tet  # noqa: E402
from train_common import assign_folds, fit_logistic, prf  # noqa: E402

from newsgraph.nlp import event_types  # noqa: E402
from newsgraph.nlp.event_types import MODEL_ENV, NONE  # noqa: E402
from newsgraph.nlp.plover import SPEECH_VERBS  # noqa: E402

THRESHOLDS = (0.3, 0.5)
RETYPE_ENV = "NEWSGRAPH_EVENT_TYPES_RETYPE"


def load_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", shared / "eval" / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {shared / 'eval' / 'score.py'}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def trigger_of(record: dict, doc) -> int | None:
    """Start offset of the record's trigger word: the first word of the gold trigger that is
    a candidate and no reporting verb."""
    words = [w.lower() for w in record["events"][0].get("trigger", "").replace("-", " ").split()]
    for w in words:
        for tok in doc:
            if tok.lower_ == w and event_types.is_candidate(tok) and tok.lemma_.lower() not in SPEECH_VERBS:
                return tok.idx
    return None


def recorded_plover(records: list[dict]) -> tuple[list[str], list[dict], list[str]]:
    rec = tet.recorded(records)
    by_id = {r["id"]: r for r in records}
    starts = {aid: trigger_of(by_id[aid], doc) for aid, doc in event_types.DOCS.items()}
    types = {r["id"]: r["events"][0]["type"] for r in records}
    event_types.DOCS.clear()
    groups = [aid for aid, *_ in rec]
    xs = [f for *_, f in rec]
    ys = [types[aid] if starts.get(aid) == start else NONE for aid, start, _, _ in rec]
    return groups, xs, ys


def train_features(cache: str | None) -> tuple[list[str], list[dict], list[str]]:
    if cache and Path(cache).exists():
        with open(cache, "rb") as fh:
            return pickle.load(fh)
    records = tet.train_records()
    gold = {r["id"]: r for r in records}
    rec = tet.recorded(records)
    triggers = {aid: tet.gold_triggers(gold[aid], doc) for aid, doc in event_types.DOCS.items()}
    event_types.DOCS.clear()
    out = ([aid for aid, *_ in rec], [f for *_, f in rec],
           [triggers.get(aid, {}).get(start, NONE) for aid, start, _, _ in rec])
    if cache:
        with open(cache, "wb") as fh:
            pickle.dump(out, fh)
    return out


def extract(records: list[dict], tmp: Path, model: Path | None, retype: str = "") -> dict[str, dict]:
    """``newsgraph extract`` on the records, with ``model`` as the type classifier (None:
    the shipped one); ``retype``: let it retype the rules' triggers at that probability."""
    src = tmp / "in.jsonl"
    src.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n"
                           for r in records), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSGRAPH_MODELS_OFF", MODEL_ENV, RETYPE_ENV)}
    if retype:
        env[RETYPE_ENV] = retype
    if model is not None:
        env[MODEL_ENV] = str(model)
    newsgraph = str(Path(sys.executable).with_name("newsgraph"))
    out = subprocess.run([newsgraph, "extract", str(src), "--format", "jsonl"], capture_output=True, text=True,
                         check=True, env=env).stdout
    return {p["id"]: p for p in (json.loads(x) for x in out.splitlines() if x.strip())}


def scored(scorer: ModuleType, records: list[dict], preds: dict[str, dict]) -> dict:
    ev = scorer.score_events({r["id"]: r for r in records}, preds)
    return {"full_f1": ev["full"]["f1"], "type_only_f1": ev["type_only"]["f1"],
            "type_macro_f1": ev["type_macro_f1"], "per_type_f1": ev["per_type_f1"]}


def classifier_alone(ys: list[str], probs: list[dict[str, float]], groups: list[str]) -> dict:
    """The model with no rules, per record: its top candidate's type (at each threshold),
    against the record's one gold type. Macro-F1 as the scorer computes it."""
    best: dict[str, tuple[float, str]] = {}
    gold: dict[str, str] = {}
    for g, y, p in zip(groups, ys, probs):
        if y != NONE:
            gold[g] = y
        acts = {c: v for c, v in p.items() if c != NONE}
        if acts:
            top = max(sorted(acts), key=lambda c: acts[c])
            if acts[top] > best.get(g, (0.0, ""))[0]:
                best[g] = (acts[top], top)
    out = {}
    for th in THRESHOLDS:
        per: dict[str, list[int]] = {}
        for g in set(groups):
            pt = best[g][1] if g in best and best[g][0] >= th else None
            gt = gold.get(g)
            if gt:
                per.setdefault(gt, [0, 0, 0])[2] += 1
            if pt:
                per.setdefault(pt, [0, 0, 0])[1] += 1
            if gt and pt == gt:
                per[gt][0] += 1
        f1s = {}
        for t, (tp, np_, ng) in per.items():
            f1s[t] = prf(tp, np_, ng)["f1"]
        tp = sum(v[0] for v in per.values())
        np_, ng = sum(v[1] for v in per.values()), sum(v[2] for v in per.values())
        macro = [f1s[t] for t, v in per.items() if v[2]]
        out[str(th)] = {"type_f1": prf(tp, np_, ng)["f1"],
                        "type_macro_f1": round(sum(macro) / len(macro), 3) if macro else 0.0}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--c", type=float, default=2.0, help="as train_event_types.py")
    ap.add_argument("--train-cache", help="the train split's recorded candidates (train_event_types.py --cache)")
    ap.add_argument("--json", help="also write the figures here")
    ap.add_argument("--retype", default="", help="an experiment: the classifier retypes the rules' triggers "
                    "when at least this sure (NEWSGRAPH_EVENT_TYPES_RETYPE), for both models")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    scorer = load_scorer(shared)
    records = [json.loads(x) for x in (shared / "gold" / "plover-dev.jsonl").read_text(encoding="utf-8").splitlines()
               if x.strip()]
    fold_of = assign_folds(sorted(r["id"] for r in records), args.folds, args.seed)
    tg, tx, ty = train_features(args.train_cache)
    pg, px, py = recorded_plover(records)
    print(f"plover-dev: {len(records)} records, {sum(1 for y in py if y != NONE)} with a trigger candidate",
          file=sys.stderr)
    result: dict = {"folds": [], "pooled": {}}
    pooled_cv: dict[str, dict] = {}
    pooled_shipped: dict[str, dict] = {}
    alone_probs: list[dict[str, float]] = [{} for _ in py]
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        shipped = extract(records, tmp, None, args.retype)
        for k in range(args.folds):
            held = [r for r in records if fold_of[r["id"]] == k]
            tr = [i for i, g in enumerate(pg) if fold_of[g] != k]
            te = [i for i, g in enumerate(pg) if fold_of[g] == k]
            dv, m = fit_logistic(tx + [px[i] for i in tr], ty + [py[i] for i in tr], args.c, args.seed)
            path = tmp / f"event_types.fold{k}.json.gz"
            tet.to_model(dv, m, {"what": "cv_plover fold model, never shipped"}).dump(path)
            for i, row in zip(te, m.predict_proba(dv.transform([px[i] for i in te]))):
                alone_probs[i] = {str(cl): float(p) for cl, p in zip(m.classes_, row)}
            preds = extract(held, tmp, path, args.retype)
            pooled_cv.update(preds)
            pooled_shipped.update({r["id"]: shipped.get(r["id"], {"id": r["id"]}) for r in held})
            row = {"fold": k, "records": len(held), "cv_model": scored(scorer, held, preds),
                   "shipped_model": scored(scorer, held, {r["id"]: shipped.get(r["id"], {}) for r in held})}
            result["folds"].append(row)
            print(f"fold {k}: cv {json.dumps({a: b for a, b in row['cv_model'].items() if a != 'per_type_f1'})} "
                  f"shipped {json.dumps({a: b for a, b in row['shipped_model'].items() if a != 'per_type_f1'})}",
                  file=sys.stderr)
    result["pooled"] = {"cv_model": scored(scorer, records, pooled_cv),
                        "shipped_model": scored(scorer, records, pooled_shipped),
                        "classifier_alone_cv": classifier_alone(py, alone_probs, pg)}
    print(f"{'':8} {'pipeline, cv model':>30} {'pipeline, shipped model':>30}")
    print(f"{'fold':8} {'macro':>10}{'type':>10}{'full':>10} {'macro':>10}{'type':>10}{'full':>10}")
    for row in result["folds"] + [{"fold": "pooled", **result["pooled"]}]:
        a, b = row["cv_model"], row["shipped_model"]
        print(f"{row['fold']!s:8} {a['type_macro_f1']:>10.3f}{a['type_only_f1']:>10.3f}{a['full_f1']:>10.3f} "
              f"{b['type_macro_f1']:>10.3f}{b['type_only_f1']:>10.3f}{b['full_f1']:>10.3f}")
    print("classifier alone (cv, top candidate per record):", json.dumps(result["pooled"]["classifier_alone_cv"]))
    types = sorted(set(result["pooled"]["cv_model"]["per_type_f1"]) | set(Counter(
        r["events"][0]["type"] for r in records)))
    print("per type (pooled) cv / shipped:", ", ".join(
        f"{t} {result['pooled']['cv_model']['per_type_f1'].get(t, 0):.2f}/"
        f"{result['pooled']['shipped_model']['per_type_f1'].get(t, 0):.2f}" for t in types))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
