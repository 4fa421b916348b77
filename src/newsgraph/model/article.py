"""The article and what cleaning finds around its body: metadata, captions, credits.

Plain dataclasses, stdlib only: every layer above speaks these, none of them holds
a spaCy object. Every ``start``/``end`` is a Python string index into ``Article.text``.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from newsgraph.model.graph import Actor, Descriptor, Event, Quote, Tone

Format = Literal["text", "html", "jsonl"]


@dataclass
class Source:
    path: str | None = None
    url: str | None = None
    format: Format = "text"


@dataclass
class Metadata:
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    outlet_country: str | None = None  # ISO 3166 alpha-3
    language: str = "en"
    standfirst: str | None = None


@dataclass
class Caption:
    text: str
    start: int
    end: int
    date: str | None = None
    credit: str | None = None


@dataclass
class Credit:
    text: str
    start: int
    end: int
    photographer: str | None = None
    agency: str | None = None


@dataclass
class Zone:
    """A stretch of the text and what it is: only ``body``, ``standfirst`` and
    ``caption`` zones carry the story; ``header``, ``byline`` and ``credit`` do not."""

    kind: Literal["header", "title", "byline", "standfirst", "body", "caption", "credit"]
    start: int
    end: int


@dataclass
class Article:
    id: str
    text: str
    source: Source = field(default_factory=Source)
    metadata: Metadata = field(default_factory=Metadata)
    captions: list[Caption] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    zones: list[Zone] = field(default_factory=list)
    # Filled by the nlp stages.
    actors: list[Actor] = field(default_factory=list)
    descriptors: list[Descriptor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    non_events: list[Event] = field(default_factory=list)
    tone: Tone | None = None
    # Seconds its reader spent on it: the per-article time budget covers reading and
    # cleaning too, so parsing and extraction get the rest (never stored).
    budget_spent: float = field(default=0.0, compare=False, repr=False)

    def zone_at(self, offset: int) -> Zone | None:
        for z in self.zones:
            if z.start <= offset < z.end:
                return z
        return None

    def caption_at(self, offset: int) -> Caption | None:
        for c in self.captions:
            if c.start <= offset < c.end:
                return c
        return None

    def is_story(self, start: int, end: int | None = None) -> bool:
        """True when the span lies in text that tells the story (not a byline,
        date header or photo credit). Articles with no zones are all story."""
        if not self.zones:
            return True
        z = self.zone_at(start)
        return z is not None and z.kind in ("body", "standfirst", "caption", "title")

    def story_test(self) -> Callable[[int], bool]:
        """``is_story`` of an offset for a loop over the whole text while the zones stay as
        they are: the answer of each stretch between two zone edges, worked out once, then
        a bisect per offset instead of a scan of the zones (issue 13: asked once per token)."""
        if not self.zones:
            return lambda offset: True
        edges = sorted({x for z in self.zones for x in (z.start, z.end)})
        # no zone starts or ends inside a stretch, so one offset answers for all of it
        answers = [self.is_story(e) for e in edges[:-1]]
        last = len(answers)

        def test(offset: int) -> bool:
            i = bisect_right(edges, offset) - 1
            return 0 <= i < last and answers[i]
        return test
