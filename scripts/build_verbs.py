#!/usr/bin/env python3
"""Derive the compact PLOVER verb lexicon shipped in src/newsgraph/kb/data/plover_verbs.json.

    python scripts/build_verbs.py --shared ../shared

Reads (MIT / CC BY-SA, see kb/README.md):
  kb/cameo_phoenix/CAMEO.2.0.txt     CAMEO verb synsets with their default code and
                                     "- * OBJECT [code]" patterns
  kb/plover/CAMEO2PLOVER-2021.txt    CAMEO code -> PLOVER type, mode
  kb/cameo_phoenix/Phoenix.agents.txt generic agent nouns -> sector

Writes a JSON object:
  verbs:        lemma -> [PLOVER type, CAMEO code, mode]        (block or per-verb default)
  verb_objects: "lemma object" -> [PLOVER type, CAMEO code, mode] (simple verb+object patterns)
  agents:       noun -> sector (PLOVER/CAMEO sector code)

Only single-word verbs and single-word object heads are kept: the extractor looks
them up by spaCy lemma, so multi-word TABARI patterns are of no use to it.
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

NOTICE = ("Derived from the CAMEO verb dictionary and Phoenix agents (PETRARCH2, MIT, "
          "Copyright (c) 2014-2015 Open Event Data Alliance) and the CAMEO2PLOVER table "
          "(PLOVER, CC BY-SA 4.0, Open Event Data Alliance).")

# CAMEO 01x (public statements) has no PLOVER type; 02x (appeals) is REQUEST in PLOVER.
EXTRA = {"02": ("REQUEST", None)}


def read_cameo2plover(path: Path) -> dict[str, tuple[str, str | None]]:
    table: dict[str, tuple[str, str | None]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?", line)
        if not m:
            continue
        code, ptype, mode = m.group(1), m.group(2), (m.group(3) or "").strip() or None
        table.setdefault(code, (ptype, mode))
    return table


def plover_of(code: str, table: dict[str, tuple[str, str | None]]) -> tuple[str, str | None] | None:
    code = code.strip().split(":")[0]
    if not code or not code.isdigit():
        return None
    for n in (len(code), 3, 2):
        if code[:n] in table:
            return table[code[:n]]
    if code[:2] in EXTRA:
        return EXTRA[code[:2]]
    return None


def lemma_of(word: str) -> str | None:
    w = word.strip().strip("_").lower()
    if not w or not re.fullmatch(r"[a-z][a-z-]*", w):
        return None
    return w


def singular(w: str | None) -> str | None:
    if not w:
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def read_verbs(path: Path, table):
    verbs: dict[str, list] = {}
    objects: dict[str, list] = {}
    synsets: dict[str, list[str]] = {}
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    # synonym sets (&NAME followed by +WORD lines), used in object patterns
    cur = None
    for line in lines:
        if line.startswith("####### VERB PATTERNS"):
            break
        if line.startswith("&"):
            cur = line[1:].strip().rstrip("_")
            synsets[cur] = []
        elif line.startswith("+") and cur:
            w = lemma_of(line[1:].split("#")[0].strip().split()[0]) if line[1:].strip() else None
            if w and "_" not in line[1:].split("#")[0].strip():
                synsets[cur].append(w)
    in_verbs = False
    block_code = None
    block_verbs: list[str] = []
    for line in lines:
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not in_verbs:
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
        if m:
            block_code = m.group(2).strip()
            block_verbs = []
            continue
        body = line.split("#")[0].rstrip()
        found_in = lemma_of(line.split("#")[1].split()[0]) if "#" in line and line.split("#")[1].split() else None
        if not body.strip():
            continue
        if body.startswith("-"):
            pm = re.match(r"^-\s*\*\s+(.*?)\s*\[([^\]]*)\]\s*$", body)
            if not pm:
                continue
            obj, code = pm.group(1).strip(), pm.group(2)
            pl = plover_of(code, table)
            if pl is None:
                continue
            obj = obj.strip("{}")
            words = obj.split()
            if not words or "(" in obj or "$" in obj or "^" in obj:
                continue
            if len(words) != 1 or words[0].startswith("&"):
                continue  # phrases and synonym sets: too noisy for a lemma lookup
            heads = [singular(lemma_of(words[0]))]
            # the verb the pattern was written for (named in its comment), else the block
            owners = [found_in] if found_in in block_verbs else block_verbs
            for verb in owners:
                for h in heads:
                    if h:
                        objects.setdefault(f"{verb} {h}", [pl[0], code.split(":")[0], pl[1]])
            continue
        if body.startswith("+"):
            continue  # multi-word verbs: not looked up by lemma
        tm = re.match(r"^([A-Z][A-Z-]*)\s*(\{[^}]*\})?\s*(\[([^\]]*)\])?", body.strip())
        if not tm:
            continue
        verb = lemma_of(tm.group(1))
        if not verb:
            continue
        block_verbs.append(verb)
        code = (tm.group(4) or block_code or "").strip()
        pl = plover_of(code, table) if code and code != "---" else None
        if pl is not None:
            verbs.setdefault(verb, [pl[0], code.split(":")[0], pl[1]])
    return verbs, objects


def read_agents(path: Path) -> dict[str, str]:
    agents: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#")[0].strip()
        m = re.match(r"^([A-Z][A-Z_-]*?)_?\s*\[~?([A-Z]{3})~?\]", line)
        if not m or "!" in line:
            continue
        name = m.group(1).strip("_").lower()
        if "_" in name:
            continue
        agents.setdefault(name, m.group(2))
    return agents


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1]
                                         / "src/newsgraph/kb/data/plover_verbs.json"))
    args = ap.parse_args()
    kb = Path(args.shared) / "kb"
    table = read_cameo2plover(kb / "plover/CAMEO2PLOVER-2021.txt")
    verbs, objects = read_verbs(kb / "cameo_phoenix/CAMEO.2.0.txt", table)
    agents = read_agents(kb / "cameo_phoenix/Phoenix.agents.txt")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    data = {"notice": NOTICE, "verbs": dict(sorted(verbs.items())),
            "verb_objects": dict(sorted(objects.items())), "agents": dict(sorted(agents.items()))}
    out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{out}: {len(verbs)} verbs, {len(objects)} verb+object pairs, {len(agents)} agents")


if __name__ == "__main__":
    main()
