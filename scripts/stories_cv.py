"""Two-fold cross-validation of story clustering settings over ECB+ topics.

    python scripts/stories_cv.py --db bench/out/ecbplus-dev.db \\
        --grid similarity.split_ratio=0,0.6,0.65,0.7 similarity.split_min_size=4,5,6

The store is one `newsgraph ingest` of ../shared/stories/ecbplus-dev.jsonl (`make eval`
leaves it in bench/out/). Its articles are clustered in one batch, as ingest does, for
each combination of settings (corpus/data/stories.json values overridden), and scored
with ../shared/eval/score_stories.py on the odd and on the even topics. A setting is
chosen on one half and reported on the other, so a figure is never read off the topics
that chose it. Copies follow their original, as in corpus/stories.py.
"""
from __future__ import annotations

import argparse
import copy
import importlib.util
import itertools
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from newsgraph.corpus import features
from newsgraph.corpus.cluster import average_link
from newsgraph.model.tables import with_text

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_stories", SHARED / "eval" / "score_stories.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def cluster(records: list[dict], copies: dict[str, str], params: dict[str, Any]) -> dict[str, str]:
    """Each article's story under ``params`` (the whole stories.json, overridden)."""
    saved = features.settings
    features.settings = lambda: params  # type: ignore[assignment]
    try:
        terms = [features.article_terms(r) for r in records]
        df_text, df_lead = features.document_frequencies(terms)
        vecs = [features.combined(t, df_text, df_lead, len(terms)) for t in terms]
        sim = params["similarity"]
        labels = average_link(vecs, sim["threshold"], sim.get("split_ratio", 0.0), sim.get("split_min_size", 0))
    finally:
        features.settings = saved  # type: ignore[assignment]
    pred = {t.article_id: f"s{lab}" for t, lab in zip(terms, labels)}
    for aid, orig in copies.items():
        if orig in pred:
            pred[aid] = pred[orig]
    return pred


def score(scorer: Any, gold: dict[str, dict], pred: dict[str, str], topics: set[int]) -> tuple[float, float]:
    """B-cubed F1 over the articles of ``topics``, and its mean within each topic."""
    ids = [a for a, r in gold.items() if r["topic"] in topics]
    g = {a: gold[a]["story"] for a in ids}
    p = {a: pred.get(a, "none:" + a) for a in ids}
    per = []
    for t in sorted(topics):
        sub = [a for a in ids if gold[a]["topic"] == t]
        if sub:
            per.append(scorer.bcubed({a: g[a] for a in sub}, {a: p[a] for a in sub})["f1"])
    return scorer.bcubed(g, p)["f1"], round(sum(per) / len(per), 4)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default=str(ROOT / "bench" / "out" / "ecbplus-dev.db"))
    ap.add_argument("--gold", default=str(SHARED / "stories" / "ecbplus-dev.jsonl"))
    ap.add_argument("--grid", nargs="*", default=[], help="section.key=v1,v2,... (numbers)")
    args = ap.parse_args()
    scorer = _scorer()
    with open(args.gold, encoding="utf-8") as f:
        gold = {r["id"]: r for r in (json.loads(x) for x in f if x.strip())}
    with closing(sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)) as c:
        records = [with_text(raw, text) for raw, text in
                   c.execute("SELECT record, text FROM articles ORDER BY coalesce(date, ''), rowid")]
        copies = {a: b for a, b in c.execute("SELECT article_id, duplicate_of FROM duplicates WHERE kind='copy'")}
    grid = {k: [float(x) for x in v.split(",")] for k, v in (g.split("=", 1) for g in args.grid)}
    topics = {r["topic"] for r in gold.values()}
    halves = {"odd": {t for t in topics if t % 2}, "even": {t for t in topics if not t % 2}}
    rows = []
    for combo in itertools.product(*grid.values()) if grid else [()]:
        params = copy.deepcopy(features.settings())
        for key, value in zip(grid, combo):
            section, name = key.split(".")
            params[section][name] = int(value) if value.is_integer() and name.endswith("size") else value
        pred = cluster(records, copies, params)
        row = {"settings": dict(zip(grid, combo)), "all": score(scorer, gold, pred, topics)}
        row.update({h: score(scorer, gold, pred, ts) for h, ts in halves.items()})
        rows.append(row)
        print(json.dumps(row), flush=True)
    for chosen, held in (("odd", "even"), ("even", "odd")):
        best = max(rows, key=lambda r: sum(r[chosen]))
        print(f"chosen on {chosen}: {best['settings']} {chosen} {best[chosen]} -> {held} {best[held]}")


if __name__ == "__main__":
    main()
