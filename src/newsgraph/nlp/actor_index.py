"""The actors of one article and the spans that mention them: the contract of the actor layer.

The statement and event stages ask ``ActorIndex`` which actor a span refers to
(``at``, ``for_token``, ``for_span``) and ``index.coref`` for pronouns and descriptions.
Once the actor stage is done (``seal``), a later stage does not edit the index: it asks
(``ask_unnamed``, ``ask_mention``), the index decides (an unnamed ``Trump`` is the Donald
Trump it already knows) and records the request in ``requests``, so what each stage
added to the actors is kept as evidence. ``add_unnamed`` and ``add_mention`` are the
same requests under their old names.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.model import Actor, Article, Descriptor, Mention
from newsgraph.model.ids import slug
from newsgraph.nlp.coref import Coreference


@dataclass(frozen=True)
class Request:
    """A later stage's request to the sealed index, and what the index made of it."""

    what: str  # "unnamed" | "mention"
    text: str
    start: int
    end: int
    actor: str  # the actor id the span now belongs to
    outcome: str  # "new" (a new unnamed actor), "known" (an actor the index had), "mention"
    stage: str  # the stage that asked ("statements", "events", ...)


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
        self.sealed = False  # set when the actor stage is done; later stages ask
        self.requests: list[Request] = []
        self.stage = "actors"  # the stage now running, set by nlp.components
        self.home_country: str | None = None  # the country the article is about (actor_attributes)

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
        if self.sealed:
            self.ask_mention(actor_id, text, start, end, kind)
            return
        self._spans = None
        self.actors[actor_id].add_mention(Mention(text, start, end, kind))  # type: ignore[arg-type]

    def add_unnamed(self, text: str, start: int, end: int) -> Actor:
        """An unnamed source (``analysts``, ``a senior official``): ``ask_unnamed``."""
        return self.ask_unnamed(text, start, end)

    def seal(self) -> None:
        """The actor stage is done: from now on, additions are requests."""
        self.sealed = True

    # -- requests from the later stages -------------------------------------------
    def ask_unnamed(self, text: str, start: int, end: int, stage: str | None = None) -> Actor:
        """The actor a source phrase the asking stage found no actor for stands for: a
        person the article names in full when the phrase is one of that person's names
        (a sentence-initial ``Trump`` the tagger took for a verb), else an unnamed
        source kept as its phrase. The request is recorded in ``requests``."""
        known = self._named_by(text) or self._named_inside(start, end)
        if known is not None:
            self._spans = None
            known.add_mention(Mention(text, start, end, "short"))
            self.requests.append(Request("unnamed", text, start, end, known.id, "known", stage or self.stage))
            return known
        phrase = re.sub(r"^(?:the|a|an|some|several|many|other|two|three)\s+", "", text.strip(), flags=re.IGNORECASE)
        # Scoped to the article: "officials" here and "officials" in another story are
        # not the same real actor, so the store must not merge them.
        actor = Actor(id=f"unnamed:{slug(phrase) or 'source'}@{self.article.id}", name=phrase or text,
                      kind="unnamed")
        # a source the article does not name is most likely of the country it is about
        actor.country = self.home_country
        actor = self.add(actor)
        actor.add_mention(Mention(text, start, end, "description"))
        self._spans = None
        self.requests.append(Request("unnamed", text, start, end, actor.id, "new", stage or self.stage))
        return actor

    def ask_mention(self, actor_id: str, text: str, start: int, end: int, kind: str = "name",
                    stage: str | None = None) -> None:
        """Record that [start, end) mentions ``actor_id`` (a pronoun the stage resolved
        through ``coref``, an interview label); recorded in ``requests``."""
        if actor_id not in self.actors:
            raise KeyError(f"no actor {actor_id!r} in this article")
        self._spans = None
        self.actors[actor_id].add_mention(Mention(text, start, end, kind))  # type: ignore[arg-type]
        self.requests.append(Request("mention", text, start, end, actor_id, "mention", stage or self.stage))

    def _named_inside(self, start: int, end: int) -> Actor | None:
        """The one person named inside a source phrase (``The mayor of Paris, Anne
        Hidalgo``: the parser hung the name on ``Paris``, and the phrase came whole)."""
        found = {a.id: a for a in self.actors.values() if a.kind == "person"
                 for m in a.mentions if m.kind in ("name", "short") and start <= m.start and m.end <= end}
        return next(iter(found.values())) if len(found) == 1 else None

    def _named_by(self, text: str) -> Actor | None:
        """The one person whose full name (two words or more) ends with, or is, this
        capitalised phrase; None when there is none or more than one."""
        words = text.strip().split()
        if not words or not all(w[:1].isupper() for w in words):
            return None
        key = [w.lower() for w in words]
        found = []
        for a in self.actors.values():
            if a.kind != "person":
                continue
            names = {a.name} | {m.text for m in a.mentions if m.kind == "name"}
            for n in names:
                nw = n.lower().split()
                if len(nw) > len(key) and nw[-len(key):] == key:
                    found.append(a)
                    break
        return found[0] if len(found) == 1 else None

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


