"""Quotation marks: every stretch of text between them, in every style.

A pure text pass (no parse): straight, curly, guillemet, low-high and typewriter
(````…''``) marks, single quotes told apart from apostrophes and plural possessives, and
quotations that run over several paragraphs (a paragraph that opens a quote and does not
close it continues into the next one when that one opens with a mark too).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

DOUBLE_OPEN = {'"': '"', "“": "”", "„": "“", "«": "»", "”": "”"}
DOUBLE_CLOSE = frozenset('"”“»')
SINGLE_OPEN = frozenset("‘'‚")
SINGLE_CLOSE = frozenset("’'")
ALL_MARKS = "\"'“”‘’«»„‚"
OPEN_BEFORE = frozenset(" \t\n([{—–-/:;,")
WORD = re.compile(r"\w+")
LINE = re.compile(r"[^\n]+")
DASH_SIGN = re.compile(r"[ \u00a0\u2009]*([―—–]|--?)[ \u00a0\u2009]*")
LABEL_LINE = re.compile(r"(?m)^[ \t\"“]*([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}):[ \t]+(\S[^\n]{10,})$")
MARK_RE = re.compile("''|``|[\"'“”‘’«»„‚]")


@dataclass
class Marked:
    """A stretch of text between quotation marks (possibly over paragraphs)."""

    open: int  # index of the opening mark
    close: int  # index of the closing mark, or the end of the last paragraph
    start: int  # content start
    end: int  # content end
    pieces: list[list[int]] = field(default_factory=list)
    closed: bool = True
    single: bool = False
    words: int = 0
    direct: bool = False  # long enough / clausal: a direct quote candidate
    title: bool = False


def is_mark(s: str) -> bool:
    return bool(s) and all(ch in ALL_MARKS or ch == "`" for ch in s)


def _is_alnum(ch: str) -> bool:
    return ch.isalnum()


def _only_closes(prev: str) -> bool:
    """A straight or closing mark right after ``prev`` cannot open a quotation: ``prev`` is
    a word's last character, or a comma or semicolon (``it," said X``: after a comma an
    opening mark has its first word right after it, which the callers check)."""
    return prev not in OPEN_BEFORE or prev in ",;"


def _later_single_close(text: str, k: int, pe: int) -> bool:
    """Another closing single mark later in the paragraph that is not a plural
    possessive (``the farmers’ bill``): then this one is the possessive."""
    while True:
        j = min((x for x in (text.find("’", k, pe), text.find("'", k, pe)) if x >= 0), default=-1)
        if j < 0:
            return False
        nxt = text[j + 1] if j + 1 < len(text) else " "
        if not _is_alnum(nxt) and not text[j - 1].isspace() and not (text[j - 1] in "sS" and nxt == " "):
            return True
        k = j + 1


def scan_marks(text: str) -> list[Marked]:
    """Every top-level quotation in ``text``. A paragraph that opens a quote and
    does not close it continues into the next paragraph when that one opens with
    a quotation mark too; otherwise the quote ends with its paragraph."""
    out: list[Marked] = []
    carry: Marked | None = None
    carry_style = ""
    n = len(text)
    for m in LINE.finditer(text):
        ps, pe = m.start(), m.end()
        while ps < pe and text[ps].isspace():
            ps += 1
        while pe > ps and text[pe - 1].isspace():
            pe -= 1
        if ps >= pe:
            continue
        cur: Marked | None = None
        style = ""
        k = ps
        if carry is not None:
            w0 = 2 if text[ps:ps + 2] in ("''", "``") else 1
            if text[ps] in DOUBLE_OPEN or text[ps] in "“«" or w0 == 2:
                cur, style = carry, carry_style
                cur.pieces.append([ps + w0, ps + w0])
                k = ps + w0
            else:
                carry.closed = False
                out.append(carry)
            carry = None
        single: tuple[int, str] | None = None  # an open single quote at top level
        while k < pe:
            mm = MARK_RE.search(text, k, pe)
            if mm is None:
                break
            k = mm.start()
            c = text[k]
            w = 1
            if c in "'`" and text[k + 1:k + 2] == c:
                # typewriter double quotes: ``…'' or ''…''
                c, w = '"', 2
            prev = text[k - 1] if k > 0 else " "
            nxt = text[k + w] if k + w < n else " "
            if cur is None and single is None:
                if c in DOUBLE_OPEN and c != "”" or (c == "”" and prev in OPEN_BEFORE and _is_alnum(nxt)):
                    if c == '"' and prev not in "‘'" and _only_closes(prev) and nxt in " \n.,;:)":
                        # a stray closing mark ('it," said X', whose opening mark was lost):
                        # after a comma an opening mark has its first word right after it
                        k += w
                        continue
                    cur = Marked(k, -1, k + w, -1, pieces=[[k + w, k + w]])
                    style = c
                elif c in SINGLE_OPEN and (prev in OPEN_BEFORE or prev in "\"“") and (_is_alnum(nxt) or nxt in "…."):
                    single = (k, c)
            elif cur is not None:
                if c in DOUBLE_CLOSE and (c != "“" or style == "„" or not _is_alnum(nxt)):
                    if c == '"' and style != '"' and _is_alnum(prev) is False and _is_alnum(nxt):
                        k += w
                        continue
                    if c == "“" and style not in ("„",) and _is_alnum(nxt):
                        k += 1
                        continue
                    cur.close = k
                    cur.end = k
                    cur.pieces[-1][1] = k
                    out.append(cur)
                    cur = None
            elif single is not None:
                if c in SINGLE_CLOSE and not prev.isspace() and not _is_alnum(nxt) \
                        and not (prev in "sS" and nxt == " " and _later_single_close(text, k + 1, pe)):
                    sm = Marked(single[0], k, single[0] + 1, k, pieces=[[single[0] + 1, k]], single=True)
                    out.append(sm)
                    single = None
                elif c in DOUBLE_OPEN and c != "”" and prev in OPEN_BEFORE:
                    single = None
                    continue
            k += w
        if cur is not None:
            cur.pieces[-1][1] = pe
            cur.close = pe
            cur.end = pe
            carry, carry_style = cur, style
    if carry is not None:
        carry.closed = False
        out.append(carry)
    for q in out:
        if not q.closed and not q.single:
            _close_later(text, q)
    out.sort(key=lambda q: q.open)
    return out


MAX_BARE_PARAGRAPHS = 3  # how far a quotation may run over paragraphs that lost their marks


def _close_later(text: str, q: Marked) -> None:
    """A quotation whose later paragraphs lost their opening marks (``"A.\n\nB.\n\nC."``:
    the text kept only the first opening and the last closing mark) runs on to the first
    mark after it when that mark can only close a quotation (no space before it, a space
    or a stop after it), over at most a few paragraphs with no mark at all."""
    pieces: list[list[int]] = []
    for m in islice(LINE.finditer(text, q.close), MAX_BARE_PARAGRAPHS):
        ps, pe = m.start(), m.end()
        while ps < pe and text[ps].isspace():
            ps += 1
        if ps >= pe or ps < q.close:
            continue
        mm = MARK_RE.search(text, ps, pe)
        if mm is None:
            pieces.append([ps, pe])
            continue
        k, c = mm.start(), mm.group()
        prev = text[k - 1] if k > 0 else " "
        nxt = text[k + len(c)] if k + len(c) < len(text) else " "
        if c in ('"', "”", "''") and k > ps and _only_closes(prev) and not prev.isspace() \
                and (nxt in " \n.,;:)" or k + len(c) == len(text)):
            q.pieces.extend(pieces + [[ps, k]])
            q.close = q.end = k
            q.closed = True
        return
