"""Train the attribution tagger: cue / source / content tags for indirect and mixed statements.

    python scripts/train/train_attribution.py [--c 0.3] [--seed 13]

Parses the annotated corpus's train split (data/annotated/, by splits.json; never dev,
test or ../shared/gold), tags each token with the gold's indirect and mixed statements
(cue over source over content where spans meet), and fits a multinomial logistic model
on ``newsgraph.nlp.attribution_tagger.features`` with the gold previous tags (the tagger
decodes greedily with its own). Writes src/newsgraph/nlp/models/attribution_tagger.json.gz
and bench/train_attribution.json (the figures of the fit).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.nlp.attribution_tagger import MODEL_NAME, START, TAGS, anchors, features
from newsgraph.nlp.linear import MODELS, LinearModel
from newsgraph.nlp.pipeline import load_spacy

SPANS = (("content_span", "C"), ("speaker_span", "S"), ("cue_span", "Q"))
# A later tag overwrites an earlier one only when it ranks higher.
RANK = {"O": 0, "C": 1, "S": 2, "Q": 3}
MIN_WEIGHT = 1e-3  # weights below this in every class are dropped from the shipped file


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


def examples(records: list[dict]) -> tuple[list[dict[str, float]], list[str]]:
    nlp = load_spacy()
    xs: list[dict[str, float]] = []
    ys: list[str] = []
    for r in records:
        doc = nlp(r["text"])
        tags = gold_tags(doc, r)
        for sent in doc.sents:
            for t, anchor in zip(sent, anchors(sent)):
                i = t.i
                prev = tags[i - 1] if i > sent.start else START
                prev2 = tags[i - 2] if i - 1 > sent.start else START
                xs.append(features(t, prev, prev2, anchor))
                ys.append(tags[i])
    return xs, ys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", help="unused: the tagger trains on the project's own corpus only")
    ap.add_argument("--c", type=float, default=0.3, help="inverse L2 strength")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    t0 = time.perf_counter()
    records = train_records()
    xs, ys = examples(records)
    vec = DictVectorizer()
    x = vec.fit_transform(xs)
    clf = LogisticRegression(C=args.c, max_iter=3000, random_state=args.seed)
    clf.fit(x, ys)
    classes = [str(c) for c in clf.classes_]
    assert set(classes) == set(TAGS), classes
    names = vec.get_feature_names_out()
    weights: dict[str, list[float]] = {}
    for j, name in enumerate(names):
        w = [round(float(clf.coef_[k, j]), 4) for k in range(len(classes))]
        if max(abs(v) for v in w) >= MIN_WEIGHT:
            weights[str(name)] = w
    counts = {c: ys.count(c) for c in classes}
    meta = {"trained_on": "data/annotated train split", "articles": len(records), "tokens": len(ys),
            "tags": counts, "c": args.c, "seed": args.seed, "train_accuracy": round(float(clf.score(x, ys)), 4)}
    LinearModel(classes, [round(float(b), 4) for b in clf.intercept_], weights, meta).dump(
        MODELS / f"{MODEL_NAME}.json.gz")
    (ROOT / "bench" / "train_attribution.json").write_text(json.dumps(
        dict(meta, features=len(weights), seconds=round(time.perf_counter() - t0, 1)), indent=1) + "\n")
    print(json.dumps(meta), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
