"""Why events are missed or wrong: each gold event the scorer does not match, and each
prediction it does not match, put in one class.

    .venv/bin/python scripts/diagnose_events.py                 # annotated dev split
    .venv/bin/python scripts/diagnose_events.py --split train --list

A missed gold event is
  no trigger       no predicted event overlaps its evidence;
  wrong type       predictions overlap it, none of its type;
  wrong actor      one of its type overlaps it, the gold actor is not among its sources;
  wrong recipient  the actor is right, the gold recipient is not among its targets.
and each failing side of a wrong actor / recipient is put in one party class (``--parties``):
  missing side     the prediction has no one on that side;
  reversed         the gold party is on the prediction's other side;
  not an actor     no predicted actor of the article matches the gold party (a common
                   noun such as "the crowd", or a name the actor stage missed);
  wrong party      a predicted actor matches the gold party, the event chose another.
A wrong prediction is
  extra (other gold event)  it overlaps a gold event's evidence (the gold's miss is counted above);
  extra (no gold event)     nothing in the gold there; "(negated/hedged)" when the gold lists the
                            text as negated or hedged, i.e. it should have been a non-event.

With ``--rejections`` each gold event is put in one recall class instead (type and evidence
overlap only, parties not asked): hit (an event of its type), rejected right type (a
non-event of its type: the filter's ``reason`` and which sides it had are counted), typed
wrong (an event of another type), rejected wrong type, no candidate (``--list`` prints
the rejected ones, REJ, and those with no candidate, NOC); the non-events that
overlap no gold event (rightly rejected, or false candidates) are counted the same way, so
that the two can be compared.

With ``--triggers [N]`` the predictions are counted by type and trigger lemma (the head of
their evidence in spaCy's parse), right (fully matched) or wrong, and the N pairs with the
most wrong events beyond their right ones are printed (``--list``: three wrong evidences each).

Matching is the shared scorer's (``../shared/eval/score.py``, imported, not copied): type,
span overlap, parties. The test split is refused: it is for reporting, not for reading errors.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
ANNOTATED = ROOT / "data" / "annotated"


def load_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", shared / "eval" / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {shared / 'eval' / 'score.py'}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def split_records(split: str) -> list[dict]:
    ids = set(json.loads((ANNOTATED / "splits.json").read_text())[split])
    lines = (ANNOTATED / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in (json.loads(x) for x in lines if x.strip()) if r["id"] in ids]


def predict(golds: list[dict], newsgraph: str) -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "gold.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in golds), encoding="utf-8")
        out = subprocess.run([newsgraph, "extract", str(src), "--format", "jsonl"], capture_output=True, text=True,
                             check=True).stdout
    preds = [json.loads(x) for x in out.splitlines() if x.strip()]
    return {p["id"]: p for p in preds}


def diagnose(score: ModuleType, gold: dict, pred: dict) -> tuple[list[tuple[str, dict, list[dict]]],
                                                                 list[tuple[str, dict]]]:
    """(class, gold event, overlapping predictions) per missed gold event; (class, prediction)
    per unmatched prediction. The full matching is the scorer's, one-to-one in gold order."""
    text = gold["text"]
    actors = score.Actors(pred)
    pe = pred.get("events", [])
    used: set[int] = set()
    missed: list[tuple[dict, tuple[int, int] | None]] = []
    for g in gold.get("events", []):
        gspan = score.find_span(text, g.get("evidence")) if g.get("evidence") else None
        hit = None
        for pi, p in enumerate(pe):
            if pi in used or p.get("type") != g["type"]:
                continue
            if gspan and p.get("start") is not None and not score.overlap(gspan, (p["start"], p["end"])):
                continue
            if score.parties_match(actors, g.get("actor", []), p.get("source", [])) and \
                    score.parties_match(actors, g.get("recipient", []), p.get("target", [])):
                hit = pi
                break
        if hit is None:
            missed.append((g, gspan))
        else:
            used.add(hit)
    misses = []
    for g, gspan in missed:
        near = [p for p in pe if gspan is None or (p.get("start") is not None
                                                   and score.overlap(gspan, (p["start"], p["end"])))]
        same = [p for p in near if p.get("type") == g["type"]]
        if not near:
            why = "no trigger"
        elif not same:
            why = "wrong type"
        elif not any(score.parties_match(actors, g.get("actor", []), p.get("source", [])) for p in same):
            why = "wrong actor"
        else:
            why = "wrong recipient"
        misses.append((why, g, near))
    gold_spans = [s for s in (score.find_span(text, g.get("evidence")) for g in gold.get("events", [])
                              if g.get("evidence")) if s]
    hedged = [s for s in (score.find_span(text, h.get("text") if isinstance(h, dict) else h)
                          for h in gold.get("negated_or_hedged", [])) if s]
    wrong = []
    for pi, p in enumerate(pe):
        if pi in used:
            continue
        span = (p.get("start") or 0, p.get("end") or 0)
        if any(score.overlap(s, span) for s in gold_spans):
            wrong.append(("extra (other gold event)", p))
        elif any(score.overlap(s, span) for s in hedged):
            wrong.append(("extra (no gold event, negated/hedged)", p))
        else:
            wrong.append(("extra (no gold event)", p))
    return misses, wrong


