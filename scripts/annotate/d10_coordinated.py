"""Normalising pass for annotation rule D10 as amended (docs/annotation.md): a statement
whose source is a coordination (`Australia and Canada have both stated concerns`) is ONE
statement whose speaker is the whole coordination, as ../shared/ANNOTATION.md's gold marks
it (wikinews-dev: `the AP and NBC News called Nevada for Biden`, speaker_canonical
`Associated Press and NBC News`). The corpus had followed the first D10 (one statement per
conjunct, the same content repeated).

Finds, in every draft, the statements that share one content and one cue and whose
speakers are the conjuncts of one phrase (nothing but commas, `and`, `or`, `as well as`
between them), or the same mention twice; with --apply, keeps the first with the whole
phrase as speaker and the canonical names joined by `and`, drops the others, points the
events said in a dropped one at the kept one, and joins events the split had doubled
(same type and evidence, one per speaker) into one event with every actor. Prints the
rows for data/annotated/normalised.md. `A, along with B,` and `as did B` (different cues,
or no coordination) are left alone. Run `make annotated` afterwards.

    python scripts/annotate/d10_coordinated.py [--apply]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ann  # noqa: E402  (the annotation tool: resolves a draft's strings to spans)
from drafts import rewrite_drafts  # noqa: E402  (the passes' shared scaffold)

# What may stand between two conjuncts of one subject.
JOINER = re.compile(r"^[\s,]*(?:(?:and|or|&|as well as)\s+)?(?:both\s+)?$", re.I)


def coordinated(text: str, spans: list[list[int]]) -> bool:
    """Whether the speaker mentions, in text order, are the conjuncts of one phrase."""
    for (_, a_end), (b_start, _) in zip(spans, spans[1:]):
        if b_start < a_end or not JOINER.match(text[a_end:b_start]):
            return False
    return True


def groups(resolved: dict, text: str) -> list[list[int]]:
    """Indices of the statements to join, each group in the speakers' text order."""
    by_key: dict[tuple, list[int]] = {}
    for i, q in enumerate(resolved["quotes"]):
        if q.get("content_span") and q.get("speaker_span"):
            by_key.setdefault((tuple(q["content_span"]), tuple(q.get("cue_span") or ())), []).append(i)
    out = []
    for idx in by_key.values():
        if len(idx) < 2:
            continue
        idx.sort(key=lambda i: resolved["quotes"][i]["speaker_span"])
        spans = [resolved["quotes"][i]["speaker_span"] for i in idx]
        unique = [s for k, s in enumerate(spans) if k == 0 or s != spans[k - 1]]
        if len(unique) == 1 or coordinated(text, unique):
            out.append(idx)
    return out


def join(draft: dict, resolved: dict, text: str, found: list[list[int]]) -> list[str]:
    """Apply the groups to ``draft`` in place; the rows describing each change."""
    rows = []
    quotes = draft["quotes"]
    keep_of: dict[int, int] = {}
    for idx in found:
        first, rest = idx[0], idx[1:]
        rq = [resolved["quotes"][i] for i in idx]
        a, b = rq[0]["speaker_span"][0], max(q["speaker_span"][1] for q in rq)
        names: list[str] = []
        for q in rq:
            name = q.get("speaker_canonical") or q.get("speaker")
            if name and name not in names:
                names.append(name)
        before = " + ".join(repr(quotes[i].get("speaker")) for i in idx)
        quotes[first]["speaker"] = text[a:b]
        quotes[first]["speaker_canonical"] = " and ".join(names)
        quotes[first]["speaker_at"] = a
        for i in rest:
            keep_of[i] = first
        rows.append(f"{before} «{quotes[first]['content'][:50]}» | {quotes[first]['speaker']!r} "
                    f"({quotes[first]['speaker_canonical']})")
    dropped = sorted(keep_of)
    new_index = {}
    n = 0
    for i in range(len(quotes)):
        if i not in keep_of:
            new_index[i] = n
            n += 1
    for i in dropped:
        new_index[i] = new_index[keep_of[i]]
    draft["quotes"] = [q for i, q in enumerate(quotes) if i not in keep_of]
    events = []
    for e in draft.get("events", []):
        if e.get("said_in") is not None:
            e["said_in"] = new_index[e["said_in"]]
        twin = next((x for x in events if dropped and x.get("said_in") is not None
                     and x.get("said_in") == e.get("said_in") and x.get("type") == e.get("type")
                     and x.get("evidence") == e.get("evidence")
                     and x.get("said_in") in {new_index[i] for i in dropped}), None)
        if twin is not None:
            have = {p.get("text") for p in twin["actor"]}
            twin["actor"] += [p for p in e.get("actor", []) if p.get("text") not in have]
            rows.append(f"event {e.get('type')} «{e.get('evidence', '')[:40]}» joined: actors "
                        + ", ".join(p.get("text", "") for p in twin["actor"]))
            continue
        events.append(e)
    draft["events"] = events
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--apply", action="store_true", help="rewrite the drafts")
    args = ap.parse_args()
    docs = ann.corpus()

    def fix(draft: dict, split: str) -> tuple[int, list[str]]:
        source = docs.get(draft.get("id"))
        if source is None:
            return 0, []
        resolved, _ = ann.resolve(json.loads(json.dumps(draft)), source["text"])
        found = groups(resolved, source["text"])
        if not found:
            return 0, []
        return len(found), [f"D10 | {row} (split {split})" for row in join(draft, resolved, source["text"], found)]

    rewrite_drafts(fix, args.apply)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
