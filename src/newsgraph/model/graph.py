"""What the nlp stages find: actors and their mentions, statements, events, tone."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ActorKind = Literal["person", "organization", "country", "group", "unnamed"]
MentionKind = Literal["name", "short", "title", "description", "pronoun", "demonym"]
QuoteKind = Literal["direct", "mixed", "indirect"]
Stance = Literal["negative", "neutral", "positive"]


@dataclass
class Mention:
    text: str
    start: int
    end: int
    kind: MentionKind = "name"


@dataclass
class Actor:
    id: str  # stable across articles for the same real actor, e.g. "person:vladimir-putin"
    name: str
    kind: ActorKind = "person"
    country: str | None = None  # ISO 3166 alpha-3, or IGO/NGO
    sector: str | None = None  # PLOVER/CAMEO sector: GOV, MIL, REB, JRN, ...
    role: str | None = None  # "president", "spokesperson", ...
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    def add_mention(self, m: Mention) -> None:
        # an empty or inverted span points at no characters: a parse with broken edges
        # (seen on fuzzed text) must not put it in the record
        if m.end <= m.start:
            return
        if not any(x.start == m.start and x.end == m.end for x in self.mentions):
            self.mentions.append(m)
            self.mentions.sort(key=lambda x: x.start)


@dataclass
class Descriptor:
    actor: str  # actor id
    text: str
    start: int
    end: int


@dataclass
class Quote:
    id: str
    content: str
    start: int
    end: int
    kind: QuoteKind
    fragments: list[list[int]] = field(default_factory=list)
    speaker: str | None = None  # actor id
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    about: list[str] = field(default_factory=list)  # event or actor ids
    stance: Stance | None = None
    channel: str | None = None  # "a statement posted on the Kremlin's website"
    # '"A," he said. "B."': the id of the first part, on each part (nlp/utterances.py)
    utterance: str | None = None


@dataclass
class Event:
    id: str
    type: str  # one of the 16 PLOVER types
    evidence: str
    start: int
    end: int
    source: list[str] = field(default_factory=list)  # actor ids
    target: list[str] = field(default_factory=list)  # actor ids
    mode: str | None = None
    cameo: str | None = None
    date: str | None = None
    location: str | None = None
    from_caption: bool = False
    historical: bool = False
    said_in: str | None = None  # quote id
    confidence: float = 0.5
    reason: str | None = None  # for non_events: negated, hypothetical, future, hedged


@dataclass
class Tone:
    """GDELT's seven tone values for one article."""

    tone: float = 0.0
    positive: float = 0.0
    negative: float = 0.0
    polarity: float = 0.0
    activity: float = 0.0
    self_group: float = 0.0
    word_count: int = 0


PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
