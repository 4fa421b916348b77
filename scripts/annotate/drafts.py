"""What the normalising passes (d10_coordinated.py, d15_signings.py) share: each rewrites
the draft batches in place, one rule over every record, and prints a row per change for
data/annotated/normalised.md. Standard library only, as ann.py."""

from __future__ import annotations

import glob
import json
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DRAFTS = ROOT / "data" / "annotated" / "drafts"
SPLITS = ROOT / "data" / "annotated" / "splits.json"


def dump(record: dict, like: str) -> str:
    """Serialise the way the draft line was written (ASCII-escaped or not)."""
    for ascii_only in (True, False):
        if json.dumps(json.loads(like), ensure_ascii=ascii_only) == like:
            return json.dumps(record, ensure_ascii=ascii_only)
    raise ValueError("draft line does not round-trip through json.dumps")


def rewrite_drafts(fix: Callable[[dict, str], tuple[int, list[str]]], apply: bool) -> None:
    """Run ``fix(draft, split)`` on every draft record; it changes the record in place and
    returns how many changes it made and the rows describing them (each row after the batch
    and article cells). Changed records are written back in their own serialisation, the
    others byte for byte, when ``apply``; the rows and the count per split are printed."""
    split_of = {a: name for name, ids in json.loads(SPLITS.read_text()).items()
                if isinstance(ids, list) for a in ids}
    per_split: dict[str, int] = {}
    for path in sorted(glob.glob(str(DRAFTS / "*.jsonl"))):
        out = []
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            draft = json.loads(line)
            split = split_of.get(draft.get("id"), "-")
            n, rows = fix(draft, split)
            for row in rows:
                print(f"| {Path(path).stem} | {draft['id']} | {row} |")
            if n:
                per_split[split] = per_split.get(split, 0) + n
            out.append(dump(draft, line) if rows else line)
        if apply:
            Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")
    print("per split:", per_split)
