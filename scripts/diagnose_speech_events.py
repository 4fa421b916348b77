"""Which missed events are statements: each gold event with no predicted event on its
evidence ("no trigger" in scripts/diagnose_events.py), put in one class.

    .venv/bin/python scripts/diagnose_speech_events.py                # annotated dev split
    .venv/bin/python scripts/diagnose_speech_events.py --split train --list

  outside statements        its evidence overlaps no extracted statement (content or cue);
  in a statement, unseen    it does, but the statement-act model (nlp/speech_events.py) never
                            scored that statement: a rule already coded an act on it, its
                            speaker is no actor, or it is an interview answer;
  in a statement, scored    the model scored it below its threshold; with the gold type's
                            probability and whether the gold type was its best act.

The extraction runs in-process with ``speech_events.RECORDER`` set, so the probabilities
are the shipped model's. The test split is refused: it is for reporting, not for reading
errors.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import diagnose_events as de

from newsgraph import service
from newsgraph.nlp import speech_events
from newsgraph.nlp.linear import load_model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--list", action="store_true", help="print every missed gold event with its class")
    args = ap.parse_args(argv)
    score = de.load_scorer(Path(args.shared))
    golds = de.split_records(args.split)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for r in golds:
            tmp.write(json.dumps({"id": r["id"], "text": r["text"], "metadata": r.get("metadata", {})},
                                 ensure_ascii=False) + "\n")
    speech_events.RECORDER = []
    try:
        preds = {p["id"]: p for p in service.extract([tmp.name])}
        recorded = list(speech_events.RECORDER)
    finally:
        speech_events.RECORDER = None
        Path(tmp.name).unlink()
    model = load_model(speech_events.MODEL_NAME)
    scored: dict[tuple[str, str], dict[str, float]] = {}
    for aid, q, f, *rest in recorded:
        if not rest[-1]:  # statements a rule coded are recorded for training, not scored in use
            scored[(aid, q.id)] = model.proba(f) if model is not None else {}
    n: Counter[str] = Counter()
    for gold in golds:
        pred = preds.get(gold["id"], {})
        names = {a["id"]: a["name"] for a in pred.get("actors", [])}
        misses, _ = de.diagnose(score, gold, pred)
        for why, g, _near in misses:
            if why != "no trigger":
                continue
            n["no trigger"] += 1
            gs = score.find_span(gold["text"], g.get("evidence")) if g.get("evidence") else None
            q = None
            if gs:
                for cand in pred.get("quotes", []):
                    spans = [(cand.get("start"), cand.get("end")), (cand.get("cue_start"), cand.get("cue_end"))]
                    if any(s[0] is not None and s[1] is not None and score.overlap(gs, s) for s in spans):
                        q = cand
                        break
            if q is None:
                cls, extra = "outside statements", ""
            elif (gold["id"], q["id"]) not in scored:
                cls = "in a statement, unseen"
                extra = f" speaker={names.get(q.get('speaker'))} channel={q.get('channel')}"
            else:
                probs = scored[(gold["id"], q["id"])]
                acts = {k: v for k, v in probs.items() if k != speech_events.NONE}
                best = max(sorted(acts), key=lambda k: acts[k]) if acts else "-"
                cls = "in a statement, scored"
                n[f"  scored: gold type best act = {best == g['type']}"] += 1
                n[f"  scored: p(gold type) >= 0.25 = {probs.get(g['type'], 0.0) >= 0.25}"] += 1
                extra = f" p({g['type']})={probs.get(g['type'], 0.0):.2f} best={best}:{acts.get(best, 0.0):.2f}"
            n[cls] += 1
            if args.list:
                print(f"{cls:24} {gold['id']} {g['type']:9}{extra} | {g.get('evidence')!r}")
    for k, v in sorted(n.items()):
        print(f"{k:48} {v}")
    print(f"(threshold {speech_events.THRESHOLD})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
