"""Identifier helpers shared by the knowledge base and the extractor (model layer, so
neither imports the other for them)."""
from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """The id part of a name: accents dropped, lower case, runs of anything else as one
    hyphen (``"Zelenskyy, Volodymyr"`` -> ``"zelenskyy-volodymyr"``)."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return _NON_ALNUM.sub("-", s).strip("-")
