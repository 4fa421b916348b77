"""Stance and intensity labels on the annotated corpus's statements (docs/annotation.md, E).

    stance.py show ID...                 each statement of an article, numbered, with its
                                         speaker, cue and sentence, to label
    stance.py build LABELS.tsv -o F      check a label file and write it as JSONL
    stance.py agree A.jsonl B.jsonl      agreement of two passes on the articles both hold
    stance.py resolve A B RES.tsv -o OUT the settled pass of two: A's labels, except where
                                         RES (lines `ID START END`) says B was right
    stance.py merge F... -o OUT          one file from batches (the first file wins where
                                         two label one statement)

A label file has one line per statement, tab- or space-separated:

    ARTICLE_ID  INDEX  STANCE  INTENSITY  TARGET...

with INDEX as `show` prints it, STANCE one of negative / neutral / positive, INTENSITY
0-3 (0 exactly when neutral) and TARGET the rest of the line (may be empty). Lines that
start with `#` are comments. The JSONL keys each label by the statement's content_span,
so it survives a re-ordering of the corpus's statements.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "annotated" / "corpus.jsonl"
STANCES = ("negative", "neutral", "positive")


def load_corpus() -> dict[str, dict]:
    return {r["id"]: r for r in (json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()
                                 if line.strip())}


def statements(record: dict) -> list[dict]:
    """The article's statements in text order (the order `show` numbers them)."""
    return sorted(record.get("quotes", []), key=lambda q: tuple(q["content_span"]))


def sentence_around(text: str, start: int, end: int) -> str:
    """The statement with up to ~150 characters before it (where the speaker and cue
    usually are) and ~60 after, cut at word boundaries."""
    left = max(0, start - 150)
    left = text.find(" ", left) + 1 if left else 0
    right = min(len(text), end + 60)
    right = text.rfind(" ", end, right) if right < len(text) and text.rfind(" ", end, right) > 0 else right
    return re.sub(r"\s+", " ", text[left:right]).strip()


def show(ids: list[str]) -> None:
    corpus = load_corpus()
    for aid in ids:
        rec = corpus.get(aid)
        if rec is None:
            print(f"# {aid}: not in the corpus", file=sys.stderr)
            continue
        title = (rec.get("metadata") or {}).get("title", "")
        print(f"=== {aid}  {title}")
        for i, q in enumerate(statements(rec)):
            s, e = q["content_span"]
            print(f"[{i}] speaker={q.get('speaker_canonical') or q.get('speaker') or '-'} | cue={q.get('cue') or '-'}"
                  f" | {q.get('type')}")
            print(f"    content: {rec['text'][s:e]}")
            ctx = sentence_around(rec["text"], s, e)
            if len(ctx) > len(rec["text"][s:e]) + 20:
                print(f"    context: {ctx}")
        print()


def parse_labels(path: Path, corpus: dict[str, dict]) -> tuple[dict[str, dict], list[str]]:
    """Label lines -> {article id: {index: label}}, and the problems found."""
    out: dict[str, dict] = {}
    problems: list[str] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split(None, 4)
        where = f"{path.name}:{n}"
        if len(parts) < 4:
            problems.append(f"{where}: expected ID INDEX STANCE INTENSITY [TARGET]")
            continue
        aid, idx, stance, intensity = parts[:4]
        target = parts[4].strip() if len(parts) > 4 else ""
        rec = corpus.get(aid)
        if rec is None:
            problems.append(f"{where}: unknown article {aid}")
            continue
        qs = statements(rec)
        if not idx.isdigit() or int(idx) >= len(qs):
            problems.append(f"{where}: {aid} has no statement [{idx}]")
            continue
        if stance not in STANCES:
            problems.append(f"{where}: stance {stance!r} is not one of {', '.join(STANCES)}")
            continue
        if intensity not in ("0", "1", "2", "3") or (intensity == "0") != (stance == "neutral"):
            problems.append(f"{where}: intensity {intensity!r} (0-3, and 0 exactly when neutral)")
            continue
        labels = out.setdefault(aid, {})
        if int(idx) in labels:
            problems.append(f"{where}: {aid} [{idx}] labelled twice")
        labels[int(idx)] = {"content_span": qs[int(idx)]["content_span"], "stance": stance,
                            "intensity": int(intensity), "target": target}
    for aid, labels in out.items():
        missing = [i for i in range(len(statements(corpus[aid]))) if i not in labels]
        if missing:
            problems.append(f"{path.name}: {aid} has no label for statements {missing}")
    return out, problems


def build(path: Path, dest: Path) -> int:
    corpus = load_corpus()
    labels, problems = parse_labels(path, corpus)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    with open(dest, "w", encoding="utf-8") as f:
        f.writelines(json.dumps({"id": aid, "statements": [labels[aid][i] for i in sorted(labels[aid])]},
                               ensure_ascii=False) + "\n" for aid in sorted(labels))
    print(f"{sum(len(v) for v in labels.values())} labels on {len(labels)} articles -> {dest}")
    return 0


