"""Annotation tooling for newsgraph's own corpus (data/annotated/).

Annotators write *drafts*: the gold layout of ../shared/gold/README.md where every span
may be left out and is found from its exact string. This tool turns drafts into exact
gold records and checks them.

    python scripts/annotate/ann.py show ID...             text with character offsets
    python scripts/annotate/ann.py find ID "exact words"  every offset of a string
    python scripts/annotate/ann.py prefill ID... -o F     draft pre-filled by today's extractor
    python scripts/annotate/ann.py check DRAFT...         resolve spans and validate; print problems
    python scripts/annotate/ann.py resolve DRAFT... -o F  resolved gold records (fails on problems)
    python scripts/annotate/ann.py merge DRAFT... -o F    resolve batches annotated in parallel into one file
    python scripts/annotate/ann.py agree A B              agreement of pass B with pass A (shared scorer)
    python scripts/annotate/ann.py diff A B               what one pass has and the other lacks
    python scripts/annotate/ann.py stats F                counts by kind, type and split

Draft record (one JSON object per line):

    {"id": "wn-a-...",
     "quotes": [{"content", "type": "direct|mixed|indirect", "speaker"?, "speaker_canonical"?,
                 "cue"?, "at"?: offset hint when the content occurs more than once}],
     "events": [{"type", "mode"?, "actor": [{"text", "code"?, "sector"?}], "recipient": [...],
                 "evidence", "at"?, "date"?, "from_caption"?, "historical"?,
                 "said_in"?: index into this record's quotes}],
     "negated_or_hedged": [{"text", "kind": "negated|hedged|future|hypothetical|conditional", "at"?}],
     "actors": [{"name", "kind", "country"?, "sector"?, "role"?, "mentions": [str]}],
     "descriptors": [{"actor": name, "text", "at"?}]}

Speaker and cue spans are the occurrences nearest the content (outside it), unless
``speaker_at`` / ``cue_at`` give an offset near the intended one; a content, evidence or
descriptor string that occurs more than once needs ``at`` (any offset near the intended one).
Standard library only, except ``prefill`` which runs the installed newsgraph.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(ROOT.parent / "shared")
CORPUS = SHARED / "corpus" / "news.jsonl.gz"
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
QUOTE_KINDS = {"direct", "mixed", "indirect"}
ACTOR_KINDS = {"person", "organization", "country", "group", "unnamed"}
NON_EVENT_KINDS = {"negated", "hedged", "future", "hypothetical", "conditional"}
# PLOVER's sector codes (kb/plover/PLOVER_MANUAL.tex, the sector table).
SECTORS = {"COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS", "CRM",
           "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CODE_RE = re.compile(r"^([A-Z]{3}|IGO|NGO)$")


def load_jsonl(path: str | Path) -> list[dict]:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def corpus() -> dict[str, dict]:
    return {r["id"]: r for r in load_jsonl(CORPUS)}


def excluded_ids() -> dict[str, str]:
    """Ids that must never be annotated: the reserved articles and the dev gold."""
    out = {i: "reserved (../shared/reserved.md)" for i in
           re.findall(r"`(wn-[ab]-[0-9a-f]{12})`", (SHARED / "reserved.md").read_text())}
    dev = SHARED / "gold" / "wikinews-dev.jsonl"
    if dev.exists():
        for r in load_jsonl(dev):
            out.setdefault(r["id"], "wikinews dev gold")
    return out


# ---------------------------------------------------------------- spans

def occurrences(text: str, needle: str, words: bool = False) -> list[int]:
    if not needle:
        return []
    pat = re.escape(needle)
    if words:
        pat = (r"(?<!\w)" if needle[0].isalnum() else "") + pat + (r"(?!\w)" if needle[-1].isalnum() else "")
    return [m.start() for m in re.finditer(pat, text)]


def pick(text: str, needle: str, near: int | None, words: bool = False) -> tuple[int, int] | str:
    """The span of ``needle``; the occurrence nearest ``near`` when it occurs more than once."""
    occ = occurrences(text, needle, words) or (occurrences(text, needle) if words else [])
    if not occ:
        return f"not in text: {needle[:80]!r}"
    if len(occ) > 1 and near is None:
        return f"occurs {len(occ)} times at {occ[:6]}; give 'at': {needle[:60]!r}"
    s = min(occ, key=lambda o: abs(o - near)) if near is not None else occ[0]
    return (s, s + len(needle))


def nearest_to_span(text: str, needle: str, span: tuple[int, int]) -> tuple[int, int] | str:
    """A speaker or cue: the whole-word occurrence nearest the content span."""
    occ = occurrences(text, needle, words=True) or occurrences(text, needle)
    if not occ:
        return f"not in text: {needle[:80]!r}"

    def dist(o: int) -> int:
        e = o + len(needle)
        return 0 if (o < span[1] and e > span[0]) else min(abs(o - span[1]), abs(span[0] - e))

    # A mention inside the content is never the speaker/cue unless nothing else exists.
    outside = [o for o in occ if not (o >= span[0] and o + len(needle) <= span[1])] or occ
    s = min(outside, key=dist)
    return (s, s + len(needle))


def resolve(draft: dict, text: str) -> tuple[dict, list[str]]:
    """The gold record of a draft, and its problems (empty when it is exact and valid)."""
    problems: list[str] = []
    rid = draft.get("id", "?")

    def bad(msg: str) -> None:
        problems.append(f"{rid}: {msg}")

    def place(item: dict, where: str) -> None:
        """Give ``item`` the span of its ``text`` (near its ``at`` hint), or report why not."""
        span = pick(text, item.get("text") or "", item.pop("at", None))
        if isinstance(span, str):
            bad(f"{where}: {span}")
        else:
            item["span"] = list(span)

    out = {k: v for k, v in draft.items() if k not in ("quotes", "events", "negated_or_hedged", "descriptors")}
    quotes = []
    for i, q in enumerate(draft.get("quotes", [])):
        q = dict(q)
        where = f"quote {i}"
        if q.get("type") not in QUOTE_KINDS:
            bad(f"{where}: type {q.get('type')!r} not in {sorted(QUOTE_KINDS)}")
        content = q.get("content") or ""
        if content != content.strip():
            bad(f"{where}: content has blank edges")
        span = pick(text, content, q.pop("at", None))
        if isinstance(span, str):
            bad(f"{where}: content {span}")
            quotes.append(q)
            continue
        q["content_span"] = list(span)
        for key in ("speaker", "cue"):
            hint = q.pop(f"{key}_at", None)
            if q.get(key):
                # an offset hint wins: a cue inside the content ("X, officials said, spilled")
                s = pick(text, q[key], hint, words=True) if hint is not None else nearest_to_span(text, q[key], span)
                if isinstance(s, str):
                    bad(f"{where}: {key} {s}")
                else:
                    q[f"{key}_span"] = list(s)
        if q.get("speaker") and not q.get("speaker_canonical"):
            bad(f"{where}: speaker without speaker_canonical")
        quotes.append(q)
    events = []
    for i, e in enumerate(draft.get("events", [])):
        e = dict(e)
        where = f"event {i}"
        if e.get("type") not in PLOVER:
            bad(f"{where}: type {e.get('type')!r} is not PLOVER")
        for side in ("actor", "recipient"):
            parties = e.setdefault(side, [])
            if not isinstance(parties, list):
                bad(f"{where}: {side} must be a list")
                continue
            for p in parties:
                if not p.get("text"):
                    bad(f"{where}: {side} without text")
                if p.get("code") and not CODE_RE.match(p["code"]):
                    bad(f"{where}: {side} code {p['code']!r} is not ISO3/IGO/NGO")
                if p.get("sector") and p["sector"] not in SECTORS:
                    bad(f"{where}: {side} sector {p['sector']!r} unknown")
        if not e["actor"]:
            bad(f"{where}: no actor")
        if e.get("evidence"):
            span = pick(text, e["evidence"], e.pop("at", None))
            if isinstance(span, str):
                bad(f"{where}: evidence {span}")
            else:
                e["evidence_span"] = list(span)
        else:
            bad(f"{where}: no evidence")
        if e.get("date") and not DATE_RE.match(str(e["date"])):
            bad(f"{where}: date {e['date']!r} not YYYY[-MM[-DD]]")
        si = e.get("said_in")
        if si is not None and not (isinstance(si, int) and 0 <= si < len(quotes)):
            bad(f"{where}: said_in {si!r} is not a quote index")
        e.setdefault("historical", False)
        e.setdefault("from_caption", False)
        events.append(e)
    nons = []
    for i, n in enumerate(draft.get("negated_or_hedged", [])):
        n = dict(n)
        if n.get("kind") not in NON_EVENT_KINDS:
            bad(f"non-event {i}: kind {n.get('kind')!r} not in {sorted(NON_EVENT_KINDS)}")
        place(n, f"non-event {i}")
        nons.append(n)
    names = {a.get("name") for a in draft.get("actors", [])}
    for i, a in enumerate(draft.get("actors", [])):
        if a.get("kind") not in ACTOR_KINDS:
            bad(f"actor {i} ({a.get('name')}): kind {a.get('kind')!r} not in {sorted(ACTOR_KINDS)}")
        if a.get("country") and not CODE_RE.match(a["country"]):
            bad(f"actor {i} ({a.get('name')}): country {a['country']!r} is not ISO3/IGO/NGO")
        for m in a.get("mentions", []):
            if not occurrences(text, m):
                bad(f"actor {i} ({a.get('name')}): mention not in text: {m!r}")
    descs = []
    for i, d in enumerate(draft.get("descriptors", [])):
        d = dict(d)
        if d.get("actor") not in names:
            bad(f"descriptor {i}: actor {d.get('actor')!r} is not in actors")
        place(d, f"descriptor {i}")
        descs.append(d)
    # one content may be the statement of two speakers ("aides denied it, as did Bolton"), never twice of one
    seen: Counter = Counter((tuple(q.get("content_span", ())), q.get("speaker_canonical")) for q in quotes)
    for (span, who), n in seen.items():
        if span and n > 1:
            bad(f"quote content at {list(span)} annotated {n} times for {who!r}")
    out.update(quotes=quotes, events=events, negated_or_hedged=nons, descriptors=descs)
    return out, problems


def gold_record(draft: dict, source: dict) -> tuple[dict, list[str]]:
    rec, problems = resolve(draft, source["text"])
    ordered = {"id": source["id"], "text": source["text"],
               "metadata": {"date": source.get("date"), "outlet": "Wikinews", "title": source.get("title"),
                            "url": source.get("url")}}
    ordered.update({k: v for k, v in rec.items() if k not in ("id", "text", "metadata")})
    return ordered, problems


def resolve_files(paths: list[str]) -> tuple[list[dict], list[str]]:
    docs = corpus()
    bad_ids = excluded_ids()
    out: dict[str, dict] = {}
    problems: list[str] = []
    for path in paths:
        for d in load_jsonl(path):
            rid = d.get("id")
            if rid not in docs:
                problems.append(f"{path}: id {rid!r} is not in the corpus")
                continue
            if rid in bad_ids:
                problems.append(f"{path}: {rid} must not be annotated: {bad_ids[rid]}")
                continue
            if rid in out:
                problems.append(f"{path}: {rid} already annotated in an earlier batch")
                continue
            rec, p = gold_record(d, docs[rid])
            problems += [f"{path}: {x}" for x in p]
            out[rid] = rec
    return [out[k] for k in sorted(out)], problems


# ---------------------------------------------------------------- commands

def cmd_show(args: argparse.Namespace) -> int:
    docs = corpus()
    for rid in args.ids:
        r = docs[rid]
        print(f"=== {rid}  {r.get('date')}  {r.get('title')}  ({len(r['text'])} chars)")
        text = r["text"]
        pos = 0
        for para in text.split("\n\n"):
            start = text.index(para, pos) if para else pos
            # sentence-ish starts inside the paragraph, so offsets can be read off directly
            marks = [start] + [start + m.end() for m in re.finditer(r"[.!?][\"”’']?\s+(?=[A-Z\"“])", para)]
            pieces = []
            for a, b in zip(marks, marks[1:] + [start + len(para)]):
                pieces.append(f"[{a}]{text[a:b]}")
            print("".join(pieces))
            print()
            pos = start + len(para)
    return 0


def cmd_find(args: argparse.Namespace) -> int:
    text = corpus()[args.id]["text"]
    occ = occurrences(text, args.string)
    for o in occ:
        print(o, o + len(args.string), repr(text[max(0, o - 40):o + len(args.string) + 40]))
    return 0 if occ else 1


def draft_from_record(rec: dict) -> dict:
    """Today's extractor output in the draft layout, for an annotator to correct."""
    actors = {a["id"]: a for a in rec.get("actors", [])}

    def party(ref: str) -> dict:
        a = actors.get(ref, {})
        return {"text": a.get("name", ref), "code": a.get("country"), "sector": a.get("sector")}

    text = rec["text"]

    def exact(item: dict, key: str) -> str | None:
        # a split quote's content joins its fragments: the draft takes the whole span instead
        if item.get("start") is not None and item.get("end") is not None:
            return text[item["start"]:item["end"]].strip()
        return item.get(key)

    qidx = {q["id"]: i for i, q in enumerate(rec.get("quotes", []))}
    quotes = [{"content": exact(q, "content"), "type": q.get("kind"), "speaker": q.get("speaker_text"),
               "speaker_canonical": actors.get(q.get("speaker"), {}).get("name"), "cue": q.get("cue"),
               "at": q.get("start")} for q in rec.get("quotes", [])]
    events = [{"type": e["type"], "mode": e.get("mode"), "actor": [party(x) for x in e.get("source", [])],
               "recipient": [party(x) for x in e.get("target", [])], "evidence": exact(e, "evidence"),
               "at": e.get("start"), "date": e.get("date"), "from_caption": e.get("from_caption", False),
               "historical": e.get("historical", False), "said_in": qidx.get(e.get("said_in"))}
              for e in rec.get("events", [])]
    nons = [{"text": exact(n, "evidence"), "kind": n.get("reason"), "at": n.get("start")}
            for n in rec.get("non_events", [])
            # The extractor also lists acts its filters set aside ("low confidence", "no party"):
            # those reasons are not the guideline's kinds, and an annotator would have to delete them.
            if n.get("reason") in NON_EVENT_KINDS]
    acts = [{"name": a["name"], "kind": a.get("kind"), "country": a.get("country"), "sector": a.get("sector"),
             "role": a.get("role"), "mentions": sorted({m["text"] for m in a.get("mentions", [])})}
            for a in rec.get("actors", [])]
    descs = [{"actor": actors.get(d.get("actor"), {}).get("name"), "text": d["text"], "at": d.get("start")}
             for d in rec.get("descriptors", [])]
    return {"id": rec["id"], "prefilled": True, "quotes": quotes, "events": events, "negated_or_hedged": nons,
            "actors": acts, "descriptors": descs}


