"""Train the event party model: for each actor of an event's sentence, actor / recipient / neither.

    python scripts/train/train_parties.py [--shared ../shared] [--seed 13] [--plover]

Runs the extractor (without this model) on the annotated corpus's train split with
``newsgraph.nlp.event_parties.RECORDER`` set, so that every asserted candidate event
hands over its party candidates and their features. A candidate event is labelled when a
gold event of the same type has an evidence span that holds its trigger; each of its
party candidates is then ``actor`` when it matches a gold actor as the shared scorer
matches parties, ``recipient`` when it matches a gold recipient, else ``neither`` (one
that matches both sides teaches nothing and is left out). With ``--plover``, the PLOVER
gold sentences of ../shared/gold/plover-dev.jsonl (CC BY-SA 4.0) are added the same way.
Never the dev or test split, never ../shared/reserved.md.

Reports cross-validated figures (folds by article) and writes
src/newsgraph/nlp/models/event_parties.json.gz and bench/train_parties.json.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
# the model must not shape the data it is trained on
os.environ["NEWSGRAPH_MODELS_OFF"] = "event_parties,event_confidence"
sys.path.insert(0, str(Path(__file__).resolve().parent))  # train_common, also when this file is loaded by path

from train_common import add_no_cv, assign_folds, fit_logistic, one_blas_thread, per_fold, prf

from newsgraph.nlp import event_parties
from newsgraph.nlp.event_parties import ACTOR, NEITHER, RECIPIENT
from newsgraph.nlp.linear import MODELS, LinearModel

CLASSES = [ACTOR, NEITHER, RECIPIENT]


def scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("ng_score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def recorded(records: list[dict]) -> list[tuple]:
    """What the extractor's candidate events hand over, for each article of ``records``."""
    from newsgraph import service

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for r in records:
            tmp.write(json.dumps({"id": r["id"], "text": r["text"], "metadata": r.get("metadata", {})},
                                 ensure_ascii=False) + "\n")
    event_parties.RECORDER = []
    try:
        for _ in service.extract([tmp.name]):
            pass
        return list(event_parties.RECORDER)
    finally:
        event_parties.RECORDER = None
        os.unlink(tmp.name)


