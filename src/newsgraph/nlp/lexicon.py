"""The rules' word lists, read from the data files in ``nlp/data/``.

Every file there is a JSON object of tables, each with an ``about`` line saying what it is
for and where it came from; a table of words is ``{"about", "words": [...]}``. The stage
modules read their tables through ``Lexicon`` so a new word is one line of data.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


@cache
def _tables(filename: str) -> dict[str, Any]:
    # read once per process: several modules take tables from the same file (five from
    # plover_lexicon.json); the tables are read, never written, so they may be shared
    return json.loads((DATA / filename).read_text(encoding="utf-8"))


class Lexicon:
    """One data file of ``nlp/data/``."""

    def __init__(self, filename: str) -> None:
        self.tables: dict[str, Any] = _tables(filename)

    def __getitem__(self, name: str) -> Any:
        return self.tables[name]

    def words(self, name: str) -> frozenset[str]:
        return frozenset(self.tables[name]["words"])
