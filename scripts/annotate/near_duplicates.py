"""Build the labelled near-duplicate set data/annotated/near_duplicates.jsonl.

    python scripts/annotate/near_duplicates.py [--shared ../shared] [--seed 16]

Originals are clean Wikinews articles (part A of ../shared/corpus/news.jsonl.gz, the
articles ../shared/reserved.md lists left out). Each pair is labelled by construction:

- duplicate / copy: a syndicated copy of an original: a wire dateline and credit line
  added and a new headline ("dateline"), or one sentence cut as a sub-editor would
  ("cut");
- duplicate / update: the original trimmed to its first 30-80% for space ("trimmed"), a
  wire copy with sentences added and a figure changed ("additions"), or an updated
  version whose closing fifth to half is replaced ("revised");
- distinct: a hard negative, two different real Wikinews articles with the most words in
  common of the part (same topic, a different event or a later one), dated together so
  that the date window does not separate them.

Text added to a constructed copy is written here (ADDITIONS) and each constructed
article says so (``constructed``: what was done). Seeded: the same corpus gives the same
file.
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "data" / "annotated" / "near_duplicates.jsonl"
_SENT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[A-Z“\"])")
_WORD = re.compile(r"[a-z][a-z'\-]+")
# Written for this set, never presented as reporting: what a wire copy or an update adds.
ADDITIONS = [
    "This article was updated with further details after it was first published.",
    "Officials did not immediately respond to a request for comment on Tuesday.",
    "A spokesperson said further information would be released later in the week.",
    "Local media carried the news on their front pages the following morning.",
    "Analysts said the consequences would become clearer over the coming days.",
    "Reporters at the scene described a heavy police presence around the area.",
    "The news agency said it had confirmed the account with two separate sources.",
    "Earlier versions of this report gave a different figure, since corrected.",
]
DATELINES = ["(Wire) —", "(Newswire) -", "(Wire service) —"]


def reserved_ids(shared: Path) -> set[str]:
    return set(re.findall(r"`(wn-[ab]-[0-9a-f]{12})`", (shared / "reserved.md").read_text(encoding="utf-8")))


def sentences(text: str) -> list[str]:
    return [s for s in _SENT.split(text.replace("\n\n", " ")) if s.strip()]


def _shift(d: str, days: int) -> str:
    return (date.fromisoformat(d) + timedelta(days=days)).isoformat()


def _art(rec: dict, **over) -> dict:
    base = {"id": rec["id"], "title": rec["title"], "date": rec["date"], "url": rec["url"], "text": rec["text"]}
    base.update(over)
    return base


def variant(rec: dict, how: str, rng: random.Random) -> tuple[str, dict]:
    """(kind, constructed article) of one original."""
    sents = sentences(rec["text"])
    vid = f"{rec['id']}~{how}"
    if how == "dateline":
        text = f"{rng.choice(DATELINES)} {rec['text']}\n\n(Distributed by a wire service.)"
        return "copy", _art(rec, id=vid, title="Update: " + rec["title"], text=text, url=None,
                            constructed="wire dateline and credit line added, new headline")
    if how == "cut":
        i = rng.randrange(1, max(2, len(sents) - 1))
        text = " ".join(s for j, s in enumerate(sents) if j != i)
        return "copy", _art(rec, id=vid, text=text, url=None, date=_shift(rec["date"], 1),
                            constructed="one sentence cut")
    if how == "trimmed":
        keep = max(2, math.ceil(len(sents) * rng.uniform(0.3, 0.8)))
        return "update", _art(rec, id=vid, text=" ".join(sents[:keep]), url=None,
                              constructed=f"trimmed to its first {keep} of {len(sents)} sentences")
    if how == "additions":
        add = " ".join(rng.sample(ADDITIONS, rng.randint(2, 4)))
        text = re.sub(r"\b(\d+)\b", lambda m: str(int(m.group(1)) + 1), rec["text"], count=1)
        text = f"{rng.choice(DATELINES)} {text}\n\n{add}"
        return "update", _art(rec, id=vid, text=text, url=None, date=_shift(rec["date"], 1),
                              constructed="wire copy: dateline, two to four sentences added (written here), first figure changed")
    if how == "revised":
        cut = max(1, len(sents) - max(1, round(len(sents) * rng.uniform(0.2, 0.5))))
        text = " ".join(sents[:cut]) + "\n\n" + " ".join(rng.sample(ADDITIONS, 2))
        return "update", _art(rec, id=vid, title=rec["title"] + " (updated)", text=text, url=None,
                              date=_shift(rec["date"], 1),
                              constructed="closing fifth to half replaced by two sentences written here, headline marked updated")
    raise ValueError(how)


def hard_negatives(recs: list[dict], n: int) -> list[tuple[dict, dict, float]]:
    """The n most alike pairs of different articles (TF-IDF cosine of their words), each
    article in one pair at most."""
    docs = [Counter(_WORD.findall(r["text"].lower())) for r in recs]
    df = Counter(w for d in docs for w in d)
    vecs = []
    for d in docs:
        v = {w: (1 + math.log(c)) * math.log(len(docs) / df[w]) for w, c in d.items() if df[w] > 1}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    pairs = []
    for i in range(len(vecs)):
        for j in range(i + 1, len(vecs)):
            a, b = (vecs[i], vecs[j]) if len(vecs[i]) < len(vecs[j]) else (vecs[j], vecs[i])
            pairs.append((sum(x * b.get(w, 0.0) for w, x in a.items()), i, j))
    pairs.sort(key=lambda p: (-p[0], recs[p[1]]["id"], recs[p[2]]["id"]))
    used: set[int] = set()
    out = []
    for s, i, j in pairs:
        if i in used or j in used:
            continue
        used |= {i, j}
        out.append((recs[i], recs[j], round(s, 3)))
        if len(out) == n:
            break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--originals", type=int, default=60)
    ap.add_argument("--negatives", type=int, default=60)
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    skip = reserved_ids(shared)
    with gzip.open(shared / "corpus" / "news.jsonl.gz", "rt", encoding="utf-8") as f:
        recs = [r for r in (json.loads(line) for line in f) if r.get("quality") == "clean" and r["id"] not in skip]
    recs.sort(key=lambda r: r["id"])
    rng = random.Random(args.seed)
    pool = list(recs)
    rng.shuffle(pool)
    originals, rest = pool[:args.originals], pool[args.originals:]
    lines = []
    for rec in originals:
        for how in sorted(rng.sample(["dateline", "cut", "trimmed", "additions", "revised"], 3)):
            kind, b = variant(rec, how, rng)
            lines.append({"label": "duplicate", "kind": kind, "how": how, "a": _art(rec), "b": b})
    for a, b, sim in hard_negatives(rest, args.negatives):
        lines.append({"label": "distinct", "kind": None, "how": f"hard negative, word cosine {sim}",
                      "a": _art(a), "b": _art(b, date=a["date"])})
    # Each article once ({"article": ...}, oldest first), then the pairs by id ({"pair": ...}).
    arts: dict[str, dict] = {}
    for line in lines:
        for side in ("a", "b"):
            arts.setdefault(line[side]["id"], line[side])
    with OUT.open("w", encoding="utf-8") as f:
        for art in sorted(arts.values(), key=lambda x: (x["date"], "~" in x["id"], x["id"])):
            f.write(json.dumps({"article": art}, ensure_ascii=False) + "\n")
        for k, line in enumerate(lines):
            rec = {"pair": k, "label": line["label"], "kind": line["kind"], "how": line["how"],
                   "a": line["a"]["id"], "b": line["b"]["id"]}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(arts)} articles, {len(lines)} pairs -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
