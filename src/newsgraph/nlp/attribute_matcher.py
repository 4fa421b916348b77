"""A faster matcher for the patterns of spaCy's ``attribute_ruler`` (issues 14 and 15).

en_core_web_sm's attribute_ruler gives each token its coarse part of speech, morphology
and a few lemmas from its fine tag, its word and its dependency: 179 patterns of one or
two tokens, which spaCy's Matcher tries at every token of the article. That Matcher was
a tenth of the parse's CPU (0.9 of 8.1 CPU-s on 100 corpus articles) for what is mostly a
lookup: nearly every pattern names an exact tag or word. This matcher indexes the
patterns by such a value, so at each token it tries only the few patterns that can match
there, and returns exactly the list ``AttributeRuler.match`` returns (rule number, rule
key, start, end; sorted). The ruler then sets the attributes from that list as before:
every token's tag, part of speech, morphology, lemma and dependency come out the same.

Only the pattern language the shipped model uses is read: token attributes TAG, LOWER,
ORTH, DEP and IS_SPACE, with a value, ``IN``, ``NOT_IN`` or ``REGEX``, one token per
pattern item (no ``OP``). A ruler with any other pattern keeps spaCy's own matcher
(``attribute_matcher`` gives None), so a new model can only be slower, never different.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
from spacy.tokens import Doc

# the columns of Doc.to_array this matcher reads, in this order
_COLUMNS = {"TAG": TAG, "LOWER": LOWER, "ORTH": ORTH, "DEP": DEP, "IS_SPACE": IS_SPACE}
_ORDER = tuple(_COLUMNS)
# which predicate a pattern is indexed by: the rarest kind first (a word is rarer than a tag)
_SELECTIVE = {"LOWER": 0, "ORTH": 0, "TAG": 2, "DEP": 3, "IS_SPACE": 5}

Check = tuple[int, str, Any]  # (column, "eq" | "in" | "not_in" | "regex", value)
Match = tuple[int, int, int, int]  # (rule number, rule key, start, end), as AttributeRuler.match


class _Unsupported(Exception):
    """A pattern this matcher does not read: the ruler keeps spaCy's matcher."""


def _check(attr: str, value: Any, strings) -> Check:
    if attr not in _COLUMNS:
        raise _Unsupported(attr)
    col = _ORDER.index(attr)
    if attr == "IS_SPACE":
        if not isinstance(value, bool):
            raise _Unsupported(f"{attr}={value!r}")
        return col, "eq", int(value)
    if isinstance(value, str):
        return col, "eq", strings.add(value)
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
            return col, op.lower(), frozenset(strings.add(v) for v in arg)
        if op == "REGEX" and isinstance(arg, str):
            # the compiled expression, and its verdict per string seen (an article repeats its words)
            return col, "regex", (re.compile(arg), {})
    raise _Unsupported(f"{attr}={value!r}")


class AttributeMatcher:
    """The patterns of one AttributeRuler, indexed by an exact value each must see."""

    def __init__(self, ruler: Any) -> None:
        self.strings = ruler.vocab.strings
        # column -> value hash -> [(offset of that token in the pattern, rule, token checks)]
        self.index: dict[int, dict[int, list[tuple[int, int, int, list[list[Check]]]]]] = {}
        self.general: list[tuple[int, int, list[list[Check]]]] = []  # patterns with no exact value
        for number in range(len(ruler.attrs)):
            key = self.strings.add(str(number))
            for pattern in ruler.matcher.get(key)[1]:
                tokens = []
                for spec in pattern:
                    if not isinstance(spec, dict) or not spec:
                        raise _Unsupported(repr(spec))
                    tokens.append([_check(a, v, self.strings) for a, v in spec.items()])
                self._add(number, key, tokens)

    def _add(self, number: int, key: int, tokens: list[list[Check]]) -> None:
        best: tuple[int, int, Check] | None = None
        for offset, checks in enumerate(tokens):
            for check in checks:
                col, kind, _ = check
                if kind not in ("eq", "in") or _ORDER[col] == "IS_SPACE" and check[2] == 0:
                    continue
                rank = _SELECTIVE[_ORDER[col]] + (kind == "in")
                if best is None or rank < best[0]:
                    best = (rank, offset, check)
        if best is None:
            self.general.append((number, key, tokens))
            return
        _, offset, (col, kind, value) = best
        for v in (value,) if kind == "eq" else value:
            self.index.setdefault(col, {}).setdefault(v, []).append((offset, number, key, tokens))

    def _matches(self, rows: list[tuple[int, ...]], start: int, tokens: list[list[Check]], strings) -> bool:
        if start < 0 or start + len(tokens) > len(rows):
            return False
        for k, checks in enumerate(tokens):
            row = rows[start + k]
            for col, kind, value in checks:
                got = row[col]
                if kind == "eq":
                    if got != value:
                        return False
                elif kind == "in":
                    if got not in value:
                        return False
                elif kind == "not_in":
                    if got in value:
                        return False
                else:
                    regex, seen = value
                    hit = seen.get(got)
                    if hit is None:
                        hit = seen[got] = regex.search(strings[got]) is not None
                    if not hit:
                        return False
        return True

    def __call__(self, doc: Doc) -> list[Match]:
        rows = [tuple(r) for r in doc.to_array([_COLUMNS[c] for c in _ORDER]).tolist()]
        found: set[Match] = set()
        columns = list(self.index.items())
        general = self.general
        matches = self._matches
        strings = doc.vocab.strings  # a regular expression reads the word itself
        for i, row in enumerate(rows):
            for col, by_value in columns:
                hits = by_value.get(row[col])
                if hits is None:
                    continue
                for offset, number, key, tokens in hits:
                    # a pattern of one token with one check (the tag map) matched on its index value
                    if len(tokens) == 1 and len(tokens[0]) == 1 or matches(rows, i - offset, tokens, strings):
                        found.add((number, key, i - offset, i - offset + len(tokens)))
            for number, key, tokens in general:
                if matches(rows, i, tokens, strings):
                    found.add((number, key, i, i + len(tokens)))
        return sorted(found)


def attribute_matcher(ruler: Any) -> Callable[[Doc], list[Match]] | None:
    """The fast ``match`` for this ruler, or None when its patterns need spaCy's matcher."""
    try:
        return AttributeMatcher(ruler)
    except _Unsupported:
        return None
