#!/usr/bin/env python3
"""Run only parsing + actor resolution over JSONL articles (gold files or the corpus).

    python scripts/actors_report.py FILE.jsonl[.gz] --pred OUT.jsonl   # records with actors only
    python scripts/actors_report.py corpus/news.jsonl.gz --top 20      # distinct actors, top people

Score predictions with ``python3 ../shared/eval/score.py GOLD OUT.jsonl`` (actors section).
Also reports the cost of the actor stage against bare spaCy parsing.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.ingest.jsonl import record_to_article
from newsgraph.model import to_record
from newsgraph.nlp.actors import resolve_actors
from newsgraph.nlp.pipeline import load_nlp
from newsgraph.settings import get_settings


def read(path: Path):
    op = gzip.open if path.suffix == ".gz" else open
    with op(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if line.strip():
                yield i, json.loads(line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("path")
    ap.add_argument("--pred", help="write SCHEMA records (actors and descriptors only) here")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    settings = get_settings()
    nlp = load_nlp()
    arts = []
    for i, rec in read(Path(args.path)):
        if args.limit and len(arts) >= args.limit:
            break
        try:
            arts.append(record_to_article(rec, f"{args.path}:{i + 1}", settings, args.path))
        except InputError as exc:
            print(f"skip: {exc}", file=sys.stderr)
    out = open(args.pred, "w", encoding="utf-8") if args.pred else None  # noqa: SIM115
    t_parse = t_actors = 0.0
    people: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    ids: set[str] = set()
    t0 = time.perf_counter()
    docs = nlp.pipe((a.text for a in arts), batch_size=32)
    for art in arts:
        t1 = time.perf_counter()
        doc = next(docs)
        t2 = time.perf_counter()
        index = resolve_actors(doc, art)
        t3 = time.perf_counter()
        t_parse += t2 - t1
        t_actors += t3 - t2
        art.actors = list(index.actors.values())
        art.descriptors = index.descriptors
        for a in art.actors:
            ids.add(a.id)
            if a.kind == "person":
                people[a.id] += 1
                for m in a.mentions:
                    if m.kind in ("name", "short"):
                        spellings[a.id][m.text] += 1
        if out:
            out.write(json.dumps(to_record(art), ensure_ascii=False) + "\n")
    total = time.perf_counter() - t0
    if out:
        out.close()
    print(f"{len(arts)} articles, {len(ids)} distinct actors ({sum(1 for i in ids if i.startswith('person:'))} people); "
          f"parse {t_parse:.1f}s, actors {t_actors:.1f}s (+{100 * t_actors / max(t_parse, 1e-9):.1f}%), "
          f"total {total:.1f}s")
    print(f"top {args.top} people (articles; spellings seen):")
    for aid, n in people.most_common(args.top):
        sp = ", ".join(f"{s} ({c})" for s, c in spellings[aid].most_common(4))
        print(f"  {n:4d}  {aid:40s} {sp}")
    # Possible duplicates: other person ids sharing a surname with a top person.
    by_last: dict[str, list[str]] = defaultdict(list)
    for aid in people:
        by_last[aid.rsplit("-", 1)[-1]].append(aid)
    dups = []
    for aid, _n in people.most_common(args.top):
        others = [o for o in by_last[aid.rsplit("-", 1)[-1]] if o != aid and people[o] >= 2]
        if others:
            dups.append(f"  {aid}: " + ", ".join(f"{o} ({people[o]})" for o in others[:5]))
    print("other ids with a top person's surname (seen in 2+ articles):")
    print("\n".join(dups) if dups else "  none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