def sides(e: dict) -> str:
    return ("src+tgt" if e.get("target") else "src only") if e.get("source") else \
        ("tgt only" if e.get("target") else "no party")


def conf_bin(e: dict) -> str:
    q = float(e.get("confidence") or 0.0)
    return f"raw {min(int(q * 10), 9) / 10:.1f}"


def rejections(score: ModuleType, gold: dict, pred: dict) -> tuple[list[tuple[str, dict, dict | None]], list[dict]]:
    """(recall class, gold event, the non-event that rejected it or None) per gold event, and
    the non-events that overlap no gold event."""
    text = gold["text"]
    pe, ne = pred.get("events", []), pred.get("non_events", [])

    def near(evs: list[dict], gspan: tuple[int, int] | None) -> list[dict]:
        return [e for e in evs if gspan is not None and e.get("start") is not None
                and score.overlap(gspan, (e["start"], e["end"]))]
    out: list[tuple[str, dict, dict | None]] = []
    spans = []
    for g in gold.get("events", []):
        gspan = score.find_span(text, g.get("evidence")) if g.get("evidence") else None
        if gspan:
            spans.append(gspan)
        ev, non = near(pe, gspan), near(ne, gspan)
        right = [e for e in non if e.get("type") == g["type"]]
        if any(e.get("type") == g["type"] for e in ev):
            out.append(("hit", g, None))
        elif right:
            out.append(("rejected right type", g, right[0]))
        elif ev:
            out.append(("typed wrong", g, None))
        elif non:
            out.append(("rejected wrong type", g, non[0]))
        else:
            out.append(("no candidate", g, None))
    false = [e for e in ne if e.get("start") is not None
             and not any(score.overlap(s, (e["start"], e["end"])) for s in spans)]
    return out, false


def party_class(score: ModuleType, actors, pred: dict, gold_parties: list[dict], side: list[str],
                other: list[str]) -> str | None:
    """Why one side of a same-type prediction does not match the gold side, or None."""
    if not gold_parties or score.parties_match(actors, gold_parties, side):
        return None
    if not side:
        return "missing side"
    if score.parties_match(actors, gold_parties, other):
        return "reversed"
    if not any(actors.matches(a["id"], g) for a in pred.get("actors", []) for g in gold_parties):
        common = all(g.get("text", "")[:1].islower() for g in gold_parties)
        return "not an actor (common noun)" if common else "not an actor (name)"
    return "wrong party"


