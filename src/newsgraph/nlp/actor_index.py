"""The actors of one article and the spans that mention them: the contract of the actor layer.

The statement and event stages ask ``ActorIndex`` which actor a span refers to and may
add actors they discover (an unnamed source); ``index.coref`` is the article's one
coreference step (``nlp/coref.py``), which they call for pronouns and descriptions.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from newsgraph.model import Actor, Article, Descriptor, Mention
from newsgraph.model.ids import slug
from newsgraph.nlp.coref import Coreference


class ActorIndex:
    """The actors of one article and the spans that mention them."""

    def __init__(self, article: Article, doc: Doc) -> None:
        self.article = article
        self.doc = doc
        self.actors: dict[str, Actor] = {}
        self.descriptors: list[Descriptor] = []
        self.gender: dict[str, str] = {}  # actor id -> "m" | "f"
        self._spans: list[tuple[int, int, str]] | None = None  # sorted (start, end, actor id)
        self.coref: Coreference | None = None  # set by resolve_actors

    # -- building -------------------------------------------------------------
    def add(self, actor: Actor) -> Actor:
        self._spans = None
        have = self.actors.get(actor.id)
        if have is None:
            self.actors[actor.id] = actor
            return actor
        for m in actor.mentions:
            have.add_mention(m)
        return have

    def add_mention(self, actor_id: str, text: str, start: int, end: int, kind: str = "name") -> None:
        self._spans = None
        self.actors[actor_id].add_mention(Mention(text, start, end, kind))  # type: ignore[arg-type]

    def add_unnamed(self, text: str, start: int, end: int) -> Actor:
        """An unnamed source (``analysts``, ``a senior official``) kept as its phrase."""
        phrase = re.sub(r"^(?:the|a|an|some|several|many|other|two|three)\s+", "", text.strip(), flags=re.IGNORECASE)
        # Scoped to the article: "officials" here and "officials" in another story are
        # not the same real actor, so the store must not merge them.
        actor = Actor(id=f"unnamed:{slug(phrase) or 'source'}@{self.article.id}", name=phrase or text,
                      kind="unnamed")
        actor = self.add(actor)
        actor.add_mention(Mention(text, start, end, "description"))
        self._spans = None
        return actor

    def add_descriptor(self, actor_id: str, text: str, start: int, end: int) -> None:
        if not any(d.start == start and d.end == end for d in self.descriptors):
            self.descriptors.append(Descriptor(actor_id, text, start, end))

    # -- lookup ---------------------------------------------------------------
    def _sorted(self) -> list[tuple[int, int, str]]:
        if self._spans is None:
            self._spans = sorted((m.start, m.end, a.id) for a in self.actors.values() for m in a.mentions)
            self._longest = max((e - s for s, e, _ in self._spans), default=0)
        return self._spans

    def at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end), preferring the tightest fit."""
        spans = self._sorted()
        best: tuple[int, str] | None = None
        i = bisect.bisect_left(spans, (start - self._longest, -1, ""))
        while i < len(spans) and spans[i][0] < end:
            s, e, aid = spans[i]
            ov = min(end, e) - max(start, s)
            if ov > 0:
                waste = (e - s) + (end - start) - 2 * ov
                if best is None or waste < best[0]:
                    best = (waste, aid)
            i += 1
        return self.actors[best[1]] if best else None

    def for_token(self, tok: Token) -> Actor | None:
        return self.at(tok.idx, tok.idx + len(tok.text))

    def for_span(self, span: Span) -> Actor | None:
        return self.at(span.start_char, span.end_char)

    def coreference(self) -> Coreference:
        """The article's coreference step: the one ``resolve_actors`` ran, or, for an
        index built by hand, one that applies the antecedent rules to its mentions."""
        if self.coref is None:
            self.coref = Coreference(self)
        return self.coref

    def gender_of(self, actor_id: str) -> str | None:
        """``m``/``f`` when known (KB, first name, title), else None."""
        return self.gender.get(actor_id)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())


