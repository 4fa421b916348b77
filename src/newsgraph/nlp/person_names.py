"""Person names as strings: the short forms of a full name and when two full names are one person.

Pure functions over normalised names (``kb.norm``), so the names pass, the surname
scan and the tests share one definition of "the same person".
"""
from __future__ import annotations

import re

from newsgraph.nlp.actor_words import NAME_PARTICLES, NAME_SUFFIXES

_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash)-")


def core_words(key: str) -> list[str]:
    """The words of a normalised full name without a generational suffix (Jr., III)."""
    words = key.split()
    while len(words) > 2 and words[-1].strip(".") in NAME_SUFFIXES:
        words.pop()
    return words


def short_forms(key: str) -> set[str]:
    """How an article may shorten the normalised full name ``key``: each ending of the
    name after the given name (``rivera schatz``, ``schatz``, ``de la fuente``), a
    middle surname (``rossello`` of ``ricardo rossello nevares``), the surname without
    its Arabic article (``assad`` of ``bashar al-assad``). Particles alone are never one."""
    words = core_words(key)
    if len(words) < 2:
        return set()
    out = {" ".join(words[i:]) for i in range(1, len(words))}
    out |= {w for w in words[1:-1] if len(w) > 2}
    out |= {_ARABIC_ARTICLE.sub("", f) for f in list(out)}
    return {f for f in out if f and f not in NAME_PARTICLES and len(f.strip(".")) > 1}


def same_person(a: str, b: str) -> bool:
    """Two normalised full names of one person: same given name and surname, and the
    middle names agree or one has none (George Bush = George W. Bush, but George H. W.
    Bush is another man); or a given name and first surname against the full name with
    a second surname (Pedro Pierluisi = Pedro R. Pierluisi Urrutia)."""
    x, y = core_words(a), core_words(b)
    if not x or not y:  # a name of particles or symbols only is no one's full name
        return False
    if x[0] != y[0]:
        return False
    if x[-1] == y[-1]:
        return x[1:-1] == y[1:-1] or not x[1:-1] or not y[1:-1]
    # two surnames, the second one dropped: Pedro Pierluisi = Pedro R. Pierluisi Urrutia
    short, long = sorted((x, y), key=len)
    return len(short) == 2 and len(long) >= 3 and short[1] in long[1:-1] and len(short[1]) > 2
