"""Classify every gold statement the extractor misses or gets wrong, and every extra one.

    python scripts/statement_misses.py GOLD.jsonl PRED.jsonl [--shared ../shared] [--list CLASS]

Matches gold and predicted statements as ../shared/eval/score.py does (one to one, by
content overlap >= 0.3 of the gold span, best Jaccard first; attributed when the speaker
is right too) and counts each gold statement that is not attributed by
- kind (direct / mixed / indirect);
- failure: ``missed`` (no prediction overlaps it), ``short`` (only predictions that cover
  < 0.3 of it: boundary too short or a part), ``merged`` (a prediction covers it but is
  matched to another gold statement: one span for two), ``speaker`` (matched, speaker wrong);
- cue class: the gold cue read against nlp/data/cues.json (speech verb, belief verb,
  ``according to``, ``in X's view``, a noun such as ``claim``, a document source, no cue,
  or a cue our lists do not hold).
Extra predictions are counted by failure (``split``: overlaps a matched gold statement;
``boundary``: overlaps an unmatched one; ``spurious``: overlaps none) and kind.
Dev and train splits only: the test split is report-only (never study its misses).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.nlp import cues as C  # noqa: E402

SPEECH = C.SAY_VERBS | C.OBJECT_VERBS | C.XCOMP_VERBS | C.DIRECT_ONLY | C.IMPERSONAL_VERBS | C.LABEL_VERBS
BELIEF = C.BELIEF_VERBS | C.BELIEF_ADJECTIVES
NOUNS = C.SPEECH_NOUNS | C.CONTENT_NOUNS


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Lemmas:
    """Lemmas of cue words, through spaCy's lemmatiser on the cue in its sentence."""

    def __init__(self) -> None:
        from newsgraph.nlp.pipeline import load_spacy
        self.nlp = load_spacy()

    def of_span(self, text: str, s: int, e: int) -> list[tuple[str, str]]:
        a = text.rfind("\n", 0, s) + 1
        b = text.find("\n", e)
        b = len(text) if b < 0 else b
        doc = self.nlp(text[a:b])
        return [(t.lemma_.lower(), t.pos_) for t in doc if s <= a + t.idx < e]

    def of_text(self, cue: str) -> list[tuple[str, str]]:
        return [(t.lemma_.lower(), t.pos_) for t in self.nlp(cue)]


def cue_class(text: str, q: dict, lem: Lemmas) -> tuple[str, str]:
    cue = (q.get("cue") or "").strip()
    if not cue:
        return "no cue", ""
    low = cue.lower()
    if "according" in low:
        return "according to", low
    if low.startswith("in ") and any(w in low for w in C.VIEW_NOUNS):
        return "in X's view", low
    span = q.get("cue_span")
    lems = lem.of_span(text, *span) if span else lem.of_text(cue)
    words = [w for w, p in lems if p not in ("DET", "PRON", "ADP", "PART", "PUNCT", "AUX")] or [w for w, _ in lems]
    speaker = (q.get("speaker") or "").lower().split()
    if speaker and speaker[-1] in C.DOC_NOUNS | {"report", "study", "poll", "survey", "statement", "document"}:
        return "document source", " ".join(words)
    for w in words:
        w = C.LEMMA_FIXES.get(w, w)
        if w in C.REPORT_ADVERBS:
            return "report adverb", w
        if w in BELIEF:
            return "belief verb", w
        if w in SPEECH or w in C.DOC_VERBS:
            return "speech verb", w
        if w in NOUNS or w in C.VIEW_NOUNS:
            return "noun phrase", w
    return "cue not in lists", " ".join(words)


