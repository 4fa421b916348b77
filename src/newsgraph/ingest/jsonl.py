"""JSONL records: ``text`` required; ``id``, ``title``, ``date``, ``url``,
``author``/``authors``, ``source``/``outlet`` used when present, at the top level or
inside a ``metadata`` object (the layout of newsgraph's own records)."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from newsgraph.dates import normalise_date
from newsgraph.errors import InputError
from newsgraph.ingest.clean import clean, country_code
from newsgraph.ingest.common import check_text, stable_id, within_budget
from newsgraph.model import Article, Metadata, Source
from newsgraph.settings import Settings

_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_unicode(v: Any) -> Any:
    """JSON may escape lone surrogates (``"\\ud800"``), which no later stage can encode:
    each becomes U+FFFD, one character for one, so offsets do not move."""
    if isinstance(v, str):
        return _SURROGATE.sub("\ufffd", v)
    if isinstance(v, dict):
        return {_valid_unicode(k): _valid_unicode(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_valid_unicode(x) for x in v]
    return v


def _str(v: Any) -> str | None:
    return v.strip() if isinstance(v, str) and v.strip() else None


_META_FIELDS = ("title", "date", "authors", "outlet", "outlet_country")


def record_to_article(rec: Any, where: str, settings: Settings, path: str | None) -> Article:
    if not isinstance(rec, dict):
        raise InputError(where, f"a JSONL line must be an object, got {type(rec).__name__}")
    text = rec.get("text")
    if not isinstance(text, str):
        raise InputError(where, "record has no 'text' string")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_text(text, where, settings)
    # newsgraph's own records (and gold files) nest the article's metadata: read them back
    # the same way; a top-level field wins over the nested one.
    nested = rec.get("metadata")
    if isinstance(nested, dict):
        rec = {**{k: v for k, v in nested.items() if k in _META_FIELDS}, **rec}
    authors = rec.get("authors") if "authors" in rec else rec.get("author")
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list):  # a number, an object: no usable authors
        authors = []
    authors = [a.strip() for a in authors if isinstance(a, str) and a.strip()]
    outlet = _str(rec.get("outlet")) or _str(rec.get("source") if isinstance(rec.get("source"), str) else None)
    rid = rec.get("id")
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, (str, int))):
        raise InputError(where, f"record 'id' must be a string or a number, got {type(rid).__name__}")
    meta = Metadata(
        title=_str(rec.get("title")),
        date=normalise_date(_str(rec.get("date"))),
        authors=authors,
        outlet=outlet,
        outlet_country=_str(rec.get("outlet_country")) or (country_code(rec["country"]) if _str(rec.get("country")) else None),
    )
    # Only the fields named here are read: no field names a file to open.
    url = _str(rec.get("url"))
    article = Article(
        id=str(rid) if rid not in (None, "") else stable_id(text),
        text=text,
        source=Source(path=path, url=url, format="jsonl"),
        metadata=meta,
    )
    return clean(article)


_SNIFF_LINES = 5


def read_jsonl_lines(lines: Iterator[bytes], name: str, settings: Settings,
                     path: str | None) -> Iterator[Article | InputError]:
    # Until one line parses, malformed lines are held back: a file whose first lines are
    # all malformed is not JSONL (a pretty-printed .json, say) and gets one error, not one
    # per line.
    held: list[InputError] | None = []
    for n, raw in enumerate(lines, 1):
        where = f"{name}:{n}"
        if not raw.strip():
            continue
        if len(raw) > settings.max_file_bytes:
            yield InputError(where, f"line is {len(raw):,} bytes, over the limit of {settings.max_file_bytes:,}")
            continue
        try:
            rec = _valid_unicode(json.loads(raw))
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
            bad = InputError(where, "malformed JSON (nested too deeply)" if isinstance(exc, RecursionError)
                             else f"malformed JSON ({exc.__class__.__name__}: {str(exc)[:80]})")
            if held is None:
                yield bad
                continue
            held.append(bad)
            if len(held) >= _SNIFF_LINES:
                yield InputError(name, f"not JSONL (one JSON object per line): none of the first {len(held)} "
                                       f"lines is JSON ({held[0].reason}); stopped reading this file")
                return
            continue
        if held is not None:
            yield from held
            held = None
        try:
            yield within_budget(lambda: record_to_article(rec, where, settings, path), where, settings)
        except InputError as err:
            yield err
        except (TypeError, ValueError, AttributeError, LookupError, RecursionError) as exc:
            # A field of a type no rule foresaw: this record only, never the whole file.
            yield InputError(where, f"cannot use this record ({exc.__class__.__name__}: {str(exc)[:80]})")
    if held:
        yield from held