def as_pred(actor) -> dict:
    # A label says "this mention is the party", so only a country stands for its code: a
    # person or body that merely has a country (the article's home country, say) must not
    # match a gold party by that code, or every compatriot becomes a positive example.
    country = actor.country if actor.kind == "country" else None
    return {"id": actor.id, "name": actor.name, "country": country,
            "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in actor.mentions]}


def examples(records: list[dict], rec: list[tuple], sc) -> list[tuple[str, int, dict, str]]:
    """(article, event number, features, label) for each party candidate of a matched event."""
    gold = {r["id"]: r for r in records}
    out = []
    for n, (aid, etype, trig, cands) in enumerate(rec):
        g = gold.get(aid)
        if g is None:
            continue
        match = None
        for ge in g.get("events", []):
            if ge["type"] != etype:
                continue
            span = ge.get("evidence_span") or (sc.find_span(g["text"], ge["evidence"]) if ge.get("evidence") else None)
            if span and span[0] <= trig < span[1]:
                match = ge
                break
        if match is None:
            continue
        for actor, feats in cands:
            actors = sc.Actors({"actors": [as_pred(actor)]})
            is_a = any(actors.matches(actor.id, x) for x in match.get("actor", []))
            is_r = any(actors.matches(actor.id, x) for x in match.get("recipient", []))
            if is_a and is_r:
                continue
            out.append((aid, n, feats, ACTOR if is_a else RECIPIENT if is_r else NEITHER))
    return out


def cross_validate(ex: list[tuple[str, int, dict, str]], folds: int, c: float, seed: int,
                   always: set[int]) -> dict:
    fold_of = assign_folds(sorted({ex[i][0] for i in range(len(ex)) if i not in always}), folds, seed)

    def held_out(k: int) -> list[tuple[int, dict[str, float]]]:
        tr = [i for i, e in enumerate(ex) if i in always or fold_of[e[0]] != k]
        te = [i for i, e in enumerate(ex) if i not in always and fold_of[e[0]] == k]
        if not te:
            return []
        dv, m = fit_logistic([ex[i][2] for i in tr], [ex[i][3] for i in tr], c, seed)
        return [(i, {str(cl): float(p) for cl, p in zip(m.classes_, row)})
                for i, row in zip(te, m.predict_proba(dv.transform([ex[i][2] for i in te])))]

    probs: list[dict[str, float] | None] = [None] * len(ex)
    for part in per_fold(held_out, folds):
        for i, p in part:
            probs[i] = p
    # per candidate: the argmax class against the label
    conf: dict[str, Counter] = defaultdict(Counter)
    for i, p in enumerate(probs):
        if p is not None:
            conf[ex[i][3]][max(p, key=p.__getitem__)] += 1
    per = {}
    for cl in CLASSES:
        tp = conf[cl][cl]
        npred = sum(conf[g][cl] for g in conf)
        ngold = sum(conf[cl].values())
        per[cl] = {**prf(tp, npred, ngold), "gold": ngold}
    # per event: is the top-scored candidate for each side right, where the gold side has one?
    by_event: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, p in enumerate(probs):
        if p is not None:
            by_event[(ex[i][0], ex[i][1])].append(i)
    sides = {}
    for cl, rule in ((ACTOR, "rule_src"), (RECIPIENT, "rule_tgt")):
        n = right = rule_right = 0
        for idx in by_event.values():
            if not any(ex[i][3] == cl for i in idx):
                continue
            n += 1
            top = max(idx, key=lambda i: probs[i][cl])  # type: ignore[index]
            right += ex[top][3] == cl
            rule_right += any(ex[i][3] == cl and ex[i][2].get(rule) for i in idx)
        sides[cl] = {"events": n, "model_top_right": round(right / n, 3) if n else 0.0,
                     "rules_right": round(rule_right / n, 3) if n else 0.0}
    return {"per_class": per, "confusion": {g: dict(v) for g, v in sorted(conf.items())}, "sides": sides}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--plover", action="store_true", help="add the PLOVER gold sentences (CC BY-SA 4.0)")
    add_no_cv(ap)
    args = ap.parse_args(argv)
    one_blas_thread()
    t0 = time.perf_counter()
    random.seed(args.seed)
    np.random.seed(args.seed)
    sc = scorer(Path(args.shared))
    ann = ROOT / "data" / "annotated"
    train = set(json.loads((ann / "splits.json").read_text())["train"])
    gold = [r for r in (json.loads(line) for line in (ann / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
                        if line.strip()) if r["id"] in train]
    ex = examples(gold, recorded(gold), sc)
    n_corpus = len(ex)
    trained_on = f"data/annotated train split ({len(gold)} Wikinews articles, CC BY 2.5 text, CC BY 4.0 annotations)"
    if args.plover:
        path = Path(args.shared) / "gold" / "plover-dev.jsonl"
        pl = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        ex += examples(pl, recorded(pl), sc)
        trained_on += f" + {len(pl)} PLOVER gold-standard sentences (CC BY-SA 4.0, Open Event Data Alliance)"
    always = set(range(n_corpus, len(ex)))  # PLOVER sentences train every fold and are never scored
    report: dict = {"articles": len(gold), "examples": len(ex), "corpus_examples": n_corpus,
                    "labels": dict(Counter(e[3] for e in ex)), "C": args.C, "seed": args.seed}
    if not args.no_cv:
        report["cross_validated"] = cross_validate(ex, args.folds, args.C, args.seed, always)
    dv, m = fit_logistic([e[2] for e in ex], [e[3] for e in ex], args.C, args.seed)
    coef = m.coef_.T
    weights = {str(n): [round(float(w), 4) for w in row]
               for n, row in zip(dv.get_feature_names_out(), coef) if float(np.abs(row).max()) >= 1e-3}
    LinearModel([str(c) for c in m.classes_], [round(float(b), 4) for b in m.intercept_], weights, {
        "what": "event party role (actor / recipient / neither) of an actor in the event's sentence, "
                "newsgraph.nlp.event_parties",
        "trained_on": trained_on, "seed": args.seed, "C": args.C}).dump(MODELS / "event_parties.json.gz")
    report["features"] = len(weights)
    report["seconds"] = round(time.perf_counter() - t0, 1)
    (ROOT / "bench" / "train_parties.json").write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
