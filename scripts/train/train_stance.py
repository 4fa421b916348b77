"""Train the stance and intensity models of statements (reactions, quote stance).

    python scripts/train/train_stance.py [--seed 13] [--C 0.5]

Fits on the train split of data/annotated/stance only (labels on the statements of
data/annotated/corpus.jsonl: stance, intensity 0-3; guideline docs/annotation.md, E).
C is chosen by cross-validation on train (folds by article), never on dev or test.
Reports accuracy and macro-F1 of stance, and intensity exact / within one, on dev and
test, beside today's lexicon reading (newsgraph.corpus.reactions.assess: cue strength and
VADER valence; intensity its 0..1 strength times 3, rounded). Writes
src/newsgraph/nlp/models/stance.json.gz, stance_intensity.json.gz and
bench/train_stance.json. Seeded and deterministic (liblinear-free lbfgs on a fixed
feature order): the same data gives the same bytes.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
# The lexicon baseline must be today's rules, not the model being trained.
os.environ["NEWSGRAPH_MODELS_OFF"] = ",".join(
    x for x in [os.environ.get("NEWSGRAPH_MODELS_OFF", ""), "stance", "stance_intensity"] if x)
sys.path.insert(0, str(Path(__file__).resolve().parent))  # train_common, also when this file is loaded by path

from train_common import assign_folds, one_blas_thread

from newsgraph.nlp.linear import MODELS, LinearModel
from newsgraph.nlp.stance import STANCES, features

ANN = ROOT / "data" / "annotated"


def statements(split: str) -> list[dict]:
    """Each labelled statement of a split with its article id, content and cue."""
    corpus = {}
    for line in (ANN / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            corpus[r["id"]] = r
    out = []
    for line in (ANN / "stance" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        lab = json.loads(line)
        art = corpus[lab["id"]]
        cues = {tuple(q["content_span"]): q.get("cue") for q in art.get("quotes", []) if q.get("content_span")}
        for s in lab["statements"]:
            a, b = s["content_span"]
            content, cue = art["text"][a:b], cues.get((a, b))
            out.append({"article": lab["id"], "content": content, "cue": cue, "x": features(content, cue),
                        "stance": s["stance"], "intensity": int(s["intensity"])})
    return out


def _fit(xs: list[dict], ys: list, C: float, seed: int):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    dv = DictVectorizer(sort=True)
    m = LogisticRegression(C=C, max_iter=5000, random_state=seed, class_weight="balanced")
    m.fit(dv.fit_transform(xs), ys)
    return dv, m


def to_linear(dv, m, meta: dict) -> LinearModel:
    classes = [str(c) for c in m.classes_]
    names = dv.get_feature_names_out()
    coef = m.coef_
    if len(classes) == 2:  # sklearn keeps one row for two classes: weight 0 for the first
        weights = {str(n): [0.0, round(float(w), 5)] for n, w in zip(names, coef[0])}
        bias = [0.0, round(float(m.intercept_[0]), 5)]
    else:
        weights = {str(n): [round(float(coef[k, j]), 5) for k in range(len(classes))] for j, n in enumerate(names)}
        bias = [round(float(b), 5) for b in m.intercept_]
    # Weights that round to zero carry nothing: leave them out of the shipped file.
    weights = {n: w for n, w in weights.items() if any(w)}
    return LinearModel(classes, bias, weights, meta)


def macro_f1(gold: list[str], pred: list[str]) -> float:
    f = []
    for c in STANCES:
        tp = sum(g == p == c for g, p in zip(gold, pred))
        fp = sum(p == c != g for g, p in zip(gold, pred))
        fn = sum(g == c != p for g, p in zip(gold, pred))
        f.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f) / len(f)


def figures(gold: list[dict], stance: list[str], level: list[int]) -> dict:
    n = len(gold)
    return {"statements": n,
            "stance_accuracy": round(sum(g["stance"] == s for g, s in zip(gold, stance)) / n, 3),
            "stance_macro_f1": round(macro_f1([g["stance"] for g in gold], stance), 3),
            "intensity_exact": round(sum(g["intensity"] == x for g, x in zip(gold, level)) / n, 3),
            "intensity_within_one": round(sum(abs(g["intensity"] - x) <= 1 for g, x in zip(gold, level)) / n, 3)}


def lexicon_reading(rows: list[dict]) -> tuple[list[str], list[int]]:
    from newsgraph.corpus.reactions import lexicon_assess

    st, lv = [], []
    for r in rows:
        a = lexicon_assess(r["content"], r["cue"])
        st.append(a.stance)
        lv.append(0 if a.stance == "neutral" else max(1, min(3, round(a.intensity * 3))))
    return st, lv


def model_reading(sm: LinearModel, im: LinearModel, rows: list[dict]) -> tuple[list[str], list[int]]:
    st, lv = [], []
    for r in rows:
        f = r["x"]
        p = sm.proba(f)
        s = max(STANCES, key=lambda c: (p[c], c == "neutral"))
        pi = im.proba(f)
        st.append(s)
        lv.append(0 if s == "neutral" else int(max(pi, key=lambda k: (pi[k], -int(k)))))
    return st, lv


def cv_accuracy(rows: list[dict], C: float, seed: int, folds: int = 5) -> float:
    fold = assign_folds(sorted({r["article"] for r in rows}), folds, seed)
    gold, pred = [], []
    for k in range(folds):
        tr = [r for r in rows if fold[r["article"]] != k]
        te = [r for r in rows if fold[r["article"]] == k]
        dv, m = _fit([r["x"] for r in tr], [r["stance"] for r in tr], C, seed)
        pred += list(m.predict(dv.transform([r["x"] for r in te])))
        gold += [r["stance"] for r in te]
    return macro_f1(gold, pred)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--C", type=float, nargs="*", default=[0.1, 0.3, 1.0, 3.0])
    args = ap.parse_args(argv)
    one_blas_thread()
    train = statements("train")
    cv = {C: round(cv_accuracy(train, C, args.seed), 4) for C in args.C}
    best = max(args.C, key=lambda C: (cv[C], -C))
    xs = [r["x"] for r in train]
    dv, m = _fit(xs, [r["stance"] for r in train], best, args.seed)
    meta = {"trained_on": f"data/annotated/stance train split ({len(train)} statements of Wikinews articles, "
                          "CC BY 2.5 text, labels CC BY 4.0)", "seed": args.seed, "C": best,
            "features": "newsgraph.nlp.stance.features"}
    sm = to_linear(dv, m, {**meta, "what": "stance of a statement: negative / neutral / positive"})
    charged = [(x, r) for x, r in zip(xs, train) if r["stance"] != "neutral" and r["intensity"] > 0]
    dv2, m2 = _fit([x for x, _ in charged], [r["intensity"] for _, r in charged], best, args.seed)
    im = to_linear(dv2, m2, {**meta, "what": "intensity 1-3 of a statement that takes a stance"})
    sm.dump(MODELS / "stance.json.gz")
    im.dump(MODELS / "stance_intensity.json.gz")
    report: dict = {"train_statements": len(train), "cv_macro_f1_by_C": {str(k): v for k, v in cv.items()}, "C": best}
    for split in ("dev", "test"):
        rows = statements(split)
        report[split] = {"model": figures(rows, *model_reading(sm, im, rows)),
                         "lexicon": figures(rows, *lexicon_reading(rows))}
    (ROOT / "bench" / "train_stance.json").write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
