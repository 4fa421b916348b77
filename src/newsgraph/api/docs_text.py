"""The /docs page in words: each API route's parameters described as a reader would
("a whole number from 1 to 100, 20 when not given"), not as raw JSON Schema. Built
from the app's own OpenAPI document, so it cannot drift from the routes."""
from __future__ import annotations

import re
from typing import Any

_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_CHOICES = re.compile(r"^\^\(([A-Z0-9_|]+)\)\$$")
_WHERE = {"path": "in the path", "query": "query string", "header": "header", "cookie": "cookie"}


def _one(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The schema of a value and whether it may be left out (an ``anyOf`` with null)."""
    alts = schema.get("anyOf")
    if alts:
        rest = [a for a in alts if a.get("type") != "null"]
        merged = {**schema, **(rest[0] if rest else {})}
        merged.pop("anyOf", None)
        return merged, len(rest) < len(alts)
    return schema, False


def describe(schema: dict[str, Any]) -> str:
    """A parameter's type and limits in words."""
    s, nullable = _one(schema or {})
    typ = s.get("type")
    parts: list[str] = []
    pattern = s.get("pattern")
    if typ == "integer" or typ == "number":
        noun = "a whole number" if typ == "integer" else "a number"
        lo, hi = s.get("minimum"), s.get("maximum")
        if lo is not None and hi is not None:
            parts.append(f"{noun} from {lo:,} to {hi:,}")
        elif lo is not None:
            parts.append(f"{noun}, at least {lo:,}")
        elif hi is not None:
            parts.append(f"{noun}, at most {hi:,}")
        else:
            parts.append(noun)
    elif typ == "boolean":
        parts.append("true or false")
    elif pattern == _DATE_PATTERN:
        parts.append("a date: YYYY, YYYY-MM or YYYY-MM-DD")
    elif pattern and _CHOICES.match(pattern):
        choices = _CHOICES.match(pattern).group(1).split("|")  # type: ignore[union-attr]
        parts.append("one of " + ", ".join(choices))
    else:
        lo, hi = s.get("minLength"), s.get("maxLength")
        if hi is not None:
            parts.append(f"text of up to {hi:,} characters" + (" (not empty)" if lo else ""))
        else:
            parts.append("text")
    default = s.get("default")
    if default not in (None, ""):
        parts.append(f"{default} when not given")
    elif nullable or default == "":
        parts.append("optional")
    return ", ".join(parts)


def pieces(text: str) -> list[tuple[str, bool]]:
    """Markdown-style ``code`` spans of a description as (text, is_code) pieces, so the
    page shows them as code rather than as backticks (no markup is ever interpreted)."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: plain text
        return [(text, False)] if text else []
    return [(p, i % 2 == 1) for i, p in enumerate(parts) if p]


def operations(openapi: dict[str, Any]) -> list[dict[str, Any]]:
    """Every route of the document, its summary and its parameters in words."""
    out = []
    for path, ops in sorted(openapi.get("paths", {}).items()):
        for method, op in sorted(ops.items()):
            params = []
            for p in op.get("parameters") or []:
                schema = p.get("schema") or {}
                params.append({
                    "name": p.get("name"), "where": _WHERE.get(p.get("in"), p.get("in")),
                    "required": bool(p.get("required")), "what": describe(schema),
                    "description": p.get("description") or schema.get("description") or "",
                })
            out.append({"method": method.upper(), "path": path, "summary": pieces(op.get("summary") or ""),
                        "returns": pieces(op.get("description") or ""), "params": params})
    return out
