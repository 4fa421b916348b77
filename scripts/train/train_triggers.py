"""Count event triggers on the annotated corpus's train split: for each verb and noun lemma,
how often it heads a gold event's evidence (by PLOVER type) and how often it occurs at all.

    python scripts/train/train_triggers.py [--shared ../shared]

The trigger of a gold event is the syntactic head of its evidence span in spaCy's parse
(the same model the pipeline uses): ``Police have opened a criminal case`` -> open (VERB),
``the killing of X`` -> killing (NOUN). A lemma's occurrences are its tokens with that
part of speech anywhere in the train texts. Writes src/newsgraph/nlp/data/event_triggers.json
(the counts, with the share of occurrences that are events of each type), read by
``nlp/event_lexicon.py``. Only the train split: never dev or test, never ../shared/reserved.md.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
OUT = ROOT / "src" / "newsgraph" / "nlp" / "data" / "event_triggers.json"
POS = {"VERB": "verb", "NOUN": "noun"}


def scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("ng_score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def train_records() -> list[dict]:
    ann = ROOT / "data" / "annotated"
    ids = set(json.loads((ann / "splits.json").read_text())["train"])
    lines = (ann / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in (json.loads(x) for x in lines if x.strip()) if r["id"] in ids]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args(argv)
    from newsgraph.ingest.clean import parse_text
    from newsgraph.nlp.pipeline import load_spacy

    score = scorer(Path(args.shared))
    nlp = load_spacy()
    occ: Counter[tuple[str, str]] = Counter()
    events: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    records = train_records()
    for r in records:
        doc = nlp(parse_text(r["text"]))
        for t in doc:
            if t.pos_ in POS:
                occ[(POS[t.pos_], t.lemma_.lower())] += 1
        for e in r.get("events", []):
            span = score.find_span(r["text"], e.get("evidence")) if e.get("evidence") else None
            if not span:
                continue
            sp = doc.char_span(span[0], span[1], alignment_mode="expand")
            if sp is None:
                continue
            root = sp.root
            if root.pos_ in POS:
                events[(POS[root.pos_], root.lemma_.lower())][e["type"]] += 1
    table: dict[str, dict[str, dict]] = {"verb": {}, "noun": {}}
    for (pos, lemma), by_type in sorted(events.items()):
        n = max(occ[(pos, lemma)], sum(by_type.values()))
        table[pos][lemma] = {"n": n, "types": dict(by_type.most_common())}
    out = {
        "about": "Event triggers counted on the annotated corpus's train split (data/annotated, "
                 f"{len(records)} articles; scripts/train/train_triggers.py): per part of speech and "
                 "lemma, n = its occurrences in the train texts, types = how many gold events of each "
                 "PLOVER type it heads (the head of the gold evidence span in spaCy's parse).",
        "verb": table["verb"],
        "noun": table["noun"],
    }
    OUT.write_text(json.dumps(out, indent=1, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{len(table['verb'])} verbs, {len(table['noun'])} nouns -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
