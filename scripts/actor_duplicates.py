#!/usr/bin/env python3
"""Count the articles where one real person became two (or more) actors.

    python scripts/actor_duplicates.py                 # annotated train+dev and data/sample
    python scripts/actor_duplicates.py --show 20       # and list the first cases

A person is "real" when the gold names it (a person actor of the annotated corpus) or
when the extractor found its full name (two words or more). The person is split when
two or more extracted actors, of any kind, have names made only of that person's name
words (``Alexei Navalny`` and ``Navalny`` as an organisation; ``Nancy Pelosi`` and an
unnamed source ``Pelosi``). The annotated test split is never read.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

import newsgraph

ROOT = Path(__file__).resolve().parents[1]
ANNOTATED = ROOT / "data" / "annotated"
# Words that never make a name alone: titles and the scorer's stop words.
NOT_NAME = {"the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "jr", "sr", "president", "minister",
            "prime", "sir", "de", "da", "van", "von", "al", "el", "bin"}


def name_tokens(name: str) -> frozenset[str]:
    s = unicodedata.normalize("NFKD", name or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return frozenset(t for t in re.findall(r"[a-z0-9]+", s) if t not in NOT_NAME and len(t) > 1)


def is_name(name: str) -> bool:
    """A person's name, not a description (``sister of Kyle Rittenhouse``, ``Puerto Rico
    governor``): every word capitalised, name particles aside."""
    return all(w[:1].isupper() or w.lower() in NOT_NAME for w in name.split())


def split_people(record: dict, gold_people: list[str]) -> list[tuple[str, list[str]]]:
    """(person, names of the actors it became) for every person split in this record."""
    # an acronym is another name (MAGA is not Hubert Maga)
    actors = [a for a in record.get("actors", []) if not (a["name"].isupper() and len(a["name"]) > 1)]
    people = {name_tokens(n): n for n in gold_people if is_name(n)}
    for a in actors:
        toks = name_tokens(a["name"])
        if a["kind"] == "person" and len(toks) >= 2 and is_name(a["name"]):
            people.setdefault(toks, a["name"])
    out = []
    for toks, name in people.items():
        if not toks:
            continue
        parts = [a for a in actors if name_tokens(a["name"]) and name_tokens(a["name"]) <= toks]
        if len(parts) > 1:
            out.append((name, [f"{a['name']} ({a['kind']})" for a in parts]))
    return out


def annotated_records() -> list[dict]:
    splits = json.loads((ANNOTATED / "splits.json").read_text())
    keep = set(splits["train"]) | set(splits["dev"])
    recs = []
    for line in (ANNOTATED / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            if r["id"] in keep:
                recs.append(r)
    return recs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", type=int, default=0, help="list this many split persons")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    gold = annotated_records()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "annotated.jsonl"
        path.write_text("".join(json.dumps({"id": r["id"], "text": r["text"], **{
            k: v for k, v in r.get("metadata", {}).items() if k in ("date", "title", "outlet")}}) + "\n"
            for r in gold), encoding="utf-8")
        annotated = newsgraph.extract_path(path)
    sample = newsgraph.extract_path(ROOT / "data" / "sample")
    gold_people = {r["id"]: [a["name"] for a in r.get("actors", []) if a.get("kind") == "person"] for r in gold}
    result: dict[str, dict] = {}
    cases = []
    for label, records in (("annotated train+dev", annotated), ("data/sample", sample)):
        n_split = 0
        for rec in records:
            found = split_people(rec, gold_people.get(rec["id"], []))
            if found:
                n_split += 1
                cases += [(rec["source"].get("path") or rec["id"], name, parts) for name, parts in found]
        result[label] = {"articles": len(records), "with_a_split_person": n_split}
    if args.json:
        print(json.dumps(result))
    else:
        for label, r in result.items():
            print(f"{label}: {r['with_a_split_person']} of {r['articles']} articles have a person split in two")
        for where, name, parts in cases[:args.show]:
            print(f"  {Path(where).name}: {name} -> {'; '.join(parts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
