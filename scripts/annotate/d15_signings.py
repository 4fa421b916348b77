"""Normalising pass for annotation rule D15 (docs/annotation.md): the act of signing,
ratifying or finalising an agreement, treaty or deal is SUPPORT; agreeing to one or
promising to sign it stays AGREE. The corpus was coded under B1 (signings as AGREE).

Lists every AGREE event in the drafts whose evidence reports a signing that happened
(not `will sign`, `agreed to sign`, `plans to sign`), and with --apply recodes it SUPPORT
(mode cleared: PLOVER's SUPPORT has no signing mode) and prints the rows for
data/annotated/normalised.md. Run `make annotated` afterwards.

    python scripts/annotate/d15_signings.py [--apply]
"""

from __future__ import annotations

import argparse
import glob
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DRAFTS = ROOT / "data" / "annotated" / "drafts"
SPLITS = ROOT / "data" / "annotated" / "splits.json"

# A signing that took place: the verb's past, present or gerund, or the noun `signing`.
SIGNED = re.compile(r"\b(sign(?:s|ed|ing)?|ratif(?:y|ies|ied|ying)|finali[sz](?:e|es|ed|ing)|ink(?:s|ed))\b", re.I)
# A signing only promised, planned or agreed to (AGREE by D15).
FUTURE = re.compile(r"\b(will|would|to|shall|may|might|could|plans?|agreed)\s+(?:\w+\s+)?(?:sign|ratify|finali[sz]e|ink)\b", re.I)


def is_signing(evidence: str) -> bool:
    """True when the evidence reports a signing act rather than a promise to sign."""
    return bool(SIGNED.search(evidence)) and not FUTURE.search(evidence)


def dump(record: dict, like: str) -> str:
    """Serialise the way the draft line was written (ASCII-escaped or not)."""
    for ascii_only in (True, False):
        if json.dumps(json.loads(like), ensure_ascii=ascii_only) == like:
            return json.dumps(record, ensure_ascii=ascii_only)
    raise ValueError("draft line does not round-trip through json.dumps")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--apply", action="store_true", help="rewrite the drafts")
    args = ap.parse_args()
    split_of = {a: name for name, ids in json.loads(SPLITS.read_text()).items()
                if isinstance(ids, list) for a in ids}
    per_split: dict[str, int] = {}
    for path in sorted(glob.glob(str(DRAFTS / "*.jsonl"))):
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        out = []
        for line in lines:
            draft = json.loads(line)
            changed = False
            for ev in draft.get("events", []):
                if ev.get("type") != "AGREE" or not is_signing(ev.get("evidence", "")):
                    continue
                split = split_of.get(draft["id"], "-")
                per_split[split] = per_split.get(split, 0) + 1
                actors = ", ".join(p["text"] for p in ev.get("actor", []))
                print(f"| {Path(path).stem} | {draft['id']} | D15 | AGREE/{ev.get('mode')} {actors} "
                      f"«{ev['evidence'][:60]}» | SUPPORT/None (signing; split {split}) |")
                ev["type"], ev["mode"] = "SUPPORT", None
                changed = True
            out.append(dump(draft, line) if changed else line)
        if args.apply:
            Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")
    print("per split:", per_split)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