def cmd_prefill(args: argparse.Namespace) -> int:
    docs = corpus()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for rid in args.ids:
            r = docs[rid]
            tmp.write(json.dumps({"id": rid, "text": r["text"], "title": r.get("title"), "date": r.get("date"),
                                  "outlet": "Wikinews"}, ensure_ascii=False) + "\n")
    ng = ROOT / ".venv" / "bin" / "newsgraph"
    out = subprocess.run([str(ng), "extract", tmp.name, "--format", "jsonl"], capture_output=True, text=True,
                         check=True)
    with open(args.output, "w", encoding="utf-8") as f:
        for line in out.stdout.splitlines():
            if line.strip():
                f.write(json.dumps(draft_from_record(json.loads(line)), ensure_ascii=False) + "\n")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    recs, problems = resolve_files(args.drafts)
    for p in problems:
        print(p)
    print(f"{len(recs)} articles, {sum(len(r['quotes']) for r in recs)} statements, "
          f"{sum(len(r['events']) for r in recs)} events, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


def cmd_resolve(args: argparse.Namespace) -> int:
    recs, problems = resolve_files(args.drafts)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    with open(args.output, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    print(f"wrote {len(recs)} articles to {args.output}", file=sys.stderr)
    return 0


def cmd_agree(args: argparse.Namespace) -> int:
    """Score pass B against pass A on the articles both annotated, with the shared scorer."""
    a = {r["id"]: r for r in load_jsonl(args.a)}
    b = {r["id"]: r for r in load_jsonl(args.b)}
    common = sorted(set(a) & set(b))
    with tempfile.TemporaryDirectory() as tmp:
        ga, pb = Path(tmp, "a.jsonl"), Path(tmp, "b.pred.jsonl")
        ga.write_text("".join(json.dumps(a[i], ensure_ascii=False) + "\n" for i in common))
        bb = Path(tmp, "b.jsonl")
        bb.write_text("".join(json.dumps(b[i], ensure_ascii=False) + "\n" for i in common))
        conv = subprocess.run([sys.executable, str(SHARED / "eval" / "gold_as_pred.py"), str(bb)],
                              capture_output=True, text=True, check=True)
        pb.write_text(conv.stdout)
        res = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(ga), str(pb), "--json"],
                             capture_output=True, text=True, check=True)
    r = json.loads(res.stdout)
    r["articles"] = len(common)
    print(json.dumps(r, indent=1))
    return 0


