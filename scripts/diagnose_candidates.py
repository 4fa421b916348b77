"""Gold events no candidate reaches, by why (issue 14): the candidate side of the misses.

    .venv/bin/python scripts/diagnose_candidates.py --split dev [--pred PRED.jsonl] [--list]

A gold event has no candidate when neither an event nor a non-event of the extractor
overlaps its evidence span. Each such event is put in one class by its trigger (the root
of the evidence span in spaCy's parse, as ``train_event_types.py`` labels it):

  in a statement      the trigger lies inside a gold statement's content;
  clause              the trigger is a reporting or copular verb: the annotation codes the act
                      from a clause rather than a word;
  light verb          a light verb whose object carries the event (``held talks``);
  adjective/participle  an adjective or a participle modifying a noun (``jailed``, ``wounded``);
  nominal (lexicon) / nominal (no lexicon)  an event noun the noun lexicon codes / lacks;
  verb (lexicon) / verb (no lexicon)  a verb some lexicon codes (the rules' filters lost it)
                      / no lexicon codes (absent from every lexicon);
  parse               the parser gives the trigger another part of speech (name, adverb...).

Train and dev only: the test split is for reporting.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
ANNOTATED = ROOT / "data" / "annotated"


def split_records(split: str) -> list[dict]:
    ids = set(json.loads((ANNOTATED / "splits.json").read_text())[split])
    lines = (ANNOTATED / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in (json.loads(x) for x in lines if x.strip()) if r["id"] in ids]


def classify(tok, quote_spans: list[tuple[int, int]]) -> str:
    from newsgraph.nlp.event_noun_codes import noun_event_code
    from newsgraph.nlp.plover import LIGHT_VERBS, SPEECH_VERBS, verb_code
    from newsgraph.nlp.trigger_counts import counted

    lemma = tok.lemma_.lower()
    if any(s <= tok.idx < e for s, e in quote_spans):
        return "in a statement"
    if tok.pos_ in ("VERB", "AUX") and (lemma in SPEECH_VERBS or lemma in ("be", "have", "say", "tell")):
        return "clause"
    if tok.pos_ == "ADJ" or (tok.tag_ == "VBN" and tok.dep_ in ("amod", "acl", "compound")):
        return "adjective/participle"
    if tok.pos_ == "VERB":
        if lemma in LIGHT_VERBS or lemma in ("have", "make", "take", "get"):
            if any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in tok.children):
                return "light verb"
        known = verb_code(lemma) is not None or counted("verb", lemma) is not None
        return "verb (lexicon)" if known else "verb (no lexicon)"
    if tok.pos_ == "NOUN":
        return "nominal (lexicon)" if noun_event_code(tok) is not None else "nominal (no lexicon)"
    return "parse"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--pred", help="predictions (JSONL) instead of running newsgraph extract")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args(argv)
    from newsgraph.nlp.pipeline import load_spacy

    golds = split_records(args.split)
    if args.pred:
        lines = Path(args.pred).read_text(encoding="utf-8").splitlines()
    else:
        src = Path(f"/tmp/diagnose_candidates_{args.split}.jsonl")
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in golds), encoding="utf-8")
        lines = subprocess.run([str(ROOT / ".venv" / "bin" / "newsgraph"), "extract", str(src), "--format",
                                "jsonl"], capture_output=True, text=True, check=True).stdout.splitlines()
    preds = {p["id"]: p for p in (json.loads(x) for x in lines if x.strip())}
    nlp = load_spacy()
    classes: Counter[str] = Counter()
    per_type: dict[str, Counter[str]] = defaultdict(Counter)
    lemmas: dict[str, Counter[str]] = defaultdict(Counter)
    total = 0
    for g in golds:
        p = preds.get(g["id"], {})
        spans = [(e["start"], e["end"]) for e in p.get("events", []) + p.get("non_events", [])
                 if e.get("start") is not None]
        doc = None
        quotes = [tuple(q["content_span"]) for q in g.get("quotes", []) if q.get("content_span")]
        for e in g.get("events", []):
            span = e.get("evidence_span")
            if not span:
                continue
            total += 1
            if any(s < span[1] and span[0] < t for s, t in spans):
                continue
            doc = doc or nlp(g["text"])
            sp = doc.char_span(span[0], span[1], alignment_mode="expand")
            if sp is None or not len(sp):
                cls, root = "parse", None
            else:
                root = sp.root
                cls = classify(root, quotes)
            classes[cls] += 1
            per_type[e["type"]][cls] += 1
            lemmas[cls][root.lemma_.lower() if root is not None else "?"] += 1
            if args.list:
                print(f"{cls:22} {e['type']:9} {root.lemma_ if root is not None else '?':12} | {e['evidence'][:110]!r}")
    n = sum(classes.values())
    print(f"{args.split}: {total} gold events, {n} with no candidate")
    names = [c for c, _ in classes.most_common()]
    print(f"{'type':10} " + " ".join(f"{c[:14]:>14}" for c in names) + "  total")
    for t in sorted(per_type):
        print(f"{t:10} " + " ".join(f"{per_type[t][c]:>14}" for c in names) + f"  {sum(per_type[t].values()):>5}")
    print(f"{'all':10} " + " ".join(f"{classes[c]:>14}" for c in names) + f"  {n:>5}")
    for c in names:
        print(f"  {c}: " + ", ".join(f"{w} {k}" for w, k in lemmas[c].most_common(15)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