def analyse(gold_path: Path, pred_path: Path, shared: Path) -> tuple[list[dict], list[dict]]:
    sc = load_scorer(shared)
    golds, preds = sc.load(gold_path), sc.load(pred_path)
    misses: list[dict] = []
    extras: list[dict] = []
    for doc_id, gold in golds.items():
        text = gold["text"]
        pred = preds.get(doc_id, {})
        actors = sc.Actors(pred)
        gq = [(q, sc.span_of(text, q)) for q in gold.get("quotes", [])]
        gq = [(q, s) for q, s in gq if s and s[1] > s[0]]
        pq = [(q, sc.span_of(text, q)) for q in pred.get("quotes", [])]
        pq = [(q, s) for q, s in pq if s and s[1] > s[0]]
        pairs = []
        for gi, (_g, gs) in enumerate(gq):
            for pi, (_p, ps) in enumerate(pq):
                ov = sc.overlap(gs, ps)
                if ov and ov / (gs[1] - gs[0]) >= 0.3:
                    pairs.append((ov / (max(gs[1], ps[1]) - min(gs[0], ps[0])), gi, pi))
        g2p: dict[int, int] = {}
        p2g: dict[int, int] = {}
        for _, gi, pi in sorted(pairs, reverse=True):
            if gi in g2p or pi in p2g:
                continue
            g2p[gi], p2g[pi] = pi, gi
        for gi, (g, gs) in enumerate(gq):
            base = {"id": doc_id, "text": text, "gold": g, "span": gs, "kind": g.get("type", "?")}
            if gi in g2p:
                p, ps = pq[g2p[gi]]
                if sc.speaker_right(text, g, p, actors):
                    continue
                misses.append(dict(base, failure="speaker", pred=p, pspan=ps))
                continue
            over = [(p, ps, pi) for pi, (p, ps) in enumerate(pq) if sc.overlap(gs, ps)]
            if not over:
                misses.append(dict(base, failure="missed"))
            elif any(pi not in p2g or sc.overlap(gs, ps) / (gs[1] - gs[0]) < 0.3 for _, ps, pi in over) and all(
                    sc.overlap(gs, ps) / (gs[1] - gs[0]) < 0.3 for _, ps, _ in over):
                misses.append(dict(base, failure="short", pred=over[0][0], pspan=over[0][1]))
            else:
                misses.append(dict(base, failure="merged", pred=over[0][0], pspan=over[0][1]))
        for pi, (p, ps) in enumerate(pq):
            if pi in p2g:
                continue
            over = [gi for gi, (_, gs) in enumerate(gq) if sc.overlap(gs, ps)]
            failure = "spurious" if not over else ("split" if all(gi in g2p for gi in over) else "boundary")
            extras.append({"id": doc_id, "text": text, "pred": p, "pspan": ps, "kind": p.get("kind", "?"),
                           "failure": failure})
    return misses, extras


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--list", help="print the items of one class: a failure, a cue class, or 'extra:FAILURE'")
    ap.add_argument("--json", help="write every classified item here")
    args = ap.parse_args(argv)
    misses, extras = analyse(Path(args.gold), Path(args.pred), Path(args.shared))
    lem = Lemmas()
    for m in misses:
        m["cue_class"], m["cue_lemma"] = cue_class(m["text"], m["gold"], lem)
    table = Counter((m["kind"], m["failure"], m["cue_class"]) for m in misses)
    print(f"gold statements not attributed: {len(misses)}")
    print("| kind | failure | cue class | n |\n|---|---|---|---|")
    for (k, f, c), n in sorted(table.items(), key=lambda x: -x[1]):
        print(f"| {k} | {f} | {c} | {n} |")
    for key in ("kind", "failure", "cue_class"):
        print(key, dict(Counter(m[key] for m in misses).most_common()))
    print("lemmas of cues not in lists:", Counter(m["cue_lemma"] for m in misses
                                                  if m["cue_class"] == "cue not in lists").most_common(40))
    print("lemmas of speech-verb misses:", Counter(m["cue_lemma"] for m in misses
                                                   if m["cue_class"] == "speech verb").most_common(40))
    print(f"extra predictions: {len(extras)}", dict(Counter((e['failure'], e['kind']) for e in extras).most_common()))
    if args.list:
        sel = [e for e in extras if "extra:" + e["failure"] == args.list] if args.list.startswith("extra:") else [
            m for m in misses if args.list in (m["failure"], m["cue_class"], m["kind"], m["cue_lemma"])]
        for m in sel:
            t = m["text"]
            a, b = m.get("span") or m["pspan"]
            ctx = t[max(0, a - 150):b + 80].replace("\n", " / ")
            print("\n---", m["id"], m["kind"], m["failure"], m.get("cue_class", ""))
            if "gold" in m:
                g = m["gold"]
                print("  GOLD", repr(g.get("speaker")), "|", repr(g.get("cue")), "|", repr(t[a:b][:300]))
            if m.get("pred"):
                p = m["pred"]
                print("  PRED", repr(p.get("speaker_text")), "|", repr(p.get("cue")), "|",
                      repr(t[m["pspan"][0]:m["pspan"][1]][:300]))
            print("  CTX", ctx[:600])
    if args.json:
        Path(args.json).write_text("\n".join(json.dumps({k: v for k, v in m.items() if k != "text"}, ensure_ascii=False)
                                             for m in misses + extras) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
