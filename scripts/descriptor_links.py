#!/usr/bin/env python3
"""Measure descriptors (the labels the text attaches to an actor) on the annotated corpus.

    python scripts/descriptor_links.py                  # train and dev splits, one line each
    python scripts/descriptor_links.py --split train --show 30   # and the gold ones missed
    python scripts/descriptor_links.py --pred OUT.jsonl # score saved predictions instead

For each split: gold descriptors; found (a predicted descriptor holds every word of the
gold one, the scorer's rule); linked (found, and its actor shares a name word with the
gold actor); predicted; precise (a predicted descriptor overlaps a gold descriptor's span,
a lower bound: the gold may leave a label out). Tune on train; dev is reported; the
annotated test split is never read.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANNOTATED = ROOT / "data" / "annotated"
# The scorer's stop words (../shared/eval/score.py), so "found" is what it counts.
STOP = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "mr", "mrs", "ms", "dr", "s", "president",
        "minister", "prime", "he", "she", "it", "they", "his", "her", "their", "its", "him", "them", "we",
        "i", "you", "who", "that", "this", "which"}


def tokens(s: str) -> set[str]:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return {t for t in re.findall(r"[a-z0-9]+", s) if t not in STOP}


def records(split: str) -> list[dict]:
    if split not in ("train", "dev"):
        raise SystemExit("only the train and dev splits are read")
    ids = set(json.loads((ANNOTATED / "splits.json").read_text())[split])
    lines = (ANNOTATED / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in (json.loads(x) for x in lines if x.strip()) if r["id"] in ids]


def extract(gold: list[dict]) -> dict[str, dict]:
    import newsgraph

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "annotated.jsonl"
        path.write_text("".join(json.dumps({"id": r["id"], "text": r["text"], **{
            k: v for k, v in r.get("metadata", {}).items() if k in ("date", "title", "outlet")}}) + "\n"
            for r in gold), encoding="utf-8")
        return {p["id"]: p for p in newsgraph.extract_path(path)}


def actor_words(pred: dict, actor_id: str) -> set[str]:
    for a in pred.get("actors", []):
        if a["id"] == actor_id:
            words = tokens(a["name"])
            for m in a.get("mentions", []):
                if m.get("kind") != "pronoun":
                    words |= tokens(m["text"])
            return words
    return set()


def score(gold: list[dict], preds: dict[str, dict]) -> tuple[dict[str, int], list[tuple[str, str, str]]]:
    n = found = linked = n_pred = precise = 0
    missed = []
    for r in gold:
        pred = preds.get(r["id"], {})
        pds = pred.get("descriptors", [])
        spans = [tuple(d["span"]) for d in r.get("descriptors", []) if d.get("span")]
        for d in r.get("descriptors", []):
            want = tokens(d["text"])
            if not want:
                continue
            n += 1
            hits = [p for p in pds if want <= tokens(p["text"]) | {"the", "a"}]
            found += bool(hits)
            linked += any(tokens(d.get("actor", "")) & actor_words(pred, p["actor"]) for p in hits)
            if not hits:
                missed.append((r["id"], d.get("actor", ""), d["text"]))
        for p in pds:
            n_pred += 1
            precise += any(min(p["end"], e) > max(p["start"], s) for s, e in spans)
    return {"gold": n, "found": found, "linked": linked, "predicted": n_pred, "precise": precise}, missed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", nargs="*", default=["train", "dev"])
    ap.add_argument("--pred", help="predictions (JSONL) to score instead of extracting")
    ap.add_argument("--show", type=int, default=0, help="list this many missed gold descriptors")
    args = ap.parse_args(argv)
    saved = None
    if args.pred:
        saved = {p["id"]: p for p in (json.loads(x) for x in Path(args.pred).read_text().splitlines() if x.strip())}
    for split in args.split:
        gold = records(split)
        preds = saved if saved is not None else extract(gold)
        s, missed = score(gold, preds)
        g, p = s["gold"] or 1, s["predicted"] or 1
        print(f"{split}: {s['gold']} gold, found {s['found']} ({s['found'] / g:.3f}), linked to the right actor "
              f"{s['linked']} ({s['linked'] / g:.3f}); {s['predicted']} predicted, {s['precise']} on a gold "
              f"descriptor ({s['precise'] / p:.3f})")
        for doc_id, actor, text in missed[:args.show]:
            print(f"  {doc_id}: {actor}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