def read_jsonl(path: Path) -> dict[tuple[str, tuple[int, int]], dict]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            for s in r["statements"]:
                out[(r["id"], tuple(s["content_span"]))] = s
    return out


def kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    if not n:
        return 0.0
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def agree(a_path: Path, b_path: Path, show_diff: bool) -> None:
    a, b = read_jsonl(a_path), read_jsonl(b_path)
    keys = sorted(set(a) & set(b))
    stance = [(a[k]["stance"], b[k]["stance"]) for k in keys]
    inten = [(a[k]["intensity"], b[k]["intensity"]) for k in keys]
    print(f"statements labelled by both: {len(keys)} in {len({k[0] for k in keys})} articles")
    print(f"stance agreement {sum(x == y for x, y in stance) / max(1, len(keys)):.3f}, "
          f"Cohen's kappa {kappa(stance):.3f}")
    print(f"intensity exact {sum(x == y for x, y in inten) / max(1, len(keys)):.3f}, "
          f"within one {sum(abs(x - y) <= 1 for x, y in inten) / max(1, len(keys)):.3f}, "
          f"mean absolute difference {sum(abs(x - y) for x, y in inten) / max(1, len(keys)):.3f}")
    print("confusion (rows A, columns B):", "  ".join(STANCES))
    for s in STANCES:
        print(f"  {s:9s}", "  ".join(f"{sum(1 for x, y in stance if x == s and y == t):8d}" for t in STANCES))
    if show_diff:
        corpus = load_corpus()
        for k in keys:
            if a[k]["stance"] != b[k]["stance"]:
                s, e = k[1]
                print(f"{k[0]} {list(k[1])} A={a[k]['stance']}/{a[k]['intensity']} ({a[k]['target']}) "
                      f"B={b[k]['stance']}/{b[k]['intensity']} ({b[k]['target']}): {corpus[k[0]]['text'][s:e][:160]}")


def merge(paths: list[Path], dest: Path) -> None:
    by_article: dict[str, dict[tuple[int, int], dict]] = {}
    for p in paths:
        for (aid, span), s in read_jsonl(p).items():
            by_article.setdefault(aid, {}).setdefault(span, s)
    with open(dest, "w", encoding="utf-8") as f:
        for aid in sorted(by_article):
            f.write(json.dumps({"id": aid, "statements": [by_article[aid][k] for k in sorted(by_article[aid])]},
                               ensure_ascii=False) + "\n")
    print(f"{sum(len(v) for v in by_article.values())} labels on {len(by_article)} articles -> {dest}")


def resolve(a_path: Path, b_path: Path, res_path: Path, dest: Path) -> None:
    a, b = read_jsonl(a_path), read_jsonl(b_path)
    take_b = set()
    for line in res_path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            aid, start, end = line.split()[:3]
            key = (aid, (int(start), int(end)))
            if key not in b:
                raise SystemExit(f"{res_path.name}: {aid} [{start}, {end}] is not in {b_path.name}")
            take_b.add(key)
    settled = {k: (b[k] if k in take_b else v) for k, v in a.items()}
    by_article: dict[str, list[dict]] = {}
    for (aid, _span), s in sorted(settled.items()):
        by_article.setdefault(aid, []).append(s)
    with open(dest, "w", encoding="utf-8") as f:
        for aid in sorted(by_article):
            f.write(json.dumps({"id": aid, "statements": by_article[aid]}, ensure_ascii=False) + "\n")
    print(f"{len(settled)} labels ({len(take_b)} from {b_path.name}) on {len(by_article)} articles -> {dest}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("show")
    p.add_argument("ids", nargs="+")
    p = sub.add_parser("build")
    p.add_argument("labels", type=Path)
    p.add_argument("-o", "--out", type=Path, required=True)
    p = sub.add_parser("agree")
    p.add_argument("a", type=Path)
    p.add_argument("b", type=Path)
    p.add_argument("--diff", action="store_true")
    p = sub.add_parser("resolve")
    p.add_argument("a", type=Path)
    p.add_argument("b", type=Path)
    p.add_argument("resolutions", type=Path)
    p.add_argument("-o", "--out", type=Path, required=True)
    p = sub.add_parser("merge")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args(argv)
    if args.cmd == "show":
        show(args.ids)
    elif args.cmd == "build":
        return build(args.labels, args.out)
    elif args.cmd == "agree":
        agree(args.a, args.b, args.diff)
    elif args.cmd == "resolve":
        resolve(args.a, args.b, args.resolutions, args.out)
    else:
        merge(args.files, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
