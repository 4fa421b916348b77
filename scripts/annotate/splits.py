"""Write data/annotated/splits.json: the fixed train / dev / test split by article.

An article's split is a function of its id alone (the first bytes of sha1(id)), so adding
articles never moves one already placed: about 70 % train, 15 % dev, 15 % test. The test
split is read only to report figures, never to tune.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ANNOTATED = ROOT / "data" / "annotated"


def split_of(article_id: str) -> str:
    bucket = int(hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


def main() -> None:
    ids = [json.loads(line)["id"] for line in (ANNOTATED / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
           if line.strip()]
    splits: dict[str, list[str]] = {"train": [], "dev": [], "test": []}
    for i in sorted(ids):
        splits[split_of(i)].append(i)
    doc = {"about": "Fixed split by article id: sha1(id)[:8] as an integer, mod 100: <70 train, <85 dev, "
                    "else test. Test is for reporting only.", **splits}
    (ANNOTATED / "splits.json").write_text(json.dumps(doc, indent=1) + "\n")
    print({k: len(v) for k, v in splits.items()})


if __name__ == "__main__":
    main()
