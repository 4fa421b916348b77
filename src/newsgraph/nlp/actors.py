"""Actors: every mention in an article resolved to a canonical actor.

``ActorIndex`` is the contract the quote and event stages use: they ask which actor
a span refers to, and may add actors they discover (an unnamed source, say).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from newsgraph.model import Actor, Article, Descriptor, Mention

PRONOUNS = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "it", "its"}


def slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


class ActorIndex:
    """The actors of one article and the spans that mention them."""

    def __init__(self, article: Article, doc: Doc) -> None:
        self.article = article
        self.doc = doc
        self.actors: dict[str, Actor] = {}
        self.descriptors: list[Descriptor] = []

    # -- building -------------------------------------------------------------
    def add(self, actor: Actor) -> Actor:
        have = self.actors.get(actor.id)
        if have is None:
            self.actors[actor.id] = actor
            return actor
        for m in actor.mentions:
            have.add_mention(m)
        return have

    def add_mention(self, actor_id: str, text: str, start: int, end: int, kind: str = "name") -> None:
        self.actors[actor_id].add_mention(Mention(text, start, end, kind))  # type: ignore[arg-type]

    def add_unnamed(self, text: str, start: int, end: int) -> Actor:
        """An unnamed source (``analysts``, ``a senior official``) kept as its phrase."""
        phrase = re.sub(r"^(?:the|a|an|some|several|many|other|two|three)\s+", "", text.strip(), flags=re.I)
        actor = Actor(id=f"unnamed:{slug(phrase) or 'source'}", name=phrase or text, kind="unnamed")
        actor = self.add(actor)
        actor.add_mention(Mention(text, start, end, "description"))
        return actor

    # -- lookup ---------------------------------------------------------------
    def at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end), preferring the tightest fit."""
        best: tuple[int, Actor] | None = None
        for a in self.actors.values():
            for m in a.mentions:
                ov = min(end, m.end) - max(start, m.start)
                if ov > 0:
                    waste = (m.end - m.start) + (end - start) - 2 * ov
                    if best is None or waste < best[0]:
                        best = (waste, a)
        return best[1] if best else None

    def for_token(self, tok: Token) -> Actor | None:
        return self.at(tok.idx, tok.idx + len(tok.text))

    def for_span(self, span: Span) -> Actor | None:
        return self.at(span.start_char, span.end_char)

    def __iter__(self) -> Iterable[Actor]:
        return iter(self.actors.values())


ENT_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}


def resolve_actors(doc: Doc, article: Article) -> ActorIndex:
    """Baseline: named entities grouped by name; short forms (``Putin``) joined to the
    full name (``Vladimir Putin``) seen in the same article."""
    index = ActorIndex(article, doc)
    people: dict[str, str] = {}  # surname -> actor id
    for ent in doc.ents:
        kind = ENT_KIND.get(ent.label_)
        if kind is None or not article.is_story(ent.start_char):
            continue
        name = ent.text.strip()
        if kind == "person":
            toks = name.split()
            last = toks[-1]
            aid = people.get(last) if len(toks) == 1 else None
            if aid is None:
                aid = f"person:{slug(name)}"
                if len(toks) > 1:
                    people.setdefault(last, aid)
            index.add(Actor(id=aid, name=name, kind="person"))
            index.add_mention(aid, ent.text, ent.start_char, ent.end_char, "short" if len(toks) == 1 else "name")
        else:
            aid = f"{kind}:{slug(name)}"
            index.add(Actor(id=aid, name=name, kind=kind))  # type: ignore[arg-type]
            index.add_mention(aid, ent.text, ent.start_char, ent.end_char)
    return index