def by_trigger(score: ModuleType, golds: list[dict], preds: dict[str, dict], parse) -> dict[tuple[str, str], list]:
    """(type, trigger lemma) -> [right, wrong, examples of the wrong] over every prediction:
    right when the scorer fully matches it to a gold event. The trigger is the head of the
    prediction's evidence in ``parse(text)`` (a spaCy Doc). Where a word's events are mostly
    wrong, a reading of that word is missing or a ruling of the guideline is not applied."""
    out: dict[tuple[str, str], list] = {}
    for gold in golds:
        pred = preds.get(gold["id"], {})
        pe = pred.get("events", [])
        if not pe:
            continue
        _, wrong = diagnose(score, gold, pred)
        bad = {id(p) for _, p in wrong}
        doc = parse(gold["text"])
        for p in pe:
            span = doc.char_span(p.get("start") or 0, p.get("end") or 0, alignment_mode="expand")
            lemma = span.root.lemma_.lower() if span is not None and len(span) else "?"
            row = out.setdefault((p["type"], lemma), [0, 0, []])
            if id(p) in bad:
                row[1] += 1
                row[2].append(p.get("evidence"))
            else:
                row[0] += 1
    return out


def report_triggers(rows: dict[tuple[str, str], list], top: int, show: bool) -> int:
    """The (type, trigger) pairs with the most wrong events beyond their right ones."""
    print(f"{'type':9} {'trigger':16} right wrong")
    for (ptype, lemma), (right, wrong, ex) in sorted(rows.items(), key=lambda kv: (kv[1][0] - kv[1][1], kv[0]))[:top]:
        print(f"{ptype:9} {lemma:16} {right:5} {wrong:5}")
        if show:
            for e in ex[:3]:
                print(f"    {e!r}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--pred", help="predictions (JSONL) instead of running newsgraph extract")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--newsgraph", default=str(ROOT / ".venv" / "bin" / "newsgraph"))
    ap.add_argument("--list", action="store_true", help="print every miss and wrong prediction")
    ap.add_argument("--parties", action="store_true", help="count the party classes of wrong actors / recipients")
    ap.add_argument("--thresholds", type=float, nargs="*", metavar="T",
                    help="events precision / recall / F1 (full, type-only) keeping events with confidence >= T")
    ap.add_argument("--triggers", type=int, nargs="?", const=40, metavar="N",
                    help="the N (type, trigger lemma) pairs whose predicted events are most often wrong "
                    "(parses each article with spaCy)")
    ap.add_argument("--rejections", action="store_true",
                    help="recall classes, and the filters' reasons for rejected gold events vs false candidates")
    args = ap.parse_args(argv)
    score = load_scorer(Path(args.shared))
    golds = split_records(args.split)
    if args.pred:
        preds = {p["id"]: p for p in (json.loads(x) for x in Path(args.pred).read_text().splitlines() if x.strip())}
    else:
        preds = predict(golds, args.newsgraph)
    if args.thresholds is not None:
        return report_thresholds(score, golds, preds, args.thresholds or [0.0, 0.2, 0.3, 0.4, 0.5])
    if args.rejections:
        return report_rejections(score, golds, preds, args.list)
    if args.triggers is not None:
        sys.path.insert(0, str(ROOT / "src"))
        from newsgraph.nlp.pipeline import load_spacy

        return report_triggers(by_trigger(score, golds, preds, load_spacy()), args.triggers, args.list)
    miss_n: Counter[str] = Counter()
    wrong_n: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    party_n: Counter[str] = Counter()
    for gold in golds:
        pred = preds.get(gold["id"], {})
        names = {a["id"]: a["name"] for a in pred.get("actors", [])}
        misses, wrong = diagnose(score, gold, pred)
        for why, g, near in misses:
            miss_n[why] += 1
            if why == "wrong type":
                confusion[(g["type"], near[0]["type"])] += 1
            if why in ("wrong actor", "wrong recipient"):
                p = next(x for x in near if x.get("type") == g["type"])
                actors = score.Actors(pred)
                for side, gp, got, other in (("actor", g.get("actor", []), p.get("source", []), p.get("target", [])),
                                             ("recipient", g.get("recipient", []), p.get("target", []),
                                              p.get("source", []))):
                    cls = party_class(score, actors, pred, gp, got, other)
                    if cls:
                        party_n[f"{side}: {cls}"] += 1
            if args.list:
                got = "; ".join(f"{p['type']} {[names.get(i, i) for i in p.get('source', [])]}->"
                                f"{[names.get(i, i) for i in p.get('target', [])]}" for p in near)
                print(f"MISS {why:16} {gold['id']} {g['type']:9} "
                      f"{[a.get('text') for a in g.get('actor', [])]}->{[a.get('text') for a in g.get('recipient', [])]}"
                      f" | {g.get('evidence')!r} | got: {got}")
        for why, p in wrong:
            wrong_n[why] += 1
            if args.list:
                print(f"WRONG {why:38} {gold['id']} {p['type']:9} {p.get('evidence')!r}")
    print(f"missed gold events: {sum(miss_n.values())}")
    for k, v in miss_n.most_common():
        print(f"  {k:40} {v}")
    print(f"wrong predictions: {sum(wrong_n.values())}")
    for k, v in wrong_n.most_common():
        print(f"  {k:40} {v}")
    if args.parties:
        print("party classes of the wrong actors / recipients (one per failing side):")
        for k, v in sorted(party_n.items()):
            print(f"  {k:40} {v}")
    if confusion:
        print("wrong type (gold -> predicted):", ", ".join(f"{g}->{p} {n}" for (g, p), n in confusion.most_common(12)))
    return 0


