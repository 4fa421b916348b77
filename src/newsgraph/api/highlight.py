"""Article text with its extractions marked, built from offsets on the server.

Spans may nest (a speaker mention inside a quote's sentence) or cross (an event's
evidence that starts inside a quote and ends after it). HTML elements can only nest,
so the text is walked boundary by boundary with a stack of open spans: at each
boundary the spans that end are closed, any span opened after them is closed too and
reopened right away as a continuation piece, then the spans that start are opened,
longest first. Every span keeps its whole extent; a crossing span just becomes two
or more elements sharing one ``data-ref``, and only the first piece carries the
``id`` the side list links to.

Every piece of article text and every attribute value goes through ``escape``: the
result is ``Markup`` only because of that.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

# When two spans cover exactly the same characters the one ranked first is outside.
KIND_RANK = {"caption": 0, "quote": 1, "event": 2, "descriptor": 3, "speaker": 4, "mention": 5, "cue": 6}
MAX_SPANS = 20_000


def _valid(spans: Iterable[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    out = []
    for s in spans:
        a, b = s.get("start"), s.get("end")
        if not isinstance(a, int) or not isinstance(b, int) or isinstance(a, bool) or isinstance(b, bool):
            continue
        a, b = max(0, a), min(n, b)
        if a < b:
            out.append({**s, "start": a, "end": b})
        if len(out) >= MAX_SPANS:
            break
    return out


def segments(text: str, spans: Iterable[dict[str, Any]]) -> list[Any]:
    """The text as a tree: a list of strings and ``{"span": span, "first": bool,
    "children": [...]}`` nodes. Pure data, so tests can check the nesting directly."""
    spans = sorted(_valid(spans, len(text)),
                   key=lambda s: (s["start"], -s["end"], KIND_RANK.get(s.get("kind"), 9)))
    bounds = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    root: dict[str, Any] = {"children": []}
    stack: list[dict[str, Any]] = [root]
    seen: set[int] = set()
    i = 0  # next span to open
    pos = 0
    for b in bounds:
        if b > pos:
            stack[-1]["children"].append(text[pos:b])
            pos = b
        ending = [k for k, node in enumerate(stack) if k and node["span"]["end"] <= b]
        if ending:
            lowest = ending[0]
            reopen = [node for node in stack[lowest:] if node["span"]["end"] > b]
            del stack[lowest:]
            for node in reopen:
                piece = {"span": node["span"], "first": False, "children": []}
                stack[-1]["children"].append(piece)
                stack.append(piece)
        while i < len(spans) and spans[i]["start"] == b:
            s = spans[i]
            first = id(s) not in seen
            seen.add(id(s))
            node = {"span": s, "first": first, "children": []}
            stack[-1]["children"].append(node)
            stack.append(node)
            i += 1
    return _prune(root["children"])


def _prune(children: list[Any]) -> list[Any]:
    # A continuation piece that ends up empty (a span reopened at its own end) is dropped.
    out = []
    for c in children:
        if isinstance(c, str):
            out.append(c)
        else:
            c["children"] = _prune(c["children"])
            if c["children"]:
                out.append(c)
    return out


def _attrs(span: dict[str, Any], first: bool) -> str:
    kind = str(span.get("kind") or "span")
    parts = [f'class="hl hl-{escape(kind)}"', f'data-kind="{escape(kind)}"']
    ref = span.get("ref")
    if ref:
        parts.append(f'data-ref="{escape(ref)}"')
        if first and span.get("anchor"):
            parts.append(f'id="{escape(span["anchor"])}"')
    if span.get("label"):
        parts.append(f'title="{escape(span["label"])}"')
    if span.get("stance"):
        parts.append(f'data-stance="{escape(span["stance"])}"')
    return " ".join(parts)


def render(tree: list[Any]) -> Markup:
    """HTML for a tree from ``segments``; iterative so deep nesting cannot blow the stack."""
    out: list[str] = []
    work: list[Any] = list(reversed(tree))
    while work:
        item = work.pop()
        if isinstance(item, Markup):  # a closing tag we pushed (Markup is a str: test it first)
            out.append(str(item))
        elif isinstance(item, str):
            out.append(str(escape(item)))
        else:
            out.append(f"<span {_attrs(item['span'], item['first'])}>")
            work.append(Markup("</span>"))
            work.extend(reversed(item["children"]))
    return Markup("".join(out))


def highlight(text: str, spans: Iterable[dict[str, Any]]) -> Markup:
    return render(segments(text, spans))
