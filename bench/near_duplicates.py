"""Precision and recall of near-duplicate detection on the labelled set
data/annotated/near_duplicates.jsonl (syndicated copies and updates of Wikinews
articles, and hard negatives; see data/annotated/near_duplicates.md).

    python bench/near_duplicates.py

Every article of the set goes, oldest first, through the same path as ingest
(newsgraph.corpus.duplicates.find_and_store: MinHash bands under the date window, in a
real SQLite store). A labelled duplicate pair is found when either article is linked to
the other. Precision counts every link the detector made between articles of different
originals as wrong (labelled negative or not); a link between two copies of one original
is right but not counted in recall. Also reports how often the kind (copy / update)
agrees with the label. Writes bench/near_duplicates_results.json.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SET = ROOT.parent / "data" / "annotated" / "near_duplicates.jsonl"


def load(path: Path = SET) -> tuple[list[dict], list[dict]]:
    arts, pairs = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            (arts.append(rec["article"]) if "article" in rec else pairs.append(rec))
    return arts, pairs


def _origin(aid: str) -> str:
    return aid.split("~", 1)[0]


def score(path: Path = SET) -> dict:
    from newsgraph.corpus import duplicates
    from newsgraph.corpus.blocking import day
    from newsgraph.store import Store

    arts, pairs = load(path)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "d.db") as store, store.transaction() as c:
        found = duplicates.find_and_store(c, [(a["id"], a["text"], day(a["date"])) for a in arts])
    links = {frozenset((d.article_id, d.duplicate_of)): d.kind for d in found}
    pos = [p for p in pairs if p["label"] == "duplicate"]
    tp = [p for p in pos if frozenset((p["a"], p["b"])) in links]
    wrong = [k for k in links if len({_origin(x) for x in k}) > 1]
    right = len(links) - len(wrong)
    neg = [p for p in pairs if p["label"] == "distinct"]
    kind_ok = sum(links[frozenset((p["a"], p["b"]))] == p["kind"] for p in tp)
    by_how: dict[str, list[int]] = {}
    for p in pos:
        by_how.setdefault(p["how"], []).append(int(frozenset((p["a"], p["b"])) in links))
    return {"articles": len(arts), "duplicate_pairs": len(pos), "distinct_pairs": len(neg),
            "links": len(links), "precision": round(right / len(links), 3) if links else 0.0,
            "recall": round(len(tp) / len(pos), 3) if pos else 0.0,
            "negatives_linked": sum(frozenset((p["a"], p["b"])) in links for p in neg),
            "kind_agreement": round(kind_ok / len(tp), 3) if tp else 0.0,
            "recall_by_construction": {h: round(sum(v) / len(v), 3) for h, v in sorted(by_how.items())}}


def main() -> int:
    res = score()
    print(json.dumps(res, indent=1))
    (ROOT / "near_duplicates_results.json").write_text(json.dumps(res, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