def report_thresholds(score: ModuleType, golds: list[dict], preds: dict[str, dict], ths: list[float]) -> int:
    """What ``--min-confidence T`` would give: the scorer's event figures on the predictions
    with the events below T left out."""
    gold_by_id = {g["id"]: g for g in golds}
    print(f"{'threshold':>9} {'events':>6}  full P / R / F1        type-only P / R / F1")
    for th in ths:
        kept = {k: dict(p, events=[e for e in p.get("events", []) if float(e.get("confidence") or 0.0) >= th])
                for k, p in preds.items()}
        res = score.score_events(gold_by_id, kept)
        n = sum(len(p["events"]) for k, p in kept.items() if k in gold_by_id)
        f, t = res["full"], res["type_only"]
        print(f"{th:9.2f} {n:6}  {f['p']:.3f} / {f['r']:.3f} / {f['f1']:.3f}   {t['p']:.3f} / {t['r']:.3f} / {t['f1']:.3f}")
    return 0


def report_rejections(score: ModuleType, golds: list[dict], preds: dict[str, dict], listing: bool) -> int:
    cls_n: Counter[str] = Counter()
    right: Counter[str] = Counter()
    right_sides: Counter[str] = Counter()
    false: Counter[str] = Counter()
    false_sides: Counter[str] = Counter()
    for gold in golds:
        pred = preds.get(gold["id"], {})
        out, wrong = rejections(score, gold, pred)
        for cls, g, ne in out:
            cls_n[cls] += 1
            if cls == "rejected right type" and ne is not None:
                right[ne.get("reason") or "?"] += 1
                right_sides[f"{ne.get('reason')}: {sides(ne)}, {conf_bin(ne)}"] += 1
                if listing:
                    print(f"REJ {gold['id']} {g['type']:9} {ne.get('reason')!s:26} {sides(ne):8} "
                          f"{ne.get('confidence')} | {g.get('evidence')!r}")
            elif listing and cls == "no candidate":
                print(f"NOC {gold['id']} {g['type']:9} {[a.get('text') for a in g.get('actor', [])]}->"
                      f"{[a.get('text') for a in g.get('recipient', [])]} | {g.get('evidence')!r}")
        for ne in wrong:
            false[ne.get("reason") or "?"] += 1
            false_sides[f"{ne.get('reason')}: {sides(ne)}, {conf_bin(ne)}"] += 1
    print(f"gold events: {sum(cls_n.values())}")
    for k, v in cls_n.most_common():
        print(f"  {k:40} {v}")
    print("rejected right type (gold event) vs non-event over no gold event, by reason:")
    for k in sorted(set(right) | set(false), key=lambda k: -right[k] - false[k]):
        print(f"  {k:40} {right[k]:5} {false[k]:6}")
    print("by reason, sides and raw confidence:")
    for k in sorted(set(right_sides) | set(false_sides)):
        print(f"  {k:60} {right_sides[k]:5} {false_sides[k]:6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
