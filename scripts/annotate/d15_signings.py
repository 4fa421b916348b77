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
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from drafts import rewrite_drafts  # noqa: E402  (the passes' shared scaffold)

# A signing that took place: the verb's past, present or gerund, or the noun `signing`.
SIGNED = re.compile(r"\b(sign(?:s|ed|ing)?|ratif(?:y|ies|ied|ying)|finali[sz](?:e|es|ed|ing)|ink(?:s|ed))\b", re.I)
# A signing only promised, planned or agreed to (AGREE by D15).
FUTURE = re.compile(r"\b(will|would|to|shall|may|might|could|plans?|agreed)\s+(?:\w+\s+)?(?:sign|ratify|finali[sz]e|ink)\b", re.I)


def is_signing(evidence: str) -> bool:
    """True when the evidence reports a signing act rather than a promise to sign."""
    return bool(SIGNED.search(evidence)) and not FUTURE.search(evidence)


def recode(draft: dict, split: str) -> tuple[int, list[str]]:
    """Recode the record's signings SUPPORT; the number recoded and their rows."""
    rows = []
    for ev in draft.get("events", []):
        if ev.get("type") != "AGREE" or not is_signing(ev.get("evidence", "")):
            continue
        actors = ", ".join(p["text"] for p in ev.get("actor", []))
        rows.append(f"D15 | AGREE/{ev.get('mode')} {actors} «{ev['evidence'][:60]}» | "
                    f"SUPPORT/None (signing; split {split})")
        ev["type"], ev["mode"] = "SUPPORT", None
    return len(rows), rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--apply", action="store_true", help="rewrite the drafts")
    args = ap.parse_args()
    rewrite_drafts(recode, args.apply)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
