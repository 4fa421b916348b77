"""Train the attribution tagger: cue / source / content tags for indirect and mixed statements.

    python scripts/train/train_attribution.py [--c 0.3] [--seed 13]

Parses the annotated corpus's train split (data/annotated/, by splits.json; never dev,
test or ../shared/gold), tags each token with the gold's indirect and mixed statements
(cue over source over content where spans meet), and fits a multinomial logistic model
on ``newsgraph.nlp.attribution_tagger.features`` with the gold previous tags (the tagger
decodes greedily with its own). Writes src/newsgraph/nlp/models/attribution_tagger.json.gz
and bench/train_attribution.json: the training fit and, with ``--folds`` (default 5), the
cross-validated figures (folds by article): per tag, token precision / recall / F1 of the
tags the tagger decodes greedily with its own previous tags on articles its fold never saw,
and the content runs it finds against the gold's indirect and mixed contents (a run matches
a gold content it overlaps by half of the longer of the two).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # train_common, also when this file is loaded by path

from train_common import assign_folds, one_blas_thread, per_fold, prf, to_linear

from newsgraph.nlp.attribution_tagger import MODEL_NAME, START, TAGS, anchors, features, tag_runs, tag_sentence
from newsgraph.nlp.linear import MODELS, LinearModel
from newsgraph.nlp.pipeline import load_spacy

SPANS = (("content_span", "C"), ("speaker_span", "S"), ("cue_span", "Q"))
# A later tag overwrites an earlier one only when it ranks higher.
RANK = {"O": 0, "C": 1, "S": 2, "Q": 3}
MIN_WEIGHT = 1e-2  # weights below this in every class are dropped from the shipped file (from 1e-3: half the
# features, the same make eval figures to three decimals, less memory per worker)


def train_records() -> list[dict]:
    splits = json.loads((ROOT / "data" / "annotated" / "splits.json").read_text())
    ids = set(splits["train"])
    lines = (ROOT / "data" / "annotated" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in (json.loads(x) for x in lines if x.strip()) if r["id"] in ids]


def gold_tags(doc, record: dict) -> list[str]:
    tags = ["O"] * len(doc)
    starts = [t.idx for t in doc]
    for q in record.get("quotes", []):
        if q.get("type") == "direct":
            continue
        for key, tag in SPANS:
            span = q.get(key)
            if not span:
                continue
            for i, s in enumerate(starts):
                if span[0] <= s < span[1] and RANK[tag] > RANK[tags[i]]:
                    tags[i] = tag
    return tags


def examples(records: list[dict], docs: list | None = None) -> tuple[list[dict[str, float]], list[str], list[int]]:
    """Features and gold tags of every token, and the index of its record; ``docs``, when
    given, receives each record's (doc, gold tags) for the cross-validation."""
    nlp = load_spacy()
    xs: list[dict[str, float]] = []
    ys: list[str] = []
    groups: list[int] = []
    for n, r in enumerate(records):
        doc = nlp(r["text"])
        tags = gold_tags(doc, r)
        if docs is not None:
            docs.append((doc, tags))
        for sent in doc.sents:
            for t, anchor in zip(sent, anchors(sent)):
                i = t.i
                prev = tags[i - 1] if i > sent.start else START
                prev2 = tags[i - 2] if i - 1 > sent.start else START
                xs.append(features(t, prev, prev2, anchor))
                ys.append(tags[i])
                groups.append(n)
    return xs, ys, groups


def fit(xs: list[dict[str, float]], ys: list[str], c: float, seed: int, meta: dict | None = None) -> LinearModel:
    """The fitted tagger as the package's plain-JSON linear model (tiny weights dropped)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform(xs)
    clf = LogisticRegression(C=c, max_iter=3000, random_state=seed)
    clf.fit(x, ys)
    classes = [str(k) for k in clf.classes_]
    assert set(classes) == set(TAGS), classes
    if meta is not None:
        meta["train_accuracy"] = round(float(clf.score(x, ys)), 4)
    return to_linear(vec, clf, meta, MIN_WEIGHT)


def cross_validate(xs: list[dict[str, float]], ys: list[str], groups: list[int], docs: list, folds: int,
                   c: float, seed: int) -> dict:
    """Tags decoded on held-out articles (folds by article), scored against the gold tags."""
    fold_of = assign_folds(range(len(docs)), folds, seed)
    counts = {t: [0, 0, 0] for t in TAGS if t != "O"}  # tag -> [tp, pred, gold] over tokens
    runs = [0, 0, 0]  # content runs: [matched, predicted, gold]

    def fold_model(k: int) -> LinearModel:
        keep = [i for i, g in enumerate(groups) if fold_of[g] != k]
        return fit([xs[i] for i in keep], [ys[i] for i in keep], c, seed)

    for k, model in enumerate(per_fold(fold_model, folds)):
        for n in (n for n in range(len(docs)) if fold_of[n] == k):
            doc, gold = docs[n]
            got: list[str] = []
            for sent in doc.sents:
                got.extend(tag_sentence(model, sent))
            for t, (tp, np_, ng) in counts.items():
                counts[t] = [tp + sum(1 for a, b in zip(got, gold) if a == b == t),
                             np_ + got.count(t), ng + gold.count(t)]
            g_runs, p_runs = tag_runs(doc[:], gold, "C"), tag_runs(doc[:], got, "C")  # inclusive ranges
            used: set[int] = set()
            for a in p_runs:
                for j, b in enumerate(g_runs):
                    if j not in used and min(a[1], b[1]) - max(a[0], b[0]) + 1 >= 0.5 * max(a[1] - a[0], b[1] - b[0]) + 0.5:
                        used.add(j)
                        runs[0] += 1
                        break
            runs[1] += len(p_runs)
            runs[2] += len(g_runs)
    return {"folds": folds, "by": "article",
            "tokens": {t: prf(*v) for t, v in counts.items()},
            "content_runs": dict(prf(*runs), matched=runs[0], predicted=runs[1], gold=runs[2])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", help="unused: the tagger trains on the project's own corpus only")
    ap.add_argument("--c", type=float, default=0.3, help="inverse L2 strength")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds by article (0: none)")
    args = ap.parse_args(argv)
    one_blas_thread()
    t0 = time.perf_counter()
    records = train_records()
    docs: list = []
    xs, ys, groups = examples(records, docs if args.folds > 1 else None)
    meta = {"trained_on": "data/annotated train split", "articles": len(records), "tokens": len(ys),
            "tags": {t: ys.count(t) for t in sorted(set(ys))}, "c": args.c, "seed": args.seed}
    model = fit(xs, ys, args.c, args.seed, meta)
    model.dump(MODELS / f"{MODEL_NAME}.json.gz")
    out = dict(meta, features=len(model.weights))
    if args.folds > 1:
        out["cross_validated"] = cross_validate(xs, ys, groups, docs, args.folds, args.c, args.seed)
        print(json.dumps(out["cross_validated"]), file=sys.stderr)
    out["seconds"] = round(time.perf_counter() - t0, 1)
    (ROOT / "bench" / "train_attribution.json").write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps(meta), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