def _overlap(a: list[int] | None, b: list[int] | None) -> int:
    if not a or not b:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def cmd_diff(args: argparse.Namespace) -> int:
    """The statements and events one pass has and the other lacks, article by article:
    the material for settling disagreements."""
    a = {r["id"]: r for r in load_jsonl(args.a)}
    b = {r["id"]: r for r in load_jsonl(args.b)}
    for rid in sorted(set(a) & set(b)):
        lines = []
        qa, qb = a[rid].get("quotes", []), b[rid].get("quotes", [])
        for name, mine, other in (("A", qa, qb), ("B", qb, qa)):
            for q in mine:
                span = q.get("content_span")
                best = max(other, key=lambda o: _overlap(span, o.get("content_span")), default=None)
                ov = _overlap(span, best.get("content_span")) if best else 0
                if not span or not best or ov < 0.3 * (span[1] - span[0]):
                    lines.append(f"  quote only in {name}: [{q.get('type')}] {q.get('speaker_canonical')!r} "
                                 f"{q.get('cue')!r}: {q['content'][:120]!r}")
                elif name == "A" and (best.get("speaker_canonical") or "").split()[-1:] != \
                        (q.get("speaker_canonical") or "").split()[-1:]:
                    lines.append(f"  speaker differs: A {q.get('speaker_canonical')!r} / B "
                                 f"{best.get('speaker_canonical')!r}: {q['content'][:80]!r}")
        ea, eb = a[rid].get("events", []), b[rid].get("events", [])
        for name, mine, other in (("A", ea, eb), ("B", eb, ea)):
            for e in mine:
                same = [o for o in other if _overlap(e.get("evidence_span"), o.get("evidence_span"))]
                if not any(o["type"] == e["type"] for o in same):
                    alt = ", ".join(sorted({o["type"] for o in same})) or "nothing"
                    who = lambda side: "+".join(p.get("text", "") for p in e.get(side, []))
                    lines.append(f"  event only in {name}: {e['type']} {who('actor')} -> {who('recipient')}: "
                                 f"{e.get('evidence', '')[:100]!r} (other pass: {alt})")
        if lines:
            print(f"== {rid}")
            print("\n".join(lines))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    recs = load_jsonl(args.file)
    kinds = Counter(q.get("type") for r in recs for q in r.get("quotes", []))
    types = Counter(e.get("type") for r in recs for e in r.get("events", []))
    nons = Counter(n.get("kind") for r in recs for n in r.get("negated_or_hedged", []))
    print(json.dumps({"articles": len(recs), "statements": sum(kinds.values()), "statements_by_kind": kinds,
                      "events": sum(types.values()), "events_by_type": dict(types.most_common()),
                      "non_events": sum(nons.values()), "non_events_by_kind": nons,
                      "actors": sum(len(r.get("actors", [])) for r in recs),
                      "descriptors": sum(len(r.get("descriptors", [])) for r in recs)}, indent=1))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("show")
    p.add_argument("ids", nargs="+")
    p = sub.add_parser("find")
    p.add_argument("id")
    p.add_argument("string")
    p = sub.add_parser("prefill")
    p.add_argument("ids", nargs="+")
    p.add_argument("-o", "--output", required=True)
    p = sub.add_parser("check")
    p.add_argument("drafts", nargs="+")
    for name in ("resolve", "merge"):
        p = sub.add_parser(name)
        p.add_argument("drafts", nargs="+")
        p.add_argument("-o", "--output", required=True)
    p = sub.add_parser("agree")
    p.add_argument("a")
    p.add_argument("b")
    p = sub.add_parser("diff")
    p.add_argument("a")
    p.add_argument("b")
    p = sub.add_parser("stats")
    p.add_argument("file")
    args = ap.parse_args(argv)
    return {"show": cmd_show, "find": cmd_find, "prefill": cmd_prefill, "check": cmd_check,
            "resolve": cmd_resolve, "merge": cmd_resolve, "agree": cmd_agree, "diff": cmd_diff, "stats": cmd_stats}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
