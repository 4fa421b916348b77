"""Cost of building stories against the size of the store: the time per article of the
story step (terms, duplicates, blocking, local re-clustering, refresh) when batches of
new articles arrive into a store of 2,000 and of 20,000 articles. Flat is the aim: each
batch touches its neighbourhood, not the store.

    python bench/stories.py [--sizes 2000 20000] [--batch 200]

Articles are synthetic records (no parsing): many events, each reported by a few
articles over a few days, written from word lists with the event's own names and
numbers, so that blocking and clustering have real work to do. Writes
bench/stories_results.json.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from newsgraph.corpus import stories
from newsgraph.store import Store

ROOT = Path(__file__).resolve().parent
KINDS = ["earthquake", "strike", "election", "arrest", "flood", "summit", "protest", "attack"]
VERBS = ["hit", "shook", "struck", "disrupted", "marked", "ended", "began"]
FILLER = ["officials", "said", "the", "situation", "remained", "tense", "while", "residents", "waited", "for", "news", "and", "reporters", "described", "long", "queues", "outside", "public", "buildings", "across", "the", "region"]


def _name(rng: random.Random) -> str:
    syll = ["ka", "lo", "mi", "ra", "te", "su", "vo", "ne", "da", "pi", "go", "ba"]
    return "".join(rng.choice(syll) for _ in range(3)).capitalize()


def synthetic(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    out: list[dict] = []
    i = 0
    day = 0
    while len(out) < n:
        kind, place, person = rng.choice(KINDS), _name(rng), f"{_name(rng)} {_name(rng)}"
        number = rng.randint(2, 400)
        day += rng.random() < 0.3
        for k in range(rng.randint(1, 6)):
            d = start + timedelta(days=day + k // 2)
            words = rng.sample(FILLER, 12)
            text = (f"A {kind} {rng.choice(VERBS)} {place} on Monday, and {number} people were affected, "
                    f"{person} said.\n" + " ".join(words) + f". {person} visited {place} later.")
            out.append({"id": f"s{i}", "source": {"path": None, "url": None, "format": "jsonl"},
                        "metadata": {"title": f"{kind.capitalize()} in {place}", "date": d.isoformat(), "authors": [],
                                     "outlet": f"Outlet {rng.randint(1, 40)}", "outlet_country": None,
                                     "language": "en", "standfirst": None},
                        "text": text, "captions": [], "credits": [], "actors": [], "descriptors": [],
                        "quotes": [], "events": [], "tone": {}})
            i += 1
    return out[:n]


def measure(size: int, batch: int) -> dict:
    recs = synthetic(size)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "b.db") as store:
        # Fill the store to size - batch as earlier batches would have, then time the last batches.
        timed_batches = 5
        head = size - timed_batches * batch
        for i in range(0, head, 1000):
            store.write([(r, "h") for r in recs[i:min(head, i + 1000)]])
            stories.update(store)
        wall, cpu = [], []
        for j in range(timed_batches):
            part = recs[head + j * batch: head + (j + 1) * batch]
            store.write([(r, "h") for r in part])
            t0, c0 = time.perf_counter(), time.process_time()
            stories.update(store)
            wall.append((time.perf_counter() - t0) / len(part))
            cpu.append((time.process_time() - c0) / len(part))
        n_stories = store.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    # The median batch, and CPU time beside wall time: on a shared machine other
    # processes' load moves wall time by 2x from one run to the next, CPU time much less.
    return {"store_articles": size, "batch": batch, "ms_per_article": round(statistics.median(wall) * 1000, 2),
            "cpu_ms_per_article": round(statistics.median(cpu) * 1000, 2), "stories": n_stories}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", nargs="*", type=int, default=[2000, 20000])
    ap.add_argument("--batch", type=int, default=200)
    args = ap.parse_args()
    # One small run first, untimed: lazy imports and first-call set-up (SciPy's clustering,
    # datasketch's permutations) would otherwise be charged to the first size.
    measure(6 * args.batch, args.batch)
    rows = [measure(n, args.batch) for n in args.sizes]
    for r in rows:
        print(json.dumps(r))
    ratio = rows[-1]["ms_per_article"] / rows[0]["ms_per_article"]
    cpu_ratio = rows[-1]["cpu_ms_per_article"] / rows[0]["cpu_ms_per_article"]
    result = {"rows": rows, "ratio_largest_to_smallest": round(ratio, 2), "cpu_ratio_largest_to_smallest": round(cpu_ratio, 2)}
    print(f"story step, time per new article at {rows[-1]['store_articles']} vs {rows[0]['store_articles']} "
          f"stored articles: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU")
    (ROOT / "stories_results.json").write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
