"""Count how gold files annotate a quote interrupted by its cue (A5: `"A," she said. "B."`).

    python scripts/annotate/interrupted_quotes.py [--shared ../shared]

For every place where a closing mark is followed by a short clause with a reporting verb
and an opening mark, it says whether the gold has one statement over both parts (as
discontinuous fragments or one span), two statements, one part only, or none. It reads
../shared/gold/{polnear,wikinews}-dev.jsonl and the train and dev splits of the annotated
corpus; never the test split. Statements need offsets (`content_span`), so the seed
article, which has none, is left out.
"""
from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# closing mark, a short clause with no marks or paragraph break, then , . or : and an opening mark
INTERRUPT = re.compile(r'[,.!?]?["”]\s*,?\s*([^"“”\n]{2,60}?)\s*[,.:]\s*["“]')
REPORTING = re.compile(r"\b(said|says|added|told|asked|continued|explained|wrote|noted|stated|insisted|"
                       r"argued|declared|recalled)\b", re.IGNORECASE)


def spans(q: dict) -> list[tuple[int, int]]:
    if q.get("content_fragments"):
        return [tuple(f) for f in q["content_fragments"]]
    return [tuple(q["content_span"])] if q.get("content_span") else []


def classify(doc: dict) -> Counter:
    text, out = doc["text"], Counter()
    quotes = [(q, spans(q)) for q in doc.get("quotes", [])]
    quotes = [(q, s) for q, s in quotes if s]
    for m in INTERRUPT.finditer(text):
        if not REPORTING.search(m.group(1)):
            continue
        a, b = m.start(), m.end()  # a: end of the first part, b: start of the second
        over = [s for _, s in quotes if min(x for x, _ in s) < a and max(y for _, y in s) > b]
        ends = any(abs(max(y for _, y in s) - a) <= 3 for _, s in quotes)
        starts = any(abs(min(x for x, _ in s) - b) <= 3 for _, s in quotes)
        if any(len(s) > 1 for s in over):
            out["one, fragments"] += 1
        elif over:
            out["one span"] += 1
        elif ends and starts:
            out["two statements"] += 1
        elif ends or starts:
            out["one part only"] += 1
        else:
            out["none"] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    sets: dict[str, list[dict]] = {}
    for name in ("polnear-dev", "wikinews-dev"):
        path = Path(args.shared) / "gold" / f"{name}.jsonl"
        sets[name] = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    splits = json.loads((ROOT / "data" / "annotated" / "splits.json").read_text())
    corpus = [json.loads(line) for line in (ROOT / "data" / "annotated" / "corpus.jsonl").open(encoding="utf-8")
              if line.strip()]
    for part in ("train", "dev"):  # never the test split
        ids = set(splits[part])
        sets[f"annotated-{part}"] = [d for d in corpus if d["id"] in ids]
    for name, docs in sets.items():
        total: Counter = Counter()
        for d in docs:
            total.update(classify(d))
        print(f"{name}: {len(docs)} articles, {dict(total)}")


if __name__ == "__main__":
    main()
